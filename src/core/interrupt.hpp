#pragma once
/// What the programs do when stopped by SIGINT, SIGTERM or SIGHUP (private to
/// src/): unfinished output is removed, and the process exits with status
/// 128 + the signal's number (130, 143, 129), as a shell reports it.
///
/// A watcher thread takes the signals with sigwait(), so cleaning up is
/// ordinary code, not a signal handler. Code that must not be cut short
/// (the few renames that make a result visible) holds `critical()`.

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>

namespace shockflow::interrupt {

/// Blocks SIGINT, SIGTERM and SIGHUP in the calling thread and starts the
/// watcher. Call it first in main(), before any other thread is started:
/// threads inherit the blocked set, so the watcher alone receives the signals.
/// A signal that is ignored when this is called (nohup, a background job)
/// stays ignored. Calling it again does nothing.
void install();

/// Whether install() was called.
bool installed() noexcept;

/// Keeps the watcher from acting until the lock is released.
[[nodiscard]] std::unique_lock<std::mutex> critical();

/// Registers a folder (removed recursively) or a link that the watcher
/// removes if a signal stops the process. Returns its id for forget().
/// Thread-safe.
std::uint64_t remove_on_signal(std::filesystem::path path);
/// The folder of `id` is no longer to be removed (committed or cleaned up).
void forget(std::uint64_t id) noexcept;
/// The same, for a caller that holds `critical()` already.
void forget(std::uint64_t id, const std::unique_lock<std::mutex>& held) noexcept;

/// A line printed on stderr if a signal stops the process ("" for none).
void set_note(std::string note);

}  // namespace shockflow::interrupt
