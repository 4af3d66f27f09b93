"""sweep() from Python gives the command line's sweep: its tables are
sweep.csv, sensitivity.csv and robustness.csv, and a row is the run of its
point's values and seed."""

import numpy as np
import pandas as pd
import pytest
import shockflow as sf
from conftest import TWELVE_DAY, read_csv, run_program

SCENARIO = TWELVE_DAY / "sampled.toml"
POLICIES = [TWELVE_DAY / "policies" / "none.toml", TWELVE_DAY / "policies" / "ministry.toml"]

# A grid of 3 x 2 points, 2 replications each: the panic's multiplier (a
# number) and the allocation rule (text, left out of the sensitivity).
DESIGN = """[design]
replications = 2

[[parameter]]
name = "panic"
key = "event.panic_buying.multiplier"
range = [1.0, 1.8]
levels = 3

[[parameter]]
name = "rule"
key = "policy.allocation"
values = ["proportional", "fair_share"]
"""


@pytest.fixture(scope="module")
def pair(exe, tmp_path_factory):
    folder = tmp_path_factory.mktemp("sweep")
    design = folder / "design.toml"
    design.write_text(DESIGN, encoding="utf-8")
    out = folder / "out"
    args = [SCENARIO, "--design", design, "--seed", 9, "--set", "scenario.end_day=20",
            "--out", out]
    for p in POLICIES:
        args += ["--policy", p]
    run_program(exe, "sweep", *args)
    result = sf.sweep(SCENARIO, design, POLICIES, seed=9, threads=2,
                      set={"scenario.end_day": 20})
    return result, out, design


def test_runs_are_sweep_csv(pair):
    result, out, _ = pair
    expected = read_csv(out / "sweep.csv")
    assert list(result.runs.columns) == list(expected.columns)
    assert len(result.runs) == 6 * 2 * 2
    pd.testing.assert_frame_equal(result.runs, expected, check_dtype=False, check_exact=True)


def test_sensitivity_and_robustness_are_the_files(pair):
    result, out, _ = pair
    for table, name in ((result.sensitivity, "sensitivity.csv"),
                        (result.robustness, "robustness.csv")):
        expected = read_csv(out / name)
        assert list(table.columns) == list(expected.columns), name
        pd.testing.assert_frame_equal(table, expected, check_dtype=False, check_exact=True)
    # Only the numeric parameter has sensitivities.
    assert set(result.sensitivity["parameter"]) == {"panic"}


def test_a_row_is_the_run_of_its_point(pair):
    result, _, _ = pair
    row = result.runs.iloc[11]  # point 2 (panic 1.4, proportional), ministry, replication 1
    assert (row["point"], row["panic"], row["rule"], row["policy"], row["replication"]) == (
        2, 1.4, "proportional", "ministry", 1)
    case = sf.load(SCENARIO, set={"scenario.end_day": 20, "event.panic_buying.multiplier": 1.4})
    ministry = sf.load_policy(POLICIES[1], case)  # its allocation is the default, proportional
    run = case.run(policy=ministry, seed=int(row["seed"]))
    for name, value in run.kpis.items():
        assert value == row[name] or (np.isnan(value) and np.isnan(row[name])), name


def test_points_table(pair):
    result, _, _ = pair
    assert list(result.points.columns) == ["point", "panic", "rule"]
    assert list(result.points["panic"]) == [1.0, 1.0, 1.4, 1.4, 1.8, 1.8]
    assert list(result.points["rule"]) == ["proportional", "fair_share"] * 3


def test_a_bad_key_is_reported_in_the_design(tmp_path):
    design = tmp_path / "bad.toml"
    design.write_text('[design]\n[[parameter]]\nkey = "event.panic_buying.multiplyer"\n'
                      'values = [1.2]\n', encoding="utf-8")
    with pytest.raises(sf.ConfigError) as error:
        sf.sweep(SCENARIO, design)
    e = error.value
    assert (e.file, e.line, e.column) == (str(design), 3, 7)
    assert "design point 0" in str(e)


def test_the_scenario_is_a_path(tmp_path):
    with pytest.raises(TypeError, match="path"):
        sf.sweep(object(), tmp_path / "d.toml")
