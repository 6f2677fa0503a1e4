"""The two training assignments (seed 002: a residual net on CIFAR-10, a GRU character model) as bank items.

Both are long assignments graded by a person (kind "short"): the answers are model answers
for a rubric. The drawn parameters are the assignment's knobs (goal, epoch budget, sampling
temperature), so versions differ a little. The solution pages point to the reference code in
qbank/train/ and show its committed reference run (banks/assignments/reference/), read and
summarised by qbank.runlog; the curves are drawn from the logged numbers.
"""
from __future__ import annotations

import math

from qbank import Text, template
from qbank.runlog import first_epoch_at_least, reference_summary
from qbank.train.gru.hyper import HYP as GRU_HYP
from qbank.train.resnet.hyper import HYP as RESNET_HYP

AXIS_STEPS = (0.05, 0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 5.0)
AXIS_INTERVALS = 6


def axis(values) -> dict:
    """Limits and ticks of a plot axis covering `values`: multiples of the smallest step in
    AXIS_STEPS that needs at most AXIS_INTERVALS intervals, or of the largest step when none
    does (a figure layout, not an answer)."""
    low, high = min(values), max(values)
    for step in AXIS_STEPS:
        first, last = math.floor(low / step), math.ceil(high / step)
        last = max(last, first + 1)
        if last - first <= AXIS_INTERVALS:
            break
    return {"lo": round(first * step, 6), "hi": round(last * step, 6),
            "ticks": [round(k * step, 6) for k in range(first, last + 1)]}


CODE = Text(points=4, label="code", prompt=(  # the same rubric item in both assignments
    r"Submit code that trains from scratch with one command and fixes every random seed."))

RESNET_ANSWERS = {
    "architecture": Text(points=4, label="network", prompt=(
        r"Describe your network: its layers and widths, where the skip connections are, and its "
        r"number of trainable parameters.")),
    "code": CODE,
    "log": Text(points=4, label="training log", prompt=(
        r"Submit the training log (one line per epoch) and a plot of the loss and accuracy curves.")),
    "result": Text(points=5, label="result", prompt=r"Report your final test accuracy against the goal."),
    "discussion": Text(points=3, label="discussion", prompt=(
        r"Which two of your choices helped the accuracy most? Support the claim with a run.")),
}


@template("assignments/resnet-cifar10", topic="assignments", points=20, kind="short",
          title="Training assignment: a residual network on CIFAR-10",
          question="tex/assignments/resnet-cifar10.tex.j2",
          solution="tex/assignments/resnet-cifar10-solution.tex.j2", answers=RESNET_ANSWERS)
def resnet_cifar10(rng):
    """Goal, epoch budget and number of seeds drawn; model answers per rubric item; the reference run."""
    target_acc = int(rng.integers(90, 95))  # percent of the 10 000 test images
    epoch_budget = int(rng.choice([10, 15, 20, 25, 30]))
    seeds = int(rng.choice([1, 3, 5]))
    ref = reference_summary("resnet")
    losses = ref["series"]["train_loss_smoothed"] + ref["series"]["test_loss"]
    return ({"target_acc": target_acc, "epoch_budget": epoch_budget, "seeds": seeds}, {
        "architecture": r"Any convolutional net with at least one identity shortcut $y = x + F(x)$ "
                        r"(a projection where the shapes change), with the parameter count stated. "
                        r"The reference is a ResNet-9: a frozen patch-whitening convolution, three stages of "
                        r"convolution, max-pooling, batch normalization and GELU (widths "
                        + "/".join(str(w) for w in RESNET_HYP["net"]["widths"].values())
                        + r"), residual blocks of two convolutions after the first and the third stage, "
                        r"global max-pooling and a linear layer.",
        "code": r"Runs end to end from the raw CIFAR-10 files; the test images are used only to "
                r"evaluate. Reference: \texttt{qbank train resnet --data DIR --seed N}.",
        "log": r"Every epoch: training loss, test loss and accuracy, elapsed time; curves per epoch. "
               r"The reference writes log.jsonl, log.txt and curves.png.",
        "result": rf"Full marks for a mean test accuracy of at least {target_acc}\% over {seeds} "
                  rf"run(s) within {epoch_budget} epochs; partial marks for an honest lower figure.",
        "discussion": r"For instance data augmentation (random crops or shifts and mirroring), a "
                      r"warm-up and decay learning-rate schedule, batch normalization, label smoothing; "
                      r"each claim backed by a run without it.",
    }, {"ref": ref, "reached_at": first_epoch_at_least(ref["epoch"], ref["series"]["test_acc"], target_acc / 100),
        "loss_axis": axis(losses), "acc_axis": axis((0.0, 1.0))})


GRU_ANSWERS = {
    "model": Text(points=4, label="model", prompt=(
        r"Describe your model: embedding, GRU layers and sizes, output layer, and how the hidden "
        r"state is carried from one batch to the next.")),
    "code": CODE,
    "log": Text(points=4, label="training log", prompt=(
        r"Submit the training log and a plot of training and validation loss per epoch.")),
    "result": Text(points=4, label="result", prompt=r"Report your final validation loss against the goal."),
    "samples": Text(points=4, label="samples", prompt=(
        r"Show the samples and say how the temperature changes them.")),
}


@template("assignments/gru-char-lm", topic="assignments", points=20, kind="short",
          title="Training assignment: a character-level GRU language model",
          question="tex/assignments/gru-char-lm.tex.j2",
          solution="tex/assignments/gru-char-lm-solution.tex.j2", answers=GRU_ANSWERS)
def gru_char_lm(rng):
    """Goal, sampling temperature and sample length drawn; model answers per rubric item; the reference run."""
    target_nats = float(rng.choice([1.45, 1.5, 1.55]))  # validation cross-entropy per character
    temperature = float(rng.choice([0.5, 0.6, 0.7, 0.8, 0.9]))
    sample_chars = int(rng.choice([200, 300, 400, 500, 600]))
    ref = reference_summary("gru")
    losses = ref["series"]["train_loss"] + ref["series"]["val_loss"]
    if ref["entropy_rate"] is not None:
        losses.append(ref["entropy_rate"])
    return ({"target_nats": target_nats, "temperature": temperature, "sample_chars": sample_chars}, {
        "model": r"Characters as ids, an embedding, one or more GRU layers, a linear layer to one logit "
                 r"per character. The hidden state either starts from zero in each random window or is "
                 r"carried across consecutive chunks and detached (truncated backpropagation through "
                 r"time); the reference does the first in training, the second in validation: embedding "
                 f"{GRU_HYP['model']['embed']}, {GRU_HYP['model']['layers']} GRU layers of "
                 f"{GRU_HYP['model']['hidden']} units, dropout {GRU_HYP['model']['dropout']:g}.",
        "code": r"Trains from the text file alone, with a held-out validation part. Reference: "
                r"\texttt{qbank train gru --data input.txt --seed N}.",
        "log": r"Per epoch: training and validation loss in nats (or bits) per character. The reference "
               r"writes log.jsonl, log.txt and curves.png.",
        "result": rf"Full marks for a validation loss of at most {target_nats:.2f} nats per character; "
                  rf"partial marks for an honest higher figure.",
        "samples": rf"Samples of {sample_chars} characters at temperature {temperature:g} and 1. Dividing "
                   r"the logits by $T < 1$ sharpens the distribution: fewer spelling slips, more "
                   r"repetition; $T = 1$ samples the model itself: more variety, more invented words.",
    }, {"ref": ref, "loss_axis": axis(losses), "acc_axis": axis((0.0, 1.0))})
