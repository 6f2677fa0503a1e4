"""Data augmentation as tensor ops on the training device: random horizontal flip and translate.

Both act on a whole batch at once (no per-image Python loop), as in Jordan, "airbench" (2024):
image i of the output is always a flipped and/or shifted copy of image i of the input, so the
labels stay in step without being touched.
"""
from __future__ import annotations

import torch


def random_flip(images: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
    """Mirror each image (N, C, H, W) left-right with probability 1/2."""
    flip = torch.rand(images.shape[0], device=images.device, generator=generator) < 0.5  # (N,)
    return torch.where(flip[:, None, None, None], images.flip(-1), images)


def random_translate(images: torch.Tensor, max_shift: int, generator: torch.Generator) -> torch.Tensor:
    """Shift each image (N, C, H, W) by its own (dy, dx) in [-max_shift, max_shift]^2.

    The image is reflect-padded by max_shift pixels and an HxW window is cut out at the drawn
    offset: the random-crop-with-padding augmentation of He et al., "Deep Residual Learning"
    (2016), Sec. 4.2, done with one gather.
    """
    if max_shift == 0:
        return images
    n, _, height, width = images.shape
    padded = torch.nn.functional.pad(images, (max_shift,) * 4, mode="reflect")  # (N, C, H+2s, W+2s)
    offsets = torch.randint(0, 2 * max_shift + 1, (2, n), device=images.device, generator=generator)
    rows = offsets[0][:, None] + torch.arange(height, device=images.device)     # (N, H)
    cols = offsets[1][:, None] + torch.arange(width, device=images.device)      # (N, W)
    batch = torch.arange(n, device=images.device)[:, None, None]                # (N, 1, 1)
    window = padded.permute(0, 2, 3, 1)[batch, rows[:, :, None], cols[:, None, :]]  # (N, H, W, C)
    return window.permute(0, 3, 1, 2)  # (N, C, H, W), stored channels-last: what a GPU conv wants


def augment(images: torch.Tensor, flip: bool, max_shift: int, generator: torch.Generator) -> torch.Tensor:
    """Flip (if enabled) then translate a batch (N, C, H, W); the order of images is kept."""
    if flip:
        images = random_flip(images, generator)
    return random_translate(images, max_shift, generator)
