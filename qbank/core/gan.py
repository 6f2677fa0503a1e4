"""GAN: the optimal discriminator for fixed densities and the value of the minimax game.

Goodfellow et al. 2014, "Generative adversarial nets": the game is
    V(D, G) = E_{x ~ p_data}[log D(x)] + E_{x ~ p_g}[log(1 - D(x))]  (eq. 1).
For a fixed generator the best discriminator is D*(x) = p_data(x) / (p_data(x) + p_g(x)) (Proposition 1), and
then V(D*, G) = -log 4 + 2 JSD(p_data || p_g) (Theorem 1), with the Jensen-Shannon divergence
JSD(p || q) = 1/2 KL(p || m) + 1/2 KL(q || m), m = (p + q) / 2. At equilibrium p_g = p_data, D* = 1/2
everywhere and V = -log 4. Distributions here are over a finite set of points; natural logarithms (nats).
"""
from __future__ import annotations

import numpy as np


def _distribution(p, name):
    p = np.asarray(p, dtype=float)
    if p.ndim != 1 or np.any(p < 0) or not np.isclose(p.sum(), 1.0):
        raise ValueError(f"{name} must be a probability vector (nonnegative, summing to 1); got {p.tolist()}")
    return p


def _pair(p_data, p_g, names=("p_data", "p_g")):
    """Two probability vectors over the same points."""
    p, q = _distribution(p_data, names[0]), _distribution(p_g, names[1])
    if p.shape != q.shape:
        raise ValueError(f"{names[0]} and {names[1]} must be over the same points; got {p.size} and {q.size} values")
    return p, q


def optimal_discriminator(p_data, p_g):
    """D*(x) = p_data(x) / (p_data(x) + p_g(x)) at every point; ValueError where both are 0."""
    p_data, p_g = _pair(p_data, p_g)
    if np.any(p_data + p_g == 0):
        raise ValueError("D* is undefined where both densities are 0")
    return p_data / (p_data + p_g)


def game_value(p_data, p_g, discriminator):
    """V(D, G) = sum p_data log D + sum p_g log(1 - D); a point of zero mass contributes nothing."""
    (p_data, p_g), d = _pair(p_data, p_g), np.asarray(discriminator, dtype=float)
    real = np.where(p_data > 0, p_data * np.log(np.where(p_data > 0, d, 1.0)), 0.0)
    fake = np.where(p_g > 0, p_g * np.log(np.where(p_g > 0, 1 - d, 1.0)), 0.0)
    return float(real.sum() + fake.sum())


def jensen_shannon(p, q):
    """JSD(p || q) in nats: 1/2 KL(p || m) + 1/2 KL(q || m), m the mixture."""
    p, q = _pair(p, q, ("p", "q"))
    m = (p + q) / 2

    def kl(a):
        return float(np.sum(np.where(a > 0, a * np.log(np.where(a > 0, a, 1.0) / np.where(a > 0, m, 1.0)), 0.0)))

    return 0.5 * kl(p) + 0.5 * kl(q)
