"""Receptive-field template: four conv / pool layers, the receptive field after the second and the last, and the jump.

Layers come from a small library of common ones (3x3 and 5x5 convolutions, stride 2,
dilation 2 or 3, 2x2 and 3x3 pooling with stride 2), so every number is a small whole
number found with the recurrence of qbank.core.receptive_field.
"""
from __future__ import annotations

import numpy as np

from qbank import Integer, template
from qbank.core.receptive_field import receptive_fields

LIBRARY = (("conv", 3, 1, 1), ("conv", 3, 1, 1), ("conv", 3, 2, 1), ("conv", 5, 1, 1), ("conv", 3, 1, 2),
           ("conv", 3, 1, 3), ("conv", 1, 1, 1), ("pool", 2, 2, 1), ("pool", 3, 2, 1))  # (kind, k, s, d)


def layer_list(params):
    """The drawn layers as the core's dicts."""
    return [{"kernel": int(k), "stride": int(s), "dilation": int(d)}
            for k, s, d in zip(params["kernels"], params["strides"], params["dilations"])]


def _input_pixels(params, outputs):
    """The input indices a set of output indices of the last layer read, found layer by layer backwards."""
    seen = set(outputs)
    for k, s, d in reversed(list(zip(params["kernels"], params["strides"], params["dilations"]))):
        seen = {i * int(s) + t * int(d) for i in seen for t in range(int(k))}
    return seen


def _check(params, answers):
    """Count the input pixels one output reads (and those of the second layer's output) by walking the layers back."""
    field = _input_pixels(params, {0})
    assert answers["rf"] == max(field) - min(field) + 1
    assert answers["jump"] == min(_input_pixels(params, {1})) - min(field)
    first_two = {k: params[k][:2] for k in ("kernels", "strides", "dilations")}
    two = _input_pixels(first_two, {0})
    assert answers["rf2"] == max(two) - min(two) + 1


def _stride_matters(params, answers):
    """A stride > 1 comes before a later layer with a kernel > 1, so the jump enters the receptive field."""
    strided = [i for i, s in enumerate(params["strides"]) if s > 1]
    return bool(strided) and any(k > 1 for k in params["kernels"][strided[0] + 1:])


@template("conv/receptive-field", topic="conv", points=4, title="Receptive field of a stack of layers",
          question="tex/conv/receptive-field.tex.j2", solution="tex/conv/receptive-field-solution.tex.j2",
          answers={"rf2": Integer(points=1, label="receptive field after layer 2",
                                  prompt="The receptive field (in input pixels along one axis) of one output "
                                         "of layer 2."),
                   "rf": Integer(points=2, label="receptive field after layer 4",
                                 prompt="The receptive field of one output of layer 4."),
                   "jump": Integer(points=1, label="jump after layer 4",
                                   prompt="How many input pixels apart are the fields of two neighbouring outputs "
                                          "of layer 4?")},
          constraints={"a stride comes before a wider kernel": _stride_matters},
          crosscheck=_check)
def receptive_field_question(rng):
    """Four layers drawn from LIBRARY (kind, kernel, stride, dilation)."""
    picks = [LIBRARY[int(i)] for i in rng.integers(len(LIBRARY), size=4)]
    kinds = [kind for kind, _, _, _ in picks]
    kernels = np.array([k for _, k, _, _ in picks])
    strides = np.array([s for _, _, s, _ in picks])
    dilations = np.array([d for _, _, _, d in picks])
    params = {"kinds": kinds, "kernels": kernels, "strides": strides, "dilations": dilations}
    for name, values in params.items():  # the question lists exactly four layers
        if len(values) != 4:
            raise ValueError(f"{name} needs 4 values, one per layer, got {len(values)}")
    if not set(kinds) <= {"conv", "pool"}:
        raise ValueError(f"kinds are 'conv' or 'pool', got {[str(kind) for kind in kinds]}")
    fields = receptive_fields(layer_list(params))
    before = [(1, 1)] + fields[:-1]
    steps = [{"k": int(k), "s": int(s), "d": int(d), "r_prev": r_prev, "j_prev": j_prev, "r": r, "j": j}
             for (k, s, d), (r_prev, j_prev), (r, j) in zip(zip(kernels, strides, dilations), before, fields)]
    return params, {"rf2": fields[1][0], "rf": fields[3][0], "jump": fields[3][1]}, {"steps": steps}
