"""compare() from Python gives the command line's comparison: the long table
is replications.csv and the summary holds comparison.csv's figures."""

import threading
import time
import warnings

import numpy as np
import pandas as pd
import pytest
import shockflow as sf
from conftest import TWELVE_DAY, read_csv, run_program

SCENARIO = TWELVE_DAY / "sampled.toml"
POLICIES = [TWELVE_DAY / "policies" / "none.toml", TWELVE_DAY / "policies" / "ministry.toml"]
REPLICATIONS, SEED = 4, 21


@pytest.fixture(scope="module")
def scenario():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sf.ScenarioWarning)
        return sf.load(SCENARIO)


@pytest.fixture(scope="module")
def pair(exe, scenario, tmp_path_factory):
    out = tmp_path_factory.mktemp("compare")
    args = [SCENARIO, "--replications", REPLICATIONS, "--seed", SEED, "--out", out]
    for p in POLICIES:
        args += ["--policy", p]
    run_program(exe, "compare", *args)
    comparison = sf.compare(scenario, POLICIES, replications=REPLICATIONS, threads=2, seed=SEED)
    return comparison, out


def test_long_table_is_replications_csv(pair):
    comparison, out = pair
    expected = read_csv(out / "replications.csv")
    assert list(comparison.long.columns) == list(expected.columns)
    pd.testing.assert_frame_equal(comparison.long, expected, check_dtype=False, check_exact=True)


def test_summary_holds_comparison_csv(pair):
    comparison, out = pair
    expected = read_csv(out / "comparison.csv")
    summary = comparison.summary
    assert list(summary.columns) == list(expected.columns)
    pd.testing.assert_frame_equal(summary, expected, check_dtype=False, check_exact=True)
    others = summary[summary["policy"] != summary["policy"].iloc[0]]
    assert others["share_better"].between(0, 1).all()


def test_results_do_not_depend_on_threads(scenario, pair):
    comparison, _ = pair
    one = sf.compare(scenario, POLICIES, replications=REPLICATIONS, threads=1, seed=SEED)
    pd.testing.assert_frame_equal(one.long, comparison.long, check_exact=True)


def test_a_replication_is_a_run_with_its_seed(scenario, pair):
    comparison, _ = pair
    row = comparison.long.iloc[REPLICATIONS + 2]  # the ministry's third replication
    assert (row["policy"], row["replication"], row["seed"]) == ("ministry", 2, SEED + 2)
    result = scenario.run(policy=POLICIES[1], seed=int(row["seed"]))
    for name, value in result.kpis.items():
        assert value == row[name] or (np.isnan(value) and np.isnan(row[name])), name


def test_policies_need_distinct_names(scenario):
    with pytest.raises(sf.ConfigError, match="compared policies need distinct names"):
        sf.compare(scenario, [POLICIES[0], POLICIES[0]], replications=1)


def test_defaults_come_from_the_scenario(scenario):
    comparison = sf.compare(scenario, [None], replications=2)
    assert comparison.seed == scenario.seed
    assert comparison.policies == [scenario.policy.name]
    assert list(comparison.long["seed"]) == [scenario.seed, scenario.seed + 1]


def test_python_threads_run_while_replications_do(scenario):
    # With the GIL held through the simulation, the ticker below would not
    # advance at all until compare() returned.
    ticks, done = [0], threading.Event()

    def ticker():
        while not done.is_set():
            ticks[0] += 1
            time.sleep(0.001)

    thread = threading.Thread(target=ticker)
    thread.start()
    try:
        before, start = ticks[0], time.monotonic()
        sf.compare(scenario, POLICIES, replications=6, threads=1)
        during, elapsed = ticks[0] - before, time.monotonic() - start
    finally:
        done.set()
        thread.join()
    assert elapsed > 0.05
    assert during >= 5
