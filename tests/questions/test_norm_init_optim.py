"""norm / init / optim / regularization templates: the seed problems reproduced by pinning, and torch oracles."""
import math

import numpy as np
import pytest

from qbank.engine.generate import generate
from qbank.engine.scoring import RIGHT, score
from qbank.engine.template import get
from qbank.errors import InputError

SEED_004_Q4_X = [[[[1, 2], [3, 4]], [[5, 6], [7, 8]]],
                 [[[1, -1], [0, 2]], [[-1, 0], [2, 1]]]]  # (N, C, H, W) = (2, 2, 2, 2)


def _solve(template_id, **pins):
    return generate(get(template_id), seed=0, pins=pins)


def test_seed_004_q4_means():
    # batch:    channel 0 (1+2+3+4+1-1+0+2)/8 = 1.5, channel 1 (5+6+7+8-1+0+2+1)/8 = 3.5
    # layer:    sample 0 (1+...+8)/8 = 4.5, sample 1 (1-1+0+2-1+0+2+1)/8 = 0.5
    # instance: (10/4, 26/4; 2/4, 2/4) = [[2.5, 6.5], [0.5, 0.5]], an (N, C) matrix.
    # The seed's printed answers agree.
    inst = _solve("norm/means", x=SEED_004_Q4_X)
    np.testing.assert_allclose(inst.answers["batch_mean"], [1.5, 3.5])
    np.testing.assert_allclose(inst.answers["layer_mean"], [4.5, 0.5])
    np.testing.assert_allclose(inst.answers["instance_mean"], [[2.5, 6.5], [0.5, 0.5]])
    assert "= 1.5" in inst.render("solution", "text")


def test_seed_004_q3_xavier_differs_from_the_printed_answer():
    # A linear layer, W of shape (50, 100): fan_in 100, fan_out 50. Xavier normal: sqrt(2/150) = sqrt(1/75) ~ 0.1155; uniform bound sqrt(6/150) = 0.2;
    # He: sqrt(2/100) ~ 0.1414. The seed prints sigma = 1/sqrt(100) = 0.1 for "Xavier": that is the
    # fan_in-only (LeCun) variant, asked separately as part (d).
    answers = _solve("init/xavier-he", kernel=1, c_in=100, c_out=50).answers
    assert answers["xavier_std"] == pytest.approx(1 / math.sqrt(75))
    assert answers["xavier_bound"] == pytest.approx(0.2)
    assert answers["he_std"] == pytest.approx(math.sqrt(0.02))
    assert answers["lecun_std"] == pytest.approx(0.1)


def test_seed_004_q1_momentum_equations_graded_from_typed_answers():
    # L = 2 x1 + 3 x1 x2, grad = (2 + 3 x2, 3 x1), beta 0.9: v <- 0.9 v + 0.1 grad, x <- x - gamma v.
    # The seed's (a) and (b) are right. Its (c) divides by 1 - 0.9^4 although the question asks for
    # iteration t: the bias correction is 1 / (1 - 0.9^t), and the fixed power is graded wrong.
    inst = _solve("optim/momentum-equations", a=2, b=3, c=0, beta=0.9)
    parts = {p.name: p for p in inst.parts}

    def grade(name, text):
        return score(parts[name].spec, text, parts[name].value, 1).state == RIGHT

    v_rows = "0.9*v1 + 0.2 + 0.3*x2, 0.9*v2 + 0.3*x1"
    assert grade("v_update", f"[{v_rows}]")
    assert grade("x_update", "[x1 - gamma*(0.9*v1 + 0.2 + 0.3*x2), x2 - gamma*(0.9*v2 + 0.3*x1)]")
    corrected = "[x1 - gamma/(1 - 0.9^{p})*(0.9*v1 + 0.2 + 0.3*x2), x2 - gamma/(1 - 0.9^{p})*(0.9*v2 + 0.3*x1)]"
    assert grade("x_corrected", corrected.format(p="t"))
    assert not grade("x_corrected", corrected.format(p="4"))
    assert not grade("v_update", "[0.9*v1 + 2 + 3*x2, 0.9*v2 + 3*x1]")  # forgetting the (1 - beta)


SEED_003_P4 = {
    "y": [[0, 1, 0, 0, 0], [1, 0, 0, 0, 0], [0, 0, 1, 0, 0], [0, 0, 0, 1, 0], [0, 0, 0, 1, 0]],
    "y_hat": [[0.30, 0.40, 0.10, 0.50, 0.10], [0.20, 0.30, 0.20, 0.20, 0.10], [0.10, 0.10, 0.10, 0.10, 0.10],
              [0.10, 0.50, 0.10, 0.70, 0.10], [0.75, 0.10, 0.68, 0.10, 0.60]],
    "theta": [0.2, -0.3, 0.1, 0.5, -0.4], "lam": 0.2}


@pytest.mark.parametrize("scale, penalty", [("1/2N", 0.011), ("1/N", 0.022), ("1/2", 0.055), ("1", 0.11)])
def test_seed_003_p4_l2_loss(scale, penalty):
    # Per-example squared errors .72, .82, .85, .37, 2.2049 (sum 4.9649), so J = 4.9649 / 10 = 0.49649.
    # ||theta||^2 = .04 + .09 + .01 + .25 + .16 = .55 and lambda = 0.2, so the penalty is 0.11 times
    # 1/(2N) = 1/10, 1/N = 1/5, 1/2 or 1. The seed prints no answer and leaves the scaling open; the
    # "1/2N" convention matches its 1/(2N) data term.
    answers = _solve("regularization/l2-loss", scale=scale, **SEED_003_P4).answers
    assert answers["data_loss"] == pytest.approx(0.49649)
    assert answers["penalty"] == pytest.approx(penalty)
    assert answers["total"] == pytest.approx(0.49649 + penalty)


def test_sgd_steps_by_hand():
    # f = (2/2)(x - 1)^2, x0 = 3, lr 0.25, momentum 0.5, no dampening:
    # g1 = 2*2 = 4, v1 = 4, x1 = 3 - 1 = 2; g2 = 2, v2 = 2 + 2 = 4, x2 = 1;
    # g3 = 0, v3 = 2, x3 = 1 - 0.5 = 0.5.
    pins = dict(k=2, center=1, x0=3, lr=0.25, momentum=0.5, dampening=0.0, nesterov=False)
    answers = _solve("optim/sgd-momentum-steps", **pins).answers
    assert [answers[f"x{t}"] for t in (1, 2, 3)] == pytest.approx([2, 1, 0.5])


@pytest.mark.parametrize("k, center, loss, derivative", [
    (2, -2, "(x + 2)^2", "2(x + 2)"),  # minimum at -2: (2/2)(x - (-2))^2; this printed (x +-2) once
    (1, 3, r"\frac{1}{2}(x - 3)^2", "(x - 3)"),  # (1/2)(x - 3)^2 has derivative 1 (x - 3), written without the 1
    (4, 0, "2x^2", "4x")])
def test_sgd_question_states_the_loss_that_was_solved(k, center, loss, derivative):
    question = _solve("optim/sgd-momentum-steps", k=k, center=center).render("question", "text")
    assert f"f(x) = {loss}$, whose derivative is $f'(x) = {derivative}$" in question


@pytest.mark.parametrize("seed", range(12))
def test_sgd_steps_against_torch(seed):
    torch = pytest.importorskip("torch")
    inst = generate(get("optim/sgd-momentum-steps"), seed)
    p = inst.params
    x = torch.tensor(float(p["x0"]), dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([x], lr=p["lr"], momentum=p["momentum"], dampening=p["dampening"], nesterov=p["nesterov"])
    for t in (1, 2, 3):
        opt.zero_grad()
        (p["k"] / 2 * (x - p["center"]) ** 2).backward()
        opt.step()
        assert inst.answers[f"x{t}"] == pytest.approx(x.item(), abs=1e-12)


@pytest.mark.parametrize("seed", range(12))
def test_adam_steps_against_torch(seed):
    torch = pytest.importorskip("torch")
    inst = generate(get("optim/adam-step"), seed)
    p = inst.params
    x = torch.tensor(np.asarray(p["x0"], dtype=float), requires_grad=True)
    opt = torch.optim.Adam([x], lr=p["lr"], betas=(p["beta1"], p["beta2"]), eps=p["eps"])
    for grad, key in ((p["g1"], "x1"), (p["g2"], "x2")):
        x.grad = torch.tensor(np.asarray(grad, dtype=float))
        opt.step()
        np.testing.assert_allclose(inst.answers[key], x.detach().numpy(), atol=1e-12)
    state = opt.state[x]
    np.testing.assert_allclose(inst.answers["m2"], state["exp_avg"].numpy(), atol=1e-12)
    np.testing.assert_allclose(inst.answers["v2"], state["exp_avg_sq"].numpy(), atol=1e-12)


@pytest.mark.parametrize("template_id", ["norm/variances", "norm/group-norm"])
def test_norm_statistics_normalize_like_torch(template_id):
    # Normalizing with the key's mean and variance must reproduce torch's layers (eps = 1e-5).
    torch = pytest.importorskip("torch")
    F = torch.nn.functional
    for seed in range(8):
        inst = generate(get(template_id), seed)
        x = np.asarray(inst.params["x"], dtype=float)  # (N, C, L)
        t, a = torch.tensor(x), inst.answers
        if template_id == "norm/group-norm":
            g = inst.params["groups"]
            blocks = x.reshape(x.shape[0], g, -1)  # (N, G, C/G * L)
            ours = ((blocks - a["group_mean"][..., None]) / np.sqrt(a["group_var"][..., None] + 1e-5)).reshape(x.shape)
            np.testing.assert_allclose(ours, F.group_norm(t, g).numpy(), atol=1e-9)
            continue
        batch = (x - a["batch_mean"][None, :, None]) / np.sqrt(a["batch_var"][None, :, None] + 1e-5)
        layer = (x - a["layer_mean"][:, None, None]) / np.sqrt(a["layer_var"][:, None, None] + 1e-5)
        inst_norm = (x - a["instance_mean"][..., None]) / np.sqrt(a["instance_var"][..., None] + 1e-5)
        np.testing.assert_allclose(batch, F.batch_norm(t, None, None, training=True).numpy(), atol=1e-9)
        np.testing.assert_allclose(layer, F.layer_norm(t, x.shape[1:]).numpy(), atol=1e-9)
        np.testing.assert_allclose(inst_norm, F.instance_norm(t).numpy(), atol=1e-9)


def test_pinned_group_count_that_does_not_divide_the_channels_is_refused():
    with pytest.raises(InputError, match="positive divisor"):
        _solve("norm/group-norm", x=np.ones((1, 4, 2), dtype=int).tolist(), groups=3)


@pytest.mark.parametrize("beta1, factor", [(0.5, 3), (0.8, 9), (0.9, 19)])
def test_adam_solution_states_the_flipped_momentum_as_drawn(beta1, factor):
    # Where g_2 = -g_1: m_2 = beta1 (1 - beta1) g_1 + (1 - beta1) g_2 = (1 - beta1)^2 g_2, and
    # 1 - beta1^2 = (1 - beta1)(1 + beta1), so m_hat_2 = (1 - beta1) / (1 + beta1) g_2 = g_2 / factor.
    # With beta1 = 0.5 that is g_2 / 3, which does not "nearly cancel" (the audit's seed 12).
    inst = generate(get("optim/adam-step"), 12, pins={"beta1": beta1})
    flipped = int(np.flatnonzero(np.sign(inst.params["g1"]) != np.sign(inst.params["g2"]))[0])
    m_hat = inst.work["hats"][1][0][flipped]
    assert m_hat == pytest.approx(inst.params["g2"][flipped] / factor)
    solution = inst.render("solution")
    assert "nearly cancels" not in solution and f"\\frac{{1}}{{{factor}}}\\, g_2" in solution


def test_adam_question_says_how_many_decimals():
    question = " ".join(generate(get("optim/adam-step"), 0).render("question", "text").split())
    assert "to 4 decimals" in question and "to 6 decimals" in question
