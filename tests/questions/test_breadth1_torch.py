"""The loss, training-recipe and conv-geometry templates' keys against PyTorch, draw by draw over many seeds.

Each test recomputes the answers of 20-30 drawn instances with the torch op (F.cross_entropy, nn.BatchNorm1d,
torch.optim, clip_grad_norm_, the LR schedulers, Conv1d gradients) instead of qbank.core. The transposed-chain and
activation-memory templates are checked the same way in tests/core/test_conv_geometry_torch.py.
"""
import numpy as np
import pytest

from qbank.engine.generate import generate
from qbank.engine.template import get

torch = pytest.importorskip("torch")
F = torch.nn.functional
SEEDS = range(25)


def draws(template_id, seeds=SEEDS):
    return [generate(get(template_id), seed) for seed in seeds]


def t(a):
    return torch.tensor(np.asarray(a, dtype=float), dtype=torch.float64)


def test_softmax_cross_entropy():
    for inst in draws("loss/softmax-cross-entropy"):
        p = inst.params
        logits = torch.log(t(p["weights"])).requires_grad_()
        loss = F.cross_entropy(logits, torch.tensor(p["targets"]), reduction=p["reduction"])
        loss.backward()
        assert inst.answers["loss"] == pytest.approx(loss.item(), abs=1e-12)
        np.testing.assert_allclose(inst.answers["grad"], logits.grad.numpy(), atol=1e-12)


def test_perplexity():
    for inst in draws("loss/perplexity"):
        p = inst.params
        probs = 1 / t(p["denominators"])  # (T,); each token's distribution: p on class 0, the rest on class 1
        logits = torch.log(torch.stack([probs, 1 - probs], dim=1).clamp_min(1e-300))
        nats = F.cross_entropy(logits, torch.zeros(len(probs), dtype=torch.long)).item()
        assert inst.answers["ppl"] == pytest.approx(np.exp(nats), rel=1e-12)
        assert inst.answers["h"] == pytest.approx(nats / (np.log(2) if p["unit"] == "bits" else 1), rel=1e-12)


def test_nt_xent():
    for inst in draws("loss/nt-xent"):
        logits = t(inst.params["sim"]) / inst.params["tau"]
        logits.fill_diagonal_(float("-inf"))
        per_anchor = F.cross_entropy(logits, torch.tensor([2, 3, 0, 1]), reduction="none")
        assert inst.answers["anchor_loss"] == pytest.approx(per_anchor[0].item(), abs=1e-12)
        assert inst.answers["loss"] == pytest.approx(per_anchor.mean().item(), abs=1e-12)


EPS = 1e-12  # torch refuses eps = 0 in training; against variances >= 1 this moves the outputs by < 1e-12


def test_batchnorm_backward():
    for inst in draws("norm/batchnorm-backward"):
        p = inst.params
        layer = torch.nn.BatchNorm1d(1, eps=EPS).double().train()
        with torch.no_grad():
            layer.weight.fill_(p["gamma"])
            layer.bias.fill_(float(p["beta"]))
        x = t(p["x"]).reshape(4, 1).requires_grad_()
        y = layer(x)
        y.backward(t(p["dy"]).reshape(4, 1))
        np.testing.assert_allclose(inst.answers["y"], y.detach().numpy()[:, 0], atol=1e-9)
        np.testing.assert_allclose(inst.answers["dx"], x.grad.numpy()[:, 0], atol=1e-9)
        assert inst.answers["dgamma"] == pytest.approx(layer.weight.grad.item(), abs=1e-9)
        assert inst.answers["dbeta"] == pytest.approx(layer.bias.grad.item(), abs=1e-9)


def test_batchnorm_running_with_the_unbiased_variance():
    # torch feeds the unbiased variance to its running statistics, so only those draws have a torch oracle;
    # Keras's momentum m is torch's 1 - m.
    checked = 0
    for inst in draws("norm/batchnorm-running", range(60)):
        p = inst.params
        if not p["unbiased"]:
            continue
        momentum = p["momentum"] if p["convention"] == "torch" else 1 - p["momentum"]
        layer = torch.nn.BatchNorm1d(1, eps=EPS, momentum=momentum, affine=False).double()
        layer.running_mean.fill_(p["running_mean"])
        layer.running_var.fill_(p["running_var"])
        x = t(p["x"]).reshape(4, 1)
        train = layer.train()(x)
        assert inst.answers["y_train"] == pytest.approx(train[0, 0].item(), abs=1e-9)
        assert inst.answers["new_mean"] == pytest.approx(layer.running_mean.item(), abs=1e-12)
        assert inst.answers["new_var"] == pytest.approx(layer.running_var.item(), abs=1e-12)
        assert inst.answers["y_eval"] == pytest.approx(layer.eval()(x)[0, 0].item(), abs=1e-9)
        checked += 1
    assert checked >= 20


def test_adam_bias_correction():
    for inst in draws("optim/adam-bias-correction"):
        p = inst.params
        x = torch.zeros(1, dtype=torch.float64, requires_grad=True)
        opt = torch.optim.Adam([x], lr=p["lr"], betas=(p["beta1"], p["beta2"]), eps=p["eps"])
        before = []
        for g in p["g"]:
            before.append(x.item())
            x.grad = t([g])
            opt.step()
        state = opt.state[x]
        assert inst.answers["step"] == pytest.approx(before[-1] - x.item(), abs=1e-12)
        assert inst.answers["m_hat"] == pytest.approx(state["exp_avg"].item() / (1 - p["beta1"] ** 3), abs=1e-12)
        assert inst.answers["v_hat"] == pytest.approx(state["exp_avg_sq"].item() / (1 - p["beta2"] ** 3), rel=1e-12)


def test_lr_schedule():
    for inst in draws("optim/lr-schedule", range(6)):  # stepping the schedulers up to ~14,000 steps each
        p = inst.params
        param = torch.zeros(1, requires_grad=True)
        opt = torch.optim.SGD([param], lr=p["peak"])
        warm = torch.optim.lr_scheduler.LambdaLR(opt, lambda step: step / p["warmup"])
        span = p["total"] - p["warmup"]
        after = (torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=span, eta_min=p["floor"])
                 if p["decay"] == "cosine" else
                 torch.optim.lr_scheduler.LinearLR(opt, 1.0, p["floor"] / p["peak"], total_iters=span))
        schedule = torch.optim.lr_scheduler.SequentialLR(opt, [warm, after], milestones=[p["warmup"]])
        rates = {}
        for step in range(p["t_late"] + 1):
            rates[step] = opt.param_groups[0]["lr"]
            opt.step()
            schedule.step()
        for name, step in (("lr_warm", "t_warm"), ("lr_mid", "t_mid"), ("lr_late", "t_late")):
            assert inst.answers[name] == pytest.approx(rates[p[step]], rel=1e-6, abs=1e-12), (name, p)


def test_grad_clipping():
    for inst in draws("optim/grad-clipping"):
        p = inst.params
        params = [torch.zeros(2, 2, dtype=torch.float64), torch.zeros(2, dtype=torch.float64)]
        for param, g in zip(params, (p["gw"], p["gb"])):
            param.grad = t(g)
        total = torch.nn.utils.clip_grad_norm_(params, p["max_norm"])
        assert inst.answers["norm"] == pytest.approx(total.item(), abs=1e-12)
        np.testing.assert_allclose(inst.answers["clipped_w"], params[0].grad.numpy(), rtol=1e-6)  # torch's +1e-6
        np.testing.assert_allclose(inst.answers["clipped_b"], params[1].grad.numpy(), rtol=1e-6)


def test_adamw_vs_l2():
    # The paper's decoupled form (x <- x - lambda x) is torch's AdamW with weight_decay lambda / lr.
    for inst in draws("optim/adamw-vs-l2"):
        p = inst.params
        decoupled = p["wd"] if p["form"] == "torch" else p["wd"] / p["lr"]
        for name, make in (("x_l2", lambda q: torch.optim.Adam(q, lr=p["lr"], weight_decay=p["wd"])),
                           ("x_adamw", lambda q: torch.optim.AdamW(q, lr=p["lr"], weight_decay=decoupled)),
                           ("x_sgd", lambda q: torch.optim.SGD(q, lr=p["lr"], weight_decay=p["wd"]))):
            x = t(p["x"]).requires_grad_()
            opt = make([x])
            x.grad = t(p["g"])
            opt.step()
            np.testing.assert_allclose(inst.answers[name], x.detach().numpy(), atol=1e-12, err_msg=name)


def test_receptive_field():
    # All-ones Conv1d layers (pooling windows as convolutions of the same size and stride): output 0's gradient is
    # positive exactly on the input pixels it reads.
    for inst in draws("conv/receptive-field", range(15)):
        p = inst.params
        layers = []
        for k, s, d in zip(p["kernels"], p["strides"], p["dilations"]):
            conv = torch.nn.Conv1d(1, 1, int(k), stride=int(s), dilation=int(d), bias=False).double()
            torch.nn.init.ones_(conv.weight)
            layers.append(conv)
        x = torch.zeros(1, 1, 300, dtype=torch.float64, requires_grad=True)
        torch.nn.Sequential(*layers)(x)[0, 0, 0].backward()
        read = np.flatnonzero(x.grad[0, 0].numpy())
        assert inst.answers["rf"] == read.max() - read.min() + 1
        x.grad = None
        torch.nn.Sequential(*layers)(x)[0, 0, 1].backward()
        assert inst.answers["jump"] == np.flatnonzero(x.grad[0, 0].numpy()).min() - read.min()
