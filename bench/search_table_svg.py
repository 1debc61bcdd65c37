#!/usr/bin/env python3
"""Draws `pathlab bench search-table` lines as an SVG: per method and prefix sharing, the share of
replayed searches that chose a near-best path (or the best one, --exact) against the budget.

    bench/search_table_svg.py bench/results/search-table-20261207.jsonl docs/search-table.svg
"""
import json
import sys

W, H, L, R, T, B = 640, 400, 70, 190, 30, 55
STYLE = {("successive_halving", True): ("#1b6ca8", ""), ("successive_halving", False): ("#1b6ca8", "6 4"),
         ("random", True): ("#c0392b", ""), ("random", False): ("#c0392b", "6 4")}
LABEL = {("successive_halving", True): "halving, prefixes shared", ("successive_halving", False): "halving, not shared",
         ("random", True): "random, prefixes shared", ("random", False): "random, not shared"}


def main(src, out, key="withinMargin"):
    lines = [json.loads(l) for l in open(src) if l.strip()]
    head, rows = lines[0], [l for l in lines if "method" in l]
    xmax = max(r["budget"] for r in rows)
    x = lambda b: L + (W - L - R) * b / xmax
    y = lambda p: T + (H - T - B) * (1 - p)
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
           f'<rect width="{W}" height="{H}" fill="white"/>']
    for p in (0, 0.25, 0.5, 0.75, 1):
        svg.append(f'<line x1="{L}" x2="{W - R}" y1="{y(p):.1f}" y2="{y(p):.1f}" stroke="#ddd"/>')
        svg.append(f'<text x="{L - 8}" y="{y(p) + 4:.1f}" text-anchor="end">{p:.2f}</text>')
    last = -1e9
    for b in sorted({r["budget"] for r in rows}):
        if x(b) - last < 34:
            continue  # too close to the label before it
        last = x(b)
        svg.append(f'<text x="{x(b):.1f}" y="{H - B + 18}" text-anchor="middle">{b:,}</text>')
    svg.append(f'<text x="{(L + W - R) / 2:.0f}" y="{H - 12}" text-anchor="middle">budget (task-epochs)</text>')
    what = "chose a path within %s of the best" % rows[0]["margin"] if key == "withinMargin" else "chose the best path"
    svg.append(f'<text x="{L}" y="{T - 12}">share of {rows[0]["repetitions"]} replays per budget that {what}'
               f' ({head["candidates"]} paths, {head["seeds"]} seeds)</text>')
    for i, (k, (color, dash)) in enumerate(STYLE.items()):
        pts = sorted((r["budget"], r[key]) for r in rows if (r["method"], r["sharePrefixes"]) == k)
        path = " ".join(f'{x(b):.1f},{y(p):.1f}' for b, p in pts)
        svg.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2" stroke-dasharray="{dash}"/>')
        for b, p in pts:
            svg.append(f'<circle cx="{x(b):.1f}" cy="{y(p):.1f}" r="3" fill="{color}"/>')
        ly = T + 20 + 22 * i
        svg.append(f'<line x1="{W - R + 12}" x2="{W - R + 40}" y1="{ly}" y2="{ly}" stroke="{color}" stroke-width="2" stroke-dasharray="{dash}"/>')
        svg.append(f'<text x="{W - R + 46}" y="{ly + 4}">{LABEL[k]}</text>')
    svg.append("</svg>")
    open(out, "w").write("\n".join(svg) + "\n")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], "foundBest" if "--exact" in sys.argv[3:] else "withinMargin")
