"""Activation-memory template: the values a small CNN keeps for the backward pass on one batch, and their size.

Shapes come from qbank.core.conv_chain (3x3 'same' convolutions and 2x2 pooling), counts and
bytes from qbank.core.activation_memory. Whether the input batch is counted, the precision
(fp32 or bf16) and the unit (MiB) are stated in the question.
"""
from __future__ import annotations

import math

import numpy as np

from qbank import Integer, Real, template
from qbank.check.predicates import keys_print_cleanly
from qbank.core.activation_memory import BYTES_PER_VALUE, activation_bytes, activation_elements, in_unit
from qbank.core.conv_chain import shape_chain

DTYPES = ("fp32", "bf16")


def layers(params):
    """conv 3x3 'same' (filters1), max-pool 2, conv 3x3 'same' (filters2), max-pool 2, as shape_chain specs."""
    conv = {"layer": "conv2d", "kernel": 3, "padding": "same"}
    pool = {"layer": "max_pool2d", "kernel": 2}
    return [dict(conv, out_channels=params["filters1"]), pool, dict(conv, out_channels=params["filters2"]), pool]


def stored_shapes(params, with_input=None):
    """The per-image shapes whose values are kept: every layer output, and the input when the convention says so."""
    image = (params["channels"], params["size"], params["size"])
    outputs = [layer["shape"] for layer in shape_chain(image, layers(params))]
    keep_input = params["count_input"] if with_input is None else with_input
    return ([image] if keep_input else []) + outputs


def _check(params, answers):
    """Count by hand: H x W x C per stored map (sizes halve at each pooling), times the batch, times the bytes."""
    n, c, s, f1, f2 = (int(params[k]) for k in ("batch", "channels", "size", "filters1", "filters2"))
    maps = [s * s * f1, (s // 2) ** 2 * f1, (s // 2) ** 2 * f2, (s // 4) ** 2 * f2]
    total = n * (sum(maps) + (s * s * c if params["count_input"] else 0))
    assert answers["conv1_elements"] == n * maps[0]
    assert answers["elements"] == total
    assert answers["bytes"] == total * {"fp32": 4, "bf16": 2}[params["dtype"]]
    assert math.isclose(answers["mib"], answers["bytes"] / 1024 / 1024, rel_tol=1e-12)


@template("conv/activation-memory", topic="conv", points=5, title="Activation memory of a small CNN",
          question="tex/conv/activation-memory.tex.j2", solution="tex/conv/activation-memory-solution.tex.j2",
          answers={"conv1_elements": Integer(points=1, label="values of the first convolution",
                                             prompt="How many values does the first convolution output for the batch?"),
                   "elements": Integer(points=1.5, label="values stored",
                                       prompt="How many values are kept for the backward pass in total?"),
                   "bytes": Integer(points=1.5, label="bytes stored", prompt="How many bytes do they take?"),
                   "mib": Real(points=1, digits=4, label="MiB stored", prompt=r"The same in MiB ($2^{20}$ bytes).")},
          constraints={"the two filter counts differ": lambda p, a: p["filters1"] != p["filters2"],
                       # bytes / 2^20 is often a dyadic fraction such as 0.03125: exactly halfway at 4 decimals
                       "the MiB are not halfway at 4 decimals": keys_print_cleanly({"mib": 4})},
          crosscheck=_check)
def activation_memory(rng):
    """A batch of images through conv-pool-conv-pool; the input counted or not; fp32 or bf16."""
    batch = int(rng.choice([8, 16, 32, 64, 128]))
    channels = int(rng.choice([1, 3]))
    size = int(rng.choice([28, 32, 64, 96, 128, 224]))
    filters1 = int(rng.choice([16, 32, 64]))
    filters2 = int(rng.choice([32, 64, 128]))
    count_input = bool(rng.integers(2))
    if not isinstance(count_input, (bool, np.bool_)):
        raise ValueError(f"count_input takes true or false, got {count_input!r}")
    dtype = str(rng.choice(DTYPES))
    params = {"batch": batch, "channels": channels, "size": size, "filters1": filters1, "filters2": filters2,
              "count_input": count_input, "dtype": dtype}
    shapes = stored_shapes(params)
    per_map = [activation_elements(batch, shape) for shape in shapes]
    elements = sum(per_map)
    n_bytes = activation_bytes(elements, dtype)
    conv1 = activation_elements(batch, stored_shapes(params, with_input=False)[0])
    answers = {"conv1_elements": conv1, "elements": elements, "bytes": n_bytes, "mib": in_unit(n_bytes, "MiB")}
    return params, answers, {"maps": list(zip(shapes, per_map)), "per_value": BYTES_PER_VALUE[dtype]}
