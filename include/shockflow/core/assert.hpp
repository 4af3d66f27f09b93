#pragma once
/// Assertions against programming errors (never for user input).
/// On in debug and CI builds; compiled out when NDEBUG is defined.

#include <source_location>

namespace shockflow::detail {
[[noreturn]] void assert_fail(const char* expr, const char* message,
                              std::source_location where) noexcept;
}  // namespace shockflow::detail

#ifdef NDEBUG
#define SHOCKFLOW_ASSERT(expr, message) ((void)0)
#else
#define SHOCKFLOW_ASSERT(expr, message) \
    ((expr) ? (void)0                   \
            : ::shockflow::detail::assert_fail(#expr, message, std::source_location::current()))
#endif
