#include "cli/validators.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <string>

#include "shockflow/scenario/limits.hpp"

namespace shockflow::cli {

CLI::Validator whole_number(std::uint64_t min, std::uint64_t max) {
    return CLI::Validator(
        [min, max](std::string& text) -> std::string {
            std::uint64_t v = 0;
            const char* end = text.data() + text.size();
            const auto [ptr, ec] = std::from_chars(text.data(), end, v);
            const bool digits = !text.empty() && text.front() != '-' && text.front() != '+';
            if (!digits || ec != std::errc{} || ptr != end || v < min || v > max) {
                return fmt::format("expected a whole number from {} to {} (got \"{}\")", min, max,
                                   text);
            }
            return {};
        },
        "");
}

CLI::Validator day_number() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            double v = 0.0;
            const char* end = text.data() + text.size();
            const auto [ptr, ec] = std::from_chars(text.data(), end, v);
            if (ec != std::errc{} || ptr != end || !std::isfinite(v) ||
                std::abs(v) > shockflow::limits::kMaxDay) {
                return fmt::format("expected a day from -1e6 to 1e6 (got \"{}\")", text);
            }
            return {};
        },
        "");
}

CLI::Validator days_number() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            double v = 0.0;
            const char* end = text.data() + text.size();
            const auto [ptr, ec] = std::from_chars(text.data(), end, v);
            if (ec != std::errc{} || ptr != end || !std::isfinite(v) || v < 0.0 ||
                v > shockflow::limits::kMaxDays) {
                return fmt::format("expected a number of days from 0 to 1e6 (got \"{}\")", text);
            }
            return {};
        },
        "");
}

}  // namespace shockflow::cli
