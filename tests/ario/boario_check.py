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


def boario_run(z, y, x0, outdir):
    """Production [day, industry] and unmet final demand [day, region], a
    day (BoARIO records them per step)."""
    index = pd.MultiIndex.from_tuples(INDUSTRIES, names=["region", "sector"])
    columns = pd.MultiIndex.from_tuples([(r, "final_demand") for r in REGIONS],
                                        names=["region", "category"])
    zy = pd.DataFrame(z * YEAR, index=index, columns=index)
    yy = pd.DataFrame(y * YEAR, index=index, columns=columns)
    xy = pd.DataFrame(x0 * YEAR, index=index, columns=["indout"])
    mriot = pymrio.IOSystem(Z=zy, Y=yy, x=xy, A=pymrio.calc_A(zy, xy))
    with warnings.catch_warnings():  # its notes on parameters left at their defaults
        warnings.simplefilter("ignore")
        model = ARIOPsiModel(mriot)
        sim = Simulation(model, n_temporal_units_to_sim=DAYS, boario_output_dir=str(outdir))
    assert list(model.industries) == INDUSTRIES
    for t in range(DAYS):
        loss = np.zeros(len(INDUSTRIES))
        loss[0] = 1.0 - reference.availability(0, t)
        model.prod_cap_delta_arbitrary = loss
        if sim.next_step() != 0:
            raise RuntimeError(f"BoARIO failed on step {t}")
    produced = sim.production_realised.to_numpy()[:DAYS]
    unmet = sim.final_demand_unmet.to_numpy()[:DAYS]
    return produced, unmet


def shockflow_run(shockflow, table, outdir):
    subprocess.run([shockflow, "run", HERE / f"{table}.toml", "--out", outdir, "-q"], check=True)
    produced = np.zeros((DAYS, len(INDUSTRIES)))
    unmet = np.zeros((DAYS, len(REGIONS)))
    with open(outdir / "timeseries.csv", newline="") as f:
        for row in csv.DictReader(f):
            t = int(row["day"])
            if not 0 <= t < DAYS:
                continue
            if row["node"] in reference.IND:
                i = reference.IND.index(row["node"])
                if row["product"] == reference.PRODUCTS[reference.SECTOR[i]]:
                    produced[t, i] = float(row["produced"])
            elif row["node"] in REGIONS:
                unmet[t, REGIONS.index(row["node"])] += float(row["unmet"])
    return produced, unmet


def main():
    shockflow, out = sys.argv[1], pathlib.Path(sys.argv[2])
    worst = 0.0
    for table, build in reference.TABLES.items():
        z, y, x0 = build()
        ours_x, ours_u = shockflow_run(shockflow, table, out / table)
        (out / f"{table}-boario").mkdir(parents=True, exist_ok=True)
        theirs_x, theirs_u = boario_run(z, y, x0, out / f"{table}-boario")
        diff_x = np.max(np.abs(ours_x - theirs_x) / np.maximum(1.0, np.abs(theirs_x)))
        demand = y.sum(axis=0)  # final demand of each region a day
        diff_u = np.max(np.abs(ours_u - theirs_u) / demand[None, :])
        loss_ours, loss_theirs = (x0 - ours_x).sum(axis=0), (x0 - theirs_x).sum(axis=0)
        print(f"{table}: production {diff_x:.3g}, unmet final demand {diff_u:.3g} (of the "
              f"day's final demand); production losses over {DAYS} days, ours / BoARIO: "
              + ", ".join(f"{n} {a:.6g} / {b:.6g}"
                          for n, a, b in zip(reference.IND, loss_ours, loss_theirs))
              + f"; unmet {ours_u.sum():.6g} / {theirs_u.sum():.6g}")
        assert ours_x[5, 0] < x0[0] - 1.0, "the shock must show"
        worst = max(worst, diff_x, diff_u)
    print(f"largest relative difference {worst:.3g}")
    sys.exit(0 if worst <= TOLERANCE else 1)


if __name__ == "__main__":
    main()
