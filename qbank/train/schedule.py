"""Learning-rate schedules: piecewise-linear warm-up then decay (the "one-cycle" shape)."""
from __future__ import annotations

import numpy as np


def warmup_linear_decay(step: int, total_steps: int, warmup_frac: float, final_frac: float) -> float:
    """Multiplier of the peak learning rate at `step` (0-based) of `total_steps`.

    Rises linearly from 0 to 1 over the first `warmup_frac` of training, then falls linearly to
    `final_frac`: the triangular one-cycle policy of Smith & Topin, "Super-Convergence" (2017),
    as used for ResNet-9 by Page, "How to train your ResNet" (myrtle.ai, 2018).
    """
    progress = (step + 1) / max(1, total_steps)  # step 0 already trains, the last ends at final_frac
    return float(np.interp(progress, [0.0, warmup_frac, 1.0], [0.0, 1.0, final_frac]))
