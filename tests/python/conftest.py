"""Fixtures of the Python module's tests (tests/python/tests.cmake runs them).

The module comes from PYTHONPATH (<build>/python) and the program it is
checked against from SHOCKFLOW_EXE (<build>/shockflow).
"""

import json
import math
import os
import pathlib
import subprocess

import pandas as pd
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "scenarios" / "minimal" / "scenario.toml"
TWELVE_DAY = ROOT / "scenarios" / "twelve_day_conflict"


@pytest.fixture(scope="session")
def exe():
    path = os.environ.get("SHOCKFLOW_EXE")
    if not path:
        pytest.fail("SHOCKFLOW_EXE (the shockflow program) is not set")
    return path


def run_program(exe, *args):
    """Runs the program quietly; fails the test unless it exits with 0."""
    done = subprocess.run([exe, *map(str, args), "--quiet"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done


def read_summary(directory):
    with open(directory / "summary.json", encoding="utf-8") as f:
        return json.load(f)


def read_csv(path):
    # The files hold each number's shortest round-trip form: read it back exactly.
    return pd.read_csv(path, float_precision="round_trip")


def same_number(a, b):
    """Equal, with JSON null standing for NaN."""
    if a is None or b is None:
        return (a is None or math.isnan(a)) and (b is None or math.isnan(b))
    return a == b or (math.isnan(a) and math.isnan(b))


def as_text(frame):
    """The frame with its Categorical columns as plain strings (as read_csv gives)."""
    out = frame.copy()
    for name in out.columns:
        if isinstance(out[name].dtype, pd.CategoricalDtype):
            out[name] = out[name].astype(str)
    return out
