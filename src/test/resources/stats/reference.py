#!/usr/bin/env python3
"""Reference values for StatisticsTest, computed independently of pathlab with SciPy 1.17.1 /
NumPy 2.4 (pyenv's python3). Run from this directory:  python3 reference.py > reference.json
(reference.R, run with R 4.2, is the second, independent source: reference-r.json.)

What each value is, and how SciPy is asked for it:
- welch_*: scipy.stats.ttest_ind(a, b, equal_var=False): p, Welch-Satterthwaite df and the 95 %
  confidence_interval() of mean(a) - mean(b).
- mean_ci_*: scipy.stats.ttest_1samp(a, 0).confidence_interval(): the 95 % t-interval of mean(a).
- mann_whitney_*: scipy.stats.mannwhitneyu(a, b, alternative="two-sided"), U of a; exact while both
  samples have < 50 values: method="exact" without ties, and with ties the exact permutation
  distribution (method=PermutationMethod(n_resamples=inf), which enumerates every split); beyond,
  method="asymptotic" (tie-corrected variance, continuity correction). Every exact value is also
  checked here against a brute-force enumeration of all C(n, n1) splits.
- hedges_g*: SciPy has no Hedges' g: g = J * d from its definition (pooled sd; J from
  scipy.special.gammaln), its 95 % CI by inverting scipy.stats.nct.cdf (Boost's noncentral t) with
  scipy.optimize.brentq: the noncentralities whose 97.5 % / 2.5 % points are the observed pooled t,
  times sqrt(1/n1 + 1/n2) and J (Hedges & Olkin 1985; Steiger & Fouladi 1997).
- noncentral_t: scipy.stats.nct.cdf(t, df, ncp) on a grid (real df, negative t and ncp).
- power: the smallest effect (in sd units) Welch's two-sided test at 0.05 detects with 80 % power:
  noncentral t at the Welch-Satterthwaite df for equal sds, both tails, solved with brentq.
- seeds_for: the fewest seeds per group (n1 = n2) reaching a given effect, by direct search.
Zero-variance pairs are not asked of SciPy: it prints p = 0 for two constant samples that differ,
which pathlab deliberately reports as undefined (see Statistics.java); the Java test covers them.
"""
import itertools
import json
import math

import numpy as np
import scipy
from scipy import optimize, special, stats

assert scipy.__version__.startswith("1.17"), scipy.__version__

CASES = {
    # final test losses as an arm and a baseline produce them (10 vs 3 seeds, as in the paper)
    "paper-sized": ([0.571, 0.612, 0.598, 0.634, 0.587, 0.605, 0.622, 0.579, 0.640, 0.593],
                    [0.533, 0.548, 0.541]),
    "five-vs-three": ([0.6488, 0.5091, 0.5501, 0.6151, 0.5110], [0.6494, 0.5116, 0.5224]),
    "equal-sizes": ([2.1, 2.4, 1.9, 2.8, 2.2, 2.6], [1.7, 1.6, 2.0, 1.8, 1.5, 1.95]),
    "overlapping": ([0.31, 0.35, 0.29, 0.33], [0.30, 0.36, 0.28, 0.34]),
    "two-vs-two": ([0.61, 0.58], [0.55, 0.57]),
    "two-vs-three": ([0.70, 0.64], [0.55, 0.57, 0.52]),
    # three against three, fully separated: exact two-sided Mann-Whitney p = 2/20 = 0.1
    "three-vs-three-separated": ([0.62, 0.64, 0.66], [0.55, 0.57, 0.56]),
    # docs/results/discretization.csv, arm "blur N = 8" against the baseline (issue L, point 1)
    "discretization-n8": ([0.4779420471191406, 0.5346681518554688, 0.6007004241943359],
                          [0.6493982849121094, 0.620388427734375, 0.564001953125]),
    "five-vs-five": ([0.48, 0.51, 0.47, 0.52, 0.50], [0.55, 0.53, 0.58, 0.54, 0.56]),
    "ties-across": ([0.5, 0.5, 0.6, 0.7], [0.5, 0.6, 0.6]),
    "ties-heavy": ([1.0, 2.0, 2.0, 3.0], [2.0, 3.0, 4.0, 4.0, 5.0]),
    "ties-three-vs-three": ([0.5, 0.6, 0.6], [0.6, 0.6, 0.7]),
    "one-without-spread": ([0.5, 0.5, 0.5], [0.52, 0.55, 0.51]),
    # C(22, 10) = 646,646 splits: large enough that rounding in the counts would show
    "ten-vs-twelve-ties": (
        [round(0.5 + 0.03 * math.sin(i * 1.7), 2) for i in range(10)],
        [round(0.52 + 0.03 * math.cos(i * 1.3), 2) for i in range(12)]),
}
# beyond the exact cut-off (each sample >= 50): the normal approximation, rounded to make ties
rng = np.random.default_rng(20261201)
CASES["fifty-five-vs-sixty"] = ([round(float(x), 2) for x in rng.normal(0.50, 0.05, 55)],
                                [round(float(x), 2) for x in rng.normal(0.52, 0.05, 60)])


def u_statistic(a, b):
    ranks = stats.rankdata(list(a) + list(b))
    return float(ranks[:len(a)].sum() - len(a) * (len(a) + 1) / 2)


def brute_force_mann_whitney(a, b):
    """Every split of the pooled values into groups of len(a) and len(b), equally likely."""
    pooled = list(a) + list(b)
    ranks = stats.rankdata(pooled)
    n1 = len(a)
    observed = ranks[:n1].sum()
    sums = [sum(ranks[i] for i in combo) for combo in itertools.combinations(range(len(pooled)), n1)]
    le = sum(1 for s in sums if s <= observed + 1e-9) / len(sums)
    ge = sum(1 for s in sums if s >= observed - 1e-9) / len(sums)
    return min(1.0, 2 * min(le, ge))


def hedges(a, b):
    n1, n2 = len(a), len(b)
    df = n1 + n2 - 2
    pooled = math.sqrt(((n1 - 1) * np.var(a, ddof=1) + (n2 - 1) * np.var(b, ddof=1)) / df)
    d = (np.mean(a) - np.mean(b)) / pooled
    j = math.exp(special.gammaln(df / 2) - 0.5 * math.log(df / 2) - special.gammaln((df - 1) / 2))
    scale = math.sqrt(1 / n1 + 1 / n2)
    t = d / scale

    def ncp_for(prob):
        f = lambda nc: stats.nct.cdf(t, df, nc) - prob
        low, high = t - 1, t + 1
        while f(low) < 0:
            low -= 1
        while f(high) > 0:
            high += 1
        return optimize.brentq(f, low, high, xtol=1e-14, rtol=1e-14)

    return j * d, j * ncp_for(0.975) * scale, j * ncp_for(0.025) * scale, j


def welch_df(n1, n2):
    a, b = 1 / n1, 1 / n2
    return (a + b) ** 2 / (a * a / (n1 - 1) + b * b / (n2 - 1))


def detectable_effect(n1, n2):
    df = welch_df(n1, n2)
    crit = stats.t.ppf(0.975, df)
    # the far tail P(T < -crit) as P(T > crit) at -ncp: Boost's nct.cdf returns NaN that far out
    power = lambda nc: stats.nct.sf(crit, df, nc) + stats.nct.sf(crit, df, -nc) - 0.8
    return optimize.brentq(power, 0, 30, xtol=1e-14, rtol=1e-14) * math.sqrt(1 / n1 + 1 / n2)


two_sample = {}
for name, (a, b) in CASES.items():
    welch = stats.ttest_ind(a, b, equal_var=False)
    welch_ci = welch.confidence_interval(0.95)
    mean_ci = stats.ttest_1samp(a, 0).confidence_interval(0.95)
    ties = len(set(a + b)) < len(a) + len(b)
    if len(a) < 50 and len(b) < 50:
        method = stats.PermutationMethod(n_resamples=np.inf) if ties else "exact"
        mw = stats.mannwhitneyu(a, b, alternative="two-sided", method=method)
        if math.comb(len(a) + len(b), len(a)) <= 1_000_000:
            brute = brute_force_mann_whitney(a, b)
            assert abs(brute - mw.pvalue) < 1e-12, (name, brute, mw.pvalue)
        mw_method = "exact"
    else:
        mw = stats.mannwhitneyu(a, b, alternative="two-sided", method="asymptotic")
        mw_method = "normal approximation"
    g, g_low, g_high, j = hedges(a, b)
    two_sample[name] = {
        "a": a,
        "b": b,
        "mean_a": float(np.mean(a)),
        "sd_a": float(np.std(a, ddof=1)),
        "median_a": float(np.median(a)),
        "percentile_2_5_a": float(np.percentile(a, 2.5)),
        "percentile_97_5_a": float(np.percentile(a, 97.5)),
        "mean_ci_low": float(mean_ci.low),
        "mean_ci_high": float(mean_ci.high),
        "welch_p": float(welch.pvalue),
        "welch_df": float(welch.df),
        "welch_ci_low": float(welch_ci.low),
        "welch_ci_high": float(welch_ci.high),
        "mann_whitney_u": float(mw.statistic),
        "mann_whitney_p": float(mw.pvalue),
        "mann_whitney_method": mw_method,
        "hedges_j": j,
        "hedges_g": float(g),
        "hedges_g_ci_low": float(g_low),
        "hedges_g_ci_high": float(g_high),
    }
    assert abs(u_statistic(a, b) - mw.statistic) < 1e-9

noncentral_t = []
for t in (-3.0, -0.5, 0.0, 0.7, 2.0, 4.303, 9.0):
    for df in (1.0, 1.7, 2.0, 3.4, 4.0, 8.0, 18.0, 60.0):
        for ncp in (-2.0, 0.5, 1.0, 3.0, 6.5):
            noncentral_t.append({"t": t, "df": df, "ncp": ncp, "cdf": float(stats.nct.cdf(t, df, ncp))})

power = []
for n1, n2 in ((2, 2), (2, 3), (3, 3), (3, 5), (5, 3), (5, 5), (3, 10), (10, 3), (10, 10), (30, 30)):
    power.append({"n1": n1, "n2": n2, "welch_df": welch_df(n1, n2), "effect": detectable_effect(n1, n2)})

seeds_for = []
for effect in (3.5, 2.0, 1.0, 0.4):
    n = 2
    while detectable_effect(n, n) > effect:
        n += 1
    seeds_for.append({"effect": effect, "seeds": n})

print(json.dumps({
    "scipy": scipy.__version__,
    "two_sample": two_sample,
    "noncentral_t": noncentral_t,
    "power": power,
    "seeds_for": seeds_for,
}, indent=1))
