#!/usr/bin/env python3
"""The ARIO mode's equations (docs/MODEL.md, "The ARIO mode"), written
independently of the engine with numpy, on the two-region, two-sector table
of two_by_two.toml; compared with the engine's timeseries.csv to 1e-9.

usage: reference.py SHOCKFLOW SCENARIO OUTDIR
"""
import csv
import subprocess
import sys

import numpy as np

# Industries (A1, A2, B1, B2), their product (0 = s1, 1 = s2) and capacity.
IND = ["A1", "A2", "B1", "B2"]
SECTOR = np.array([0, 1, 0, 1])
X0 = np.array([100.0, 80.0, 60.0, 120.0])
# a[p, f]: units of product p per unit of f's output.
A = np.array([[0.0, 0.3, 0.0, 0.3],
              [0.2, 0.0, 0.2, 0.0]])
# Z[i, j]: daily flow from industry i to industry j.
Z = np.zeros((4, 4))
Z[0, 1], Z[0, 3], Z[2, 1], Z[2, 3] = 18, 10, 6, 26
Z[1, 0], Z[1, 2], Z[3, 0], Z[3, 2] = 15, 4, 5, 8
# Y[i, r]: final demand of region r (RA, RB) on industry i.
Y = np.array([[50.0, 22.0], [40.0, 21.0], [8.0, 20.0], [30.0, 77.0]])
assert np.allclose(Z.sum(axis=1) + Y.sum(axis=1), X0)

S_DAYS, TAU, PSI, ALPHA_MAX, ALPHA_TAU = 90.0, 60.0, 0.8, 1.25, 365.0
DAYS = 100


def availability(f, t):
    """A1 loses 30 % on day 5, back linearly by day 25."""
    if f != 0 or t < 5:
        return 1.0
    return 1.0 - 0.3 * max(0.0, 1.0 - (t - 5) / 20.0)


def run():
    alpha = np.ones(4)
    # Inventory of product p held by industry f: s days at baseline output.
    stock = S_DAYS * A * X0
    orders = Z.copy()  # orders[i, j]: placed by j on i, for this step
    produced = np.zeros((DAYS, 4))
    delivered = np.zeros((DAYS, 2, 2))  # day, region, product
    for t in range(DAYS):
        avail = np.array([availability(f, t) for f in range(4)])
        demand = orders.sum(axis=1) + Y.sum(axis=1)
        optimal = np.minimum(demand, alpha * X0 * avail)
        actual = optimal.copy()
        for f in range(4):
            ratio = 1.0
            for p in range(2):
                floor = PSI * S_DAYS * optimal[f] * A[p, f]
                if floor > 0 and stock[p, f] < floor:
                    ratio = min(ratio, stock[p, f] / floor)
            actual[f] = optimal[f] * ratio
            for p in range(2):
                if A[p, f] > 0:
                    actual[f] = min(actual[f], stock[p, f] / A[p, f])
        stock -= A * actual
        share = np.where(demand > 0, actual / np.where(demand > 0, demand, 1), 0)
        received = orders * share[:, None]  # received[i, j] by j from i
        for i in range(4):
            for r in range(2):
                delivered[t, r, SECTOR[i]] += Y[i, r] * share[i]
        for j in range(4):
            for i in range(4):
                stock[SECTOR[i], j] += received[i, j]
        produced[t] = actual
        # Orders for the next step.
        new_orders = np.zeros((4, 4))
        for j in range(4):
            for p in range(2):
                if A[p, j] == 0:
                    continue
                goal = S_DAYS * optimal[j] * A[p, j]
                gap = max(0.0, goal - stock[p, j])
                order = actual[j] * A[p, j] + gap / TAU
                suppliers = [i for i in range(4) if SECTOR[i] == p and Z[i, j] > 0]
                weights = np.array([Z[i, j] * avail[i] for i in suppliers])
                for i, w in zip(suppliers, weights):
                    new_orders[i, j] = order * w / weights.sum()
        orders = new_orders
        unserved = np.where(demand > 0, (demand - actual) / np.where(demand > 0, demand, 1), 0)
        alpha = np.where(unserved > 0, alpha + (ALPHA_MAX - alpha) * unserved / ALPHA_TAU,
                         alpha + (1.0 - alpha) / ALPHA_TAU)
    return produced, delivered


def main():
    shockflow, scenario, out = sys.argv[1:4]
    subprocess.run([shockflow, "run", scenario, "--out", out, "-q"], check=True)
    produced, delivered = run()
    seen = {}
    with open(f"{out}/timeseries.csv", newline="") as f:
        for row in csv.DictReader(f):
            seen[(int(row["day"]), row["node"], row["product"])] = row
    worst = 0.0
    checked = 0
    for t in range(DAYS):
        for f, name in enumerate(IND):
            got = float(seen[(t, name, "s1" if SECTOR[f] == 0 else "s2")]["produced"])
            worst = max(worst, abs(got - produced[t, f]) / max(1.0, produced[t, f]))
            checked += 1
        for r, region in enumerate(["RA", "RB"]):
            for p, product in enumerate(["s1", "s2"]):
                got = float(seen[(t, region, product)]["delivered"])
                worst = max(worst, abs(got - delivered[t, r, p]) / max(1.0, delivered[t, r, p]))
                checked += 1
    # The shock must show: A1 below its baseline on day 5.
    assert produced[5, 0] < 100.0 - 1.0, produced[5, 0]
    print(f"{checked} figures compared, largest relative difference {worst:.3g}")
    if worst > 1e-9:
        sys.exit(1)


if __name__ == "__main__":
    main()
