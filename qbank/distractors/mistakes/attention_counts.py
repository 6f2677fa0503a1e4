"""Modelled mistakes for multi-head attention shapes and parameter counts (attention/mha-dims).

With h heads each head projects to d_k = d_model / h (Vaswani et al. 2017, §3.2.2);
the layer has W^Q, W^K, W^V, W^O of d_model^2 entries each and, as
torch.nn.MultiheadAttention, a bias of d_model entries after each (qbank.core.attention_counts).
The slips: d_k = d_model in every head (the shapes of a one-head layer, or h copies
of a one-head layer), the biases forgotten or counted, W^O left out, an activation's
shape given for a weight's or a head's for the concatenation.
"""
from __future__ import annotations

import numpy as np

from qbank.core.attention_counts import mha_activation_shapes, mha_param_count, mha_projection_shapes
from qbank.distractors.registry import mistake

MHA = "attention/mha-dims"
FULL_WIDTH = "gave every head the full model width instead of the model width divided by the number of heads"
NO_W_O = "left out the output projection"


def _acts(p, n_heads=None):
    return mha_activation_shapes(p["T"], p["d_model"], p["n_heads"] if n_heads is None else n_heads)


@mistake(MHA, FULL_WIDTH, part="W_qkv_i")
def _projection_full_width(p):
    return mha_projection_shapes(p["d_model"], 1)["W_q_i"]  # one head: d_k = d_model


@mistake(MHA, "gave the shape of the projected queries instead of the weight", part="W_qkv_i")
def _projection_as_activation(p):
    return _acts(p)["head"]


@mistake(MHA, FULL_WIDTH, part="W_o")
def _output_full_width(p):
    return (p["n_heads"] * mha_projection_shapes(p["d_model"], 1)["d_k"], p["d_model"])  # rows: h heads of d_model


@mistake(MHA, "sized the output projection for one head's output only", part="W_o")
def _output_one_head(p):
    return (mha_projection_shapes(p["d_model"], p["n_heads"])["d_k"], p["d_model"])


@mistake(MHA, FULL_WIDTH, part="head")
def _head_full_width(p):
    return _acts(p, n_heads=1)["head"]


@mistake(MHA, "gave the shape of the attention weights", part="head")
def _head_as_scores(p):
    return _acts(p)["scores"]


@mistake(MHA, FULL_WIDTH, part="concat")
def _concat_full_width(p):
    return (p["T"], p["n_heads"] * _acts(p, n_heads=1)["head"][1])  # h heads of d_model columns


@mistake(MHA, "gave one head's shape", part="concat")
def _concat_one_head(p):
    return _acts(p)["head"]


def _without_w_o(p, bias):
    """The count of W^Q, W^K, W^V (and their biases): the core's count less W^O and its d_model bias."""
    w_o = int(np.prod(mha_projection_shapes(p["d_model"], p["n_heads"])["W_o"]))
    return mha_param_count(p["d_model"], p["n_heads"], bias=bias) - w_o - (p["d_model"] if bias else 0)


def _register_counts(part, bias):
    mistake(MHA, NO_W_O, part=part)(lambda p: _without_w_o(p, bias))
    mistake(MHA, "counted every head as a whole one-head layer of the full model width", part=part)(
        lambda p: p["n_heads"] * mha_param_count(p["d_model"], 1, bias=bias))
    mistake(MHA, "forgot the biases" if bias else "counted the biases", part=part)(
        lambda p: mha_param_count(p["d_model"], p["n_heads"], bias=not bias))


_register_counts("params_bias", bias=True)
_register_counts("params_no_bias", bias=False)
