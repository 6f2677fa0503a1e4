"""Attention mistakes of the other templates, each by hand: grad-q, MHA counts and shapes, exact fractions,
prompted sentiment (transformer and RNN), and the permutation question's slips as its other parts' answers."""
from fractions import Fraction as F

import numpy as np

from qbank.distractors.mistakes.attention import LABELS
from qbank.engine.generate import generate
from qbank.engine.template import get


def test_grad_q_mistakes_by_hand(wrong):
    # Q = 0: A = [[1/2, 1/2]] * 2; dL/dA = d_out V^T = d_out (V = I) = [[1, 0], [0, 0]]
    p = {"Q": np.zeros((2, 2)), "K": np.eye(2), "V": np.eye(2), "d_out": np.array([[1, 0], [0, 0]])}
    # Diagonal only: A * dL/dA = [[1/2, 0], [0, 0]] (the truth subtracts row 0's sum 1/2: [[1/4, -1/4], [0, 0]])
    assert np.allclose(wrong("attention/grad-q", "d_scores", "kept only the diagonal of the softmax Jacobian "
                             "(A times dL/dA)", p), [[1 / 2, 0], [0, 0]])
    # dQ = dL/dS K / sqrt 2 with K = I; the slip keeps dL/dS = [[1/4, -1/4], [0, 0]]
    label = "left out the division by the square root of the key dimension in the chain rule"
    assert np.allclose(wrong("attention/grad-q", "dQ", label, p), [[1 / 4, -1 / 4], [0, 0]])


def test_mha_count_mistakes_by_hand(wrong):
    p = {"d_model": 8, "n_heads": 2, "T": 5}  # d_k = 4
    # with biases: 4 * 8^2 + 4 * 8 = 288; no biases 256; without W^O and its bias: 3 * 64 + 3 * 8 = 216 (or 192)
    assert wrong("attention/mha-dims", "params_bias", "left out the output projection", p) == 216
    assert wrong("attention/mha-dims", "params_no_bias", "left out the output projection", p) == 192
    assert wrong("attention/mha-dims", "params_bias", "forgot the biases", p) == 256
    assert wrong("attention/mha-dims", "params_no_bias", "counted the biases", p) == 288
    whole = "counted every head as a whole one-head layer of the full model width"
    assert wrong("attention/mha-dims", "params_bias", whole, p) == 576 and wrong(  # 2 * 288
        "attention/mha-dims", "params_no_bias", whole, p) == 512
    full = "gave every head the full model width instead of the model width divided by the number of heads"
    # per head (8, 8) instead of (8, 4); W^O (2 * 8, 8); a head (5, 8); the concatenation (5, 2 * 8)
    assert [wrong("attention/mha-dims", part, full, p) for part in ("W_qkv_i", "W_o", "head", "concat")] == [
        (8, 8), (16, 8), (5, 8), (5, 16)]
    assert wrong("attention/mha-dims", "W_qkv_i", "gave the shape of the projected queries instead of the weight",
                 p) == (5, 4)
    assert wrong("attention/mha-dims", "W_o", "sized the output projection for one head's output only", p) == (4, 8)
    assert wrong("attention/mha-dims", "head", "gave the shape of the attention weights", p) == (5, 5)
    assert wrong("attention/mha-dims", "concat", "gave one head's shape", p) == (5, 4)


def test_exact_mistakes_by_hand(wrong):
    # M = [[3, 1], [2, 2]], K swaps the two keys, V = [[4], [0]]
    p = {"M": np.array([[3, 1], [2, 2]]), "K": np.array([[0, 1], [1, 0]]), "V": np.array([[4], [0]])}
    column = wrong("attention/sdpa-exact", "weights", LABELS["wrong_axis"], p)
    assert column.tolist() == [[F(3, 5), F(1, 3)], [F(2, 5), F(2, 3)]]  # columns of M over their sums
    assert wrong("attention/sdpa-exact", "out", LABELS["wrong_axis"], p).tolist() == [[F(12, 5)], [F(8, 5)]]
    # A = [[3/4, 1/4], [1/2, 1/2]]: A^T V = 4 * [3/4, 1/4] = [[3], [1]]
    assert wrong("attention/sdpa-exact", "out", LABELS["transposed"], p).tolist() == [[3], [1]]
    # scores ln(M K) = ln [[1, 3], [2, 2]]: weights [[1/4, 3/4], [1/2, 1/2]], out [[1], [2]]
    no_k = "left out the product with K transposed (took Q itself as the scores)"
    assert wrong("attention/sdpa-exact", "weights", no_k, p).tolist() == [[F(1, 4), F(3, 4)], [F(1, 2), F(1, 2)]]
    assert wrong("attention/sdpa-exact", "out", no_k, p).tolist() == [[1], [2]]


def test_sequence_mistakes_by_hand(wrong):
    # E = 0, so the inputs are the positions [0, 0, t]; W reads the third coordinate:
    # Q = K = V = [[0, 0], [1, 0], [2, 0]]
    p = {"E": np.zeros((3, 3)), "W": np.array([[0, 0], [0, 0], [1, 0]]), "w_good": [1, 0], "w_bad": [0, 1]}
    tpl = "attention/prompted-sentiment-transformer"
    # Without positions every score is 0: the last token attends uniformly and z = 0
    assert np.allclose(wrong(tpl, "probs", "forgot the positional embeddings", p), 1 / 3)
    # Unscaled scores of the last token q = [2, 0]: [0, 2, 4]; z = (e^2 + 2 e^4) / (1 + e^2 + e^4) [1, 0]
    e2, e4 = np.exp(2), np.exp(4)
    assert np.allclose(wrong(tpl, "logits", LABELS["no_scale"], p), [(e2 + 2 * e4) / (1 + e2 + e4), 0])
    # Columns under the causal mask: column 0 uniform over 3 rows, column 1 over the scaled scores 1/sqrt 2 and
    # sqrt 2 of rows 1 and 2, column 2 only row 2
    r = np.sqrt(2)
    column_1 = np.exp(r) / (np.exp(r / 2) + np.exp(r))
    assert np.allclose(wrong(tpl, "probs", LABELS["wrong_axis"], p), [1 / 3, column_1, 1])
    # (A^T V) for the last token is A[2, 2] V[2] = 2 e^(2 sqrt 2) / (1 + e^sqrt 2 + e^(2 sqrt 2)) [1, 0]
    a22 = np.exp(2 * r) / (1 + np.exp(r) + np.exp(2 * r))
    assert np.allclose(wrong(tpl, "z", LABELS["transposed"], p), [2 * a22, 0])
    # RNN: x = [1, 0, 0] twice, W_hx x = [1, -1], W_hh = I. ReLU: h1 = [1, 0], h2 = relu([2, -1]) = [2, 0]
    rnn = {"E": np.array([[1, 0, 0], [1, 0, 0]]), "W_hx": np.array([[1, 0, 0], [-1, 0, 0]]), "W_hh": np.eye(2),
           "w_good": [1, 0], "w_bad": [0, 1]}
    tpl = "attention/prompted-sentiment-rnn"
    assert np.allclose(wrong(tpl, "hs", "left out the ReLU", rnn), [[1, -1], [2, -2]])  # h2 = [1, -1] + h1
    assert np.allclose(wrong(tpl, "hs", "left out the recurrent term", rnn), [[1, 0], [1, 0]])
    assert np.allclose(wrong(tpl, "logits", "left out the ReLU", rnn), [2, -2])


def test_permutation_mistakes_are_the_other_parts_answers(wrong):
    inst = generate(get("attention/permutation"), 3)
    p, a, perm = inst.params, inst.answers, inst.params["perm"]
    tpl = "attention/permutation"
    unchanged = "took the output as unchanged by the permutation (invariance instead of equivariance)"
    assert np.allclose(wrong(tpl, "out_perm", unchanged, p), a["out"])
    # equivariance: SA(X[perm^-1]) = SA(X)[perm^-1]
    assert np.allclose(wrong(tpl, "out_perm", "permuted the rows of the output of (a) the inverse way", p),
                       a["out"][np.argsort(perm)])
    assert np.allclose(wrong(tpl, "out_pos", "forgot to add the positional encoding", p), a["out"])
    assert np.allclose(wrong(tpl, "out_perm_pos", "forgot to add the positional encoding", p), a["out_perm"])
    # P moved with the tokens: SA(X[perm] + P[perm]) = SA(X + P)[perm]
    moved = "moved the positional encodings along with the tokens (as if equivariance still held)"
    assert np.allclose(wrong(tpl, "out_perm_pos", moved, p), a["out_pos"][perm])
