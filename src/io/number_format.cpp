#include "io/number_format.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <cmath>

namespace shockflow::io {

std::string csv_number(double v) {
    // -0 prints as "-0"; a reader should not see a sign on nothing.
    if (v == 0.0) return "0";
    return fmt::format("{}", v);
}

void append_csv_number(fmt::memory_buffer& out, double v) {
    if (v == 0.0) {
        out.push_back('0');
        return;
    }
    fmt::format_to(std::back_inserter(out), FMT_COMPILE("{}"), v);
}

nlohmann::ordered_json json_number(double v) {
    if (!std::isfinite(v)) return nullptr;
    return v == 0.0 ? 0.0 : v;
}

std::string display_number(double v) {
    if (std::isnan(v)) return "n/a";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    const double a = std::fabs(v);
    if (a == 0.0) return "0";
    if (a >= 1e7 || a < 1e-3) return fmt::format("{:.3e}", v);
    if (a >= 1000.0) return fmt::format("{:.0f}", v);
    if (a >= 100.0) return fmt::format("{:.1f}", v);
    if (a >= 10.0) return fmt::format("{:.2f}", v);
    return fmt::format("{:.3f}", v);
}

}  // namespace shockflow::io
