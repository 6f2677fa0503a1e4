"""DDPM forward (noising) process: alpha-bar from a beta schedule and the moments of q(x_t | x_0).

Ho et al. 2020, "Denoising diffusion probabilistic models", §2: q(x_t | x_{t-1}) = N(sqrt(1 - beta_t) x_{t-1},
beta_t I); with alpha_t = 1 - beta_t and alpha-bar_t = prod_{s <= t} alpha_s the process jumps in closed form
to q(x_t | x_0) = N(sqrt(alpha-bar_t) x_0, (1 - alpha-bar_t) I) (eq. 4), so a sample is
x_t = sqrt(alpha-bar_t) x_0 + sqrt(1 - alpha-bar_t) eps with eps ~ N(0, I) (§3.2). Their schedule (§4) rises
linearly from beta_1 = 1e-4 to beta_T = 0.02 over T = 1000 steps.
"""
from __future__ import annotations

import numpy as np


def alpha_bars(betas):
    """alpha-bar_t for t = 1..T: the running product of (1 - beta_t); every beta must lie in (0, 1)."""
    betas = np.asarray(betas, dtype=float)
    if betas.ndim != 1 or betas.size == 0 or np.any(betas <= 0) or np.any(betas >= 1):
        raise ValueError(f"betas must be a nonempty list of values in (0, 1); got {betas.tolist()}")
    return np.cumprod(1 - betas)


def linear_schedule(beta_1=1e-4, beta_T=0.02, T=1000):
    """Ho et al.'s linear schedule: T values from beta_1 to beta_T."""
    return np.linspace(beta_1, beta_T, int(T))


def q_moments(x0, alpha_bar):
    """(mean, std) of q(x_t | x_0): sqrt(alpha-bar) x_0 and sqrt(1 - alpha-bar) (the same in every coordinate)."""
    if not 0 < alpha_bar < 1:
        raise ValueError(f"alpha-bar must lie in (0, 1); got {alpha_bar}")
    return np.sqrt(alpha_bar) * np.asarray(x0, dtype=float), float(np.sqrt(1 - alpha_bar))


def q_sample(x0, alpha_bar, eps):
    """x_t = sqrt(alpha-bar) x_0 + sqrt(1 - alpha-bar) eps."""
    mean, std = q_moments(x0, alpha_bar)
    eps = np.asarray(eps, dtype=float)
    if eps.shape != mean.shape:
        raise ValueError(f"eps must have the shape of x0 {mean.shape}; got {eps.shape}")
    return mean + std * eps
