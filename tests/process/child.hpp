#pragma once
// The shockflow program run as a child process, for the tests of what other
// processes see: signals, kill -9, concurrent runs, resumed comparisons.

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace shockflow::test {

namespace fs = std::filesystem;

inline std::string read_text(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// `shockflow ARGS...` started at construction, with stdout and stderr in
/// files beside each other, and with SHOCKFLOW_FAULT set to `fault` (unset if
/// empty). The destructor kills it if it still runs.
class Child {
public:
    Child(const std::vector<std::string>& args, const fs::path& log, const std::string& fault = "")
        : err_(log.string() + ".err") {
        std::vector<std::string> env;
        for (char** e = environ; *e != nullptr; ++e) {
            if (!std::string(*e).starts_with("SHOCKFLOW_FAULT=")) env.emplace_back(*e);
        }
        if (!fault.empty()) env.push_back("SHOCKFLOW_FAULT=" + fault);
        std::vector<std::string> argv{SHOCKFLOW_EXE};
        argv.insert(argv.end(), args.begin(), args.end());
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        const std::string out = log.string() + ".out";
        posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                         0644);
        posix_spawn_file_actions_addopen(&actions, 2, err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                         0644);
        const int rc = posix_spawn(&pid_, argv[0].c_str(), &actions, nullptr, pointers(argv).data(),
                                   pointers(env).data());
        posix_spawn_file_actions_destroy(&actions);
        if (rc != 0) throw std::runtime_error("cannot start " + argv[0]);
    }
    ~Child() {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
    }
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    void signal(int sig) const { ::kill(pid_, sig); }

    /// The exit status as a shell reports it (128 + signal if killed by one);
    /// -1 (after killing it) if it still runs after `timeout`.
    int wait(std::chrono::seconds timeout = std::chrono::seconds(120)) {
        const auto give_up = std::chrono::steady_clock::now() + timeout;
        int status = 0;
        while (::waitpid(pid_, &status, WNOHANG) == 0) {
            if (std::chrono::steady_clock::now() > give_up) {
                ::kill(pid_, SIGKILL);
                ::waitpid(pid_, &status, 0);
                pid_ = -1;
                return -1;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }

    /// Whether the child has not ended yet (it stays waitable).
    [[nodiscard]] bool running() const {
        siginfo_t info{};
        return ::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
               info.si_pid == 0;
    }

    /// Waits until `done()` holds (true), or the child ended or `timeout`
    /// passed without it (false).
    template <typename Done>
    bool wait_until(Done done, std::chrono::seconds timeout = std::chrono::seconds(60)) {
        const auto give_up = std::chrono::steady_clock::now() + timeout;
        while (!done()) {
            if (!running() || std::chrono::steady_clock::now() > give_up) return done();
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        return true;
    }

    [[nodiscard]] std::string err() const { return read_text(err_); }

private:
    static std::vector<char*> pointers(std::vector<std::string>& strings) {
        std::vector<char*> p;
        for (auto& s : strings) p.push_back(s.data());
        p.push_back(nullptr);
        return p;
    }

    pid_t pid_ = -1;
    std::string err_;
};

/// Runs `shockflow ARGS...` to its end; returns the exit status.
inline int run(const std::vector<std::string>& args, const fs::path& log,
               const std::string& fault = "") {
    return Child(args, log, fault).wait();
}

/// The contents of `names` as DIR shows them ("<missing>" for an absent one).
inline std::map<std::string, std::string> visible(const fs::path& dir,
                                                  const std::vector<std::string>& names) {
    std::map<std::string, std::string> files;
    for (const auto& name : names)
        files[name] = fs::exists(dir / name) ? read_text(dir / name) : "<missing>";
    return files;
}

/// Names in DIR/.shockflow starting with `prefix`.
inline std::vector<std::string> state_entries(const fs::path& dir, const std::string& prefix) {
    std::vector<std::string> names;
    std::error_code ec;
    for (fs::directory_iterator it(dir / ".shockflow", ec), end; !ec && it != end; ++it) {
        const std::string name = it->path().filename().string();
        if (name.starts_with(prefix)) names.push_back(name);
    }
    return names;
}

}  // namespace shockflow::test
