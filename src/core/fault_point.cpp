#include "core/fault_point.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <charconv>
#include <cstdlib>
#include <string>

namespace shockflow {
namespace {

struct Fault {
    std::string name;
    long hit = 1;  // the N-th call fires
    bool pause = false;
};

// Parsed once; null when the variable is unset or malformed.
const Fault* configured() {
    static const Fault* fault = []() -> const Fault* {
        const char* env = std::getenv("SHOCKFLOW_FAULT");
        if (env == nullptr || *env == '\0') return nullptr;
        std::string_view spec(env);
        auto* f = new Fault;  // lives as long as the process
        if (spec.ends_with(":pause")) {
            f->pause = true;
            spec.remove_suffix(6);
        }
        if (const auto at = spec.find('@'); at != std::string_view::npos) {
            const std::string_view n = spec.substr(at + 1);
            if (std::from_chars(n.data(), n.data() + n.size(), f->hit).ec != std::errc{})
                f->hit = 1;
            spec = spec.substr(0, at);
        }
        f->name = std::string(spec);
        return f;
    }();
    return fault;
}

std::atomic<long> g_hits{0};

}  // namespace

void fault_point(std::string_view name) {
    const Fault* f = configured();
    if (f == nullptr || name != f->name) return;
    if (g_hits.fetch_add(1) + 1 != f->hit) return;
    if (!f->pause) {
        ::kill(::getpid(), SIGKILL);
        for (;;) ::pause();
    }
    const std::string message = "shockflow: paused at " + f->name + "\n";
    (void)!::write(STDERR_FILENO, message.data(), message.size());
    for (;;) ::pause();  // until a signal ends the process
}

}  // namespace shockflow
