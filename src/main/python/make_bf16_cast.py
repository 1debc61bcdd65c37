#!/usr/bin/python3
"""Writes src/main/resources/org/pathlab/train/bf16-cast.pt, the one TorchScript module pathlab
ships: the casts that mixed-precision training needs (train.Bf16Casts), bfloat16 to float32 and
anything else to bfloat16. DJL 0.33's PyTorch bindings cannot make a bfloat16 tensor themselves
(their dtype table stops at complex64, and an unknown dtype aborts the process), and their own
casts run without autograd; a module's output can be of any dtype, and autograd records the cast
when the module runs in training mode, so gradients flow through both casts and reach the fp32
weights as fp32.

    /usr/bin/python3 src/main/python/make_bf16_cast.py   # Debian's python3-torch (1.13)

The module's code (its archive's code/ folder) is the four lines below; TorchScriptCode checks it
like any researcher's module before it is loaded (train.MixedPrecisionTest).
"""
import os
import torch


class Bf16Cast(torch.nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.dtype == torch.bfloat16:
            return x.to(torch.float32)
        return x.to(torch.bfloat16)


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "..", "resources", "org", "pathlab", "train", "bf16-cast.pt")
    torch.jit.script(Bf16Cast()).save(os.path.normpath(out))
    print(os.path.normpath(out))
