"""A run from Python gives the command line's results for the same inputs:
the same KPIs and summary.json, and the rows and columns of its CSV files."""

import warnings

import pandas as pd
import pytest
import shockflow as sf
from conftest import (MINIMAL, TWELVE_DAY, as_text, read_csv, read_summary, run_program,
                      same_number)

CASES = [
    pytest.param((MINIMAL, None, 3), id="minimal"),
    pytest.param((TWELVE_DAY / "scenario.toml", None, 1), id="twelve_day-none"),
    pytest.param((TWELVE_DAY / "scenario.toml", TWELVE_DAY / "policies" / "ministry.toml", 5),
                 id="twelve_day-ministry"),
    pytest.param((TWELVE_DAY / "sampled.toml", TWELVE_DAY / "policies" / "depots.toml", 11),
                 id="sampled-depots"),
]


@pytest.fixture(scope="module", params=CASES)
def pair(request, exe, tmp_path_factory):
    """(module's Result, the program's --out folder) for one scenario, policy and seed."""
    scenario_file, policy_file, seed = request.param
    out = tmp_path_factory.mktemp("run")
    args = [scenario_file, "--seed", seed, "--out", out]
    if policy_file:
        args += ["--policy", policy_file]
    run_program(exe, "run", *args)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sf.ScenarioWarning)
        scenario = sf.load(scenario_file)
    return scenario.run(policy=policy_file, seed=seed), out


def test_kpis_equal_summary_json(pair):
    result, out = pair
    expected = read_summary(out)["kpi"]
    assert list(result.kpis) == list(expected)
    for name, value in result.kpis.items():
        assert same_number(value, expected[name]), name


def test_summary_equals_summary_json(pair):
    result, out = pair
    assert result.summary == read_summary(out)


def test_timeseries_is_timeseries_csv(pair):
    result, out = pair
    expected = read_csv(out / "timeseries.csv")
    assert list(result.timeseries.columns) == list(expected.columns)
    assert isinstance(result.timeseries["node"].dtype, pd.CategoricalDtype)
    pd.testing.assert_frame_equal(as_text(result.timeseries), expected, check_dtype=False,
                                  check_exact=True)


def test_firms_is_firms_csv(pair):
    result, out = pair
    expected = read_csv(out / "firms.csv")
    pd.testing.assert_frame_equal(as_text(result.firms), expected, check_dtype=False,
                                  check_exact=True)


def test_regions_is_regions_csv(pair):
    result, out = pair
    expected = read_csv(out / "regions.csv")
    regions = result.regions
    assert list(regions.columns) == list(expected.columns)
    assert isinstance(regions["region"].dtype, pd.CategoricalDtype)
    kinds = {n: k for n, k in zip(result._data.node_ids, result._data.node_kinds)}
    assert set(regions["region"].cat.categories) == {n for n, k in kinds.items() if k == "region"}
    pd.testing.assert_frame_equal(as_text(regions), expected, check_dtype=False,
                                  check_exact=True)


def test_resilience_is_the_summary_list(pair):
    result, out = pair
    listed = read_summary(out)["resilience"]
    table = result.resilience
    assert len(table) == len(listed)
    for row, item in zip(table.itertuples(), listed):
        assert (row.node, row.product, row.censored) == (item["node"], item["product"],
                                                         item["censored"])
        assert same_number(row.time_to_survive_days, item.get("time_to_survive_days"))
        assert same_number(row.time_to_recover_days, item.get("time_to_recover_days"))


def test_essential_by_day_adds_up_the_regions(pair):
    result, _ = pair
    scenario = sf.load(MINIMAL) if result.scenario == "minimal" else None
    days = result.essential_by_day
    assert days["day"].is_monotonic_increasing
    assert (days["delivered"] <= days["demand"] + 1e-9).all()
    if scenario is not None:
        essential = {p.id for p in scenario.products if p.category == "essential"}
        rows = result.regions[result.regions["product"].astype(str).isin(essential)]
        by_day = rows.groupby("day")["demand"].sum()
        assert by_day.to_numpy() == pytest.approx(days.set_index("day")["demand"].to_numpy())
