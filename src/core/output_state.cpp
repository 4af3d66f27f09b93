#include "core/output_state.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <system_error>

#include "core/fault_point.hpp"
#include "core/interrupt.hpp"
#include "core/posix_file.hpp"

namespace shockflow::output_state {

namespace fs = std::filesystem;

std::string link_target(const std::string& name) {
    return fmt::format("{}/{}/{}", kFolder, kCurrent, name);
}

Shown classify(const fs::path& dir, const std::string& name) {
    const fs::path path = dir / name;
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) {
        if (errno == ENOENT) return Shown::Nothing;
        posix::throw_errno("cannot inspect", path, errno);
    }
    if (S_ISREG(st.st_mode)) return Shown::File;
    if (!S_ISLNK(st.st_mode)) return Shown::Other;
    std::error_code ec;
    const fs::path target = fs::read_symlink(path, ec);
    return !ec && target == link_target(name) ? Shown::Link : Shown::Other;
}

void check_free(const fs::path& dir, const std::string& name) {
    if (classify(dir, name) != Shown::Other) return;
    throw fs::filesystem_error(
        "a result file goes here, but this is a directory, a link or a special file that "
        "shockflow did not write; move it away",
        dir / name, std::make_error_code(std::errc::file_exists));
}

std::optional<std::string> read_link(const fs::path& state, std::string_view link) {
    std::error_code ec;
    const fs::path target = fs::read_symlink(state / link, ec);
    if (ec) return std::nullopt;
    const std::string name = target.string();
    // Only a set of this folder counts; anything else is not ours to follow.
    if (!name.starts_with(kSetPrefix) || name.find('/') != std::string::npos) return std::nullopt;
    return name;
}

void point(const fs::path& state, std::string_view link, const std::string& target) {
    const fs::path fresh = state / fmt::format("{}.{}.new", link, ::getpid());
    std::error_code ignored;
    fs::remove(fresh, ignored);
    fs::create_symlink(target, fresh);
    fs::rename(fresh, state / link);
}

void link_or_copy(const fs::path& from, const fs::path& to) {
    if (::link(from.c_str(), to.c_str()) == 0) return;
    if (errno != EPERM && errno != EXDEV && errno != EMLINK && errno != ENOTSUP)
        posix::throw_errno("cannot link", to, errno);
    fs::copy_file(from, to, fs::copy_options::overwrite_existing);
}

std::string unique_suffix() {
    const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
    return fmt::format("{}-{:x}", ::getpid(), ns);
}

namespace {

std::vector<std::string> entries(const fs::path& folder) {
    std::vector<std::string> names;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
        names.push_back(it->path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

// Replaces DIR/NAME (a plain file) by its link, atomically for that name.
void relink(const fs::path& dir, const fs::path& state, const std::string& name) {
    const fs::path fresh = state / fmt::format("link.{}.new", ::getpid());
    std::error_code ignored;
    fs::remove(fresh, ignored);
    fs::create_symlink(link_target(name), fresh);
    fs::rename(fresh, dir / name);
}

}  // namespace

void adopt_files(const fs::path& dir, const fs::path& state,
                 const std::vector<std::string>& names) {
    std::vector<std::string> files;
    for (const std::string& name : names)
        if (classify(dir, name) == Shown::File) files.push_back(name);
    if (files.empty()) return;

    const std::string set = fmt::format("{}{}", kSetPrefix, unique_suffix());
    fs::create_directory(state / set);
    const std::optional<std::string> current = read_link(state, kCurrent);
    if (current) {
        for (const std::string& name : entries(state / *current)) {
            if (classify(dir, name) == Shown::Link)
                link_or_copy(state / *current / name, state / set / name);
        }
    }
    for (const std::string& name : files) {
        link_or_copy(dir / name, state / set / name);
        // Written by an earlier version without fsync: make it durable now.
        posix::sync_file(state / set / name);
    }
    posix::sync_dir(state / set);
    {
        const auto held = interrupt::critical();
        if (current) point(state, kPrevious, *current);
        point(state, kCurrent, set);
    }
    posix::sync_dir(state);
    for (const std::string& name : files) {
        relink(dir, state, name);
        fault_point("adopt-relinked");
    }
    posix::sync_dir(dir);
}

namespace {

// A staging folder whose flock can be taken has no live writer any more.
bool abandoned(const fs::path& folder) {
    try {
        const posix::UniqueFd fd = posix::open_fd(folder, O_RDONLY | O_DIRECTORY);
        return posix::try_lock(fd.get());
    } catch (const fs::filesystem_error&) {
        return false;  // gone already, or not ours to judge
    }
}

// ".NAME.tmp.PID" of a family name, written by versions before staging folders.
std::optional<long> old_temporary_pid(const std::string& entry,
                                      const std::vector<std::string>& family) {
    for (const std::string& name : family) {
        const std::string prefix = fmt::format(".{}.tmp.", name);
        if (!entry.starts_with(prefix)) continue;
        long pid = 0;
        const char* first = entry.data() + prefix.size();
        const char* last = entry.data() + entry.size();
        const auto [ptr, ec] = std::from_chars(first, last, pid);
        if (ec == std::errc{} && ptr == last && first != last) return pid;
    }
    return std::nullopt;
}

}  // namespace

void remove_stale(const fs::path& dir, const fs::path& state,
                  const std::vector<std::string>& family) {
    const std::optional<std::string> current = read_link(state, kCurrent);
    const std::optional<std::string> previous = read_link(state, kPrevious);
    std::error_code ignored;
    for (const std::string& name : entries(state)) {
        const fs::path path = state / name;
        if (name.starts_with(kSetPrefix)) {
            if (name != current && name != previous) fs::remove_all(path, ignored);
        } else if (name.starts_with(kStagePrefix)) {
            if (abandoned(path)) fs::remove_all(path, ignored);
        } else if (name.ends_with(".new")) {
            fs::remove(path, ignored);
        }
    }
    for (const std::string& name : family) {
        if (classify(dir, name) != Shown::Link) continue;
        if (!current || !fs::exists(state / *current / name)) fs::remove(dir / name, ignored);
    }
    for (const std::string& name : entries(dir)) {
        const std::optional<long> pid = old_temporary_pid(name, family);
        if (pid && !posix::process_alive(*pid)) fs::remove(dir / name, ignored);
    }
}

}  // namespace shockflow::output_state
