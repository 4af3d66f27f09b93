"""Result of a run and Comparison of policies, as pandas DataFrames.

The tables are built from the numpy columns the engine hands over, never
from text, and only when first read. pandas is imported then too, so that
``import shockflow`` works without it.
"""

import functools
import json

import numpy as np

from . import _core


def _pandas():
    import pandas  # noqa: PLC0415 (only where DataFrames are made)

    return pandas


def _categorical(codes, names):
    return _pandas().Categorical.from_codes(codes.astype(np.int32), categories=names)


class Result:
    """One run: ``kpis``, ``summary`` and the daily tables.

    - ``kpis``: KPI name -> value (float; NaN where undefined), in the order
      of summary.json's ``kpi``;
    - ``summary``: what ``shockflow run --out`` writes to summary.json, as a
      dict (undefined numbers are None, as JSON null);
    - ``timeseries``, ``firms``: the rows and columns of timeseries.csv and
      firms.csv (node and product as pandas Categorical);
    - ``regions``: the rows of ``timeseries`` at regions, with the columns
      that concern regions;
    - ``resilience``: summary.json's ``resilience`` list as a table (NaN
      where a time does not apply);
    - ``essential_by_day``: essential goods wanted and consumed over all
      regions per day, with the day's fill rate.
    """

    def __init__(self, data):
        self._data = data
        self.scenario = data.scenario
        self.policy = data.policy
        self.seed = data.seed
        self.kpis = data.kpis()

    @functools.cached_property
    def summary(self):
        return json.loads(self._data.summary_json())

    @functools.cached_property
    def timeseries(self):
        columns = self._data.timeseries()
        columns["node"] = _categorical(columns["node"], self._data.node_ids)
        columns["product"] = _categorical(columns["product"], self._data.product_ids)
        return _pandas().DataFrame(columns)

    @functools.cached_property
    def firms(self):
        columns = self._data.firms()
        columns["node"] = _categorical(columns["node"], self._data.node_ids)
        return _pandas().DataFrame(columns)

    @functools.cached_property
    def regions(self):
        columns = self._data.regions()
        regions = [n for n, k in zip(self._data.node_ids, self._data.node_kinds) if k == "region"]
        codes = {self._data.node_ids.index(n): i for i, n in enumerate(regions)}
        columns["region"] = _pandas().Categorical.from_codes(
            np.array([codes[int(c)] for c in columns["region"]], dtype=np.int64), regions)
        columns["product"] = _categorical(columns["product"], self._data.product_ids)
        return _pandas().DataFrame(columns)

    @functools.cached_property
    def resilience(self):
        columns = self._data.resilience()
        columns["node"] = _categorical(columns["node"], self._data.node_ids)
        columns["product"] = _categorical(columns["product"], self._data.product_ids)
        return _pandas().DataFrame(columns)

    @functools.cached_property
    def essential_by_day(self):
        table = _pandas().DataFrame(self._data.essential_by_day())
        with np.errstate(divide="ignore", invalid="ignore"):
            table["fill_rate"] = table["delivered"] / table["demand"]
        return table

    def __repr__(self):
        return f"<Result {self.scenario} / {self.policy}, seed {self.seed}>"


_STATS = ["mean", "std", "ci95_lo", "ci95_hi", "p5", "p50", "p95"]
_DIFF = ["diff_mean", "diff_ci95_lo", "diff_ci95_hi", "share_better"]
_COSTS = ["extra_holding_cost", "cost_per_person_day_avoided"]


class Comparison:
    """Policies compared over replications on common random numbers.

    - ``long``: one row per (policy, replication): ``policy``,
      ``replication``, ``seed`` (``shockflow run --seed`` reproduces the row)
      and one column per KPI, then ``<kpi>_censored`` (0/1) for each KPI that
      can be censored, as compare's replications.csv;
    - ``summary``: one row per (policy, KPI) with comparison.csv's columns
      (mean, std, 95 % interval, percentiles, the paired difference from the
      baseline, the extra holding cost and the cost per person-day avoided,
      ``share_better``, the share of replications better than the baseline,
      and ``censored``, how many replications are censored). The baseline's
      own differences are NaN (blank in the CSV file).
    The first policy is the baseline.
    """

    def __init__(self, data):
        self._data = data
        self.scenario = data["scenario"]
        self.replications = data["replications"]
        self.seed = data["seed"]
        self.kpi_names = list(data["kpi_names"])
        self._censorable = list(data["censorable"])
        self.policies = [p["name"] for p in data["policies"]]

    @functools.cached_property
    def long(self):
        pd = _pandas()
        parts = []
        for p in self._data["policies"]:
            n = p["samples"].shape[0]
            part = pd.DataFrame(p["samples"], columns=self.kpi_names)
            part.insert(0, "seed", self.seed + np.arange(n, dtype=np.uint64))
            part.insert(0, "replication", np.arange(n, dtype=np.int64))
            part.insert(0, "policy", p["name"])
            flags = pd.DataFrame(p["censored"], columns=self.kpi_names)
            for name in self._censorable:
                part[f"{name}_censored"] = flags[name].astype(np.int64)
            parts.append(part)
        return pd.concat(parts, ignore_index=True)

    @functools.cached_property
    def summary(self):
        pd = _pandas()
        parts = []
        for p in self._data["policies"]:
            baseline = not parts
            part = pd.DataFrame(p["stats"], columns=_STATS)
            part.insert(0, "kpi", self.kpi_names)
            part.insert(0, "policy", p["name"])
            diff = pd.DataFrame(p["diff"], columns=_DIFF)
            for name in _DIFF[:3]:
                part[name] = np.nan if baseline else diff[name]
            for name in _COSTS:
                mean, lo, hi = (np.nan, np.nan, np.nan) if baseline else p[name]
                part[name], part[f"{name}_ci95_lo"], part[f"{name}_ci95_hi"] = mean, lo, hi
            part["share_better"] = np.nan if baseline else diff["share_better"]
            part["censored"] = np.asarray(p["censored_runs"], dtype=np.int64)
            parts.append(part)
        return pd.concat(parts, ignore_index=True)

    def __repr__(self):
        return (f"<Comparison {self.scenario}: {', '.join(self.policies)} over "
                f"{self.replications} replications>")


def compare(scenario, policies, replications=None, threads=0, seed=None):
    """Runs every policy on replications 0..n-1 with common random numbers.

    ``policies``: Policy objects, policy files' paths, or None for the
    scenario's own policy; the first is the baseline, and names must differ.
    ``replications`` and ``seed`` default to the scenario's; replication k
    runs with seed + k. ``threads``: 0 uses every core; the results do not
    depend on it. The same as the command line's ``shockflow compare``.
    """
    from ._scenario import _policy_for  # noqa: PLC0415 (the two modules refer to each other)

    resolved = [_policy_for(scenario, p) for p in policies]
    if not resolved:
        raise ValueError("compare: give at least one policy")
    return Comparison(_core.compare(scenario, resolved, replications, seed, threads))
