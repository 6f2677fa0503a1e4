"""Synthetic CIFAR-10-format batches for smoke runs and tests: a learnable class signal in noise.

Each class owns a smooth random colour pattern (a 4x4 grid of colours blown up to 32x32);
an image is its class's pattern at a random contrast plus pixel noise. The files are written
in the real format (`cifar.write_batch`) so that smoke runs go through the real loader.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from qbank.train.resnet.cifar import N_CLASSES, TEST_FILE, TRAIN_FILES, write_batch


def synthetic_images(rng: np.random.Generator, patterns: np.ndarray, n: int,
                     noise: float) -> tuple[np.ndarray, np.ndarray]:
    """n images (n, 3, 32, 32) uint8 drawn from `patterns` (10, 3, 32, 32) in [-1, 1], and labels (n,)."""
    labels = rng.integers(0, N_CLASSES, size=n)                              # (n,)
    contrast = rng.uniform(30.0, 60.0, size=(n, 1, 1, 1))                    # grey levels
    pixels = 128.0 + contrast * patterns[labels] + rng.normal(0.0, noise, size=(n, 3, 32, 32))
    return np.clip(np.rint(pixels), 0, 255).astype(np.uint8), labels


def class_patterns(rng: np.random.Generator) -> np.ndarray:
    """(10, 3, 32, 32) patterns in [-1, 1]: a 4x4 grid of random colours per class, 8x8-pixel cells."""
    coarse = rng.uniform(-1.0, 1.0, size=(N_CLASSES, 3, 4, 4))               # (10, 3, 4, 4)
    return np.repeat(np.repeat(coarse, 8, axis=2), 8, axis=3)               # (10, 3, 32, 32)


def write_synthetic_cifar(directory, seed: int, per_train_file: int, n_test: int,
                          noise: float = 50.0) -> Path:
    """Write data_batch_1..5 (per_train_file images each) and test_batch (n_test) into directory."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    patterns = class_patterns(rng)
    for name in TRAIN_FILES:
        write_batch(directory / name, *synthetic_images(rng, patterns, per_train_file, noise))
    write_batch(directory / TEST_FILE, *synthetic_images(rng, patterns, n_test, noise))
    return directory
