"""Modelled mistakes for LoRA parameter counts (transformers/lora).

The key (qbank.core.lora): r (d_in + d_out) per adapted matrix per layer; full fine-tuning L (4 d^2 + 2 d d_ff).
The slips: only one of the two factors counted, the feed-forward matrices taken as square, one layer only,
r d_in d_out (a rank-r copy of each full matrix), the feed-forward left out of the full count, the ratio given
as a fraction instead of a percentage or inverted.
"""
from __future__ import annotations

from qbank.core.lora import full_finetune_params, lora_trainable, matrix_shape
from qbank.distractors.registry import mistake

ID = "transformers/lora"


def _trainable(p, d_ff=None, n_layers=None):
    return lora_trainable(p["n_layers"] if n_layers is None else n_layers, p["d_model"],
                          p["d_ff"] if d_ff is None else d_ff, p["rank"], p["adapted"])


def _full(p):
    return full_finetune_params(p["n_layers"], p["d_model"], p["d_ff"])


mistake(ID, "counted only the factor A", part="trainable")(
    lambda p: p["n_layers"] * p["rank"] * sum(matrix_shape(m, p["d_model"], p["d_ff"])[1] for m in p["adapted"]))
mistake(ID, "took every adapted matrix to be square", part="trainable")(lambda p: _trainable(p, d_ff=p["d_model"]))
mistake(ID, "counted one layer only", part="trainable")(lambda p: _trainable(p, n_layers=1))

mistake(ID, "left out the feed-forward weights", part="full")(lambda p: 4 * p["n_layers"] * p["d_model"] ** 2)
mistake(ID, "took the feed-forward matrices to be square", part="full")(
    lambda p: full_finetune_params(p["n_layers"], p["d_model"], p["d_model"]))
mistake(ID, "counted one layer only", part="full")(lambda p: full_finetune_params(1, p["d_model"], p["d_ff"]))

mistake(ID, "gave the fraction instead of the percentage", part="percent")(lambda p: _trainable(p) / _full(p))
def _adapted_weights(p):
    return p["n_layers"] * sum(a * b for a, b in (matrix_shape(m, p["d_model"], p["d_ff"]) for m in p["adapted"]))


mistake(ID, "compared with the adapted matrices only, not the whole model", part="percent")(
    lambda p: 100 * _trainable(p) / _adapted_weights(p))
mistake(ID, "left out the feed-forward weights of the full count", part="percent")(
    lambda p: 100 * _trainable(p) / (4 * p["n_layers"] * p["d_model"] ** 2))
