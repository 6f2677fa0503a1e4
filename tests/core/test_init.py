"""qbank.core.init: the seed 004 q3 layer by hand, exact sympy square roots, torch.nn.init as oracle."""
import math

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from qbank.core.init import fans, he_std, lecun_std, xavier_bound, xavier_std


def test_seed_layer_by_hand():
    # W is 50x100: fan_in 100, fan_out 50.
    # Xavier std sqrt(2/150) = sqrt(1/75) ~ 0.11547; bound sqrt(6/150) = sqrt(1/25) = 0.2.
    # He std sqrt(2/100) ~ 0.14142; LeCun std 1/sqrt(100) = 0.1 (the seed's printed "Xavier" answer).
    assert xavier_std(100, 50) == pytest.approx(1 / math.sqrt(75))
    assert xavier_bound(100, 50) == pytest.approx(0.2)
    assert he_std(100) == pytest.approx(math.sqrt(0.02))
    assert lecun_std(100) == pytest.approx(0.1)


def test_fans_of_linear_and_conv_layers():
    # Linear W (50, 100): fans (100, 50). Conv W (8, 3, 5, 5): each fan is channels * 25 -> (75, 200).
    assert fans(100, 50) == (100, 50)
    assert fans(3, 8, 5) == (75, 200)


def test_fans_against_torch():
    torch = pytest.importorskip("torch")
    for c_in, c_out, kernel in ((100, 50, 1), (3, 8, 5), (16, 4, 2)):
        shape = (c_out, c_in) if kernel == 1 else (c_out, c_in, kernel, kernel)
        assert fans(c_in, c_out, kernel) == torch.nn.init._calculate_fan_in_and_fan_out(torch.empty(shape))


def test_bound_is_sqrt3_times_std():
    # U(-a, a) has variance a^2/3, so matching Xavier's variance needs a = sqrt(3) * std.
    assert xavier_bound(30, 70) == pytest.approx(math.sqrt(3) * xavier_std(30, 70))


def test_bad_fans_are_value_errors():
    with pytest.raises(ValueError, match="fan_in must be a positive integer"):
        he_std(0)
    with pytest.raises(ValueError, match="fan_out must be a positive integer"):
        xavier_std(3, 2.5)


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 5000), st.integers(1, 5000))
def test_equal_exact_square_roots(fan_in, fan_out):
    assert xavier_std(fan_in, fan_out) == pytest.approx(float(sympy.sqrt(sympy.Rational(2, fan_in + fan_out))))
    assert xavier_bound(fan_in, fan_out) == pytest.approx(float(sympy.sqrt(sympy.Rational(6, fan_in + fan_out))))
    assert he_std(fan_in) == pytest.approx(float(sympy.sqrt(sympy.Rational(2, fan_in))))
    assert lecun_std(fan_in) == pytest.approx(float(1 / sympy.sqrt(fan_in)))


def test_against_torch_init_empirically():
    # A (fan_out, fan_in) = (600, 400) weight has 240000 draws: the sample std is within ~0.3%
    # of the true one (relative standard error 1/sqrt(2 * 240000) ~ 0.14%); 1% is a safe margin.
    torch = pytest.importorskip("torch")
    torch.manual_seed(0)
    fan_out, fan_in = 600, 400
    w = torch.empty(fan_out, fan_in, dtype=torch.float64)
    torch.nn.init.xavier_normal_(w)
    assert w.std().item() == pytest.approx(xavier_std(fan_in, fan_out), rel=0.01)
    torch.nn.init.kaiming_normal_(w, mode="fan_in", nonlinearity="relu")
    assert w.std().item() == pytest.approx(he_std(fan_in), rel=0.01)
    torch.nn.init.xavier_uniform_(w)
    bound = xavier_bound(fan_in, fan_out)
    assert w.abs().max().item() <= bound
    assert w.abs().max().item() == pytest.approx(bound, rel=0.01)
