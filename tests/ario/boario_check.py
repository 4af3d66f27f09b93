#!/usr/bin/env python3
"""The ARIO mode against BoARIO itself, where BoARIO is installed (it is
not a Debian package, so this is skipped elsewhere: exit status 77).

Runs each table of reference.py (two_by_two, same_sector, self_use) in
BoARIO's ARIOPsiModel with its default parameters (orders split by
supplier, psi 0.8, 90 days of inputs, restoration over 60 days,
overproduction up to 1.25 over 365 days), stepped day by day by its
Simulation, and in shockflow (tests/ario/<table>.toml), and compares
every industry's production and every region's unmet final demand on
each of the 100 days, to 1e-8 relative.

Then an input-output table of three regions and two sectors, with
self-use everywhere and trade of each sector between regions, written as
yearly Z.csv, Y.csv and x.csv, imported with `shockflow import-io`, set to
the ARIO mode and shocked by two `capacity_path` events, 120 days: the
same comparison, as an analyst would make it.

BoARIO works in yearly flows: the daily tables are given times 365. The
shock (A1 loses 30 % on day 5, back linearly by day 25) is imposed on
each step as BoARIO's arbitrary loss of production capacity
(prod_cap_delta_arbitrary), which production and the order split both
read; BoARIO's own arbitrary-production event is not used, since its
recovery lags the path by a step or two.

usage: boario_check.py SHOCKFLOW OUTDIR
"""
import csv
import pathlib
import subprocess
import sys
import warnings

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.dont_write_bytecode = True

try:
    import numpy as np
    import pandas as pd
    import pymrio
    from boario.extended_models import ARIOPsiModel
    from boario.simulation import Simulation
except ImportError as missing:  # BoARIO, pymrio or numpy not installed
    print(f"skipped: {missing}")
    sys.exit(77)

import reference  # noqa: E402  (the tables, and the shock's availability)

YEAR = 365.0
DAYS = reference.DAYS
INDUSTRIES = [("RA", "s1"), ("RA", "s2"), ("RB", "s1"), ("RB", "s2")]  # A1, A2, B1, B2
REGIONS = reference.REGIONS
TOLERANCE = 1e-8


def boario_run(z, y, x0, outdir, industries=INDUSTRIES, regions=REGIONS, days=DAYS,
               availability=lambda t: [reference.availability(0, t), 1.0, 1.0, 1.0]):
    """Production [day, industry] and unmet final demand [day, region], a
    day (BoARIO records them per step); availability(t): of each industry."""
    index = pd.MultiIndex.from_tuples(industries, names=["region", "sector"])
    columns = pd.MultiIndex.from_tuples([(r, "final_demand") for r in regions],
                                        names=["region", "category"])
    zy = pd.DataFrame(z * YEAR, index=index, columns=index)
    yy = pd.DataFrame(y * YEAR, index=index, columns=columns)
    xy = pd.DataFrame(x0 * YEAR, index=index, columns=["indout"])
    mriot = pymrio.IOSystem(Z=zy, Y=yy, x=xy, A=pymrio.calc_A(zy, xy))
    with warnings.catch_warnings():  # its notes on parameters left at their defaults
        warnings.simplefilter("ignore")
        model = ARIOPsiModel(mriot)
        sim = Simulation(model, n_temporal_units_to_sim=days, boario_output_dir=str(outdir))
    assert list(model.industries) == industries
    for t in range(days):
        model.prod_cap_delta_arbitrary = 1.0 - np.asarray(availability(t), dtype=float)
        if sim.next_step() != 0:
            raise RuntimeError(f"BoARIO failed on step {t}")
    produced = sim.production_realised.to_numpy()[:days]
    unmet = sim.final_demand_unmet.to_numpy()[:days]
    return produced, unmet


def shockflow_run(shockflow, scenario, outdir, nodes=reference.IND, regions=REGIONS, days=DAYS):
    """Production [day, industry] (nodes: the industries' node ids, each
    making its sector) and unmet final demand [day, region]."""
    subprocess.run([shockflow, "run", scenario, "--out", outdir, "-q"], check=True)
    produced = np.zeros((days, len(nodes)))
    unmet = np.zeros((days, len(regions)))
    with open(outdir / "timeseries.csv", newline="") as f:
        for row in csv.DictReader(f):
            t = int(row["day"])
            if not 0 <= t < days:
                continue
            if row["node"] in nodes:
                i = nodes.index(row["node"])
                produced[t, i] += float(row["produced"])  # one product per industry
            elif row["node"] in regions:
                unmet[t, regions.index(row["node"])] += float(row["unmet"])
    return produced, unmet


def report(label, names, x0, demand, ours, theirs):
    """Prints the comparison; returns the largest relative difference."""
    (ours_x, ours_u), (theirs_x, theirs_u) = ours, theirs
    diff_x = np.max(np.abs(ours_x - theirs_x) / np.maximum(1.0, np.abs(theirs_x)))
    diff_u = np.max(np.abs(ours_u - theirs_u) / demand[None, :])
    loss_ours, loss_theirs = (x0 - ours_x).sum(axis=0), (x0 - theirs_x).sum(axis=0)
    print(f"{label}: production {diff_x:.3g}, unmet final demand {diff_u:.3g} (of the day's "
          f"final demand); production losses, ours / BoARIO: "
          + ", ".join(f"{n} {a:.6g} / {b:.6g}" for n, a, b in zip(names, loss_ours, loss_theirs))
          + f"; unmet {ours_u.sum():.6g} / {theirs_u.sum():.6g}")
    return max(diff_x, diff_u)


# The imported table: daily flows of three regions (A, B, C) and two
# sectors (f, m); Z[i, j] from industry i to industry j, self-use on the
# diagonal, each sector also sold to the same sector in other regions.
#                     A.f   A.m   B.f   B.m   C.f   C.m
TABLE_Z = np.array([[6.0, 9.0, 2.0, 1.5, 1.0, 0.5],
                    [4.0, 12.0, 1.0, 3.0, 0.0, 2.0],
                    [1.5, 0.5, 5.0, 7.0, 2.0, 1.0],
                    [1.0, 2.5, 3.0, 10.0, 0.5, 3.5],
                    [0.5, 0.0, 1.0, 1.0, 4.0, 6.0],
                    [0.0, 1.5, 0.5, 2.0, 3.0, 8.0]])
#                     A_fd  B_fd  C_fd
TABLE_Y = np.array([[45.0, 5.0, 2.0],
                    [30.0, 6.0, 4.0],
                    [4.0, 38.0, 3.0],
                    [6.0, 33.0, 5.0],
                    [1.0, 2.0, 40.0],
                    [3.0, 4.0, 36.0]])
TABLE_IND = [("A", "f"), ("A", "m"), ("B", "f"), ("B", "m"), ("C", "f"), ("C", "m")]
TABLE_FD = ["A_fd", "B_fd", "C_fd"]
TABLE_DAYS = 120
# Availability paths: A.m at 40 % from day 10, back by day 50; B.f at 60 %
# from day 20, back by day 35.
TABLE_PATHS = {"A.m": [[10, 0.4], [50, 1.0]], "B.f": [[20, 0.6], [35, 1.0]]}


def path_at(path, t):
    if t < path[0][0]:
        return 1.0
    for (d0, a0), (d1, a1) in zip(path, path[1:]):
        if d0 <= t < d1:
            return a0 + (a1 - a0) * (t - d0) / (d1 - d0)
    return path[-1][1]


def imported_table(shockflow, out):
    """Writes the table as import-io reads it, imports it, sets the ARIO
    mode and the shocks, and runs both models."""
    out.mkdir(parents=True, exist_ok=True)
    x = TABLE_Z.sum(axis=1) + TABLE_Y.sum(axis=1)
    names = [f"{r}_{s}" for r, s in TABLE_IND]
    for name, header, rows in (("Z", names, TABLE_Z), ("Y", TABLE_FD, TABLE_Y),
                               ("x", ["x"], x[:, None])):
        with open(out / f"{name}.csv", "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["region", "sector"] + header)
            for (r, s), values in zip(TABLE_IND, rows):
                w.writerow([r, s] + [repr(v * YEAR) for v in values])
    scn = out / "scenario"
    subprocess.run([shockflow, "import-io", "--z", out / "Z.csv", "--y", out / "Y.csv", "--x",
                    out / "x.csv", "--out", scn, "--days", str(TABLE_DAYS), "-q"], check=True)
    text = (scn / "scenario.toml").read_text()
    assert "[model]" not in text
    text += '\n[model]\npreset = "ario"\n'
    for node, path in TABLE_PATHS.items():
        text += f'\n[[event]]\nkind = "capacity_path"\ntarget = "{node}"\npath = {path}\n'
    (scn / "scenario.toml").write_text(text)
    nodes = [f"{r}.{s}" for r, s in TABLE_IND]
    ours = shockflow_run(shockflow, scn / "scenario.toml", out / "run", nodes, TABLE_FD, TABLE_DAYS)

    def availability(t):
        return [path_at(TABLE_PATHS[n], t) if n in TABLE_PATHS else 1.0 for n in nodes]

    theirs = boario_run(TABLE_Z, TABLE_Y, x, out / "boario", TABLE_IND, TABLE_FD, TABLE_DAYS,
                        availability)
    assert ours[0][15, 1] < x[1] - 1.0, "the shock must show"
    return report("imported 3 x 2 table", nodes, x, TABLE_Y.sum(axis=0), ours, theirs)


def main():
    shockflow, out = sys.argv[1], pathlib.Path(sys.argv[2])
    worst = 0.0
    for table, build in reference.TABLES.items():
        z, y, x0 = build()
        ours = shockflow_run(shockflow, HERE / f"{table}.toml", out / table)
        (out / f"{table}-boario").mkdir(parents=True, exist_ok=True)
        theirs = boario_run(z, y, x0, out / f"{table}-boario")
        assert ours[0][5, 0] < x0[0] - 1.0, "the shock must show"
        worst = max(worst, report(table, reference.IND, x0, y.sum(axis=0), ours, theirs))
    worst = max(worst, imported_table(shockflow, out / "imported"))
    print(f"largest relative difference {worst:.3g}")
    sys.exit(0 if worst <= TOLERANCE else 1)


if __name__ == "__main__":
    main()
