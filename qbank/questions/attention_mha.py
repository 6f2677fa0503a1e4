"""Multi-head attention templates: projection shapes and parameter counts (seed 002 q7), and what scaling a
head's projection matrices does to its attention probabilities and outputs (seed 001 MCQ 4).

The shapes and counts come from qbank.core.attention_counts and the choice key from
qbank.core.attention_facts.head_scaling_effect; the cross-checks recount the parameters
from the shapes and probe the scaled head numerically on random inputs.
"""
from __future__ import annotations

from fractions import Fraction

import numpy as np

from qbank import Choice, Integer, Shape, template
from qbank.core.attention import mha_activation_shapes, mha_param_count, mha_projection_shapes, self_attention, softmax
from qbank.core.attention_facts import head_scaling_effect


def _check_dims(params, answers):
    d_model, n_heads, T = params["d_model"], params["n_heads"], params["T"]
    d_k = d_model // n_heads
    assert d_k * n_heads == d_model
    assert answers["W_qkv_i"] == (d_model, d_k) and answers["W_o"] == (n_heads * d_k, d_model)
    assert answers["head"] == (T, d_k) and answers["concat"] == (T, n_heads * d_k)
    # Count entry by entry: three projections per head, W_o, and a bias per projection output.
    weights = n_heads * 3 * d_model * d_k + n_heads * d_k * d_model
    assert answers["params_no_bias"] == weights
    assert answers["params_bias"] == weights + n_heads * 3 * d_k + d_model


@template("attention/mha-dims", topic="attention", points=5, title="Multi-head attention shapes and parameters",
          question="tex/attention/mha-dims.tex.j2", solution="tex/attention/mha-dims-solution.tex.j2",
          answers={"W_qkv_i": Shape(points=1, label="W_i^Q, W_i^K, W_i^V",
                                    prompt=r"The shape of each per-head projection $W_i^Q$, $W_i^K$, $W_i^V$."),
                   "W_o": Shape(points=1, label="W^O", prompt=r"The shape of $W^O$."),
                   "head": Shape(points=0.5, label="head_i", prompt=r"The shape of one head's output $\mathrm{head}_i$."),
                   "concat": Shape(points=0.5, label="Concat",
                                   prompt=r"The shape of $\mathrm{Concat}(\mathrm{head}_1, \dots, \mathrm{head}_h)$, "
                                          r"and what $W^O$ does to it."),
                   "params_bias": Integer(points=1, label="parameters with biases",
                                          prompt="The number of trainable parameters of the layer, with a bias "
                                                 "after every projection (as torch.nn.MultiheadAttention)."),
                   "params_no_bias": Integer(points=1, label="parameters without biases",
                                             prompt="The same count without biases.")},
          crosscheck=_check_dims)
def mha_dims(rng):
    """d_model a multiple of the drawn head count (d_k = d_model / h) and a sequence length T."""
    n_heads = int(rng.choice([2, 4, 8, 12, 16]))
    d_model = n_heads * int(rng.choice([4, 8, 16, 32, 64]))
    T = int(rng.integers(3, 51))
    weights, acts = mha_projection_shapes(d_model, n_heads), mha_activation_shapes(T, d_model, n_heads)
    answers = {"W_qkv_i": weights["W_q_i"], "W_o": weights["W_o"], "head": acts["head"], "concat": acts["concat"],
               "params_bias": mha_param_count(d_model, n_heads, bias=True),
               "params_no_bias": mha_param_count(d_model, n_heads, bias=False)}
    return {"d_model": d_model, "n_heads": n_heads, "T": T}, answers, {"d_k": weights["d_k"]}


# (P equal, Z equal) -> the option that states it.
STATEMENTS = {
    (True, True): r"$\mathbf{P}^{(1)} = \mathbf{P}^{(2)}$ and $\mathbf{Z}^{(1)} = \mathbf{Z}^{(2)}$: the two heads "
                  r"behave identically.",
    (False, True): r"$\mathbf{P}^{(1)} \neq \mathbf{P}^{(2)}$, yet $\mathbf{Z}^{(1)} = \mathbf{Z}^{(2)}$: the value "
                   r"scaling makes up for the different probabilities.",
    (True, False): r"$\mathbf{P}^{(1)} = \mathbf{P}^{(2)}$, but $\mathbf{Z}^{(1)} \neq \mathbf{Z}^{(2)}$.",
    (False, False): r"$\mathbf{P}^{(1)} \neq \mathbf{P}^{(2)}$ and $\mathbf{Z}^{(1)} \neq \mathbf{Z}^{(2)}$.",
}
SCALES = [Fraction(1, 3), Fraction(1, 2), Fraction(2), Fraction(3), Fraction(-1)]


def _check_scaling(params, answers):
    """Probe the two heads on random inputs: a relation that holds in general holds on every probe."""
    probe = np.random.default_rng(0)
    P_equal = Z_equal = True
    for _ in range(5):
        X, W_q, W_k, W_v = probe.normal(size=(4, 3)), *(probe.normal(size=(3, 2)) for _ in range(3))
        Z1, P1 = self_attention(X, W_q, W_k, W_v)
        Z2, P2 = self_attention(X, float(params["q_scale"]) * W_q, float(params["k_scale"]) * W_k,
                                float(params["v_scale"]) * W_v)
        P_equal, Z_equal = P_equal and np.allclose(P1, P2), Z_equal and np.allclose(Z1, Z2)
    assert params["options"][answers["answer"]] == STATEMENTS[(P_equal, Z_equal)]


@template("attention/head-scaling", topic="attention", points=4, kind="choice", title="Scaling a head's projections",
          question="tex/attention/head-scaling.tex.j2", solution="tex/attention/head-scaling-solution.tex.j2",
          answers={"answer": Choice()}, crosscheck=_check_scaling)
def head_scaling(rng):
    """Scalars on W_Q, W_K, W_V of the second head; the four options in a drawn order."""
    q_scale = SCALES[int(rng.integers(len(SCALES)))]
    # Half of the draws cancel the query scaling in Q K^T, so every relation comes up.
    k_scale = 1 / q_scale if rng.random() < 0.5 else Fraction(int(rng.choice([1, 1, 2, 3])), int(rng.choice([1, 2])))
    v_scale = Fraction(1) if rng.random() < 0.5 else SCALES[int(rng.integers(len(SCALES)))]
    keys = list(STATEMENTS)
    order = rng.permutation(len(keys))
    options = [STATEMENTS[keys[i]] for i in order]
    P_equal, Z_equal = head_scaling_effect(q_scale, k_scale, v_scale)
    answer = options.index(STATEMENTS[(P_equal, Z_equal)])
    params = {"q_scale": q_scale, "k_scale": k_scale, "v_scale": v_scale, "options": options}
    score_factor = q_scale * k_scale
    # An example for the solution: the scores (0, 1) before and after the factor.
    work = {"P_equal": P_equal, "Z_equal": Z_equal, "score_factor": score_factor,
            "probe": softmax([0.0, 1.0]), "probe_scaled": softmax([0.0, float(score_factor)])}
    return params, {"answer": answer}, work
