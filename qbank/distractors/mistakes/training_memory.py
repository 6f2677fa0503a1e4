"""Modelled mistakes for training memory (training/memory).

The key (qbank.core.training_memory): weights + gradients (+ the fp32 master copy in mixed precision) +
optimizer state, in bytes per parameter; the batch is floor(free memory / activations per example).
The slips: the gradients or the master copy forgotten, Adam's two moments counted as one, the optimizer
state kept in half precision, weights only; rounding the batch up, forgetting the training state.
"""
from __future__ import annotations

import math

from qbank.core.training_memory import bytes_per_param
from qbank.distractors.registry import mistake
from qbank.questions.training_memory import GB

ID = "training/memory"


def _parts(p):
    return bytes_per_param(p["optimizer"], p["precision"])


def _state_gb(p, per_param):
    return p["params_billions"] * per_param


def _batch(p, per_param):
    free = p["memory_gb"] - _state_gb(p, per_param)
    return math.floor(round(free / p["activation_gb"], 9)) if free > 0 else None


SLIPS = {  # label -> bytes per parameter with the slip
    "forgot the gradients": lambda b: b["total"] - b["grads"],
    "forgot the fp32 master copy of the weights": lambda b: b["total"] - b["master"] if b["master"] else None,
    "counted Adam's two moments as one buffer": lambda b: b["total"] - 4 if b["optimizer"] == 8 else None,
    "counted the weights only": lambda b: b["weights"],
}


def _register(label, slip):
    mistake(ID, label, part="bytes_per_param")(lambda p: slip(_parts(p)))
    mistake(ID, label, part="state_gb")(
        lambda p: None if slip(_parts(p)) is None else _state_gb(p, slip(_parts(p))))
    mistake(ID, label, part="max_batch")(
        lambda p: None if slip(_parts(p)) is None else _batch(p, slip(_parts(p))))


for _label, _slip in SLIPS.items():
    _register(_label, _slip)

mistake(ID, "divided by 2 to the 30 (GiB) instead of 10 to the 9", part="state_gb")(
    lambda p: _state_gb(p, _parts(p)["total"]) * GB / 2**30)
mistake(ID, "rounded the number of examples up", part="max_batch")(
    lambda p: math.ceil((p["memory_gb"] - _state_gb(p, _parts(p)["total"])) / p["activation_gb"]))
mistake(ID, "forgot the training state", part="max_batch")(lambda p: math.floor(p["memory_gb"] / p["activation_gb"]))
