#pragma once
/// Numbers that may be distributions: `3`, `{ uniform = [a, b] }`,
/// `{ triangular = [lo, mode, hi] }`, `{ normal = [mu, sigma], min = x, max = y }`,
/// `{ beta = [a, b] }` (on 0..1).

#include <toml++/toml.h>

#include <optional>
#include <string>
#include <string_view>

#include "scenario/context.hpp"
#include "shockflow/scenario/spec.hpp"

namespace shockflow::scenario {

/// The values a key may take; checked on the whole support of a distribution.
/// Every draw must also stay within the limits of shockflow/scenario/limits.hpp.
enum class Support {
    Day,         ///< a point in time: |v| <= kMaxDay
    Days,        ///< durations: 0..kMaxDays
    Multiplier,  ///< 0..kMaxFactor
    Share,       ///< 0..1: capacity_loss, firms_damaged, share, absent_share
};

/// Reads a number or a distribution table; reports invalid parameters and
/// supports that leave the allowed range.
std::optional<Distribution> read_distribution(LoadContext& ctx, const toml::node& node,
                                              const std::string& path, Support support);

/// How a distribution of this kind is written: its shape key, or "number" for a
/// fixed value.
std::string_view shape_name(Distribution::Kind kind) noexcept;

}  // namespace shockflow::scenario
