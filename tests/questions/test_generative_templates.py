"""Generative-model templates (VAE KL and ELBO, GAN optimal discriminator, DDPM forward process), pinned by hand."""
import math

import numpy as np
import pytest

from qbank.engine.generate import generate
from qbank.engine.template import get
from qbank.errors import InputError


def test_vae_kl_by_hand():
    # mu = (1, 0), log sigma^2 = (0, 1): 1/2 (1 + 1 - 0 - 1) = 1/2 and 1/2 (0 + e - 1 - 1) = (e - 2)/2 = 0.35914;
    # KL 0.85914 nats, ELBO -100 - 0.85914. In bits both divide by ln 2.
    pins = {"mu": np.array([1.0, 0.0]), "logvar": np.array([0.0, 1.0]), "reconstruction": -100.0}
    nats = generate(get("generative/vae-kl"), 0, pins={**pins, "unit": "nats"}).answers
    np.testing.assert_allclose(nats["kl_per_dim"], [0.5, (math.e - 2) / 2])
    assert nats["kl"] == pytest.approx((math.e - 1) / 2) and nats["elbo"] == pytest.approx(-100 - (math.e - 1) / 2)
    in_bits = generate(get("generative/vae-kl"), 0, pins={**pins, "unit": "bits"})
    bits = in_bits.answers
    assert bits["kl"] == pytest.approx((math.e - 1) / 2 / math.log(2))
    # 1/2 / ln 2 = 0.721: the division sits inside the term's math, not in a second $...$ glued on ('$$' opens
    # display math in TeX and in the page's math splitter)
    solution = in_bits.render("solution")
    assert "$$" not in solution and r"- 1) / \ln 2 = 0.721$" in solution


def test_gan_by_hand_and_equilibrium():
    # p_data = (0.5, 0.3, 0.2), p_g = (0.2, 0.3, 0.5): D* = (5/7, 1/2, 2/7); the value at equilibrium is -log 4.
    inst = generate(get("generative/gan-optimal-d"), 0, pins={"p_data": np.array([0.5, 0.3, 0.2]),
                                                               "p_g": np.array([0.2, 0.3, 0.5])})
    np.testing.assert_allclose(inst.answers["d_star"], [5 / 7, 1 / 2, 2 / 7])
    assert inst.answers["value_eq"] == pytest.approx(-math.log(4))
    # Theorem 1: V(D*, G) = -log 4 + 2 JSD
    assert inst.answers["value"] == pytest.approx(-math.log(4) + 2 * inst.answers["jsd"])


def test_gan_refuses_a_generator_equal_to_the_data():
    with pytest.raises(InputError, match="the generator differs from the data"):
        generate(get("generative/gan-optimal-d"), 0, pins={"p_data": np.array([0.5, 0.5]), "p_g": np.array([0.5, 0.5])})


def test_ddpm_by_hand():
    # betas 0.2, 0.5: alpha-bar 0.4; x0 = (1, -0.5): mean sqrt(0.4) x0; std sqrt(0.6); eps = (1, 0).
    inst = generate(get("generative/ddpm-forward"), 0, pins={
        "betas": np.array([0.2, 0.5]), "x0": np.array([1.0, -0.5]), "eps": np.array([1.0, 0.0])})
    a = inst.answers
    assert a["alpha_bar"] == pytest.approx(0.4) and a["std"] == pytest.approx(math.sqrt(0.6))
    np.testing.assert_allclose(a["mean"], [math.sqrt(0.4), -0.5 * math.sqrt(0.4)])
    np.testing.assert_allclose(a["x_t"], [math.sqrt(0.4) + math.sqrt(0.6), -0.5 * math.sqrt(0.4)])
