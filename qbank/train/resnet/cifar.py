"""Read (and write) the CIFAR-10 "python version" batches: data_batch_1..5 and test_batch.

Format (Krizhevsky, https://www.cs.toronto.edu/~kriz/cifar.html): each file is a pickled dict
(protocol 2, written by Python 2) with b"data", an (N, 3072) uint8 array whose rows hold the
1024 red, then 1024 green, then 1024 blue values of a 32x32 image in row-major order, and
b"labels", a list of N ints in 0..9. Nothing is ever downloaded: the files must be on disk.
"""
from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np

from qbank.errors import InputError

TRAIN_FILES = tuple(f"data_batch_{i}" for i in range(1, 6))
TEST_FILE = "test_batch"
N_CLASSES = 10
PICKLE_PROTOCOL = 2  # the protocol of the original files


def read_batch(path) -> tuple[np.ndarray, np.ndarray]:
    """images (N, 3, 32, 32) uint8 and labels (N,) int64 of one batch file; InputError names the file."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            batch = pickle.load(handle, encoding="bytes")  # bytes keys, as Python 2 wrote them
    except FileNotFoundError as exc:
        raise InputError(f"{path}: CIFAR-10 batch file not found (nothing is downloaded)") from exc
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError, ImportError) as exc:
        raise InputError(f"{path}: not a CIFAR-10 python batch ({type(exc).__name__}: {exc})") from exc
    if not isinstance(batch, dict) or b"data" not in batch or b"labels" not in batch:
        raise InputError(f"{path}: not a CIFAR-10 python batch (expected a dict with b'data' and b'labels')")
    data, labels = np.asarray(batch[b"data"]), np.asarray(batch[b"labels"])
    if data.dtype != np.uint8 or data.ndim != 2 or data.shape[1] != 3 * 32 * 32:
        raise InputError(f"{path}: b'data' must be (N, 3072) uint8, got {data.shape} {data.dtype}")
    if labels.shape != (data.shape[0],) or not np.issubdtype(labels.dtype, np.integer):
        raise InputError(f"{path}: b'labels' must be {data.shape[0]} integers, got shape {labels.shape}")
    if labels.size and (labels.min() < 0 or labels.max() >= N_CLASSES):
        raise InputError(f"{path}: labels must lie in 0..{N_CLASSES - 1}")
    return data.reshape(-1, 3, 32, 32), labels.astype(np.int64)  # (N, C, H, W), (N,)


def load_cifar10(directory) -> dict[str, np.ndarray]:
    """{"train_images", "train_labels", "test_images", "test_labels"} from the six batch files."""
    directory = Path(directory)
    if not directory.is_dir():
        raise InputError(f"{directory}: not a directory of CIFAR-10 python batches")
    train = [read_batch(directory / name) for name in TRAIN_FILES]
    test_images, test_labels = read_batch(directory / TEST_FILE)
    return {"train_images": np.concatenate([images for images, _ in train]),   # (50000, 3, 32, 32)
            "train_labels": np.concatenate([labels for _, labels in train]),   # (50000,)
            "test_images": test_images, "test_labels": test_labels}


def write_batch(path, images: np.ndarray, labels: np.ndarray) -> None:
    """Write images (N, 3, 32, 32) uint8 and labels (N,) in the original batch format."""
    if images.dtype != np.uint8 or images.shape[1:] != (3, 32, 32) or len(labels) != len(images):
        raise ValueError(f"write_batch: images must be (N, 3, 32, 32) uint8 with N labels, "
                         f"got {images.shape} {images.dtype} and {len(labels)} labels")
    batch = {b"batch_label": Path(path).name.encode(), b"data": images.reshape(len(images), -1),
             b"labels": [int(label) for label in labels],
             b"filenames": [f"image_{i}.png".encode() for i in range(len(images))]}
    with open(path, "wb") as handle:
        pickle.dump(batch, handle, protocol=PICKLE_PROTOCOL)
