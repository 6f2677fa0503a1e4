"""The attention slips themselves (qbank.distractors.mistakes.attention.slipped): by hand, against PyTorch's
scale argument, and every registered one for sdpa-steps, causal-mask and self-attention against exact sympy."""
import numpy as np
import pytest
import sympy

from qbank.core.attention import scaled_dot_product_attention
from qbank.distractors.mistakes.attention import LABELS, slipped
from qbank.distractors.registry import mistakes_for
from qbank.engine.generate import generate
from qbank.engine.template import get
from qbank.questions import attention_exact as ex

LN2, LN3 = np.log(2), np.log(3)
# d_k = 4, K picks the first two coordinates: Q K^T = [[2 ln 3, 0], [2 ln 2, 2 ln 2]], scaled by 1/2 it is
# ln M with M = [[3, 1], [2, 2]]: the weights are M's rows over their sums, [[3/4, 1/4], [1/2, 1/2]].
Q = np.array([[2 * LN3, 0, 0, 0], [2 * LN2, 2 * LN2, 0, 0]])
K = np.array([[1, 0, 0, 0], [0, 1, 0, 0]])
V = np.array([[4], [0]])  # out = 4 * (first column of the weights) = [[3], [2]]


def test_scale_argument_as_torch():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(0)
    q, k, v = rng.normal(size=(3, 4)), rng.normal(size=(3, 4)), rng.normal(size=(3, 2))
    for scale in (None, 1.0, 0.25):
        out, _ = scaled_dot_product_attention(q, k, v, causal=True, scale=scale)
        expected = torch.nn.functional.scaled_dot_product_attention(
            *(torch.tensor(a) for a in (q, k, v)), is_causal=True, scale=scale)
        np.testing.assert_allclose(out, expected.numpy(), atol=1e-12)


def test_slips_by_hand():
    assert np.allclose(scaled_dot_product_attention(Q, K, V)[1], [[3 / 4, 1 / 4], [1 / 2, 1 / 2]])
    # No scaling: exp(Q K^T) = M^2 = [[9, 1], [4, 4]], rows over their sums
    assert np.allclose(slipped(Q, K, V, "no_scale")["weights"], [[9 / 10, 1 / 10], [1 / 2, 1 / 2]])
    # Divided by d_k = 4: exp(Q K^T / 4) = sqrt(M) = [[sqrt 3, 1], [sqrt 2, sqrt 2]]
    r3 = np.sqrt(3)
    assert np.allclose(slipped(Q, K, V, "by_dk")["weights"], [[r3 / (r3 + 1), 1 / (r3 + 1)], [1 / 2, 1 / 2]])
    # Softmax down the columns: M's columns over their sums, [[3/5, 1/3], [2/5, 2/3]]; out = 4 * [3/5, 2/5]
    steps = slipped(Q, K, V, "wrong_axis")
    assert np.allclose(steps["weights"], [[3 / 5, 1 / 3], [2 / 5, 2 / 3]])
    assert np.allclose(steps["out"], [[12 / 5], [8 / 5]])
    # A^T V = [[3/4, 1/2], [1/4, 1/2]] [4, 0]^T = [[3], [1]] instead of A V = [[3], [2]]
    assert np.allclose(slipped(Q, K, V, "transposed")["out"], [[3], [1]])
    # K K^T / 2 = I / 2: each row is [e^(1/2), 1] or [1, e^(1/2)] over their sum, i.e. sigmoid(+-1/2)
    s = 1 / (1 + np.exp(-0.5))
    assert np.allclose(slipped(Q, K, V, "k_for_q")["weights"], [[s, 1 - s], [1 - s, s]])
    # Causal: row 0 sees key 0 only; without the mask row 0 is [3/4, 1/4] again
    assert np.allclose(slipped(Q, K, V, "no_scale", causal=True)["weights"], [[1, 0], [1 / 2, 1 / 2]])
    assert np.allclose(slipped(Q, K, V, "no_mask", causal=True)["weights"], [[3 / 4, 1 / 4], [1 / 2, 1 / 2]])
    # Down the columns under the mask: column 0 has ln 3, ln 2 -> 3/5, 2/5; column 1 only row 1 -> 1
    assert np.allclose(slipped(Q, K, V, "wrong_axis", causal=True)["weights"], [[3 / 5, 0], [2 / 5, 1]])


def test_slips_that_do_not_apply():
    one = np.array([[1.0], [2.0]])  # d_k = 1: 1/sqrt(d_k) = 1/d_k = 1, nothing to forget
    assert slipped(one, one, V, "no_scale") is None and slipped(one, one, V, "by_dk") is None
    assert slipped(Q, K, V, "no_mask") is None  # no mask to forget
    three = np.vstack([Q, Q[:1]])  # 3 queries, 2 keys: K K^T and A^T V have other shapes
    assert slipped(three, K, V, "k_for_q") is None and slipped(three, K, V, "transposed") is None
    with pytest.raises(ValueError, match="unknown attention slip 'nope'"):
        slipped(Q, K, V, "nope")


def test_registered_sdpa_parts_by_hand(wrong):
    params = {"Q": Q, "K": K, "V": V}
    assert np.allclose(wrong("attention/sdpa-steps", "out", LABELS["no_scale"], params), [[18 / 5], [2]])  # 4 * 9/10
    assert np.allclose(wrong("attention/sdpa-steps", "scaled", LABELS["no_scale"], params), Q @ K.T)
    scaled = wrong("attention/sdpa-steps", "scores", "gave the scaled scores", params)
    assert np.allclose(scaled, [[LN3, 0], [LN2, LN2]])
    # weights (2, 2) and V (2, 1) for the 2 x 1 output
    assert wrong("attention/sdpa-steps", "shape", "gave the shape of the attention weights", params) == (2, 2)
    assert wrong("attention/sdpa-steps", "shape", "gave one row per key (the shape of V)", params) == (2, 1)
    # causal: rows [1, 0] and [1/2, 1/2] give [[4], [2]]; unmasked [[3], [2]]
    assert np.allclose(wrong("attention/causal-mask", "out", LABELS["no_mask"], params), [[3], [2]])
    # self-attention with W_q = W_k = W_v = I reads X as Q, K and V; W_k = 0 makes the keys zero, so K in
    # place of Q gives zero scores: uniform weights
    eye = np.eye(2)
    sa = {"X": np.array([[1.0, 0], [0, 1]]), "W_q": eye, "W_k": eye, "W_v": eye}
    assert np.allclose(wrong("attention/self-attention", "weights", LABELS["k_for_q"], dict(sa, W_k=0 * eye)), 0.5)


def exact_slip(Q, K, V, slip, causal):
    """(weights, out) of attention with the slip, in exact sympy arithmetic (qbank.questions.attention_exact)."""
    Q, K, V = ex.exact(Q), ex.exact(K), ex.exact(V)
    root = sympy.sqrt(Q.cols)
    args = {"no_scale": (Q * root, K), "by_dk": (Q / root, K), "k_for_q": (K, K)}.get(slip, (Q, K))
    out, weights, scaled = ex.sdpa(*args, V, causal=causal and slip != "no_mask")
    if slip == "transposed":
        out = weights.T * V
    if slip == "wrong_axis":
        columns = [ex.softmax_row(list(scaled.col(j)), [i >= j or not causal for i in range(Q.rows)])
                   for j in range(K.rows)]
        weights = sympy.Matrix(columns).T
        out = weights * V
    return ex.numeric(weights), ex.numeric(out)


def qkv_of(template_id, p):
    if template_id == "attention/self-attention":
        return p["X"] @ p["W_q"], p["X"] @ p["W_k"], p["X"] @ p["W_v"], False
    return p["Q"], p["K"], p["V"], template_id == "attention/causal-mask"


@pytest.mark.parametrize("template_id", ["attention/sdpa-steps", "attention/causal-mask", "attention/self-attention"])
def test_registered_slips_agree_with_exact_sympy(template_id):
    slip_of = {label: slip for slip, label in LABELS.items()}
    for seed in range(4):
        p = generate(get(template_id), seed).params
        *qkv, causal = qkv_of(template_id, p)
        for part in ("weights", "out"):
            for m in mistakes_for(template_id, part, only_part=False):
                value = m.fn(p)
                if value is not None:
                    weights, out = exact_slip(*qkv, slip_of[m.label], causal)
                    assert ex.close(value, weights if part == "weights" else out), (seed, part, m.label)
