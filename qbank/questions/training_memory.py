"""Training memory: bytes per parameter for an optimizer and a precision, the training state of a model, and the
largest batch that fits on an accelerator (training/memory).

The answers come from qbank.core.training_memory; the cross-check adds the stored copies one by one
(ZeRO's table of who keeps what) in exact fractions and finds the batch by counting up.
"""
from __future__ import annotations

from fractions import Fraction

from qbank import Integer, Real, template
from qbank.core.positive import in_base_units
from qbank.core.training_memory import bytes_per_param, largest_batch, training_state_bytes

GB = 10**9
COPIES = {  # (precision, optimizer) -> bytes of each stored copy per parameter, listed one by one
    "fp32": {"weights": 4, "grads": 4}, "mixed": {"fp16 weights": 2, "fp16 grads": 2, "fp32 master": 4}}
STATE = {"sgd": [], "sgd-momentum": ["momentum"], "adam": ["m", "v"], "adamw": ["m", "v"]}
NAMES = {"sgd": "SGD without momentum", "sgd-momentum": "SGD with momentum", "adam": "Adam", "adamw": "AdamW"}


def _check(params, answers):
    per_param = sum(COPIES[params["precision"]].values()) + 4 * len(STATE[params["optimizer"]])
    assert answers["bytes_per_param"] == per_param
    state = Fraction(str(params["params_billions"])) * GB * per_param
    assert abs(Fraction(answers["state_gb"]) - state / GB) < Fraction(1, 10**9)
    free, per_example = params["memory_gb"] * GB - state, Fraction(str(params["activation_gb"])) * GB
    batch = 0
    while (batch + 1) * per_example <= free:
        batch += 1
    assert answers["max_batch"] == batch


def _not_exact(params, answers):
    """The free memory is not a whole number of examples: no question whether filling it exactly counts."""
    free = params["memory_gb"] - Fraction(str(answers["state_gb"]))
    return free / Fraction(str(params["activation_gb"])) != answers["max_batch"]


@template("training/memory", topic="training", points=5, title="Training memory and the largest batch that fits",
          question="tex/training/memory.tex.j2", solution="tex/training/memory-solution.tex.j2",
          answers={"bytes_per_param": Integer(points=2, label="bytes per parameter",
                                              prompt="The bytes of training state per parameter."),
                   "state_gb": Real(points=1, digits=2, label="training state in GB",
                                    prompt=r"The training state of the model in GB ($10^9$ bytes)."),
                   "max_batch": Integer(points=2, label="largest batch",
                                        prompt="The largest batch that fits.")},
          constraints={"the free memory is not a whole number of examples": _not_exact,
                       "at least two examples fit": lambda p, a: a["max_batch"] >= 2},
          crosscheck=_check)
def memory(rng):
    """A model size in billions, an optimizer, fp32 or mixed precision, activations per example, and an
    accelerator with room for at least two examples."""
    params_billions = float(rng.choice([0.125, 0.25, 0.35, 0.5, 0.75, 1.0, 1.3, 1.5, 2.0, 3.0]))
    optimizer = str(rng.choice(list(NAMES)))
    precision = str(rng.choice(["fp32", "mixed"]))
    activation_gb = float(rng.choice([0.3, 0.5, 0.75, 1.25, 1.5, 2.5]))
    breakdown = bytes_per_param(optimizer, precision)
    state = training_state_bytes(in_base_units("params_billions", params_billions, GB), optimizer, precision)
    per_example = in_base_units("activation_gb", activation_gb, GB)
    # Built backwards: an accelerator with room for at least two examples (3e9 parameters at 16 bytes fit 80 GB).
    memory_gb = int(rng.choice([m for m in (16, 24, 40, 48, 80) if m * GB - state >= 2 * per_example]))
    params = {"params_billions": params_billions, "optimizer": optimizer, "precision": precision,
              "memory_gb": memory_gb, "activation_gb": activation_gb}
    answers = {"bytes_per_param": breakdown["total"], "state_gb": state / GB,
               "max_batch": largest_batch(in_base_units("memory_gb", memory_gb, GB), state, per_example)}
    return params, answers, {"breakdown": breakdown, "optimizer_name": NAMES[optimizer]}
