"""Sequence templates (BPE, beam search, temperature and top-p, CTC), pinned by hand."""
import numpy as np
import pytest

from qbank.engine.generate import generate
from qbank.engine.template import get
from qbank.errors import InputError


def test_bpe_by_hand():
    # hug x10, pug x5, pun x12, bun x4, hugs x5 (the Hugging Face course's table): u g 20; then u n 16; then
    # h ug 15 (hug 10 + hugs 5). Afterwards: hug(10) p ug(5) p un(12) b un(4) hug s(5): 10 + 10 + 24 + 8 + 10 = 62
    # tokens. "bugs" becomes b ug s: 3 tokens.
    inst = generate(get("sequences/bpe"), 0, pins={"words": ["hug", "pug", "pun", "bun", "hugs"],
                                                   "counts": np.array([10, 5, 12, 4, 5]), "new_word": "bugs"})
    assert inst.answers["merge_counts"].tolist() == [20, 16, 15]
    assert inst.answers["corpus_tokens"] == 62 and inst.answers["new_word_tokens"] == 3
    assert "\\texttt{h + ug} $\\to$ \\texttt{hug}" in inst.render("solution")


def test_bpe_refuses_a_tied_table():
    # low x5, lower x2, newest x6, widest x3: e s, s t and t e... tie at 9 (Sennrich et al.'s table, no marker).
    with pytest.raises(InputError, match="no two pairs share the top count"):
        generate(get("sequences/bpe"), 0, pins={"words": ["low", "lower", "newest", "widest"],
                                                "counts": np.array([5, 2, 6, 3]), "new_word": "slow"})


def test_beam_by_hand():
    # p(y1) = (0.5, 0.4, 0.1). From A: (0.4, 0.3, 0.3); from B: (0.1, 0.1, 0.8); from C: (0.1, 0.8, 0.1).
    # Step 1: A 0.5, B 0.4. Step 2: BC 0.32, AA 0.2 (AB, AC 0.15). Step 3: BCB 0.256, AAA 0.08: beam 0.256.
    # Greedy: A, A (0.2), A (0.08). Optimum: BCB 0.256.
    inst = generate(get("sequences/beam-search"), 0, pins={
        "start": np.array([0.5, 0.4, 0.1]),
        "transition": np.array([[0.4, 0.3, 0.3], [0.1, 0.1, 0.8], [0.1, 0.8, 0.1]])})
    a = inst.answers
    np.testing.assert_allclose(a["beam2"], [0.32, 0.2])
    assert a["beam_best"] == pytest.approx(0.256) and a["greedy"] == pytest.approx(0.08)
    assert a["optimal"] == pytest.approx(0.256)


def test_top_p_by_hand():
    # z = (2, 1, 0, -1, -2) at T = 1: weights e^2, e, 1, 1/e, 1/e^2 over 11.61: (0.636, 0.234, 0.086, 0.032, 0.012).
    # Running sums 0.636, 0.870, 0.956: p = 0.8 keeps 2 tokens; the likeliest is drawn with 0.636 / 0.870 = 0.731.
    inst = generate(get("sequences/top-p"), 0, pins={"logits": np.array([2, 1, 0, -1, -2]), "temperature": 1.0,
                                                     "top_p": 0.8})
    w = np.exp([2.0, 1, 0, -1, -2])
    np.testing.assert_allclose(inst.answers["probs"], w / w.sum())
    assert inst.answers["nucleus_size"] == 2
    assert inst.answers["top_renorm"] == pytest.approx(w[0] / (w[0] + w[1]))


def test_ctc_by_hand():
    # Labelling "a" over 4 frames: paths with a in a block of frames and blanks around it: 10 of them
    # (choose the first and last frame of the run: 4 + 3 + 2 + 1). Greedy on frames whose likeliest is b, -, -, -
    # gives "b".
    probs = np.array([[0.2, 0.1, 0.7], [0.6, 0.3, 0.1], [0.7, 0.2, 0.1], [0.5, 0.4, 0.1]])
    inst = generate(get("sequences/ctc"), 0, pins={"target": np.array([1]), "probs": probs})
    assert inst.answers["n_alignments"] == 10
    assert inst.answers["best_path"] == pytest.approx(0.7 * 0.6 * 0.7 * 0.5)
    # p(a): sum over the runs [i, j] of a's with blanks elsewhere
    total = sum(np.prod([probs[t, 1] if i <= t <= j else probs[t, 0] for t in range(4)])
                for i in range(4) for j in range(i, 4))
    assert inst.answers["p_target"] == pytest.approx(total)


def test_ctc_refuses_a_greedy_labelling_with_a_single_path():
    # Frames whose likeliest symbols are b, a, -, a: greedy outputs "baa", which 4 frames can spell only as
    # b a - a (the repeated a needs a blank between), so its probability would be the best path's, asked twice.
    probs = np.array([[0.4, 0.1, 0.5], [0.4, 0.5, 0.1], [0.6, 0.3, 0.1], [0.3, 0.6, 0.1]])
    with pytest.raises(InputError, match="the greedy labelling has other paths than the best one"):
        generate(get("sequences/ctc"), 0, pins={"target": np.array([1, 1]), "probs": probs})
