"""RNN template: parameters of one RNN / GRU / LSTM layer (seed 003 problem 2.3).

Batch size and sequence length are drawn and shown as well: they do not change the
count (weights are shared over the batch and over time), which is the point to see.
"""
from __future__ import annotations

from qbank import Expression, Integer, template
from qbank.core.rnn import gru_param_count, lstm_param_count, rnn_param_count
from qbank.lazy import sympy

CELLS = {"rnn": (1, rnn_param_count), "gru": (3, gru_param_count), "lstm": (4, lstm_param_count)}
D1, D2 = sympy.symbols("d1 d2")


def _check_count(params, answers):
    """Count by listing every weight matrix and bias vector of each gate block and summing their sizes."""
    gates = CELLS[params["cell"]][0]
    d_in, d_hidden, biases = params["d_in"], params["d_hidden"], params["biases"]
    shapes = [(d_hidden, d_in), (d_hidden, d_hidden)] + [(d_hidden, 1)] * biases  # one gate block
    assert answers["count"] == gates * sum(rows * cols for rows, cols in shapes)
    formula = gates * (D2 * D1 + D2 * D2 + biases * D2)
    assert sympy.expand(answers["formula"] - formula) == 0


@template("rnn/param-count", topic="rnn", points=5, title="Parameters of a recurrent layer",
          question="tex/rnn/param-count.tex.j2", solution="tex/rnn/param-count-solution.tex.j2",
          answers={"count": Integer(points=3, label="number of parameters",
                                    prompt=r"How many trainable parameters does this layer have?"),
                   "formula": Expression(symbols=("d1", "d2"), points=2, label="general formula",
                                         prompt=r"Give the count as a formula in $d_1$ (input size) and "
                                                r"$d_2$ (hidden size), with the same bias convention.")},
          # equal sizes would let a count built from the wrong size (W_hh as d1 x d1, say) score
          constraints={"the input and hidden sizes differ": lambda p, a: p["d_in"] != p["d_hidden"]},
          crosscheck=_check_count)
def param_count(rng):
    cell = str(rng.choice(list(CELLS)))
    d_in = int(rng.choice([3, 4, 5, 8, 10, 16, 20, 32, 50, 64, 100, 128]))
    d_hidden = int(rng.choice([2, 4, 5, 8, 10, 16, 20, 32, 64, 128, 256]))
    biases = int(rng.choice([1, 2]))
    batch = int(rng.choice([8, 16, 32, 64, 128]))
    steps = int(rng.choice([10, 20, 25, 50, 100]))
    count_fn = CELLS[cell][1]
    return ({"cell": cell, "d_in": d_in, "d_hidden": d_hidden, "biases": biases, "batch": batch, "steps": steps},
            {"count": count_fn(d_in, d_hidden, biases=biases), "formula": count_fn(D1, D2, biases=biases)},
            {"gates": CELLS[cell][0], "block_weights": rnn_param_count(d_in, d_hidden, biases=0),
             "block_total": rnn_param_count(d_in, d_hidden, biases=biases)})
