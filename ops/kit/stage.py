#!/usr/bin/env python3
"""Helpers of ops/gpu-kit (standard library only).

    stage.py store-jars DEST JAR...            each jar rewritten with its entries stored, not deflated
    stage.py fashion-subset SRC DEST NTRAIN NTEST
                                               the first NTRAIN training and NTEST test images (and
                                               labels) of Fashion-MNIST in SRC, as raw IDX files

Stored jars: the kit is one xz archive, and class files compress far better together than each
deflated on its own inside its jar (docs/gpu.md has the sizes). The JVM reads stored entries as
it reads deflated ones; every entry, its order, name, time and bytes stay as they were.
The subset keeps the official files' format: only the count in each header changes.
"""
import gzip
import os
import struct
import sys
import zipfile


def store_jars(dest, jars):
    os.makedirs(dest, exist_ok=True)
    for jar in jars:
        out = os.path.join(dest, os.path.basename(jar))
        with zipfile.ZipFile(jar) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst:
            for info in src.infolist():
                data = src.read(info)
                stored = zipfile.ZipInfo(info.filename, info.date_time)
                stored.external_attr = info.external_attr
                stored.compress_type = zipfile.ZIP_STORED
                dst.writestr(stored, data)


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        return f.read()


def find(src, base):
    for name in (base + ".gz", base):
        if os.path.isfile(os.path.join(src, name)):
            return os.path.join(src, name)
    raise SystemExit(f"stage.py: {src} has no {base} (.gz or raw); run ops/datasets fashion-mnist")


def subset(raw, count, path):
    magic, total = struct.unpack(">II", raw[:8])
    if magic not in (2049, 2051):
        raise SystemExit(f"stage.py: {path} is not an IDX file of labels or images (magic {magic})")
    if count > total:
        raise SystemExit(f"stage.py: {path} holds {total} items, fewer than {count}")
    dims = 1 if magic == 2049 else 3
    header = 4 + 4 * dims
    per = 1
    for i in range(1, dims):
        per *= struct.unpack(">I", raw[4 + 4 * i:8 + 4 * i])[0]
    return raw[:4] + struct.pack(">I", count) + raw[8:header] + raw[header:header + count * per]


def fashion_subset(src, dest, ntrain, ntest):
    os.makedirs(dest, exist_ok=True)
    for base, count in (("train-images-idx3-ubyte", ntrain), ("train-labels-idx1-ubyte", ntrain),
                        ("t10k-images-idx3-ubyte", ntest), ("t10k-labels-idx1-ubyte", ntest)):
        path = find(src, base)
        with open(os.path.join(dest, base), "wb") as f:
            f.write(subset(read_idx(path), count, path))


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "store-jars":
        store_jars(sys.argv[2], sys.argv[3:])
    elif len(sys.argv) == 6 and sys.argv[1] == "fashion-subset":
        fashion_subset(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    else:
        raise SystemExit(__doc__)
