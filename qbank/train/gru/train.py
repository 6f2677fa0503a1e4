"""One training epoch and one validation pass of the character model."""
from __future__ import annotations

import math

import torch
import torch.nn.functional as F

from qbank.train.gru.text import random_windows
from qbank.train.schedule import warmup_linear_decay


def train_epoch(model, optimizer, train_ids, hyp, step, total_steps, generator) -> dict:
    """steps_per_epoch(...) steps on random windows; returns the mean loss (nats) and the next step."""
    opt = hyp["opt"]
    model.train()
    loss_sum = torch.zeros((), device=train_ids.device)
    steps = steps_per_epoch(len(train_ids), hyp)
    for _ in range(steps):
        x, y = random_windows(train_ids, opt["batch_size"], opt["seq_len"], generator)  # (B, T) each
        for group in optimizer.param_groups:
            group["lr"] = opt["lr"] * warmup_linear_decay(step, total_steps, opt["warmup_frac"],
                                                          opt["final_lr_frac"])
        logits, _ = model(x)                                                  # (B, T, V)
        loss = F.cross_entropy(logits.flatten(0, 1), y.flatten())
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), opt["grad_clip"])  # tames exploding RNN gradients
        optimizer.step()
        loss_sum += loss.detach()
        step += 1
    return {"train_loss": loss_sum.item() / steps, "lr": optimizer.param_groups[0]["lr"], "step": step}


def steps_per_epoch(n_train: int, hyp: dict) -> int:
    """One epoch = as many windows as cover the training text once (at least one step, at most
    max_steps_per_epoch when that is set)."""
    steps = max(1, n_train // (hyp["opt"]["batch_size"] * hyp["opt"]["seq_len"]))
    return min(steps, hyp["opt"]["max_steps_per_epoch"] or steps)


@torch.no_grad()
def evaluate(model, val_ids, hyp) -> dict:
    """Validation loss (nats and bits per character) and next-character accuracy.

    The validation text is cut into `eval_streams` contiguous streams read chunk by chunk with
    the hidden state carried over, so almost every prediction sees its full history.
    bits = nats / ln 2.
    """
    streams = hyp["data"]["eval_streams"]
    length = len(val_ids) // streams
    data = val_ids[:streams * length].view(streams, length)                   # (S, L)
    model.eval()
    h, loss_sum, correct = None, 0.0, 0
    chunk = hyp["data"]["eval_chunk"]
    for start in range(0, length - 1, chunk):
        x = data[:, start:start + chunk]                                      # (S, c)
        y = data[:, start + 1:start + chunk + 1]                              # (S, c) or (S, c-1) at the end
        logits, h = model(x, h)                                               # (S, c, V)
        logits = logits[:, :y.shape[1]]
        loss_sum += F.cross_entropy(logits.flatten(0, 1), y.flatten(), reduction="sum").item()
        correct += (logits.argmax(dim=-1) == y).sum().item()
    count = streams * (length - 1)
    return {"val_loss": loss_sum / count, "val_bpc": loss_sum / count / math.log(2),
            "val_acc": correct / count}
