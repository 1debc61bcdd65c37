#!/usr/bin/env python3
"""Reference values for PairedStatisticsTest, computed independently of pathlab with SciPy 1.17.1
(pyenv's python3). Run from the repository's root:
    python3 src/test/resources/stats/paired_reference.py > src/test/resources/stats/paired-reference.json

- paired_t_*: scipy.stats.ttest_rel(a, b): p, df and the 95 % confidence_interval() of mean(a - b).
- wilcoxon_p: scipy.stats.wilcoxon(a, b, method="exact") (zero_method "wilcox"), on cases without
  ties or zeros among the differences, where SciPy's exact distribution is defined; each is also
  checked here against a brute-force enumeration of all 2^n sign assignments.
- hedges_g_av: SciPy has none: mean(a - b) / ((sd(a) + sd(b)) / 2) (Cumming's d_av) times the exact
  J at 2(n - 1) degrees of freedom (Lakens 2013), with scipy.special.gammaln.
- replication: the committed per-seed CSVs under docs/results/replication/ whose arms were compared
  paired by seed: each such arm's final losses against the baseline's, matched by seed, and the p
  that the CSV's `p` column printed, so a test can hold the report to SciPy.
"""
import csv
import glob
import itertools
import json
import math
import os

import numpy as np
import scipy
from scipy import special, stats

assert scipy.__version__.startswith("1.17"), scipy.__version__

CASES = {
    # correlated pairs: the arm tracks its seed's baseline run, 0.01 worse
    "ten-correlated": ([0.3586, 0.3480, 0.3391, 0.3605, 0.3297, 0.3512, 0.3377, 0.3468, 0.3702, 0.3315],
                       [0.3473, 0.3395, 0.3305, 0.3471, 0.3222, 0.3398, 0.3311, 0.3340, 0.3597, 0.3212]),
    "three-pairs": ([0.61, 0.58, 0.66], [0.55, 0.57, 0.59]),
    "five-mixed": ([0.48, 0.51, 0.47, 0.52, 0.50], [0.49, 0.47, 0.45, 0.55, 0.46]),
    "accuracy-like": ([0.8812, 0.8790, 0.8755, 0.8801, 0.8834, 0.8779], [0.8850, 0.8811, 0.8790, 0.8843, 0.8866, 0.8802]),
    "two-pairs": ([1.0, 2.5], [0.5, 1.2]),
}


def hedges_g_av(a, b):
    a, b = np.asarray(a), np.asarray(b)
    n = len(a)
    dav = (a - b).mean() / ((a.std(ddof=1) + b.std(ddof=1)) / 2)
    df = 2 * (n - 1)
    j = math.exp(special.gammaln(df / 2) - 0.5 * math.log(df / 2) - special.gammaln((df - 1) / 2))
    return float(j * dav)


def brute_force_wilcoxon(a, b):
    d = [x - y for x, y in zip(a, b) if x != y]
    ranks = stats.rankdata([abs(x) for x in d])
    observed = sum(r for r, x in zip(ranks, d) if x > 0)
    sums = [sum(r for r, s in zip(ranks, signs) if s) for signs in itertools.product((0, 1), repeat=len(d))]
    le = sum(1 for s in sums if s <= observed + 1e-9) / len(sums)
    ge = sum(1 for s in sums if s >= observed - 1e-9) / len(sums)
    return min(1.0, 2 * min(le, ge))


def paired(a, b):
    t = stats.ttest_rel(a, b)
    ci = t.confidence_interval()
    w = stats.wilcoxon(a, b, method="exact")
    assert abs(w.pvalue - brute_force_wilcoxon(a, b)) < 1e-12, (w.pvalue, brute_force_wilcoxon(a, b))
    return {"a": a, "b": b, "paired_t_p": float(t.pvalue), "paired_t_df": float(t.df), "paired_t_ci_low": float(ci.low),
            "paired_t_ci_high": float(ci.high), "wilcoxon_p": float(w.pvalue), "hedges_g_av": hedges_g_av(a, b)}


replication = {}
for path in sorted(glob.glob("docs/results/replication/*.csv")):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows or "design" not in rows[0]:
        continue
    baseline = {r["seed"]: float(r["target_test_loss"]) for r in rows if r["baseline"] == "true" and r["status"] == "finished"}
    for arm in dict.fromkeys(r["arm"] for r in rows if r["baseline"] == "false" and r["design"] == "paired by seed"):
        mine = {r["seed"]: float(r["target_test_loss"]) for r in rows if r["arm"] == arm and r["status"] == "finished"}
        seeds = sorted(mine, key=int)
        a = [mine[s] for s in seeds]
        b = [baseline[s] for s in seeds]
        printed = next(float(r["p"]) for r in rows if r["arm"] == arm)
        replication[os.path.basename(path) + " " + arm] = {
            "printed_p": printed, "scipy_ttest_rel_p": float(stats.ttest_rel(a, b).pvalue), "a": a, "b": b}

print(json.dumps({"scipy": scipy.__version__, "paired": {k: paired(*v) for k, v in CASES.items()},
                  "replication": replication}, indent=1))
