#include "core/interrupt.hpp"

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <map>
#include <system_error>
#include <thread>

#include "shockflow/core/assert.hpp"

namespace shockflow::interrupt {
namespace {

namespace fs = std::filesystem;

// Never destroyed: the watcher may still wait on the mutex while the main
// thread runs static destructors on its way out.
struct Registry {
    std::mutex mutex;
    std::map<std::uint64_t, fs::path> paths;  // folders and links
    std::uint64_t next_id = 1;
    std::string note;
};

Registry& registry() {
    static auto* r = new Registry;
    return *r;
}

std::atomic<bool> g_installed{false};

const char* signal_name(int sig) {
    switch (sig) {
        case SIGINT:
            return "SIGINT";
        case SIGTERM:
            return "SIGTERM";
        case SIGHUP:
            return "SIGHUP";
        default:
            return "a signal";
    }
}

[[noreturn]] void stop(int sig) {
    Registry& r = registry();
    const std::scoped_lock lock(r.mutex);  // held until _exit: nothing commits any more
    bool removed = false;
    for (const auto& [id, path] : r.paths) {
        std::error_code ignored;
        removed = fs::remove_all(path, ignored) > 0 || removed;
    }
    // A progress bar may have left the cursor mid-line.
    std::string message = fmt::format("\nshockflow: stopped by {}", signal_name(sig));
    if (removed) message += "; unfinished result files removed";
    message += '\n';
    if (!r.note.empty()) message += r.note + '\n';
    (void)!::write(STDERR_FILENO, message.data(), message.size());
    ::_exit(128 + sig);
}

}  // namespace

void install() {
    if (g_installed.exchange(true)) return;
    sigset_t set;
    sigemptyset(&set);
    for (const int sig : {SIGINT, SIGTERM, SIGHUP}) {
        struct sigaction current {};
        // Linux queues a blocked signal even when it is ignored: leave those alone.
        if (::sigaction(sig, nullptr, &current) == 0 && current.sa_handler == SIG_IGN) continue;
        sigaddset(&set, sig);
    }
    if (::pthread_sigmask(SIG_BLOCK, &set, nullptr) != 0) return;
    std::thread([set] {
        int sig = 0;
        while (::sigwait(&set, &sig) != 0) {
        }
        stop(sig);
    }).detach();
}

bool installed() noexcept { return g_installed.load(); }

std::unique_lock<std::mutex> critical() { return std::unique_lock(registry().mutex); }

std::uint64_t remove_on_signal(fs::path path) {
    Registry& r = registry();
    const std::scoped_lock lock(r.mutex);
    const std::uint64_t id = r.next_id++;
    r.paths.emplace(id, std::move(path));
    return id;
}

void forget(std::uint64_t id) noexcept {
    const std::unique_lock lock = critical();
    forget(id, lock);
}

void forget(std::uint64_t id, [[maybe_unused]] const std::unique_lock<std::mutex>& held) noexcept {
    SHOCKFLOW_ASSERT(held.owns_lock() && held.mutex() == &registry().mutex,
                     "forget(id, held) needs critical()");
    registry().paths.erase(id);
}

void set_note(std::string note) {
    Registry& r = registry();
    const std::scoped_lock lock(r.mutex);
    r.note = std::move(note);
}

}  // namespace shockflow::interrupt
