#include "cli/commands.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "cli/command_helpers.hpp"
#include "core/atomic_output.hpp"
#include "core/fault_point.hpp"
#include "core/interrupt.hpp"
#include "io/compare_journal.hpp"
#include "io/output_files.hpp"
#include "io/progress.hpp"
#include "scenario/text.hpp"
#include "shockflow/core/error.hpp"
#include "shockflow/experiment/compare.hpp"
#include "shockflow/io/comparison_files.hpp"
#include "shockflow/io/kpi_list.hpp"
#include "shockflow/io/report.hpp"
#include "shockflow/io/run_writer.hpp"
#include "shockflow/model/simulation.hpp"
#include "shockflow/scenario/generate.hpp"
#include "shockflow/scenario/loader.hpp"
#include "shockflow/scenario/warnings.hpp"

namespace shockflow::cli {
namespace {

std::vector<PolicySpec> load_policies(const std::vector<std::string>& files,
                                      const ScenarioSpec& scenario,
                                      const std::vector<Override>& overrides) {
    std::vector<PolicySpec> policies;
    policies.reserve(files.size());
    for (const auto& file : files) policies.push_back(load_policy(file, scenario, overrides));
    check_distinct_policy_names(policies);
    return policies;
}

// The policies with the baseline first: the one `baseline` names (by its
// name, or by its file as given), the others in the order given.
void put_baseline_first(const std::string& baseline, const std::vector<std::string>& files,
                        std::vector<PolicySpec>& policies) {
    if (baseline.empty()) return;
    std::vector<std::string> names;
    for (const PolicySpec& p : policies) names.push_back(p.name);
    std::size_t at = 0;
    while (at < names.size() && names[at] != baseline) ++at;
    if (at == names.size()) {
        at = 0;
        while (at < files.size() && files[at] != baseline) ++at;
    }
    if (at >= policies.size())
        throw CLI::ValidationError("--baseline",
                                   fmt::format("no policy is named \"{}\"{}", baseline,
                                               scenario::unknown_hint(baseline, names)));
    const auto first = policies.begin();
    std::rotate(first, first + static_cast<std::ptrdiff_t>(at),
                first + static_cast<std::ptrdiff_t>(at) + 1);
}

experiment::CompareOptions compare_options(const CompareArgs& args, const ScenarioSpec& s) {
    experiment::CompareOptions options;
    options.replications = args.replications.value_or(s.replications);
    options.seed = args.seed.value_or(s.seed);
    options.threads = args.threads;
    options.daily_fill = !args.out.empty();    // daily.csv and the report's fill-rate bands
    options.record_draws = !args.out.empty();  // samples.csv
    return options;
}

// The directories of `dir` that do not exist yet, which a failed run removes
// again if they are still empty: no empty --out folder is left behind.
class OutDirGuard {
public:
    explicit OutDirGuard(const std::string& dir) {
        if (dir.empty()) return;
        std::error_code ec;
        for (std::filesystem::path p = std::filesystem::absolute(dir, ec);
             !ec && !p.empty() && !std::filesystem::exists(p, ec); p = p.parent_path()) {
            missing_.push_back(p);
            if (p == p.parent_path()) break;
        }
    }
    ~OutDirGuard() {
        std::error_code ignored;  // best effort: only empty ones go
        if (!kept_)
            for (const auto& p : missing_) std::filesystem::remove(p, ignored);
    }
    OutDirGuard(const OutDirGuard&) = delete;
    OutDirGuard& operator=(const OutDirGuard&) = delete;
    void keep() noexcept { kept_ = true; }

private:
    std::vector<std::filesystem::path> missing_;  // deepest first
    bool kept_ = false;
};

// How much of an interrupted comparison --resume found done (on stderr, like
// the progress bar; stdout keeps only the table).
void print_resumed(const experiment::CompareOptions& options, std::size_t policies,
                   const std::filesystem::path& journal) {
    const auto replications = static_cast<std::size_t>(options.replications);
    std::vector<bool> seen(policies * replications, false);
    std::size_t done = 0;
    for (const experiment::FinishedPair& f : options.finished) {
        if (f.policy >= policies || f.replication >= replications) continue;
        const std::size_t index = f.policy * replications + f.replication;
        if (!seen[index]) ++done;
        seen[index] = true;
    }
    fmt::print(stderr, "shockflow: resuming: {} of {} runs were finished ({})\n", done, seen.size(),
               journal.parent_path().string());
}

// Every finished pair goes to the journal at once, so that an interrupted
// comparison can go on with --resume; with --resume, the pairs it holds are
// not run again.
void open_journal(std::optional<io::CompareJournal>& journal, const CompareArgs& args,
                  const ScenarioSpec& scenario, const std::vector<PolicySpec>& policies,
                  experiment::CompareOptions& options, std::size_t rank) {
    journal.emplace(args.out, io::journal_key(scenario, policies, options), rank, args.resume);
    options.finished = std::move(journal->finished());
    options.on_finished = [&journal](const experiment::FinishedPair& pair) {
        journal->append(pair);
    };
    if (args.resume && !args.quiet) print_resumed(options, policies.size(), journal->path());
    interrupt::set_note(
        fmt::format("shockflow: the finished runs are kept in {}: the same command with "
                    "--resume goes on from there",
                    args.out));
}

// A run shorter than this shows no progress bar.
constexpr double kRunProgressDelaySeconds = 0.5;

}  // namespace

void print_diagnostics(const std::vector<Diagnostic>& all, std::uint64_t max_shown) {
    // A badly broken table can hold an error on every line: show the first
    // ones (in file order) and how many more there are.
    const std::size_t shown =
        max_shown == 0 ? all.size() : std::min<std::size_t>(all.size(), max_shown);
    for (std::size_t i = 0; i < shown; ++i) fmt::print(stderr, "{}\n", all[i].format());
    if (shown < all.size()) {
        const bool warnings = all.front().severity == Severity::Warning;
        fmt::print(stderr, "shockflow: {} more {} not shown (--max-errors 0 shows all)\n",
                   all.size() - shown, warnings ? "warnings" : "errors");
    }
}

int run_command(const RunArgs& args) {
    // Every input is read and checked before anything is simulated or written.
    const auto overrides = overrides_of(args.sets);
    const ScenarioSpec scenario = load_checked(args.scenario, overrides, args.warnings);
    const bool had_report = has_report(args.out);
    const PolicySpec policy =
        args.policy.empty() ? scenario.policy : load_policy(args.policy, scenario, overrides);
    RunOptions options;
    options.seed = args.seed.value_or(scenario.seed);
    options.record_timeseries = !args.out.empty();

    // Simulated days, on a terminal, for runs that last more than a moment.
    std::optional<io::ProgressBar> bar;
    if (!args.quiet && ::isatty(::fileno(stderr)) == 1) {
        options.progress = [&bar](std::size_t done, std::size_t total) {
            if (!bar) bar.emplace(stderr, total, "days", kRunProgressDelaySeconds);
            bar->update(done);
        };
    }
    // Rows go to disk as each day ends instead of piling up in memory; a
    // report keeps only the rows its charts read. The directory is made when
    // the first day's rows are ready: a run that fails before (a network too
    // large for memory) leaves none behind, and one that fails later removes
    // what it made (OutDirGuard; the writer removes its temporaries).
    OutDirGuard out_dir(args.out);
    std::optional<io::StreamingRunWriter> writer;
    std::optional<io::ReportContext> context;
    std::optional<io::ReportRowFilter> for_report;
    std::vector<DayRow> report_rows;
    std::optional<io::RunLayout> layout;
    const auto open_writer = [&] {
        if (!writer) writer.emplace(args.out, std::move(*layout));
    };
    if (!args.out.empty()) {
        layout = io::run_layout(scenario);
        if (args.report) {
            context = io::make_report_context(scenario, &policy);
            for_report.emplace(*context, layout->node_ids, layout->product_ids);
        }
        options.on_day_row = [&](const DayRow& row) {
            open_writer();
            writer->add(row);
            if (for_report && (*for_report)(row)) report_rows.push_back(row);
        };
    }
    RunResult result = simulate(scenario, policy, options);
    if (bar) bar->finish();
    if (!args.out.empty()) open_writer();  // a run without a single row
    std::string notice;
    if (context) {
        result.timeseries = std::move(report_rows);
        notice = io::finish_run_with_report(*writer, result, *context, find_report_assets());
    } else if (writer) {
        writer->finish(result);
    }
    out_dir.keep();
    return print_outcome(
        args.quiet, [&] { return io::format_kpi_table(result); }, args.out,
        "timeseries.csv, regions.csv, firms.csv, summary.json", args.report, notice, had_report);
}

int validate_command(const ValidateArgs& args) {
    const auto overrides = overrides_of(args.sets);
    const ScenarioSpec scenario = load_checked(args.scenario, overrides, args.warnings);
    std::optional<PolicySpec> policy;
    if (!args.policy.empty()) policy = load_policy(args.policy, scenario, overrides);

    fmt::print("OK: {}: {} products, {} nodes, {} links, {} events\n", scenario.name,
               scenario.products.size(), scenario.nodes.size(), scenario.links.size(),
               scenario.events.size());
    if (policy) fmt::print("OK: {}: policy {}\n", args.policy, policy->name);
    return 0;
}

int compare_command(const CompareArgs& args, const Processes& processes) {
    const auto overrides = overrides_of(args.sets);
    const ScenarioSpec scenario = load_checked(args.scenario, overrides, args.warnings);
    const bool had_report = has_report(args.out);
    std::vector<PolicySpec> policies = load_policies(args.policies, scenario, overrides);
    put_baseline_first(args.baseline, args.policies, policies);
    experiment::CompareOptions options = compare_options(args, scenario);
    note_threads(args.threads, args.quiet || processes.rank != 0);

    std::optional<io::CompareJournal> journal;
    if (!args.out.empty()) {
        // Files are written at the end: what would stop them, before the work.
        check_output_names(args.out, io::comparison_files());
        open_journal(journal, args, scenario, policies, options, processes.rank);
    }

    // A bar only where someone watches it: not in logs, pipes or CI. Over
    // several processes it counts rank 0's share of the runs still to do.
    std::optional<io::ProgressBar> bar;
    options.progress = progress_bar(args.quiet, bar);
    experiment::Comparison comparison =
        experiment::compare_shard(scenario, policies, options, processes.rank, processes.size);
    if (bar) bar->finish();
    if (processes.size > 1) {
        processes.gather(comparison);
        if (processes.rank != 0) return 0;  // rank 0 summarises and writes
    }
    experiment::summarise(comparison);
    std::string notice;
    if (args.report) {
        notice = io::write_comparison_with_report(
            comparison, io::make_report_context(scenario, nullptr), find_report_assets(), args.out);
    } else if (!args.out.empty()) {
        io::write_comparison(comparison, args.out);
    }
    if (journal) {
        // The files are committed: the journal has served its purpose.
        fault_point("compare-committed");
        interrupt::set_note("");
        journal->remove_all();
    }
    return print_outcome(
        args.quiet, [&] { return io::format_comparison_table(comparison); }, args.out,
        "comparison.json, comparison.csv, comparison_long.csv, replications.csv, daily.csv, "
        "samples.csv",
        args.report, notice, had_report);
}

int kpis_command(const KpisArgs& args) {
    fmt::print("{}", args.markdown ? io::kpi_list_markdown() : io::format_kpi_list());
    return 0;
}

// Writes a synthetic network, then loads it back through the validator so a
// generated scenario is known to pass `validate`.
int generate_command(const GenerateArgs& args) {
    const ScenarioSpec spec = generate_network(args.options);
    write_scenario_files(spec, args.out);
    const auto file = std::filesystem::path(args.out) / "scenario.toml";
    const ScenarioSpec loaded = load_scenario(file);
    if (!args.quiet)
        fmt::print("wrote {}: {} products, {} nodes, {} links, {} events\n", file.string(),
                   loaded.products.size(), loaded.nodes.size(), loaded.links.size(),
                   loaded.events.size());
    return 0;
}

// Reads the table and writes its scenario, then loads that back through the
// validator, as `generate` does. Nothing is written if the table is wrong.
int import_io_command(const ImportArgs& args) {
    const IoTable table =
        read_io_table(args.z, args.y,
                      args.x.empty() ? std::nullopt : std::optional<std::filesystem::path>(args.x));
    ImportReport report;
    const ScenarioSpec spec = import_io_table(table, args.options, &report);
    write_scenario_files(spec, args.out);
    const auto file = std::filesystem::path(args.out) / "scenario.toml";
    const ScenarioSpec loaded = load_scenario(file);
    if (args.quiet) return 0;
    fmt::print("wrote {}: {} sectors, {} industries, {} final-demand nodes, {} links\n",
               file.string(), loaded.products.size(), report.industries, table.final_demand.size(),
               loaded.links.size());
    const auto share = [&](double v) {
        return report.total_value > 0.0 ? 100.0 * v / report.total_value : 0.0;
    };
    if (args.options.min_share > 0.0)
        fmt::print(
            "dropped {} flows below {} of their buyer's inputs: {:.6g} a year, {:.3g} % of "
            "all flows\n",
            report.dropped, args.options.min_share, report.dropped_value,
            share(report.dropped_value));
    if (report.left_out > 0) fmt::print("left out {} industries without output\n", report.left_out);
    if (report.same_sector > 0)
        fmt::print(
            "{} purchases of the buyer's own sector from other regions ({:.6g} a year, "
            "{:.3g} % of all flows) are links and the buyers' buys_own: the ARIO mode "
            "([model] preset = \"ario\") orders them as inputs; they carry nothing in the "
            "default mode, whose producers never order what they make\n",
            report.same_sector, report.same_sector_value, share(report.same_sector_value));
    if (report.max_output_gap > 1e-9)
        fmt::print(
            "undisturbed, the default mode settles up to {:.3g} % below the table's gross "
            "output\n",
            100.0 * report.max_output_gap);
    if (report.max_output_gap_ario > 1e-9)
        fmt::print(
            "undisturbed, the ARIO mode settles up to {:.3g} % below the table's gross output "
            "(flows left out)\n",
            100.0 * report.max_output_gap_ario);
    return 0;
}

}  // namespace shockflow::cli
