"""compare's samples.csv holds, for replication k, the values that
`run --seed SEED+k` lists in its summary.json's `samples`, and a strike's
drawn capacity_loss is the share of capacity the struck node lost in that run.

    python3 samples_match.py SHOCKFLOW SCENARIO POLICY OUT_DIR
"""
import csv
import json
import subprocess
import sys
from pathlib import Path

REPLICATIONS = 3
SEED = 11


def run(*args):
    subprocess.run([str(a) for a in args], check=True, stdout=subprocess.DEVNULL)


def main(exe, scenario, policy, out):
    out = Path(out)
    run(exe, "compare", scenario, "--policy", policy, "-n", REPLICATIONS, "--seed", SEED,
        "--out", out / "compare", "--quiet")
    with open(out / "compare" / "samples.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows, "samples.csv has no rows"
    for k in range(REPLICATIONS):
        run_dir = out / f"run{k}"
        run(exe, "run", scenario, "--policy", policy, "--seed", SEED + k, "--out", run_dir,
            "--quiet")
        summary = json.load(open(run_dir / "summary.json"))
        from_run = []
        for event, keys in summary["samples"].items():
            for key, value in keys.items():
                for v in value if isinstance(value, list) else [value]:
                    from_run.append((event, key, v if isinstance(v, str) else float(v)))
        from_compare = [(r["event"], r["key"],
                         r["value"] if r["key"] == "target" else float(r["value"]))
                        for r in rows if r["replication"] == str(k)]
        assert all(r["seed"] == str(SEED + k) for r in rows if r["replication"] == str(k))
        assert from_run == from_compare, f"replication {k}: {from_run} != {from_compare}"
        # The strike (event 0 of the scenario) on `park` from its drawn day on:
        # capacity_available = capacity x (1 - capacity_loss) on a day it
        # covers whole (repairs take at least 4 days; the strike day is
        # drawn from 0 to 3).
        drawn = dict((key, v) for event, key, v in from_run if event == "0")
        day = int(drawn["day"]) + 1
        with open(run_dir / "timeseries.csv", newline="") as f:
            capacity = [float(r["capacity_available"]) for r in csv.DictReader(f)
                        if r["node"] == "park" and r["product"] == "food" and r["day"] == str(day)]
        expected = 300 * (1 - drawn["capacity_loss"])
        assert abs(capacity[0] - expected) < 1e-9 * 300, (capacity, expected)
    print(f"samples of {REPLICATIONS} replications match their runs")


if __name__ == "__main__":
    main(*sys.argv[1:])
