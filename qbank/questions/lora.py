"""LoRA trainable parameters for a rank and a set of adapted matrices, against full fine-tuning (transformers/lora).

The answers come from qbank.core.lora; the cross-check builds each adapter's A and B factors as shapes
and counts their entries, and recounts the full model from its six matrices per layer.
"""
from __future__ import annotations

from fractions import Fraction

from qbank import Integer, Real, template
from qbank.check.predicates import keys_print_cleanly
from qbank.core.lora import MATRICES, full_finetune_params, lora_trainable, matrix_shape, trainable_percent

SETS = [("W_q", "W_v"), ("W_q", "W_k", "W_v", "W_o"), ("W_q", "W_k", "W_v", "W_o", "W_up", "W_down"),
        ("W_q",), ("W_v", "W_o"), ("W_up", "W_down")]


def _check(params, answers):
    d, f, r, L = params["d_model"], params["d_ff"], params["rank"], params["n_layers"]
    factors = []
    for name in params["adapted"]:
        d_out, d_in = matrix_shape(name, d, f)
        factors += [(d_out, r), (r, d_in)]  # B, A
    trainable = L * sum(rows * cols for rows, cols in factors)
    full = L * (4 * d * d + 2 * d * f)
    assert answers["trainable"] == trainable and answers["full"] == full
    assert abs(Fraction(answers["percent"]) - Fraction(100 * trainable, full)) < Fraction(1, 10**9)


@template("transformers/lora", topic="transformers", points=5, title="LoRA trainable parameters",
          question="tex/transformers/lora.tex.j2", solution="tex/transformers/lora-solution.tex.j2",
          answers={"trainable": Integer(points=2, label="LoRA trainable parameters",
                                        prompt="The number of trainable parameters with LoRA."),
                   "full": Integer(points=2, label="full fine-tuning parameters",
                                   prompt="The number of trainable parameters of full fine-tuning of the blocks."),
                   "percent": Real(points=1, digits=4, label="LoRA as a percentage of full fine-tuning",
                                   prompt="LoRA's trainable parameters as a percentage of full fine-tuning's.")},
          constraints={"the percentage is not halfway at 4 decimals": keys_print_cleanly({"percent": 4})},
          crosscheck=_check)
def lora(rng):
    """Layers, a width, d_ff 4 times the width, a rank, and one of the adapter sets practitioners use."""
    n_layers = int(rng.choice([12, 24, 32, 48]))
    d_model = int(rng.choice([512, 768, 1024, 2048, 4096]))
    d_ff = 4 * d_model
    rank = int(rng.choice([1, 2, 4, 8, 16, 64]))
    adapted = list(SETS[int(rng.integers(len(SETS)))])
    params = {"n_layers": n_layers, "d_model": d_model, "d_ff": d_ff, "rank": rank, "adapted": adapted}
    trainable = lora_trainable(n_layers, d_model, d_ff, rank, adapted)
    full = full_finetune_params(n_layers, d_model, d_ff)
    shapes = {name: matrix_shape(name, d_model, d_ff) for name in MATRICES}
    answers = {"trainable": trainable, "full": full,
               "percent": trainable_percent(n_layers, d_model, d_ff, rank, adapted)}
    return params, answers, {"shapes": shapes}
