"""Self-attention templates: the output of a layer from X and its weights (seed 000 0.1.1), and what a
permutation of the tokens does with and without a positional encoding (seed 000 0.1.2-0.1.4).

Without positional encodings self-attention is permutation equivariant: permuting the
rows of X permutes the rows of the output. An added positional encoding P stays
attached to the positions, so the permuted input gets different vectors and the
equivariance breaks; the constraint keeps draws where the difference shows.

Every softmax the student works (for X, X + P and X' + P) has rows that are not uniform and
weights that print strictly between 0 and 1, and the values V have distinct rows: otherwise
a row's weights would not matter. The permutation draw is built so that most draws pass: the
tokens have distinct, nonzero queries (equal queries give equal output rows, which a
permutation can swap invisibly; a zero query gives a uniform row) and X + P stays in -1..1.
"""
from __future__ import annotations

import numpy as np

from qbank import Matrix, template
from qbank.check.predicates import equal_rows, hidden_zero, prints_differently, rounds_to_bound, uniform_row
from qbank.core.attention import self_attention, self_attention_steps
from qbank.errors import InputError
from qbank.questions import attention_exact as ex

OUTPUT = dict(digits=3, abs_tol=0.005)  # worked from weights rounded to 3 decimals
STEPS = ("inputs", "Q", "K", "V", "scores", "scaled", "weights")
ROWS = np.array([(a, b) for a in (-1, 0, 1) for b in (-1, 0, 1)])  # (9, 2): every token with entries in -1..1


def _readable(weights):
    """Every weight prints strictly between 0 and 1 at 2 decimals, and no row is uniform."""
    weights = np.asarray(weights)
    return bool(np.all((weights >= 0.01) & (weights <= 0.99))) and not uniform_row(weights)


def _nonzero(out):
    """An all-zero output (X W_v = 0, say) asks nothing: any weights give the same answer."""
    return bool(np.any(np.round(np.asarray(out, dtype=float), 3) != 0))


def _distinct_values(inputs, W_v):
    """V = inputs W_v has distinct rows: with two equal rows the weights on those tokens merge."""
    return not equal_rows(np.asarray(inputs) @ np.asarray(W_v))  # (T, d) @ (d, d_v): V as the question defines it


def _shown_outputs(answers, names):
    """Each output has an entry that is not 0 and none that is nonzero but prints as 0.000."""
    return all(_nonzero(answers[k]) and not hidden_zero(answers[k], OUTPUT["digits"]) for k in names)


def _small_weights(rng, rows, cols):
    return rng.integers(-1, 2, size=(rows, cols))


def _check_self(params, answers):
    out, weights = ex.self_attention(params["X"], params["W_q"], params["W_k"], params["W_v"])
    assert ex.close(answers["weights"], ex.numeric(weights)) and ex.close(answers["out"], ex.numeric(out))


@template("attention/self-attention", topic="attention", points=4, title="Output of a self-attention layer",
          question="tex/attention/self-attention.tex.j2", solution="tex/attention/self-attention-solution.tex.j2",
          answers={"weights": Matrix(points=2, digits=3, label="attention weights",
                                     prompt="The attention weights (one row per query token)."),
                   "out": Matrix(points=2, label="output sequence", **OUTPUT, prompt="The output sequence.")},
          constraints={"weights readable, no row uniform": lambda p, a: _readable(a["weights"]),
                       "V = X W_v has distinct rows": lambda p, a: _distinct_values(p["X"], p["W_v"]),
                       "the output shows": lambda p, a: _shown_outputs(a, ["out"])},
          crosscheck=_check_self)
def self_attention_question(rng):
    """X (T, 2) one token per row and W_q, W_k (2, d_k), W_v (2, d_v); Q = X W_q and so on."""
    T, d_k, d_v = int(rng.integers(2, 4)), int(rng.integers(1, 3)), int(rng.integers(1, 3))
    X = rng.integers(-1, 2, size=(T, 2))
    W_q = _small_weights(rng, 2, d_k)
    W_k = _small_weights(rng, 2, d_k)
    W_v = rng.integers(-5, 6, size=(2, d_v)) / 10
    steps = self_attention_steps(X, W_q, W_k, W_v)
    return ({"X": X, "W_q": W_q, "W_k": W_k, "W_v": W_v}, {"weights": steps["weights"], "out": steps["out"]},
            {"d_k": W_q.shape[1], **{name: steps[name] for name in STEPS}})


def _check_permutation(params, answers):
    X, P, perm = (np.asarray(params[k]) for k in ("X", "P", "perm"))
    weights = [params[k] for k in ("W_q", "W_k", "W_v")]
    cases = {"out": (X, None), "out_perm": (X[perm], None), "out_pos": (X, P), "out_perm_pos": (X[perm], P)}
    for name, (inputs, pos) in cases.items():
        assert ex.close(answers[name], ex.numeric(ex.self_attention(inputs, *weights, pos=pos)[0])), name
    assert ex.close(answers["out_perm"], answers["out"][perm])  # equivariance without positions


def _pos_breaks_equivariance(params, answers):
    shift = np.abs(answers["out_perm_pos"] - answers["out_pos"][np.asarray(params["perm"])])
    return bool(np.max(shift) >= 0.01)


def _inputs(params):
    """The three inputs whose softmax the solution works: X (a), X + P (c) and X' + P (d)."""
    X, P = np.asarray(params["X"]), np.asarray(params["P"])
    return X, X + P, X[np.asarray(params["perm"])] + P


def _weights_readable(params, answers):
    """No softmax row of (a), (c), (d) is uniform, and no weight prints as 0 or 1 at the solution's 3 decimals."""
    weights = [params[k] for k in ("W_q", "W_k", "W_v")]
    shown = [self_attention(inputs, *weights)[1] for inputs in _inputs(params)]
    return not any(uniform_row(w) or rounds_to_bound(w, OUTPUT["digits"]) for w in shown)


def _permutation_shows(params, answers):
    """The four outputs print pairwise differently: (b) shows the permutation's effect on (a), and no part's
    answer is another's (X + P equal to X', say)."""
    outputs = [answers[k] for k in ("out", "out_perm", "out_pos", "out_perm_pos")]
    return all(prints_differently(one, two, OUTPUT["digits"]) for i, one in enumerate(outputs) for two in outputs[i + 1:])


def _tokens(rng, T, W_q):
    """T tokens (rows in -1..1) whose queries x W_q are nonzero and distinct (W_q has T nonzero levels or more)."""
    queries = ROWS @ W_q[:, 0]  # (9,)
    levels = rng.choice(np.unique(queries[queries != 0]), size=T, replace=False)
    return np.array([rng.choice(ROWS[queries == level]) for level in levels])  # (T, 2)


def _encoding(rng, X, X_perm, W_q):
    """P (T, 2): for each position a row that keeps X + P and X' + P in -1..1 with nonzero queries, when one does."""
    rows = []
    for token, moved in zip(X, X_perm):
        fits = ROWS[np.all([(x + ROWS) @ W_q[:, 0] != 0 for x in (token, moved)], axis=0)]  # every candidate at once
        rows.append(rng.choice(fits) if len(fits) else ROWS[rng.integers(len(ROWS))])
    return np.array(rows)  # (T, 2)


@template("attention/permutation", topic="attention", points=15, title="Permuted inputs and positional encodings",
          question="tex/attention/permutation.tex.j2", solution="tex/attention/permutation-solution.tex.j2",
          answers={"out": Matrix(points=4, label="output for X", **OUTPUT, prompt="The output sequence for $X$."),
                   "out_perm": Matrix(points=4, label="output for the permuted X", **OUTPUT,
                                      prompt="The output sequence for $X'$. How can it be obtained from (a) "
                                             "without recomputing the attention?"),
                   "out_pos": Matrix(points=4, label="output for X + P", **OUTPUT,
                                     prompt="The output sequence for $X$ when the positional encoding $P$ is added "
                                            "to the input."),
                   "out_perm_pos": Matrix(points=3, label="output for X' + P", **OUTPUT,
                                          prompt="The output sequence for $X'$ with $P$ added. Is it the output of "
                                                 "(c) with its rows permuted? Explain why or why not.")},
          constraints={"the permutation is not the identity": lambda p, a: np.any(p["perm"] != np.arange(len(p["perm"]))),
                       "the four outputs print differently, (b) from (a) too": _permutation_shows,
                       "adding P visibly breaks the equivariance": _pos_breaks_equivariance,
                       "every output shows": lambda p, a: _shown_outputs(a, ("out", "out_perm", "out_pos", "out_perm_pos")),
                       "the values of (a), (c) and (d) have distinct rows":
                           lambda p, a: all(_distinct_values(x, p["W_v"]) for x in _inputs(p)),
                       "the weights of (a), (c) and (d) are readable, no row uniform": _weights_readable},
          crosscheck=_check_permutation)
def permutation_question(rng):
    """X (T, 2), one-column projections, a permutation of the rows and a positional encoding P (T, 2)."""
    T = int(rng.integers(2, 4))
    W_q = rng.choice([-1, 1], size=(2, 1))  # queries x W_q take four nonzero values: room for three tokens
    W_k = ROWS[rng.choice(np.flatnonzero(np.any(ROWS != 0, axis=1)))].reshape(2, 1)
    W_v = rng.choice([-5, -4, -3, -2, -1, 1, 2, 3, 4, 5], size=(2, 1)) / 10  # a zero would merge values
    X = _tokens(rng, T, W_q)
    perm = rng.permutation(T)
    if np.array_equal(perm, np.arange(len(perm))):  # the identity moves nothing: shift every token by one place instead
        perm = np.roll(perm, 1)
    if sorted(np.asarray(perm).tolist()) != list(range(len(X))):  # a pinned perm must reorder X, or (b) is false
        raise InputError(f"template attention/permutation: perm must list each of the rows 0..{len(X) - 1} of X once, "
                         f"got {np.asarray(perm).tolist()}")
    P = _encoding(rng, X, X[perm], W_q)
    X_perm = X[perm]
    # each case's steps once: the outputs are their last step and the solution works three of them
    steps = {name: self_attention_steps(inputs, W_q, W_k, W_v, pos=pos)
             for name, inputs, pos in (("out", X, None), ("out_perm", X_perm, None), ("out_pos", X, P),
                                       ("out_perm_pos", X_perm, P))}
    outputs = {name: case["out"] for name, case in steps.items()}
    work = {"X_perm": X_perm, "steps": steps["out"], "steps_pos": steps["out_pos"],
            "steps_perm_pos": steps["out_perm_pos"]}
    return {"X": X, "W_q": W_q, "W_k": W_k, "W_v": W_v, "perm": perm, "P": P}, outputs, work
