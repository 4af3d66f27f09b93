// Production loss by region and by sector: the value of output below
// baseline summed over the nodes tagged `region:X` and `sector:Y`, from
// RunResult::by_tag (docs/MODEL.md, "Value lost by tag").

#include <algorithm>
#include <array>
#include <string>

#include "io/number_format.hpp"
#include "io/report_page.hpp"

namespace shockflow::io::report {
namespace {

constexpr std::size_t kMaxBars = 40;  // per panel, the largest losses first

// The groups of one tag key, largest loss first (ties by name), at most kMaxBars.
Json bars(const RunResult& r, const std::string& key, std::size_t& shown, std::size_t& total) {
    std::vector<const TagValue*> groups;
    for (const TagValue& g : r.by_tag)
        if (g.key == key) groups.push_back(&g);
    std::stable_sort(groups.begin(), groups.end(), [](const TagValue* a, const TagValue* b) {
        return a->production_loss > b->production_loss;
    });
    total = groups.size();
    shown = std::min(total, kMaxBars);
    Json values = Json::array();
    for (std::size_t i = 0; i < shown; ++i)
        values.push_back({{"group", groups[i]->value},
                          {"rank", i},
                          {"loss", json_number(groups[i]->production_loss)},
                          {"unmet", json_number(groups[i]->unmet_final_demand)}});
    return values;
}

Json panel(const RunResult& r, const std::string& key) {
    std::size_t shown = 0, total = 0;
    Json values = bars(r, key, shown, total);
    std::string title = "by " + key;
    if (shown < total)
        title += " (largest " + std::to_string(shown) + " of " + std::to_string(total) + ")";
    return {{"title", {{"text", title}, {"fontSize", 12}, {"anchor", "start"}}},
            {"width", 400},
            {"height", std::max<int>(40, static_cast<int>(shown) * 14)},
            {"data", {{"values", values}}},
            {"mark", {{"type", "bar"}, {"color", "#b91c1c"}}},
            {"encoding",
             {{"x", {{"field", "loss"}, {"type", "quantitative"}, {"title", "production loss"}}},
              {"y",
               {{"field", "group"},
                {"type", "nominal"},
                {"title", nullptr},
                {"sort", {{"field", "rank"}, {"op", "min"}}},
                {"axis", {{"labelLimit", 200}}}}},
              {"tooltip",
               {{{"field", "group"}},
                {{"field", "loss"}, {"title", "production loss"}, {"format", ",.4~g"}},
                {{"field", "unmet"}, {"title", "unmet final demand"}, {"format", ",.4~g"}}}}}}};
}

}  // namespace

std::optional<Card> loss_card(const RunResult& r) {
    if (!r.priced) return std::nullopt;
    Json panels = Json::array();
    for (const std::string key : {"region", "sector"}) {
        const bool any = std::any_of(r.by_tag.begin(), r.by_tag.end(),
                                     [&](const TagValue& g) { return g.key == key; });
        if (any) panels.push_back(panel(r, key));
    }
    if (panels.empty()) return std::nullopt;
    Json spec = {{"config", chart_config()}, {"hconcat", panels}, {"spacing", 40}};
    return Card{"loss",
                "Production loss by region and sector",
                "Value of output below baseline in the window (price x units), summed over the "
                "producers tagged region:X and sector:Y; the tooltip adds the value of final "
                "demand not met over the run by the regions (nodes) tagged so.",
                true,
                spec,
                ""};
}

}  // namespace shockflow::io::report
