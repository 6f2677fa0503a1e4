"""Learning-rate schedules: linear warm-up, then cosine or linear decay to a floor.

The learning rate at step t (steps counted from 0) with peak eta_max, floor eta_min,
W warm-up steps and T steps in all:
    t < W:        eta_max t / W                     (linear warm-up from 0; the lambda of
                  transformers.get_cosine_schedule_with_warmup and of
                  get_linear_schedule_with_warmup, Hugging Face docs)
    W <= t <= T:  progress q = (t - W) / (T - W), and
                  cosine: eta_min + (eta_max - eta_min) (1 + cos(pi q)) / 2
                          (Loshchilov & Hutter 2017, "SGDR", eq. 5; torch.optim.lr_scheduler.CosineAnnealingLR)
                  linear: eta_max - (eta_max - eta_min) q
    t > T:        eta_min.
"""
from __future__ import annotations

import math

DECAYS = ("cosine", "linear")


def _check(step, peak, warmup, total, decay, floor):
    if decay not in DECAYS:
        raise ValueError(f"decay must be 'cosine' or 'linear', got {decay!r}")
    if int(warmup) != warmup or int(total) != total or not 0 <= warmup < total:
        raise ValueError(f"need whole numbers 0 <= warmup < total, got warmup={warmup}, total={total}")
    if int(step) != step or step < 0:
        raise ValueError(f"step must be a whole number >= 0, got {step!r}")
    if not 0 <= floor <= peak:
        raise ValueError(f"need 0 <= floor <= peak, got floor={floor}, peak={peak}")


def decay_progress(step, warmup, total):
    """(t - W) / (T - W), clipped to [0, 1]: how far the decay phase has gone."""
    return min(1.0, max(0.0, (step - warmup) / (total - warmup)))


def learning_rate(step, peak, warmup, total, decay="cosine", floor=0.0):
    """The rate at step t: linear warm-up to `peak` over `warmup` steps, then `decay` to `floor` at `total`."""
    _check(step, peak, warmup, total, decay, floor)
    if step < warmup:
        return peak * step / warmup
    q = decay_progress(step, warmup, total)
    if decay == "cosine":
        return floor + (peak - floor) * (1 + math.cos(math.pi * q)) / 2
    return peak - (peak - floor) * q
