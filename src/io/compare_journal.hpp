#pragma once
/// The journal of `compare --out DIR` (private to src/): every finished
/// (policy, replication) pair is appended as it finishes, so that
/// `compare --resume` goes on after an interruption, even kill -9, and writes
/// the same bytes as a comparison that was never interrupted.
///
/// Each process writes DIR/.shockflow/journal.<rank> (one process: journal.0),
/// flock()ed while it runs. The file is text: a header line naming the
/// comparison it belongs to, then one line per pair:
///
///   shockflow-compare-journal 1 <key: 16 hex digits>
///   <policy> <replication> <n kpis> <n days> <value>... <check>
///
/// Each value is the 16 hex digits of a double's bits (exact, NaN too); the
/// check is the FNV-1a hash of the line up to it. A line that is cut short
/// (a write torn by a crash) or fails its check ends what is read back.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/posix_file.hpp"
#include "shockflow/experiment/compare.hpp"
#include "shockflow/policy/policy.hpp"
#include "shockflow/scenario/spec.hpp"

namespace shockflow::io {

/// What a journal's records are valid for: the bytes of the scenario's and
/// policies' files, the policies' names in order, the base seed, the KPIs,
/// whether daily fill rates are kept (--report), and the program's version
/// and git revision. Not the number of replications (a resumed comparison
/// may ask for more), nor threads or processes.
std::uint64_t journal_key(const ScenarioSpec& scenario, const std::vector<PolicySpec>& policies,
                          const experiment::CompareOptions& options);

/// The header line of a journal, with its newline.
std::string journal_header(std::uint64_t key);
/// The line of one finished pair, with its newline.
std::string journal_record(const experiment::FinishedPair& pair);

struct JournalContents {
    bool header_ok = false;       ///< the header names `key`
    std::size_t valid_bytes = 0;  ///< header and whole, checked records up to here
    std::vector<experiment::FinishedPair> pairs;
};
/// Reads a journal's text: nothing if its header is not that of `key`; else
/// its records up to the first one that is torn or fails its check.
JournalContents parse_journal(std::string_view text, std::uint64_t key);

class CompareJournal {
public:
    /// Opens and locks DIR/.shockflow/journal.<rank>. With `resume`, first
    /// reads back the finished pairs of every journal in that folder that
    /// belongs to comparison `key`, and keeps its own file's whole records;
    /// without, its own file starts afresh. Throws filesystem_error if the
    /// file cannot be written or another process holds it (a comparison
    /// already writing into DIR).
    CompareJournal(const std::filesystem::path& dir, std::uint64_t key, std::size_t rank,
                   bool resume);
    CompareJournal(const CompareJournal&) = delete;
    CompareJournal& operator=(const CompareJournal&) = delete;

    /// The pairs read back (none without resume), to move into CompareOptions::finished.
    [[nodiscard]] std::vector<experiment::FinishedPair>& finished() noexcept { return finished_; }
    /// Appends one pair. Calls must be serialised. Written at once (a killed
    /// process loses nothing), synced to the device at most once a second.
    void append(const experiment::FinishedPair& pair);
    /// This process's journal file.
    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
    /// Removes every journal of DIR: the comparison's files are committed.
    void remove_all();

private:
    std::filesystem::path state_;
    std::filesystem::path path_;
    posix::UniqueFd fd_;
    std::vector<experiment::FinishedPair> finished_;
    std::int64_t last_sync_ns_ = 0;
};

}  // namespace shockflow::io
