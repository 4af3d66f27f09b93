#!/usr/bin/env python3
"""The ARIO mode's equations (docs/MODEL.md, "The ARIO mode"), written
independently of the engine with numpy, on a two-region, two-sector table;
compared with the engine's timeseries.csv to 1e-9.

Tables (TABLE, the last argument):
  two_by_two   tests/ario/two_by_two.toml: every industry buys the other
               sector only.
  same_sector  tests/ario/same_sector.toml: the same table, where B1 also
               buys 6 a day of s1 from A1 and A1 buys 3 from B1 (each
               industry buys its own sector from the other region).
  self_use     tests/ario/self_use.toml: same_sector where A1 also uses 10
               a day of its own output and B2 14.4 of its own (the
               diagonal of Z: self-use, in gross output).

Technical coefficients come from the table alone, as in the model's
definition: a[p, f] = sum of Z[i, f] over the industries i of sector p, over
f's output. Inventories are per input product, summed over supplier
regions, the own sector included, and its own output among them: an
industry with self-use (Z[f, f] > 0) orders it on itself like on any other
supplier, and its output is gross of it.

usage: reference.py SHOCKFLOW SCENARIO OUTDIR [TABLE]
"""
import csv
import subprocess
import sys

import numpy as np

# Industries (A1, A2, B1, B2) and their product (0 = s1, 1 = s2).
IND = ["A1", "A2", "B1", "B2"]
PRODUCTS = ["s1", "s2"]
SECTOR = np.array([0, 1, 0, 1])
REGIONS = ["RA", "RB"]


def two_by_two():
    """Z[i, j]: daily flow from industry i to industry j; Y[i, r]: final
    demand of region r on industry i; X0: gross output."""
    z = np.zeros((4, 4))
    z[0, 1], z[0, 3], z[2, 1], z[2, 3] = 18, 10, 6, 26
    z[1, 0], z[1, 2], z[3, 0], z[3, 2] = 15, 4, 5, 8
    y = np.array([[50.0, 22.0], [40.0, 21.0], [8.0, 20.0], [30.0, 77.0]])
    return z, y, np.array([100.0, 80.0, 60.0, 120.0])


def same_sector():
    """two_by_two with A1 -> B1 6 and B1 -> A1 3 of s1; final demand on A1
    and B1 lower by as much (A1 -> RA 44, B1 -> RB 17), so x is the same."""
    z, y, x0 = two_by_two()
    z[0, 2], z[2, 0] = 6, 3
    y[0, 0], y[2, 1] = 44, 17
    return z, y, x0


def self_use():
    """same_sector with A1 -> A1 10 and B2 -> B2 14.4 (self-use); final
    demand on A1 and B2 lower by as much (A1 -> RA 34, B2 -> RB 62.6)."""
    z, y, x0 = same_sector()
    z[0, 0], z[3, 3] = 10, 14.4
    y[0, 0], y[3, 1] = 34, 62.6
    return z, y, x0


TABLES = {"two_by_two": two_by_two, "same_sector": same_sector, "self_use": self_use}

S_DAYS, TAU, PSI, ALPHA_MAX, ALPHA_TAU = 90.0, 60.0, 0.8, 1.25, 365.0
DAYS = 100


def availability(f, t):
    """A1 loses 30 % on day 5, back linearly by day 25."""
    if f != 0 or t < 5:
        return 1.0
    return 1.0 - 0.3 * max(0.0, 1.0 - (t - 5) / 20.0)


def coefficients(z, x0):
    """a[p, f]: units of product p per unit of f's output, from the table."""
    a = np.zeros((2, 4))
    for i in range(4):
        a[SECTOR[i]] += z[i] / x0
    return a


def run(z, y, x0):
    """Produced (day, industry), delivered (day, region, product) and the
    inventories at the end of each day (day, product, industry)."""
    assert np.allclose(z.sum(axis=1) + y.sum(axis=1), x0)
    a = coefficients(z, x0)
    alpha = np.ones(4)
    # Inventory of product p held by industry f: s days at baseline output.
    stock = S_DAYS * a * x0
    orders = z.copy()  # orders[i, j]: placed by j on i, for this step
    produced = np.zeros((DAYS, 4))
    delivered = np.zeros((DAYS, 2, 2))
    stocks = np.zeros((DAYS, 2, 4))
    for t in range(DAYS):
        avail = np.array([availability(f, t) for f in range(4)])
        demand = orders.sum(axis=1) + y.sum(axis=1)
        if t >= 2:
            # Overproduction at the start of the day, from the share of the
            # day's demand that yesterday's output would not have served
            # (negative if demand fell), never below 1.
            scarcity = np.where(demand > 0,
                                (demand - produced[t - 1]) / np.where(demand > 0, demand, 1), 0)
            alpha = np.where(scarcity != 0,
                             np.maximum(1.0, alpha + (ALPHA_MAX - alpha) * scarcity / ALPHA_TAU),
                             alpha + (1.0 - alpha) / ALPHA_TAU)
        optimal = np.minimum(demand, alpha * x0 * avail)
        actual = optimal.copy()
        for f in range(4):
            ratio = 1.0
            for p in range(2):
                floor = PSI * S_DAYS * optimal[f] * a[p, f]
                if floor > 0 and stock[p, f] < floor:
                    ratio = min(ratio, stock[p, f] / floor)
            actual[f] = optimal[f] * ratio
            for p in range(2):
                if a[p, f] > 0:
                    actual[f] = min(actual[f], stock[p, f] / a[p, f])
        stock -= a * actual
        share = np.where(demand > 0, actual / np.where(demand > 0, demand, 1), 0)
        received = orders * share[:, None]  # received[i, j] by j from i
        for i in range(4):
            for r in range(2):
                delivered[t, r, SECTOR[i]] += y[i, r] * share[i]
        for j in range(4):
            for i in range(4):
                stock[SECTOR[i], j] += received[i, j]
        produced[t] = actual
        stocks[t] = stock
        # Orders for the next step, over every supplier of the product:
        # industries of the sector, the buyer's own sector in other regions
        # too, and the buyer itself where it uses some of its own output.
        new_orders = np.zeros((4, 4))
        for j in range(4):
            for p in range(2):
                if a[p, j] == 0:
                    continue
                goal = S_DAYS * optimal[j] * a[p, j]
                gap = max(0.0, goal - stock[p, j])
                order = actual[j] * a[p, j] + gap / TAU
                suppliers = [i for i in range(4) if SECTOR[i] == p and z[i, j] > 0]
                # Suppliers by baseline flow x production capacity relative
                # to baseline (availability x this step's overproduction).
                weights = np.array([z[i, j] * avail[i] * alpha[i] for i in suppliers])
                for i, w in zip(suppliers, weights):
                    new_orders[i, j] = order * w / weights.sum()
        orders = new_orders
    return produced, delivered, stocks, a


def main():
    shockflow, scenario, out = sys.argv[1:4]
    table = sys.argv[4] if len(sys.argv) > 4 else "two_by_two"
    z, y, x0 = TABLES[table]()
    subprocess.run([shockflow, "run", scenario, "--out", out, "-q"], check=True)
    produced, delivered, stocks, a = run(z, y, x0)
    seen = {}
    with open(f"{out}/timeseries.csv", newline="") as f:
        for row in csv.DictReader(f):
            seen[(int(row["day"]), row["node"], row["product"])] = row
    worst = 0.0
    checked = 0

    def compare(t, node, product, column, want):
        nonlocal worst, checked
        got = float(seen[(t, node, product)][column])
        worst = max(worst, abs(got - want) / max(1.0, abs(want)))
        checked += 1

    for t in range(DAYS):
        for f, name in enumerate(IND):
            compare(t, name, PRODUCTS[SECTOR[f]], "produced", produced[t, f])
            # Inventories of inputs; an industry's row of its own sector shows
            # what it bought of it (its output is all shipped: stock 0).
            for p in range(2):
                if a[p, f] > 0:
                    compare(t, name, PRODUCTS[p], "stock", stocks[t, p, f])
        for r, region in enumerate(REGIONS):
            for p, product in enumerate(PRODUCTS):
                compare(t, region, product, "delivered", delivered[t, r, p])
    # The shock must show: A1 below its baseline on day 5.
    assert produced[5, 0] < 100.0 - 1.0, produced[5, 0]
    print(f"{table}: {checked} figures compared, largest relative difference {worst:.3g}")
    if worst > 1e-9:
        sys.exit(1)


if __name__ == "__main__":
    main()
