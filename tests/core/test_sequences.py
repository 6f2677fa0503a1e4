"""qbank.core.bpe, beam_search, decoding and ctc: hand-checked cases, published examples, brute force (PyTorch
oracles in test_sequences_torch.py)."""
import itertools

import numpy as np
import pytest

from qbank.core.beam_search import beam_search, exhaustive_best, sequence_probability
from qbank.core.bpe import apply_bpe, learn_bpe, merge_pair, pair_counts, split_word
from qbank.core.ctc import alignments, best_path, collapse, labelling_probability
from qbank.core.decoding import nucleus, nucleus_distribution, temperature_softmax

EOW = "</w>"


def test_bpe_sennrich_algorithm_1():
    # Sennrich et al. 2016, Algorithm 1: {'l o w </w>': 5, 'l o w e r </w>': 2, 'n e w e s t </w>': 6,
    # 'w i d e s t </w>': 3}. e s, s t and t </w> all occur 6 + 3 = 9 times; the reference code's max over an
    # insertion-ordered dict takes e s, the first seen - our stated tie rule. Then es t (9), est </w> (9),
    # l o (7), lo w (7).
    learned = learn_bpe(["low", "lower", "newest", "widest"], [5, 2, 6, 3], 5, end_marker=EOW)
    assert learned["merges"] == [("e", "s"), ("es", "t"), ("est", EOW), ("l", "o"), ("lo", "w")]
    assert learned["merge_counts"] == [9, 9, 9, 7, 7] and learned["ties"][0] == 3
    assert learned["segments"][2] == ("n", "e", "w", "est</w>")


def test_bpe_sennrich_figure_2():
    # Sennrich et al. 2016, Figure 2: from the dictionary {low, lowest, newer, wider} the merges r </w>, l o, lo w,
    # e r</w> are learned, and the unseen word "lower" is segmented as "low er</w>".
    merges = [("r", EOW), ("l", "o"), ("lo", "w"), ("e", "r</w>")]
    assert apply_bpe("lower", merges, end_marker=EOW) == ("low", "er</w>")
    # Every one of those merges had the top count (2) when it was made; the dictionary is full of ties.
    table = [(split_word(w, EOW), 1) for w in ["low", "lowest", "newer", "wider"]]
    for pair in merges:
        counts = pair_counts(table)
        assert counts[pair] == max(counts.values()) == 2
        table = [(merge_pair(s, pair), f) for s, f in table]


def test_bpe_by_hand():
    # hug x10, pug x5, pun x12, bun x4, hugs x5: u g occurs 10 + 5 + 5 = 20, u n 16, h u 15: the first merge is u g.
    learned = learn_bpe(["hug", "pug", "pun", "bun", "hugs"], [10, 5, 12, 4, 5], 1)
    assert learned["merges"] == [("u", "g")] and learned["merge_counts"] == [20]
    # after u g: h ug (10, 2 tokens), p ug (5, 2), p u n (12, 3), b u n (4, 3), h ug s (5, 3): 20+10+36+12+15 = 93
    assert learned["tokens"] == 93
    assert merge_pair(("a", "a", "a"), ("a", "a")) == ("aa", "a")  # left to right, no overlaps


def test_beam_by_hand():
    # p(y1) = (0.6, 0.4); from A: (0.5, 0.5), from B: (0.1, 0.9). Greedy: A then 0.5 -> 0.3; beam width 2 keeps
    # AA, AB (0.3 each) and BB (0.36) -> BB and AA/AB; the optimum BB (0.36) beats greedy's 0.3.
    start, trans = [0.6, 0.4], [[0.5, 0.5], [0.1, 0.9]]
    assert beam_search(start, trans, 2, 1)[-1][0][1] == pytest.approx(0.3)
    assert beam_search(start, trans, 2, 2)[-1][0] == ((1, 1), pytest.approx(0.36))
    assert exhaustive_best(start, trans, 2) == ((1, 1), pytest.approx(0.36))


def test_beam_with_full_width_is_exhaustive():
    rng = np.random.default_rng(0)
    for _ in range(20):
        start, trans = rng.dirichlet(np.ones(3)), rng.dirichlet(np.ones(3), size=3)
        kept = beam_search(start, trans, 3, 27)[-1]
        brute = sorted((sequence_probability(s, start, trans) for s in itertools.product(range(3), repeat=3)),
                       reverse=True)
        np.testing.assert_allclose([p for _, p in kept], brute)


def test_temperature_and_nucleus_by_hand():
    # z = (ln 6, ln 3, ln 1) at T = 1: (0.6, 0.3, 0.1); at T = 1/2 the weights square: (36, 9, 1) / 46.
    z = np.log([6.0, 3.0, 1.0])
    np.testing.assert_allclose(temperature_softmax(z, 1.0), [0.6, 0.3, 0.1])
    np.testing.assert_allclose(temperature_softmax(z, 0.5), np.array([36, 9, 1]) / 46)
    # p = 0.8: 0.6 < 0.8, 0.9 >= 0.8: two tokens, renormalized (2/3, 1/3, 0); p = 0.6 is reached by the first alone.
    assert nucleus([0.6, 0.3, 0.1], 0.8).tolist() == [0, 1]
    np.testing.assert_allclose(nucleus_distribution([0.6, 0.3, 0.1], 0.8), [2 / 3, 1 / 3, 0])
    assert nucleus([0.6, 0.3, 0.1], 0.6).tolist() == [0]


def test_ctc_graves_collapse_example():
    # Graves et al. 2006, §3.1: B(a-ab-) = B(-aa--abb) = aab (blank 0, a 1, b 2).
    assert collapse([1, 0, 1, 2, 0]) == collapse([0, 1, 1, 0, 0, 1, 2, 2]) == (1, 1, 2)


def test_ctc_by_hand():
    # Two frames, labelling "a": paths a-, -a, aa. With rows (0.5, 0.5, 0) and (0.4, 0.6, 0):
    # a- 0.5 * 0.4 = 0.2, -a 0.5 * 0.6 = 0.3, aa 0.5 * 0.6 = 0.3; p(a | x) = 0.8.
    probs = np.array([[0.5, 0.5, 0.0], [0.4, 0.6, 0.0]])
    assert sorted(alignments([1], 2, 3)) == [(0, 1), (1, 0), (1, 1)]
    assert labelling_probability(probs, [1]) == pytest.approx(0.8)
    # argmax takes the first of equal entries: frame 1 the blank, frame 2 a: path -a, labelling a.
    assert best_path(probs) == ((0, 1), pytest.approx(0.3), (1,))


def test_ctc_forward_matches_brute_force():
    rng = np.random.default_rng(1)
    for target in [(1,), (1, 2), (1, 1), (2, 1, 2)]:
        probs = rng.dirichlet(np.ones(3), size=5)
        brute = sum(np.prod(probs[np.arange(5), p]) for p in alignments(target, 5, 3))
        assert labelling_probability(probs, target) == pytest.approx(brute)
