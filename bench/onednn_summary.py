#!/usr/bin/python3
"""Sums oneDNN's own timings (ONEDNN_VERBOSE=1 exec lines) per primitive, implementation and
propagation kind, per step; with a second log, compares the two convolution by convolution.

    ONEDNN_VERBOSE=1 ops/pathlab bench throughput --model resnet-18 --steps 8 --warmup 3 ... > a.txt
    ONEDNN_VERBOSE=1 bench/reference.py throughput --model resnet-18 --steps 8 --warmup 3 ... > b.txt
    bench/onednn_summary.py a.txt --steps 11 [--against b.txt]

--steps is every step the log holds (warm-up included), so that totals are per step. Works with
oneDNN 2.x (Debian's PyTorch 1.13.1) and 3.x (DJL's PyTorch 2.5.1) lines alike: the kind,
implementation and propagation kind follow "exec,cpu", the shape is the next-to-last field and the
time in ms the last."""
import argparse
import collections


def load(path):
    by_kind, by_conv, impl = collections.Counter(), collections.Counter(), {}
    for line in open(path, errors="replace"):
        if not line.startswith("onednn_verbose") or ",exec," not in line:
            continue
        f = line.rstrip("\n").split(",")
        i = f.index("exec")
        if f[i + 1] != "cpu":
            continue
        kind, implementation, prop = f[i + 2], f[i + 3], f[i + 4]
        ms = float(f[-1])
        by_kind[(kind, implementation, prop)] += ms
        if kind == "convolution":
            by_conv[(prop, f[-2])] += ms
            impl[(prop, f[-2])] = implementation
    return by_kind, by_conv, impl


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("log")
    p.add_argument("--steps", type=int, required=True)
    p.add_argument("--against")
    a = p.parse_args()
    kinds, convs, impl = load(a.log)
    print(f"{a.log}: {sum(kinds.values()) / a.steps:.1f} ms of oneDNN time per step")
    for (kind, implementation, prop), ms in kinds.most_common():
        print(f"  {ms / a.steps:8.1f} ms  {kind} {implementation} {prop}")
    if a.against:
        kinds2, convs2, impl2 = load(a.against)
        print(f"{a.against}: {sum(kinds2.values()) / a.steps:.1f} ms of oneDNN time per step")
        for (kind, implementation, prop), ms in kinds2.most_common():
            print(f"  {ms / a.steps:8.1f} ms  {kind} {implementation} {prop}")
        print("convolutions, ms per step: first log, second log, difference, implementations, shape")
        for k in sorted(set(convs) | set(convs2), key=lambda k: -(convs.get(k, 0) - convs2.get(k, 0))):
            x, y = convs.get(k, 0) / a.steps, convs2.get(k, 0) / a.steps
            print(f"  {x:7.1f} {y:7.1f} {x - y:+7.1f}  {k[0]:17s} {impl.get(k, '-'):22s} {impl2.get(k, '-'):22s} {k[1]}")


if __name__ == "__main__":
    main()
