/// Distributions of event keys: shapes, their parameters, and the range of
/// values they can produce.

#include "scenario/distribution.hpp"

#include <fmt/format.h>

#include <array>
#include <utility>

#include "scenario/event_days.hpp"
#include "scenario/text.hpp"
#include "scenario/toml_reader.hpp"
#include "shockflow/scenario/limits.hpp"

namespace shockflow::scenario {
namespace {

using Kind = Distribution::Kind;

struct Shape {
    std::string_view key;
    Kind kind;
    std::size_t params;
    std::string_view form;  ///< how the parameters are written, for messages
};

constexpr std::array<Shape, 4> kShapes{{{"uniform", Kind::Uniform, 2, "[a, b]"},
                                        {"triangular", Kind::Triangular, 3, "[lo, mode, hi]"},
                                        {"normal", Kind::Normal, 2, "[mu, sigma]"},
                                        {"beta", Kind::Beta, 2, "[a, b]"}}};

/// The one shape key of the table, or nullptr (reported) if there is not exactly one.
const Shape* find_shape(const TableReader& r) {
    const Shape* found = nullptr;
    std::size_t count = 0;
    for (const auto& shape : kShapes) {
        if (r.has(shape.key)) {
            found = &shape;
            ++count;
        }
    }
    if (count == 1) return found;
    r.ctx().error(r.loc(), fmt::format("{}: expected exactly one of uniform, triangular, normal, "
                                       "beta (got {})",
                                       r.path(), count));
    return nullptr;
}

bool read_params(const TableReader& r, const Shape& shape, Distribution& d) {
    const toml::node* node = r.node(shape.key);
    const auto* array = node->as_array();
    const std::string path = r.path(shape.key);
    if (array == nullptr || array->size() != shape.params) {
        type_error(r.ctx(), *node, path, fmt::format("{} numbers {}", shape.params, shape.form));
        return false;
    }
    bool ok = true;
    for (std::size_t i = 0; i < shape.params; ++i) {
        const auto v = read_number(r.ctx(), *array->get(i), fmt::format("{}[{}]", path, i));
        if (v) d.p[i] = *v;
        ok = ok && v.has_value();
    }
    return ok;
}

/// Checks the parameters themselves (a <= b, sigma >= 0, ...).
bool check_params(const TableReader& r, const Shape& shape, const Distribution& d) {
    const auto& p = d.p;
    std::string problem;
    if (d.kind == Kind::Uniform && p[0] > p[1]) problem = "a must be <= b";
    if (d.kind == Kind::Triangular && !(p[0] <= p[1] && p[1] <= p[2])) {
        problem = "must have lo <= mode <= hi";
    }
    if (d.kind == Kind::Normal && p[1] < 0.0) problem = "sigma must be >= 0";
    if (d.kind == Kind::Beta && (p[0] <= 0.0 || p[1] <= 0.0)) problem = "a and b must be > 0";
    if (problem.empty()) return true;
    const std::size_t n = shape.params;
    const std::string values = n == 3 ? fmt::format("[{}, {}, {}]", p[0], p[1], p[2])
                                      : fmt::format("[{}, {}]", p[0], p[1]);
    r.error(shape.key, fmt::format("{} (got {})", problem, values));
    return false;
}

bool read_bounds(const TableReader& r, Distribution& d) {
    if (d.kind != Kind::Normal) {
        for (std::string_view key : {"min", "max"}) {
            if (r.has(key)) r.error(key, "only a normal distribution takes min and max");
        }
        return !r.has("min") && !r.has("max");
    }
    const auto lo = r.number("min");
    const auto hi = r.number("max");
    if (lo) d.min = *lo;
    if (hi) d.max = *hi;
    if ((r.has("min") && !lo) || (r.has("max") && !hi)) return false;
    if (d.min <= d.max) return true;
    r.error("max", fmt::format("must be >= min (got min = {}, max = {})", d.min, d.max));
    return false;
}

bool check_fixed(LoadContext& ctx, const SourceLoc& loc, const std::string& path, double v,
                 Support support) {
    switch (support) {
        case Support::Day:
            return check_day(ctx, loc, path, v);
        case Support::Days:
            return check_days(ctx, loc, path, v);
        case Support::Multiplier:
            return check_factor(ctx, loc, path, v);
        case Support::Share:
            return check_share(ctx, loc, path, v);
    }
    return true;
}

/// The sign and share rules: a normal needs explicit bounds for them.
bool check_sign(LoadContext& ctx, const SourceLoc& loc, const std::string& path,
                const Distribution& d, Support support, std::string_view shape) {
    if (support == Support::Day) return true;
    const bool share = support == Support::Share;
    const auto [lo, hi] = d.range();
    if (lo >= 0.0 && (!share || hi <= 1.0)) return true;
    const std::string allowed = share ? "between 0 and 1" : ">= 0";
    if (d.kind == Kind::Normal) {
        ctx.error(loc,
                  fmt::format("{}: every draw must be {}: give the normal {} (got min = {}, "
                              "max = {})",
                              path, allowed, share ? "min >= 0 and max <= 1" : "min >= 0", lo, hi));
    } else {
        ctx.error(loc, fmt::format("{}: every draw must be {}, but this {} ranges over [{}, {}]",
                                   path, allowed, shape, lo, hi));
    }
    return false;
}

/// The limits: every draw short of a normal's far tails (which the sampler
/// clamps) must stay within them.
bool check_reach(LoadContext& ctx, const SourceLoc& loc, const std::string& path,
                 const Distribution& d, Support support, std::string_view shape) {
    if (support == Support::Share) return true;
    const auto [lo, hi] = day_range(d);  // the values a draw can take
    const double max = support == Support::Day    ? limits::kMaxDay
                       : support == Support::Days ? limits::kMaxDays
                                                  : limits::kMaxFactor;
    const double min = support == Support::Day ? -max : 0.0;
    if (lo >= min && hi <= max) return true;
    const std::string allowed =
        support == Support::Day
            ? fmt::format("between -{} and {} days", limit_text(max), limit_text(max))
            : fmt::format("at most {}{}", limit_text(max), support == Support::Days ? " days" : "");
    const std::string normal =
        d.kind == Kind::Normal
            ? fmt::format(" (mu +/- {} sigma, within min and max)", num(kNormalSigmas))
            : "";
    ctx.error(loc, fmt::format("{}: every draw must be {}, but this {} ranges over [{}, {}]{}",
                               path, allowed, shape, lo, hi, normal));
    return false;
}

/// Checks that every possible draw is allowed for the key, not just the mean:
/// a uniform share on [0.5, 1.5] would give impossible losses in some replications.
bool check_support(LoadContext& ctx, const SourceLoc& loc, const std::string& path,
                   const Distribution& d, Support support, std::string_view shape) {
    if (d.is_fixed()) return check_fixed(ctx, loc, path, d.p[0], support);
    return check_sign(ctx, loc, path, d, support, shape) &&
           check_reach(ctx, loc, path, d, support, shape);
}

std::optional<Distribution> read_table(LoadContext& ctx, const toml::table& table,
                                       const std::string& path, Support support) {
    const TableReader r(table, path, ctx,
                        {"uniform", "triangular", "normal", "beta", "min", "max"});
    const Shape* shape = find_shape(r);
    if (shape == nullptr) return std::nullopt;
    Distribution d;
    d.kind = shape->kind;
    d.loc = r.loc();
    const bool params_ok = read_params(r, *shape, d) && check_params(r, *shape, d);
    const bool bounds_ok = read_bounds(r, d);
    if (!params_ok || !bounds_ok) return std::nullopt;
    if (!check_support(ctx, d.loc, path, d, support, shape->key)) return std::nullopt;
    return d;
}

}  // namespace

std::optional<Distribution> read_distribution(LoadContext& ctx, const toml::node& node,
                                              const std::string& path, Support support) {
    if (const auto* table = node.as_table()) return read_table(ctx, *table, path, support);
    if (!node.is_number()) {
        type_error(ctx, node, path,
                   "a number or a distribution ({ uniform = [a, b] }, { triangular = [lo, mode, "
                   "hi] }, { normal = [mu, sigma], min = x, max = y }, { beta = [a, b] })");
        return std::nullopt;
    }
    const auto v = read_number(ctx, node, path);
    if (!v) return std::nullopt;
    Distribution d = Distribution::fixed(*v);
    d.loc = loc_of(ctx, node);
    if (!check_support(ctx, d.loc, path, d, support, "number")) return std::nullopt;
    return d;
}

std::string_view shape_name(Distribution::Kind kind) noexcept {
    for (const auto& shape : kShapes) {
        if (shape.kind == kind) return shape.key;
    }
    return "number";
}

}  // namespace shockflow::scenario
