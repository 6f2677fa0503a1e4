"""qbank.core's training-recipe functions (dropout, clipping, perplexity, cross-entropy reductions) by hand and
against exact arithmetic, with the published worked examples they reproduce."""
import math
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings, strategies as st

from qbank.core.clipping import clip_by_global_norm, clip_by_value, clip_each_by_norm, global_norm
from qbank.core.dropout import (
    inverted_dropout_train, inverted_scale, keep_probability, original_dropout_test_factor, original_dropout_train)
from qbank.core.losses import cross_entropy, cross_entropy_grad
from qbank.core.perplexity import (
    cross_entropy_per_token, perplexity, perplexity_from_cross_entropy, uniform_cross_entropy, uniform_perplexity)

SETTINGS = settings(max_examples=40, deadline=None)


def test_cs231n_softmax_example():
    # CS231n notes, "Linear classification", the SVM-vs-Softmax figure: scores (-2.85, 0.86, 0.28) with the
    # correct class third; exp gives (0.058, 2.36, 1.32), normalized (0.016, 0.631, 0.353), loss -ln 0.353 = 1.04.
    assert round(cross_entropy([-2.85, 0.86, 0.28], 2), 2) == 1.04
    np.testing.assert_allclose(cross_entropy_grad([-2.85, 0.86, 0.28], 2), [0.016, 0.631, 0.353 - 1], atol=1e-3)


def test_cross_entropy_reductions_by_hand():
    # logits ln(1, 3) and ln(1, 1): p = (1/4, 3/4) and (1/2, 1/2); labels 1 and 0: -ln 3/4 and -ln 1/2.
    z, y = np.log([[1, 3], [1, 1]]), np.array([1, 0])
    total = math.log(4 / 3) + math.log(2)
    assert cross_entropy(z, y, "sum") == pytest.approx(total)
    assert cross_entropy(z, y) == pytest.approx(total / 2)
    np.testing.assert_allclose(cross_entropy_grad(z, y, "sum"), [[0.25, -0.25], [-0.5, 0.5]])
    np.testing.assert_allclose(cross_entropy_grad(z, y), [[0.125, -0.125], [-0.25, 0.25]])
    with pytest.raises(ValueError, match="reduction"):
        cross_entropy(z, y, "none")


@SETTINGS
@given(st.lists(st.lists(st.integers(1, 9), min_size=3, max_size=3), min_size=1, max_size=3), st.data())
def test_cross_entropy_of_log_weights_is_exact(weights, data):
    targets = [data.draw(st.integers(0, 2)) for _ in weights]
    z = np.log(np.asarray(weights, dtype=float))
    expected = [[Fraction(w, sum(row)) - (c == y) for c, w in enumerate(row)] for row, y in zip(weights, targets)]
    np.testing.assert_allclose(cross_entropy_grad(z, np.array(targets), "sum"), np.array(expected, dtype=float),
                               atol=1e-12)
    loss = sum(sympy.log(sympy.Rational(sum(row), row[y])) for row, y in zip(weights, targets))
    assert cross_entropy(z, np.array(targets), "sum") == pytest.approx(float(loss), abs=1e-12)


def test_dropout_conventions_and_published_rates():
    # Srivastava et al. 2014 keep inputs with p = 0.8 and hidden units with p = 0.5 (their p retains); torch's
    # nn.Dropout(p) drops with p and scales by 1/(1 - p) (PyTorch docs). CS231n's notes keep with p = 0.5 and
    # divide by p ("inverted dropout"): a factor 2.
    assert keep_probability(0.8, "keep") == keep_probability(0.2, "drop") == pytest.approx(0.8)
    assert inverted_scale(keep_probability(0.2, "drop")) == pytest.approx(1.25)
    assert inverted_scale(keep_probability(0.5, "keep")) == 2.0
    assert original_dropout_test_factor(0.8) == 0.8  # Srivastava et al.: weights times p at test time
    x, mask = np.array([2.0, -1.0, 4.0]), np.array([1, 0, 1])
    np.testing.assert_allclose(inverted_dropout_train(x, mask, 0.8), [2.5, 0.0, 5.0])
    np.testing.assert_allclose(original_dropout_train(x, mask), [2.0, 0.0, 4.0])
    for bad in ((1.0, "drop"), (0.0, "keep"), (1.5, "drop"), (0.5, "retain")):
        with pytest.raises(ValueError):
            keep_probability(*bad)
    with pytest.raises(ValueError, match="mask"):
        inverted_dropout_train(x, [1, 2, 0], 0.5)


@SETTINGS
@given(st.lists(st.integers(-9, 9), min_size=4, max_size=4), st.sampled_from(["1/5", "1/4", "2/5", "1/2", "4/5"]))
def test_inverted_dropout_keeps_the_expectation(x, keep):
    # E[y] over all 2^4 masks, each with probability q^kept (1 - q)^dropped, equals x exactly.
    q = Fraction(keep)
    expected = [Fraction(0)] * 4
    for bits in range(16):
        mask = [(bits >> i) & 1 for i in range(4)]
        weight = math.prod(q if m else 1 - q for m in mask)
        y = inverted_dropout_train(x, mask, float(q))
        expected = [e + weight * Fraction(v).limit_denominator(1000) for e, v in zip(expected, y)]
    assert expected == [Fraction(v) for v in x]


def test_global_norm_clipping_by_hand_and_sutskever_threshold():
    # Sutskever, Vinyals & Le 2014, §3.4: "if s = ||g||_2 > 5, we set g = 5g/s". For g = (6, 8) and (0,): s = 10,
    # so g becomes (3, 4); a norm below the threshold is left alone.
    (w, b), norm, coef = clip_by_global_norm([np.array([6.0, 8.0]), np.array([0.0])], 5.0)
    assert (norm, coef) == (10.0, 0.5)
    np.testing.assert_allclose(w, [3.0, 4.0])
    (w,), _, coef = clip_by_global_norm([np.array([3.0, 4.0])], 5.0)
    assert coef == 1.0 and w.tolist() == [3.0, 4.0]
    # per tensor: (6, 8) -> (3, 4) and (0,) stays; by value at 5: (5, 5)
    assert [a.tolist() for a in clip_each_by_norm([[6.0, 8.0], [0.0]], 5.0)] == [[3.0, 4.0], [0.0]]
    assert clip_by_value([[6.0, -8.0]], 5.0)[0].tolist() == [5.0, -5.0]
    with pytest.raises(ValueError, match="max_norm"):
        clip_by_global_norm([[1.0]], 0.0)


@SETTINGS
@given(st.lists(st.integers(-9, 9), min_size=1, max_size=6), st.lists(st.integers(-9, 9), min_size=1, max_size=6),
       st.integers(1, 20))
def test_global_norm_is_exact(a, b, threshold):
    norm = sympy.sqrt(sum(v * v for v in a + b))
    assert global_norm([a, b]) == pytest.approx(float(norm), abs=1e-12)
    (ca, cb), _, _ = clip_by_global_norm([a, b], threshold)
    coef = sympy.Min(1, sympy.Integer(threshold) / norm) if norm else 1
    np.testing.assert_allclose(np.concatenate([ca, cb]), [float(coef * v) for v in a + b], atol=1e-12)


def test_slp3_uniform_digits_perplexity():
    # Jurafsky & Martin, SLP 3rd ed., §3.3: a language of the ten digits, each with probability 1/10, has
    # perplexity 10; in bits its cross-entropy is log2 10 = 3.3219.
    assert perplexity([0.1] * 7) == pytest.approx(10)
    assert uniform_perplexity(10) == pytest.approx(10)
    assert uniform_cross_entropy(10, "bits") == pytest.approx(math.log2(10))


def test_perplexity_is_the_same_in_both_units():
    # probabilities 1/2, 1/4, 1/8, 1/2: 1 + 2 + 3 + 1 = 7 bits over 4 tokens, H = 1.75 bits, PP = 2^1.75
    probs = [0.5, 0.25, 0.125, 0.5]
    assert cross_entropy_per_token(probs, "bits") == 1.75
    assert cross_entropy_per_token(probs, "nats") == pytest.approx(1.75 * math.log(2))
    assert perplexity(probs) == pytest.approx(2 ** 1.75)
    assert perplexity_from_cross_entropy(1.75, "bits") == pytest.approx(perplexity(probs))
    for bad in ([], [0.0, 0.5], [1.5]):
        with pytest.raises(ValueError):
            cross_entropy_per_token(bad)
    with pytest.raises(ValueError, match="unit"):
        perplexity_from_cross_entropy(1.0, "bans")
