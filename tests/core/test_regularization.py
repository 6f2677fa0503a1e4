"""qbank.core.regularization: seed 003 p4 by hand, every scale in exact rationals, torch as oracle."""
import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from qbank.core.regularization import SCALES, l2_penalty, l2_regularized_loss, squared_error_loss

# Seed 003 p4: five examples, five outputs.
SEED_Y = np.array([[0, 1, 0, 0, 0], [1, 0, 0, 0, 0], [0, 0, 1, 0, 0], [0, 0, 0, 1, 0], [0, 0, 0, 1, 0]])
SEED_Y_HAT = np.array([[0.30, 0.40, 0.10, 0.50, 0.10], [0.20, 0.30, 0.20, 0.20, 0.10],
                       [0.10, 0.10, 0.10, 0.10, 0.10], [0.10, 0.50, 0.10, 0.70, 0.10],
                       [0.75, 0.10, 0.68, 0.10, 0.60]])
SEED_THETA = np.array([0.2, -0.3, 0.1, 0.5, -0.4])


def test_seed_loss_by_hand():
    # Squared errors per example:
    #   1: .09 + .36 + .01 + .25 + .01 = .72      2: .64 + .09 + .04 + .04 + .01 = .82
    #   3: 4 * .01 + .81 = .85                      4: .01 + .25 + .01 + .09 + .01 = .37
    #   5: .5625 + .01 + .4624 + .81 + .36 = 2.2049
    # sum 4.9649, J = 4.9649 / (2*5) = 0.49649.
    # ||theta||^2 = .04 + .09 + .01 + .25 + .16 = .55; lambda = 0.2:
    #   1/2N: 0.2 * .55 / 10 = 0.011    1/N: 0.022    1/2: 0.055    1: 0.11
    assert squared_error_loss(SEED_Y, SEED_Y_HAT) == pytest.approx(0.49649)
    for scale, penalty in (("1/2N", 0.011), ("1/N", 0.022), ("1/2", 0.055), ("1", 0.11)):
        assert l2_penalty(SEED_THETA, 0.2, 5, scale) == pytest.approx(penalty)
        assert l2_regularized_loss(SEED_Y, SEED_Y_HAT, SEED_THETA, 0.2, scale) == pytest.approx(0.49649 + penalty)


def test_bad_input_is_a_value_error():
    with pytest.raises(ValueError, match="unknown L2 scale 'N'"):
        l2_penalty(SEED_THETA, 0.2, 5, "N")
    with pytest.raises(ValueError, match=r"shape \(N, K\)"):
        squared_error_loss(SEED_Y, SEED_Y_HAT[:4])


TENTHS = st.integers(-10, 10).map(lambda k: sympy.Rational(k, 10))


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.data(), st.sampled_from(SCALES), st.sampled_from(["0.1", "0.5", "2"]))
def test_equals_exact_rational_arithmetic(n, k, data, scale, lam):
    y = np.array(data.draw(st.lists(st.lists(TENTHS, min_size=k, max_size=k), min_size=n, max_size=n)), dtype=object)
    y_hat = np.array(data.draw(st.lists(st.lists(TENTHS, min_size=k, max_size=k), min_size=n, max_size=n)),
                     dtype=object)
    theta = data.draw(st.lists(TENTHS, min_size=1, max_size=6))
    lam = sympy.Rational(lam)
    data_term = sum((a - b) ** 2 for a, b in zip(y.ravel(), y_hat.ravel())) / (2 * n)
    factor = {"1/2N": sympy.Rational(1, 2 * n), "1/N": sympy.Rational(1, n), "1/2": sympy.Rational(1, 2), "1": 1}
    total = data_term + factor[scale] * lam * sum(t**2 for t in theta)
    got = l2_regularized_loss(y.astype(float), y_hat.astype(float), [float(t) for t in theta], float(lam), scale)
    assert squared_error_loss(y.astype(float), y_hat.astype(float)) == pytest.approx(float(data_term), abs=1e-12)
    assert got == pytest.approx(float(total), abs=1e-12)


def test_against_torch():
    # torch.nn.MSELoss(reduction="sum") / (2N) is the data term; SGD's weight_decay=lambda adds
    # lambda * theta to the gradient, which is the gradient of the "1/2" penalty lambda/2 ||theta||^2.
    torch = pytest.importorskip("torch")
    mse = torch.nn.MSELoss(reduction="sum")(torch.tensor(SEED_Y_HAT), torch.tensor(SEED_Y, dtype=torch.float64))
    assert squared_error_loss(SEED_Y, SEED_Y_HAT) == pytest.approx(mse.item() / (2 * 5))
    theta = torch.tensor(SEED_THETA.copy(), requires_grad=True)
    theta.grad = torch.zeros(5, dtype=torch.float64)  # no data gradient: only the decay acts
    torch.optim.SGD([theta], lr=0.5, weight_decay=0.2).step()
    h = 1e-6
    numeric_grad = np.array([(l2_penalty(SEED_THETA + h * e, 0.2, 5, "1/2") - l2_penalty(SEED_THETA - h * e, 0.2, 5, "1/2"))
                             / (2 * h) for e in np.eye(5)])
    np.testing.assert_allclose(theta.detach().numpy(), SEED_THETA - 0.5 * numeric_grad, atol=1e-8)
