"""Adam's bias correction, the warm-up + decay schedules and weight decay against torch.optim."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from qbank.core.adam_bias import adam_first_steps
from qbank.core.schedules import learning_rate
from qbank.core.weight_decay import adam_l2_step, adamw_step, sgd_l2_step

torch = pytest.importorskip("torch")
SETTINGS = settings(max_examples=25, deadline=None)


@SETTINGS
@given(st.lists(st.integers(-5, 5), min_size=1, max_size=5), st.sampled_from([0.5, 0.8, 0.9]),
       st.sampled_from([0.9, 0.99, 0.999]), st.sampled_from([0.1, 0.5]))
def test_adam_steps_match_torch(grads, beta1, beta2, lr):
    x = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.Adam([x], lr=lr, betas=(beta1, beta2), eps=1e-8)
    for step, g in zip(adam_first_steps([float(g) for g in grads], lr, beta1, beta2), grads):
        before = x.item()
        x.grad = torch.tensor([float(g)], dtype=torch.float64)
        opt.step()
        assert before - x.item() == pytest.approx(float(step["step"]), abs=1e-12)
        state = opt.state[x]
        assert state["exp_avg"].item() == pytest.approx(float(step["m"]), abs=1e-12)
        assert state["exp_avg_sq"].item() == pytest.approx(float(step["v"]), abs=1e-12)


def _rates(scheduler, optimizer, steps):
    rates = []
    for _ in range(steps):
        rates.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return rates


@pytest.mark.parametrize("decay", ["cosine", "linear"])
def test_schedules_match_torch(decay):
    # Warm-up as a LambdaLR of t / W, then CosineAnnealingLR (its recursive "chainable" form) or LinearLR to the
    # floor, joined by SequentialLR at step W.
    peak, floor, warmup, total = 0.4, 0.04, 20, 140
    param = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([param], lr=peak)
    warm = torch.optim.lr_scheduler.LambdaLR(opt, lambda t: t / warmup)
    if decay == "cosine":
        after = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=total - warmup, eta_min=floor)
    else:
        after = torch.optim.lr_scheduler.LinearLR(opt, 1.0, floor / peak, total_iters=total - warmup)
    schedule = torch.optim.lr_scheduler.SequentialLR(opt, [warm, after], milestones=[warmup])
    theirs = _rates(schedule, opt, total + 1)
    mine = [learning_rate(t, peak, warmup, total, decay, floor) for t in range(total + 1)]
    np.testing.assert_allclose(mine, theirs, rtol=1e-6, atol=1e-9)


@SETTINGS
@given(st.integers(0, 2**16), st.sampled_from([0.01, 0.1, 0.5]), st.sampled_from([0.05, 0.1]))
def test_weight_decay_variants_match_torch(seed, wd, lr):
    rng = np.random.default_rng(seed)
    x0, grads = rng.normal(size=3), rng.normal(size=(4, 3))
    for make, mine in ((lambda p: torch.optim.Adam(p, lr=lr, weight_decay=wd), "l2"),
                       (lambda p: torch.optim.AdamW(p, lr=lr, weight_decay=wd), "w"),
                       (lambda p: torch.optim.SGD(p, lr=lr, weight_decay=wd), "sgd")):
        param = torch.tensor(x0, requires_grad=True)
        opt = make([param])
        x, m, v = x0.copy(), np.zeros(3), np.zeros(3)
        for t, g in enumerate(grads, start=1):
            param.grad = torch.tensor(g)
            opt.step()
            if mine == "l2":
                x, m, v = adam_l2_step(x, m, v, g, t, lr, wd)
            elif mine == "w":
                x, m, v = adamw_step(x, m, v, g, t, lr, wd)
            else:
                x = sgd_l2_step(x, g, lr, wd)
            np.testing.assert_allclose(x, param.detach().numpy(), atol=1e-12, err_msg=mine)
