#pragma once
/// All-or-nothing writing of several files into one directory (private to src/):
/// the result files of io and the scenario files of the generator.
///
/// Layout of an output directory DIR (docs/FORMAT.md, "How result files are
/// committed"):
///
///   DIR/NAME -> .shockflow/current/NAME     one symbolic link per file name
///   DIR/.shockflow/current -> gen-...       the committed set of files
///   DIR/.shockflow/previous -> gen-...      the set before it
///   DIR/.shockflow/gen-.../NAME             the files themselves
///   DIR/.shockflow/stage-PID-.../           a set being written
///   DIR/.shockflow/lock                     flock(2)ed while committing or cleaning
///
/// Every file is written into a staging folder and synced; the set becomes
/// visible by one rename(2) of the `current` link. A reader that opens
/// DIR/NAME therefore sees the whole old set or the whole new one.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace shockflow {

/// Writes a set of files into one directory so that they become visible
/// together or not at all. Each file is written into a hidden staging folder,
/// then commit() syncs the files to the device and switches to them in one
/// atomic step. Without commit() (an exception, an early return, a signal when
/// interrupt::install() was called) the staging folder is removed and the
/// directory shows what it showed before. A staging folder left by a killed
/// process is removed by the next AtomicOutput on the same directory.
///
/// `family` names every file this kind of output may write. A commit replaces
/// the whole family: a name of the family that was not written this time
/// disappears (a run without --report drops the report of an earlier run).
/// Files of the directory outside the family (another command's results) are
/// carried over unchanged.
class AtomicOutput {
public:
    /// Creates `dir` (and parents) if needed, removes what killed processes
    /// left behind and opens a staging folder. Throws std::filesystem::filesystem_error
    /// if `dir` cannot be created or a name of `family` is taken by something
    /// that is not a result file (a directory, say).
    AtomicOutput(std::filesystem::path dir, std::vector<std::string> family);
    ~AtomicOutput();
    AtomicOutput(const AtomicOutput&) = delete;
    AtomicOutput& operator=(const AtomicOutput&) = delete;

    /// A stream for file `name`, one of the family; valid until commit().
    std::ostream& open(const std::string& name);
    /// Syncs every opened file and makes the set visible. Throws on I/O failure,
    /// leaving the directory as it was, or if another process holds the
    /// directory's lock for over a minute.
    void commit();

    [[nodiscard]] const std::filesystem::path& dir() const noexcept { return dir_; }

private:
    struct Pending;
    struct Stage;
    std::filesystem::path dir_;
    std::vector<std::string> family_;
    std::unique_ptr<Stage> stage_;
    std::vector<std::unique_ptr<Pending>> pending_;
    bool committed_ = false;
};

/// Throws the filesystem_error AtomicOutput's constructor would if a name of
/// `family` in `dir` is something a commit cannot replace (a directory, say):
/// for a command that writes only at its end, to fail before its work.
void check_output_names(const std::filesystem::path& dir, const std::vector<std::string>& family);

/// DIR/.shockflow: the hidden folder holding DIR's committed files, staging
/// folders, lock and compare journals.
std::filesystem::path output_state_dir(const std::filesystem::path& dir);

}  // namespace shockflow
