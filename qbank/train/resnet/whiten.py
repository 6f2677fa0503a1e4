"""Patch whitening: a frozen first convolution whose filters decorrelate the 3x3 input patches.

The filters are the eigenvectors of the covariance of all 3x3x3 patches of (a sample of) the
training images, each divided by the square root of its eigenvalue, so that the 27 output
channels are uncorrelated with unit variance (ZCA-style PCA whitening; Coates & Ng, "Learning
feature representations with K-means" (2012), Sec. 3.1; used for CIFAR-10 speed runs by Page,
"How to train your ResNet 8: Bag of tricks" (myrtle.ai, 2019) and Jordan's airbench).
"""
from __future__ import annotations

import torch


def whitening_filters(images: torch.Tensor, kernel: int = 3, eps: float = 5e-4) -> torch.Tensor:
    """Conv weights (C*k*k, C, k, k) that whiten the k x k patches of normalized images (N, C, H, W)."""
    channels = images.shape[1]
    patches = images.float().unfold(2, kernel, 1).unfold(3, kernel, 1)          # (N, C, H', W', k, k)
    flat = patches.permute(0, 2, 3, 1, 4, 5).reshape(-1, channels * kernel * kernel)  # (P, C*k*k)
    flat = flat - flat.mean(dim=0)
    covariance = flat.T @ flat / flat.shape[0]                                   # (C*k*k, C*k*k)
    eigenvalues, eigenvectors = torch.linalg.eigh(covariance)                   # ascending order
    filters = eigenvectors.T / torch.sqrt(eigenvalues + eps)[:, None]           # (C*k*k, C*k*k)
    return filters.flip(0).reshape(-1, channels, kernel, kernel)                # largest variance first
