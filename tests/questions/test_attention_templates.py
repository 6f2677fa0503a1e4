"""Attention templates: every seed problem reproduced through pinned parameters, checked by hand or in sympy.

(The name avoids clashing with tests/core/test_attention.py: the test directories are not packages.)
"""
from fractions import Fraction

import numpy as np
import pytest
import sympy

from qbank.core.attention import self_attention
from qbank.engine.generate import ConstraintError, generate
from qbank.engine.template import get
from qbank.errors import InputError
from qbank.questions import attention_exact as ex
from qbank.questions.attention_mha import STATEMENTS as HEAD_STATEMENTS
from qbank.questions.attention_softmax import STATEMENTS as SOFTMAX_STATEMENTS, linear_form, scaled_term

R2 = np.sqrt(2)


def test_seed_002_q6_sdpa_steps():
    inst = generate(get("attention/sdpa-steps"), 0, pins={
        "Q": np.array([[1, 2], [3, 4], [5, 6]]), "K": np.array([[2, 1], [4, 3]]), "V": np.array([[0.5, 1.0], [1.5, 2.0]])})
    a = inst.answers
    # Q K^T: [1*2 + 2*1, 1*4 + 2*3] = [4, 10]; [3*2 + 4*1, 3*4 + 4*3] = [10, 24]; [5*2 + 6*1, 5*4 + 6*3] = [16, 38].
    np.testing.assert_array_equal(a["scores"], [[4, 10], [10, 24], [16, 38]])
    np.testing.assert_allclose(a["scaled"], np.array([[4, 10], [10, 24], [16, 38]]) / R2, atol=1e-12)
    # Two keys: the weight of key 2 is 1 / (1 + e^{-(s2 - s1)/sqrt 2}), gaps 6, 14, 22.
    second = [float(1 / (1 + sympy.exp(-sympy.Integer(gap) / sympy.sqrt(2)))) for gap in (6, 14, 22)]
    np.testing.assert_allclose(a["weights"][:, 1], second, atol=1e-12)
    # v2 - v1 = [1, 1], so each output row is v1 + w2 [1, 1] = [0.5 + w2, 1 + w2].
    np.testing.assert_allclose(a["out"], np.column_stack([0.5 + np.array(second), 1 + np.array(second)]), atol=1e-12)
    assert a["shape"] == (3, 2)  # the seed prints no solution for this problem


def test_seed_004_q7_exact_weights():
    # Q = sqrt(2) [[0, ln 2], [ln 2, ln 3]] and K = I: the scaled scores are ln [[1, 2], [2, 3]], so the weights are
    # [1, 2] / 3 and [2, 3] / 5, and V = [[0, 1], [1, 0]] swaps the columns. The seed's printed answer agrees.
    inst = generate(get("attention/sdpa-exact"), 0, pins={
        "M": np.array([[1, 2], [2, 3]]), "K": np.eye(2, dtype=int), "V": np.array([[0, 1], [1, 0]])})
    F = Fraction
    assert inst.answers["weights"].tolist() == [[F(1, 3), F(2, 3)], [F(2, 5), F(3, 5)]]
    assert inst.answers["out"].tolist() == [[F(2, 3), F(1, 3)], [F(3, 5), F(2, 5)]]
    assert r"\sqrt{2}\, \begin{bmatrix} 0 & \ln 2 \\ \ln 2 & \ln 3 \end{bmatrix}" in inst.render("question")


def test_sdpa_exact_refuses_a_pinned_k_that_does_not_permute():
    # K = diag(2, 1) prints Q = sqrt 2 ln(M K), whose scaled scores ln(M K) K^T are not ln M: the key from M would be wrong.
    with pytest.raises(InputError, match="K must be a permutation matrix"):
        generate(get("attention/sdpa-exact"), 0, pins={"M": np.array([[1, 2], [2, 3]]), "K": np.array([[2, 0], [0, 1]]),
                                                      "V": np.array([[0, 1], [1, 0]])})


SEED_000 = {"X": np.array([[0, 1], [-1, 1]]), "W_q": np.array([[2 * R2], [R2]]), "W_k": np.array([[-2], [-1]]),
            "W_v": np.array([[-0.1], [0.3]])}
# q = X W_q = [sqrt 2, -sqrt 2], k = X W_k = [-1, 1], v = X W_v = [0.3, 0.4]; d_k = 1, so the scores are
# q_i k_j = [[-sqrt 2, sqrt 2], [sqrt 2, -sqrt 2]]. Row 1 puts w = 1 / (1 + e^{2 sqrt 2}) on token 1, row 2 on token 2.
# The seed prints no solution; its sqrt 2 factors suggest scaling by sqrt(d) = sqrt 2 of the token dimension
# (scores +-1). We state and use the standard sqrt(d_k) = 1.
W = 1 / (1 + np.exp(2 * R2))


def test_seed_000_self_attention():
    inst = generate(get("attention/self-attention"), 0, pins=SEED_000)
    np.testing.assert_allclose(inst.answers["weights"], [[W, 1 - W], [1 - W, W]], atol=1e-12)
    np.testing.assert_allclose(inst.answers["out"], [[0.3 * W + 0.4 * (1 - W)], [0.3 * (1 - W) + 0.4 * W]], atol=1e-12)


def test_seed_000_permutation_and_positions():
    # The sheet's own P makes X + P equal X' and (d) print weights 0 and 1 (below): its parts (b) and (c) would
    # print the same answer, so the template refuses it; the sheet's numbers are checked through the core.
    pins = {**SEED_000, "perm": np.array([1, 0]), "P": np.array([[-1, 0], [1, 0]])}
    with pytest.raises(ConstraintError, match="the four outputs print differently"):
        generate(get("attention/permutation"), 0, pins=pins)
    weights = [SEED_000[k] for k in ("W_q", "W_k", "W_v")]
    X, P = SEED_000["X"], pins["P"]
    out = np.array([[0.4 - 0.1 * W], [0.3 + 0.1 * W]])
    np.testing.assert_allclose(self_attention(X, *weights)[0], out, atol=1e-12)
    np.testing.assert_allclose(self_attention(X[[1, 0]], *weights)[0], out[::-1], atol=1e-12)  # (b): the rows swap
    # (c): X + P = [[-1, 1], [0, 1]] is exactly the swapped X', so the answer equals (b).
    np.testing.assert_allclose(self_attention(X, *weights, pos=P)[0], out[::-1], atol=1e-12)
    # (d): X' + P = [[-2, 1], [1, 1]]: q = [-3 sqrt 2, 3 sqrt 2], k = [3, -3], v = [0.5, 0.2]; scores +-9 sqrt 2,
    # u = 1 / (1 + e^{18 sqrt 2}) on the far token: rows [0.2 + 0.3 u], [0.5 - 0.3 u], not a permutation of (c).
    u = 1 / (1 + np.exp(18 * R2))
    np.testing.assert_allclose(self_attention(X[[1, 0]], *weights, pos=P)[0], [[0.2 + 0.3 * u], [0.5 - 0.3 * u]],
                               atol=1e-12)


def test_permutation_with_another_encoding():
    # P = [[1, 0], [0, -1]]: X + P = [[1, 1], [-1, 0]], X' + P = [[0, 1], [0, 0]].
    # (c) q = (X + P) W_q = [3 sqrt 2, -2 sqrt 2], k = [-3, 2], v = [0.2, 0.1]; row 1 scores sqrt 2 (-9, 6),
    # row 2 sqrt 2 (6, -4): every weight is 1 / (1 + e^{15 sqrt 2}) ~ 6e-10 or 1 / (1 + e^{10 sqrt 2}) ~ 7e-7,
    # which print as 0.000 at 3 decimals: refused.
    with pytest.raises(ConstraintError, match="weights of \\(a\\), \\(c\\) and \\(d\\) are readable"):
        generate(get("attention/permutation"), 0, pins={**SEED_000, "perm": np.array([1, 0]),
                                                        "P": np.array([[1, 0], [0, -1]])})


@pytest.mark.parametrize("perm", [[0, 0], [1, 2], [0]])
def test_permutation_refuses_a_pinned_perm_that_does_not_reorder_x(perm):
    # X[[0, 0]] repeats a token: the "output of (a) with its rows permuted" in the key would be false.
    with pytest.raises(InputError, match="perm must list each of the rows 0..1 of X once"):
        generate(get("attention/permutation"), 0, pins={**SEED_000, "perm": np.array(perm), "P": np.array([[-1, 0], [1, 0]])})


@pytest.mark.parametrize("P", [[[1, 0]], [[1, 0], [0, 1], [1, 1]]])
def test_permutation_refuses_a_pinned_encoding_of_another_shape(P):
    # X has two tokens: P needs one row per token, else X + P broadcasts (one row) or fails in numpy's words.
    with pytest.raises(InputError, match=r"P must have the shape of X \(2, 2\)"):
        generate(get("attention/permutation"), 0, pins={**SEED_000, "perm": np.array([1, 0]), "P": np.array(P)})


def test_seed_002_q7_mha_dims():
    # d_model = 8, h = 2: d_k = 4; W_i (8, 4), W^O (2*4, 8); heads (4, 4); 4 * 8^2 = 256 weights, + 4 * 8 biases.
    a = generate(get("attention/mha-dims"), 0, pins={"d_model": 8, "n_heads": 2, "T": 4}).answers
    assert (a["W_qkv_i"], a["W_o"], a["head"], a["concat"]) == ((8, 4), (8, 8), (4, 4), (4, 8))
    assert (a["params_no_bias"], a["params_bias"]) == (256, 288)


def test_seed_001_mcq4_head_scaling():
    # W_Q doubled, W_V halved: the scores double, so P changes, and Z with it (the seed's answer, the last option).
    inst = generate(get("attention/head-scaling"), 0,
                    pins={"q_scale": Fraction(2), "k_scale": Fraction(1), "v_scale": Fraction(1, 2)})
    assert inst.params["options"][inst.answers["answer"]] == HEAD_STATEMENTS[(False, False)]


def test_head_scaling_stem_reads_inequalities_as_for_some_input():
    # q_scale 2, k_scale 1: P^(2) = softmax(2 S) differs from P^(1) = softmax(S), but not at X = 0, where S = 0 and
    # both are uniform. The keyed "P^(1) != P^(2)" is true only as "for some input", which the stem must say.
    inst = generate(get("attention/head-scaling"), 0,
                    pins={"q_scale": Fraction(2), "k_scale": Fraction(1), "v_scale": Fraction(1)})
    X0 = np.zeros((3, 2))
    W = [np.array([[1.0, 0.5], [0.2, -1.0]])] * 3
    _, P1 = self_attention(X0, *W)
    _, P2 = self_attention(X0, 2 * W[0], W[1], W[2])
    assert np.allclose(P1, P2)  # X = 0: the "different" probabilities agree
    assert inst.params["options"][inst.answers["answer"]] == HEAD_STATEMENTS[(False, False)]
    for mode in ("latex", "text"):
        stem = " ".join(inst.render("question", mode).split())
        assert "for every input" not in stem.split("In the statements")[0]
        assert "differ for some input" in stem


def test_seed_001_mcq1_softmax_invariance():
    # softmax(v s + 1 t): t shifts every entry (no effect), s rescales v (changes the output) - the seed's answer.
    inst = generate(get("attention/softmax-invariance"), 0,
                    pins={"v_coef": np.array([1, 0, 0]), "ones_coef": np.array([0, 1, 0])})
    assert inst.params["options"][inst.answers["answer"]] == SOFTMAX_STATEMENTS[(False, True)]
    assert r"s\,\mathbf{v} + t\,\mathbf{1}_K" in inst.render("question")


@pytest.mark.parametrize("template_id, statements", [("attention/head-scaling", HEAD_STATEMENTS),
                                                     ("attention/softmax-invariance", SOFTMAX_STATEMENTS)])
def test_choice_keys_vary(template_id, statements):
    keys = {generate(get(template_id), seed).answers["answer"] for seed in range(40)}
    correct = set()
    for seed in range(40):
        inst = generate(get(template_id), seed)
        correct.add(next(k for k, v in statements.items() if v == inst.params["options"][inst.answers["answer"]]))
    assert keys == {0, 1, 2, 3} and len(correct) >= 3


def test_linear_forms_by_hand():
    assert [linear_form(c) for c in ([2, -1, 1], [0, 0, 0], [-1, 0, 0], [0, 1, -3])] == ["2s - t + 1", "0", "-s", "t - 3"]
    assert scaled_term([1, 0, 0], "v") == r"s\,v" and scaled_term([0, 0, 1], "v") == "v"
    assert scaled_term([1, 1, 0], "v") == r"(s + t)\,v" and scaled_term([0, 0, 0], "v") == ""


def test_grad_q_by_hand():
    # Q = [ln 3 / 2, -ln 3 / 2]^T, K = [1, -1]^T, d_k = 1: row 1 scores (ln 3 / 2, -ln 3 / 2), so its weights are
    # sqrt 3 / (sqrt 3 + 1 / sqrt 3) = 3/4 and 1/4; row 2 mirrors it: A = [[3/4, 1/4], [1/4, 3/4]].
    # G = V = I: dL/dA = G V^T = I; c_i = sum_k a_ik (dL/dA)_ik = 3/4, dL/dS = A * (I - 3/4)
    # = [[3/16, -3/16], [-3/16, 3/16]], and dL/dQ = dL/dS K = [3/8, -3/8]^T.
    half_ln3 = np.log(3) / 2
    inst = generate(get("attention/grad-q"), 0, pins={"Q": np.array([[half_ln3], [-half_ln3]]), "K": np.array([[1], [-1]]),
                                                      "V": np.eye(2, dtype=int), "d_out": np.eye(2, dtype=int)})
    np.testing.assert_allclose(inst.answers["weights"], [[0.75, 0.25], [0.25, 0.75]], atol=1e-12)
    np.testing.assert_allclose(inst.answers["d_scores"], [[3 / 16, -3 / 16], [-3 / 16, 3 / 16]], atol=1e-12)
    np.testing.assert_allclose(inst.answers["dQ"], [[3 / 8], [-3 / 8]], atol=1e-12)


def test_grad_q_refuses_uniform_weights():
    # Q = 0: every score is 0 and A = [[1/2, 1/2], [1/2, 1/2]]: the softmax step asks nothing.
    with pytest.raises(ConstraintError, match="no uniform row"):
        generate(get("attention/grad-q"), 0, pins={"Q": np.zeros((2, 1), dtype=int), "K": np.array([[1], [-1]]),
                                                   "V": np.eye(2, dtype=int), "d_out": np.eye(2, dtype=int)})


SEED_001_TEXT = {"review": "Awful plot and actors.", "prompt": "The movie is",
                 "E": np.array([[0, 0, 0], [0, -5, 0], [1, 0, 0], [0, 0, 0], [-1, 0, 0], [0, 0, 0], [-2, 0, 0], [0, 0, 0]]),
                 "w_good": np.array([1, -1]), "w_bad": np.array([-1, 1])}


def test_seed_001_problem_2_1_relu_rnn():
    # h1 = 0; Awful: W_hx [0, -5, 0] = [-5, 5] -> [0, 5]; plot: [1, 0] + [0, 5] = [1, 5]; and: [1, 5];
    # actors.: [-1, 0] + [1, 5] = [0, 5]; The, movie ([-2, 0] + [0, 5] -> [0, 5]), is: [0, 5].
    # Logits good = 0 - 5 = -5 < bad = 5: prediction -1. The seed's printed solution agrees.
    inst = generate(get("attention/prompted-sentiment-rnn"), 0, pins={
        **SEED_001_TEXT, "W_hx": np.array([[1, 1, 0], [0, -1, -1]]), "W_hh": np.eye(2, dtype=int)})
    np.testing.assert_array_equal(inst.answers["hs"], [[0, 0], [0, 5], [1, 5], [1, 5], [0, 5], [0, 5], [0, 5], [0, 5]])
    np.testing.assert_array_equal(inst.answers["logits"], [-5, 5])
    assert inst.answers["prediction"] == -1


def test_seed_001_problem_2_3_transformer():
    inst = generate(get("attention/prompted-sentiment-transformer"), 0, pins={
        **SEED_001_TEXT, "W": np.array([[0.1, 0.0], [0.0, -0.1], [0.0, 0.1]])})
    # X = E + [0, 0, t - 1]; Q = K = V = X W: column 1 = 0.1 x_1, column 2 = 0.1 (x_3 - x_2). The last query is
    # [0, 0.7], so the scaled scores are 0.7 * column 2 / sqrt 2 = [0, .42, .14, .21, .28, .35, .42, .49] / sqrt 2.
    column1 = [sympy.Rational(c, 10) for c in (0, 0, 1, 0, -1, 0, -2, 0)]
    column2 = [sympy.Rational(c, 10) for c in (0, 6, 2, 3, 4, 5, 6, 7)]
    probs = ex.softmax_row([sympy.Rational(7, 10) * c / sympy.sqrt(2) for c in column2])
    z = [sum(p * c for p, c in zip(probs, col)) for col in (column1, column2)]
    np.testing.assert_allclose(inst.answers["probs"], [float(p) for p in probs], atol=1e-12)
    np.testing.assert_allclose(inst.answers["z"], [float(c) for c in z], atol=1e-12)
    # The seed prints p8 = [0.101, 0.136, 0.112, 0.118, 0.124, 0.130, 0.136, 0.143] and z8 = [-0.028, 0.436]:
    # right to its 3 decimals. It stops before the decision: good = z1 - z2 = -0.464 < bad = 0.464, so -1.
    np.testing.assert_allclose(inst.answers["probs"], [0.101, 0.136, 0.112, 0.118, 0.124, 0.130, 0.136, 0.143], atol=6e-4)
    np.testing.assert_allclose(inst.answers["z"], [-0.028, 0.436], atol=6e-4)
    np.testing.assert_allclose(inst.answers["logits"], [float(z[0] - z[1]), float(z[1] - z[0])], atol=1e-12)
    assert inst.answers["prediction"] == -1


def test_transformer_solution_scales_by_the_pinned_width():
    # W with three columns makes d_k = 3: the worked scores are divided by sqrt 3, not by the default width's sqrt 2.
    inst = generate(get("attention/prompted-sentiment-transformer"), 0, pins={
        **SEED_001_TEXT, "W": np.array([[0.1, 0.0, 0.1], [0.0, -0.1, 0.0], [0.0, 0.1, 0.2]]),
        "w_good": np.array([1, -1, 1]), "w_bad": np.array([-1, 1, 0])})
    assert r"{\sqrt{3}}" in inst.render("solution") and r"{\sqrt{2}}" not in inst.render("solution")


def test_causal_solution_shows_the_mask():
    inst = generate(get("attention/causal-mask"), 3)
    assert r"-\infty" in inst.render("solution") and "-inf" in inst.render("solution", mode="text")
