#pragma once
/// What one run produces: daily records, run totals and KPIs.
/// Model events go to observers (model/simulation.hpp); this is the in-memory
/// record that the io/ writers turn into files.

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "shockflow/model/kpi.hpp"

namespace shockflow {

/// Daily totals for one (day, node, product) with nonzero activity.
struct DayRow {
    std::int32_t day = 0;             ///< day index (day d covers [d, d+1))
    std::uint32_t node = 0;           ///< index into RunResult::node_ids
    std::uint32_t product = 0;        ///< index into RunResult::product_ids
    double produced = 0.0;            ///< units made that day
    double consumed_inputs = 0.0;     ///< units used as production inputs
    double stock = 0.0;               ///< units on hand at the end of the day
    double shipped = 0.0;             ///< units dispatched
    double received = 0.0;            ///< units arrived
    double demand = 0.0;              ///< regions: units wanted
    double delivered = 0.0;           ///< regions: units consumed
    double unmet = 0.0;               ///< regions: demand - delivered (lost)
    double capacity_available = 0.0;  ///< units/day, day mean of nominal x availability
    /// Length of the day that was simulated, days: its cycles x their length
    /// (1 for a whole day; less for a day the run starts or ends within).
    /// demand / days is the day's mean demand rate, units/day.
    double days = 1.0;
};

/// Daily firm activity of a park or plant.
struct FirmRow {
    std::int32_t day = 0;
    std::uint32_t node = 0;
    std::int64_t firms = 0;
    std::int64_t firms_active = 0;  ///< day mean of active firms, rounded
    /// Day mean of idle firms (able to work, but without orders or inputs),
    /// rounded; firms_active + firms_idle <= firms.
    std::int64_t firms_idle = 0;
};

/// Essential goods wanted and consumed by all regions on one day (kept even
/// when the time series is not recorded).
struct DailyEssential {
    std::int32_t day = 0;
    double demand = 0.0;     ///< units
    double delivered = 0.0;  ///< units
};

/// Run totals of one product (all nodes).
struct ProductTotals {
    double produced = 0.0;
    double demanded = 0.0;   ///< by regions
    double delivered = 0.0;  ///< to regions' consumers
    double unmet = 0.0;
};

/// Material balance of one product over a whole run (for invariant checks):
/// initial_stock + produced == final_stock + consumed_inputs + delivered + in_transit.
struct ProductBalance {
    double initial_stock = 0.0;
    double produced = 0.0;
    double final_stock = 0.0;
    double consumed_inputs = 0.0;
    double delivered = 0.0;
    double in_transit = 0.0;
};

/// Time-to-survive / time-to-recover of one (node, product), after
/// Simchi-Levi. NaN where it does not apply (never dropped, not a region).
struct Resilience {
    std::uint32_t node = 0;
    std::uint32_t product = 0;
    double time_to_survive_days = 0.0;  ///< regions, essential products; censored at the end
    double time_to_recover_days = 0.0;  ///< producers whose output dropped below 95 % of baseline
    bool censored = false;              ///< the run ended before the event happened
};

/// The bullwhip effect per stage of the supply chain: variance of the daily
/// orders its rows placed upstream over the variance of the daily demand they
/// received, summed over the stage's rows, over the whole days from the
/// disruption window's start (docs/MODEL.md). >= 0; NaN where the stage's
/// demand did not vary (or fewer than two days were counted).
struct OrderVarianceRatio {
    static constexpr double kUndefined = std::numeric_limits<double>::quiet_NaN();
    double region = kUndefined;  ///< orders over the population's demand
    double depot = kUndefined;   ///< orders over the customers' requests
    /// Parks and plants: orders of inputs over the inputs that the requests
    /// for their outputs need.
    double producer = kUndefined;
    double source = kUndefined;  ///< production (sources order nothing) over the requests
};

/// How one region fared with its essential goods (docs/MODEL.md, "Per region").
struct RegionSummary {
    static constexpr double kUndefined = std::numeric_limits<double>::quiet_NaN();
    std::uint32_t node = 0;  ///< index into RunResult::node_ids
    /// Delivered / demanded, all products, whole run; share. NaN without demand.
    double fill_rate = kUndefined;
    /// Delivered / demanded, essential products, in the window; share. NaN
    /// without essential demand in the window.
    double essential_fill_rate = kUndefined;
    /// Days in the window on which the region's essential unmet demand was
    /// above 0 (above a billionth of its essential demand that day). >= 0.
    std::int64_t days_short = 0;
    /// Population x share of essential need unmet x cycle length, summed over
    /// the run's cycles; person-days, >= 0. Over all regions it adds up to the
    /// KPI person_days_short.
    double person_days_short = 0.0;
    /// Days from the window start to the first cycle in which the region went
    /// short of any essential product it demands (the shortest of its
    /// products' times to survive); the time to the run's end when it never
    /// did (censored). NaN when it demands no essential product.
    double time_to_survive_days = kUndefined;
    bool time_to_survive_censored = false;  ///< it never went short before the run ended
};

/// Value lost by the nodes tagged `KEY:VALUE` (docs/MODEL.md, "Value lost
/// by tag"), in the money unit of the products' prices.
struct TagValue {
    std::string key;    ///< the tag's part before its first ':'
    std::string value;  ///< the rest
    /// Its producers' output below baseline x price, in the window (as the
    /// KPI lost_output_value), >= 0.
    double production_loss = 0.0;
    /// Its regions' demand not met x price, whole run (as the KPI
    /// unmet_value), >= 0.
    double unmet_final_demand = 0.0;
};

/// One value drawn for a replication (docs/FORMAT.md, samples.csv): a key
/// of an event written as a distribution, or a node an `any:` target drew.
struct Sample {
    std::uint32_t event = 0;  ///< index of the event in the scenario (RunResult::event_labels)
    /// The event's key as written in the scenario ("capacity_loss",
    /// "repair_days", "path[1].day", ...), or "target" for a drawn node.
    std::string key;
    /// The value the run used (after clamping to the key's bounds); for
    /// "target", the node's index into RunResult::node_ids.
    double value = 0.0;
};

/// A cycle in which a region went short of an essential product
/// (RunOptions::record_shortfalls).
struct Shortfall {
    double day = 0.0;           ///< the cycle's start, days
    std::uint32_t node = 0;     ///< the region, index into RunResult::node_ids
    std::uint32_t product = 0;  ///< index into RunResult::product_ids
};

struct RunResult {
    std::string scenario;
    std::string policy;
    std::uint64_t seed = 0;
    double start_day = 0.0;
    double end_day = 0.0;
    std::uint64_t input_hash = 0;
    std::vector<std::string> node_ids;
    std::vector<std::string> product_ids;
    /// By product index: "essential", "intermediate" or "capital".
    std::vector<std::string> product_categories;
    std::vector<DayRow> timeseries;                ///< ordered by (day, node, product)
    std::vector<FirmRow> firms;                    ///< ordered by (day, node)
    std::vector<DailyEssential> essential_by_day;  ///< every day of the run, in order
    std::vector<ProductTotals> products;           ///< by product index
    std::vector<ProductBalance> balance;           ///< by product index
    std::vector<Resilience> resilience;            ///< ordered by (node, product)
    std::vector<RegionSummary> regions;            ///< every region, in scenario order
    Kpis kpi;
    KpiCensoring kpi_censored;  ///< which time KPIs are censored at the run's end
    OrderVarianceRatio order_variance_ratio;
    /// Some product has a price: the values below (and the value KPIs) mean
    /// something.
    bool priced = false;
    /// Sorted by (key, value): every tag written KEY:VALUE that some node carries.
    std::vector<TagValue> by_tag;
    std::uint64_t events_processed = 0;
    /// By event index: how outputs name the event (its index while events
    /// have no names; scenario/event_label.hpp).
    std::vector<std::string> event_labels;
    /// Every value drawn for this replication, in event order, then in the
    /// order drawn (docs/FORMAT.md, summary.json's `samples`).
    std::vector<Sample> samples;
    /// Nodes a strike or capacity path hit in this run (`any:` targets as
    /// drawn), as indices into node_ids, ascending.
    std::vector<std::uint32_t> struck_nodes;
    /// With RunOptions::record_shortfalls: every cycle from the window start
    /// on in which a region went short of an essential product (unmet above a
    /// billionth of what it wanted), in time order. Empty otherwise.
    std::vector<Shortfall> shortfalls;

    /// Invariant witnesses, checked by tests: the lowest stock seen at the end
    /// of any day (units, >= 0 up to rounding) and, per link, the highest
    /// share of its cycle capacity used (<= 1 up to rounding).
    double min_stock_seen = 0.0;
    std::vector<double> link_peak_utilization;
};

}  // namespace shockflow
