#pragma once
// The run-time state of one replication and the discrete-event loop over it.
// State is flat arrays indexed by node, link, channel or row (node x product),
// grouped by concern; each group resets itself from the compiled model.
// Nothing is allocated per event once the run has started.

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <queue>
#include <unordered_map>
#include <vector>

#include "model/compiled.hpp"
#include "model/shock_products.hpp"
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
    CycleEnd,           // the cycle's open demand is settled
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
    NodeIndex node;
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
    LinkIndex link;
    Tick start{0}, end{0};
    double loss = 1.0;
    bool active = false;
};

struct LaborShock {
    std::vector<NodeIndex> nodes;
    Tick start{0}, end{0};
    double absent = 0.0;
    bool active = false;
};

struct DemandShock {
    std::vector<NodeIndex> regions;
    IndexVec<ProductIndex, bool> products;
    Tick start{0}, end{0};
    double multiplier = 1.0;
    bool active = false;
};

struct Displacement {
    NodeIndex from, to;
    Tick start{0};
    double share = 0.0;
    double over_days = 0.0;
    double base = 0.0;   // people to move, fixed at the start
    double moved = 0.0;  // people moved so far
    bool active = false;
};

// Capacity available to its nodes along a drawn path of (day, availability)
// points: full before the first, linear between points, held after the last.
struct CapacityPath {
    std::vector<NodeIndex> nodes;
    std::vector<std::pair<double, double>> points;  // days not decreasing
    [[nodiscard]] double availability(double day) const;
};

// Disruptions with every sampled value drawn (one replication's draw).
struct Realization {
    std::vector<CapacityPath> paths;
    std::vector<StrikeJob> jobs;
    std::vector<LinkCut> cuts;
    std::vector<LaborShock> labor;
    std::vector<DemandShock> demand;
    std::vector<Displacement> moves;
    std::vector<Sample> samples;  // every value drawn, in event order (RunResult::samples)
};

// Draws the compiled events for one seed (realize.cpp): numbers only.
Realization realize(const CompiledModel& m, std::uint64_t seed);

// Daily totals of one row, reset at each day boundary. What arrives is kept
// apart (RowState::received): arrivals touch rows at random, and a dense
// array of one figure per row stays in cache where these records would not.
struct DayAccum {
    double produced = 0, consumed_inputs = 0, shipped = 0;
    double demand = 0, delivered = 0, unmet = 0, capacity = 0;
};

// Stocks, orders and flows of every row, and the producers' cycle state.
struct RowState {
    IndexVec<RowIndex, double> stock, pipeline;          // on hand, in transit towards the row
    IndexVec<RowIndex, double> demand_rate, multiplier;  // regions
    // Expected use, units/day: a region's demand; a depot's customers' plans
    // over its channels; a producer's inputs for its customers' plans of its
    // outputs. Propagated in full whenever demand or routes change.
    IndexVec<RowIndex, double> plan_rate;
    // Holders: the expected use their target follows, smoothed (-1 until the
    // first order), and the weight of each cycle's use, 1 - exp(-cycle / replenish).
    IndexVec<RowIndex, double> target_rate, smoothing;
    bool plans_stale = true;
    IndexVec<RowIndex, double> taken;      // regions: consumed this cycle
    IndexVec<RowIndex, double> open;       // regions: demand of this cycle not yet served
    IndexVec<RowIndex, double> wanted;     // regions: demand of this cycle
    IndexVec<RowIndex, double> requested;  // suppliers: requests received this cycle
    IndexVec<RowIndex, double> cap_cycle;  // producers: what they can make this cycle
    IndexVec<RowIndex, double> supply;     // suppliers: stock + cap_cycle this cycle
    IndexVec<RowIndex, DayAccum> day;
    IndexVec<RowIndex, double> received;  // units arrived today
    // Today's orders after link capacity: placed on the row's inbound
    // channels, and received from its customers (bullwhip.cpp); dense, as
    // `received`, since they are added to every cycle.
    IndexVec<RowIndex, double> ordered_today, requested_today;
    // Holders: 1 / max(1, replenishment days / cycle), the share of a gap
    // closed per cycle.
    IndexVec<RowIndex, double> closing;
    std::size_t open_rows = 0;           // regions with demand still open this cycle
    IndexVec<ChannelIndex, double> req;  // orders placed over each channel this cycle
    // Share of its last request a channel's supplier granted: what a holder
    // expects its channels to fill. Kept only for suppliers that were short
    // in their last cycle (was_short); the others granted all (1).
    IndexVec<ChannelIndex, double> fill;
    IndexVec<RowIndex, std::uint8_t> was_short;
    IndexVec<ChannelIndex, double> planned;  // lateral channels: the planned part of req
    // Depots short in this cycle: what each channel's request still lacks,
    // and the row's total (owed), filled from goods arriving before the
    // cycle ends (Engine::pass_on); `passing` lists the depots owed some.
    IndexVec<ChannelIndex, double> unfilled;
    IndexVec<RowIndex, double> owed;
    std::vector<RowIndex> passing;
    std::vector<RowIndex> owing;  // arrive(): of them, those a batch brought goods to
    // Scratch of the cycle's steps.
    std::vector<double> grants;                 // a short supplier's grants, by channel
    std::vector<double> by_supply;              // a holder's inbound entries
    std::vector<std::uint8_t> uncapped;         // weighted_parts: not yet at what it can bring
    std::vector<double> held;                   // lateral requests set aside
    IndexVec<ProductIndex, double> input_want;  // a producer's input needs
    IndexVec<MadePos, double> made_want;        // a producer's wanted output

    void reset(const CompiledModel& m);
    void clear_day();  // daily totals and arrivals
};

// What a cycle reads and writes of a link, kept together (half a cache line).
struct LinkState {
    double cap = 0.0;   // units it can carry this cycle
    double load = 0.0;  // requests on it this cycle
    double used = 0.0;  // units shipped over it this cycle
    double peak = 0.0;  // highest used / cap seen (invariant witness)
    // The invariant witness: the highest share of a link's cycle capacity
    // ever used (<= 1 by construction). What was shipped is folded in, and
    // cleared, before the next cycle's shipping, before `cap` changes and at
    // the end. Inline: it runs for every link every cycle.
    void fold_peak() {
        // Divides only when the peak may have risen: after the first cycles, rarely.
        if (used > peak * cap) [[unlikely]]
            peak = std::max(peak, cap > 0.0 ? used / cap : std::numeric_limits<double>::infinity());
        used = 0.0;
    }
};

// Links' capacity and the route of every channel: direct, or with rerouting
// on, a detour around a closed link, or its own damaged link for what that
// can carry and an overflow detour for the rest ("split" channels).
struct RouteState {
    IndexVec<LinkIndex, double> link_factor;  // share of capacity left by cuts
    IndexVec<SlotIndex, LinkState> links;
    IndexVec<SlotIndex, double> link_scale;  // factor scaling requests to capacity, or 1
    std::vector<SlotIndex> over;             // slots over capacity this cycle
    std::vector<RowIndex> rescaled;          // supplier rows whose requests were scaled
    IndexVec<ChannelIndex, double> share;    // a holder's split of orders over its channels
    IndexVec<InboundPos, double> usable_in;  // units a channel can bring per cycle
    IndexVec<RowIndex, double> lead_days;    // holders: transit of their orders, share-weighted
    IndexVec<ChannelIndex, Tick> transit;    // of its own link, or of its detour if that is closed
    IndexVec<ChannelIndex, std::uint32_t> path_begin, path_end;  // detour hops; empty = none
    std::vector<LinkIndex> path_pool;
    // Split channels: units per cycle their own link can carry (0 for every
    // other channel), the transit of their detour, and the part of this
    // cycle's request that goes over their own link (clip_rerouted).
    IndexVec<ChannelIndex, double> direct_cap, direct_req;
    IndexVec<ChannelIndex, double> detour_cap;  // what the link lost, per cycle: the detour's most
    IndexVec<ChannelIndex, Tick> detour_transit;
    std::unique_ptr<Router> router;  // only with rerouting on
    std::unordered_map<std::uint64_t, IndexVec<NodeIndex, LinkIndex>> trees;
    std::vector<ChannelIndex> closed;    // channels whose own link is closed
    std::vector<ChannelIndex> partial;   // with rerouting: channels whose own link is partly cut
    std::vector<ChannelIndex> rerouted;  // channels with a detour (closed or split)
    std::vector<ChannelIndex> todo;      // scratch of Engine::refresh_routes_after
    std::vector<RowIndex> touched_rows;  // scratch of Engine::refresh_routes_after

    void reset(const CompiledModel& m);
    [[nodiscard]] bool detours() const { return !path_pool.empty(); }
    [[nodiscard]] bool has_detour(ChannelIndex c) const { return path_begin[c] != path_end[c]; }
    // Adds a request of `units` to the load of every link channel c travels:
    // its own; or with a detour, up to direct_cap of them on its own link and
    // the rest on every hop of the detour.
    void add_load(const CompiledModel& m, ChannelIndex c, bool detours, double units) {
        if (!detours || !has_detour(c)) {
            links[m.channel_slot[c]].load += units;
            return;
        }
        const double direct = std::min(units, direct_cap[c]);
        if (direct > 0.0) links[m.channel_slot[c]].load += direct;
        const double round = std::min(units - direct, detour_cap[c]);
        for (auto h = path_begin[c]; h < path_end[c]; ++h)
            links[m.link_slot[path_pool[h]]].load += round;
    }
};

// Goods dispatched in one cycle that arrive at the same time travel as one
// batch behind one event: far fewer events than shipments.
struct Shipment {
    RowIndex row;             // destination row (node, product)
    Dest dest = Dest::Other;  // a depot's row, a region's or another (CompiledModel::channel_dest)
    double units = 0.0;
};

// Shipments in transit. Channels are grouped by transit time ("class"); each
// cycle opens at most one batch per class.
struct TransitState {
    std::vector<Tick> classes;  // transit time of each class
    std::unordered_map<std::int64_t, std::uint32_t> class_index;
    IndexVec<ChannelIndex, std::uint32_t> class_of_channel;
    // Split channels: the class of what goes by their detour.
    IndexVec<ChannelIndex, std::uint32_t> class_of_detour;
    // Shipments per class and cycle: a batch's largest size.
    std::vector<std::uint32_t> class_count;
    // A batch's storage only grows; `size` of it is in use.
    struct Batch {
        std::vector<Shipment> items;
        std::size_t size = 0;
        bool open = false;    // still being filled (its size is not set yet)
        bool passed = false;  // holds what depots passed on (pass_on)
    };
    std::vector<Batch> batches;
    // Free batches: those of cycles' dispatches have room for a whole class;
    // those of what depots pass on, usually a few shipments, grow as needed
    // and are kept apart, so that the storage shipments cycle through stays
    // as small as the goods in transit.
    std::vector<std::uint32_t> free_batches;
    std::vector<std::uint32_t> free_passed;
    std::vector<Shipment*> cursor;       // by class: next free item of this cycle's batch, or null
    std::vector<std::uint32_t> open_of;  // by class: the batch `cursor` fills, while open
    std::vector<std::pair<std::uint32_t, std::uint32_t>> opened;  // (class, batch) open
    // When the open batches were dispatched: what depots pass on at one
    // instant shares a batch per class (Engine::pass_on).
    Tick opened_at{-1};

    void reset(const CompiledModel& m);
    std::uint32_t class_of(Tick transit);  // classes are never removed
    void classify(ChannelIndex c, Tick transit) { class_of_channel[c] = class_of(transit); }
    void count_classes(const RouteState& routes);  // a split channel ships in two classes
    std::uint32_t take_batch(std::uint32_t cls, bool passed);  // a free batch for the class
    void close_batches();
};

// Disruptions of this replication and the node state they set.
struct DisruptionState {
    Realization r;
    IndexVec<NodeIndex, double> damage;         // capacity share left by strikes
    IndexVec<NodeIndex, double> firms_damaged;  // share of firms damaged
    IndexVec<NodeIndex, double> labor;          // share of workers present
    IndexVec<NodeIndex, double> population;     // people (regions)
    std::uint32_t crews_busy = 0;
    // Strike jobs waiting for a crew, earliest strike (then event) first.
    std::priority_queue<std::pair<std::int64_t, std::uint32_t>,
                        std::vector<std::pair<std::int64_t, std::uint32_t>>, std::greater<>>
        waiting;
    std::vector<std::uint32_t> moving;   // displacements in progress, in event order
    std::vector<std::uint32_t> started;  // started since the last cycle's moves
    ShockProducts cut_factor;            // by link: capacity share its active cuts leave
    ShockProducts labor_factor;          // by node: share of workers its labour shocks leave
    ShockProducts demand_factor;         // by row: product of its active demand shocks' multipliers

    void reset(const CompiledModel& m);  // node state; r is the engine's draw
};

// The stage of the supply chain a row's orders are counted in for the
// bullwhip ratio (docs/MODEL.md, "order_variance_ratio"); None: not counted.
enum class Stage : std::uint8_t { None, Region, Depot, Producer, Source };
IndexVec<RowIndex, Stage> order_stages(const CompiledModel& m);  // bullwhip.cpp

// Mean and sum of squared deviations of a row's daily figures, updated one
// day at a time (Welford): a constant series has exactly no variance.
// Count, sum and sum of squares of a series, shifted by its first value so
// that the sums stay small against the values (no division per value).
struct Moments {
    double n = 0, shift = 0, sum = 0, sq = 0;
    void add(double x) {
        if (n == 0) shift = x;
        n += 1;
        const double d = x - shift;
        sum += d;
        sq += d * d;
    }
    [[nodiscard]] double mean() const { return n > 0 ? shift + sum / n : 0.0; }
    // Over the n values (divided by n).
    [[nodiscard]] double variance() const {
        return n > 0 ? std::max(0.0, (sq - sum * sum / n) / n) : 0.0;
    }
};

// Run totals, KPI and resilience accumulators.
struct KpiState {
    RunResult out;
    IndexVec<RowIndex, double> holding_rate;     // cost per unit-day of a row's stock
    IndexVec<NodeIndex, double> firms_able_sum;  // this day's cycles: firms able to work
    IndexVec<NodeIndex, double> avail_days;      // this day: capacity availability x days
    IndexVec<NodeIndex, bool> operational;       // this day
    std::int64_t day_cycles = 0;
    std::size_t days_done = 0, days_total = 0;
    double window_essential_demand = 0, window_essential_delivered = 0;
    double day_essential_demand = 0, day_essential_delivered = 0;
    double holding_cost = 0;
    double min_firm_share = 1.0, min_operational = 1.0;
    double person_days_short = 0;
    Tick cycle_start{0};                       // of the cycle whose demand is open
    bool cycle_in_window = false;              // that cycle lies in the disruption window
    IndexVec<NodeIndex, double> short_weight;  // regions: person-days per unit unmet, this cycle
    IndexVec<NodeIndex, double> region_window_demand, region_window_delivered;  // essential
    // Regions (region_summary.cpp): all products over the run, person-days
    // short, and days in the window with essential demand unmet.
    IndexVec<NodeIndex, double> region_demand, region_delivered, region_person_days;
    IndexVec<NodeIndex, std::int64_t> region_days_short;
    IndexVec<RowIndex, double> first_short;  // days of the first shortfall after w0, or NaN
    IndexVec<RowIndex, double> drop_day, recover_days;  // producers' output below 95 %
    double window_output = 0, window_baseline = 0, lost_output = 0;
    double lost_output_value = 0;  // lost output x price
    // By node: lost output x price (producers, in the window) and unmet
    // demand x price (regions, whole run).
    IndexVec<NodeIndex, double> lost_value, unmet_value;
    // Bullwhip: each row's daily orders and demand received, over the whole
    // days from the window start on.
    IndexVec<RowIndex, Stage> stage;
    std::vector<RowIndex> counted;  // rows with a stage
    IndexVec<RowIndex, Moments> order_days, demand_days;

    void reset(const CompiledModel& m);
};

// The ARIO mode's state (ario.cpp): per industry (a producer's made row)
// its overproduction factor and this step's demand and production, and per
// input row what arrives for the next step.
struct ArioState {
    IndexVec<RowIndex, double> alpha;     // overproduction, starts at 1
    IndexVec<RowIndex, double> demand;    // orders and final demand on it this step
    IndexVec<RowIndex, double> optimal;   // min(demand, capacity x alpha)
    IndexVec<RowIndex, double> actual;    // after the inventory constraint
    IndexVec<RowIndex, double> incoming;  // input rows: received this step, usable next
    IndexVec<RowIndex, double> self;  // industries: order on their own output (self-use), else 0

    void reset(const CompiledModel& m);
};

class Engine {
public:
    // `options`: whether the time series is recorded, and where its rows and
    // the progress of simulated days go (see RunOptions).
    Engine(const CompiledModel& m, Realization r, RunOptions options);
    // Leaves its batch storage to the next run on this thread.
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;
    RunResult run();

private:
    // engine.cpp: loop and bookkeeping
    void init();
    void schedule_disruptions();
    void dispatch(const Event& e, Tick t);
    void end_day(Tick t);
    void account_stocks();
    void record_rows(std::int32_t day, double cycles);
    void record_firms(std::int64_t day, double cycles);
    [[nodiscard]] double work_share(NodeIndex n) const;
    void finish(RunResult& out);
    // cycle.cpp: one production/distribution cycle
    void cycle(Tick t);
    // ario.cpp: the ARIO mode's daily step, in place of cycle()'s rules
    void init_ario();
    void cycle_ario(Tick t);
    void ario_final_demand();
    void ario_produce(Tick t);
    void ario_distribute();
    void ario_order();
    // A region's demand of the cycle: from its stock first (the default
    // model), or all of it open (`stock_first` false: the ARIO mode, whose
    // regions order their whole final demand and hold no stock).
    void consume(Tick t, bool stock_first = true);
    void overproduce(RowIndex row, double demand);
    void deliver(RowIndex row, double units);
    void close_demand();
    void place_orders(Tick t);
    double cover_days(RowIndex row, double rate) const;
    double weighted_parts(InboundPos b, InboundPos e, double rest, double primary);
    void clip_to_link_capacity();
    void sum_requests(RowIndex row);  // requested[row] from req
    void produce();
    void produce_at(NodeIndex n);
    void ship(Tick t);
    Shipment* open_batch(std::uint32_t cls, Tick t, bool passed = false);  // a class's open batch
    void arrive(std::uint32_t batch, Tick t);
    void owe(RowIndex row, double requested, bool detours);
    void pass_on(RowIndex row, Tick t);
    void close_owed();
    void propagate_plans();
    [[nodiscard]] double plan_of(RowIndex row) const;
    void observe_cycle();
    // bullwhip.cpp
    void observe_orders();  // the cycle's orders into the day's totals
    void track_orders(std::int64_t day, Tick day_end);
    void finish_bullwhip(RunResult& out) const;
    // allocate.cpp
    void allocate_short(RowIndex row, double total);  // lateral requests last
    // Grants into rows_.grants, of requests `req` by channel place.
    void allocate(RowIndex row, double total, const double* req);
    void allocate_priority(RowIndex row, double stock, const double* req);
    void allocate_fair(RowIndex row, double stock, const double* req);
    // disruptions.cpp
    void start_strike(std::uint32_t job, Tick t);
    void finish_repair(std::uint32_t job, std::uint32_t version, Tick t);
    void assign_crews(Tick t);
    void speed_up(Tick t);
    void refresh_damage(Tick t);
    void refresh_labor(std::uint32_t shock);   // the nodes of labour shock `shock`
    void refresh_demand(std::uint32_t shock);  // the rows of demand shock `shock`
    void start_displacement(std::uint32_t i);
    void move_people(Tick t);
    void move(NodeIndex from, NodeIndex to, double people);
    // routes.cpp
    void refresh_link(LinkIndex link);
    void refresh_routes();
    void refresh_routes_after(LinkIndex link);
    void refresh_shares();
    void refresh_shares_of(RowIndex row);
    void refresh_lead_of(RowIndex row);
    void refresh_split_leads();  // once plans are fresh
    [[nodiscard]] double transit_days(ChannelIndex c) const;
    void route(ChannelIndex c);
    void split(ChannelIndex c);
    bool follow(ChannelIndex c, const IndexVec<NodeIndex, LinkIndex>& via, Tick& transit,
                double& usable);
    bool clip_rerouted(ChannelIndex c);
    void ship_rerouted(ChannelIndex c, double units, Tick t);
    void put(std::uint32_t cls, Shipment s, Tick t, bool passed = false);  // into its open batch
    // region_summary.cpp
    void track_regions(std::int64_t day);
    void finish_regions(RunResult& out) const;
    // resilience.cpp
    void track_shortfall(Tick t, double want, double unmet, RowIndex row);
    void track_output(std::int64_t day, double day_length);
    void finish_resilience(RunResult& out) const;

    [[nodiscard]] double capacity_factor(ProductIndex p, Tick t) const;
    [[nodiscard]] double cycle_capacity(RowIndex row, Tick t) const;
    [[nodiscard]] bool in_window(std::int64_t day) const;
    // t + days, or a time past the run's end (never reached) when that is
    // where it falls: a slow repair cannot overflow the clock.
    [[nodiscard]] Tick later(Tick t, double days) const;

    const CompiledModel& m_;
    RunOptions options_;
    des::EventQueue<Event> queue_;
    double dt_ = 0.0;  // cycle length, days

    RowState rows_;
    RouteState routes_;
    TransitState transit_;
    DisruptionState dis_;
    KpiState kpi_;
    ArioState ario_;
};

}  // namespace shockflow::model
