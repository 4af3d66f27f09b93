#pragma once
/// State shared by the readers of one scenario or policy file: where relative
/// paths start, the fingerprint of the bytes read, and the problems found.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "shockflow/core/error.hpp"
#include "shockflow/core/hash.hpp"
#include "shockflow/core/interned.hpp"

namespace shockflow::scenario {

/// One load of one TOML file (plus the CSV tables it names).
class LoadContext {
public:
    /// `file` as given by the user: diagnostics name it exactly so.
    explicit LoadContext(const std::filesystem::path& file);

    [[nodiscard]] const std::string& file() const noexcept { return file_.str(); }
    /// Directory that relative paths inside the file start from.
    [[nodiscard]] const std::filesystem::path& dir() const noexcept { return dir_; }
    /// FNV-1a 64 chained over every file read so far, in reading order.
    [[nodiscard]] std::uint64_t input_hash() const noexcept { return hash_; }
    /// Chains text that is input without being a file (a --set) into input_hash.
    void hash_text(std::string_view text) noexcept { hash_ = fnv1a(text, hash_); }

    /// A location in the TOML file itself.
    [[nodiscard]] SourceLoc at(std::uint32_t line, std::uint32_t column) const {
        return SourceLoc{file_, line, column};
    }
    /// A location in the file a TOML value was parsed from, as the parser
    /// recorded its name (`source`; null: the file of this load). A scenario
    /// that extends another holds values of both files, and of `--set`.
    [[nodiscard]] SourceLoc at(const std::string* source, std::uint32_t line,
                               std::uint32_t column) const;

    /// Records one problem; loading goes on so that all of them are reported.
    void error(SourceLoc loc, std::string message);
    /// Records `problems` as if they had been reported before the problem
    /// numbered `index` (0-based, in reporting order): a table read row by row
    /// reports its syntax problems ahead of what its rows hold, as when the
    /// whole table was parsed first.
    void error_before(std::size_t index, std::vector<Diagnostic> problems);
    [[nodiscard]] std::size_t error_count() const noexcept { return errors_.size(); }

    /// Whether a "did you mean" may still be looked for among a long list of
    /// names: true for the first kMaxSuggestions unknown names of a load. A
    /// search costs the length of the list, and 100,000 unknown ids against
    /// 5,000 nodes took a minute; beyond these the known names are listed.
    bool may_suggest() noexcept { return suggestions_++ < kMaxSuggestions; }
    static constexpr std::size_t kMaxSuggestions = 1000;

    /// Throws ConfigError with every problem, in file order (as a compiler
    /// would list them), if there is any.
    void throw_if_any();

    /// Reads a whole regular file and chains its bytes into the input hash;
    /// nullopt if it cannot be read (the caller reports where the path was
    /// written, with read_error()).
    std::optional<std::string> read(const std::filesystem::path& path);
    /// Why the last read() failed: "no such file or directory", "permission
    /// denied", "not a regular file (a directory)", ...
    [[nodiscard]] const std::string& read_error() const noexcept { return read_error_; }

private:
    Interned file_;
    std::filesystem::path dir_;
    std::uint64_t hash_ = kFnvOffset;
    std::vector<Diagnostic> errors_;
    std::vector<std::string> files_read_;  ///< ranks files when sorting errors
    std::string read_error_;
    std::size_t suggestions_ = 0;
    // The file of the last located value: most values come from one file.
    mutable const std::string* last_source_ = nullptr;
    mutable Interned last_file_;
};

/// A callable that spells out a key path.
template <typename F>
concept PathSpeller = std::is_invocable_r_v<std::string, const F&>;

/// A key path (`link "a->b".capacity`) spelled out only when a problem is
/// reported: a string, or a callable returning one. A 20,000-link table holds
/// some 100,000 values to check, and formatting a path for each took longer
/// than reading them. For parameters only: it refers to its argument, which
/// lives until the call returns.
class KeyPath {
public:
    // Implicit, so that every check still takes a plain string.
    KeyPath(const std::string& text) noexcept  // NOLINT(google-explicit-constructor)
        : object_(&text),
          spell_([](const void* o) { return *static_cast<const std::string*>(o); }) {}
    template <PathSpeller F>
    KeyPath(const F& spell) noexcept  // NOLINT(google-explicit-constructor)
        : object_(&spell), spell_([](const void* o) { return (*static_cast<const F*>(o))(); }) {}

    [[nodiscard]] std::string str() const { return spell_(object_); }

private:
    const void* object_;
    std::string (*spell_)(const void*);
};

/// Range checks: report `PATH: must be ... (got V)` at `loc` and return whether
/// `v` passed.
bool check_at_least(LoadContext& ctx, const SourceLoc& loc, KeyPath path, double v, double min);
/// v > min.
bool check_above(LoadContext& ctx, const SourceLoc& loc, KeyPath path, double v, double min);
/// 0 <= v <= 1.
bool check_share(LoadContext& ctx, const SourceLoc& loc, KeyPath path, double v);
/// v <= max: `PATH: must be at most MAX[ UNIT] (got V)`.
bool check_at_most(LoadContext& ctx, const SourceLoc& loc, KeyPath path, double v, double max,
                   std::string_view unit = "");
/// A point in time: |v| <= limits::kMaxDay.
bool check_day(LoadContext& ctx, const SourceLoc& loc, KeyPath path, double v);
/// A span of days: 0 <= v <= limits::kMaxDays.
bool check_days(LoadContext& ctx, const SourceLoc& loc, KeyPath path, double v);
/// A quantity, rate, price or cost: 0 <= v <= limits::kMaxQuantity.
bool check_quantity(LoadContext& ctx, const SourceLoc& loc, KeyPath path, double v);
/// A multiplier or extra share: 0 <= v <= limits::kMaxFactor.
bool check_factor(LoadContext& ctx, const SourceLoc& loc, KeyPath path, double v);

/// Stable sort by file (in the order of `files`), then line, then column.
void sort_in_file_order(std::vector<Diagnostic>& all, const std::vector<std::string>& files);

}  // namespace shockflow::scenario
