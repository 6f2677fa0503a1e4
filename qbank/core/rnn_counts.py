"""Parameter counts of recurrent layers (RNN, GRU, LSTM), per torch.nn.RNN / GRU / LSTM.

A layer has one block of weights per gate: W_ih (H, I), W_hh (H, H) and `biases` bias
vectors (H,). PyTorch keeps two (b_ih and b_hh), the textbook equations one.
Source: PyTorch docs, torch.nn.RNN, torch.nn.GRU, torch.nn.LSTM (the weight_ih_l[k] shapes).
"""
from qbank.lazy import sympy


def _param_count(gates, d_in, d_hidden, biases, layers):
    """gates * (H (I + H) + biases * H) for layer 1; later layers take the H-wide output as input.

    d_in and d_hidden may be sympy symbols: the result is then the formula (a sympy expression).
    """
    for name, value in (("d_in", d_in), ("d_hidden", d_hidden), ("layers", layers)):
        if not isinstance(value, sympy.Symbol) and (int(value) != value or value < 1):
            raise ValueError(f"{name} must be a positive integer, got {value!r}")
    if biases not in (0, 1, 2):
        raise ValueError(f"biases must be 0, 1 or 2 bias vectors per gate, got {biases!r}")
    total = 0
    for layer in range(int(layers)):
        width_in = d_in if layer == 0 else d_hidden
        total += gates * (d_hidden * (width_in + d_hidden) + biases * d_hidden)
    return sympy.expand(total) if isinstance(total, sympy.Basic) else int(total)


def rnn_param_count(d_in, d_hidden, biases=2, layers=1):
    """Parameters of an Elman RNN: H (I + H) + biases * H per layer, I = d_in for layer 1 and H after.

    biases=2 counts b_ih and b_hh as torch.nn.RNN does (PyTorch docs, weight_ih_l[k] etc.), 1 the textbook b_h.
    """
    return _param_count(1, d_in, d_hidden, biases, layers)


def gru_param_count(d_in, d_hidden, biases=2, layers=1):
    """Parameters of a GRU: 3 (H (I + H) + biases * H) per layer, one block per gate r, z, n.

    biases=2 counts b_ih and b_hh as torch.nn.GRU does (PyTorch docs), 1 one bias per gate (textbook equations).
    """
    return _param_count(3, d_in, d_hidden, biases, layers)


def lstm_param_count(d_in, d_hidden, biases=2, layers=1):
    """Parameters of an LSTM: 4 (H (I + H) + biases * H) per layer, one block per gate i, f, g, o.

    biases=2 counts b_ih and b_hh as torch.nn.LSTM does (PyTorch docs); biases=1 is the textbook
    count with one bias per gate (b_i, b_f, b_g, b_o).
    """
    return _param_count(4, d_in, d_hidden, biases, layers)
