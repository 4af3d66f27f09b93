#pragma once
#include <string_view>

namespace shockflow {
/// Program version (semantic), also recorded in every output.
std::string_view version() noexcept;
/// Git commit the binary was built from, or "unknown".
std::string_view git_revision() noexcept;
}  // namespace shockflow
