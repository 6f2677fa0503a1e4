"""Hyperparameter merging, the learning-rate schedule, and that the full-size defaults build."""
import pytest

from qbank.errors import InputError
from qbank.train.hyper import merge
from qbank.train.schedule import warmup_linear_decay


def test_merge_overrides_nested_keys_and_leaves_the_defaults_alone():
    defaults = {"opt": {"lr": 0.4, "epochs": 10}, "aug": {"flip": True}}
    merged = merge(defaults, {"opt": {"lr": 0.1}})
    assert merged == {"opt": {"lr": 0.1, "epochs": 10}, "aug": {"flip": True}}
    assert defaults["opt"]["lr"] == 0.4


def test_merge_refuses_an_unknown_key_with_its_path():
    with pytest.raises(InputError, match="'opt.lrr'"):
        merge({"opt": {"lr": 0.4}}, {"opt": {"lrr": 0.1}})


def test_schedule_rises_then_falls_linearly():
    # 10 steps, peak at 20% of training, final 0: step s trains at progress (s + 1) / 10, so
    # step 0 -> 0.1 / 0.2 = 0.5 of the peak, step 1 -> 1.0, step 5 -> 1 - (0.6 - 0.2) / 0.8 = 0.5,
    # and the last step (progress 1.0) -> 0.
    values = [warmup_linear_decay(s, 10, 0.2, 0.0) for s in range(10)]
    assert values[0] == pytest.approx(0.5) and values[1] == pytest.approx(1.0)
    assert values[5] == pytest.approx(0.5) and values[9] == pytest.approx(0.0)
    assert warmup_linear_decay(9, 10, 0.2, 0.1) == pytest.approx(0.1)


def test_full_size_defaults_build_and_run_one_batch():
    torch = pytest.importorskip("torch")
    from qbank.train.gru.hyper import HYP as GRU_HYP
    from qbank.train.gru.model import CharGRU
    from qbank.train.resnet.hyper import HYP as RESNET_HYP
    from qbank.train.resnet.model import ResNet9

    net = ResNet9(**RESNET_HYP["net"])
    assert net(torch.randn(2, 3, 32, 32)).shape == (2, 10)
    lm = CharGRU(65, **GRU_HYP["model"])
    logits, h = lm(torch.zeros(2, 5, dtype=torch.long))
    assert logits.shape == (2, 5, 65) and h.shape == (GRU_HYP["model"]["layers"], 2, GRU_HYP["model"]["hidden"])
