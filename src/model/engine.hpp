#pragma once
// The run-time state of one replication and the discrete-event loop over it.
// State is flat arrays indexed by node, link, channel or row (node x product);
// nothing is allocated per event once the run has started.

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "model/compiled.hpp"
#include "shockflow/des/event_queue.hpp"
#include "shockflow/model/result.hpp"
#include "shockflow/model/simulation.hpp"

namespace shockflow::model {

class Router;

enum class Ev : std::uint8_t {
    DayEnd,
    Arrival,  // a = batch of shipments arriving together
    Cycle,
    StrikeStart,  // a = strike job
    RepairDone,   // a = strike job, b = version (stale ones are ignored)
    CutStart,     // a = link cut
    CutEnd,
    LaborStart,  // a = labour shock
    LaborEnd,
    DemandStart,  // a = demand shock
    DemandEnd,
    DisplacementStart,  // a = displacement
    Speedup,            // repair support packages begin
};

struct Event {
    Ev kind = Ev::Cycle;
    std::uint32_t a = 0;
    std::uint32_t b = 0;
};

// Priorities at equal times (lower fires first); see docs/MODEL.md.
inline constexpr std::uint8_t kPrioDay = 0;
inline constexpr std::uint8_t kPrioArrival = 1;
inline constexpr std::uint8_t kPrioDisruption = 2;
inline constexpr std::uint8_t kPrioCycle = 3;

enum class JobState : std::uint8_t { Pending, Waiting, Repairing, Done };

// The damage of one strike on one node, repaired by one crew.
struct StrikeJob {
    std::uint32_t node = 0;
    Tick start{0};
    double loss = 0.0;         // capacity share lost, 0..1
    double firms_share = 0.0;  // share of firms damaged, 0..1
    double work_days = 0.0;    // repair work needed, days at speed 1
    double remaining = 0.0;    // work left at `updated`
    double rate = 0.0;         // work days per day while repairing
    Tick updated{0};
    Recovery mode = Recovery::Step;
    JobState state = JobState::Pending;
    std::uint32_t version = 0;
};

struct LinkCut {
    std::uint32_t link = 0;
    Tick start{0}, end{0};
    double loss = 1.0;
    bool active = false;
};

struct LaborShock {
    std::vector<std::uint32_t> nodes;
    Tick start{0}, end{0};
    double absent = 0.0;
    bool active = false;
};

struct DemandShock {
    std::vector<std::uint32_t> regions;
    std::vector<bool> products;
    Tick start{0}, end{0};
    double multiplier = 1.0;
    bool active = false;
};

struct Displacement {
    std::uint32_t from = 0, to = 0;
    Tick start{0};
    double share = 0.0;
    double over_days = 0.0;
    double base = 0.0;   // people to move, fixed at the start
    double moved = 0.0;  // people moved so far
    bool active = false;
};

// Goods dispatched in one cycle that arrive at the same time travel as one
// batch behind one event: far fewer events than shipments.
struct Shipment {
    std::uint32_t row = 0;  // destination row (node, product)
    double units = 0.0;
};

// Disruptions with every sampled value drawn (one replication's draw).
struct Realization {
    std::vector<StrikeJob> jobs;
    std::vector<LinkCut> cuts;
    std::vector<LaborShock> labor;
    std::vector<DemandShock> demand;
    std::vector<Displacement> moves;
};

// Draws the scenario's disruptions for one seed (realize.cpp).
Realization realize(const ScenarioSpec& scenario, const CompiledModel& m, std::uint64_t seed);

// Daily totals of one row, reset at each day boundary. What arrives is kept
// apart (Engine::received_): arrivals touch rows at random, and a dense
// array of one figure per row stays in cache where these records would not.
struct DayAccum {
    double produced = 0, consumed_inputs = 0, shipped = 0;
    double demand = 0, delivered = 0, unmet = 0, capacity = 0;
};

class Engine {
public:
    // `options`: whether the time series is recorded, and where its rows and
    // the progress of simulated days go (see RunOptions).
    Engine(const CompiledModel& m, Realization r, RunOptions options);
    RunResult run();

private:
    // engine.cpp: loop and bookkeeping
    void init();
    void dispatch(const Event& e, Tick t);
    void end_day(Tick t);
    void finish(RunResult& out);
    // cycle.cpp: one production/distribution cycle
    void cycle(Tick t);
    void consume(Tick t);
    void place_orders(Tick t);
    void clip_to_link_capacity();
    void sum_requests(std::uint32_t row);  // requested_[row] from req_
    void produce();
    void produce_at(std::uint32_t n);
    void ship(Tick t);
    void allocate(std::uint32_t row, double total);  // grants into scratch_
    void allocate_priority(std::uint32_t row, double stock);
    void allocate_fair(std::uint32_t row, double stock);
    void update_expectations();
    void observe_cycle();
    // disruptions.cpp
    void start_strike(std::uint32_t job, Tick t);
    void finish_repair(std::uint32_t job, std::uint32_t version, Tick t);
    void assign_crews(Tick t);
    void speed_up(Tick t);
    void refresh_damage(Tick t);
    void refresh_link(std::uint32_t link);
    void refresh_routes();
    void refresh_routes_after(std::uint32_t link);
    void refresh_shares();
    void refresh_shares_of(std::uint32_t row);
    void route(std::uint32_t c);
    void route_channel(std::uint32_t c, const std::vector<std::uint32_t>& via);
    void classify_transit(std::uint32_t c);
    Shipment* open_batch(std::uint32_t cls, Tick t);  // this cycle's batch of a class
    void close_batches();
    void count_classes();
    void arrive(std::uint32_t batch);
    void refresh_labor(const std::vector<std::uint32_t>& nodes);
    void refresh_demand(const DemandShock& shock);
    void start_displacement(std::uint32_t i, Tick t);
    void move_people(Tick t);
    void move(std::uint32_t from, std::uint32_t to, double people);

    [[nodiscard]] double need_rate(std::size_t row) const;  // units/day the row plans for
    [[nodiscard]] double capacity_factor(std::uint32_t p, Tick t) const;
    [[nodiscard]] double cycle_capacity(std::size_t row, Tick t) const;
    [[nodiscard]] bool in_window(std::int64_t day) const;

    const CompiledModel& m_;
    Realization r_;
    RunOptions options_;
    std::size_t days_done_ = 0, days_total_ = 0;
    des::EventQueue<Event> queue_;
    double dt_ = 0.0;  // cycle length, days

    // Rows (node x product).
    std::vector<double> stock_, pipeline_, expected_, demand_rate_, multiplier_;
    std::vector<double> input_need_;
    std::vector<double> plan_rate_;  // need_rate() of every row, kept current
    std::vector<double> requested_;  // suppliers: requests received this cycle
    std::vector<double> forecast_;   // suppliers: what customers expect to draw, units/day
    std::vector<DayAccum> day_;
    std::vector<double> received_;      // units arrived today, by row
    std::vector<double> holding_rate_;  // cost per unit-day of a row's stock
    // Nodes.
    std::vector<double> population_, damage_, firms_damaged_, labor_, input_factor_;
    std::vector<double> firms_active_sum_;
    std::vector<bool> operational_;
    // Links.
    // What a cycle reads and writes of a link, kept together (half a cache line).
    struct LinkState {
        double cap = 0.0;   // units it can carry this cycle
        double load = 0.0;  // requests on it this cycle
        double used = 0.0;  // units shipped over it this cycle
        double peak = 0.0;  // highest used / cap seen (invariant witness)
    };
    static void fold_peak(LinkState& l);
    // Adds `units` to `field` of every link channel c travels: its own, or the
    // hops of its detour. `links` is links_.data(), which hot loops hold.
    void add_on_links(LinkState* links, std::uint32_t c, bool detours, double LinkState::*field,
                      double units) const {
        if (!detours || path_begin_[c] == path_end_[c]) {
            links[m_.channel_slot[c]].*field += units;
        } else {
            for (auto h = path_begin_[c]; h < path_end_[c]; ++h)
                links[m_.link_slot[path_pool_[h]]].*field += units;
        }
    }
    std::vector<double> link_factor_;      // by link
    std::vector<LinkState> links_;         // by link slot (m_.link_slot)
    std::vector<double> link_scale_;       // by slot: factor scaling requests to capacity, or 1
    std::vector<std::uint32_t> over_;      // slots over capacity this cycle
    std::vector<std::uint32_t> rescaled_;  // supplier rows whose requests were scaled
    // Channels.
    std::vector<double> share_, req_;  // by channel
    std::vector<double> usable_in_;    // by entry of m_.inbound.list
    std::vector<double> in_scratch_;   // per-holder scratch of place_orders
    std::vector<double> cap_cycle_;    // by row: what a producer can make this cycle
    std::vector<double> supply_;       // by row: stock + cap_cycle_ of suppliers, this cycle
    std::vector<Tick> transit_;
    std::vector<std::uint32_t> path_begin_, path_end_;  // hops in path_pool_; empty = direct
    std::vector<std::uint32_t> path_pool_;
    // Arrival batches: channels are grouped by transit time ("class"); each
    // cycle opens at most one batch per class.
    std::vector<Tick> transit_classes_;
    std::unordered_map<std::int64_t, std::uint32_t> class_index_;
    std::vector<std::uint32_t> class_of_channel_;
    std::vector<std::uint32_t> class_count_;  // channels per class: a batch's largest size
    // A batch's storage only grows; `size` of it is in use.
    struct Batch {
        std::vector<Shipment> items;
        std::size_t size = 0;
    };
    std::vector<Batch> batches_;
    std::vector<std::uint32_t> free_batches_;
    std::vector<Shipment*> cursor_;  // by class: next free item of this cycle's batch, or null
    std::vector<std::pair<std::uint32_t, std::uint32_t>> opened_;  // (class, batch) this cycle
    std::unique_ptr<Router> router_;                               // only with rerouting on
    std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> trees_;
    std::vector<std::uint32_t> closed_;        // channels whose own link is closed
    std::vector<std::uint32_t> todo_;          // scratch of refresh_routes_after
    std::vector<std::uint32_t> touched_rows_;  // scratch of refresh_routes_after
    std::vector<double> scratch_;              // per-supplier grants
    std::vector<double> input_scratch_;        // by product
    std::vector<double> made_want_;            // by entry of m_.made

    std::uint32_t crews_busy_ = 0;
    std::int64_t day_cycles_ = 0;

    // Run totals and KPI accumulators.
    RunResult out_;
    double window_essential_demand_ = 0, window_essential_delivered_ = 0;
    double day_essential_demand_ = 0, day_essential_delivered_ = 0;
    double holding_cost_ = 0;
    double min_firm_share_ = 1.0, min_operational_ = 1.0;
    // Resilience (resilience.cpp).
    double person_days_short_ = 0;
    std::vector<double> region_window_demand_, region_window_delivered_;  // by node, essential
    std::vector<double> first_short_;  // by row: days of the first shortfall after w0, or NaN
    std::vector<double> drop_day_, recover_days_;  // by row: producers' output below 95 %
    double window_output_ = 0, window_baseline_ = 0, lost_output_ = 0;
    void track_shortfall(Tick t, double want, double unmet, std::size_t row);
    void track_output(std::int64_t day, double day_length);
    void finish_resilience(RunResult& out) const;
};

}  // namespace shockflow::model
