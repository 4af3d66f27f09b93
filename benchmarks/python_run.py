"""Time of a run of the twelve-day case from Python, for BENCHMARKS.md.

Loads the case and the ministry's policy, runs it and builds the three
daily tables (timeseries, firms, regions) as DataFrames, N times in one
process (pandas and the module imported once, before the clock starts);
then times `Scenario.run` alone N times. Prints the median, min and max
milliseconds of each. Run from the root of
the repository after a release build:

    PYTHONPATH=build/release/python /usr/bin/python3 benchmarks/python_run.py [N]
"""

import statistics
import sys
import time
import warnings

import pandas  # noqa: F401  (imported before the clock, as in a notebook)

import shockflow as sf

CASE = "scenarios/twelve_day_conflict"


def run_only(case, policy):
    start = time.perf_counter()
    case.run(policy=policy)
    return time.perf_counter() - start


def one_run():
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sf.ScenarioWarning)
        case = sf.load(f"{CASE}/scenario.toml")
    policy = sf.load_policy(f"{CASE}/policies/ministry.toml", case)
    result = case.run(policy=policy)
    tables = (result.timeseries, result.firms, result.regions)
    assert all(len(t) > 0 for t in tables)
    return time.perf_counter() - start


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    one_run()  # warm-up: first use of pandas' machinery
    times = [one_run() for _ in range(n)]
    report("load + run + tables", times)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sf.ScenarioWarning)
        case = sf.load(f"{CASE}/scenario.toml")
    policy = sf.load_policy(f"{CASE}/policies/ministry.toml", case)
    report("run alone", [run_only(case, policy) for _ in range(n)])


def report(what, times):
    print(f"python {what}: median {statistics.median(times) * 1000:.1f} ms, "
          f"min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f} ({len(times)} runs)")


if __name__ == "__main__":
    main()
