"""The variant-space estimate and the answer-position test, checked by hand and against exact arithmetic."""
from collections import Counter

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from qbank.check.choices import chi_square_critical
from qbank.check.variety import collision_probability, estimate_space


def test_chao1_by_hand():
    # Draws a, a, b, c: d = 3 distinct, f1 = 2 singletons (b, c), f2 = 1 doubleton (a).
    # S = d + f1 (f1 - 1) / (2 (f2 + 1)) = 3 + 2 * 1 / (2 * 2) = 3.5
    assert estimate_space(Counter({"a": 2, "b": 1, "c": 1})) == (3.5, False)


def test_every_variant_seen_twice_means_we_saw_them_all():
    # f1 = 0: the correction term vanishes and S = d.
    assert estimate_space(Counter({"a": 2, "b": 2, "c": 2})) == (3, False)


def test_no_repeat_gives_the_birthday_lower_bound():
    # 200 distinct draws: S >= n (n - 1) / (2 ln 20) = 200 * 199 / (2 ln 20).
    estimate, lower = estimate_space(Counter({i: 1 for i in range(200)}))
    assert lower and estimate == pytest.approx(float(200 * 199 / (2 * sympy.log(20))))
    # ... and at that S, the chance of no repeat among 200 is exactly the 5% the bound is built on.
    assert 1 - collision_probability(200, estimate) == pytest.approx(0.05)


def test_collision_probability_by_hand():
    # 2 versions from 4 equally likely variants: they coincide with probability 1/4;
    # the birthday approximation gives 1 - exp(-2 * 1 / (2 * 4)) = 1 - exp(-1/4).
    assert collision_probability(2, 4) == pytest.approx(float(1 - sympy.exp(sympy.Rational(-1, 4))))


@settings(max_examples=20, deadline=None)
@given(st.integers(min_value=1, max_value=30))
def test_wilson_hilferty_critical_value_has_tail_near_one_in_a_thousand(df):
    # Exact upper tail of chi-square(df) at x: Q(df/2, x/2) = Gamma(df/2, x/2) / Gamma(df/2).
    x = chi_square_critical(df)
    tail = sympy.uppergamma(sympy.Rational(df, 2), sympy.Float(x) / 2) / sympy.gamma(sympy.Rational(df, 2))
    assert 0.0007 < float(tail) < 0.0013
