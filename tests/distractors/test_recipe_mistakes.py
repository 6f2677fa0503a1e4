"""The training-recipe templates' modelled mistakes, each checked on one case worked by hand."""
import math

import numpy as np
import pytest

SOFTMAX = {"weights": np.array([[1, 3, 4], [2, 2, 1]]), "targets": np.array([2, 1]), "reduction": "mean"}


def test_softmax_cross_entropy_mistakes(wrong):
    key = (math.log(2) + math.log(2.5)) / 2  # see test_recipe_templates: l1 = ln 2, l2 = ln 2.5
    tpl = "loss/softmax-cross-entropy"
    assert wrong(tpl, "loss", "used $\\log_2$ instead of the natural logarithm", SOFTMAX) == pytest.approx(
        key / math.log(2))
    other = "used the other reduction (sum for mean or mean for sum)"
    assert wrong(tpl, "loss", other, SOFTMAX) == pytest.approx(2 * key)
    # the most likely classes are 2 (p = 1/2, the label) and 0 (p = 2/5, first of a tie): l2 becomes ln 2.5 again
    assert wrong(tpl, "loss", "took the most likely class as the label", SOFTMAX) == pytest.approx(key)
    swapped = dict(SOFTMAX, targets=np.array([0, 1]))  # argmax (2, 0) differs: ln 2 / 2 + ln 2.5 / 2
    assert wrong(tpl, "loss", "took the most likely class as the label", swapped) == pytest.approx(key)
    same = dict(SOFTMAX, targets=np.array([2, 0]))  # the labels are the most likely classes: nothing to slip
    assert wrong(tpl, "loss", "took the most likely class as the label", same) is None
    np.testing.assert_allclose(wrong(tpl, "grad", "computed $y - p$ (the sign flipped)", SOFTMAX),
                               [[-0.0625, -0.1875, 0.25], [-0.2, 0.3, -0.1]])
    np.testing.assert_allclose(wrong(tpl, "grad", "gave the probabilities $p$ without subtracting the label", SOFTMAX),
                               [[0.0625, 0.1875, 0.25], [0.2, 0.2, 0.1]])


def test_perplexity_mistakes(wrong):
    p = {"denominators": [2, 4, 8, 2], "unit": "bits", "vocab": 1000}  # H = 1.75 bits, PP = 2^1.75
    assert wrong("loss/perplexity", "h", "used the other unit (bits for nats or nats for bits)", p) == pytest.approx(
        1.75 * math.log(2))
    assert wrong("loss/perplexity", "h", "added the token costs without dividing by $T$", p) == 7
    assert wrong("loss/perplexity", "ppl", "raised the other unit's base to the cross-entropy", p) == pytest.approx(
        math.exp(1.75))
    # arithmetic mean of 2, 4, 8, 2 = 4; the inverse of 2^1.75
    assert wrong("loss/perplexity", "ppl", "took the arithmetic mean of $1/p_t$ instead of the geometric mean", p) == 4
    assert wrong("loss/perplexity", "ppl", "inverted the perplexity (the geometric mean of $p_t$)", p) == pytest.approx(
        2 ** -1.75)


def test_dropout_mistakes(wrong):
    p = {"x": np.array([4, -2, 1, 0, 3, 5]), "mask": np.array([1, 0, 1, 1, 0, 1]), "p": 0.2, "convention": "drop"}
    tpl = "regularization/inverted-dropout"
    # read as keep 0.2: scale 5; times q: 0.8
    assert wrong(tpl, "scale", "read $p$ as the other convention's probability", p) == pytest.approx(5)
    assert wrong(tpl, "scale", "multiplied by the keep probability instead of dividing", p) == pytest.approx(0.8)
    np.testing.assert_allclose(wrong(tpl, "y", "did not rescale the kept units (the original dropout)", p),
                               [4, 0, 1, 0, 0, 5])
    np.testing.assert_allclose(wrong(tpl, "y", "scaled every unit, the dropped ones included", p),
                               [5, -2.5, 1.25, 0, 3.75, 6.25])
    np.testing.assert_allclose(wrong(tpl, "y", "read $p$ as the other convention's probability", p),
                               [20, 0, 5, 0, 0, 25])
    assert wrong(tpl, "test_factor", "used the drop probability", p) == pytest.approx(0.2)


def test_clipping_mistakes(wrong):
    # g_W = [[6, 0], [0, 2]], g_b = [3, 0]: norm 7, ||g_W|| = sqrt(40), ||g_b|| = 3; threshold 3.5.
    p = {"gw": np.array([[6, 0], [0, 2]]), "gb": np.array([3, 0]), "max_norm": 3.5}
    tpl = "optim/grad-clipping"
    assert wrong(tpl, "norm", "added the two tensors' norms", p) == pytest.approx(math.sqrt(40) + 3)
    assert wrong(tpl, "norm", "forgot the square root", p) == pytest.approx(49)
    # per tensor: g_b has norm 3 < 3.5 and stays; g_W is scaled by 3.5 / sqrt(40)
    np.testing.assert_allclose(wrong(tpl, "clipped_b", "clipped each tensor by its own norm", p), [3, 0])
    np.testing.assert_allclose(wrong(tpl, "clipped_w", "clipped each tensor by its own norm", p),
                               np.array([[6, 0], [0, 2]]) * 3.5 / math.sqrt(40))
    np.testing.assert_allclose(wrong(tpl, "clipped_w", "clamped each entry to $[-c, c]$ (clipping by value)", p),
                               [[3.5, 0], [0, 2]])
    np.testing.assert_allclose(wrong(tpl, "clipped_b", "multiplied by the ratio upside down, norm over threshold", p),
                               [6, 0])
    np.testing.assert_allclose(wrong(tpl, "clipped_b", "forgot the square root in the norm", p), [3 * 3.5 / 49, 0])
