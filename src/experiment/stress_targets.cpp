// Which nodes a stress test takes out, and for how long: the --targets
// selector and each node's time to recover.

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "scenario/text.hpp"
#include "shockflow/experiment/stress.hpp"
#include "shockflow/scenario/event_label.hpp"

namespace shockflow::experiment {
namespace {

bool can_lose_capacity(NodeKind kind) {
    return kind == NodeKind::Park || kind == NodeKind::Plant || kind == NodeKind::Source;
}

bool has_tag(const NodeSpec& node, std::string_view tag) {
    return std::find(node.tags.begin(), node.tags.end(), tag) != node.tags.end();
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

// The nodes one item of a selector names (kind, tag:VALUE or id), in order.
std::vector<std::size_t> select_item(const ScenarioSpec& s, std::string_view item) {
    std::vector<std::size_t> nodes;
    for (const NodeKind kind : {NodeKind::Park, NodeKind::Plant, NodeKind::Source}) {
        if (item != kind_name(kind)) continue;
        for (std::size_t i = 0; i < s.nodes.size(); ++i)
            if (s.nodes[i].kind == kind) nodes.push_back(i);
        if (nodes.empty()) throw std::invalid_argument(fmt::format("no node is a {}", item));
        return nodes;
    }
    if (item == "depot" || item == "region")
        throw std::invalid_argument(fmt::format(
            "{}s have no capacity to lose (targets are parks, plants and sources)", item));
    if (item.starts_with("tag:")) {
        const std::string_view tag = item.substr(4);
        std::vector<std::string> tags;
        for (std::size_t i = 0; i < s.nodes.size(); ++i) {
            if (has_tag(s.nodes[i], tag) && can_lose_capacity(s.nodes[i].kind)) nodes.push_back(i);
            for (const std::string& t : s.nodes[i].tags) tags.push_back(t);
        }
        if (nodes.empty()) {
            std::sort(tags.begin(), tags.end());
            tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
            throw std::invalid_argument(
                fmt::format("no park, plant or source carries the tag \"{}\"{}", tag,
                            scenario::unknown_hint(tag, tags)));
        }
        return nodes;
    }
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < s.nodes.size(); ++i) {
        if (s.nodes[i].id != item) {
            ids.push_back(s.nodes[i].id);
            continue;
        }
        if (!can_lose_capacity(s.nodes[i].kind))
            throw std::invalid_argument(fmt::format(
                "{} \"{}\" has no capacity to lose (targets are parks, plants and sources)",
                kind_name(s.nodes[i].kind), item));
        return {i};
    }
    throw std::invalid_argument(fmt::format(
        "no node is named \"{}\"{} (an item is a node id, park, plant, source or tag:VALUE)", item,
        scenario::did_you_mean(item, ids)));
}

// The mean of a number or distribution.
double mean_of(const Distribution& d) {
    using K = Distribution::Kind;
    switch (d.kind) {
        case K::Fixed:
        case K::Normal:
            return d.p[0];
        case K::Uniform:
            return 0.5 * (d.p[0] + d.p[1]);
        case K::Triangular:
            return (d.p[0] + d.p[1] + d.p[2]) / 3.0;
        case K::Beta:
            return d.p[0] / (d.p[0] + d.p[1]);
    }
    return d.p[0];
}

// Does a strike's target name the node: its id, or a tag it carries?
bool targets_node(const EventSpec& e, const NodeSpec& node) {
    if (e.target.starts_with("tag:") || e.target.starts_with("any:"))
        return has_tag(node, std::string_view(e.target).substr(4));
    return e.target == node.id;
}

}  // namespace

std::vector<std::size_t> select_targets(const ScenarioSpec& scenario, std::string_view selector) {
    std::vector<bool> chosen(scenario.nodes.size(), false);
    std::string_view rest = selector;
    bool any = false;
    while (true) {
        const std::size_t comma = rest.find(',');
        const std::string_view item = trim(rest.substr(0, comma));
        if (item.empty())
            throw std::invalid_argument(
                "an empty item (expected node ids, park, plant, source or tag:VALUE, "
                "separated by commas)");
        for (const std::size_t i : select_item(scenario, item)) chosen[i] = any = true;
        if (comma == std::string_view::npos) break;
        rest = rest.substr(comma + 1);
    }
    std::vector<std::size_t> nodes;
    for (std::size_t i = 0; any && i < chosen.size(); ++i)
        if (chosen[i]) nodes.push_back(i);
    return nodes;
}

double stress_ttr(const ScenarioSpec& scenario, std::size_t node, std::string& source) {
    double longest = -1.0;
    for (std::size_t i = 0; i < scenario.events.size(); ++i) {
        const EventSpec& e = scenario.events[i];
        if (e.kind != EventKind::Strike || !targets_node(e, scenario.nodes.at(node))) continue;
        const double days = std::max(0.0, mean_of(e.repair_days));
        if (days > longest) {
            longest = days;
            source = "event:" + event_label(scenario, i);
        }
    }
    if (longest >= 0.0) return longest;
    source = "default";
    return kDefaultTtrDays;
}

}  // namespace shockflow::experiment
