#!/usr/bin/python3
"""Writes blur-reference.txt: pathlab's blur (shrink to `small` pixels per side, stretch back to the
original size) computed by PyTorch itself, for each blur filter, on real Fashion-MNIST test images.

BlurTest compares pathlab's batched tensor ops with these numbers. They are made independently of
pathlab: the shrink is PyTorch's own F.interpolate in the filter's mode, the stretch back is always
F.interpolate(mode='bilinear', align_corners=False).

    bilinear   F.interpolate(mode='bilinear', align_corners=False)                  (no antialiasing)
    area       F.interpolate(mode='area')  (= adaptive_avg_pool2d to the small size)
    antialias  F.interpolate(mode='bilinear', align_corners=False, antialias=True)

Run from the repository root with Debian's python3-torch (apt-get install python3-torch):
    /usr/bin/python3 src/test/resources/blur-reference/make_reference.py \
        /usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz > src/test/resources/blur-reference/blur-reference.txt
"""
import gzip
import struct
import sys

import torch
import torch.nn.functional as F

IMAGES = [0, 1]                # indices in the official test set
LEVELS = {1.0: 7, 0.5: 18}     # level -> shrunk side for 28-pixel images (pathlab: round(28·(1 − 0.75·level)))


def read_idx_images(path):
    with gzip.open(path, "rb") as f:
        magic, count, rows, cols = struct.unpack(">IIII", f.read(16))
        assert magic == 2051, "not an idx3 image file: magic %d" % magic
        data = f.read(count * rows * cols)
    x = torch.frombuffer(bytearray(data), dtype=torch.uint8).reshape(count, 1, rows, cols)
    return x.to(torch.float32) / 255.0


def shrink(x, small, mode):
    if mode == "bilinear":
        return F.interpolate(x, size=(small, small), mode="bilinear", align_corners=False)
    if mode == "area":
        return F.interpolate(x, size=(small, small), mode="area")
    if mode == "antialias":
        return F.interpolate(x, size=(small, small), mode="bilinear", align_corners=False, antialias=True)
    raise ValueError(mode)


def main():
    x = read_idx_images(sys.argv[1])
    side = x.shape[-1]
    print("# pathlab blur reference: torch %s, %s" % (torch.__version__, sys.argv[1].rsplit("/", 1)[-1]))
    print("# made by make_reference.py in this folder; one line per (filter, level, image):")
    print("# filter level small image-index then %d×%d values, row-major" % (side, side))
    for mode in ["bilinear", "area", "antialias"]:
        for level, small in LEVELS.items():
            for i in IMAGES:
                img = x[i:i + 1]
                out = F.interpolate(shrink(img, small, mode), size=(side, side), mode="bilinear", align_corners=False)
                values = " ".join("%.9g" % v for v in out.flatten().tolist())
                print("%s %s %d %d %s" % (mode, level, small, i, values))


if __name__ == "__main__":
    main()
