"""The character language model: embedding -> torch.nn.GRU (the cuDNN fast path) -> linear to logits."""
from __future__ import annotations

import torch
from torch import nn


class CharGRU(nn.Module):
    """Predicts the next character; logits are unnormalized log-probabilities over the vocabulary."""

    def __init__(self, vocab_size: int, embed: int, hidden: int, layers: int, dropout: float):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, embed)
        # dropout acts between stacked GRU layers and before the output layer (Zaremba et al. 2014)
        self.gru = nn.GRU(embed, hidden, num_layers=layers, batch_first=True,
                          dropout=dropout if layers > 1 else 0.0)
        self.drop = nn.Dropout(dropout)
        self.out = nn.Linear(hidden, vocab_size)

    def forward(self, ids: torch.Tensor, h: torch.Tensor | None = None):
        """ids (B, T) -> logits (B, T, V) and the last hidden state (L, B, H)."""
        states, h = self.gru(self.embed(ids), h)          # (B, T, H), (L, B, H)
        return self.out(self.drop(states)), h


@torch.no_grad()
def sample(model: CharGRU, prompt_ids: torch.Tensor, length: int, temperature: float,
           generator: torch.Generator) -> torch.Tensor:
    """prompt_ids (P,) followed by `length` drawn ids (P + length,).

    Each next id is drawn from softmax(logits / temperature): temperature < 1 sharpens the
    distribution, > 1 flattens it (Hinton et al., "Distilling the Knowledge...", 2015, eq. 1).
    """
    if temperature <= 0:
        raise ValueError(f"sample: temperature must be positive, got {temperature}")
    model.eval()
    logits, h = model(prompt_ids[None])                   # (1, P, V), (L, 1, H)
    drawn = []
    for _ in range(length):
        probs = torch.softmax(logits[0, -1].float() / temperature, dim=-1)            # (V,)
        next_id = torch.multinomial(probs, 1, generator=generator)                    # (1,)
        drawn.append(next_id)
        logits, h = model(next_id[None], h)               # (1, 1, V)
    return torch.cat([prompt_ids, *drawn])
