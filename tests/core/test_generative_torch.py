"""qbank.core.vae, gan and diffusion against PyTorch: distributions.kl_divergence, binary cross-entropy, cumprod."""
import numpy as np
import pytest

from qbank.core.diffusion import alpha_bars, linear_schedule
from qbank.core.gan import game_value, optimal_discriminator
from qbank.core.vae import kl_per_dimension

torch = pytest.importorskip("torch")


def test_vae_kl_matches_torch_distributions():
    rng = np.random.default_rng(1)
    mu, logvar = rng.normal(size=5), rng.normal(size=5)
    q = torch.distributions.Normal(torch.tensor(mu), torch.tensor(np.exp(logvar / 2)))
    prior = torch.distributions.Normal(torch.zeros(5, dtype=torch.float64), torch.ones(5, dtype=torch.float64))
    expected = torch.distributions.kl_divergence(q, prior)
    np.testing.assert_allclose(kl_per_dimension(mu, logvar), expected.numpy(), rtol=1e-12)


def test_gan_value_matches_binary_cross_entropy():
    # V(D, G) = -(BCE of D against 1, weighted by p_data) - (BCE of D against 0, weighted by p_g).
    F = torch.nn.functional
    p_data, p_g = np.array([0.1, 0.6, 0.3]), np.array([0.4, 0.2, 0.4])
    d = torch.tensor(optimal_discriminator(p_data, p_g))
    bce = (F.binary_cross_entropy(d, torch.ones(3, dtype=torch.float64), weight=torch.tensor(p_data), reduction="sum")
           + F.binary_cross_entropy(d, torch.zeros(3, dtype=torch.float64), weight=torch.tensor(p_g), reduction="sum"))
    assert game_value(p_data, p_g, d.numpy()) == pytest.approx(-bce.item(), rel=1e-12)


def test_alpha_bars_match_torch_cumprod():
    betas = linear_schedule()
    expected = torch.cumprod(1 - torch.tensor(betas), dim=0)
    np.testing.assert_allclose(alpha_bars(betas), expected.numpy(), rtol=1e-12)
