"""qbank.core's training-recipe functions against PyTorch: F.cross_entropy, nn.Dropout with its own mask,
clip_grad_norm_."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from qbank.core.clipping import clip_by_global_norm
from qbank.core.dropout import inverted_dropout_train, keep_probability
from qbank.core.losses import cross_entropy, cross_entropy_grad
from qbank.core.perplexity import cross_entropy_per_token, perplexity

torch = pytest.importorskip("torch")
F = torch.nn.functional
SETTINGS = settings(max_examples=30, deadline=None)


@SETTINGS
@given(st.integers(1, 4), st.integers(2, 5), st.sampled_from(["mean", "sum"]), st.integers(0, 2**16))
def test_cross_entropy_and_gradient_match_torch(n, c, reduction, seed):
    rng = np.random.default_rng(seed)
    z, y = rng.normal(size=(n, c)) * 3, rng.integers(0, c, size=n)
    zt = torch.tensor(z, requires_grad=True)
    loss = F.cross_entropy(zt, torch.tensor(y), reduction=reduction)
    loss.backward()
    assert cross_entropy(z, y, reduction) == pytest.approx(loss.item(), abs=1e-12)
    np.testing.assert_allclose(cross_entropy_grad(z, y, reduction), zt.grad.numpy(), atol=1e-12)


@SETTINGS
@given(st.lists(st.integers(1, 6), min_size=2, max_size=8), st.integers(0, 2**16))
def test_perplexity_is_exp_of_torch_cross_entropy(exponents, seed):
    # Each token's distribution over 4 classes puts 2^-k on the observed class; the rest is spread at random.
    rng = np.random.default_rng(seed)
    probs = 0.5 ** np.asarray(exponents, dtype=float)
    rows = []
    for p in probs:
        rest = rng.dirichlet(np.ones(3)) * (1 - p)
        rows.append(np.concatenate([[p], rest]))
    log_probs = torch.tensor(np.log(rows))
    ce = F.cross_entropy(log_probs, torch.zeros(len(probs), dtype=torch.long)).item()
    assert cross_entropy_per_token(probs, "nats") == pytest.approx(ce, abs=1e-12)
    assert perplexity(probs) == pytest.approx(np.exp(ce), rel=1e-12)


@SETTINGS
@given(st.sampled_from([0.2, 0.25, 0.5, 0.6, 0.8]), st.integers(0, 2**16))
def test_inverted_dropout_matches_nn_dropout_with_its_own_mask(p, seed):
    # nn.Dropout draws its mask from torch's generator: reseeding replays the same mask, which dropout of a
    # tensor of ones reveals (0 where dropped).
    x = torch.tensor(np.random.default_rng(seed).normal(size=(3, 5)))
    layer = torch.nn.Dropout(p).train()
    torch.manual_seed(seed)
    mask = (layer(torch.ones_like(x)) != 0).numpy().astype(int)
    torch.manual_seed(seed)
    expected = layer(x).numpy()
    np.testing.assert_allclose(inverted_dropout_train(x.numpy(), mask, keep_probability(p, "drop")), expected,
                               atol=1e-12)
    assert torch.equal(layer.eval()(x), x)  # the identity at test time


@SETTINGS
@given(st.floats(0.1, 20), st.integers(0, 2**16))
def test_clipping_matches_clip_grad_norm(max_norm, seed):
    rng = np.random.default_rng(seed)
    grads = [rng.normal(size=(3, 2)) * 2, rng.normal(size=4)]
    params = [torch.zeros(g.shape, dtype=torch.float64, requires_grad=True) for g in grads]
    for param, g in zip(params, grads):
        param.grad = torch.tensor(g)
    total = torch.nn.utils.clip_grad_norm_(params, max_norm)
    clipped, norm, _ = clip_by_global_norm(grads, max_norm, eps=1e-6)
    assert norm == pytest.approx(total.item(), rel=1e-12)
    for mine, param in zip(clipped, params):
        np.testing.assert_allclose(mine, param.grad.numpy(), atol=1e-12)
