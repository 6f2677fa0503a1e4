"""qbank.core.optim: steps by hand, exact sympy arithmetic, torch.optim.SGD and Adam as oracles."""
import numpy as np
import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from qbank.core.optim import adam_step, exact, momentum_equations, sgd_momentum_step


def test_sgd_steps_by_hand():
    # x = 1, v = 0.5, g = 2, lr = 0.1, momentum 0.9:
    # plain:     v = 0.9*0.5 + 2 = 2.45,  x = 1 - 0.1*2.45 = 0.755
    # nesterov:  same v, step on g + 0.9 v = 2 + 2.205 = 4.205,  x = 1 - 0.4205 = 0.5795
    # dampening 0.9 (exponential average): v = 0.45 + 0.1*2 = 0.65,  x = 1 - 0.065 = 0.935
    # v None (torch's first step): v = g = 2,  x = 1 - 0.2 = 0.8
    assert sgd_momentum_step(1.0, 0.5, 2.0, 0.1, 0.9) == pytest.approx((0.755, 2.45))
    assert sgd_momentum_step(1.0, 0.5, 2.0, 0.1, 0.9, nesterov=True) == pytest.approx((0.5795, 2.45))
    assert sgd_momentum_step(1.0, 0.5, 2.0, 0.1, 0.9, dampening=0.9) == pytest.approx((0.935, 0.65))
    assert sgd_momentum_step(1.0, None, 2.0, 0.1, 0.9, dampening=0.9) == pytest.approx((0.8, 2.0))


def test_first_adam_step_moves_lr_against_the_gradient_sign():
    # t = 1 from m = v = 0: m = 0.1 g, v = 0.001 g^2, bias correction gives m_hat = g, v_hat = g^2,
    # so x moves by lr * g / (|g| + eps) = lr * sign(g) up to eps: 1 - 0.1 = 0.9, and 1 + 0.1 = 1.1.
    x, m, v = adam_step([1.0, 1.0], [0.0, 0.0], [0.0, 0.0], [4.0, -0.5], t=1, lr=0.1)
    np.testing.assert_allclose(x, [0.9, 1.1], atol=1e-8)
    np.testing.assert_allclose(m, [0.4, -0.05])
    np.testing.assert_allclose(v, [0.016, 0.00025])


def test_bad_input_is_a_value_error():
    with pytest.raises(ValueError, match="nesterov needs momentum > 0 and dampening 0"):
        sgd_momentum_step(0.0, 0.0, 1.0, 0.1, 0.9, dampening=0.5, nesterov=True)
    with pytest.raises(ValueError, match="t starts at 1"):
        adam_step(0.0, 0.0, 0.0, 1.0, t=0, lr=0.1)
    with pytest.raises(ValueError, match="must have the same shape"):
        sgd_momentum_step(np.zeros(2), np.zeros(3), np.zeros(2), 0.1, 0.9)


RATIONALS = st.fractions(min_value=-4, max_value=4, max_denominator=8)
UNIT = st.sampled_from(["0", "0.25", "0.5", "0.9", "0.99"])


@settings(max_examples=50, deadline=None)
@given(RATIONALS, RATIONALS, RATIONALS, st.sampled_from(["0.01", "0.1", "0.5"]), UNIT, st.booleans(), st.booleans())
def test_sgd_equals_exact_arithmetic(x, v, g, lr, momentum, damp, nesterov):
    x, v, g, lr, mu = (sympy.Rational(str(a)) for a in (x, v, g, lr, momentum))
    assume(not (nesterov and mu == 0))
    dampening = mu if damp and not nesterov else sympy.Integer(0)
    v_new = mu * v + (1 - dampening) * g
    x_new = x - lr * ((g + mu * v_new) if nesterov else v_new)
    got_x, got_v = sgd_momentum_step(float(x), float(v), float(g), float(lr), float(mu), float(dampening), nesterov)
    assert got_v == pytest.approx(float(v_new), abs=1e-12)
    assert got_x == pytest.approx(float(x_new), abs=1e-12)


@settings(max_examples=50, deadline=None)
@given(RATIONALS, RATIONALS, st.fractions(0, 4, max_denominator=8), RATIONALS, st.integers(1, 6),
       st.sampled_from(["0.5", "0.9"]), st.sampled_from(["0.9", "0.999"]))
def test_adam_equals_exact_arithmetic(x, m, v, g, t, beta1, beta2):
    x, m, v, g = (sympy.Rational(a.numerator, a.denominator) for a in (x, m, v, g))
    b1, b2, lr, eps = sympy.Rational(beta1), sympy.Rational(beta2), sympy.Rational(1, 10), sympy.Rational(1, 10**8)
    m_new = b1 * m + (1 - b1) * g
    v_new = b2 * v + (1 - b2) * g**2
    x_new = x - lr * (m_new / (1 - b1**t)) / (sympy.sqrt(v_new / (1 - b2**t)) + eps)
    got = adam_step(float(x), float(m), float(v), float(g), t, 0.1, float(b1), float(b2), 1e-8)
    # Relative as well as absolute: with v = g = 0 the step is m_hat / eps, about 1e8, where one float ulp is 1e-8.
    assert got == pytest.approx((float(x_new), float(m_new), float(v_new)), rel=1e-12, abs=1e-9)


def _quadratic_grad(x):
    # L(x) = sum(a_i x_i^2 / 2) with a = (1, 3, 0.5): grad = a * x.
    return np.array([1.0, 3.0, 0.5]) * x


@pytest.mark.parametrize("momentum, dampening, nesterov", [(0.9, 0.0, False), (0.9, 0.9, False),
                                                            (0.5, 0.2, False), (0.9, 0.0, True)])
def test_sgd_against_torch_over_several_steps(momentum, dampening, nesterov):
    torch = pytest.importorskip("torch")
    x = np.array([1.0, -2.0, 3.0])
    param = torch.tensor(x.copy(), requires_grad=True)
    opt = torch.optim.SGD([param], lr=0.1, momentum=momentum, dampening=dampening, nesterov=nesterov)
    v = None  # torch starts without a buffer
    for _ in range(5):
        opt.zero_grad()
        (torch.tensor([1.0, 3.0, 0.5], dtype=torch.float64) * param**2 / 2).sum().backward()
        opt.step()
        x, v = sgd_momentum_step(x, v, _quadratic_grad(x), 0.1, momentum, dampening, nesterov)
        np.testing.assert_allclose(x, param.detach().numpy(), atol=1e-12)


def test_adam_against_torch_over_several_steps():
    torch = pytest.importorskip("torch")
    x = np.array([1.0, -2.0, 3.0])
    m, v = np.zeros(3), np.zeros(3)
    param = torch.tensor(x.copy(), requires_grad=True)
    opt = torch.optim.Adam([param], lr=0.05, betas=(0.8, 0.99), eps=1e-8)
    for t in range(1, 7):
        opt.zero_grad()
        (torch.tensor([1.0, 3.0, 0.5], dtype=torch.float64) * param**2 / 2).sum().backward()
        opt.step()
        x, m, v = adam_step(x, m, v, _quadratic_grad(x), t, 0.05, 0.8, 0.99, 1e-8)
        np.testing.assert_allclose(x, param.detach().numpy(), atol=1e-12)


X1, X2, V1, V2, GAMMA, T = sympy.symbols("x1 x2 v1 v2 gamma t")


def test_seed_momentum_equations_by_hand():
    # Seed 004 q1: L = 2 x1 + 3 x1 x2, grad = (2 + 3 x2, 3 x1), beta = 0.9:
    # v <- 0.9 v + 0.1 grad = (0.9 v1 + 0.2 + 0.3 x2, 0.9 v2 + 0.3 x1); x <- x - gamma v;
    # bias-corrected at iteration t: x <- x - gamma / (1 - 0.9^t) v (the seed prints 0.9^4 for t).
    eq = momentum_equations(2 * X1 + 3 * X1 * X2, [X1, X2], [V1, V2], GAMMA, 0.9, T)
    tenth = sympy.Rational(1, 10)
    v_hand = sympy.Matrix([9 * tenth * V1 + 2 * tenth + 3 * tenth * X2, 9 * tenth * V2 + 3 * tenth * X1])
    assert sympy.simplify(eq["v"] - v_hand) == sympy.zeros(2, 1)
    assert sympy.simplify(eq["x"] - (sympy.Matrix([X1, X2]) - GAMMA * v_hand)) == sympy.zeros(2, 1)
    corrected = sympy.Matrix([X1, X2]) - GAMMA / (1 - (9 * tenth) ** T) * v_hand
    assert sympy.simplify(eq["x_corrected"] - corrected) == sympy.zeros(2, 1)


def test_momentum_equations_agree_with_the_numeric_step():
    # The exponential-average convention is sgd_momentum_step with dampening = momentum.
    loss = -X1 + 2 * X1 * X2 + 3 * X2**2
    eq = momentum_equations(loss, [X1, X2], [V1, V2], GAMMA, 0.8, T)
    point = {X1: 1.5, X2: -2.0, V1: 0.25, V2: 1.0, GAMMA: 0.1}
    grad = np.array([float(g.subs(point)) for g in eq["gradient"]])
    x, v = sgd_momentum_step([1.5, -2.0], [0.25, 1.0], grad, 0.1, 0.8, dampening=0.8)
    np.testing.assert_allclose([float(e.subs(point)) for e in eq["v"]], v)
    np.testing.assert_allclose([float(e.subs(point)) for e in eq["x"]], x)


def test_exact_reads_decimals_exactly():
    assert exact(0.9) == sympy.Rational(9, 10)
    assert exact("0.25") == sympy.Rational(1, 4)
    assert exact(3) == 3


@pytest.mark.parametrize("friction", [1, 1.5, -0.1])
def test_momentum_equations_refuse_friction_outside_0_1(friction):
    x1, v1 = sympy.symbols("x1 v1")
    with pytest.raises(ValueError, match="friction"):
        momentum_equations(2 * x1, [x1], [v1], sympy.Symbol("lr"), friction, sympy.Symbol("t"))
