// Writing a ScenarioSpec back as scenario.toml + nodes.csv + links.csv, in the
// format load_scenario reads (see docs/FORMAT.md).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <ostream>
#include <string>

#include "core/atomic_output.hpp"
#include "shockflow/scenario/generate.hpp"

namespace shockflow {
namespace {

// TOML basic string with the characters that need it escaped.
std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string value(const Distribution& d) {
    using K = Distribution::Kind;
    switch (d.kind) {
        case K::Fixed:
            return fmt::format("{}", d.p[0]);
        case K::Uniform:
            return fmt::format("{{ uniform = [{}, {}] }}", d.p[0], d.p[1]);
        case K::Triangular:
            return fmt::format("{{ triangular = [{}, {}, {}] }}", d.p[0], d.p[1], d.p[2]);
        case K::Beta:
            return fmt::format("{{ beta = [{}, {}] }}", d.p[0], d.p[1]);
        case K::Normal:
            return fmt::format("{{ normal = [{}, {}], min = {}, max = {} }}", d.p[0], d.p[1], d.min,
                               d.max);
    }
    return "0";
}

void write_event(std::ostream& out, const EventSpec& e) {
    out << "\n[[event]]\n";
    if (!e.name.empty()) out << "name = " << quoted(e.name) << "\n";
    auto num = [&](const char* key, const Distribution& d) {
        out << key << " = " << value(d) << "\n";
    };
    if (e.kind != EventKind::CapacityPath) num("day", e.day);  // a path's days are in it
    switch (e.kind) {
        case EventKind::Strike:
            out << "kind = \"strike\"\ntarget = " << quoted(e.target) << "\n";
            num("capacity_loss", e.capacity_loss);
            if (e.firms_damaged) num("firms_damaged", *e.firms_damaged);
            num("repair_days", e.repair_days);
            out << "recovery = " << (e.recovery == Recovery::Linear ? "\"linear\"" : "\"step\"")
                << "\n";
            break;
        case EventKind::LinkCut:
            out << "kind = \"link_cut\"\nlink = " << quoted(e.link) << "\n";
            num("duration_days", e.duration_days);
            num("capacity_loss", e.capacity_loss);
            break;
        case EventKind::DemandShock:
            out << "kind = \"demand_shock\"\nregion = " << quoted(e.region)
                << "\nproduct = " << quoted(e.product) << "\n";
            num("duration_days", e.duration_days);
            num("multiplier", e.multiplier);
            break;
        case EventKind::Displacement:
            out << "kind = \"displacement\"\nfrom = " << quoted(e.from) << "\nto = " << quoted(e.to)
                << "\n";
            num("share", e.share);
            num("over_days", e.over_days);
            break;
        case EventKind::LaborShock:
            out << "kind = \"labor_shock\"\ntarget = " << quoted(e.target) << "\n";
            num("duration_days", e.duration_days);
            num("absent_share", e.absent_share);
            break;
        case EventKind::CapacityPath:
            out << "kind = \"capacity_path\"\ntarget = " << quoted(e.target) << "\npath = [";
            for (std::size_t i = 0; i < e.path.size(); ++i)
                out << (i ? ", " : "") << "[" << value(e.path[i].day) << ", "
                    << value(e.path[i].availability) << "]";
            out << "]\n";
            break;
    }
    if (e.target.rfind("any:", 0) == 0) out << "count = " << e.count << "\n";
}

void write_toml(std::ostream& out, const ScenarioSpec& s) {
    out << "# Written by shockflow. Nodes and links are in the CSV tables beside this file.\n";
    out << "[scenario]\nname = " << quoted(s.name) << "\ndescription = " << quoted(s.description)
        << fmt::format("\nstart_day = {}\nend_day = {}\nstep_hours = {}\nseed = {}\n", s.start_day,
                       s.end_day, s.step_hours, s.seed)
        << fmt::format("replications = {}\ndisruption_window = [{}, {}]\n", s.replications,
                       s.disruption_window[0], s.disruption_window[1]);
    out << "\n[network]\nnodes = \"nodes.csv\"\nlinks = \"links.csv\"\n";
    for (const auto& p : s.products) {
        out << "\n[[product]]\nid = " << quoted(p.id) << "\ncategory = \""
            << category_name(p.category) << "\"\nunit = " << quoted(p.unit) << "\n";
        if (p.price != 0.0) out << fmt::format("price = {}\n", p.price);
    }
    for (const auto& r : s.recipes) {
        out << "\n[[recipe]]\nproduct = " << quoted(r.product) << "\ninputs = { ";
        for (std::size_t i = 0; i < r.inputs.size(); ++i)
            out << (i ? ", " : "") << r.inputs[i].product << " = "
                << fmt::format("{}", r.inputs[i].qty);
        out << " }\n";
    }
    for (const auto& e : s.events) write_event(out, e);
}

// Value of `product` in a map-valued column, or an empty cell.
std::string cell(const std::vector<ProductQty>& values, const std::string& product) {
    for (const auto& v : values)
        if (v.product == product) return fmt::format("{}", v.qty);
    return "";
}

// A node's own recipe; a node with an empty one writes a 0 in the first
// column, since one written cell is what gives a node its own recipe.
void write_recipe_cells(std::ostream& out, const NodeSpec& n, const ScenarioSpec& s) {
    for (std::size_t i = 0; i < s.products.size(); ++i) {
        std::string c = n.recipe ? cell(*n.recipe, s.products[i].id) : "";
        if (i == 0 && n.recipe && n.recipe->empty()) c = "0";
        out << ',' << c;
    }
}

void write_nodes(std::ostream& out, const ScenarioSpec& s) {
    // Recipe columns only where some node has its own recipe.
    const bool recipes =
        std::any_of(s.nodes.begin(), s.nodes.end(), [](const NodeSpec& n) { return n.recipe; });
    // Position columns only where some node is placed, buys_own where some
    // node buys its own product.
    const bool positions =
        std::any_of(s.nodes.begin(), s.nodes.end(), [](const NodeSpec& n) { return n.lat; });
    const bool buys_own = std::any_of(s.nodes.begin(), s.nodes.end(),
                                      [](const NodeSpec& n) { return n.buys_own > 0.0; });
    out << "id,kind,tags,firms,population,stock_target_days" << (positions ? ",lat,lon" : "")
        << (buys_own ? ",buys_own" : "");
    for (const char* map : {"capacity", "stock", "demand"})
        for (const auto& p : s.products) out << ',' << map << '.' << p.id;
    if (recipes)
        for (const auto& p : s.products) out << ",recipe." << p.id;
    out << '\n';
    for (const auto& n : s.nodes) {
        std::string tags;
        for (const auto& t : n.tags) tags += (tags.empty() ? "" : ";") + t;
        const bool firm_kind = n.kind == NodeKind::Park || n.kind == NodeKind::Plant;
        out << n.id << ',' << kind_name(n.kind) << ',' << tags << ','
            << (firm_kind ? fmt::format("{}", n.firms) : "") << ','
            << (n.kind == NodeKind::Region ? fmt::format("{}", n.population) : "") << ','
            << (n.stock_target_days ? fmt::format("{}", *n.stock_target_days) : "");
        if (positions) {
            out << ',' << (n.lat ? fmt::format("{}", *n.lat) : "") << ','
                << (n.lon ? fmt::format("{}", *n.lon) : "");
        }
        if (buys_own) out << ',' << (n.buys_own > 0.0 ? fmt::format("{}", n.buys_own) : "");
        for (const auto* values : {&n.capacity, &n.stock, &n.demand})
            for (const auto& p : s.products) out << ',' << cell(*values, p.id);
        if (recipes) write_recipe_cells(out, n, s);
        out << '\n';
    }
}

void write_links(std::ostream& out, const ScenarioSpec& s) {
    const bool weights =
        std::any_of(s.links.begin(), s.links.end(), [](const LinkSpec& l) { return l.weight; });
    out << "from,to,capacity,transit_hours,products" << (weights ? ",weight\n" : "\n");
    fmt::memory_buffer buf;
    for (const auto& l : s.links) {
        std::string products;
        for (const auto& p : l.products) products += (products.empty() ? "" : ";") + p;
        // An unlimited link leaves its capacity out.
        const std::string capacity = std::isinf(l.capacity) ? "" : fmt::format("{}", l.capacity);
        fmt::format_to(std::back_inserter(buf), "{},{},{},{},{}", l.from, l.to, capacity,
                       l.transit_hours, products);
        if (weights) {
            buf.push_back(',');
            if (l.weight) fmt::format_to(std::back_inserter(buf), "{}", *l.weight);
        }
        buf.push_back('\n');
        if (buf.size() > (1U << 20)) {
            out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
            buf.clear();
        }
    }
    out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
}

}  // namespace

void write_scenario_files(const ScenarioSpec& scenario, const std::filesystem::path& dir) {
    AtomicOutput files(dir, {"scenario.toml", "nodes.csv", "links.csv"});
    write_toml(files.open("scenario.toml"), scenario);
    write_nodes(files.open("nodes.csv"), scenario);
    write_links(files.open("links.csv"), scenario);
    files.commit();
}

}  // namespace shockflow
