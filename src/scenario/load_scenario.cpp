/// load_scenario: reads the file, then each section in dependency order
/// (products, recipes, nodes, links, events, policy) so that every reference
/// can be checked against what is defined before it.

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <optional>
#include <string_view>

#include "scenario/event_days.hpp"
#include "scenario/overlay.hpp"
#include "scenario/sections.hpp"
#include "scenario/text.hpp"
#include "shockflow/core/time.hpp"
#include "shockflow/scenario/limits.hpp"
#include "shockflow/scenario/loader.hpp"

namespace shockflow {
namespace scenario {

toml::table parse_toml(const std::string& text, const LoadContext& ctx) {
    try {
        return toml::parse(text, std::string_view{ctx.file()});
    } catch (const toml::parse_error& e) {
        throw ConfigError(ctx.at(e.source().begin.line, e.source().begin.column),
                          fmt::format("invalid TOML: {}", printable(e.description())));
    }
}

void for_each_table(const TableReader& top, std::string_view key,
                    const std::function<void(const toml::table&, const std::string&)>& fn) {
    const toml::node* node = top.node(key);
    if (node == nullptr) return;
    const auto* array = node->as_array();
    if (array == nullptr) {
        type_error(top.ctx(), *node, top.path(key),
                   fmt::format("an array of tables, written [[{}]]", key));
        return;
    }
    for (std::size_t i = 0; i < array->size(); ++i) {
        const std::string path = fmt::format("{}[{}]", top.path(key), i);
        if (const auto* table = array->get(i)->as_table()) {
            fn(*table, path);
        } else {
            type_error(top.ctx(), *array->get(i), path, "a table");
        }
    }
}

namespace {

/// A whole number of seconds, at least a minute, that divides a day: cycles
/// fall on every day boundary, and the engine counts time in seconds.
void read_step(const TableReader& r, ScenarioSpec& spec) {
    const auto v = r.number("step_hours");
    if (!v || !check_above(r.ctx(), r.loc("step_hours"), r.path("step_hours"), *v, 0.0)) return;
    if (*v < limits::kMinStepHours) {
        r.error("step_hours", fmt::format("must be at least one minute, 1/60 hour (got {})", *v));
        return;
    }
    spec.step_hours = *v;
    const double seconds = *v * static_cast<double>(kTicksPerHour);
    const double whole = std::round(seconds);
    const bool divides = whole <= static_cast<double>(kTicksPerDay) &&
                         kTicksPerDay % static_cast<std::int64_t>(whole) == 0;
    if (std::abs(seconds - whole) > 1e-6 * whole || !divides) {
        r.error("step_hours", fmt::format("must divide 24 hours exactly (got {})", *v));
    }
}

void read_time_keys(const TableReader& r, ScenarioSpec& spec) {
    bool read = true;  // a day reported already would only add a knock-on error
    for (const char* key : {"start_day", "end_day"}) {
        auto v = r.number(key);
        if (!v || !check_day(r.ctx(), r.loc(key), r.path(key), *v)) {
            read = read && !r.has(key);
            continue;
        }
        (std::string_view(key) == "start_day" ? spec.start_day : spec.end_day) = *v;
    }
    // Either may be the one written (the other a default): point at what was.
    if (read && spec.end_day <= spec.start_day) {
        if (r.has("end_day")) {
            r.error("end_day", fmt::format("must be > start_day (got {} <= {})", spec.end_day,
                                           spec.start_day));
        } else {
            r.error("start_day",
                    fmt::format("must be < end_day (got {} >= {})", spec.start_day, spec.end_day));
        }
    }
    read_step(r, spec);
}

void read_window(const TableReader& r, ScenarioSpec& spec) {
    const toml::node* node = r.node("disruption_window");
    if (node == nullptr) return;
    const auto* array = node->as_array();
    if (array == nullptr) {
        type_error(r.ctx(), *node, r.path("disruption_window"), "an array of two days [from, to]");
        return;
    }
    if (array->size() != 2) {
        r.error("disruption_window",
                fmt::format("expected two days [from, to] (got {} values)", array->size()));
        return;
    }
    const auto from = read_number(r.ctx(), *array->get(0), r.path("disruption_window") + "[0]");
    const auto to = read_number(r.ctx(), *array->get(1), r.path("disruption_window") + "[1]");
    if (!from || !to) return;
    const std::string path = r.path("disruption_window");
    if (!check_day(r.ctx(), loc_of(r.ctx(), *array->get(0)), path + "[0]", *from) ||
        !check_day(r.ctx(), loc_of(r.ctx(), *array->get(1)), path + "[1]", *to)) {
        return;
    }
    if (*from >= *to) {
        r.error("disruption_window",
                fmt::format("the first day must be < the second (got [{}, {}])", *from, *to));
    }
    spec.disruption_window = {*from, *to};
}

void read_run_keys(const TableReader& r, ScenarioSpec& spec) {
    if (auto v = r.integer("seed")) {
        if (*v < 0) {
            r.error("seed", fmt::format("must be >= 0 (got {})", *v));
        } else {
            spec.seed = static_cast<std::uint64_t>(*v);
        }
    }
    if (auto v = r.integer("replications")) {
        if (*v < 1) {
            r.error("replications", fmt::format("must be >= 1 (got {})", *v));
        } else if (*v > limits::kMaxReplications) {
            r.error("replications",
                    fmt::format("must be at most {} (got {})", limits::kMaxReplications, *v));
        } else {
            spec.replications = *v;
        }
    }
}

}  // namespace

void read_header(const TableReader& top, ScenarioSpec& spec) {
    const toml::table* table = top.subtable("scenario", Need::Required);
    if (table == nullptr) return;
    const TableReader r(*table, "scenario", top.ctx(),
                        {"name", "description", "start_day", "end_day", "step_hours", "seed",
                         "replications", "disruption_window"});
    if (auto v = r.string("name", Need::Required)) {
        if (v->empty()) r.error("name", "must not be empty");
        spec.name = *v;
    }
    if (auto v = r.string("description")) spec.description = *v;
    read_time_keys(r, spec);
    read_window(r, spec);
    read_run_keys(r, spec);
}

namespace {

// `[model]`: the preset and the ARIO mode's parameters. The ARIO mode steps
// one day and needs one product per producer (an industry).
void read_model(const TableReader& top, ScenarioSpec& spec) {
    const toml::table* table = top.subtable("model");
    if (table == nullptr) return;
    const TableReader r(
        *table, "model", top.ctx(),
        {"preset", "inventory_days", "restoration_days", "psi", "alpha_max", "alpha_tau"});
    ModelSpec& m = spec.model;
    if (auto v = r.string("preset")) {
        m.loc = r.loc("preset");
        if (*v == "ario") {
            m.preset = ModelPreset::Ario;
        } else if (*v != "default") {
            r.error("preset", fmt::format("unknown preset \"{}\" (known: default, ario)", *v));
        }
    }
    auto positive = [&](std::string_view key, double& out) {
        if (auto v = r.number(key); v && check_above(r.ctx(), r.loc(key), r.path(key), *v, 0.0))
            out = *v;
    };
    positive("inventory_days", m.inventory_days);
    positive("restoration_days", m.restoration_days);
    positive("alpha_tau", m.alpha_tau);
    if (auto v = r.number("psi"); v && check_above(r.ctx(), r.loc("psi"), r.path("psi"), *v, 0.0)) {
        if (*v > 1.0) r.error("psi", fmt::format("must be <= 1 (got {})", *v));
        m.psi = *v;
    }
    if (auto v = r.number("alpha_max");
        v && check_at_least(r.ctx(), r.loc("alpha_max"), r.path("alpha_max"), *v, 1.0))
        m.alpha_max = *v;
    if (m.preset != ModelPreset::Ario) return;
    if (spec.step_hours != 24.0) {
        r.error("preset", fmt::format("the ario preset steps one day: [scenario] step_hours "
                                      "must be 24 (got {})",
                                      spec.step_hours));
    }
    for (const NodeSpec& n : spec.nodes) {
        if (n.capacity.size() > 1) {
            r.error("preset",
                    fmt::format("the ario preset needs one product per producer (an industry); "
                                "node \"{}\" makes {}",
                                n.id, n.capacity.size()));
            break;
        }
    }
}

PolicySpec read_own_policy(const TableReader& top, const Catalog& cat) {
    const toml::table* table = top.subtable("policy");
    if (table == nullptr) return PolicySpec{};  // every lever off, named "none"
    return read_policy(*table, "policy", top.ctx(), cat, "scenario");
}

}  // namespace
}  // namespace scenario

ScenarioSpec load_scenario(const std::filesystem::path& file, std::span<const Override> overrides) {
    using namespace scenario;
    LoadContext ctx(file);
    // One tree, whatever the files it comes from (overlay.hpp).
    Layers layers = read_layers(file, overrides, ctx);
    const toml::table& root = layers.root;
    const TableReader top(
        root, "", ctx,
        {"scenario", "product", "recipe", "node", "link", "network", "event", "policy", "model"});
    ScenarioSpec spec;
    spec.file = file;
    Catalog cat;
    read_header(top, spec);
    read_products(top, cat, spec);
    read_recipes(top, cat, spec);
    std::optional<TableReader> network;
    if (const toml::table* t = top.subtable("network")) {
        network.emplace(*t, "network", ctx,
                        std::initializer_list<std::string_view>{"nodes", "links"});
    }
    read_nodes(top, network ? &*network : nullptr, cat, spec, layers.patches);
    read_links(top, network ? &*network : nullptr, cat, spec, layers.patches);
    read_events(top, cat, spec);
    check_event_days(top, spec);
    spec.policy = read_own_policy(top, cat);
    read_model(top, spec);
    ctx.throw_if_any();
    spec.input_hash = ctx.input_hash();
    return spec;
}

}  // namespace shockflow
