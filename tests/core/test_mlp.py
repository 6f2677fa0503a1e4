"""qbank.core.mlp, activations and losses: hand cases, exact sympy backprop, PyTorch oracles."""
import numpy as np
import pytest
import sympy
from hypothesis import given, settings, strategies as st

from qbank.core.mlp import (binary_cross_entropy, cross_entropy, cross_entropy_grad, elu, elu_grad,
                            layer_backward, leaky_relu, leaky_relu_grad, mlp_forward_backward, mse, relu_grad,
                            sigmoid, sigmoid_grad, tanh_grad)

ACTS = ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "linear"]


def test_activation_values_and_kinks():
    assert sigmoid(0.0) == 0.5 and sigmoid_grad(0.0) == 0.25 and tanh_grad(0.0) == 1.0
    assert sigmoid(-1000.0) == 0.0 and sigmoid(1000.0) == 1.0  # no overflow warning
    # PyTorch's values at the kink: relu'(0) = 0, leaky_relu'(0) = slope, elu'(0) = alpha
    assert relu_grad(0.0) == 0.0 and leaky_relu_grad(0.0) == 0.01 and elu_grad(0.0, alpha=2.0) == 2.0
    assert leaky_relu(-2.0) == -0.02 and elu(np.log(0.5)) == pytest.approx(-0.5)  # exp(log 1/2) - 1


def test_losses_by_hand():
    assert binary_cross_entropy([0.5], [1.0]) == pytest.approx(np.log(2))  # -log(1/2)
    assert mse([1.0, 3.0], [0.0, 0.0]) == 5.0  # (1 + 9) / 2: mean, no factor 1/2
    assert cross_entropy([0.0, 0.0], 0) == pytest.approx(np.log(2))  # softmax = (1/2, 1/2)
    # batch of two, mean: grads are (softmax - onehot) / 2 = (-1/4, 1/4) per row
    np.testing.assert_allclose(cross_entropy_grad([[0.0, 0.0], [0.0, 0.0]], [0, 1]), [[-0.25, 0.25], [0.25, -0.25]])
    with pytest.raises(ValueError, match="class indices"):
        cross_entropy([0.0, 0.0], 2)
    with pytest.raises(ValueError, match="same shape"):
        mse([1.0], [1.0, 2.0])


def test_linear_chain_by_hand():
    # x = 2: z1 = 3*2 + 1 = 7, z2 = 2*7 = 14, L = (14 - 10)^2 = 16, dL/dyhat = 2*4 = 8,
    # dL/dW2 = 8 * 7 = 56, dL/dz1 = 8 * 2 = 16, dL/dW1 = 16 * 2 = 32, dz2/dz1 = W2 * 1 = 2
    out = mlp_forward_backward([2.0], 10.0, [[[3.0]], [[2.0]]], [[1.0], None], "linear", "mse")
    assert out["loss"] == 16.0 and out["dL_dyhat"][0] == 8.0
    assert out["dL_dW2"][0, 0] == 56.0 and out["dL_dW1"][0, 0] == 32.0 and out["dz2_dz1"][0, 0] == 2.0
    np.testing.assert_array_equal(out["dz1_dW1"], [[[2.0]]])


def test_layer_backward_elu_by_hand():
    # z = (1, -ln 2): g' = (1, 1/2); dL/dz = (3, 4) * g' = (3, 2); W^T (3, 2) with W = [[1, 0], [1, 1]] -> (5, 2)
    out = layer_backward([1.0, -np.log(2)], [[1.0, 0.0], [1.0, 1.0]], [3.0, 4.0], "elu")
    np.testing.assert_allclose(out["dL_dh_prev"], [5.0, 2.0])


def test_bad_networks_are_named():
    with pytest.raises(ValueError, match="W2"):
        mlp_forward_backward([1.0, 2.0], 1.0, [np.ones((3, 2)), np.ones((1, 2))], None, "relu", "mse")
    with pytest.raises(ValueError, match="softplus"):
        mlp_forward_backward([1.0], 1.0, [np.ones((1, 1))], None, "softplus", "mse")
    with pytest.raises(ValueError, match="hinge"):
        mlp_forward_backward([1.0], 1.0, [np.ones((1, 1))], None, "relu", "hinge")


def _sympy_act(name, z):
    return {"sigmoid": 1 / (1 + sympy.exp(-z)), "tanh": sympy.tanh(z), "linear": z}[name]


rational = st.integers(-9, 9).map(lambda n: sympy.Rational(n, 5))


@settings(max_examples=30, deadline=None)
@given(st.lists(rational, min_size=2, max_size=2), st.lists(rational, min_size=6, max_size=6),
       st.lists(rational, min_size=3, max_size=3), st.lists(rational, min_size=3, max_size=3), rational,
       st.sampled_from(["sigmoid", "tanh"]), st.sampled_from(["bce", "mse"]), st.sampled_from([0, 1]))
def test_backprop_against_sympy_diff(x, w1, b1, w2, b2, hidden_act, loss, y):
    # 2-3-1 network, sigmoid output; every weight and bias is a symbol, the loss is differentiated exactly
    W1, B1 = sympy.Matrix(3, 2, sympy.symbols("a0:6")), sympy.Matrix(sympy.symbols("c0:3"))
    W2, B2 = sympy.Matrix(1, 3, sympy.symbols("d0:3")), sympy.Symbol("e")
    h1 = (W1 * sympy.Matrix(x) + B1).applyfunc(lambda v: _sympy_act(hidden_act, v))
    y_hat = _sympy_act("sigmoid", (W2 * h1)[0] + B2)
    L = -y * sympy.log(y_hat) - (1 - y) * sympy.log(1 - y_hat) if loss == "bce" else (y_hat - y) ** 2
    values = dict(zip(list(W1) + list(B1) + list(W2) + [B2], w1 + b1 + w2 + [b2]))
    out = mlp_forward_backward(np.array(x, dtype=float), float(y),
                               [np.array(w1, dtype=float).reshape(3, 2), np.array(w2, dtype=float).reshape(1, 3)],
                               [np.array(b1, dtype=float), np.array([float(b2)])], [hidden_act, "sigmoid"], loss)
    exact = lambda expr: float(expr.subs(values).evalf(30))  # noqa: E731
    assert out["loss"] == pytest.approx(exact(L), rel=1e-9)
    for name, symbols in (("dL_dW1", W1), ("dL_db1", B1), ("dL_dW2", W2)):
        expected = np.array([exact(sympy.diff(L, s)) for s in symbols]).reshape(np.shape(out[name]))
        np.testing.assert_allclose(out[name], expected, rtol=1e-9, atol=1e-12)
    assert out["dL_db2"][0] == pytest.approx(exact(sympy.diff(L, B2)), rel=1e-9, abs=1e-12)
    # dz2/dz1 (1 x 3): differentiate z2 = W2 act(u) + b2 in a symbolic u, evaluated at u = z1
    u = sympy.Matrix(sympy.symbols("u0:3"))
    z2_of_u = (W2 * u.applyfunc(lambda v: _sympy_act(hidden_act, v)))[0] + B2
    at_z1 = {**values, **dict(zip(u, (W1 * sympy.Matrix(x) + B1).subs(values)))}
    expected = [float(sympy.diff(z2_of_u, ui).subs(at_z1).evalf(30)) for ui in u]
    np.testing.assert_allclose(out["dz2_dz1"][0], expected, rtol=1e-9, atol=1e-12)


def test_activations_and_losses_match_torch():
    torch = pytest.importorskip("torch")
    F = torch.nn.functional
    z = torch.tensor([-2.0, -0.5, 0.0, 0.5, 2.0], dtype=torch.float64, requires_grad=True)
    for fn, grad, ref in ((elu, elu_grad, F.elu), (leaky_relu, leaky_relu_grad, F.leaky_relu),
                          (sigmoid, sigmoid_grad, torch.sigmoid), (None, relu_grad, F.relu)):
        (g,) = torch.autograd.grad(ref(z).sum(), z)
        np.testing.assert_allclose(grad(z.detach().numpy()), g.numpy(), atol=1e-12)
        if fn is not None:
            np.testing.assert_allclose(fn(z.detach().numpy()), ref(z).detach().numpy(), atol=1e-12)
    p, y = torch.tensor([0.2, 0.9, 0.6], dtype=torch.float64), torch.tensor([0.0, 1.0, 1.0], dtype=torch.float64)
    assert binary_cross_entropy(p.numpy(), y.numpy()) == pytest.approx(F.binary_cross_entropy(p, y).item())
    logits, target = torch.randn(4, 5, dtype=torch.float64), torch.tensor([0, 4, 2, 2])
    assert cross_entropy(logits.numpy(), target.numpy()) == pytest.approx(F.cross_entropy(logits, target).item())


@pytest.mark.parametrize("loss", ["bce", "mse", "cross_entropy"])
@pytest.mark.parametrize("hidden", ACTS)
def test_mlp_forward_backward_matches_autograd(loss, hidden):
    torch = pytest.importorskip("torch")
    torch.manual_seed(2)
    sizes = [3, 4, 2]
    Ws = [torch.randn(sizes[i + 1], sizes[i], dtype=torch.float64, requires_grad=True) for i in range(2)]
    bs = [torch.randn(sizes[i + 1], dtype=torch.float64, requires_grad=True) for i in range(2)]
    x = torch.randn(3, dtype=torch.float64)
    acts = {"sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": torch.relu, "leaky_relu": torch.nn.functional.leaky_relu,
            "elu": torch.nn.functional.elu, "linear": lambda v: v}
    out_act = {"bce": "sigmoid", "mse": "tanh", "cross_entropy": "linear"}[loss]
    y_hat = acts[out_act](Ws[1] @ acts[hidden](Ws[0] @ x + bs[0]) + bs[1])
    y = {"bce": torch.tensor([1.0, 0.0], dtype=torch.float64), "mse": torch.tensor([0.5, -0.3], dtype=torch.float64),
         "cross_entropy": torch.tensor(1)}[loss]
    F = torch.nn.functional
    L = {"bce": F.binary_cross_entropy, "mse": F.mse_loss, "cross_entropy": lambda p, t: F.cross_entropy(p[None], t[None])}[loss](y_hat, y)
    grads = torch.autograd.grad(L, Ws + bs)
    out = mlp_forward_backward(x.numpy(), y.numpy(), [W.detach().numpy() for W in Ws],
                               [b.detach().numpy() for b in bs], [hidden, out_act], loss)
    assert out["loss"] == pytest.approx(L.item(), rel=1e-12)
    for name, g in zip(["dL_dW1", "dL_dW2", "dL_db1", "dL_db2"], grads):
        np.testing.assert_allclose(out[name], g.numpy(), atol=1e-12)
