#pragma once
#include <cstdint>
#include <string_view>

namespace shockflow {
/// FNV-1a, 64 bit: a stable fingerprint of inputs (not cryptographic).
inline constexpr std::uint64_t kFnvOffset = 14695981039346656037ULL;
std::uint64_t fnv1a(std::string_view bytes, std::uint64_t seed = kFnvOffset) noexcept;
}  // namespace shockflow
