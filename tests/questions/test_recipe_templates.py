"""The training-recipe templates (losses, dropout, clipping, ...): pinned hand-checked draws, bad pins
(every part as a choice and the CLI: test_breadth1_rendering.py)."""
import numpy as np
import pytest

from qbank.engine.generate import ConstraintError, generate
from qbank.engine.template import get


def solve(template_id, **pins):
    inst = generate(get(template_id), seed=0, pins=pins)
    get(template_id).crosscheck(inst.params, inst.answers)
    return inst


def test_softmax_cross_entropy_by_hand():
    # rows w = (1, 3, 4) and (2, 2, 1): p = (1/8, 3/8, 1/2) and (2/5, 2/5, 1/5); labels 2 and 1:
    # l1 = ln 2 = 0.6931, l2 = ln 5/2 = 0.9163; mean 0.8047; gradient (p - e_y) / 2.
    inst = solve("loss/softmax-cross-entropy", weights=[[1, 3, 4], [2, 2, 1]], targets=[2, 1], reduction="mean")
    assert inst.answers["loss"] == pytest.approx((np.log(2) + np.log(2.5)) / 2)
    np.testing.assert_allclose(inst.answers["grad"], [[0.0625, 0.1875, -0.25], [0.2, -0.3, 0.1]])
    text = inst.render("question", "text")
    assert r"(0, \ln 3, \ln 4)" in text and "averaged over the batch" in text


def test_perplexity_by_hand():
    # 1/2, 1/4, 1/8, 1/2: 7 bits over 4 tokens = 1.75 bits = 1.2130 nats; perplexity 2^1.75 = 3.3636 either way.
    bits = solve("loss/perplexity", denominators=[2, 4, 8, 2], unit="bits", vocab=1000).answers
    nats = solve("loss/perplexity", denominators=[2, 4, 8, 2], unit="nats", vocab=1000).answers
    assert bits["h"] == 1.75 and nats["h"] == pytest.approx(1.75 * np.log(2))
    assert bits["ppl"] == pytest.approx(nats["ppl"]) == pytest.approx(2 ** 1.75)
    assert bits["h_uniform"] == pytest.approx(np.log2(1000)) and nats["uniform_ppl"] == 1000


def test_dropout_under_both_conventions():
    # x = (4, -2, 1, 0, 3, 5), mask (1, 0, 1, 1, 0, 1). Drop p = 0.2 keeps q = 0.8: kept units times 1.25.
    x, mask = [4, -2, 1, 0, 3, 5], [1, 0, 1, 1, 0, 1]
    drop = solve("regularization/inverted-dropout", x=x, mask=mask, p=0.2, convention="drop").answers
    np.testing.assert_allclose(drop["y"], [5, 0, 1.25, 0, 0, 6.25])
    assert drop["scale"] == pytest.approx(1.25) and drop["test_factor"] == pytest.approx(0.8)
    keep = solve("regularization/inverted-dropout", x=x, mask=mask, p=0.2, convention="keep").answers
    assert keep["scale"] == pytest.approx(5) and keep["test_factor"] == pytest.approx(0.2)


def test_clipping_by_hand():
    # entries 2, 4, 4, 0 | 1, 2: squares 4 + 16 + 16 + 0 + 1 + 4 = 41, not a square: refused by the constraint.
    with pytest.raises(ConstraintError, match="whole number"):
        solve("optim/grad-clipping", gw=[[2, 4], [4, 0]], gb=[1, 2])
    # 6, 0, 0, 2 | 3, 0: 36 + 4 + 9 = 49, norm 7; the threshold 3.5 halves every entry.
    inst = solve("optim/grad-clipping", gw=[[6, 0], [0, 2]], gb=[3, 0], max_norm=3.5)
    assert inst.answers["norm"] == 7.0
    np.testing.assert_allclose(inst.answers["clipped_w"], [[3, 0], [0, 1]])
    np.testing.assert_allclose(inst.answers["clipped_b"], [1.5, 0])


def test_crosschecks_catch_a_wrong_key():
    for template_id, part in (("loss/softmax-cross-entropy", "loss"), ("loss/perplexity", "ppl"),
                              ("regularization/inverted-dropout", "scale"), ("optim/grad-clipping", "norm")):
        inst = generate(get(template_id), 3)
        with pytest.raises(AssertionError):
            get(template_id).crosscheck(inst.params, dict(inst.answers, **{part: inst.answers[part] + 0.01}))
