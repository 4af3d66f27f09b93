#pragma once
/// The time-to-survive / time-to-recover stress test (after Simchi-Levi et
/// al.): each target node in turn loses all its capacity from the start of
/// the disruption window for its time to recover (TTR), and the run says how
/// long the network kept meeting essential demand without it (its time to
/// survive, TTS) and what shortage it caused (docs/MODEL.md, "Stress test").

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shockflow/policy/policy.hpp"
#include "shockflow/scenario/spec.hpp"

namespace shockflow::experiment {

/// TTR used when neither --ttr nor a strike on the node gives one, days.
inline constexpr double kDefaultTtrDays = 14.0;

struct StressOptions {
    /// Indices into the scenario's nodes, each a park, plant or source
    /// (select_targets); empty: every park and plant.
    std::vector<std::size_t> targets;
    std::optional<double> ttr_days;  ///< the same TTR for every target (>= 0), else stress_ttr()
    std::uint64_t seed = 1;          ///< every run (baseline and targets) uses it
    int threads = 0;                 ///< 0 = all cores; the results do not depend on it
    /// Leave out the scenario's events: each target's outage alone.
    bool no_events = false;
    /// Called from worker threads (serialised) as runs finish; total counts
    /// the baseline run too.
    std::function<void(std::size_t done, std::size_t total)> progress;
};

/// What taking one node out did, against the baseline run of the same seed.
struct StressTarget {
    std::string node;
    std::string kind;        ///< "park", "plant" or "source"
    double ttr_days = 0.0;   ///< how long the node had no capacity
    std::string ttr_source;  ///< "option", "event:LABEL" (a strike's repair_days) or "default"
    /// Days from the window start to the first cycle in which a region went
    /// short of an essential product that it was not short of in the same
    /// cycle of the baseline run; the days to the run's end when none did.
    double tts_days = 0.0;
    bool tts_censored = false;  ///< no region went short beyond the baseline's
    std::string first_region;   ///< where that first shortfall was ("" when censored)
    std::string first_product;
    /// Essential units unmet over the run, above the baseline run's (may be
    /// below 0 where the node's loss happens to relieve others).
    double essential_unmet_units = 0.0;
    double person_days_short = 0.0;    ///< above the baseline run's, person-days
    double essential_fill_rate = 0.0;  ///< of this run, in the window (the KPI)
    std::size_t rank = 0;              ///< 1 = most exposed (StressResult::targets order)
};

struct StressResult {
    std::string scenario;
    std::string policy;
    std::uint64_t seed = 0;
    std::uint64_t input_hash = 0;
    double window_start = 0.0;  ///< days: when every outage starts
    double end_day = 0.0;
    bool no_events = false;
    /// The baseline run: the same scenario, policy and seed, no outage.
    double baseline_person_days_short = 0.0;
    double baseline_essential_unmet_units = 0.0;
    double baseline_essential_fill_rate = 0.0;
    /// Most exposed first: most person-days short caused, then the shortest
    /// TTS, then the scenario's order.
    std::vector<StressTarget> targets;
};

/// The nodes a selector names, as indices into `scenario.nodes` in the
/// scenario's order, each once. A selector is a comma-separated list of node
/// ids, kinds (`park`, `plant`, `source`) and `tag:VALUE` (the nodes carrying
/// the tag VALUE). Throws std::invalid_argument with a message for the user
/// (a did-you-mean for an unknown id) when an item names nothing or a node
/// that has no capacity to lose (a depot or a region).
std::vector<std::size_t> select_targets(const ScenarioSpec& scenario, std::string_view selector);

/// A node's TTR without --ttr: the longest `repair_days` of the strikes that
/// may hit it (by id, `tag:` or `any:`; a distribution counts with its mean),
/// else kDefaultTtrDays. `source` is set as StressTarget::ttr_source.
double stress_ttr(const ScenarioSpec& scenario, std::size_t node, std::string& source);

/// Runs the baseline and one run per target, in parallel. The result does
/// not depend on `options.threads`. Throws std::invalid_argument for a
/// target that is not a park, plant or source or a TTR below 0 or not finite.
StressResult stress(const ScenarioSpec& scenario, const PolicySpec& policy,
                    const StressOptions& options);

}  // namespace shockflow::experiment
