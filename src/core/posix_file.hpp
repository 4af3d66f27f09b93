#pragma once
/// Thin wrappers over the POSIX calls that durable, all-or-nothing output
/// needs and std::filesystem lacks: descriptors, fsync, flock (private to src/).
/// Failures throw std::filesystem::filesystem_error with the path and errno.

#include <chrono>
#include <filesystem>
#include <string>

namespace shockflow::posix {

/// An open file descriptor, closed by the destructor.
class UniqueFd {
public:
    UniqueFd() = default;
    explicit UniqueFd(int fd) noexcept : fd_(fd) {}
    ~UniqueFd();
    UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
    UniqueFd& operator=(UniqueFd&& other) noexcept;
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;

    [[nodiscard]] int get() const noexcept { return fd_; }
    [[nodiscard]] explicit operator bool() const noexcept { return fd_ >= 0; }
    int release() noexcept;

private:
    int fd_ = -1;
};

/// Throws filesystem_error(what, path) for errno `err`.
[[noreturn]] void throw_errno(const std::string& what, const std::filesystem::path& path, int err);

/// open(2) with O_CLOEXEC added; throws on failure.
UniqueFd open_fd(const std::filesystem::path& path, int flags, unsigned mode = 0644);

/// Writes all of `size` bytes at the file offset (retrying short writes); throws on failure.
void write_all(int fd, const char* data, std::size_t size, const std::filesystem::path& path);

/// Flushes a file's data and metadata to the device (fsync of a fresh descriptor).
void sync_file(const std::filesystem::path& path);
/// Flushes a directory, so that entries created, renamed or removed in it are durable.
void sync_dir(const std::filesystem::path& dir);

/// Takes an exclusive flock(2) on `fd` without waiting: false if another open
/// file description holds it (another process, or another open of the same file).
bool try_lock(int fd);

/// Opens (creating it) and exclusively flock(2)s `path`, waiting at most `timeout`.
/// The holder writes its pid into the file, for the message of whoever waits.
/// Throws filesystem_error on timeout or failure. The lock ends when the fd closes.
UniqueFd lock_file(const std::filesystem::path& path, std::chrono::milliseconds timeout);

/// True if a process with this id may exist (kill(pid, 0) did not fail with ESRCH).
bool process_alive(long pid);

}  // namespace shockflow::posix
