#include "shockflow/core/random.hpp"

#include <cmath>
#include <numbers>

namespace shockflow {

std::uint64_t mix_seed(std::uint64_t x) noexcept {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

RandomStream::RandomStream(std::uint64_t seed, std::uint64_t purpose)
    : engine_(mix_seed(seed), mix_seed(purpose ^ 0x5bd1e995ULL)) {}

double RandomStream::uniform01() {
    const std::uint64_t hi = engine_();
    const std::uint64_t lo = engine_();
    const std::uint64_t bits = ((hi << 32) | lo) >> 11;  // 53 bits
    return static_cast<double>(bits) * 0x1.0p-53;
}

std::uint64_t RandomStream::below(std::uint64_t n) {
    // Rejection from the largest multiple of n below 2^64 keeps it unbiased.
    const std::uint64_t limit = (~std::uint64_t{0}) - ((~std::uint64_t{0}) % n);
    for (;;) {
        const std::uint64_t x = (std::uint64_t{engine_()} << 32) | engine_();
        if (x < limit) return x % n;
    }
}

double RandomStream::normal() {
    // 1 - u keeps the logarithm's argument in (0, 1].
    const double u1 = 1.0 - uniform01();
    const double u2 = uniform01();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

double RandomStream::gamma(double shape) {
    if (shape < 1.0) {
        // Boost: Gamma(a) = Gamma(a + 1) * U^(1/a).
        const double u = 1.0 - uniform01();
        return gamma(shape + 1.0) * std::pow(u, 1.0 / shape);
    }
    const double d = shape - 1.0 / 3.0;
    const double c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
        double x = 0.0;
        double v = 0.0;
        do {
            x = normal();
            v = 1.0 + c * x;
        } while (v <= 0.0);
        v = v * v * v;
        const double u = 1.0 - uniform01();
        if (std::log(u) < 0.5 * x * x + d - d * v + d * std::log(v)) return d * v;
    }
}

double RandomStream::beta(double a, double b) {
    const double x = gamma(a);
    const double y = gamma(b);
    return x / (x + y);
}

double RandomStream::triangular(double lo, double mode, double hi) {
    if (hi <= lo) return lo;
    const double u = uniform01();
    const double f = (mode - lo) / (hi - lo);
    if (u < f) return lo + std::sqrt(u * (hi - lo) * (mode - lo));
    return hi - std::sqrt((1.0 - u) * (hi - lo) * (hi - mode));
}

}  // namespace shockflow
