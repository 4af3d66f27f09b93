"""Sweep: a design over scenario and policy parameters, as pandas DataFrames."""

import functools
import os

import numpy as np

from . import _core
from ._results import _pandas
from ._scenario import _toml_value


class Sweep:
    """Every point of a design under every policy, on common random numbers.

    - ``runs``: one row per (point, policy, replication) with sweep.csv's
      columns: ``point``, one column per parameter (a number, or the value's
      text), ``policy``, ``replication``, ``seed``, one column per KPI, then
      ``<kpi>_censored`` (0/1) for each KPI that can be censored;
    - ``points``: one row per point, its parameters' values;
    - ``sensitivity``: sensitivity.csv (per policy, KPI and numeric
      parameter: ``src`` and ``prcc`` with their 95 % intervals, ``r2``);
    - ``robustness``: robustness.csv (per policy and KPI: ``share_best``,
      ``mean_regret``, ``max_regret``, ``worst_point``, NaN where the policy
      is never behind).
    """

    def __init__(self, data):
        self._data = data
        self.scenario = data["scenario"]
        self.design = data["design"]
        self.replications = data["replications"]
        self.seed = data["seed"]
        self.input_hash = data["input_hash"]
        self.kpi_names = list(data["kpi_names"])
        self.policies = list(data["policy_names"])
        self.parameters = list(data["parameter_names"])

    def _values(self, column):
        """Parameter `column` at every point: numbers where all are, else text."""
        numbers = [p[column] for p in self._data["point_numbers"]]
        if not any(np.isnan(numbers)):
            return np.asarray(numbers, dtype=float)
        return [p[column] for p in self._data["point_labels"]]

    @functools.cached_property
    def points(self):
        pd = _pandas()
        table = pd.DataFrame({"point": np.arange(len(self._data["point_numbers"]))})
        for j, name in enumerate(self.parameters):
            table[name] = self._values(j)
        return table

    @functools.cached_property
    def runs(self):
        pd = _pandas()
        runs = self._data["runs"]
        point = runs["point"]
        table = pd.DataFrame({"point": point})
        points = self.points
        for name in self.parameters:
            table[name] = points[name].to_numpy()[point]
        table["policy"] = np.asarray(self.policies, dtype=object)[runs["policy"]]
        replication = runs["replication"]
        table["replication"] = replication
        table["seed"] = (self.seed + replication).astype(np.uint64)
        kpis = pd.DataFrame(runs["kpis"], columns=self.kpi_names)
        flags = pd.DataFrame(runs["censored"], columns=self.kpi_names)
        for name in self._data["censorable"]:
            kpis[f"{name}_censored"] = flags[name].astype(np.int64)
        return pd.concat([table, kpis], axis=1)

    @functools.cached_property
    def sensitivity(self):
        pd = _pandas()
        rows = self._data["sensitivity"]
        keys = self._data["parameter_keys"]
        return pd.DataFrame({
            "policy": [self.policies[r[0]] for r in rows],
            "kpi": [self.kpi_names[r[1]] for r in rows],
            "parameter": [self.parameters[r[2]] for r in rows],
            "key": [keys[r[2]] for r in rows],
            "observations": np.asarray([r[3] for r in rows], dtype=np.int64),
            **{name: np.asarray([r[4 + i] for r in rows], dtype=float) for i, name in enumerate(
                ["src", "src_ci95_lo", "src_ci95_hi", "prcc", "prcc_ci95_lo", "prcc_ci95_hi",
                 "r2"])},
        })

    @functools.cached_property
    def robustness(self):
        pd = _pandas()
        rows = self._data["robustness"]
        higher = self._data["higher_is_better"]
        max_regret = np.asarray([r[4] for r in rows], dtype=float)
        worst = np.asarray([r[5] for r in rows], dtype=float)
        worst[~(max_regret > 0)] = np.nan
        return pd.DataFrame({
            "policy": [self.policies[r[0]] for r in rows],
            "kpi": [self.kpi_names[r[1]] for r in rows],
            "higher_is_better": [bool(higher[r[1]]) for r in rows],
            "points": np.full(len(rows), len(self._data["point_numbers"]), dtype=np.int64),
            "share_best": np.asarray([r[2] for r in rows], dtype=float),
            "mean_regret": np.asarray([r[3] for r in rows], dtype=float),
            "max_regret": max_regret,
            "worst_point": worst,
        })

    def __repr__(self):
        return (f"<Sweep {self.scenario} over {self.design}: {len(self._data['point_numbers'])} "
                f"points x {', '.join(self.policies)} x {self.replications} replications>")


def sweep(scenario, design, policies=None, replications=None, seed=None, threads=0, set=None):  # noqa: A002
    """Runs a design file's points under every policy, as ``shockflow sweep`` does.

    ``scenario`` and ``design`` are paths (every point loads the scenario
    file with its values); ``policies``: policy files' paths, or None for
    the scenario's own ``[policy]``. ``replications`` defaults to the
    design's, else the scenario's; ``seed`` to the scenario's (replication
    k runs with seed + k at every point). ``set`` changes keys before the
    design's, as the command line's ``--set``. Raises ConfigError for a bad
    scenario, policy or design (a bad key of the design at its line in the
    design file). Returns a Sweep.
    """
    if not isinstance(scenario, (str, os.PathLike)):
        raise TypeError("sweep: give the scenario's path (each point loads the file with its "
                        "values); change it with set={...} or in the design")
    files = [os.fspath(p) for p in (policies or [])]
    sets = [f"{key}={_toml_value(value)}" for key, value in (set or {}).items()]
    return Sweep(_core.sweep(os.fspath(scenario), os.fspath(design), files, replications, seed,
                             threads, sets))
