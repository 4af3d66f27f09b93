#include "io/compare_journal.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <bit>
#include <charconv>
#include <chrono>
#include <fstream>
#include <iterator>
#include <system_error>

#include "core/atomic_output.hpp"
#include "core/fault_point.hpp"
#include "shockflow/core/assert.hpp"
#include "shockflow/core/hash.hpp"
#include "shockflow/core/version.hpp"
#include "shockflow/model/kpi.hpp"

namespace shockflow::io {

namespace fs = std::filesystem;
using experiment::FinishedPair;

namespace {

constexpr std::string_view kMagic = "shockflow-compare-journal 2 ";
constexpr std::string_view kPrefix = "journal.";

void append_hex(std::string& out, std::uint64_t v) {
    fmt::format_to(std::back_inserter(out), "{:016x}", v);
}

// The next space-separated field of `line`, or empty at its end.
std::string_view next_field(std::string_view& line) {
    const auto space = line.find(' ');
    const std::string_view field = line.substr(0, space);
    line.remove_prefix(space == std::string_view::npos ? line.size() : space + 1);
    return field;
}

template <typename T>
bool parse_number(std::string_view text, T& value, int base = 10) {
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value, base);
    return !text.empty() && ec == std::errc{} && ptr == end;
}

bool parse_values(std::string_view& line, std::size_t n, std::vector<double>& out) {
    out.resize(n);
    for (double& v : out) {
        const std::string_view field = next_field(line);
        std::uint64_t bits = 0;
        if (field.size() != 16 || !parse_number(field, bits, 16)) return false;
        v = std::bit_cast<double>(bits);
    }
    return true;
}

// One record line (without its newline), or false if it is damaged.
bool parse_record(std::string_view line, FinishedPair& pair) {
    const auto last_space = line.rfind(' ');
    if (last_space == std::string_view::npos) return false;
    std::uint64_t check = 0;
    const std::string_view check_field = line.substr(last_space + 1);
    if (check_field.size() != 16 || !parse_number(check_field, check, 16)) return false;
    if (fnv1a(line.substr(0, last_space + 1)) != check) return false;
    std::string_view rest = line.substr(0, last_space);
    std::size_t n_kpis = 0, n_days = 0;
    if (!parse_number(next_field(rest), pair.policy) ||
        !parse_number(next_field(rest), pair.replication) ||
        !parse_number(next_field(rest), n_kpis) || !parse_number(next_field(rest), n_days))
        return false;
    // One digit per KPI, 1 where its value is censored.
    const std::string_view flags = next_field(rest);
    if (flags.size() != n_kpis || flags.find_first_not_of("01") != std::string_view::npos)
        return false;
    pair.censored.clear();
    for (const char c : flags) pair.censored.push_back(c == '1' ? 1 : 0);
    // The check passed, so the counts are what was written; they bound the fields.
    if (n_kpis + n_days > rest.size()) return false;
    return parse_values(rest, n_kpis, pair.kpis) && parse_values(rest, n_days, pair.daily_fill) &&
           rest.empty();
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string read_fd(int fd, const fs::path& path) {
    std::string text;
    char buf[1 << 16];
    for (off_t at = 0;;) {
        const ssize_t n = ::pread(fd, buf, sizeof buf, at);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) posix::throw_errno("cannot read", path, errno);
        if (n == 0) return text;
        text.append(buf, static_cast<std::size_t>(n));
        at += n;
    }
}

std::int64_t now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

}  // namespace

std::uint64_t journal_key(const ScenarioSpec& scenario, const std::vector<PolicySpec>& policies,
                          const experiment::CompareOptions& options) {
    std::string text = fmt::format("scenario {:016x}\nseed {}\ndaily {}\n", scenario.input_hash,
                                   options.seed, options.daily_fill);
    for (const PolicySpec& p : policies)
        text += fmt::format("policy {:016x} {}\n", p.input_hash, p.name);
    for (const KpiInfo& kpi : kpi_registry()) text += fmt::format("kpi {}\n", kpi.name);
    text += fmt::format("version {} {}\n", version(), git_revision());
    return fnv1a(text);
}

std::string journal_header(std::uint64_t key) {
    std::string out(kMagic);
    append_hex(out, key);
    out += '\n';
    return out;
}

std::string journal_record(const FinishedPair& pair) {
    std::string out = fmt::format("{} {} {} {} ", pair.policy, pair.replication, pair.kpis.size(),
                                  pair.daily_fill.size());
    SHOCKFLOW_ASSERT(pair.censored.size() == pair.kpis.size(), "a censored flag per KPI");
    for (const std::uint8_t c : pair.censored) out += c != 0 ? '1' : '0';
    for (const auto* values : {&pair.kpis, &pair.daily_fill}) {
        for (const double v : *values) {
            out += ' ';
            append_hex(out, std::bit_cast<std::uint64_t>(v));
        }
    }
    out += ' ';
    append_hex(out, fnv1a(out));
    out += '\n';
    return out;
}

JournalContents parse_journal(std::string_view text, std::uint64_t key) {
    JournalContents contents;
    const std::string header = journal_header(key);
    if (!text.starts_with(header)) return contents;
    contents.header_ok = true;
    std::size_t at = header.size();
    while (at < text.size()) {
        const auto eol = text.find('\n', at);
        if (eol == std::string_view::npos) break;  // torn: the crash cut the write short
        FinishedPair pair;
        if (!parse_record(text.substr(at, eol - at), pair)) break;
        contents.pairs.push_back(std::move(pair));
        at = eol + 1;
    }
    contents.valid_bytes = at;
    return contents;
}

CompareJournal::CompareJournal(const fs::path& dir, std::uint64_t key, std::size_t rank,
                               bool resume)
    : state_(output_state_dir(dir)), path_(state_ / fmt::format("{}{}", kPrefix, rank)) {
    std::error_code ec;
    fs::create_directories(state_, ec);
    if (ec) throw fs::filesystem_error("cannot create output directory", state_, ec);
    fd_ = posix::open_fd(path_, O_RDWR | O_CREAT | O_APPEND);
    if (!posix::try_lock(fd_.get())) {
        throw fs::filesystem_error(
            "another shockflow compare is writing into this output directory (its journal is "
            "locked); wait for it to end or choose another --out",
            path_, std::make_error_code(std::errc::resource_unavailable_try_again));
    }
    std::size_t keep = 0;
    if (resume) {
        const JournalContents own = parse_journal(read_fd(fd_.get(), path_), key);
        keep = own.header_ok ? own.valid_bytes : 0;
        finished_ = own.pairs;
        for (const auto& entry : fs::directory_iterator(state_)) {
            const std::string name = entry.path().filename().string();
            if (!name.starts_with(kPrefix) || entry.path() == path_) continue;
            JournalContents other = parse_journal(read_file(entry.path()), key);
            for (FinishedPair& pair : other.pairs) finished_.push_back(std::move(pair));
        }
    }
    // Cut a torn last record (or a journal of another comparison) away.
    if (::ftruncate(fd_.get(), static_cast<off_t>(keep)) != 0)
        posix::throw_errno("cannot truncate", path_, errno);
    if (keep == 0) {
        const std::string header = journal_header(key);
        posix::write_all(fd_.get(), header.data(), header.size(), path_);
    }
    last_sync_ns_ = now_ns();
}

void CompareJournal::append(const FinishedPair& pair) {
    const std::string record = journal_record(pair);
    posix::write_all(fd_.get(), record.data(), record.size(), path_);
    fault_point("journal-record");
    // A killed process loses nothing written; a power cut, at most the last second.
    if (const std::int64_t now = now_ns(); now - last_sync_ns_ >= 1'000'000'000) {
        (void)::fdatasync(fd_.get());
        last_sync_ns_ = now;
    }
}

void CompareJournal::remove_all() {
    std::error_code ignored;
    for (const auto& entry : fs::directory_iterator(state_, ignored)) {
        if (entry.path().filename().string().starts_with(kPrefix))
            fs::remove(entry.path(), ignored);
    }
}

}  // namespace shockflow::io
