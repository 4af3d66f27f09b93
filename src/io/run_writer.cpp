#include "shockflow/io/run_writer.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <cmath>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string_view>

#include "core/atomic_output.hpp"
#include "io/number_format.hpp"
#include "io/output_files.hpp"
#include "io/run_files.hpp"
#include "io/sample_files.hpp"
#include "shockflow/core/assert.hpp"
#include "shockflow/core/version.hpp"
#include "shockflow/model/kpi.hpp"

namespace shockflow::io {
namespace {

using Json = nlohmann::ordered_json;

// Ids are [A-Za-z0-9_.-] (checked by the loader), so they never need CSV quoting.
const std::string& id_at(const std::vector<std::string>& ids, std::uint32_t index) {
    SHOCKFLOW_ASSERT(index < ids.size(), "row refers to an unknown id index");
    return ids[index];
}

void append(fmt::memory_buffer& buf, const std::string& text) {
    buf.append(text.data(), text.data() + text.size());
}

void append_day_row(fmt::memory_buffer& buf, const std::vector<std::string>& node_ids,
                    const std::vector<std::string>& product_ids, const DayRow& row) {
    fmt::format_to(std::back_inserter(buf), FMT_COMPILE("{},"), row.day);
    append(buf, id_at(node_ids, row.node));
    buf.push_back(',');
    append(buf, id_at(product_ids, row.product));
    for (const double v : {row.produced, row.consumed_inputs, row.stock, row.shipped, row.received,
                           row.demand, row.delivered, row.unmet, row.capacity_available}) {
        buf.push_back(',');
        append_csv_number(buf, v);
    }
    buf.push_back('\n');
}

// Large tables are written in pieces of about this size, so a run with millions
// of rows never holds its whole CSV text in memory.
constexpr std::size_t kFlushBytes = std::size_t{1} << 20;

void flush_if_full(fmt::memory_buffer& buf, std::ostream& out) {
    if (buf.size() < kFlushBytes) return;
    out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
    buf.clear();
}

Json products_json(const RunResult& r) {
    SHOCKFLOW_ASSERT(r.products.size() == r.product_ids.size(), "one total per product");
    Json products = Json::object();
    for (std::size_t i = 0; i < r.product_ids.size(); ++i) {
        const ProductTotals& t = r.products[i];
        products[r.product_ids[i]] = Json{{"produced", json_number(t.produced)},
                                          {"demanded", json_number(t.demanded)},
                                          {"delivered", json_number(t.delivered)},
                                          {"unmet", json_number(t.unmet)}};
    }
    return products;
}

Json kpi_json(const Kpis& kpi) {
    Json out = Json::object();
    for (const KpiInfo& info : kpi_registry()) {
        out[std::string(info.name)] = json_number(kpi.*info.field);
    }
    return out;
}

// Bullwhip per stage of the supply chain (docs/MODEL.md); null where undefined.
Json order_variance_json(const OrderVarianceRatio& r) {
    return Json{{"region", json_number(r.region)},
                {"depot", json_number(r.depot)},
                {"producer", json_number(r.producer)},
                {"source", json_number(r.source)}};
}

// Value lost per group of nodes tagged KEY:VALUE: by_tag.KEY.VALUE.
Json by_tag_json(const std::vector<TagValue>& groups) {
    Json out = Json::object();
    for (const TagValue& g : groups)
        out[g.key][g.value] = Json{{"production_loss", json_number(g.production_loss)},
                                   {"unmet_final_demand", json_number(g.unmet_final_demand)}};
    return out;
}

}  // namespace

constexpr std::string_view kTimeseriesHeader =
    "day,node,product,produced,consumed_inputs,stock,shipped,received,demand,"
    "delivered,unmet,capacity_available\n";

void write_timeseries_csv(const RunResult& result, std::ostream& out) {
    fmt::memory_buffer buf;
    buf.append(kTimeseriesHeader);
    for (const DayRow& row : result.timeseries) {
        append_day_row(buf, result.node_ids, result.product_ids, row);
        flush_if_full(buf, out);
    }
    out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
}

void write_firms_csv(const RunResult& result, std::ostream& out) {
    fmt::memory_buffer buf;
    fmt::format_to(std::back_inserter(buf), "day,node,firms,firms_active,firms_idle\n");
    for (const FirmRow& row : result.firms) {
        fmt::format_to(std::back_inserter(buf), "{},{},{},{},{}\n", row.day,
                       id_at(result.node_ids, row.node), row.firms, row.firms_active,
                       row.firms_idle);
        flush_if_full(buf, out);
    }
    out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
}

// Per (node, product): time-to-survive for regions, time-to-recover for
// producers whose output fell below 95 % of baseline (docs/MODEL.md).
Json resilience_json(const RunResult& result) {
    Json list = Json::array();
    for (const Resilience& r : result.resilience) {
        Json item;
        item["node"] = id_at(result.node_ids, r.node);
        item["product"] = id_at(result.product_ids, r.product);
        if (!std::isnan(r.time_to_survive_days))
            item["time_to_survive_days"] = json_number(r.time_to_survive_days);
        if (!std::isnan(r.time_to_recover_days))
            item["time_to_recover_days"] = json_number(r.time_to_recover_days);
        item["censored"] = r.censored;
        list.push_back(std::move(item));
    }
    return list;
}

std::string summary_json(const RunResult& result) {
    Json j;
    j["scenario"] = result.scenario;
    j["policy"] = result.policy;
    j["seed"] = result.seed;
    j["start_day"] = json_number(result.start_day);
    j["end_day"] = json_number(result.end_day);
    j["version"] = std::string(version());
    j["git_revision"] = std::string(git_revision());
    j["input_hash"] = fmt::format("{:016x}", result.input_hash);
    j["products"] = products_json(result);
    j["kpi"] = kpi_json(result.kpi);
    j["order_variance_ratio"] = order_variance_json(result.order_variance_ratio);
    // In money, where the products have prices (docs/FORMAT.md).
    if (result.priced) {
        j["production_loss"] = json_number(result.kpi.lost_output_value);
        j["unmet_final_demand"] = json_number(result.kpi.unmet_value);
        j["by_tag"] = by_tag_json(result.by_tag);
    }
    j["resilience"] = resilience_json(result);
    j["events_processed"] = result.events_processed;
    // Additions, after the keys of the first version.
    j["regions"] = regions_json(result);
    Json censored = Json::object();
    for (const KpiInfo& info : kpi_registry())
        if (info.censored != nullptr)
            censored[std::string(info.name)] = result.kpi_censored.*info.censored;
    j["kpi_censored"] = std::move(censored);
    j["samples"] = samples_json(result.samples, result.event_labels, result.node_ids);
    // Names come from validated UTF-8 TOML; `replace` only guards against a bug
    // turning into an exception after a long run.
    return j.dump(2, ' ', false, Json::error_handler_t::replace) + '\n';
}

namespace {

// What follows timeseries.csv and regions.csv, for write_run and
// StreamingRunWriter alike: firms.csv, summary.json, the extra files, then
// all in place together.
void write_rest_and_commit(const RunResult& result, AtomicOutput& output,
                           const std::vector<ExtraFile>& extra) {
    write_firms_csv(result, output.open("firms.csv"));
    output.open("summary.json") << summary_json(result);
    for (const ExtraFile& file : extra) output.open(file.name) << file.contents;
    output.commit();
}

}  // namespace

void write_run(const RunResult& result, const std::filesystem::path& dir,
               const std::vector<ExtraFile>& extra) {
    AtomicOutput output(dir, run_files());
    write_timeseries_csv(result, output.open("timeseries.csv"));
    write_regions_csv(result, output.open("regions.csv"));
    write_rest_and_commit(result, output, extra);
}

RunLayout run_layout(const ScenarioSpec& scenario) {
    RunLayout layout;
    for (const NodeSpec& n : scenario.nodes) {
        layout.node_ids.push_back(n.id);
        layout.region.push_back(n.kind == NodeKind::Region);
    }
    for (const ProductSpec& p : scenario.products) {
        layout.product_ids.push_back(p.id);
        layout.product_categories.emplace_back(category_name(p.category));
    }
    return layout;
}

RunLayout run_layout(const RunResult& result) {
    RunLayout layout{result.node_ids, result.product_ids,
                     std::vector<bool>(result.node_ids.size(), false), result.product_categories};
    for (const RegionSummary& s : result.regions)
        if (s.node < layout.region.size()) layout.region[s.node] = true;
    return layout;
}

struct StreamingRunWriter::State {
    AtomicOutput output;
    std::ostream& timeseries;
    std::ostream& regions;
    RunLayout layout;
    fmt::memory_buffer buf, region_buf;

    State(const std::filesystem::path& dir, RunLayout l)
        : output(dir, run_files()),
          timeseries(output.open("timeseries.csv")),
          regions(output.open("regions.csv")),
          layout(std::move(l)) {
        buf.append(kTimeseriesHeader);
        region_buf.append(kRegionsHeader);
    }
};

StreamingRunWriter::StreamingRunWriter(const std::filesystem::path& dir, RunLayout layout)
    : state_(std::make_unique<State>(dir, std::move(layout))) {}

StreamingRunWriter::~StreamingRunWriter() = default;

void StreamingRunWriter::add(const DayRow& row) {
    SHOCKFLOW_ASSERT(state_ != nullptr, "StreamingRunWriter::add after finish");
    State& s = *state_;
    append_day_row(s.buf, s.layout.node_ids, s.layout.product_ids, row);
    flush_if_full(s.buf, s.timeseries);
    append_region_row(s.region_buf, s.layout, row);
    flush_if_full(s.region_buf, s.regions);
}

void StreamingRunWriter::finish(const RunResult& result, const std::vector<ExtraFile>& extra) {
    SHOCKFLOW_ASSERT(state_ != nullptr, "StreamingRunWriter::finish called twice");
    State& s = *state_;
    s.timeseries.write(s.buf.data(), static_cast<std::streamsize>(s.buf.size()));
    s.regions.write(s.region_buf.data(), static_cast<std::streamsize>(s.region_buf.size()));
    write_rest_and_commit(result, s.output, extra);
    state_.reset();
}

}  // namespace shockflow::io
