#pragma once
/// All-or-nothing writing of several files into one directory (private to src/):
/// the result files of io and the scenario files of the generator.

#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace shockflow {

/// Writes several files into one directory so that a failed or interrupted run
/// leaves no half-written file: each is written to a temporary beside its
/// destination, flushed and closed, then all are renamed in commit().
/// Without commit() (an exception, an early return) the temporaries are removed.
class AtomicOutput {
public:
    /// Creates `dir` (and parents) if needed. Throws std::runtime_error on failure.
    explicit AtomicOutput(std::filesystem::path dir);
    ~AtomicOutput();
    AtomicOutput(const AtomicOutput&) = delete;
    AtomicOutput& operator=(const AtomicOutput&) = delete;

    /// A stream for file `name` (relative to the directory); valid until commit().
    std::ostream& open(const std::string& name);
    /// Flushes and renames every opened file into place. Throws on I/O failure.
    void commit();

    [[nodiscard]] const std::filesystem::path& dir() const noexcept { return dir_; }

private:
    struct Pending;
    std::filesystem::path dir_;
    std::vector<std::unique_ptr<Pending>> pending_;
    bool committed_ = false;
};

}  // namespace shockflow
