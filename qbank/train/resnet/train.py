"""One training epoch and one evaluation of the residual net, on data already on the device.

Images stay uint8 on the device; each batch is normalized and augmented there. Losses and
correct counts are summed on the device and read once per epoch (no per-step host sync).
"""
from __future__ import annotations

import torch
import torch.nn.functional as F

from qbank.train.device import autocast
from qbank.train.resnet.augment import augment
from qbank.train.schedule import warmup_linear_decay


def normalize(images: torch.Tensor, mean: torch.Tensor, std: torch.Tensor) -> torch.Tensor:
    """uint8 (N, 3, H, W) -> float (N, 3, H, W) with per-channel mean 0 and std 1 on the train set."""
    return (images.float() / 255.0 - mean[:, None, None]) / std[:, None, None]


def _layout(x: torch.Tensor, hyp: dict) -> torch.Tensor:
    if hyp["runtime"]["channels_last"] and x.is_cuda:
        return x.contiguous(memory_format=torch.channels_last)
    return x


def train_epoch(model, optimizer, images, labels, stats, hyp, step, total_steps, generator) -> dict:
    """Train one pass over images (N, 3, H, W) uint8; returns the (label-smoothed) loss, the
    accuracy on the augmented batches, the last learning rate and the next step number."""
    opt, device = hyp["opt"], images.device
    batch = min(opt["batch_size"], len(images))
    order = torch.randperm(len(images), device=device, generator=generator)   # (N,)
    loss_sum = torch.zeros((), device=device)
    correct = torch.zeros((), device=device, dtype=torch.long)
    seen = 0
    model.train()
    for start in range(0, len(images) - batch + 1, batch):  # drop the ragged tail: fixed shapes
        index = order[start:start + batch]                                    # (B,)
        x = augment(normalize(images[index], *stats), hyp["aug"]["flip"], hyp["aug"]["translate"], generator)
        y = labels[index]                                                     # (B,)
        for group in optimizer.param_groups:
            group["lr"] = opt["lr"] * warmup_linear_decay(step, total_steps, opt["warmup_frac"],
                                                          opt["final_lr_frac"])
        with autocast(device, hyp["runtime"]["bf16"]):
            logits = model(_layout(x, hyp))                                   # (B, 10)
        loss = F.cross_entropy(logits.float(), y, label_smoothing=opt["label_smoothing"])
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        loss_sum += loss.detach() * len(y)
        correct += (logits.argmax(dim=1) == y).sum()
        seen += len(y)
        step += 1
    return {"train_loss_smoothed": loss_sum.item() / seen, "train_acc": correct.item() / seen,
            "lr": optimizer.param_groups[0]["lr"], "step": step}


@torch.no_grad()
def evaluate(model, images, labels, stats, hyp) -> dict:
    """Test loss (nats, no smoothing) and accuracy; with tta_flip the logits of an image and its
    mirror are averaged (test-time augmentation, Krizhevsky et al., "ImageNet classification", 2012).
    """
    model.eval()
    loss_sum, correct = torch.zeros((), device=images.device), torch.zeros((), device=images.device)
    for start in range(0, len(images), hyp["eval"]["batch_size"]):
        x = _layout(normalize(images[start:start + hyp["eval"]["batch_size"]], *stats), hyp)
        y = labels[start:start + len(x)]                                      # (B,)
        with autocast(images.device, hyp["runtime"]["bf16"]):
            logits = model(x).float()                                         # (B, 10)
            if hyp["eval"]["tta_flip"]:
                logits = (logits + model(x.flip(-1)).float()) / 2
        loss_sum += F.cross_entropy(logits, y, reduction="sum")
        correct += (logits.argmax(dim=1) == y).sum()
    return {"test_loss": loss_sum.item() / len(images), "test_acc": correct.item() / len(images)}
