"""VAE: the KL divergence of a diagonal Gaussian posterior from the standard normal prior, and the ELBO.

Kingma & Welling 2014, "Auto-encoding variational Bayes", Appendix B: for q(z|x) = N(mu, diag(sigma^2)) and
p(z) = N(0, I) over J latent dimensions,
    KL(q || p) = 1/2 sum_j (mu_j^2 + sigma_j^2 - log sigma_j^2 - 1),
with the encoder's output log sigma^2 ("log-variance"), so sigma_j^2 = exp(logvar_j). In nats (natural
logarithms); divide by ln 2 for bits. The evidence lower bound (their eq. 3) is
    ELBO = E_q[log p(x|z)] - KL(q || p),
the reconstruction term minus the KL term; the VAE loss minimized in practice is -ELBO.
"""
from __future__ import annotations

import math

import numpy as np

UNITS = {"nats": 1.0, "bits": math.log(2)}  # nats per unit


def kl_per_dimension(mu, logvar, unit="nats"):
    """1/2 (mu^2 + exp(logvar) - logvar - 1) per latent dimension, in `unit` (nats or bits); shape of mu."""
    mu, logvar = np.asarray(mu, dtype=float), np.asarray(logvar, dtype=float)
    if mu.shape != logvar.shape:
        raise ValueError(f"mu {mu.shape} and logvar {logvar.shape} must have the same shape")
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r}; one of {', '.join(UNITS)}")
    return 0.5 * (mu**2 + np.exp(logvar) - logvar - 1) / UNITS[unit]


def kl_standard_normal(mu, logvar, unit="nats"):
    """KL(N(mu, diag(exp(logvar))) || N(0, I)) summed over dimensions, in `unit` (nats or bits)."""
    return float(np.sum(kl_per_dimension(mu, logvar, unit)))


def elbo(reconstruction, kl):
    """E_q[log p(x|z)] - KL, both in the same unit."""
    return float(reconstruction) - float(kl)
