#include "shockflow/core/hash.hpp"

namespace shockflow {

std::uint64_t fnv1a(std::string_view bytes, std::uint64_t seed) noexcept {
    std::uint64_t h = seed;
    for (char c : bytes) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
    }
    return h;
}

}  // namespace shockflow
