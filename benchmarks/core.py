"""Microseconds per call of the reference core on exam-sized inputs (matrices up to 8x8).

    python3 benchmarks/core.py [--repeat 2000]

Each line is the best of 5 timing rounds, `repeat` calls each, so one noisy
round on a shared machine does not count. Inputs are drawn once, outside the timing.
"""
import argparse
import timeit

import numpy as np

from qbank.core import attention, conv, init, mlp, norm, optim, rnn

rng = np.random.default_rng(0)
Q, K, V = rng.normal(size=(8, 8)), rng.normal(size=(8, 8)), rng.normal(size=(8, 8))  # (T, d)
W = [rng.normal(size=(8, 8)) for _ in range(4)]  # (d, d) each: W_q, W_k, W_v, W_o
image = rng.integers(-3, 4, size=(1, 3, 8, 8))  # (N, C, H, W)
kernel = rng.integers(-2, 3, size=(4, 3, 3, 3))  # (Cout, Cin, kh, kw)
batch = rng.normal(size=(4, 3, 8, 8))  # (N, C, H, W)
xs = rng.normal(size=(8, 4))  # (T, d_in)
W_xh, W_hh = rng.normal(size=(8, 4)), rng.normal(size=(8, 8))  # (dh, d_in), (dh, dh)
x_in, h, c = rng.normal(size=4), rng.normal(size=8), rng.normal(size=8)  # (d_in,), (dh,), (dh,)
W_ih3, W_hh3 = rng.normal(size=(24, 4)), rng.normal(size=(24, 8))  # (3 dh, d_in), (3 dh, dh): GRU
W_ih4, W_hh4 = rng.normal(size=(32, 4)), rng.normal(size=(32, 8))  # (4 dh, d_in), (4 dh, dh): LSTM
mlp_weights = [rng.normal(size=(3, 2)), rng.normal(size=(1, 3))]  # input 2, hidden 3, output 1
mlp_biases = [rng.normal(size=3), rng.normal(size=1)]
theta, grad = rng.normal(size=8), rng.normal(size=8)

CASES = {
    "attention.softmax (8x8)": lambda: attention.softmax(Q),
    "attention.scaled_dot_product_attention (8x8)": lambda: attention.scaled_dot_product_attention(Q, K, V),
    "attention.sdpa causal (8x8)": lambda: attention.scaled_dot_product_attention(Q, K, V, causal=True),
    "attention.self_attention (8x8)": lambda: attention.self_attention(Q, W[0], W[1], W[2]),
    "attention.multi_head_attention (8x8, 2 heads)": lambda: attention.multi_head_attention(Q, *W, n_heads=2),
    "attention.sinusoidal_positional_encoding (8, 8)": lambda: attention.sinusoidal_positional_encoding(8, 8),
    "conv.conv_output_size": lambda: conv.conv_output_size(227, 11, 4, 2),
    "conv.conv2d (3x8x8, 4 filters 3x3, pad 1)": lambda: conv.conv2d(image, kernel, padding=1),
    "conv.max_pool2d (3x8x8, 2x2)": lambda: conv.max_pool2d(image, 2),
    "conv.conv2d_macs": lambda: conv.conv2d_macs(3, 64, 11, 56, 56),
    "norm.batch_norm_stats (4x3x8x8)": lambda: norm.batch_norm_stats(batch),
    "norm.group_norm (4x3x8x8, 3 groups)": lambda: norm.group_norm(batch, 3),
    "rnn.rnn_forward (T=8, 4 -> 8, tanh)": lambda: rnn.rnn_forward(xs, W_xh, W_hh),
    "rnn.gru_cell (4 -> 8)": lambda: rnn.gru_cell(x_in, h, W_ih3, W_hh3),
    "rnn.lstm_cell (4 -> 8)": lambda: rnn.lstm_cell(x_in, h, c, W_ih4, W_hh4),
    "rnn.lstm_param_count": lambda: rnn.lstm_param_count(100, 200),
    "mlp.mlp_forward_backward (2-3-1 sigmoid, BCE)": lambda: mlp.mlp_forward_backward(
        np.array([-2.0, 3.0]), np.array([1.0]), mlp_weights, mlp_biases, ["sigmoid", "sigmoid"], "bce"),
    "optim.sgd_momentum_step (8)": lambda: optim.sgd_momentum_step(theta, np.zeros(8), grad, 0.1, 0.9),
    "optim.adam_step (8)": lambda: optim.adam_step(theta, np.zeros(8), np.zeros(8), grad, 1, 0.01),
    "init.xavier_std": lambda: init.xavier_std(100, 50),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2000, help="calls per timing round")
    args = parser.parse_args()
    width = max(map(len, CASES))
    for name, call in CASES.items():
        best = min(timeit.repeat(call, number=args.repeat, repeat=5)) / args.repeat
        print(f"{name:<{width}}  {best * 1e6:8.1f} us/call")


if __name__ == "__main__":
    main()
