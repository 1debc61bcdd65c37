#!/usr/bin/python3
"""Reference values for StatisticsTest, computed independently with SciPy 1.10 / NumPy 1.24
(Debian bookworm: apt-get install python3-scipy). Run: /usr/bin/python3 reference.py > reference.json

Mann-Whitney: commons-math3 uses the normal approximation without continuity or tie correction,
so SciPy is asked for the same (method='asymptotic', use_continuity=False); the samples have no ties.
"""
import json

import numpy as np
from scipy import stats

cases = {
    # final test losses as a path arm and a baseline produce them (10 vs 3 seeds, as in the paper)
    "paper-sized": ([0.571, 0.612, 0.598, 0.634, 0.587, 0.605, 0.622, 0.579, 0.640, 0.593],
                    [0.533, 0.548, 0.541]),
    "five-vs-three": ([0.6488, 0.5091, 0.5501, 0.6151, 0.5110], [0.6494, 0.5116, 0.5224]),
    "equal-sizes": ([2.1, 2.4, 1.9, 2.8, 2.2, 2.6], [1.7, 1.6, 2.0, 1.8, 1.5, 1.95]),
    "overlapping": ([0.31, 0.35, 0.29, 0.33], [0.30, 0.36, 0.28, 0.34]),
}
out = {}
for name, (a, b) in cases.items():
    out[name] = {
        "a": a,
        "b": b,
        "mean_a": float(np.mean(a)),
        "sd_a": float(np.std(a, ddof=1)),
        "median_a": float(np.median(a)),
        "welch_p": float(stats.ttest_ind(a, b, equal_var=False).pvalue),
        "mann_whitney_p": float(stats.mannwhitneyu(a, b, alternative="two-sided", method="asymptotic",
                                                   use_continuity=False).pvalue),
        "percentile_2_5_a": float(np.percentile(a, 2.5)),
        "percentile_97_5_a": float(np.percentile(a, 97.5)),
    }
print(json.dumps(out, indent=2))
