/// Design files of `shockflow sweep` (docs/FORMAT.md, "Designs").

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

#include "scenario/sections.hpp"
#include "scenario/toml_reader.hpp"
#include "shockflow/core/random.hpp"
#include "shockflow/scenario/design.hpp"
#include "shockflow/scenario/limits.hpp"

namespace shockflow {
namespace {

using scenario::LoadContext;
using scenario::Need;
using scenario::TableReader;

/// The number a value stands for in the sensitivity tables: a number as it
/// is, true and false as 1 and 0, anything else none (NaN).
double number_of(const toml::node& node) {
    if (const auto* i = node.as_integer()) return static_cast<double>(i->get());
    if (const auto* f = node.as_floating_point()) return f->get();
    if (const auto* b = node.as_boolean()) return b->get() ? 1.0 : 0.0;
    return std::numeric_limits<double>::quiet_NaN();
}

/// A number as the TOML text of an override: whole numbers of an integer
/// parameter as integers, every other one with the digits that read back
/// to the same double.
std::string number_text(double v, bool integer) {
    if (integer) return fmt::format("{}", static_cast<std::int64_t>(std::llround(v)));
    std::string s = fmt::format("{}", v);
    if (s.find_first_of(".eEn") == std::string::npos) s += ".0";  // a float, as TOML writes one
    return s;
}

/// A value as the TOML text of an override (`0.5`, `"priority"`, `[1, 2]`).
std::string toml_text(const toml::node& node) {
    if (const auto* f = node.as_floating_point()) return number_text(f->get(), false);
    std::ostringstream os;
    node.visit([&os](const auto& v) { os << toml::toml_formatter(v, toml::format_flags::none); });
    return os.str();
}

void read_parameter(const TableReader& r, Design& design, Design::Method method) {
    DesignParameter p;
    p.loc = r.loc("key");
    if (const toml::node* key = r.node("key", Need::Required)) {
        if (key->is_string()) {
            p.keys.push_back(key->as_string()->get());
        } else if (auto keys = r.strings("key")) {
            p.keys = *keys;
            if (p.keys.empty()) r.error("key", "expected a key or a non-empty array of keys");
        }
        for (const std::string& k : p.keys)
            if (k.empty()) r.error("key", "must not be empty");
    }
    if (auto name = r.string("name")) {
        p.name = *name;
        if (p.name.empty()) r.error("name", "must not be empty");
    } else if (p.keys.size() == 1) {
        p.name = p.keys.front();
    } else if (p.keys.size() > 1) {
        r.ctx().error(r.loc(),
                      fmt::format("{}: a parameter of several keys needs a `name`", r.path()));
    }
    if (auto v = r.boolean("integer")) p.integer = *v;
    const bool has_values = r.has("values");
    const bool has_range = r.has("range");
    if (has_values == has_range) {
        r.ctx().error(r.loc(), fmt::format("{}: needs either `values = [...]` or `range = [low, "
                                           "high]`{}",
                                           r.path(), has_values ? " (not both)" : ""));
        return;
    }
    if (has_values) {
        p.values_loc = r.loc("values");
        const toml::array* values = r.node("values")->as_array();
        if (values == nullptr || values->empty()) {
            r.error("values", "expected a non-empty array of values");
        } else {
            for (const toml::node& v : *values) {
                p.values.push_back(toml_text(v));
                const auto* str = v.as_string();
                p.value_labels.push_back(str != nullptr ? str->get() : p.values.back());
                p.value_numbers.push_back(number_of(v));
            }
        }
        if (r.has("levels")) r.error("levels", "goes with `range`, not with `values`");
        if (p.integer) r.error("integer", "goes with `range`, not with `values`");
    } else {
        p.values_loc = r.loc("range");
        p.has_range = true;
        const toml::array* range = r.node("range")->as_array();
        std::optional<double> low, high;
        if (range != nullptr && range->size() == 2) {
            low = scenario::read_number(r.ctx(), *range->get(0), r.path("range") + "[0]");
            high = scenario::read_number(r.ctx(), *range->get(1), r.path("range") + "[1]");
        } else {
            r.error("range", "expected [low, high], two numbers");
        }
        if (low && high) {
            p.low = *low;
            p.high = *high;
            if (p.low > p.high) r.error("range", "low must not be above high");
            if (p.integer && (p.low != std::floor(p.low) || p.high != std::floor(p.high)))
                r.error("range", "an integer parameter's range has whole-number ends");
        }
        if (method == Design::Method::Grid) {
            if (auto levels = r.integer("levels", Need::Required)) {
                if (*levels < 2 || *levels > limits::kMaxDesignPoints) {
                    r.error("levels",
                            fmt::format("must be between 2 and {}", limits::kMaxDesignPoints));
                } else {
                    p.levels = *levels;
                }
            }
        } else if (r.has("levels")) {
            r.error("levels", "goes with method = \"grid\" (a Latin hypercube has `points`)");
        }
    }
    design.parameters.push_back(std::move(p));
}

}  // namespace

std::vector<Override> DesignPoint::overrides(const Design& design,
                                             const std::vector<Override>& base) const {
    std::vector<Override> all = base;
    for (std::size_t j = 0; j < design.parameters.size(); ++j)
        for (const std::string& key : design.parameters[j].keys)
            all.push_back(Override{key, values[j]});
    return all;
}

std::string DesignParameter::keys_text() const {
    std::string text;
    for (const std::string& key : keys) text += (text.empty() ? "" : " ") + key;
    return text;
}

std::size_t Design::parameter_of_override(std::size_t index) const {
    for (std::size_t j = 0; j < parameters.size(); ++j) {
        if (index < parameters[j].keys.size()) return j;
        index -= parameters[j].keys.size();
    }
    return parameters.size();
}

Design load_design(const std::filesystem::path& file) {
    LoadContext ctx(file);
    const auto text = ctx.read(file);
    if (!text) throw ConfigError(SourceLoc{ctx.file()}, "cannot open file: " + ctx.read_error());
    const toml::table root = scenario::parse_toml(*text, ctx);
    const TableReader top(root, "", ctx, {"design", "parameter"});
    Design design;
    design.file = ctx.file();
    if (const toml::table* t = top.subtable("design", Need::Required)) {
        const TableReader r(*t, "design", ctx, {"method", "points", "seed", "replications"});
        const std::string method = r.string("method").value_or("grid");
        if (method == "lhs") {
            design.method = Design::Method::LatinHypercube;
            if (auto n = r.integer("points", Need::Required)) {
                if (*n < 2 || *n > limits::kMaxDesignPoints)
                    r.error("points",
                            fmt::format("must be between 2 and {}", limits::kMaxDesignPoints));
                else
                    design.points = *n;
            }
            if (auto s = r.integer("seed")) {
                if (*s < 0)
                    r.error("seed", "must not be negative");
                else
                    design.seed = static_cast<std::uint64_t>(*s);
            }
        } else if (method == "grid") {
            if (r.has("points"))
                r.error(
                    "points",
                    "goes with method = \"lhs\" (a grid has `levels` or `values` per parameter)");
            if (r.has("seed")) r.error("seed", "goes with method = \"lhs\" (a grid draws nothing)");
        } else {
            r.error("method",
                    fmt::format("unknown method \"{}\" (expected \"grid\" or \"lhs\")", method));
        }
        if (auto n = r.integer("replications")) {
            if (*n < 1 || *n > limits::kMaxReplications)
                r.error("replications",
                        fmt::format("must be between 1 and {}", limits::kMaxReplications));
            else
                design.replications = *n;
        }
    }
    scenario::for_each_table(top, "parameter", [&](const toml::table& t, const std::string& path) {
        const TableReader r(t, path, ctx, {"key", "name", "values", "range", "levels", "integer"});
        read_parameter(r, design, design.method);
    });
    if (!root.contains("parameter"))
        ctx.error(ctx.at(1, 1), "the design has no [[parameter]]: at least one is needed");
    // Two parameters of one key would fight over it; two of one name would
    // share a column.
    for (std::size_t i = 0; i < design.parameters.size(); ++i)
        for (std::size_t j = 0; j < i; ++j) {
            const DesignParameter &a = design.parameters[i], &b = design.parameters[j];
            for (const std::string& key : a.keys)
                if (std::find(b.keys.begin(), b.keys.end(), key) != b.keys.end())
                    ctx.error(a.loc, fmt::format("parameter.key: \"{}\" is varied by an earlier "
                                                 "parameter already",
                                                 key));
            if (a.name == b.name)
                ctx.error(a.loc, fmt::format("parameter.name: \"{}\" is the name of an earlier "
                                             "parameter",
                                             a.name));
        }
    if (design.method == Design::Method::Grid && ctx.error_count() == 0) {
        double points = 1.0;
        for (const DesignParameter& p : design.parameters)
            points *=
                p.has_range ? static_cast<double>(p.levels) : static_cast<double>(p.values.size());
        if (points > static_cast<double>(limits::kMaxDesignPoints))
            ctx.error(ctx.at(1, 1), fmt::format("the grid has {:.0f} points, more than the {} a "
                                                "design may have",
                                                points, limits::kMaxDesignPoints));
        design.points = static_cast<std::int64_t>(points);
    }
    design.input_hash = ctx.input_hash();
    ctx.throw_if_any();
    return design;
}

std::vector<DesignPoint> design_points(const Design& design) {
    const std::size_t p = design.parameters.size();
    const auto n = static_cast<std::size_t>(design.points);
    std::vector<DesignPoint> points(n);
    for (DesignPoint& point : points) {
        point.values.resize(p);
        point.labels.resize(p);
        point.numbers.resize(p);
    }
    // Value v of parameter j.
    const auto set = [&](DesignPoint& point, std::size_t j, double v) {
        const DesignParameter& q = design.parameters[j];
        if (q.integer) v = std::round(v);
        point.values[j] = number_text(v, q.integer);
        point.labels[j] = point.values[j];
        point.numbers[j] = v;
    };
    const auto pick = [&](DesignPoint& point, std::size_t j, std::size_t index) {
        const DesignParameter& q = design.parameters[j];
        point.values[j] = q.values[index];
        point.labels[j] = q.value_labels[index];
        point.numbers[j] = q.value_numbers[index];
    };
    if (design.method == Design::Method::Grid) {
        for (std::size_t i = 0; i < n; ++i) {
            std::size_t rest = i;
            for (std::size_t j = p; j-- > 0;) {
                const DesignParameter& q = design.parameters[j];
                const auto count =
                    q.has_range ? static_cast<std::size_t>(q.levels) : q.values.size();
                const std::size_t level = rest % count;
                rest /= count;
                if (q.has_range) {
                    // Evenly spaced, both ends exact.
                    const double t = static_cast<double>(level) / static_cast<double>(count - 1);
                    set(points[i], j, level + 1 == count ? q.high : q.low + t * (q.high - q.low));
                } else {
                    pick(points[i], j, level);
                }
            }
        }
        return points;
    }
    // Latin hypercube: one stream per parameter, so adding a parameter does
    // not move the others' values.
    for (std::size_t j = 0; j < p; ++j) {
        const DesignParameter& q = design.parameters[j];
        RandomStream rng(design.seed, 0x5eed'0000'0000ULL + j);
        std::vector<std::size_t> slice(n);
        std::iota(slice.begin(), slice.end(), std::size_t{0});
        for (std::size_t i = n; i > 1; --i) std::swap(slice[i - 1], slice[rng.below(i)]);
        for (std::size_t i = 0; i < n; ++i) {
            const double u =
                (static_cast<double>(slice[i]) + rng.uniform01()) / static_cast<double>(n);
            if (q.has_range) {
                if (q.integer) {
                    // Whole numbers low..high, each an equal share of [0, 1).
                    const double whole = q.high - q.low + 1.0;
                    set(points[i], j, std::min(q.high, q.low + std::floor(u * whole)));
                } else {
                    set(points[i], j, q.low + u * (q.high - q.low));
                }
            } else {
                const auto count = q.values.size();
                pick(points[i], j,
                     std::min(count - 1, static_cast<std::size_t>(u * static_cast<double>(count))));
            }
        }
    }
    return points;
}

}  // namespace shockflow
