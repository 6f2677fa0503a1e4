"""A GRU written out by hand, for teaching: same equations, gate order and parameter names as torch.nn.GRU.

For each layer, with x the input and h the previous hidden state (PyTorch docs, torch.nn.GRU;
Cho et al., "Learning Phrase Representations using RNN Encoder-Decoder", 2014):
    r  = sigmoid(W_ir x + b_ir + W_hr h + b_hr)          reset gate
    z  = sigmoid(W_iz x + b_iz + W_hz h + b_hz)          update gate
    n  = tanh(W_in x + b_in + r * (W_hn h + b_hn))       candidate state
    h' = (1 - z) * n + z * h
weight_ih_l{k} stacks [W_ir; W_iz; W_in] (3H, D), weight_hh_l{k} stacks [W_hr; W_hz; W_hn] (3H, H),
so `ScratchGRU.load_state_dict(nn_gru.state_dict())` copies an nn.GRU's weights exactly.
"""
from __future__ import annotations

import math

import torch
from torch import nn


def gru_cell(x, h, weight_ih, weight_hh, bias_ih, bias_hh) -> torch.Tensor:
    """One step: x (B, D), h (B, H) -> h' (B, H), by the equations above."""
    gi = x @ weight_ih.T + bias_ih                       # (B, 3H): input parts of r, z, n
    gh = h @ weight_hh.T + bias_hh                       # (B, 3H): hidden parts of r, z, n
    i_r, i_z, i_n = gi.chunk(3, dim=1)                   # (B, H) each
    h_r, h_z, h_n = gh.chunk(3, dim=1)
    r = torch.sigmoid(i_r + h_r)
    z = torch.sigmoid(i_z + h_z)
    n = torch.tanh(i_n + r * h_n)                        # r gates the hidden part only, bias included
    return (1 - z) * n + z * h


class ScratchGRU(nn.Module):
    """A stack of `num_layers` GRU layers over (B, T, D) inputs (batch_first=True), no dropout."""

    def __init__(self, input_size: int, hidden_size: int, num_layers: int = 1):
        super().__init__()
        self.hidden_size, self.num_layers = hidden_size, num_layers
        bound = 1.0 / math.sqrt(hidden_size)  # nn.GRU's init: U(-1/sqrt(H), 1/sqrt(H))
        for layer in range(num_layers):
            d_in = input_size if layer == 0 else hidden_size
            for name, shape in ((f"weight_ih_l{layer}", (3 * hidden_size, d_in)),
                                (f"weight_hh_l{layer}", (3 * hidden_size, hidden_size)),
                                (f"bias_ih_l{layer}", (3 * hidden_size,)),
                                (f"bias_hh_l{layer}", (3 * hidden_size,))):
                setattr(self, name, nn.Parameter(torch.empty(shape).uniform_(-bound, bound)))

    def forward(self, x: torch.Tensor, h0: torch.Tensor | None = None):
        """x (B, T, D), h0 (L, B, H) or None (zeros) -> outputs (B, T, H), h_n (L, B, H), as nn.GRU."""
        batch, steps, _ = x.shape
        if h0 is None:
            h0 = x.new_zeros(self.num_layers, batch, self.hidden_size)
        layer_input, finals = x, []
        for layer in range(self.num_layers):
            weights = [getattr(self, f"{kind}_l{layer}")
                       for kind in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")]
            h, outputs = h0[layer], []
            for t in range(steps):
                h = gru_cell(layer_input[:, t], h, *weights)  # (B, H)
                outputs.append(h)
            layer_input = torch.stack(outputs, dim=1)          # (B, T, H)
            finals.append(h)
        return layer_input, torch.stack(finals)               # (B, T, H), (L, B, H)
