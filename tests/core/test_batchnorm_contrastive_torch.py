"""Batch norm's backward and running statistics against nn.BatchNorm1d; NT-Xent against F.cross_entropy."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from qbank.core.batchnorm import batch_norm_backward, batch_norm_eval, running_statistics
from qbank.core.contrastive import cosine_similarity_matrix, nt_xent

torch = pytest.importorskip("torch")
F = torch.nn.functional
SETTINGS = settings(max_examples=25, deadline=None)


@SETTINGS
@given(st.integers(0, 2**16), st.integers(2, 6), st.integers(1, 3), st.booleans())
def test_backward_matches_batchnorm(seed, n, c, spatial):
    rng = np.random.default_rng(seed)
    shape = (n, c, 3) if spatial else (n, c)
    x, dy, gamma, beta = rng.normal(size=shape), rng.normal(size=shape), rng.normal(size=c), rng.normal(size=c)
    xt = torch.tensor(x, requires_grad=True)
    layer = torch.nn.BatchNorm1d(c, eps=1e-3).double().train()
    with torch.no_grad():
        layer.weight.copy_(torch.tensor(gamma))
        layer.bias.copy_(torch.tensor(beta))
    layer(xt).backward(torch.tensor(dy))
    dx, dgamma, dbeta = batch_norm_backward(x, gamma, dy, eps=1e-3)
    np.testing.assert_allclose(dx, xt.grad.numpy(), atol=1e-10)
    np.testing.assert_allclose(dgamma, layer.weight.grad.numpy(), atol=1e-10)
    np.testing.assert_allclose(dbeta, layer.bias.grad.numpy(), atol=1e-10)


@SETTINGS
@given(st.integers(0, 2**16), st.sampled_from([0.1, 0.2, 0.25]))
def test_running_statistics_and_eval_match_batchnorm(seed, momentum):
    # torch's convention with the unbiased variance; Keras's momentum m is torch's 1 - m.
    rng = np.random.default_rng(seed)
    x, old_mean, old_var = rng.normal(size=(4, 2)) * 3, rng.normal(size=2), rng.uniform(0.5, 2, size=2)
    layer = torch.nn.BatchNorm1d(2, momentum=momentum, affine=False).double()
    layer.running_mean.copy_(torch.tensor(old_mean))
    layer.running_var.copy_(torch.tensor(old_var))
    layer.train()(torch.tensor(x))
    mean, var = running_statistics(x, old_mean, old_var, momentum, "torch", unbiased=True)
    np.testing.assert_allclose(mean, layer.running_mean.numpy(), atol=1e-12)
    np.testing.assert_allclose(var, layer.running_var.numpy(), atol=1e-12)
    keras = running_statistics(x, old_mean, old_var, 1 - momentum, "keras", unbiased=True)
    np.testing.assert_allclose(keras[0], mean, atol=1e-12)
    probe = rng.normal(size=(3, 2))
    np.testing.assert_allclose(batch_norm_eval(probe, mean, var), layer.eval()(torch.tensor(probe)).detach().numpy(),
                               atol=1e-12)


@SETTINGS
@given(st.integers(0, 2**16), st.integers(1, 4), st.sampled_from([0.1, 0.5, 1.0]))
def test_nt_xent_matches_the_cross_entropy_implementation(seed, n, tau):
    # The usual implementation: logits S / tau with the diagonal masked out, target the partner view i + N mod 2N.
    z = np.random.default_rng(seed).normal(size=(2 * n, 5))
    sim = cosine_similarity_matrix(z)
    logits = torch.tensor(sim / tau)
    logits.fill_diagonal_(float("-inf"))
    targets = torch.tensor([(i + n) % (2 * n) for i in range(2 * n)])
    assert nt_xent(sim, tau) == pytest.approx(F.cross_entropy(logits, targets).item(), abs=1e-12)
