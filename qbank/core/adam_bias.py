"""Adam's bias correction over the first steps: the moments, their corrected values and the step actually taken.

Kingma & Ba 2015, Algorithm 1 and §3: m and v start at 0, so after t steps
    m_t = (1 - beta1) sum_{i<=t} beta1^(t-i) g_i  is biased towards 0 by the factor (1 - beta1^t),
and the same for v_t with beta2; dividing by 1 - beta^t removes the bias. The update
(§2.1, "the effective step taken in parameter space") is
    Delta_t = lr m_hat_t / (sqrt(v_hat_t) + eps),        x_t = x_{t-1} - Delta_t.
Without correction the step would be lr m_t / (sqrt(v_t) + eps).
"""
from __future__ import annotations

import numpy as np

from qbank.core.optim import adam_moments


def adam_first_steps(grads, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    """One dict per step t = 1, 2, ... for the gradients `grads` (scalars or arrays of one shape):
    m, v, m_hat, v_hat, step (the corrected Delta_t) and raw_step (Delta_t without bias correction)."""
    shape = np.shape(grads[0]) if len(grads) else ()
    m, v, out = np.zeros(shape), np.zeros(shape), []
    for t, g in enumerate(grads, start=1):
        m, v, m_hat, v_hat = adam_moments(m, v, g, t, beta1, beta2)
        out.append({"t": t, "m": m, "v": v, "m_hat": m_hat, "v_hat": v_hat,
                    "step": lr * m_hat / (np.sqrt(v_hat) + eps), "raw_step": lr * m / (np.sqrt(v) + eps)})
    return out
