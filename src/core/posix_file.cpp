#include "core/posix_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <string_view>
#include <system_error>
#include <thread>

namespace shockflow::posix {

namespace fs = std::filesystem;

UniqueFd::~UniqueFd() {
    if (fd_ >= 0) ::close(fd_);
}

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = other.release();
    }
    return *this;
}

int UniqueFd::release() noexcept {
    const int fd = fd_;
    fd_ = -1;
    return fd;
}

void throw_errno(const std::string& what, const fs::path& path, int err) {
    throw fs::filesystem_error(what, path, std::error_code(err, std::generic_category()));
}

UniqueFd open_fd(const fs::path& path, int flags, unsigned mode) {
    int fd = -1;
    do {
        fd = ::open(path.c_str(), flags | O_CLOEXEC, static_cast<mode_t>(mode));
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) throw_errno("cannot open", path, errno);
    return UniqueFd(fd);
}

void write_all(int fd, const char* data, std::size_t size, const fs::path& path) {
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw_errno("cannot write", path, errno);
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
}

namespace {

void sync_fd(int fd, const fs::path& path) {
    int rc = 0;
    do {
        rc = ::fsync(fd);
    } while (rc != 0 && errno == EINTR);
    // Some file systems cannot sync a directory; that is no reason to fail.
    if (rc != 0 && errno != EINVAL && errno != ENOTSUP) throw_errno("cannot sync", path, errno);
}

}  // namespace

void sync_file(const fs::path& path) {
    const UniqueFd fd = open_fd(path, O_RDONLY);
    sync_fd(fd.get(), path);
}

void sync_dir(const fs::path& dir) {
    const UniqueFd fd = open_fd(dir, O_RDONLY | O_DIRECTORY);
    sync_fd(fd.get(), dir);
}

bool try_lock(int fd) {
    int rc = 0;
    do {
        rc = ::flock(fd, LOCK_EX | LOCK_NB);
    } while (rc != 0 && errno == EINTR);
    if (rc == 0) return true;
    if (errno == EWOULDBLOCK) return false;
    throw_errno("cannot lock", fs::path(fmt::format("/proc/self/fd/{}", fd)), errno);
}

UniqueFd lock_file(const fs::path& path, std::chrono::milliseconds timeout) {
    UniqueFd fd = open_fd(path, O_RDWR | O_CREAT);
    const auto give_up = std::chrono::steady_clock::now() + timeout;
    while (!try_lock(fd.get())) {
        if (std::chrono::steady_clock::now() >= give_up) {
            char holder[32] = {};
            const ssize_t n = ::pread(fd.get(), holder, sizeof holder - 1, 0);
            std::string_view pid(holder, n > 0 ? static_cast<std::size_t>(n) : 0);
            while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.remove_suffix(1);
            throw fs::filesystem_error(
                fmt::format("another shockflow process{} has held the output folder's lock for "
                            "{} s",
                            pid.empty() ? "" : fmt::format(" (pid {})", pid),
                            std::chrono::duration_cast<std::chrono::seconds>(timeout).count()),
                path, std::make_error_code(std::errc::resource_unavailable_try_again));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    const std::string pid = fmt::format("{}\n", ::getpid());
    if (::ftruncate(fd.get(), 0) == 0) {
        // Only a courtesy for a waiting process's message: errors do not matter.
        (void)::pwrite(fd.get(), pid.data(), pid.size(), 0);
    }
    return fd;
}

bool process_alive(long pid) {
    if (pid <= 0) return false;
    return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH;
}

}  // namespace shockflow::posix
