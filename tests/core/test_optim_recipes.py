"""qbank.core's Adam bias correction, learning-rate schedules and weight decay: published numbers, hand cases and
exact arithmetic."""
import math

import numpy as np
import pytest
import sympy
from hypothesis import given, settings, strategies as st

from qbank.core.adam_bias import adam_first_steps
from qbank.core.schedules import decay_progress, learning_rate
from qbank.core.weight_decay import adam_l2_step, adamw_step, decay_amount, sgd_l2_step

SETTINGS = settings(max_examples=40, deadline=None)


def test_kingma_ba_first_step_is_the_learning_rate():
    # Kingma & Ba 2015, §2.1 and §3, with their defaults alpha = 0.001, beta1 = 0.9, beta2 = 0.999: the corrected
    # first step is alpha against the gradient's sign, whatever its size; uncorrected it would be
    # alpha (1 - beta1) / sqrt(1 - beta2) = 0.001 * 0.1 / 0.0316 = 0.00316, about 3.16 times larger.
    for g in (0.01, 3.0, -250.0):  # eps = 1e-8 is negligible against |g| >= 0.01
        first = adam_first_steps([g], 0.001)[0]
        assert first["step"] == pytest.approx(0.001 * math.copysign(1, g), rel=1e-6)
        assert first["raw_step"] == pytest.approx(0.001 * math.copysign(0.1 / math.sqrt(0.001), g), rel=1e-4)


def test_adam_bias_correction_by_hand():
    # beta1 = 0.5, beta2 = 0.5, g = 2, 4: m1 = 1, m2 = 0.5 + 2 = 2.5, m_hat2 = 2.5 / 0.75 = 10/3;
    # v1 = 2, v2 = 1 + 8 = 9, v_hat2 = 9 / 0.75 = 12; step = 0.1 * (10/3) / sqrt(12) = 0.0962
    steps = adam_first_steps([2.0, 4.0], 0.1, 0.5, 0.5, eps=0.0)
    assert (steps[1]["m"], steps[1]["v"]) == (2.5, 9.0)
    assert steps[1]["m_hat"] == pytest.approx(10 / 3) and steps[1]["v_hat"] == pytest.approx(12)
    assert steps[1]["step"] == pytest.approx(0.1 * (10 / 3) / math.sqrt(12))
    assert steps[1]["raw_step"] == pytest.approx(0.1 * 2.5 / 3)


@SETTINGS
@given(st.lists(st.integers(-5, 5).filter(bool), min_size=1, max_size=5), st.sampled_from(["1/2", "4/5", "9/10"]),
       st.sampled_from(["9/10", "99/100", "999/1000"]))
def test_corrected_moments_are_weighted_averages(grads, beta1, beta2):
    # m_hat_t = sum b^(t-i) g_i / sum b^(t-i): a weighted average of the gradients (Kingma & Ba §3).
    b1, b2, t = sympy.Rational(beta1), sympy.Rational(beta2), len(grads)
    last = adam_first_steps([float(g) for g in grads], 1.0, float(b1), float(b2))[-1]
    weights1 = [b1 ** (t - i) for i in range(1, t + 1)]
    weights2 = [b2 ** (t - i) for i in range(1, t + 1)]
    assert last["m_hat"] == pytest.approx(float(sum(w * g for w, g in zip(weights1, grads)) / sum(weights1)))
    assert last["v_hat"] == pytest.approx(float(sum(w * g * g for w, g in zip(weights2, grads)) / sum(weights2)))


def test_gpt3_schedule():
    # Brown et al. 2020: GPT-3 175B has peak learning rate 0.6e-4 (Table 2.1), linear warm-up over the first
    # 375 million tokens and cosine decay to 10% of the peak over 260 billion tokens (Appendix B). In steps of
    # one million tokens: half-way through the warm-up 3e-5; half-way through the decay 6e-6 + 5.4e-5 / 2 = 3.3e-5;
    # at the end 6e-6, and it stays there.
    peak, floor, warmup, total = 6e-5, 6e-6, 375, 260_000
    assert learning_rate(187, peak, warmup, total, "cosine", floor) == pytest.approx(peak * 187 / 375)
    middle = warmup + (total - warmup) // 2
    assert learning_rate(middle, peak, warmup, total, "cosine", floor) == pytest.approx(3.3e-5, rel=1e-4)
    assert learning_rate(total, peak, warmup, total, "cosine", floor) == pytest.approx(6e-6)
    assert learning_rate(300_000, peak, warmup, total, "cosine", floor) == pytest.approx(6e-6)


def test_sgdr_cosine_and_linear_by_hand():
    # Loshchilov & Hutter 2017, eq. 5, at T_cur / T_i = 1/3: cos(pi/3) = 1/2, so 0.1 + 0.9 * 0.75 = 0.775;
    # linearly 1 - 0.9/3 = 0.7. No warm-up (W = 0).
    assert learning_rate(100, 1.0, 0, 300, "cosine", 0.1) == pytest.approx(0.775)
    assert learning_rate(100, 1.0, 0, 300, "linear", 0.1) == pytest.approx(0.7)
    assert decay_progress(50, 100, 300) == 0.0 and decay_progress(400, 100, 300) == 1.0
    for bad in (dict(decay="step"), dict(warmup=300), dict(floor=2.0)):
        args = dict(step=10, peak=1.0, warmup=10, total=300, decay="cosine", floor=0.0) | bad
        with pytest.raises(ValueError):
            learning_rate(**args)


@SETTINGS
@given(st.integers(1, 50), st.integers(1, 200), st.integers(0, 250), st.sampled_from(["cosine", "linear"]))
def test_schedule_against_exact_arithmetic(warmup, decay_steps, step, decay):
    total = warmup + decay_steps
    peak, floor = sympy.Rational(3, 10), sympy.Rational(1, 100)
    if step < warmup:
        expected = peak * sympy.Rational(step, warmup)
    else:
        q = sympy.Min(1, sympy.Rational(step - warmup, decay_steps))
        expected = floor + (peak - floor) * ((1 + sympy.cos(sympy.pi * q)) / 2 if decay == "cosine" else 1 - q)
    assert learning_rate(step, 0.3, warmup, total, decay, 0.01) == pytest.approx(float(expected), abs=1e-12)


def test_loshchilov_hutter_proposition_1():
    # Loshchilov & Hutter 2019, Proposition 1: for SGD, decoupled decay x <- (1 - lambda) x - alpha g equals L2 with
    # lambda' = lambda / alpha. With alpha = 0.1, lambda = 0.01: lambda' = 0.1; x = 2, g = 3: 2 - 0.02 - 0.3 = 1.68.
    assert sgd_l2_step(2.0, 3.0, 0.1, 0.1) == pytest.approx((1 - 0.01) * 2.0 - 0.1 * 3.0) == pytest.approx(1.68)
    # torch.optim.AdamW's defaults (PyTorch docs): lr 1e-3, weight_decay 1e-2; from x = 1 with g = 5 one step gives
    # 1 - 1e-3 * 1e-2 - 1e-3 = 0.99899 (the first Adam step is lr against the gradient's sign).
    x, _, _ = adamw_step([1.0], [0.0], [0.0], [5.0], 1, 1e-3, 1e-2)
    assert x[0] == pytest.approx(0.99899, abs=1e-10)
    assert decay_amount(1e-3, 1e-2) == pytest.approx(1e-5) and decay_amount(1e-3, 1e-2, "paper") == 1e-2
    with pytest.raises(ValueError, match="form"):
        decay_amount(0.1, 0.1, "keras")


def test_l2_is_normalized_away_in_adams_first_step():
    # x = (4, -1), g = (1, 2), lambda = 0.5, lr = 0.1: g + lambda x = (3, 1.5) has g's signs, so both entries move
    # by lr against them exactly as without decay: (3.9, -1.1).
    x, _, _ = adam_l2_step([4.0, -1.0], [0.0, 0.0], [0.0, 0.0], [1.0, 2.0], 1, 0.1, 0.5)
    np.testing.assert_allclose(x, [3.9, -1.1], atol=1e-8)
    # with g = (-1, 2): g + lambda x = (1, 1.5), entry 1 flips and moves the other way: 4 - 0.1 = 3.9 instead of 4.1.
    # AdamW (torch form) decays by c = 0.1 * 0.5 = 0.05 first: 4 * 0.95 + 0.1 = 3.9 and -0.95 - 0.1 = -1.05.
    x, _, _ = adam_l2_step([4.0, -1.0], [0.0, 0.0], [0.0, 0.0], [-1.0, 2.0], 1, 0.1, 0.5)
    np.testing.assert_allclose(x, [3.9, -1.1], atol=1e-8)
    x, _, _ = adamw_step([4.0, -1.0], [0.0, 0.0], [0.0, 0.0], [-1.0, 2.0], 1, 0.1, 0.5)
    np.testing.assert_allclose(x, [3.9, -1.05], atol=1e-8)
