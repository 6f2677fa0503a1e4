"""Modelled mistakes for the VAE KL term and ELBO (generative/vae-kl).

The key (qbank.core.vae): 1/2 sum (mu^2 + exp(logvar) - logvar - 1), in the stated unit; ELBO = reconstruction - KL.
The slips: the 1/2 forgotten, the log-variance read as log sigma (sigma^2 = exp(2 logvar)), the -1 dropped,
nats for bits or bits for nats; the KL added to the reconstruction term instead of subtracted.
"""
from __future__ import annotations

import numpy as np

from qbank.core.vae import elbo, kl_per_dimension
from qbank.distractors.registry import mistake

ID = "generative/vae-kl"
OTHER_UNIT = {"nats": "bits", "bits": "nats"}


def _per_dim(p, unit=None):
    return kl_per_dimension(p["mu"], p["logvar"], unit or p["unit"])


SLIPS = {
    "forgot the factor one half": lambda p: 2 * _per_dim(p),
    "read the log-variance as the log of the standard deviation": lambda p: kl_per_dimension(
        p["mu"], 2 * np.asarray(p["logvar"], dtype=float), p["unit"]),
    # Without the -1 each dimension gains 1/2 nat, which is the KL term of mu = 1, log sigma^2 = 0.
    "dropped the minus one": lambda p: _per_dim(p) + kl_per_dimension([1.0], [0.0], p["unit"])[0],
    "used the other unit (nats for bits or bits for nats)": lambda p: _per_dim(p, OTHER_UNIT[p["unit"]]),
}


def _register(label, slip):
    mistake(ID, label, part="kl_per_dim")(slip)
    mistake(ID, label, part="kl")(lambda p: float(np.sum(slip(p))))
    mistake(ID, label, part="elbo")(lambda p: elbo(p["reconstruction"], float(np.sum(slip(p)))))


for _label, _slip in SLIPS.items():
    _register(_label, _slip)

mistake(ID, "added the KL term instead of subtracting it", part="elbo")(
    lambda p: p["reconstruction"] + float(np.sum(_per_dim(p))))
