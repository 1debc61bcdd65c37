"""pathlab's built-in models as PyTorch modules, and a reader for the weights `pathlab export` writes.

    import pathlab_models                                   # this file, e.g. on sys.path or beside your notebook
    net = pathlab_models.load("baseline-1.safetensors")     # the module, its parameters and batch-norm statistics, in eval mode
    print(net.pathlab)                                      # what pathlab recorded: experiment, arm, seed, task, test loss, ...
    logits = net(images)                                    # images as pathlab feeds them: N x C x H x W, normalized

The tensor names are those of these modules' state dicts, so `load_state_dict(..., strict=True)`
accepts an exported file. The safetensors package is used when installed; otherwise this file reads
the format itself (an 8-byte little-endian header length, a JSON header, then the raw little-endian
tensors), so plain PyTorch suffices. bench/reference.py trains these same modules.
"""

import json
import struct

import numpy as np
import torch
from torch import nn

__all__ = ["SmallCNN", "BasicBlock", "ResNet18", "small_cnn", "build", "read_safetensors", "load"]


class SmallCNN(nn.Module):
    """Two 3x3 convolution + ReLU + 2x2 max-pool stages, a hidden layer, a linear output (widths: conv1, conv2, hidden)."""

    def __init__(self, channels=1, height=28, width=28, classes=10, widths=(16, 32, 64)):
        super().__init__()
        if height % 4 or width % 4:
            raise ValueError(f"small-cnn needs sides divisible by 4, got {height}x{width}")
        c1, c2, hidden = widths
        self.conv1 = nn.Conv2d(channels, c1, 3, padding=1)
        self.conv2 = nn.Conv2d(c1, c2, 3, padding=1)
        self.fc1 = nn.Linear(c2 * (height // 4) * (width // 4), hidden)
        self.fc2 = nn.Linear(hidden, classes)

    def forward(self, x):
        x = nn.functional.max_pool2d(torch.relu(self.conv1(x)), 2)
        x = nn.functional.max_pool2d(torch.relu(self.conv2(x)), 2)
        return self.fc2(torch.relu(self.fc1(torch.flatten(x, 1))))


def small_cnn(channels=1, size=28, classes=10, widths=(16, 32, 64)):
    """The small CNN for square images."""
    return SmallCNN(channels, size, size, classes, widths)


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, stride=1, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        # Registered after the main path, as pathlab's ParallelBlock(main, shortcut) orders it.
        self.shortcut = nn.Sequential()
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(
                nn.Conv2d(cin, cout, 1, stride=stride, bias=False),
                nn.BatchNorm2d(cout),
            )

    def forward(self, x):
        out = torch.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return torch.relu(out + self.shortcut(x))


class ResNet18(nn.Module):
    """CIFAR ResNet-18: 3x3 stem, no max-pool, stages 64/128/256/512, avg pool, one linear."""

    def __init__(self, channels=3, classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, 64, 3, stride=1, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        layers, cin = [], 64
        for i, cout in enumerate([64, 128, 256, 512]):
            stride = 1 if i == 0 else 2
            layers.append(nn.Sequential(BasicBlock(cin, cout, stride), BasicBlock(cout, cout, 1)))
            cin = cout
        self.layer1, self.layer2, self.layer3, self.layer4 = layers
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(512, classes)

    def forward(self, x):
        x = torch.relu(self.bn1(self.conv1(x)))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        return self.fc(torch.flatten(self.pool(x), 1))


def build(model, channels, height, width, classes=10, widths=(16, 32, 64)):
    """A built-in model by its pathlab name (small-cnn, resnet-18), untrained (PyTorch's default init)."""
    if model == "small-cnn":
        return SmallCNN(channels, height, width, classes, tuple(widths))
    if model == "resnet-18":
        return ResNet18(channels, classes)
    raise ValueError(f"unknown model {model!r}; pathlab's built-in models are small-cnn and resnet-18")


_DTYPES = {"F32": np.float32, "F64": np.float64, "F16": np.float16, "I64": np.int64, "I32": np.int32,
           "I16": np.int16, "I8": np.int8, "U8": np.uint8, "BOOL": np.bool_}


def read_safetensors(path, use_package=True):
    """(tensors by name, metadata) of a safetensors file; with the safetensors package if installed and use_package."""
    if use_package:
        try:
            from safetensors import safe_open
        except ImportError:
            pass
        else:
            with safe_open(path, framework="pt") as f:
                return {k: f.get_tensor(k) for k in f.keys()}, dict(f.metadata() or {})
    with open(path, "rb") as f:
        raw = f.read()
    if len(raw) < 8:
        raise ValueError(f"{path}: too short for a safetensors file")
    (length,) = struct.unpack("<Q", raw[:8])
    if length > len(raw) - 8:
        raise ValueError(f"{path}: header length {length} exceeds the file")
    header = json.loads(raw[8:8 + length].decode("utf-8"))
    metadata = header.pop("__metadata__", {}) or {}
    data = memoryview(raw)[8 + length:]
    tensors = {}
    for name, entry in header.items():
        if entry["dtype"] not in _DTYPES:
            raise ValueError(f"{path}: tensor {name} has dtype {entry['dtype']}, which this reader does not know")
        begin, end = entry["data_offsets"]
        array = np.frombuffer(data[begin:end], dtype=np.dtype(_DTYPES[entry["dtype"]]).newbyteorder("<"))
        tensors[name] = torch.from_numpy(array.astype(array.dtype.newbyteorder("="), copy=True).reshape(entry["shape"]))
    return tensors, metadata


def load(path, use_package=True):
    """The module a `pathlab export` file holds, in eval mode; `.pathlab` is the file's metadata (experiment, arm, seed, ...)."""
    tensors, meta = read_safetensors(path, use_package)
    if "model" not in meta:
        raise ValueError(f"{path}: no pathlab metadata; was it written by `pathlab export`?")
    channels, height, width = (int(v) for v in meta["input"].split(","))
    widths = tuple(int(v) for v in meta["widths"].split(",")) if "widths" in meta else (16, 32, 64)
    net = build(meta["model"], channels, height, width, int(meta["classes"]), widths)
    net.load_state_dict(tensors, strict=True)
    net.pathlab = meta
    return net.eval()
