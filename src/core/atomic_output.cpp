#include "core/atomic_output.hpp"

#include <fcntl.h>
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <fstream>
#include <system_error>
#include <utility>

#include "core/fault_point.hpp"
#include "core/interrupt.hpp"
#include "core/output_state.hpp"
#include "core/posix_file.hpp"
#include "shockflow/core/assert.hpp"

namespace shockflow {

namespace fs = std::filesystem;
namespace state = output_state;

namespace {

// A commit holds the lock for milliseconds; a minute means a stuck process.
constexpr std::chrono::milliseconds kLockTimeout{60'000};

posix::UniqueFd lock_state(const fs::path& state_dir) {
    return posix::lock_file(state_dir / state::kLock, kLockTimeout);
}

// The folder holding `dir`, whose entry for `dir` a first commit must sync.
fs::path parent_of(const fs::path& dir) {
    fs::path abs = fs::absolute(dir).lexically_normal();
    if (abs.filename().empty()) abs = abs.parent_path();  // "out/" -> "out"
    return abs.parent_path();
}

// With the system's reason: a full disk ("No space left on device") reads
// otherwise than a read-only one ("Read-only file system") or a denied one.
// Streams keep no error code of their own; errno, cleared before the
// operation, holds the failed call's (EIO if it set none).
[[noreturn]] void throw_io(const std::string& what, const fs::path& path) {
    const int err = errno != 0 ? errno : EIO;
    throw fs::filesystem_error(what, path, std::error_code(err, std::generic_category()));
}

}  // namespace

fs::path output_state_dir(const fs::path& dir) { return dir / state::kFolder; }

void check_output_names(const fs::path& dir, const std::vector<std::string>& family) {
    for (const std::string& name : family) state::check_free(dir, name);
}

struct AtomicOutput::Pending {
    std::string name;
    fs::path path;
    std::ofstream stream;
};

// The staging folder, flock()ed for as long as this object lives: that is
// how a later process tells a live writer's folder from a dead one's.
struct AtomicOutput::Stage {
    fs::path state;
    std::string suffix;
    fs::path folder;
    posix::UniqueFd lock;
    std::uint64_t signal_id = 0;
    bool dir_created = false;
    /// Links made by commit() for names that had none, with their signal ids.
    std::vector<std::pair<fs::path, std::uint64_t>> new_links;
};

AtomicOutput::AtomicOutput(fs::path dir, std::vector<std::string> family)
    : dir_(std::move(dir)), family_(std::move(family)), stage_(std::make_unique<Stage>()) {
    Stage& s = *stage_;
    std::error_code ec;
    s.dir_created = fs::create_directories(dir_, ec);
    if (ec) throw fs::filesystem_error("cannot create output directory", dir_, ec);
    // A long run must not find out at its end that it cannot write its files.
    check_output_names(dir_, family_);
    s.state = output_state_dir(dir_);
    fs::create_directory(s.state, ec);
    if (ec || !fs::is_directory(s.state))
        throw fs::filesystem_error("cannot create the output directory's hidden folder", s.state,
                                   ec ? ec : std::make_error_code(std::errc::not_a_directory));
    {
        const posix::UniqueFd held = lock_state(s.state);
        state::remove_stale(dir_, s.state, family_);
        s.suffix = state::unique_suffix();
        s.folder = s.state / fmt::format("{}{}", state::kStagePrefix, s.suffix);
        fs::create_directory(s.folder);
        try {
            s.lock = posix::open_fd(s.folder, O_RDONLY | O_DIRECTORY);
        } catch (...) {
            std::error_code ignored;
            fs::remove_all(s.folder, ignored);
            throw;
        }
        [[maybe_unused]] const bool locked = posix::try_lock(s.lock.get());
        SHOCKFLOW_ASSERT(locked, "a new staging folder is already locked");
        s.signal_id = interrupt::remove_on_signal(s.folder);
    }
    fault_point("stage-open");
}

AtomicOutput::~AtomicOutput() {
    if (committed_) return;
    for (auto& p : pending_) p->stream.close();
    std::error_code ignored;  // best effort: a destructor must not throw
    fs::remove_all(stage_->folder, ignored);
    interrupt::forget(stage_->signal_id);
    for (const auto& [link, id] : stage_->new_links) {
        fs::remove(link, ignored);
        interrupt::forget(id);
    }
}

std::ostream& AtomicOutput::open(const std::string& name) {
    SHOCKFLOW_ASSERT(!committed_, "AtomicOutput::open after commit");
    SHOCKFLOW_ASSERT(std::find(family_.begin(), family_.end(), name) != family_.end(),
                     "a file outside the output's family");
    SHOCKFLOW_ASSERT(std::none_of(pending_.begin(), pending_.end(),
                                  [&](const auto& o) { return o->name == name; }),
                     "file opened twice");
    auto p = std::make_unique<Pending>();
    p->name = name;
    p->path = stage_->folder / name;
    {
        // Not while a signal's cleanup removes the folder.
        const auto held = interrupt::critical();
        errno = 0;
        p->stream.open(p->path, std::ios::binary | std::ios::trunc);
    }
    if (!p->stream) throw_io("cannot open for writing", p->path);
    pending_.push_back(std::move(p));
    return pending_.back()->stream;
}

void AtomicOutput::commit() {
    SHOCKFLOW_ASSERT(!committed_, "AtomicOutput::commit called twice");
    Stage& s = *stage_;
    // Everything written and on the device before anything becomes visible.
    for (auto& p : pending_) {
        // A write that failed while the file was being written left its
        // reason in errno (what ran since succeeded and left it alone).
        if (!p->stream.fail()) errno = 0;
        p->stream.flush();
        p->stream.close();
        if (p->stream.fail()) throw_io("cannot write", p->path);
        posix::sync_file(p->path);
    }
    posix::sync_dir(s.folder);
    fault_point("commit-staged");

    const posix::UniqueFd held = lock_state(s.state);
    for (const std::string& name : family_) state::check_free(dir_, name);
    state::adopt_files(dir_, s.state, family_);
    const std::optional<std::string> current = state::read_link(s.state, state::kCurrent);
    // Other commands' files stay: the new set carries them over.
    if (current) {
        for (const auto& entry : fs::directory_iterator(s.state / *current)) {
            const std::string name = entry.path().filename().string();
            if (std::find(family_.begin(), family_.end(), name) != family_.end()) continue;
            if (state::classify(dir_, name) == state::Shown::Link)
                state::link_or_copy(entry.path(), s.folder / name);
        }
    }
    posix::sync_dir(s.folder);
    // Links to names the current set lacks lead nowhere until the switch;
    // they go again if the commit does not get that far.
    for (const auto& p : pending_) {
        if (state::classify(dir_, p->name) != state::Shown::Nothing) continue;
        const fs::path link = dir_ / p->name;
        s.new_links.emplace_back(link, interrupt::remove_on_signal(link));
        fs::create_symlink(state::link_target(p->name), link);
    }
    posix::sync_dir(dir_);
    if (s.dir_created) posix::sync_dir(parent_of(dir_));
    fault_point("commit-linked");

    const std::string set = fmt::format("{}{}", state::kSetPrefix, s.suffix);
    {
        const auto no_signal = interrupt::critical();
        fs::rename(s.folder, s.state / set);
        if (current) state::point(s.state, state::kPrevious, *current);
        state::point(s.state, state::kCurrent, set);  // the one step that publishes the set
        interrupt::forget(s.signal_id, no_signal);
        for (const auto& [link, id] : s.new_links) interrupt::forget(id, no_signal);
        committed_ = true;
    }
    posix::sync_dir(s.state);
    fault_point("commit-swapped");
    try {
        state::remove_stale(dir_, s.state, family_);
    } catch (const fs::filesystem_error&) {
        // The set is committed; what is left over goes with the next commit.
    }
}

}  // namespace shockflow
