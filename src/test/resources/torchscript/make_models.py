"""Writes the TorchScript modules pathlab's tests train and refuse (run with Debian's python3-torch).

    /usr/bin/python3 src/test/resources/torchscript/make_models.py src/test/resources/torchscript

The .pt files are committed, so the tests run without Python (torch.jit.save's archives differ in
their bytes from one run to the next, so a new run gives new files with the same modules).
Weights are whatever the seed gives: pathlab re-initializes them (init = pytorch-default) or, with
init = file, starts every seed from them.
"""
import sys

import torch
from torch import nn


class SmallCnn(nn.Module):
    """pathlab's built-in small CNN (ModelKind.SMALL_CNN) at its default widths, layer for layer."""

    def __init__(self, channels=1, size=28, classes=10, c1=16, c2=32, hidden=64):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, c1, 3, padding=1)
        self.conv2 = nn.Conv2d(c1, c2, 3, padding=1)
        self.fc1 = nn.Linear(c2 * (size // 4) * (size // 4), hidden)
        self.fc2 = nn.Linear(hidden, classes)

    def forward(self, x):
        x = torch.max_pool2d(torch.relu(self.conv1(x)), 2)
        x = torch.max_pool2d(torch.relu(self.conv2(x)), 2)
        x = torch.flatten(x, 1)
        return self.fc2(torch.relu(self.fc1(x)))


class BatchNormCnn(nn.Module):
    """A small CNN with batch norm: its running statistics are buffers a checkpoint must keep."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(8)
        self.conv2 = nn.Conv2d(8, 16, 3, padding=1)
        self.bn2 = nn.BatchNorm2d(16)
        self.fc = nn.Linear(16 * 7 * 7, 10)

    def forward(self, x):
        x = torch.max_pool2d(torch.relu(self.bn1(self.conv1(x))), 2)
        x = torch.max_pool2d(torch.relu(self.bn2(self.conv2(x))), 2)
        return self.fc(torch.flatten(x, 1))


class ViewCnn(SmallCnn):
    """The small CNN flattening with view, which a channels-last batch cannot take: pathlab trains it NCHW."""

    def forward(self, x):
        x = torch.max_pool2d(torch.relu(self.conv1(x)), 2)
        x = torch.max_pool2d(torch.relu(self.conv2(x)), 2)
        x = x.view(x.size(0), -1)
        return self.fc2(torch.relu(self.fc1(x)))


class NoParameters(nn.Module):
    """Scores from fixed pixel sums: nothing to train."""

    def forward(self, x):
        return torch.flatten(x, 1)[:, :10] * 2.0


class WithEmbedding(nn.Module):
    """A free-standing parameter, for which PyTorch's default rule is unknown."""

    def __init__(self):
        super().__init__()
        self.scale = nn.Parameter(torch.ones(1, 10))
        self.fc = nn.Linear(28 * 28, 10)

    def forward(self, x):
        return self.fc(torch.flatten(x, 1)) * self.scale


def main(out):
    torch.manual_seed(0)
    torch.jit.script(SmallCnn()).save(f"{out}/small_cnn.pt")
    torch.jit.script(BatchNormCnn()).save(f"{out}/batchnorm_cnn.pt")
    torch.jit.script(SmallCnn(classes=5)).save(f"{out}/five_classes.pt")
    torch.jit.script(SmallCnn(channels=3, size=32)).save(f"{out}/rgb_32.pt")
    torch.jit.script(NoParameters()).save(f"{out}/no_parameters.pt")
    torch.jit.script(ViewCnn()).save(f"{out}/view_cnn.pt")
    torch.jit.script(WithEmbedding()).save(f"{out}/free_parameter.pt")
    # a state dict, not a module: what torch.save writes, which pathlab cannot train
    torch.save(SmallCnn().state_dict(), f"{out}/state_dict.pt")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
