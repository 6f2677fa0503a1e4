"""qbank.core.attention: hand-checked cases, properties against exact sympy, PyTorch oracles."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from qbank.core import attention as att
from qbank.core import attention_backward as back
from qbank.questions import attention_exact as ex

SETTINGS = settings(max_examples=50, deadline=None)
# Quarter-steps in [-3, 3]: exact in binary, so sympy sees the same numbers as numpy.
entries = st.integers(-12, 12).map(lambda n: n / 4)


def matrix(rows, cols):
    return arrays(float, (rows, cols), elements=entries)


def test_exact_weights_built_from_logs():
    # Seed 004 q7. d_k = 2, so Q K^T / sqrt(2) with K = I is [[0, ln 2], [ln 2, ln 3]].
    # Row 1: softmax = (e^0, e^ln2) / (1 + 2) = (1/3, 2/3); row 2: (2, 3) / 5 = (2/5, 3/5).
    # V = [[0, 1], [1, 0]] swaps the two columns: out = [[2/3, 1/3], [3/5, 2/5]].
    Q = np.sqrt(2) * np.array([[0, np.log(2)], [np.log(2), np.log(3)]])
    out, weights = att.scaled_dot_product_attention(Q, np.eye(2), np.array([[0, 1], [1, 0]]))
    np.testing.assert_allclose(weights, [[1 / 3, 2 / 3], [2 / 5, 3 / 5]], atol=1e-12)
    np.testing.assert_allclose(out, [[2 / 3, 1 / 3], [3 / 5, 2 / 5]], atol=1e-12)


def test_steps_show_the_working_by_hand():
    # Seed 002 q6: Q K^T = [[1*2 + 2*1, 1*4 + 2*3], ...] = [[4, 10], [10, 24], [16, 38]], scaled by 1/sqrt(2).
    steps = att.sdpa_steps([[1, 2], [3, 4], [5, 6]], [[2, 1], [4, 3]], [[0.5, 1.0], [1.5, 2.0]])
    np.testing.assert_array_equal(steps["scores"], [[4, 10], [10, 24], [16, 38]])
    np.testing.assert_allclose(steps["scaled"], steps["scores"] / np.sqrt(2))
    # An explicit scale replaces 1/sqrt(d_k), as torch's `scale` argument: 1 leaves the scores, 1/2 halves them.
    for scale, expected in ((1, [[4, 10], [10, 24], [16, 38]]), (0.5, [[2, 5], [5, 12], [8, 19]])):
        scaled = att.sdpa_steps([[1, 2], [3, 4], [5, 6]], [[2, 1], [4, 3]], [[0.5, 1.0], [1.5, 2.0]], scale=scale)["scaled"]
        np.testing.assert_array_equal(scaled, expected)
    # Causal: the masked score of query 0 on key 1 is -inf; self-attention steps add pos before projecting.
    steps = att.self_attention_steps(np.eye(2), np.eye(2), np.eye(2), np.eye(2), pos=np.ones((2, 2)), causal=True)
    np.testing.assert_array_equal(steps["inputs"], [[2, 1], [1, 2]])
    assert steps["scaled"][0, 1] == -np.inf and steps["weights"][0, 1] == 0


def test_softmax_by_hand_and_stable():
    # softmax([0, ln 3]) = (1, 3) / 4; huge equal entries must not overflow: (1/2, 1/2).
    np.testing.assert_allclose(att.softmax([0.0, np.log(3)]), [0.25, 0.75], atol=1e-12)
    np.testing.assert_allclose(att.softmax([1000.0, 1000.0]), [0.5, 0.5])
    np.testing.assert_allclose(att.softmax([[0.0], [5.0]], axis=0), [[1 / (1 + np.e**5)], [np.e**5 / (1 + np.e**5)]])
    # Steps of softmax([ln 2, -inf, 0]): shifted (0, -inf, -ln 2), exp (1, 0, 1/2), total 3/2, out (2/3, 0, 1/3).
    steps = att.softmax_steps([np.log(2), -np.inf, 0.0])
    np.testing.assert_allclose(steps["exp"], [1, 0, 0.5])
    assert steps["total"] == pytest.approx(1.5)
    np.testing.assert_allclose(steps["out"], [2 / 3, 0, 1 / 3])


def test_causal_rows_by_hand():
    # All scores equal (Q = 0): row i spreads evenly over keys 0..i, so weights[i, j] = 1/(i+1) for j <= i.
    V = np.arange(6.0).reshape(3, 2)
    out, weights = att.scaled_dot_product_attention(np.zeros((3, 2)), np.ones((3, 2)), V, causal=True)
    expected = np.tril(np.ones((3, 3))) / np.arange(1, 4)[:, None]
    np.testing.assert_allclose(weights, expected, atol=1e-12)
    np.testing.assert_allclose(out[2], V.mean(axis=0), atol=1e-12)  # the last row averages every value


@SETTINGS
@given(st.data(), st.integers(1, 3), st.integers(1, 3), st.integers(1, 3), st.integers(1, 2), st.booleans())
def test_sdpa_matches_exact_sympy(data, Tq, Tk, dk, dv, causal):
    Q, K, V = data.draw(matrix(Tq, dk)), data.draw(matrix(Tk, dk)), data.draw(matrix(Tk, dv))
    out, weights = att.scaled_dot_product_attention(Q, K, V, causal=causal)
    exact_out, exact_weights, _ = ex.sdpa(Q, K, V, causal=causal)
    assert ex.close(weights, ex.numeric(exact_weights)) and ex.close(out, ex.numeric(exact_out))


@SETTINGS
@given(arrays(float, st.integers(1, 6), elements=entries), st.floats(-50, 50))
def test_softmax_shift_invariant_and_sums_to_one(x, shift):
    np.testing.assert_allclose(att.softmax(x + shift), att.softmax(x), atol=1e-12)
    assert att.softmax(x).sum() == pytest.approx(1.0)


@SETTINGS
@given(st.data(), st.integers(2, 4))
def test_self_attention_is_permutation_equivariant_without_positions(data, T):
    X, W_q, W_k, W_v = data.draw(matrix(T, 2)), data.draw(matrix(2, 2)), data.draw(matrix(2, 2)), data.draw(matrix(2, 1))
    perm = np.array(data.draw(st.permutations(range(T))))
    out, _ = att.self_attention(X, W_q, W_k, W_v)
    permuted, _ = att.self_attention(X[perm], W_q, W_k, W_v)
    np.testing.assert_allclose(permuted, out[perm], atol=1e-12)


def test_mask_and_causal_combine():
    mask = np.array([[True, False, True], [True, True, False], [False, True, True]])
    _, weights = att.scaled_dot_product_attention(np.zeros((3, 1)), np.zeros((3, 1)), np.eye(3), mask=mask, causal=True)
    # Allowed = mask AND lower triangle: row 0 {0}, row 1 {0, 1}, row 2 {1, 2}, each spread evenly.
    np.testing.assert_allclose(weights, [[1, 0, 0], [0.5, 0.5, 0], [0, 0.5, 0.5]], atol=1e-12)


def test_multi_head_by_hand_equals_per_head_attention():
    # With W_o = I the output is the two heads side by side: head i is attention on column block i.
    rng = np.random.default_rng(0)
    X, W_q, W_k, W_v = (rng.normal(size=(3, 4)), *(rng.normal(size=(4, 4)) for _ in range(3)))
    out = att.multi_head_attention(X, W_q, W_k, W_v, np.eye(4), n_heads=2)
    for head, cols in enumerate((slice(0, 2), slice(2, 4))):
        single, _ = att.self_attention(X, W_q[:, cols], W_k[:, cols], W_v[:, cols])
        np.testing.assert_allclose(out[:, cols], single, atol=1e-12, err_msg=f"head {head}")


def test_mha_shapes_and_counts_by_hand():
    # Seed 002 q7: d_model = 8, h = 2 -> d_k = 4, W_i^Q (8, 4), W^O (2*4, 8); 4*8*8 weights + 4*8 biases.
    shapes = att.mha_projection_shapes(8, 2)
    assert shapes["W_q_i"] == shapes["W_v_i"] == (8, 4) and shapes["W_o"] == (8, 8) and shapes["d_k"] == 4
    assert att.mha_activation_shapes(4, 8, 2) == {"head": (4, 4), "scores": (4, 4), "concat": (4, 8), "out": (4, 8)}
    assert att.mha_param_count(8, 2) == 4 * 64 + 4 * 8
    assert att.mha_param_count(8, 2, bias=False) == 256


def test_sinusoidal_encoding_by_hand():
    # pos 0: sin 0 = 0 in even columns, cos 0 = 1 in odd ones. pos 1, d = 4: angles 1, 1, 1/100, 1/100.
    pe = att.sinusoidal_positional_encoding(3, 4)
    np.testing.assert_allclose(pe[0], [0, 1, 0, 1])
    np.testing.assert_allclose(pe[1], [np.sin(1), np.cos(1), np.sin(0.01), np.cos(0.01)])
    assert att.sinusoidal_positional_encoding(2, 3).shape == (2, 3)


@pytest.mark.parametrize("call, message", [
    (lambda: att.scaled_dot_product_attention(np.ones((2, 3)), np.ones((2, 2)), np.ones((2, 1))), r"Q \(2, 3\) and K \(2, 2\)"),
    (lambda: att.scaled_dot_product_attention(np.ones((2, 2)), np.ones((3, 2)), np.ones((2, 1))), r"K \(3, 2\) and V \(2, 1\)"),
    (lambda: att.scaled_dot_product_attention(np.ones(2), np.ones((2, 2)), np.ones((2, 1))), "at least 2 dimensions"),
    (lambda: att.scaled_dot_product_attention(np.ones((2, 1)), np.ones((2, 1)), np.ones((2, 1)),
                                              mask=np.array([[True, True], [False, False]])), "query row 1"),
    (lambda: att.scaled_dot_product_attention(np.ones((2, 1)), np.ones((2, 1)), np.ones((2, 1)),
                                              mask=np.ones((2, 3), dtype=bool)), r"shape \(2, 2\)"),
    (lambda: att.self_attention(np.ones((2, 2)), np.ones((3, 1)), np.ones((2, 1)), np.ones((2, 1))), r"W_q must be \(2, d_out\)"),
    (lambda: att.self_attention(np.ones((2, 2)), *[np.ones((2, 1))] * 3, pos=np.ones((3, 2))), "pos must"),
    (lambda: att.multi_head_attention(np.ones((2, 6)), *[np.eye(6)] * 4, n_heads=4), "not divisible"),
    (lambda: att.multi_head_attention(np.ones((2, 4)), np.eye(3), *[np.eye(4)] * 3, n_heads=2), r"W_q must be \(4, 4\)"),
    (lambda: att.mha_param_count(10, 3), "d_model=10 is not divisible by n_heads=3"),
    (lambda: back.sdpa_backward(np.ones((2, 1)), np.ones((2, 1)), np.ones((2, 1)), np.ones((2, 2))), "d_out"),
])
def test_bad_shapes_name_the_shapes(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_backward_matches_central_differences():
    # dL/dQ for L = sum(d_out * out), each entry by (L(Q + h e) - L(Q - h e)) / 2h.
    rng = np.random.default_rng(1)
    Q, K, V, d_out = rng.normal(size=(2, 3)), rng.normal(size=(4, 3)), rng.normal(size=(4, 2)), rng.normal(size=(2, 2))
    dQ, dK, dV = back.sdpa_backward(Q, K, V, d_out, causal=True)
    for arg, grad in ((0, dQ), (1, dK), (2, dV)):
        numeric = np.zeros_like(grad)
        for idx in np.ndindex(grad.shape):
            step = np.zeros_like(grad)
            step[idx] = 1e-6
            plus, minus = [list((Q, K, V)) for _ in range(2)]
            plus[arg], minus[arg] = plus[arg] + step, minus[arg] - step
            numeric[idx] = (np.sum(d_out * att.scaled_dot_product_attention(*plus, causal=True)[0])
                            - np.sum(d_out * att.scaled_dot_product_attention(*minus, causal=True)[0])) / 2e-6
        np.testing.assert_allclose(grad, numeric, atol=1e-7)
