"""Modelled mistakes for the training-recipe templates: dropout's two conventions, clipping per tensor or by value.

Each wrong value is the core's answer with the slip applied: the rate read under the
other convention (qbank.core.dropout), each tensor clipped alone or every entry clamped
(qbank.core.clipping), the global norm taken per tensor or without its square root.
"""
from __future__ import annotations

import numpy as np

from qbank.core.clipping import clip_by_global_norm, clip_by_value, clip_each_by_norm, global_norm
from qbank.core.dropout import inverted_dropout_train, inverted_scale, keep_probability, original_dropout_train
from qbank.distractors.registry import mistake

DROPOUT = "regularization/inverted-dropout"
OTHER_CONVENTION = {"drop": "keep", "keep": "drop"}


def _q(p, convention=None):
    return keep_probability(p["p"], convention or p["convention"])


@mistake(DROPOUT, "read $p$ as the other convention's probability", part="scale")
def _scale_convention(p):
    return inverted_scale(_q(p, OTHER_CONVENTION[p["convention"]]))


@mistake(DROPOUT, "multiplied by the keep probability instead of dividing", part="scale")
def _scale_times(p):
    return _q(p)


@mistake(DROPOUT, "read $p$ as the other convention's probability", part="y")
def _y_convention(p):
    return inverted_dropout_train(p["x"], p["mask"], _q(p, OTHER_CONVENTION[p["convention"]]))


@mistake(DROPOUT, "did not rescale the kept units (the original dropout)", part="y")
def _y_unscaled(p):
    return original_dropout_train(p["x"], p["mask"])


@mistake(DROPOUT, "scaled every unit, the dropped ones included", part="y")
def _y_no_mask(p):
    return inverted_dropout_train(p["x"], np.ones_like(p["mask"]), _q(p))


@mistake(DROPOUT, "used the drop probability", part="test_factor")
def _test_drop(p):
    return 1.0 - _q(p)


@mistake(DROPOUT, "gave the inverted dropout's training scale", part="test_factor")
def _test_scale(p):
    return inverted_scale(_q(p))


CLIP = "optim/grad-clipping"


def _grads(p):
    return [p["gw"], p["gb"]]


@mistake(CLIP, "added the two tensors' norms", part="norm")
def _norm_sum(p):
    return global_norm([p["gw"]]) + global_norm([p["gb"]])


@mistake(CLIP, "forgot the square root", part="norm")
def _norm_squared(p):
    return global_norm(_grads(p)) ** 2


@mistake(CLIP, "used only the weight gradient", part="norm")
def _norm_weights(p):
    return global_norm([p["gw"]])


def _register_clipped(part, index):
    """The three clipping slips for one of the two tensors (index 0 weights, 1 bias)."""
    mistake(CLIP, "clipped each tensor by its own norm", part=part)(
        lambda p: clip_each_by_norm(_grads(p), p["max_norm"])[index])
    mistake(CLIP, "multiplied by the ratio upside down, norm over threshold", part=part)(
        lambda p: np.asarray(_grads(p)[index], dtype=float) * global_norm(_grads(p)) / p["max_norm"])
    mistake(CLIP, "clamped each entry to $[-c, c]$ (clipping by value)", part=part)(
        lambda p: clip_by_value(_grads(p), p["max_norm"])[index])
    mistake(CLIP, "forgot the square root in the norm", part=part)(
        lambda p: clip_by_global_norm(_grads(p), p["max_norm"] / global_norm(_grads(p)))[0][index])


_register_clipped("clipped_w", 0)
_register_clipped("clipped_b", 1)
