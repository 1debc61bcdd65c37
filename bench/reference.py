#!/usr/bin/python3
"""PyTorch reference for pathlab's benchmarks: the same models, data and training as
`ops/pathlab bench ...`, done in plain PyTorch. Every subcommand prints ONE JSON line on stdout
(diagnostics go to stderr).

    bench/reference.py init-stats  --model small-cnn|resnet-18 --channels C --size S --seed N
    bench/reference.py throughput  --model M --steps N --batch B --warmup W --threads T --seed S
    bench/reference.py correctness --indices FILE --epochs E --seed S --batch B --lr LR
    bench/reference.py experiment  --spec FILE [--seeds 1,2,...] [--arms NAME,...]
                                   (one JSON line per run, then one summary line)
    bench/reference.py exported    --spec FILE --weights FILE.safetensors [--own-reader]
                                   (the test loss of a `pathlab export` file, loaded by python/pathlab_models.py)
    bench/reference.py same-start  --spec FILE --weights FILE --orders FILE
                                   (trained from a pathlab run's own start: `ops/pathlab bench run-start`)
    bench/reference.py bn-check    --spec FILE [--weights FILE,...] [--seeds 1,2,...]
                                   (batch-norm running statistics against the training split's)
    bench/reference.py blas-info   [--threads T]     (which BLAS torch runs on, and how fast)

Runtime: Debian's PyTorch, run with the system interpreter /usr/bin/python3 (not pyenv's):

    apt-get install -y python3-torch        # torch 1.13.1+dfsg-4 (reports itself as 1.13.0a0)

BLAS: Debian's libtorch_cpu.so.1.13 is built with BLAS_INFO=generic and linked against the
generic interfaces libblas.so.3 / liblapack.so.3 (and libopenblas.so.0); which library answers is
chosen by Debian's alternatives (libblas.so.3-x86_64-linux-gnu, liblapack.so.3-x86_64-linux-gnu,
libopenblas.so.0-x86_64-linux-gnu). What was found and done on this machine:
  - when python3-torch was installed, libopenblas0-openmp (OpenBLAS 0.3.21, OpenMP build) was
    already there, so it satisfied torch's BLAS dependency, apt did not pull in the reference BLAS
    (libblas3), and all alternatives pointed at /usr/lib/x86_64-linux-gnu/openblas-openmp/;
  - minutes later another install (python3-scipy -> libopenblas-dev -> libopenblas0-pthread,
    alternatives priority 100 > 95) silently switched them, system-wide, to the pthreads build.
So this script no longer trusts the alternatives: it re-executes itself once with
LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp, whose libblas.so.3, liblapack.so.3
and libopenblas.so.0 the dynamic loader then finds before /etc/ld.so.cache's. No system setting is
changed and no LD_PRELOAD is used. PATHLAB_BENCH_BLAS_DIR=DIR picks another directory; "" keeps
whatever the alternatives select. (If the reference BLAS libblas3 is ever installed, the same pin
keeps it out.)
`blas-info` verifies it at run time: it lists the BLAS/LAPACK libraries mapped into this process
(/proc/self/maps), calls OpenBLAS's own openblas_get_config(), openblas_get_num_threads() and
openblas_get_parallel() through the libblas.so.3 torch loaded, and times a 1024x1024 float32
matmul (OpenBLAS: ~185 GFLOP/s with 2 threads, ~92 with 1 on this AVX-512 machine; the netlib
reference BLAS typically a few; not measured here).

Threads: --threads T (default 2) sets OMP_NUM_THREADS and OPENBLAS_NUM_THREADS before torch is
imported (the OpenMP build of OpenBLAS shares torch's libgomp pool) and calls
torch.set_num_threads(T). Convolutions run on oneDNN (MKL-DNN 2.6.3, which Debian's torch is
built with), linear layers and matmul on OpenBLAS.
"""
import argparse
import copy
import gzip
import json
import math
import os
import sys
import time


def parse_args(argv):
    p = argparse.ArgumentParser(prog="reference.py", description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("init-stats", help="per-layer statistics of PyTorch's default initialization")
    s.add_argument("--model", required=True, choices=["small-cnn", "resnet-18"])
    s.add_argument("--channels", type=int, required=True)
    s.add_argument("--size", type=int, required=True)
    s.add_argument("--seed", type=int, required=True)
    s.add_argument("--classes", type=int, default=10)
    s.add_argument("--threads", type=int, default=2)

    s = sub.add_parser("throughput", help="training images per second on synthetic data")
    s.add_argument("--model", required=True, choices=["small-cnn", "resnet-18"])
    s.add_argument("--steps", type=int, required=True)
    s.add_argument("--batch", type=int, required=True)
    s.add_argument("--warmup", type=int, default=5)
    s.add_argument("--threads", type=int, default=2)
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--precision", default="fp32", choices=["fp32", "bf16"],
                   help="bf16: torch.autocast('cpu', dtype=torch.bfloat16) around the forward pass")
    s.add_argument("--device", default="cpu", help="cpu, or cuda / cuda:N (the GPU device check)")
    s.add_argument("--layout", default="nchw", choices=["nchw", "channels-last"],
                   help="memory layout of the input batch and the convolution weights")

    s = sub.add_parser("correctness", help="train the small CNN on Fashion-MNIST indices, report test loss")
    s.add_argument("--indices", required=True, help="JSON {train:[..], test:[..], mean:[m], std:[s]}")
    s.add_argument("--epochs", type=int, required=True)
    s.add_argument("--seed", type=int, required=True)
    s.add_argument("--batch", type=int, default=64)
    s.add_argument("--lr", type=float, default=0.01)
    s.add_argument("--momentum", type=float, default=0.9)
    s.add_argument("--weight-decay", type=float, default=1e-3)
    s.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    s.add_argument("--threads", type=int, default=2)

    s = sub.add_parser("experiment", help="run a scenario's arms and seeds as pathlab does, one run after another")
    s.add_argument("--spec", required=True, help="JSON written by `ops/pathlab bench experiment-spec`")
    s.add_argument("--seeds", default="", help="comma-separated seeds (default: each arm's seeds in the spec)")
    s.add_argument("--arms", default="", help="comma-separated arm names (default: all)")
    s.add_argument("--precision", default="fp32", choices=["fp32", "bf16"],
                   help="bf16: every forward pass under torch.autocast('cpu', dtype=torch.bfloat16)")
    s.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    s.add_argument("--threads", type=int, default=2)

    s = sub.add_parser("bn-check", help="batch-norm running statistics against the population's, for "
                       "`pathlab export` files and for PyTorch's own runs of the spec's first task")
    s.add_argument("--spec", required=True, help="a spec written by `ops/pathlab bench experiment-spec`")
    s.add_argument("--weights", default="", help="comma-separated `pathlab export` files")
    s.add_argument("--seeds", default="", help="comma-separated seeds PyTorch trains itself (the spec's first arm, first task)")
    s.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    s.add_argument("--threads", type=int, default=2)

    s = sub.add_parser("same-start", help="train from a run's own start (`ops/pathlab bench run-start`): its initial "
                       "weights and data orders; per-epoch training and validation loss")
    s.add_argument("--spec", required=True, help="a spec written by `ops/pathlab bench experiment-spec`")
    s.add_argument("--weights", required=True, help="the initial weights written by `ops/pathlab bench run-start`")
    s.add_argument("--orders", required=True, help="the data orders written by `ops/pathlab bench run-start`")
    s.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    s.add_argument("--threads", type=int, default=2)

    s = sub.add_parser("blas-info", help="which BLAS torch uses, with a matmul timing")
    s.add_argument("--threads", type=int, default=2)
    s.add_argument("--n", type=int, default=1024)
    s = sub.add_parser("exported", help="test loss and accuracy of a `pathlab export` file on the spec's test images")
    s.add_argument("--spec", required=True, help="JSON written by `ops/pathlab bench experiment-spec`")
    s.add_argument("--weights", required=True, help="a safetensors file written by `pathlab export`")
    s.add_argument("--own-reader", action="store_true", help="read the file with pathlab_models' own reader, "
                   "even where the safetensors package is installed")
    s.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    s.add_argument("--threads", type=int, default=2)

    return p.parse_args(argv)


ARGS = parse_args(sys.argv[1:])

# Pin the OpenMP build of OpenBLAS, whatever Debian's alternatives currently select: installing
# e.g. python3-scipy pulls in libopenblas0-pthread (alternatives priority 100 > openmp's 95),
# which silently switches libblas.so.3 for every program. The pthreads build runs its own thread
# pool next to torch's OpenMP pool; the OpenMP build shares it. LD_LIBRARY_PATH is read only when
# a process starts, so re-execute once with it set. PATHLAB_BENCH_BLAS_DIR overrides the
# directory; set it to "" to use whatever the alternatives select.
BLAS_DIR = os.environ.get("PATHLAB_BENCH_BLAS_DIR", "/usr/lib/x86_64-linux-gnu/openblas-openmp")
if BLAS_DIR and os.environ.get("_PATHLAB_BENCH_BLAS_PINNED") != BLAS_DIR:
    if not os.path.isfile(os.path.join(BLAS_DIR, "libblas.so.3")):
        raise SystemExit(f"{BLAS_DIR}/libblas.so.3 not found: apt-get install libopenblas0-openmp, "
                         "or set PATHLAB_BENCH_BLAS_DIR")
    env = dict(os.environ, _PATHLAB_BENCH_BLAS_PINNED=BLAS_DIR,
               LD_LIBRARY_PATH=":".join(x for x in (BLAS_DIR, os.environ.get("LD_LIBRARY_PATH")) if x))
    python = "/usr/bin/python3" if os.path.isfile("/usr/bin/python3") else sys.executable  # Debian's torch
    os.execve(python, [python, os.path.abspath(sys.argv[0])] + sys.argv[1:], env)
# Must happen before torch (and with it libgomp and OpenBLAS) is loaded.
os.environ["OMP_NUM_THREADS"] = str(ARGS.threads)
os.environ["OPENBLAS_NUM_THREADS"] = str(ARGS.threads)

import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

torch.set_num_threads(ARGS.threads)

INPUTS = {"small-cnn": (1, 28), "resnet-18": (3, 32)}


# ---------------------------------------------------------------- models (default init only)

# The modules live in python/pathlab_models.py, which `pathlab export` files are loaded with: the
# reference trains exactly the modules researchers get.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "python"))
from pathlab_models import BasicBlock, ResNet18, SmallCNN, small_cnn  # noqa: E402,F401
import pathlab_models  # noqa: E402


def build(model, channels, size, classes=10):
    if model == "small-cnn":
        return small_cnn(channels, size, classes)
    if model == "resnet-18":
        return ResNet18(channels, classes)
    raise SystemExit(f"unknown model {model}")


def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


# ---------------------------------------------------------------- init-stats

def kind_of(module, param_name):
    if isinstance(module, nn.modules.batchnorm._BatchNorm):
        return {"weight": "gamma", "bias": "beta"}[param_name]
    return param_name  # "weight" | "bias"


def init_stats(a):
    torch.manual_seed(a.seed)
    net = build(a.model, a.channels, a.size, a.classes)
    layers, total = [], 0
    for mname, module in net.named_modules():  # module order = registration order
        for pname, p in module.named_parameters(recurse=False):
            if not p.requires_grad:
                continue
            v = p.detach().double().flatten()
            n = v.numel()
            total += n
            layers.append({
                "name": f"{mname}.{pname}" if mname else pname,
                "kind": kind_of(module, pname),
                "shape": list(p.shape),
                "count": n,
                "mean": v.mean().item(),
                "std": v.std(unbiased=False).item(),  # population sd; n>=10 everywhere here
                "min": v.min().item(),
                "max": v.max().item(),
            })
    emit({"framework": "pytorch", "model": a.model, "parameters": total, "layers": layers})


# ---------------------------------------------------------------- throughput

def sgd(net, lr, momentum=0.9, weight_decay=1e-3):
    return torch.optim.SGD(net.parameters(), lr=lr, momentum=momentum, dampening=0,
                           weight_decay=weight_decay, nesterov=False)


def throughput(a):
    channels, size = INPUTS[a.model]
    torch.manual_seed(a.seed)
    net = build(a.model, channels, size)
    net.train()
    g = torch.Generator().manual_seed(a.seed)
    x = torch.rand(a.batch, channels, size, size, generator=g)
    y = torch.randint(0, 10, (a.batch,), generator=g)
    if a.layout == "channels-last":
        # NHWC bytes under NCHW indexing, built as pathlab's Models.trainingLayout builds it. Not
        # x.contiguous(memory_format=torch.channels_last): with one channel NCHW and NHWC
        # contiguity coincide, so that returns x with its NCHW strides, which kernels read as NCHW.
        n, c, h, w = x.shape
        x = x.permute(0, 2, 3, 1).reshape(n, h * w * c).reshape(n, h, w, c).permute(0, 3, 1, 2)
        assert x.stride() == (h * w * c, 1, w * c, c), x.stride()
        # and the convolution weights channels-last too, as pathlab's MemoryLayout allocates them
        net = net.to(memory_format=torch.channels_last)
    device = torch.device(a.device)
    net, x, y = net.to(device), x.to(device), y.to(device)
    opt = sgd(net, 0.01)
    loss_fn = nn.CrossEntropyLoss()

    def step():
        opt.zero_grad(set_to_none=True)
        if a.precision == "bf16":
            # PyTorch's mixed precision on a CPU: convolutions and linear layers in bfloat16 under
            # autocast, the loss outside it in fp32, fp32 weights updated by SGD (no scaler: bf16
            # has fp32's exponent range)
            with torch.autocast(device.type, dtype=torch.bfloat16):
                out = net(x)
            loss = loss_fn(out.float(), y)
        else:
            loss = loss_fn(net(x), y)
        loss.backward()
        opt.step()
        return loss

    def sync():
        if device.type == "cuda":
            torch.cuda.synchronize(device)

    for _ in range(a.warmup):
        step()
    sync()
    t0 = time.perf_counter()
    for _ in range(a.steps):
        loss = step()
    sync()
    loss.item()  # eager CPU ops are synchronous; on a GPU, sync() waited for the queue
    seconds = time.perf_counter() - t0
    if not math.isfinite(loss.item()):
        print(f"warning: final loss {loss.item()}", file=sys.stderr)
    emit({"framework": "pytorch", "torch": torch.__version__, "device": a.device, "precision": a.precision, "model": a.model,
          "layout": a.layout, "batch": a.batch, "steps": a.steps,
          "threads": a.threads, "seconds": seconds,
          "images_per_second": a.batch * a.steps / seconds})


# ---------------------------------------------------------------- correctness

def read_idx(path):
    """IDX (LeCun) file, gzipped: magic 0x0000 <type 0x08=ubyte> <ndim>, big-endian dims, data."""
    with gzip.open(path, "rb") as f:
        raw = f.read()
    if raw[0] != 0 or raw[1] != 0 or raw[2] != 0x08:
        raise SystemExit(f"{path}: not an unsigned-byte IDX file")
    ndim = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    data = np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim)
    if data.size != int(np.prod(dims)):
        raise SystemExit(f"{path}: {data.size} bytes of data for dims {dims}")
    return data.reshape(dims)


def fashion_split(root, split, indices, mean, std):
    prefix = "train" if split == "train" else "t10k"
    images = read_idx(os.path.join(root, f"{prefix}-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(root, f"{prefix}-labels-idx1-ubyte.gz"))
    idx = np.asarray(indices, dtype=np.int64)
    if idx.size and (idx.min() < 0 or idx.max() >= len(images)):
        raise SystemExit(f"{split} index out of range 0..{len(images) - 1}")
    x = torch.from_numpy(images[idx].astype(np.float32) / 255.0).unsqueeze(1)  # (n,1,28,28)
    m = torch.tensor(mean, dtype=torch.float32).view(1, -1, 1, 1)
    s = torch.tensor(std, dtype=torch.float32).view(1, -1, 1, 1)
    return (x - m) / s, torch.from_numpy(labels[idx].astype(np.int64))


def correctness(a):
    with open(a.indices) as f:
        spec = json.load(f)
    xtr, ytr = fashion_split(a.data, "train", spec["train"], spec["mean"], spec["std"])
    xte, yte = fashion_split(a.data, "test", spec["test"], spec["mean"], spec["std"])
    torch.manual_seed(a.seed)
    net = small_cnn(1, 28, 10)
    opt = sgd(net, a.lr, a.momentum, a.weight_decay)
    loss_fn = nn.CrossEntropyLoss()
    g = torch.Generator().manual_seed(a.seed)
    n = len(ytr)
    for _ in range(a.epochs):
        net.train()
        order = torch.randperm(n, generator=g)
        for start in range(0, n, a.batch):  # the last, partial batch is kept (as pathlab does)
            b = order[start:start + a.batch]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(net(xtr[b]), ytr[b])
            loss.backward()
            opt.step()
    net.eval()
    loss_sum, correct = 0.0, 0
    with torch.no_grad():
        for start in range(0, len(yte), 1000):
            out = net(xte[start:start + 1000])
            yb = yte[start:start + 1000]
            loss_sum += nn.functional.cross_entropy(out, yb, reduction="sum").item()
            correct += (out.argmax(1) == yb).sum().item()
    emit({"framework": "pytorch", "seed": a.seed, "epochs": a.epochs,
          "test_loss": loss_sum / len(yte), "test_accuracy": correct / len(yte)})


# ---------------------------------------------------------------- experiment

def blurred_size(size, level):
    """pathlab's Blur.blurredSize: max(1, round(size·(1 − 0.75·level))), Java's round (half up)."""
    return max(1, math.floor(size * (1 - 0.75 * level) + 0.5))


def blur(x, level, flt):
    """Shrink with the filter, stretch back bilinearly (align_corners=False), as pathlab's Blur."""
    h, w = x.shape[-2:]
    small = (blurred_size(h, level), blurred_size(w, level))
    if small == (h, w):
        return x
    f = nn.functional
    if flt == "area":
        down = f.interpolate(x, size=small, mode="area")
    elif flt == "bilinear":
        down = f.interpolate(x, size=small, mode="bilinear", align_corners=False)
    elif flt == "antialias":
        down = f.interpolate(x, size=small, mode="bilinear", align_corners=False, antialias=True)
    else:
        raise SystemExit(f"unknown blur filter {flt}")
    return f.interpolate(down, size=(h, w), mode="bilinear", align_corners=False)


def contrast(x, level):
    """pathlab's Contrast: each image blended toward its own mean gray, factor 1 − 0.9·level."""
    c = 1 - 0.9 * level
    if c == 1:
        return x
    m = x.mean(dim=(1, 2, 3), keepdim=True)
    return m + c * (x - m)


def transformed(x, levels, spec):
    """A task's inputs in pixel units: pathlab applies blur, then contrast (Transforms.apply)."""
    for name in levels:
        if name not in ("blur", "contrast"):
            raise SystemExit(f"the reference runs blur and contrast only; arm task has {name} "
                             "(random transforms would need pathlab's random streams)")
    if levels.get("blur", 0) > 0:
        x = blur(x, levels["blur"], spec["blur_filter"])
    if levels.get("contrast", 0) > 0:
        x = contrast(x, levels["contrast"])
    return x


# bench/run experiment --precision bf16: the experiment's forward passes under autocast
PRECISION = {"bf16": False}


def forward(net, x):
    """net(x), under torch.autocast to bfloat16 where the experiment asks for it (logits back in fp32)."""
    if PRECISION["bf16"]:
        with torch.autocast("cpu", dtype=torch.bfloat16):
            out = net(x)
        return out.float()
    return net(x)


def evaluate(net, x, y, batch=500):
    """Mean loss and accuracy, in batches of 500 as pathlab's evaluation."""
    net.eval()
    loss_sum, correct = 0.0, 0
    with torch.no_grad():
        for start in range(0, len(y), batch):
            out = forward(net, x[start:start + batch])
            yb = y[start:start + batch]
            loss_sum += nn.functional.cross_entropy(out, yb).item() * len(yb)
            correct += (out.argmax(1) == yb).sum().item()
    return loss_sum / len(y), correct / len(y)


def train_task(net, step, xtr, ytr, xva, yva, gen, curve=None):
    """One task as pathlab's TaskTrainer: a fresh SGD (no momentum carried over), the shuffled
    training split with the last partial batch kept, validation after every epoch, stop when it
    has not improved (strictly) for `patience` epochs or at max_epochs, then the best epoch's
    parameters restored. Returns (epochs run, best epoch); appends [training loss, validation loss]
    of every epoch to `curve` when given."""
    if step["bias_reset"] is not None:
        with torch.no_grad():
            for name, p in net.named_parameters():
                if name.endswith("bias"):
                    p.add_(step["bias_reset"])
    opt = sgd(net, step["learning_rate"], step["momentum"], step["weight_decay"])
    loss_fn = nn.CrossEntropyLoss()
    best_loss, best_epoch, since, best_state = math.inf, 0, 0, copy.deepcopy(net.state_dict())
    n, batch = len(ytr), step["batch_size"]
    epoch = 0
    for epoch in range(1, step["max_epochs"] + 1):
        net.train()
        order = torch.randperm(n, generator=gen)
        train_sum = 0.0
        for start in range(0, n, batch):
            b = order[start:start + batch]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(forward(net, xtr[b]), ytr[b])
            loss.backward()
            opt.step()
            train_sum += loss.item() * len(b)  # pathlab's epoch training loss: the batches' losses, weighted by size
        val, _ = evaluate(net, xva, yva)
        if curve is not None:
            curve.append([train_sum / n, val])
        if not math.isfinite(val):
            raise SystemExit(f"validation loss became {val} in epoch {epoch}")
        if val < best_loss:
            best_loss, best_epoch, since, best_state = val, epoch, 0, copy.deepcopy(net.state_dict())
        else:
            since += 1
            if since >= step["patience"]:
                break
    net.load_state_dict(best_state)
    return epoch, best_epoch


def spec_data(spec, data):
    """The spec's train/validation/test images and labels as pathlab reads them, and inputs(split, levels):
    a split's images transformed to the levels and normalized."""
    channels, height, width = spec.get("shape", [1, 28, 28])
    if channels not in (1, 3) or height < 28 or width < 28:
        raise SystemExit(f"the reference reads Fashion-MNIST as 1x28x28, or repeated over 3 channels and padded; not {spec['shape']}")
    images, files = {}, {}
    for split, official in (("train", "train"), ("validation", "train"), ("test", "test")):
        prefix = "train" if official == "train" else "t10k"
        raw = files.setdefault(official, (read_idx(os.path.join(data, f"{prefix}-images-idx3-ubyte.gz")),
                                           read_idx(os.path.join(data, f"{prefix}-labels-idx1-ubyte.gz"))))
        idx = np.asarray(spec[split], dtype=np.int64)
        x = torch.from_numpy(raw[0][idx].astype(np.float32) / 255.0).unsqueeze(1)
        # pathlab's RawImages.reshaped: zeros around, centred (the odd pixel at the bottom and right), channels repeated
        top, left = (height - 28) // 2, (width - 28) // 2
        x = nn.functional.pad(x, (left, width - 28 - left, top, height - 28 - top)).repeat(1, channels, 1, 1)
        images[split] = (x, torch.from_numpy(raw[1][idx].astype(np.int64)))
    mean = torch.tensor(spec["mean"], dtype=torch.float32).view(1, -1, 1, 1)
    std = torch.tensor(spec["std"], dtype=torch.float32).view(1, -1, 1, 1)

    def inputs(split, levels):
        return (transformed(images[split][0], levels, spec) - mean) / std

    return images, inputs


def experiment(a):
    PRECISION["bf16"] = a.precision == "bf16"
    with open(a.spec) as f:
        spec = json.load(f)
    if spec["model"] not in ("small-cnn", "resnet-18"):
        raise SystemExit(f"the reference's experiment runs the small CNN or ResNet-18, not {spec['model']}")
    channels, height, width = spec.get("shape", [1, 28, 28])
    images, inputs = spec_data(spec, a.data)
    xte, yte = inputs("test", {}), images["test"][1]
    wanted_seeds = {int(s) for s in a.seeds.split(",") if s}
    wanted_arms = {s for s in a.arms.split(",") if s}
    started, runs = time.perf_counter(), 0
    for arm in spec["arms"]:
        if wanted_arms and arm["name"] not in wanted_arms:
            continue
        for seed in arm["seeds"]:
            if wanted_seeds and seed not in wanted_seeds:
                continue
            t0 = time.perf_counter()
            torch.manual_seed(seed)
            net = (ResNet18(channels, 10) if spec["model"] == "resnet-18"
                   else small_cnn(channels, height, 10, tuple(spec["widths"])))
            gen = torch.Generator().manual_seed(seed)
            epochs, best, curves = 0, [], []
            for step in arm["steps"]:
                curves.append([])
                ran, b = train_task(net, step, inputs("train", step["levels"]), images["train"][1],
                                    inputs("validation", step["levels"]), images["validation"][1], gen, curves[-1])
                epochs += ran
                best.append(b)
            loss, acc = evaluate(net, xte, yte)
            runs += 1
            emit({"framework": "pytorch", "arm": arm["name"], "seed": seed, "test_loss": loss, "test_accuracy": acc,
                  "epochs": epochs, "best_epochs": best, "curves": curves, "seconds": time.perf_counter() - t0})
    emit({"framework": "pytorch", "summary": True, "runs": runs, "seconds": time.perf_counter() - started,
          "threads": a.threads})


# ---------------------------------------------------------------- blas-info

def blas_info(a):
    import ctypes
    c = torch.randn(a.n, a.n) @ torch.randn(a.n, a.n)  # make sure BLAS is loaded and initialised
    with open("/proc/self/maps") as f:
        libs = sorted({line.split()[-1] for line in f
                       if any(k in line for k in ("blas", "lapack", "mkl", "dnnl", "gomp"))
                       and "/" in line})
    info = {"torch": torch.__version__, "threads": torch.get_num_threads(), "pinned_blas_dir": BLAS_DIR or None,
            "pinned_blas_in_use": bool(BLAS_DIR) and any(l.startswith(BLAS_DIR + "/") and "blas" in l for l in libs),
            "mapped_libraries": libs, "mkldnn": torch.backends.mkldnn.is_available()}
    blas_info_line = [l.strip() for l in torch.__config__.show().splitlines() if "BLAS_INFO" in l]
    info["build_blas_info"] = ("BLAS_INFO=generic" if blas_info_line and "BLAS_INFO=generic" in blas_info_line[0]
                               else blas_info_line)
    try:
        lib = ctypes.CDLL("libblas.so.3")  # the very library torch resolved sgemm_ from
        lib.openblas_get_config.restype = ctypes.c_char_p
        info["libblas_so_3_is_openblas"] = True
        info["openblas_config"] = lib.openblas_get_config().decode()
        info["openblas_threads"] = lib.openblas_get_num_threads()
        info["openblas_parallel"] = {0: "serial", 1: "pthreads", 2: "openmp"}.get(lib.openblas_get_parallel())
    except (OSError, AttributeError):
        info["libblas_so_3_is_openblas"] = False
    x, y = torch.randn(a.n, a.n), torch.randn(a.n, a.n)
    for _ in range(3):
        torch.mm(x, y)
    reps, t0 = 10, time.perf_counter()
    for _ in range(reps):
        torch.mm(x, y)
    dt = (time.perf_counter() - t0) / reps
    info["matmul"] = {"n": a.n, "seconds": dt, "gflops": 2 * a.n ** 3 / dt / 1e9}
    del c
    emit(info)


def exported(a):
    with open(a.spec) as f:
        spec = json.load(f)
    net = pathlab_models.load(a.weights, use_package=not a.own_reader)
    images, inputs = spec_data(spec, a.data)
    loss, acc = evaluate(net, inputs("test", {}), images["test"][1])
    emit({"framework": "pytorch", "test_loss": loss, "test_accuracy": acc, "metadata": net.pathlab})


def population_stats(net, x, batch):
    """A copy of net whose batch-norm running statistics are the training split's: every layer's
    batch mean and (unbiased) variance averaged over the split in batches, from net's weights."""
    pop = copy.deepcopy(net)
    for m in pop.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.reset_running_stats()
            m.momentum = None  # a cumulative average
    pop.train()
    with torch.no_grad():
        for start in range(0, len(x), batch):
            pop(x[start:start + batch])
    return pop


def same_start(a):
    """The spec's first arm's first task trained from pathlab's initial weights in pathlab's data
    orders, one epoch per order given, without early stopping: what pathlab's run of that seed
    would record if only the arithmetic of the steps differed."""
    with open(a.spec) as f:
        spec = json.load(f)
    with open(a.orders) as f:
        orders = json.load(f)
    images, inputs = spec_data(spec, a.data)
    step = spec["arms"][0]["steps"][0]
    xtr, ytr = inputs("train", step["levels"]), images["train"][1]
    xva, yva = inputs("validation", step["levels"]), images["validation"][1]
    if len(ytr) != orders["train_size"]:
        raise SystemExit(f"the orders are for {orders['train_size']} training images; the spec has {len(ytr)}")
    net = pathlab_models.load(a.weights, use_package=False)
    opt = sgd(net, step["learning_rate"], step["momentum"], step["weight_decay"])
    loss_fn, batch, curve = nn.CrossEntropyLoss(), step["batch_size"], []
    t0 = time.perf_counter()
    for order in orders["orders"]:
        net.train()
        order = torch.tensor(order, dtype=torch.int64)
        train_sum = 0.0
        for start in range(0, len(order), batch):
            b = order[start:start + batch]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(forward(net, xtr[b]), ytr[b])
            loss.backward()
            opt.step()
            train_sum += loss.item() * len(b)
        curve.append([train_sum / len(order), evaluate(net, xva, yva)[0]])
    emit({"framework": "pytorch", "seed": orders["seed"], "same_start": True, "curve": curve, "seconds": time.perf_counter() - t0})


def bn_check(a):
    """For each network: the validation loss with its own running statistics and with the
    population's (the same weights), and per batch-norm layer how far the running statistics lie
    from the population's (mean shift in population sds; log of the variance ratio)."""
    with open(a.spec) as f:
        spec = json.load(f)
    images, inputs = spec_data(spec, a.data)
    arm = spec["arms"][0]
    step = arm["steps"][0]
    xtr, ytr = inputs("train", step["levels"]), images["train"][1]
    xva, yva = inputs("validation", step["levels"]), images["validation"][1]
    nets = []
    for path in [w for w in a.weights.split(",") if w]:
        net = pathlab_models.load(path, use_package=False)
        nets.append(("pathlab", net.pathlab.get("seed"), net))
    for seed in [int(s) for s in a.seeds.split(",") if s]:
        torch.manual_seed(seed)
        net = ResNet18(spec.get("shape", [3, 32, 32])[0], 10)
        gen = torch.Generator().manual_seed(seed)
        train_task(net, step, xtr, ytr, xva, yva, gen)
        nets.append(("pytorch", seed, net))
    for framework, seed, net in nets:
        own, _ = evaluate(net, xva, yva)
        pop = population_stats(net, xtr, step["batch_size"])
        recalibrated, _ = evaluate(pop, xva, yva)
        layers = []
        for (name, m), (_, p) in zip(net.named_modules(), pop.named_modules()):
            if isinstance(m, nn.BatchNorm2d):
                sd = p.running_var.sqrt()
                shift = (m.running_mean - p.running_mean).abs() / sd
                layers.append({"layer": name, "mean_shift": shift.mean().item(), "max_shift": shift.max().item(),
                               "log_var_ratio": (m.running_var / p.running_var).log().mean().item(),
                               "gamma_norm": m.weight.norm().item(), "beta_norm": m.bias.norm().item()})
        norms = {name: p.norm().item() for name, p in net.named_parameters()}
        emit({"framework": framework, "seed": seed, "validation_loss": own, "validation_loss_population_stats": recalibrated,
              "layers": layers, "parameter_norms": norms})


if __name__ == "__main__":
    {"init-stats": init_stats, "throughput": throughput, "correctness": correctness,
     "experiment": experiment, "exported": exported, "blas-info": blas_info, "bn-check": bn_check,
     "same-start": same_start}[ARGS.command](ARGS)
