"""Modelled mistakes for recurrent layers: one gate block instead of several, the other bias convention.

An LSTM has four gate blocks (i, f, g, o) and a GRU three (r, z, n), each the size
of a plain RNN's (torch.nn.LSTM / torch.nn.GRU docs, "Variables"); counting one
block is rnn_param_count. The bias convention is PyTorch's two vectors per block
(b_ih, b_hh) against the textbook's one.
"""
from __future__ import annotations

from qbank.core.rnn_counts import gru_param_count, lstm_param_count, rnn_param_count
from qbank.distractors.registry import mistake

COUNTS = {"rnn": rnn_param_count, "gru": gru_param_count, "lstm": lstm_param_count}


@mistake("rnn/param-count", "counted one gate block instead of one per gate", part="count")
def _one_gate(p):
    return rnn_param_count(p["d_in"], p["d_hidden"], biases=p["biases"]) if p["cell"] != "rnn" else None


@mistake("rnn/param-count", "used the other bias convention", part="count")
def _other_biases(p):
    return COUNTS[p["cell"]](p["d_in"], p["d_hidden"], biases=3 - p["biases"])


@mistake("rnn/param-count", "forgot the biases", part="count")
def _no_biases(p):
    return COUNTS[p["cell"]](p["d_in"], p["d_hidden"], biases=0)
