# %% [markdown]
# # The five-minute tour, in Python
#
# The README's tour with the Python module instead of the command line, in
# cells (`# %%`) that editors run one at a time, or as a script from the root
# of the repository after the release build:
#
#     PYTHONPATH=build/release/python python3 docs/python_tour.py
#
# The reference is docs/PYTHON.md.

# %%
import warnings

import shockflow as sf

MINIMAL = "scenarios/minimal/scenario.toml"
CASE = "scenarios/twelve_day_conflict"

# %% [markdown]
# **1. Check a scenario.** Loading checks all of it. Every problem is in the
# ConfigError, each as the command line prints it (`FILE:LINE:COL: error: ...`):

# %%
minimal = sf.load(MINIMAL)
print(minimal)  # <Scenario minimal: 3 products, 5 nodes, 5 links, 5 events>

try:
    sf.load("tests/bad_config/duplicate_node.toml")
except sf.ConfigError as error:
    print(error)  # one line per problem
    print(error.file, error.line, error.column, error.message)  # the first one

# %% [markdown]
# **2. Run the smallest scenario.** `run()` returns the KPIs and the daily
# tables in memory; nothing is written.

# %%
result = minimal.run()
for name, value in result.kpis.items():
    print(f"{name:36} {value:.4g}")

# %% [markdown]
# **3. Run the twelve-day case, without and with the ministry's contingency
# policy.** The scenario has no `[policy]` of its own, so without one every
# lever is off. A policy file replaces the scenario's `[policy]` as a whole.
# The case loads with a warning (a slow link to a remote region), issued as a
# ScenarioWarning; here it is shown once.

# %%
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always", sf.ScenarioWarning)
    case = sf.load(f"{CASE}/scenario.toml")
for w in caught:
    print("warning:", w.message)

runs = {
    "twelve_day": case.run(),
    "twelve_day_ministry": case.run(policy=f"{CASE}/policies/ministry.toml"),
}

# %% [markdown]
# **4. Read the outputs.** The tables are pandas DataFrames with the columns of
# the files `shockflow run --out` writes; `summary` is its summary.json.

# %%
for name, run in runs.items():
    ts = run.timeseries
    daily = ts.groupby("day")[["demand", "delivered", "unmet"]].sum()
    daily["fill_rate"] = daily["delivered"] / daily["demand"]
    print(name, daily.loc[0:11, "fill_rate"].round(3).tolist())  # the twelve conflict days

    by_day = run.firms.groupby("day")[["firms", "firms_active"]].sum()
    print("lowest share of firms active:", (by_day["firms_active"] / by_day["firms"]).min())

    print(run.summary["policy"], run.summary["kpi"])  # the headline results

# The regions' rows alone, and what a planner changes before running again:
# here the ministry's prestock uplift and the first strike's capacity loss.
print(runs["twelve_day_ministry"].regions.groupby("region", observed=True)["unmet"].sum().nlargest(3))
variant = case.copy()
variant.policy = sf.load_policy(f"{CASE}/policies/ministry.toml", variant)
variant.policy.prestock.uplift = 0.1
strike = next(e for e in variant.events if e.kind == "strike")
strike.capacity_loss = min(1.0, strike.capacity_loss * 1.5)
print("variant essential fill rate:", variant.run().kpis["essential_fill_rate"])

# %% [markdown]
# **5. Compare the policies** on common random numbers. The first policy is
# the baseline. `long` is compare's replications.csv, one row per (policy,
# replication) with its seed; `summary` holds comparison.csv.

# %%
comparison = sf.compare(case, [f"{CASE}/policies/none.toml", f"{CASE}/policies/ministry.toml"],
                        replications=100)
print(comparison.long.head())
table = comparison.summary.set_index(["policy", "kpi"])
print(table.loc[("ministry", "essential_fill_rate"),
                ["mean", "ci95_lo", "ci95_hi", "diff_mean", "diff_ci95_lo", "diff_ci95_hi"]])

# Any replication is reproduced by a run with its seed.
row = comparison.long.iloc[-1]
again = case.run(policy=f"{CASE}/policies/ministry.toml", seed=int(row["seed"]))
print(again.kpis["essential_fill_rate"] == row["essential_fill_rate"])  # True

# %% [markdown]
# **8. Ask whether the ranking survives other assumptions** (step 8 of the
# README, with step 6 below): the case's design over its stated assumptions,
# under `none` and the ministry's policy. `runs` is sweep.csv; `robustness`
# says how often each policy is best across the design.

# %%
sweep = sf.sweep(f"{CASE}/margins.toml", f"{CASE}/design.toml",
                 [f"{CASE}/policies/none.toml", f"{CASE}/policies/ministry.toml"])
means = sweep.runs.groupby(["point", "policy"])["essential_fill_rate"].mean().unstack()
gap = means["ministry"] - means["none"]
print("the ministry is ahead at", int((gap > 0).sum()), "of", len(gap), "points")
print(sweep.points.assign(gap=gap).sort_values("gap").head(3))
print(sweep.robustness.query("kpi == 'essential_fill_rate'")[["policy", "share_best",
                                                               "mean_regret", "max_regret"]])

# %% [markdown]
# **6. See it at a glance.** The HTML report is the command line's
# (`shockflow run ... --out DIR --report`); in a notebook, plot the tables,
# e.g. `daily["fill_rate"].plot()`.
