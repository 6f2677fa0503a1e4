"""VAE: the closed-form KL(q || N(0, I)) for an encoder's mean and log-variance, and the ELBO with a given
reconstruction term (generative/vae-kl).

The answers come from qbank.core.vae; the cross-check takes another road to the KL term, cross-entropy minus
entropy: KL(q || p) = H(q, p) - H(q) with H(q) = 1/2 log(2 pi e sigma^2) and H(q, p) = 1/2 (log 2 pi + mu^2
+ sigma^2) per dimension (Cover & Thomas 2006, eq. 8.76 for the Gaussian entropy).
"""
from __future__ import annotations

import math

import numpy as np

from qbank import Real, Vector, template
from qbank.core.vae import elbo, kl_per_dimension, kl_standard_normal

MEANS = [-1.5, -1.0, -0.5, 0.5, 1.0, 1.5, 2.0]
LOG_VARIANCES = [-2.0, -1.0, -0.5, 0.0, 0.5, 1.0]


def _check(params, answers):
    unit = math.log(2) if params["unit"] == "bits" else 1.0
    per_dim = []
    for m, logvar in zip(params["mu"], params["logvar"]):
        variance = math.exp(logvar)
        entropy = 0.5 * math.log(2 * math.pi * math.e * variance)
        cross_entropy = 0.5 * (math.log(2 * math.pi) + m * m + variance)
        per_dim.append((cross_entropy - entropy) / unit)
    assert max(abs(a - b) for a, b in zip(answers["kl_per_dim"], per_dim)) < 1e-12
    assert abs(answers["kl"] - math.fsum(per_dim)) < 1e-12
    assert abs(answers["elbo"] - (params["reconstruction"] - math.fsum(per_dim))) < 1e-9


@template("generative/vae-kl", topic="generative", points=5, title="VAE: KL term and ELBO",
          question="tex/generative/vae-kl.tex.j2", solution="tex/generative/vae-kl-solution.tex.j2",
          answers={"kl_per_dim": Vector(points=2, digits=3, label="KL per latent dimension",
                                        prompt="The KL term of each latent dimension."),
                   "kl": Real(points=1, digits=3, label="KL term", prompt=r"$\mathrm{KL}(q \,\|\, p)$."),
                   "elbo": Real(points=2, digits=3, label="ELBO", prompt="The ELBO.")},
          constraints={"no latent dimension equals the prior (a zero KL term)":
                       lambda p, a: all(abs(k) > 1e-9 for k in a["kl_per_dim"])},
          crosscheck=_check)
def vae_kl(rng):
    """A 2- or 3-dimensional latent with drawn means and log-variances, a reconstruction term, nats or bits."""
    size = int(rng.integers(2, 4))
    mu = rng.choice(MEANS + [0.0], size=size)
    logvar = rng.choice(LOG_VARIANCES, size=size)
    unit = str(rng.choice(["nats", "bits"]))
    reconstruction = -float(rng.integers(200, 1500)) / 10  # E_q[log p(x|z)] from one decoded sample, in `unit`
    kl = kl_standard_normal(mu, logvar, unit)
    params = {"mu": mu, "logvar": logvar, "unit": unit, "reconstruction": reconstruction}
    answers = {"kl_per_dim": kl_per_dimension(mu, logvar, unit), "kl": kl, "elbo": elbo(reconstruction, kl)}
    return params, answers, {"variance": np.exp(logvar)}
