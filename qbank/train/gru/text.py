"""Character data: read a text file, map characters to ids, split 90/10, cut training windows.

The vocabulary is every distinct character of the whole text, sorted (as in Karpathy's
char-rnn), so a model can score the validation text without unknown characters.
"""
from __future__ import annotations

from pathlib import Path

import torch

from qbank.errors import InputError


def read_text(path) -> str:
    """The UTF-8 contents of path; InputError (naming it) when missing, unreadable or empty."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise InputError(f"{path}: text file not found") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
    if not text:
        raise InputError(f"{path}: the text file is empty")
    return text


class Vocabulary:
    """The sorted distinct characters of a text; id i is the i-th character."""

    def __init__(self, text: str):
        self.chars = "".join(sorted(set(text)))
        self.index = {char: i for i, char in enumerate(self.chars)}

    def __len__(self) -> int:
        return len(self.chars)

    def encode(self, text: str) -> torch.Tensor:
        """ids (len(text),) int64; InputError for a character outside the vocabulary."""
        unknown = sorted(set(text) - set(self.index))
        if unknown:
            raise InputError(f"characters not in the training text's vocabulary: {unknown!r}")
        return torch.tensor([self.index[char] for char in text], dtype=torch.long)

    def decode(self, ids) -> str:
        """The text of a sequence of ids (the inverse of encode)."""
        return "".join(self.chars[int(i)] for i in ids)


def split(ids: torch.Tensor, val_frac: float, min_len: int, source: str) -> tuple[torch.Tensor, torch.Tensor]:
    """The first (1 - val_frac) of ids for training, the rest for validation (no shuffling: a
    held-out stretch of text). InputError when either part is shorter than min_len characters."""
    cut = int(round(len(ids) * (1.0 - val_frac)))
    train, val = ids[:cut], ids[cut:]
    if len(train) < min_len or len(val) < min_len:
        raise InputError(f"{source}: {len(ids)} characters is too short: each of the "
                         f"{1 - val_frac:.0%}/{val_frac:.0%} parts needs at least {min_len}")
    return train, val


def random_windows(ids: torch.Tensor, batch: int, length: int,
                   generator: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """inputs and next-character targets (batch, length) from random places in ids (N,)."""
    starts = torch.randint(0, len(ids) - length, (batch,), device=ids.device, generator=generator)
    index = starts[:, None] + torch.arange(length + 1, device=ids.device)  # (B, T+1)
    windows = ids[index]                                                    # (B, T+1)
    return windows[:, :-1], windows[:, 1:]
