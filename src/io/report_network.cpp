// The network view. Layout, deterministic and computed here. Where every node
// has a position (`lat`, `lon`), the nodes sit on a map: an equirectangular
// projection fitted to the view, the nodes that share a point spread around
// it. Otherwise the groups of nodes that share a `province:` tag sit on an
// ellipse in the order the scenario first names them, each group's region at
// its centre and its other nodes on a small ring around it; nodes without a
// province sit on a ring in the middle. The nodes struck in the run (as drawn)
// and cut links are marked.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>

#include "io/report_page.hpp"

namespace shockflow::io::report {
namespace {

constexpr double kWidth = kWideWidth - 140;  // room for the legends
constexpr double kHeight = 600.0;
constexpr std::size_t kNameAll = 40;  // networks up to this size have every node named

struct Position {
    double x = 0.0, y = 0.0;
};

std::string province(const ReportNode& node) {
    for (const auto& tag : node.tags) {
        if (tag.starts_with("province:")) return tag.substr(9);
    }
    return {};
}

int kind_order(const std::string& kind) {
    static const std::array<std::string_view, 5> order{"region", "depot", "park", "plant",
                                                       "source"};
    return static_cast<int>(std::find(order.begin(), order.end(), kind) - order.begin());
}

// Unit coordinates (x, y in [-1, 1]) to pixels, the ellipse filling the view.
constexpr double kRx = kWidth / 2 - 150, kRy = kHeight / 2 - 25;

Position to_pixels(double ux, double uy) {
    return {std::round((kWidth / 2 + kRx * ux) * 10) / 10,
            std::round((kHeight / 2 + kRy * uy) * 10) / 10};
}

// Places `members` (indices into nodes) around (cx, cy): a region at the
// centre, the rest evenly on a ring of radius r (circular on screen), in
// kind then id order.
void place_group(const std::vector<ReportNode>& nodes, std::vector<std::size_t> members, double cx,
                 double cy, double r, std::vector<Position>& out) {
    std::sort(members.begin(), members.end(), [&](std::size_t a, std::size_t b) {
        const int ka = kind_order(nodes[a].kind), kb = kind_order(nodes[b].kind);
        return ka != kb ? ka < kb : nodes[a].id < nodes[b].id;
    });
    std::size_t start = 0;
    if (!members.empty() && nodes[members[0]].kind == "region" && members.size() > 1) {
        out[members[0]] = to_pixels(cx, cy);
        start = 1;
    }
    const auto ring = static_cast<double>(members.size() - start);
    for (std::size_t j = start; j < members.size(); ++j) {
        const double a =
            2 * std::numbers::pi * static_cast<double>(j - start) / ring - std::numbers::pi / 2;
        out[members[j]] = to_pixels(cx + r * std::cos(a), cy + r * std::sin(a) * kRx / kRy);
    }
}

struct Label {
    std::string text;
    Position at;
    const char* align;  ///< "left", "center" or "right": away from the ellipse
};

struct Layout {
    std::vector<Position> at;   ///< by node index
    std::vector<Label> groups;  ///< province names, outside their group
};

Layout layout(const std::vector<ReportNode>& nodes) {
    std::vector<std::string> order;
    std::map<std::string, std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const std::string g = province(nodes[i]);
        if (!groups.contains(g) && !g.empty()) order.push_back(g);
        groups[g].push_back(i);
    }
    Layout out{std::vector<Position>(nodes.size()), {}};
    const double n = static_cast<double>(order.size());
    const double ring = order.size() < 2 ? 0.0 : 0.86;
    // Adjacent groups (ring x 2 sin(pi / n) apart) must not overlap.
    const double r =
        order.size() < 2 ? 0.5 : std::clamp(0.75 * std::sin(std::numbers::pi / n), 0.03, 0.16);
    for (std::size_t i = 0; i < order.size(); ++i) {
        const double a = 2 * std::numbers::pi * static_cast<double>(i) / n - std::numbers::pi / 2;
        const double cx = ring * std::cos(a), cy = ring * std::sin(a);
        const double size = static_cast<double>(groups[order[i]].size());
        const double gr = r * std::clamp(std::sqrt(size) / 3, 0.6, 1.4);
        place_group(nodes, groups[order[i]], cx, cy, gr, out.at);
        const double lr = ring + gr + 0.03;
        const char* align = std::cos(a) > 0.25 ? "left" : std::cos(a) < -0.25 ? "right" : "center";
        out.groups.push_back(
            {order[i], to_pixels(lr * std::cos(a), lr * std::sin(a) * 1.06), align});
    }
    if (groups.contains(""))
        place_group(nodes, groups[""], 0.0, 0.0, order.empty() ? 0.9 : 0.3, out.at);
    return out;
}

// Every node has a position: the network is drawn on a map.
bool on_map(const std::vector<ReportNode>& nodes) {
    return !nodes.empty() && std::all_of(nodes.begin(), nodes.end(), [](const ReportNode& n) {
        return n.lat.has_value() && n.lon.has_value();
    });
}

// Fits the nodes' positions to the view: x = lon * cos(middle latitude),
// y = lat (north up), one scale for both, centred.
struct Projection {
    double lat = 0.0, lon = 0.0;  ///< the middle of the nodes' box
    double kx = 1.0;              ///< cos(middle latitude)
    double scale = 0.0;           ///< pixels per degree of latitude

    explicit Projection(const std::vector<ReportNode>& nodes) {
        const auto [lat0, lat1] =
            std::minmax_element(nodes.begin(), nodes.end(),
                                [](const auto& a, const auto& b) { return *a.lat < *b.lat; });
        const auto [lon0, lon1] =
            std::minmax_element(nodes.begin(), nodes.end(),
                                [](const auto& a, const auto& b) { return *a.lon < *b.lon; });
        lat = (*lat0->lat + *lat1->lat) / 2;
        lon = (*lon0->lon + *lon1->lon) / 2;
        kx = std::cos(lat * std::numbers::pi / 180);
        const double w = (*lon1->lon - *lon0->lon) * kx, h = *lat1->lat - *lat0->lat;
        constexpr double kMargin = 60.0;  // room for the spread of a point and its label
        const double sx = w > 0 ? (kWidth - 2 * kMargin) / w : HUGE_VAL;
        const double sy = h > 0 ? (kHeight - 2 * kMargin) / h : HUGE_VAL;
        scale = std::isfinite(std::min(sx, sy)) ? std::min(sx, sy) : 0.0;
    }
    [[nodiscard]] Position operator()(double at_lat, double at_lon) const {
        return {kWidth / 2 + (at_lon - lon) * kx * scale, kHeight / 2 - (at_lat - lat) * scale};
    }
};

Position rounded(Position p) { return {std::round(p.x * 10) / 10, std::round(p.y * 10) / 10}; }

// The nodes on a map. Those at one point (a province's nodes at its capital,
// say) are spread on a small sunflower around it, in kind then id order, so
// that the region comes first, at the point itself; the point is labelled with
// the province of its first node, above the spread.
Layout map_layout(const std::vector<ReportNode>& nodes) {
    const Projection project(nodes);
    std::vector<std::pair<double, double>> order;
    std::map<std::pair<double, double>, std::vector<std::size_t>> points;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const std::pair at{*nodes[i].lat, *nodes[i].lon};
        if (!points.contains(at)) order.push_back(at);
        points[at].push_back(i);
    }
    constexpr double kSpacing = 5.5;  // pixels; about a node's width apart
    const double golden = std::numbers::pi * (3 - std::sqrt(5.0));
    Layout out{std::vector<Position>(nodes.size()), {}};
    for (const auto& at : order) {
        std::vector<std::size_t>& members = points[at];
        std::sort(members.begin(), members.end(), [&](std::size_t a, std::size_t b) {
            const int ka = kind_order(nodes[a].kind), kb = kind_order(nodes[b].kind);
            return ka != kb ? ka < kb : nodes[a].id < nodes[b].id;
        });
        const Position centre = project(at.first, at.second);
        for (std::size_t k = 0; k < members.size(); ++k) {
            const double r = k == 0 ? 0.0 : kSpacing * std::sqrt(static_cast<double>(k) + 0.5);
            const double a = golden * static_cast<double>(k) - std::numbers::pi / 2;
            out.at[members[k]] = rounded({centre.x + r * std::cos(a), centre.y + r * std::sin(a)});
        }
        const double spread = kSpacing * std::sqrt(static_cast<double>(members.size()));
        for (const std::size_t i : members) {
            if (const std::string p = province(nodes[i]); !p.empty()) {
                out.groups.push_back({p, rounded({centre.x, centre.y - spread - 8}), "center"});
                break;
            }
        }
    }
    return out;
}

template <typename T>
bool contains(const std::vector<T>& list, const T& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

constexpr const char* kStruck = "struck";
constexpr const char* kNotDrawn = "candidate, not drawn in this run";

// The ids of the nodes struck in this run: a strike's or capacity path's
// targets, an `any:` one's as drawn.
std::vector<std::string> struck_in_run(const RunResult& r) {
    std::vector<std::string> ids;
    for (const std::uint32_t n : r.struck_nodes)
        if (n < r.node_ids.size()) ids.push_back(r.node_ids[n]);
    return ids;
}

Json node_values(const RunResult& r, const ReportContext& c, const Layout& l) {
    const std::vector<std::string> struck = struck_in_run(r);
    const bool map = on_map(c.nodes);
    Json values = Json::array();
    for (std::size_t i = 0; i < c.nodes.size(); ++i) {
        const ReportNode& n = c.nodes[i];
        std::string tags;
        for (const auto& t : n.tags) tags += (tags.empty() ? "" : ", ") + t;
        const char* status = contains(struck, n.id) || contains(c.struck, n.id) ? kStruck
                             : contains(c.may_be_struck, n.id)                  ? kNotDrawn
                                                                                : "";
        // Every node is named in a small network, only the struck ones in a large one.
        const bool named = c.nodes.size() <= kNameAll || *status != '\0';
        values.push_back({{"id", n.id},
                          {"kind", n.kind},
                          {"tags", tags},
                          {"x", l.at[i].x},
                          {"y", l.at[i].y},
                          {"status", status},
                          {"name", named ? n.id : ""}});
        if (map) {
            values.back()["lat"] = *n.lat;
            values.back()["lon"] = *n.lon;
        }
    }
    return values;
}

Json link_values(const ReportContext& c, const Layout& l, bool cut) {
    std::map<std::string_view, std::size_t> index;
    for (std::size_t i = 0; i < c.nodes.size(); ++i) index[c.nodes[i].id] = i;
    Json values = Json::array();
    for (const auto& [from, to] : c.links) {
        const std::string id = from + "->" + to;
        if (contains(c.cut_links, id) != cut || !index.contains(from) || !index.contains(to))
            continue;
        const Position a = l.at[index[from]], b = l.at[index[to]];
        Json v = {{"x", a.x}, {"y", a.y}, {"x2", b.x}, {"y2", b.y}};
        if (cut) v["link"] = id, v["status"] = "cut link";
        values.push_back(std::move(v));
    }
    return values;
}

// A position channel in pixels, as laid out above (no scale, no axis).
Json pixels(const char* field) {
    return {{"field", field}, {"type", "quantitative"}, {"scale", nullptr}, {"axis", nullptr}};
}

Json status_scale() {
    return {{"domain", {kStruck, kNotDrawn, "cut link"}},
            {"range", {"#dc2626", "#f59e0b", "#dc2626"}}};
}

Json at(Json encoding) {
    encoding["x"] = pixels("x");
    encoding["y"] = pixels("y");
    return encoding;
}

// Every link in light grey, then the cut ones dashed in red over them.
std::vector<Json> link_layers(const ReportContext& c, const Layout& l) {
    const Json ends = {{"x2", {{"field", "x2"}}}, {"y2", {{"field", "y2"}}}};
    Json links = {
        {"data", {{"values", link_values(c, l, false)}}},
        {"mark", {{"type", "rule"}, {"color", "#94a3b8"}, {"opacity", 0.3}, {"strokeWidth", 0.7}}},
        {"encoding", at(ends)}};
    Json cut_encoding = ends;
    cut_encoding["stroke"] = {{"field", "status"},
                              {"type", "nominal"},
                              {"title", "disruption"},
                              {"scale", status_scale()}};
    cut_encoding["tooltip"] = Json::array({{{"field", "link"}}});
    Json cuts = {{"data", {{"values", link_values(c, l, true)}}},
                 {"mark", {{"type", "rule"}, {"strokeWidth", 3}, {"strokeDash", {6, 3}}}},
                 {"encoding", at(cut_encoding)}};
    return {links, cuts};
}

Json kind_channel(const Json& range) {
    return {
        {"field", "kind"},
        {"type", "nominal"},
        {"title", "node"},
        {"scale", {{"domain", {"region", "depot", "park", "plant", "source"}}, {"range", range}}}};
}

// Rings around struck nodes, the nodes, and their names over a white halo
// so that they stay legible over the links.
std::vector<Json> node_layers(const RunResult& r, const ReportContext& c, const Layout& l) {
    const Json data = {{"values", node_values(r, c, l)}};
    Json rings = {
        {"data", data},
        {"transform", {{{"filter", "datum.status != ''"}}}},
        {"mark", {{"type", "point"}, {"size", 300}, {"strokeWidth", 3}, {"filled", false}}},
        {"encoding",
         at({{"stroke", {{"field", "status"}, {"type", "nominal"}, {"scale", status_scale()}}}})}};
    Json tooltip = {
        {{"field", "id"}}, {{"field", "kind"}}, {{"field", "tags"}}, {{"field", "status"}}};
    if (on_map(c.nodes)) {
        tooltip.push_back({{"field", "lat"}, {"title", "lat (°)"}});
        tooltip.push_back({{"field", "lon"}, {"title", "lon (°)"}});
    }
    Json points = {
        {"data", data},
        {"mark", {{"type", "point"}, {"filled", true}, {"size", 45}, {"opacity", 0.95}}},
        {"encoding",
         at({{"color", kind_channel({"#2563eb", "#0d9488", "#7c3aed", "#db2777", "#6b7280"})},
             {"shape", kind_channel({"circle", "square", "triangle-up", "diamond", "cross"})},
             {"tooltip", tooltip}})}};
    Json halo = {{"data", data},
                 {"transform", {{{"filter", "datum.name != ''"}}}},
                 {"mark",
                  {{"type", "text"},
                   {"fontSize", 9},
                   {"dy", 15},
                   {"stroke", "white"},
                   {"strokeWidth", 3},
                   {"strokeOpacity", 0.85}}},
                 {"encoding", at({{"text", {{"field", "name"}}}})}};
    Json names = halo;
    names["mark"] = {{"type", "text"}, {"fontSize", 9}, {"dy", 15}, {"color", "#111827"}};
    return {rings, points, halo, names};
}

// Province names outside their groups, aligned away from the ellipse (one
// layer per alignment: text alignment is not an encoding channel).
std::vector<Json> label_layers(const Layout& l) {
    Json values = Json::array();
    for (const Label& g : l.groups)
        values.push_back({{"label", g.text}, {"x", g.at.x}, {"y", g.at.y}, {"align", g.align}});
    std::vector<Json> layers;
    for (const char* align : {"left", "center", "right"}) {
        layers.push_back(
            {{"data", {{"values", values}}},
             {"transform", {{{"filter", fmt::format("datum.align == '{}'", align)}}}},
             {"mark", {{"type", "text"}, {"fontSize", 10}, {"color", "#374151"}, {"align", align}}},
             {"encoding", at({{"text", {{"field", "label"}}}})}});
    }
    return layers;
}

}  // namespace

Card network_card(const RunResult& result, const ReportContext& c) {
    const bool map = on_map(c.nodes);
    const Layout l = map ? map_layout(c.nodes) : layout(c.nodes);
    Json layers = Json::array();
    for (auto&& part : {link_layers(c, l), node_layers(result, c, l), label_layers(l)}) {
        for (const Json& layer : part) layers.push_back(layer);
    }
    Json spec = {{"width", kWidth},
                 {"height", kHeight},
                 {"config", chart_config()},
                 {"layer", std::move(layers)}};
    return {
        "network",
        "Network: struck nodes and cut links",
        std::string(map ? "Nodes at their latitude and longitude (north up, an "
                          "equirectangular projection; the nodes at one point spread around "
                          "it, the region at the point); grey lines are links."
                        : "Nodes grouped by province (the region at the centre of its "
                          "group); grey lines are links.") +
            " Red rings: nodes struck in this run (a strike or capacity path; an `any:` "
            "target as drawn for this seed); amber rings: candidates of an `any:` target that "
            "were not drawn in this run; red dashed lines: links cut at some time. Hover for ids.",
        true,
        spec,
        ""};
}

}  // namespace shockflow::io::report
