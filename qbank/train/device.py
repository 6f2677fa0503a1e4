"""Where and how a model runs: the optional torch/matplotlib check, the device, bf16 autocast.

This module imports torch inside functions only: `require_train_extras` must work without it.
"""
from __future__ import annotations

import contextlib
import importlib

from qbank.errors import InputError

INSTALL_HINT = "pip install 'qbank[train]'"


def require_train_extras() -> None:
    """Raise InputError (one line) unless torch and matplotlib import."""
    for module in ("torch", "matplotlib"):
        try:
            importlib.import_module(module)
        except ImportError as exc:
            raise InputError(f"training needs {module}, which is not installed: {INSTALL_HINT}") from exc


def resolve_device(name: str):
    """torch.device for "cpu" or "cuda"; InputError when CUDA is asked for but absent."""
    import torch

    if name not in ("cpu", "cuda"):
        raise InputError(f"--device {name!r}: expected cpu or cuda")
    if name == "cuda" and not torch.cuda.is_available():
        raise InputError("--device cuda: no CUDA GPU is visible to torch "
                         "(torch.cuda.is_available() is False)")
    if name == "cuda":
        torch.backends.cudnn.benchmark = True  # fixed input shapes: let cuDNN pick the fastest kernels
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
    return torch.device(name)


def autocast(device, enabled: bool):
    """bf16 autocast on a GPU when enabled; fp32 otherwise (CPU bf16 is slower on most CPUs).

    bf16 keeps fp32's exponent range, so no loss scaling is needed (PyTorch AMP docs,
    "Automatic Mixed Precision package - torch.amp").
    """
    import torch

    if enabled and device.type == "cuda":
        return torch.autocast("cuda", dtype=torch.bfloat16)
    return contextlib.nullcontext()


def synchronize(device) -> None:
    """Wait for queued GPU work so that wall-clock timings are honest."""
    import torch

    if device.type == "cuda":
        torch.cuda.synchronize(device)


@contextlib.contextmanager
def cpu_threads(count):
    """Use `count` intra-op CPU threads inside the block (None: leave torch's choice), then restore.

    Small models gain little from more threads, and on a busy machine spinning OpenMP threads
    can make a step several times slower (measured: 5x on 2 shared cores), so smoke runs use 1.
    """
    import torch

    before = torch.get_num_threads()
    if count:
        torch.set_num_threads(count)
    try:
        yield
    finally:
        torch.set_num_threads(before)
