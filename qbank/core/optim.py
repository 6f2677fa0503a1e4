"""Optimizer updates: SGD with momentum (numeric and symbolic) and Adam.

Numeric steps work on numpy arrays (or scalars) of any shape; x, the state and
grad share one shape. The symbolic form builds the momentum update equations
for a given sympy loss, for questions that ask for the equations themselves.
"""
from __future__ import annotations

import numpy as np
from qbank.lazy import sympy


def sgd_momentum_step(x, v, grad, lr, momentum, dampening=0.0, nesterov=False):
    """One step of torch.optim.SGD with momentum (no weight decay): returns (x_new, v_new).

    PyTorch docs, torch.optim.SGD algorithm:
        v <- momentum * v + (1 - dampening) * g
        d  = g + momentum * v   if nesterov   else   v
        x <- x - lr * d
    First step: torch starts with no buffer and sets v = g (no dampening). Here
    `v` is taken as given: pass v=None to get torch's first step, or v = 0 to
    start an exponential average from zero. dampening = momentum is the
    exponential-average convention v <- beta v + (1 - beta) g (e.g. beta = 0.9).
    Nesterov needs momentum > 0 and dampening = 0, as torch requires.
    """
    if nesterov and (momentum <= 0 or dampening != 0):
        raise ValueError(f"nesterov needs momentum > 0 and dampening 0, got momentum={momentum}, "
                         f"dampening={dampening}")
    x, grad = np.asarray(x, dtype=float), np.asarray(grad, dtype=float)
    if x.shape != grad.shape:
        raise ValueError(f"x {x.shape} and grad {grad.shape} must have the same shape")
    if v is None:
        v = grad.copy()
    else:
        v = np.asarray(v, dtype=float)
        if v.shape != x.shape:
            raise ValueError(f"v {v.shape} and x {x.shape} must have the same shape")
        v = momentum * v + (1.0 - dampening) * grad
    direction = grad + momentum * v if nesterov else v
    return x - lr * direction, v


def adam_moments(m, v, grad, t, beta1=0.9, beta2=0.999):
    """Adam's moment updates at iteration t (t >= 1): returns (m_new, v_new, m_hat, v_hat).

    Kingma & Ba 2015, Algorithm 1:
        m <- beta1 m + (1 - beta1) g          v <- beta2 v + (1 - beta2) g^2
        m_hat = m / (1 - beta1^t)            v_hat = v / (1 - beta2^t)
    """
    if int(t) != t or t < 1:
        raise ValueError(f"Adam's step counter t starts at 1, got t={t!r}")
    m, v, grad = (np.asarray(a, dtype=float) for a in (m, v, grad))
    if not m.shape == v.shape == grad.shape:
        raise ValueError(f"m {m.shape}, v {v.shape} and grad {grad.shape} must have one shape")
    m = beta1 * m + (1.0 - beta1) * grad
    v = beta2 * v + (1.0 - beta2) * grad**2
    return m, v, m / (1.0 - beta1**t), v / (1.0 - beta2**t)


def adam_step(x, m, v, grad, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    """One Adam step at iteration t (t = 1 for the first step): returns (x_new, m_new, v_new).

    Kingma & Ba 2015, Algorithm 1: the moments of `adam_moments`, then
        x <- x - lr * m_hat / (sqrt(v_hat) + eps)
    m and v start at 0; torch.optim.Adam computes the same update.
    """
    x = np.asarray(x, dtype=float)
    if x.shape != np.shape(grad):
        raise ValueError(f"x {x.shape} and grad {np.shape(grad)} must have the same shape")
    m, v, m_hat, v_hat = adam_moments(m, v, grad, t, beta1, beta2)
    return x - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


def exact(number):
    """A sympy Rational from an int, Fraction, decimal string or float (floats by their shortest repr: 0.9 -> 9/10)."""
    if isinstance(number, sympy.Basic):
        return number
    if isinstance(number, (int, np.integer)):
        return sympy.Integer(int(number))
    return sympy.Rational(repr(float(number)) if isinstance(number, (float, np.floating)) else str(number))


def momentum_equations(loss, xs, vs, lr, friction, t):
    """The exponential-average momentum update as sympy column vectors, symbolic in x, v, lr and t.

    Convention: the exponential moving average of the gradient (Adam's first
    moment, Kingma & Ba 2015 Alg. 1, and its bias correction, §3; equals
    torch.optim.SGD with dampening = momentum = beta, v taken as given):
        v <- beta v + (1 - beta) grad L(x)
        x <- x - lr v                            (with the new v)
        x <- x - lr / (1 - beta^t) v             (bias-corrected at iteration t)
    Returns dict gradient, v, x, x_corrected (each a sympy Matrix of len(xs) rows).
    friction is beta; a float is read exactly (0.9 -> 9/10).
    """
    if len(xs) != len(vs):
        raise ValueError(f"{len(xs)} position symbols but {len(vs)} velocity symbols")
    beta = exact(friction)
    if not 0 <= beta < 1:
        raise ValueError(f"friction must be in [0, 1): the average needs 1 - beta > 0, got {friction}")
    gradient = sympy.Matrix([sympy.diff(loss, xi) for xi in xs])  # (d, 1)
    v_new = beta * sympy.Matrix(vs) + (1 - beta) * gradient  # (d, 1)
    x_new = sympy.Matrix(xs) - lr * v_new  # (d, 1)
    x_corrected = sympy.Matrix(xs) - lr / (1 - beta**t) * v_new  # (d, 1)
    return {"gradient": gradient, "v": sympy.expand(v_new), "x": x_new, "x_corrected": x_corrected}
