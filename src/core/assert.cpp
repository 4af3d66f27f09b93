#include "shockflow/core/assert.hpp"

#include <cstdio>
#include <cstdlib>

namespace shockflow::detail {

void assert_fail(const char* expr, const char* message, std::source_location where) noexcept {
    std::fprintf(stderr, "%s:%u: internal error: assertion `%s` failed in %s: %s\n",
                 where.file_name(), static_cast<unsigned>(where.line()), expr,
                 where.function_name(), message);
    std::abort();
}

}  // namespace shockflow::detail
