"""Weight decay with Adam: L2 folded into the gradient (Adam) versus decoupled decay (AdamW), and plain SGD.

- L2 in the gradient: g <- g + lambda x, then the Adam step (torch.optim.Adam with
  weight_decay = lambda, PyTorch docs algorithm: g_t <- g_t + lambda theta_{t-1}). The
  decay is divided by sqrt(v_hat) with the rest of the gradient, so weights with large
  gradients are decayed less (Loshchilov & Hutter 2019, "Decoupled Weight Decay
  Regularization", §2).
- Decoupled (AdamW): x <- x - c x, then the Adam step on the plain gradient. PyTorch's
  torch.optim.AdamW uses c = lr lambda ("torch"); Loshchilov & Hutter's Algorithm 2,
  line 12, uses c = eta_t lambda with eta_t the schedule multiplier, which is lambda for a
  constant schedule ("paper").
- SGD: x <- x - lr (g + lambda x); decoupled decay with c = lr lambda gives the same step
  (Loshchilov & Hutter 2019, Proposition 1).
"""
from __future__ import annotations

import numpy as np

from qbank.core.optim import adam_step

DECAY_FORMS = ("torch", "paper")


def decay_amount(lr, weight_decay, form="torch"):
    """c, the fraction of x that decoupled decay removes per step: lr * lambda (torch) or lambda (paper)."""
    if form not in DECAY_FORMS:
        raise ValueError(f"form must be 'torch' or 'paper', got {form!r}")
    return lr * weight_decay if form == "torch" else weight_decay


def adam_l2_step(x, m, v, grad, t, lr, weight_decay, beta1=0.9, beta2=0.999, eps=1e-8):
    """One Adam step with lambda x added to the gradient: returns (x_new, m_new, v_new)."""
    x = np.asarray(x, dtype=float)
    return adam_step(x, m, v, np.asarray(grad, dtype=float) + weight_decay * x, t, lr, beta1, beta2, eps)


def adamw_step(x, m, v, grad, t, lr, weight_decay, beta1=0.9, beta2=0.999, eps=1e-8, form="torch"):
    """One AdamW step: x decayed by decay_amount first, then the Adam step on the plain gradient."""
    x = np.asarray(x, dtype=float)
    decayed = x - decay_amount(lr, weight_decay, form) * x
    return adam_step(decayed, m, v, grad, t, lr, beta1, beta2, eps)


def sgd_l2_step(x, grad, lr, weight_decay):
    """x - lr (g + lambda x): SGD with L2 in the gradient, equal to decoupled decay with c = lr lambda."""
    x = np.asarray(x, dtype=float)
    return x - lr * (np.asarray(grad, dtype=float) + weight_decay * x)
