"""qbank.core.vae, gan and diffusion: hand-checked cases and the published statements (PyTorch oracles in
test_generative_torch.py)."""
import math

import numpy as np
import pytest

from qbank.core.diffusion import alpha_bars, linear_schedule, q_moments, q_sample
from qbank.core.gan import game_value, jensen_shannon, optimal_discriminator
from qbank.core.vae import elbo, kl_per_dimension, kl_standard_normal


def test_vae_kl_by_hand():
    # mu = 1, log sigma^2 = 0: 1/2 (1 + 1 - 0 - 1) = 1/2. mu = 0, log sigma^2 = ln 2: 1/2 (2 - ln 2 - 1) = (1 - ln 2)/2.
    np.testing.assert_allclose(kl_per_dimension([1.0, 0.0], [0.0, math.log(2)]), [0.5, (1 - math.log(2)) / 2])
    assert kl_standard_normal([0.0, 0.0], [0.0, 0.0]) == 0  # the posterior is the prior
    assert kl_standard_normal([1.0], [0.0], "bits") == pytest.approx(0.5 / math.log(2))
    assert elbo(-100.0, 2.5) == -102.5


def test_gan_by_hand():
    # p_data = (0.5, 0.5), p_g = (0.25, 0.75): D* = (2/3, 2/5).
    d = optimal_discriminator([0.5, 0.5], [0.25, 0.75])
    np.testing.assert_allclose(d, [2 / 3, 2 / 5])
    # V = 0.5 ln 2/3 + 0.5 ln 2/5 + 0.25 ln 1/3 + 0.75 ln 3/5
    expected = 0.5 * math.log(2 / 3) + 0.5 * math.log(2 / 5) + 0.25 * math.log(1 / 3) + 0.75 * math.log(3 / 5)
    assert game_value([0.5, 0.5], [0.25, 0.75], d) == pytest.approx(expected)


def test_gan_goodfellow_theorem_1():
    # Goodfellow et al. 2014, Theorem 1: the global minimum of C(G) = max_D V(D, G) is -log 4, reached only at
    # p_g = p_data, and C(G) = -log 4 + 2 JSD (p_data || p_g) everywhere (their eq. 6).
    p = np.array([0.2, 0.3, 0.5])
    assert game_value(p, p, optimal_discriminator(p, p)) == pytest.approx(-math.log(4))
    np.testing.assert_allclose(optimal_discriminator(p, p), 0.5)  # Proposition 1 at equilibrium
    rng = np.random.default_rng(0)
    for _ in range(20):
        q = rng.dirichlet(np.ones(3))
        value = game_value(p, q, optimal_discriminator(p, q))
        assert value == pytest.approx(-math.log(4) + 2 * jensen_shannon(p, q)) and value > -math.log(4)
        # D* beats any other discriminator
        assert value >= game_value(p, q, rng.uniform(0.01, 0.99, size=3))


def test_ddpm_by_hand():
    # betas 0.2, 0.5: alpha-bar = 0.8 * 0.5 = 0.4; x0 = 1: mean sqrt 0.4, std sqrt 0.6; eps = 1 adds sqrt 0.6.
    np.testing.assert_allclose(alpha_bars([0.2, 0.5]), [0.8, 0.4])
    mean, std = q_moments([1.0], 0.4)
    assert mean[0] == pytest.approx(math.sqrt(0.4)) and std == pytest.approx(math.sqrt(0.6))
    assert q_sample([1.0], 0.4, [1.0])[0] == pytest.approx(math.sqrt(0.4) + math.sqrt(0.6))


def test_ddpm_ho_et_al_published():
    # Ho et al. 2020, §4: T = 1000, betas linear from 1e-4 to 0.02, data scaled to [-1, 1]; they report
    # L_T = KL(q(x_T | x_0) || N(0, I)) of about 1e-5 bits per dimension. alpha-bar_T is about 4.0e-5, and the KL
    # per dimension, 1/2 (alpha-bar x0^2 + (1 - alpha-bar) - ln(1 - alpha-bar) - 1), averaged over x0 uniform
    # on [-1, 1] (E x0^2 = 1/3) is 9.7e-6 bits.
    bar = alpha_bars(linear_schedule())[-1]
    assert bar == pytest.approx(4.04e-5, rel=0.01)
    x0 = np.linspace(-1, 1, 2001)
    mean, std = q_moments(x0, bar)
    bits = kl_per_dimension(mean, np.full_like(x0, 2 * math.log(std)), "bits").mean()
    assert 0.5e-5 < bits < 2e-5
