"""Smoke runs (even smaller than --smoke): every artifact is written, and the models learn."""
import json

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("matplotlib")

from qbank.train import train_gru, train_resnet  # noqa: E402
from qbank.train.gru.markov import synthetic_text  # noqa: E402
from qbank.train.resnet.model import ResNet9  # noqa: E402
from qbank.train.run_dir import code_hash  # noqa: E402

ARTIFACTS = ["config.json", "log.jsonl", "log.txt", "checkpoint.pt", "curves.png"]


def _check_artifacts(out, epochs):
    for name in ARTIFACTS:
        assert (out / name).is_file() and (out / name).stat().st_size > 0, name
    records = [json.loads(line) for line in (out / "log.jsonl").read_text().splitlines()]
    assert [r["epoch"] for r in records] == list(range(1, epochs + 1))
    config = json.loads((out / "config.json").read_text())
    assert config["code_sha256"] == code_hash() and len(config["code_sha256"]) == 64
    assert (out / "curves.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "epoch 1" in (out / "log.txt").read_text()
    return records, config


@pytest.mark.slow
def test_resnet_smoke_writes_every_artifact_and_beats_chance(tmp_path):
    lines = []
    final = train_resnet(tmp_path, smoke=True, epochs=3, echo=lines.append,
                         overrides={"smoke_data": {"per_train_file": 100, "n_test": 200},
                                    "opt": {"batch_size": 50}})
    records, config = _check_artifacts(tmp_path, 3)
    assert config["n_train"] == 500 and config["hyper"]["opt"]["epochs"] == 3
    assert final == records[-1]
    assert final["test_acc"] > 0.3  # chance is 0.1 with ten balanced classes
    model = ResNet9(**config["hyper"]["net"])
    model.load_state_dict(torch.load(tmp_path / "checkpoint.pt"))
    assert any(line.startswith("done: test accuracy") for line in lines)


@pytest.mark.slow
def test_gru_smoke_comes_within_a_tenth_of_a_nat_of_the_entropy_rate(tmp_path):
    final = train_gru(tmp_path, smoke=True, epochs=4, echo=lambda line: None,
                      overrides={"synthetic": {"length": 60_000}, "sample": {"length": 80}})
    records, config = _check_artifacts(tmp_path, 4)
    syn = config["hyper"]["synthetic"]
    _, rate = synthetic_text(config["seed"], 10, syn["alphabet"], syn["concentration"])
    assert final["entropy_rate"] == pytest.approx(rate) == pytest.approx(config["entropy_rate_nats"])
    assert final["val_loss"] - rate < 0.1  # no model can go below the rate (up to sampling noise)
    assert final["val_bpc"] == pytest.approx(final["val_loss"] / 0.6931471805599453)
    sample = (tmp_path / "sample.txt").read_text().rstrip("\n")
    assert sample == final["sample"] and len(sample) == 1 + 80 and set(sample) <= set(syn["alphabet"])


@pytest.mark.slow
def test_gru_on_a_text_file_samples_from_its_vocabulary(tmp_path):
    text = "the quick brown fox jumps over the lazy dog. " * 80
    (tmp_path / "input.txt").write_text(text)
    final = train_gru(tmp_path / "run", data_path=tmp_path / "input.txt", smoke=True, epochs=1,
                      temperature=0.5, echo=lambda line: None, overrides={"sample": {"prompt": "the "}})
    _check_artifacts(tmp_path / "run", 1)
    assert final["sample"].startswith("the ") and set(final["sample"]) <= set(text)
    assert json.loads((tmp_path / "run" / "config.json").read_text())["vocab"] == "".join(sorted(set(text)))
