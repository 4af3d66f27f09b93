// What a report needs of the scenario: node kinds and tags, links, the
// targets of strikes and link cuts, the disruption window.

#include <algorithm>
#include <set>

#include "shockflow/io/report.hpp"

namespace shockflow::io {
namespace {

bool has_tag(const NodeSpec& node, std::string_view tag) {
    return std::find(node.tags.begin(), node.tags.end(), tag) != node.tags.end();
}

// Node ids a target names: an id, `tag:X` (every node tagged X) or `any:X`
// (some of them, drawn per replication).
std::vector<std::string> targeted(const ScenarioSpec& s, std::string_view target) {
    std::vector<std::string> ids;
    const bool tag = target.starts_with("tag:") || target.starts_with("any:");
    const std::string_view name = tag ? target.substr(4) : target;
    for (const NodeSpec& node : s.nodes) {
        if (tag ? has_tag(node, name) : node.id == name) ids.push_back(node.id);
    }
    return ids;
}

// Sorted and without duplicates, so that the report does not depend on the
// order of the events.
std::vector<std::string> unique(std::vector<std::string> ids) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

void add_events(const ScenarioSpec& s, ReportContext& c) {
    for (const EventSpec& e : s.events) {
        if (e.kind == EventKind::LinkCut) c.cut_links.push_back(e.link);
        // A capacity path is damage too (a damage assessment's recovery).
        if (e.kind != EventKind::Strike && e.kind != EventKind::CapacityPath) continue;
        auto& into = e.target.starts_with("any:") ? c.may_be_struck : c.struck;
        for (auto& id : targeted(s, e.target)) into.push_back(std::move(id));
    }
    c.struck = unique(std::move(c.struck));
    c.cut_links = unique(std::move(c.cut_links));
    // A node both certainly and possibly struck is shown as struck.
    std::vector<std::string> maybe;
    for (auto& id : unique(std::move(c.may_be_struck))) {
        if (!std::binary_search(c.struck.begin(), c.struck.end(), id)) maybe.push_back(id);
    }
    c.may_be_struck = std::move(maybe);
}

}  // namespace

ReportContext make_report_context(const ScenarioSpec& scenario, const PolicySpec* policy) {
    ReportContext c;
    c.description = scenario.description;
    c.window = scenario.disruption_window;
    c.quiet_until = scenario.disruption_window[0];
    if (policy != nullptr && policy->prestock)
        c.quiet_until = std::min(c.quiet_until, policy->prestock->from_day);
    for (const ProductSpec& p : scenario.products) {
        if (p.category == ProductCategory::Essential) c.essential_products.push_back(p.id);
    }
    for (const NodeSpec& n : scenario.nodes)
        c.nodes.push_back({n.id, std::string(kind_name(n.kind)), n.tags, n.lat, n.lon});
    for (const LinkSpec& l : scenario.links) c.links.emplace_back(l.from, l.to);
    add_events(scenario, c);
    return c;
}

}  // namespace shockflow::io
