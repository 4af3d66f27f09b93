#pragma once
/// The hidden folder DIR/.shockflow behind AtomicOutput (private to src/core):
/// what a file name in DIR is, the `current` and `previous` links, adopting
/// plain files into a committed set, and removing what killed processes left.
/// Every function that changes the folder expects its lock to be held.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shockflow::output_state {

inline constexpr std::string_view kFolder = ".shockflow";
inline constexpr std::string_view kCurrent = "current";
inline constexpr std::string_view kPrevious = "previous";
inline constexpr std::string_view kLock = "lock";
inline constexpr std::string_view kStagePrefix = "stage-";
inline constexpr std::string_view kSetPrefix = "gen-";

/// ".shockflow/current/NAME", what DIR/NAME links to.
std::string link_target(const std::string& name);

/// What DIR/NAME is.
enum class Shown {
    Nothing,  ///< no such entry
    Link,     ///< our link to .shockflow/current/NAME
    File,     ///< a regular file (written by an earlier version, or by hand)
    Other,    ///< a directory, another link, a pipe, ...: not ours to replace
};
Shown classify(const std::filesystem::path& dir, const std::string& name);
/// Throws filesystem_error if DIR/NAME is Shown::Other.
void check_free(const std::filesystem::path& dir, const std::string& name);

/// The set `link` ("current" or "previous") points to, e.g. "gen-123-5f3a".
std::optional<std::string> read_link(const std::filesystem::path& state, std::string_view link);
/// Points `link` at `target` atomically: a new link renamed over the old one.
void point(const std::filesystem::path& state, std::string_view link, const std::string& target);

/// A hard link of `from` at `to`, or a copy where the file system has none.
void link_or_copy(const std::filesystem::path& from, const std::filesystem::path& to);

/// "PID-NANOSECONDS": a name no other staging folder has had.
std::string unique_suffix();

/// Plain files among `names` in DIR (an earlier version's results) become
/// links into a new committed set, without any reader seeing a mix: the set
/// holds hard links of those files and of everything `current` shows, it
/// becomes `current`, then each file is replaced by its link.
void adopt_files(const std::filesystem::path& dir, const std::filesystem::path& state,
                 const std::vector<std::string>& names);

/// Removes staging folders whose process is gone (their flock is free), sets
/// other than `current` and `previous`, half-made links, links of `family`
/// that lead nowhere, and the hidden temporaries of earlier versions
/// (.NAME.tmp.PID) whose process is gone.
void remove_stale(const std::filesystem::path& dir, const std::filesystem::path& state,
                  const std::vector<std::string>& family);

}  // namespace shockflow::output_state
