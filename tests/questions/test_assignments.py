"""The training assignments as bank items: summaries of the committed reference runs, texts, plot axes.

Every figure the solution pages show is recomputed here from banks/assignments/reference/*/log.jsonl
and config.json with plain json, independently of qbank.runlog.
"""
import json
import math
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qbank.engine.generate import generate
from qbank.engine.numbers import decimal
from qbank.engine.template import get
from qbank.errors import InputError
from qbank.questions.assignments import AXIS_INTERVALS, AXIS_STEPS, axis
from qbank.runlog import first_epoch_at_least, read_run, reference_summary
from qbank.train.gru.markov import entropy_rate, random_chain

REFERENCE = Path(__file__).resolve().parents[2] / "banks" / "assignments" / "reference"
RESNET, GRU = "assignments/resnet-cifar10", "assignments/gru-char-lm"


def _committed(kind):
    config = json.loads((REFERENCE / kind / "config.json").read_text())
    records = [json.loads(line) for line in (REFERENCE / kind / "log.jsonl").read_text().splitlines()]
    return config, records


def test_reference_folders_hold_only_small_text_files():
    for kind in ("resnet", "gru"):
        files = sorted(path.name for path in (REFERENCE / kind).iterdir())
        assert files == ["config.json", "log.jsonl"], files  # never a checkpoint or a dataset
        assert all((REFERENCE / kind / name).stat().st_size < 8192 for name in files)
    assert "94%" in (REFERENCE / "README.md").read_text() and "1.50 nats" in (REFERENCE / "README.md").read_text()


def test_resnet_summary_equals_the_committed_log():
    config, records = _committed("resnet")
    accuracies = [record["test_acc"] for record in records]
    summary = reference_summary("resnet")
    assert summary["epochs"] == len(records) == config["hyper"]["opt"]["epochs"]
    assert summary["epoch"] == list(range(1, len(records) + 1))
    assert summary["test_acc"] == records[-1]["test_acc"] and summary["test_loss"] == records[-1]["test_loss"]
    assert summary["best_acc"] == max(accuracies)
    assert summary["best_epoch"] == accuracies.index(max(accuracies)) + 1
    assert summary["seconds"] == records[-1]["train_seconds"]
    assert summary["series"]["train_loss_smoothed"] == [record["train_loss_smoothed"] for record in records]
    assert (summary["n_train"], summary["n_test"]) == (config["n_train"], config["n_test"])
    assert summary["code"] == config["code_sha256"][:12]
    assert summary["synthetic"] == config["data"].endswith("synthetic-cifar")  # where smoke runs write images


def test_gru_summary_equals_the_committed_log_and_the_source():
    config, records = _committed("gru")
    summary = reference_summary("gru")
    assert summary["epochs"] == len(records) == config["hyper"]["opt"]["epochs"]
    assert summary["val_loss"] == records[-1]["val_loss"] and summary["val_acc"] == records[-1]["val_acc"]
    assert summary["val_bpc"] == pytest.approx(records[-1]["val_loss"] / math.log(2))  # bits = nats / ln 2
    assert summary["gap"] == records[-1]["val_loss"] - config["entropy_rate_nats"]
    assert summary["vocab_size"] == len(config["vocab"]) and summary["n_val"] == config["n_val"]
    # The logged entropy rate is that of the chain the run's seed draws (qbank.train.gru.markov).
    syn = config["hyper"]["synthetic"]
    chain = random_chain(np.random.default_rng(config["seed"]), len(syn["alphabet"]), syn["concentration"])
    assert summary["entropy_rate"] == pytest.approx(entropy_rate(chain), abs=1e-12)
    assert all(record["val_loss"] >= summary["entropy_rate"] for record in records)  # nobody beats the floor


def test_first_epoch_at_least_by_hand():
    # (0.5, 0.89, 0.9, 0.95): 0.9 is reached at epoch 3 exactly (>=), 0.95 at 4, 0.99 never.
    epochs, values = [1, 2, 3, 4], [0.5, 0.89, 0.9, 0.95]
    assert first_epoch_at_least(epochs, values, 0.9) == 3
    assert first_epoch_at_least(epochs, values, 0.95) == 4
    assert first_epoch_at_least(epochs, values, 0.99) is None


def test_pinned_target_reports_the_first_epoch_that_reached_it():
    _, records = _committed("resnet")
    for target in range(90, 95):
        expected = next((r["epoch"] for r in records if r["test_acc"] >= target / 100), None)
        inst = generate(get(RESNET), 0, pins={"target_acc": target})
        assert inst.params["target_acc"] == target and inst.work["reached_at"] == expected
        solution = inst.render("solution", "text")
        assert (f"never reached this version's {target}" in solution if expected is None
                else f"reached this version's {target}\\% at epoch {expected}" in solution)


@pytest.mark.parametrize("template_id, kind", [(RESNET, "resnet"), (GRU, "gru")])
def test_solution_shows_the_log_in_both_modes(template_id, kind):
    _, records = _committed(kind)
    inst = generate(get(template_id), 0)
    latex, text = inst.render("solution", "latex"), inst.render("solution", "text")
    assert f"qbank/train/{kind}/" in latex and f"qbank train {kind} --data" in latex
    assert latex.count(r"\begin{tikzpicture}") == 1 and latex.count("plot coordinates") >= 3
    loss = "test_loss" if kind == "resnet" else "val_loss"
    curve = " ".join(f"({r['epoch']}, {decimal(r[loss])})" for r in records)  # the figure's own numbers
    assert curve in latex
    assert "tikzpicture" not in text
    last = records[-1]
    row = f"{last['epoch']} | " if kind == "resnet" else f"{last['epoch']} | {decimal(last['train_loss'], 4)} | "
    assert row in text
    if kind == "resnet":
        shown = decimal(last["test_acc"] * 100, 1) + r"\%"
    else:
        shown = f"Final validation loss {decimal(last['val_loss'], 4)} nats"
    assert shown in latex and shown in text


def test_question_texts_state_the_drawn_goals_and_what_to_submit():
    for seed in range(12):
        resnet = generate(get(RESNET), seed)
        question = resnet.render("question", "text")
        target, budget, seeds = (resnet.params[name] for name in ("target_acc", "epoch_budget", "seeds"))
        assert f"at least {target}\\% within {budget} epochs" in question
        assert ("in one run" in question) == (seeds == 1)
        assert all(word in question for word in ("residual", "CIFAR-10", "code", "training log", "plot"))
        gru = generate(get(GRU), seed)
        question = gru.render("question", "text")
        assert f"at most {decimal(gru.params['target_nats'], 2)} nats per character" in question
        assert f"sample of {gru.params['sample_chars']} characters at $T = {decimal(gru.params['temperature'])}$" in question
        assert all(word in question for word in ("GRU", "code", "training log", "samples", "validation"))


@pytest.mark.parametrize("template_id", [RESNET, GRU])
def test_graded_by_a_person_with_rubric_points(template_id):
    tpl = get(template_id)
    assert tpl.kind == "short" and tpl.topic == "assignments" and tpl.points == 20
    variants = set()
    for seed in range(30):
        inst = generate(tpl, seed)
        assert all(part.spec.kind == "text" and part.points > 0 for part in inst.parts)
        assert sum(part.points for part in inst.parts) == 20
        rubric = ", ".join(f"{part.label} {part.points:g}" for part in inst.parts)
        assert f"Rubric (points): {rubric}." in inst.render("question", "text")
        variants.add(json.dumps(inst.params, sort_keys=True))
    assert len(variants) > 3  # versions differ a little


def test_axis_by_hand():
    # GRU losses 1.1636..1.4439: steps 0.05 -> floor(23.27) = 23 .. ceil(28.88) = 29, 6 intervals: 1.15..1.45.
    assert axis([1.1636, 1.4439]) == {"lo": 1.15, "hi": 1.45, "ticks": [1.15, 1.2, 1.25, 1.3, 1.35, 1.4, 1.45]}
    # ResNet losses 0.536..3.162: 0.05 needs 54 intervals, 0.1 27, 0.2 14, 0.25 11, 0.5 -> 1..7 = 6: 0.5..3.5.
    assert axis([0.536, 3.162])["lo"] == 0.5 and axis([0.536, 3.162])["hi"] == 3.5
    # Accuracy 0..1: 0.05 and 0.1 need 20 and 10 intervals, 0.2 needs 5.
    assert axis([0.0, 1.0])["ticks"] == [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    assert axis([2.0, 2.0]) == {"lo": 2.0, "hi": 2.05, "ticks": [2.0, 2.05]}  # a flat series still gets a band


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(0.0, 25.0), min_size=1, max_size=12))
def test_axis_covers_the_values_on_the_tick_grid(values):
    ax = axis(values)
    lo, hi = Fraction(ax["lo"]).limit_denominator(100), Fraction(ax["hi"]).limit_denominator(100)
    assert lo <= Fraction(min(values)) and Fraction(max(values)) <= hi  # exact comparison
    step = Fraction(ax["ticks"][1]).limit_denominator(100) - Fraction(ax["ticks"][0]).limit_denominator(100)
    assert float(step) in AXIS_STEPS and 1 <= len(ax["ticks"]) - 1 <= AXIS_INTERVALS
    assert (hi - lo) / step == len(ax["ticks"]) - 1 and (lo / step).denominator == 1


def test_bad_run_directories_are_named(tmp_path):
    with pytest.raises(InputError, match="config.json: run file not found"):
        read_run(tmp_path)
    (tmp_path / "config.json").write_text(json.dumps({"kind": "gru"}))
    (tmp_path / "log.jsonl").write_text('{"epoch": 1}\n{"epoch": 3}\n')
    with pytest.raises(InputError, match="log.jsonl: line 2: expected the record of epoch 2"):
        read_run(tmp_path)
    (tmp_path / "log.jsonl").write_text('{"epoch": 1}\nnot json\n')
    with pytest.raises(InputError, match="log.jsonl: line 2: not JSON"):
        read_run(tmp_path)
    (tmp_path / "log.jsonl").write_text("")
    with pytest.raises(InputError, match="at least one epoch"):
        read_run(tmp_path)
