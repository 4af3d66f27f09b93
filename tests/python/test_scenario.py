"""A scenario changed in memory runs as the same scenario edited in its file
would, and values out of the loader's bounds are refused."""

import copy

import pandas as pd
import pytest
import shockflow as sf
from conftest import (MINIMAL, ROOT, TWELVE_DAY, as_text, read_csv, read_summary,
                      run_program, same_number)

# (text in scenarios/minimal/scenario.toml, its replacement, the same change in memory)
EDITS = [
    ("end_day = 15 ", "end_day = 11 ", lambda s: setattr(s, "end_day", 11)),
    ("capacity_loss = 0.5", "capacity_loss = 0.8",
     lambda s: setattr(s.events[2], "capacity_loss", 0.8)),
    ("repair_days = 10", "repair_days = 4", lambda s: setattr(s.events[2], "repair_days", 4)),
    ("capacity = { food = 270,", "capacity = { food = 240,",
     lambda s: s.node("park_valley").capacity.__setitem__("food", 240)),
    ("stock = { food = 675,", "stock = { food = 900,",
     lambda s: s.node("depot_central").stock.__setitem__("food", 900)),
    ("capacity = 200\n", "capacity = 120\n",
     lambda s: setattr(s.link("depot_central", "r_south"), "capacity", 120)),
    ("multiplier = 1.3", "multiplier = 1.6", lambda s: setattr(s.events[1], "multiplier", 1.6)),
]


def test_edits_in_memory_run_as_the_edited_file(exe, tmp_path):
    text = MINIMAL.read_text(encoding="utf-8")
    scenario = sf.load(MINIMAL)
    for old, new, edit in EDITS:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
        edit(scenario)
    edited = tmp_path / "scenario.toml"
    edited.write_text(text, encoding="utf-8")
    run_program(exe, "run", edited, "--seed", 2, "--out", tmp_path / "out")

    result = scenario.run(seed=2)
    expected = read_summary(tmp_path / "out")
    for name, value in result.kpis.items():
        assert same_number(value, expected["kpi"][name]), name
    assert result.summary["end_day"] == 11
    pd.testing.assert_frame_equal(as_text(result.timeseries),
                                  read_csv(tmp_path / "out" / "timeseries.csv"),
                                  check_dtype=False, check_exact=True)


def test_a_policy_assigned_is_the_one_run():
    scenario = sf.load(MINIMAL)  # has no [policy]: every lever off
    assert scenario.policy.name == "none"
    policy = sf.Policy()
    policy.name, policy.surge_capacity, policy.reroute = "surge", 0.5, True
    scenario.policy = policy
    assert scenario.run().summary["policy"] == "surge"
    assert scenario.run().kpis == scenario.run(policy=policy).kpis
    assert scenario.run().kpis != scenario.run(policy=sf.Policy()).kpis


def test_load_policy_checks_it_against_the_scenario():
    with pytest.warns(sf.ScenarioWarning):
        scenario = sf.load(TWELVE_DAY / "scenario.toml")
    ministry = sf.load_policy(TWELVE_DAY / "policies" / "ministry.toml", scenario)
    assert ministry.name == "ministry" and ministry.prestock is not None
    scenario.policy = ministry
    assert scenario.policy.name == "ministry"
    scenario.policy.prestock.uplift = 0.3  # in place
    assert scenario.policy.prestock.uplift == 0.3 and ministry.prestock.uplift != 0.3
    with pytest.raises(sf.ConfigError) as error:
        sf.load_policy(TWELVE_DAY / "policies" / "ministry.toml", sf.load(MINIMAL))
    assert error.value.file.endswith("ministry.toml") and error.value.line >= 1


def test_copies_are_independent():
    scenario = sf.load(MINIMAL)
    other = scenario.copy()
    other.events[2].capacity_loss = 1.0
    other.node("park_valley").capacity["food"] = 10
    assert scenario.events[2].capacity_loss == 0.5
    assert scenario.node("park_valley").capacity["food"] == 270
    assert copy.deepcopy(scenario).node("park_valley").capacity["food"] == 270
    assert isinstance(other, sf.Scenario)


def test_views_keep_the_scenario_alive():
    node = sf.load(MINIMAL).node("park_valley")
    capacity = node.capacity
    assert dict(capacity.items()) == {"food": 270.0, "medicine": 18.0}
    assert "food" in capacity and len(capacity) == 2


@pytest.mark.parametrize("edit, error", [
    (lambda s: setattr(s.events[2], "capacity_loss", 1.5), ValueError),
    (lambda s: setattr(s.events[2], "repair_days", -1), ValueError),
    (lambda s: setattr(s, "end_day", -5), ValueError),
    (lambda s: setattr(s, "start_day", float("nan")), ValueError),
    (lambda s: s.node("park_valley").capacity.__setitem__("food", -1), ValueError),
    (lambda s: s.node("park_valley").capacity.__setitem__("fuel", 1), KeyError),
    (lambda s: setattr(s.node("r_north"), "population", 0), ValueError),
    (lambda s: setattr(s.node("r_north"), "firms", 3), ValueError),
    (lambda s: setattr(s.node("r_north"), "buys_own", 0.1), ValueError),
    (lambda s: setattr(s.node("park_valley"), "buys_own", 1.0), ValueError),
    (lambda s: setattr(s.events[0], "capacity_loss", 0.5), AttributeError),
    (lambda s: setattr(s, "replications", 0), ValueError),
    (lambda s: setattr(s.policy, "repair_crews", 0), ValueError),
])
def test_out_of_bounds_values_are_refused(edit, error):
    scenario = sf.load(MINIMAL)
    with pytest.raises(error):
        edit(scenario)


def test_numbers_read_back_as_floats_or_distributions():
    with pytest.warns(sf.ScenarioWarning):
        scenario = sf.load(TWELVE_DAY / "sampled.toml")
    drawn = [e for e in scenario.events
             if e.kind == "strike" and isinstance(e.capacity_loss, sf.Distribution)]
    assert drawn, "sampled.toml draws some strikes' losses"
    loss = drawn[0].capacity_loss
    assert loss.kind in {"uniform", "triangular", "normal", "beta"} and len(loss.params) >= 2
    drawn[0].capacity_loss = 0.25
    assert drawn[0].capacity_loss == 0.25
    drawn[0].capacity_loss = loss
    assert repr(drawn[0].capacity_loss) == repr(loss)


def test_set_takes_the_keys_of_the_command_line(exe, tmp_path):
    sets = {"scenario.end_day": 20, "event.isfahan_pharma.capacity_loss": 0.8,
            "policy.reroute": True}
    overlay = TWELVE_DAY / "whatif_isfahan.toml"
    scenario = sf.load(overlay, set=sets)
    assert scenario.end_day == 20
    args = ["run", overlay, "--seed", 3, "--out", tmp_path]
    for key, value in sets.items():
        args += ["--set", f"{key}={str(value).lower()}"]
    run_program(exe, *args)
    assert scenario.run(seed=3).summary == read_summary(tmp_path)
    assert sf.load(MINIMAL, set={}).end_day == 15


def test_a_bad_set_key_raises_config_error_with_a_hint():
    with pytest.raises(sf.ConfigError) as caught:
        sf.load(MINIMAL, set={"scenario.end_dya": 40})
    assert caught.value.file == "--set"
    assert "did you mean" in caught.value.message


def test_kpi_table_lists_the_summary_kpis():
    table = sf.kpi_table()
    assert list(table["name"]) == list(sf.load(MINIMAL).run().kpis)


def test_nodes_carry_their_position():
    scenario = sf.load(TWELVE_DAY / "scenario.toml", set={"node.r_tehran.lat": 35.7})
    assert (scenario.node("r_tehran").lat, scenario.node("r_tehran").lon) == (35.7, 51.39)
    assert scenario.node("d_tehran").lat == 35.69
    minimal = sf.load(MINIMAL)
    assert all(n.lat is None and n.lon is None for n in minimal.nodes)


def test_buys_own_runs_as_the_command_lines_set(exe, tmp_path):
    table = ROOT / "tests" / "ario" / "same_sector.toml"
    scenario = sf.load(table)
    assert scenario.node("B1").buys_own == pytest.approx(0.1)
    scenario.node("B1").buys_own = 0.05
    run_program(exe, "run", table, "--set", "node.B1.buys_own=0.05", "--out", tmp_path)
    result, expected = scenario.run(), read_summary(tmp_path)
    assert result.kpis["lost_output_units"] > 0  # the strike shows
    for name, value in result.kpis.items():
        assert same_number(value, expected["kpi"][name]), name
    pd.testing.assert_frame_equal(as_text(result.timeseries), read_csv(tmp_path / "timeseries.csv"),
                                  check_dtype=False, check_exact=True)
