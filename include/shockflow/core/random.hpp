#pragma once
/// Random streams. Each stream is a PCG32 generator keyed by (seed, purpose), so
/// every replication and every sampled quantity draws from its own sequence:
/// adding an event to a scenario does not shift the draws of the others, and
/// replication k of every policy sees the same disruptions (common random
/// numbers). The variates below are computed here, not by the standard
/// library's distributions, so values are identical on every platform.

#include <cstdint>
#include <pcg_random.hpp>

namespace shockflow {

/// SplitMix64 finaliser: spreads nearby seeds over the whole 64-bit space.
std::uint64_t mix_seed(std::uint64_t x) noexcept;

class RandomStream {
public:
    RandomStream(std::uint64_t seed, std::uint64_t purpose);

    /// Uniform on [0, 1), 53 random bits.
    double uniform01();
    /// Uniform on [a, b).
    double uniform(double a, double b) { return a + (b - a) * uniform01(); }
    /// Uniform integer on [0, n), unbiased; n >= 1.
    std::uint64_t below(std::uint64_t n);
    /// Standard normal (Box–Muller).
    double normal();
    /// Gamma(shape, 1) (Marsaglia–Tsang); shape > 0.
    double gamma(double shape);
    /// Beta(a, b) on [0, 1]; a, b > 0.
    double beta(double a, double b);
    /// Triangular(lo, mode, hi) by inverting the CDF.
    double triangular(double lo, double mode, double hi);

private:
    pcg32 engine_;
};

}  // namespace shockflow
