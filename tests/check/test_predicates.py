"""Degeneracy predicates on hand-made arrays."""
import numpy as np

from qbank.check.predicates import (at_kink, equal_rows, max_tie, pool_window_tie, prints_as_zero, prints_differently,
                                     rounding_tie, rounds_to_bound, uniform_row)


def test_max_tie():
    assert max_tie([1, 3, 3])  # 3 twice: argmax ambiguous
    assert not max_tie([1, 3, 2])
    assert max_tie([0.501, 0.499], digits=1)  # both print as 0.5
    assert max_tie([[1, 2], [5, 5]], axis=-1)  # the second row ties
    assert not max_tie([[1, 2], [5, 4]], axis=-1)


def test_pool_window_tie():
    x = np.array([[1, 4, 2, 0],
                  [3, 0, 2, 1],
                  [0, 1, 5, 6],
                  [2, 2, 0, 0]])  # (4, 4)
    # 2x2 windows, stride 2: maxima 4 (once), 2 (twice: x[0,2] and x[1,2]) -> tie.
    assert pool_window_tie(x, 2)
    x[1, 2] = 1  # the top-right window is now [2, 0, 1, 1]: 2 once
    # bottom-left [0, 1, 2, 2]: 2 twice -> still a tie
    assert pool_window_tie(x, 2)
    x[3, 0] = 3  # bottom-left now [0, 1, 3, 2]: max 3 once; bottom-right [5, 6, 0, 0]: 6 once
    assert not pool_window_tie(x, 2)
    # x = [[1,4,2,0],[3,0,1,1],[0,1,5,6],[3,2,0,0]]; all nine stride-1 windows have a single max:
    # [1,4,3,0] [4,2,0,1] [2,0,1,1] / [3,0,0,1] [0,1,1,5] [1,1,5,6] / [0,1,3,2] [1,5,2,0] [5,6,0,0]
    assert not pool_window_tie(x, 2, stride=1)
    x[2, 1] = 5  # the middle window [0,1,5,5] ties; the stride-2 windows [1,4,3,0] [2,0,1,1] [0,5,3,2] [5,6,0,0] do not
    assert pool_window_tie(x, 2, stride=1)
    assert not pool_window_tie(x, 2)


def test_pool_window_tie_checks_each_channel():
    x = np.zeros((2, 2, 2))  # (C, H, W)
    x[0] = [[1, 2], [3, 4]]
    x[1] = [[7, 7], [0, 1]]  # channel 1 ties
    assert pool_window_tie(x, 2)
    assert not pool_window_tie(x[:1], 2)


def test_at_kink_and_rounds_to_bound():
    assert at_kink([0.5, 0.0, -1.0])  # a ReLU input exactly at 0
    assert not at_kink([0.5, 0.001])
    assert at_kink([0.5, 0.001], digits=2)  # prints as 0.00
    assert rounds_to_bound([0.9996, 0.0004], digits=3)  # prints as 1.000 and 0.000
    assert not rounds_to_bound([0.7, 0.3], digits=3)


def test_rounds_to_bound_for_tanh():
    assert rounds_to_bound([0.3, -0.99996], digits=4, low=-1.0, high=1.0)  # -0.99996 prints as -1.0000
    assert not rounds_to_bound([0.3, -0.9999], digits=4, low=-1.0, high=1.0)


def test_prints_as_zero():
    assert prints_as_zero([0.5, 0.0], digits=4)  # an exact zero
    assert prints_as_zero([0.5, 2.8e-17], digits=4)  # float noise where the exact value is 0
    assert prints_as_zero([0.5, -0.00004], digits=4)  # too small to show: -0.0000
    assert not prints_as_zero([0.5, 0.00006, -0.0001], digits=4)  # 0.0001 and -0.0001


def test_uniform_row():
    assert uniform_row([[0.5, 0.5], [0.2, 0.8]])  # row 0 spreads 1/2, 1/2
    assert uniform_row([[1, 0, 0], [0.5, 0.5, 0]])  # causal: row 1 sees two keys, equally
    assert not uniform_row([[1, 0, 0], [0.3, 0.7, 0]])  # row 0 sees one key: nothing to spread
    assert uniform_row([1 / 3, 1 / 3, 1 / 3])


def test_equal_rows():
    assert equal_rows([[1, 2], [0, 1], [1, 2]])  # rows 0 and 2
    assert not equal_rows([[1, 2], [2, 1]])
    assert equal_rows([0.5, 0.5])  # a column: two equal entries
    assert not equal_rows([[1, 2]])  # one row


def test_rounding_tie():
    # 0.07125 * 10^4 = 712.5: halfway between 0.0712 and 0.0713 (binary 0.07125 is 0.0712499999..., printed 0.0712)
    assert rounding_tie(0.07125, 4)
    assert not rounding_tie(0.07126, 4)
    assert rounding_tie([0.1, -0.25], 1)  # |-0.25| * 10 = 2.5
    assert not rounding_tie([0.1, 0.25], 2)


def test_prints_differently():
    assert not prints_differently([0.1234, 1], [0.1231, 1], 3)  # both print 0.123
    assert prints_differently([0.1234, 1], [0.1236, 1], 3)  # 0.123 against 0.124
