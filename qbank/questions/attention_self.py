"""Self-attention templates: the output of a layer from X and its weights (seed 000 0.1.1), and what a
permutation of the tokens does with and without a positional encoding (seed 000 0.1.2-0.1.4).

Without positional encodings self-attention is permutation equivariant: permuting the
rows of X permutes the rows of the output. An added positional encoding P stays
attached to the positions, so the permuted input gets different vectors and the
equivariance breaks; the constraint keeps draws where the difference shows.

Every softmax the student works (for X, X + P and X' + P) has rows that are not uniform and
weights that print strictly between 0 and 1, and the values V have distinct rows: otherwise
a row's weights would not matter.

The permutation draw is built backwards, each choice fitted to those before it, so that nearly
every draw passes the constraints (which generate still checks, every one of them):
- the tokens X have distinct, nonzero queries (equal queries give equal output rows, which a
  permutation can swap invisibly; a zero query gives a uniform row);
- W_k gives X keys that are not all equal, and no row of scores q_i k_j spans so much that a
  weight prints as 0 or 1;
- P is picked among all 9^T encodings at once (numpy), keeping the same for X + P and X' + P,
  their rows distinct, and P unlike P[perm] (else X' + P = (X + P)[perm]: no break to see);
- W_v last, among the 100 that give X, X + P and X' + P distinct values.
Drawn independently, 17% of raw draws passed (4000 draws, first failing constraint: weights
unreadable 32%, equal values 22%, outputs printing alike 14%, no visible break 11%, an output not
showing 5%) and a generate cost about 3.8 ms; built backwards 96% pass (10000 draws: outputs
printing alike 2.8%, an output not showing 0.5%, no visible break 0.4%; the constraints that read
only the parameters never fail, so the draw does not test them twice) and a generate costs about
0.7-0.8 ms, with as many distinct draws (4992 in 5000 seeds, 4993 before).
"""
from __future__ import annotations

import functools
import itertools

import numpy as np

from qbank import Matrix, template
from qbank.check.predicates import equal_rows, hidden_zero, prints_differently, rounds_to_bound, uniform_row
from qbank.core.attention import self_attention, self_attention_steps
from qbank.errors import InputError
from qbank.questions import attention_exact as ex

OUTPUT = dict(digits=3, abs_tol=0.005)  # worked from weights rounded to 3 decimals
STEPS = ("inputs", "Q", "K", "V", "scores", "scaled", "weights")
ROWS = np.array([(a, b) for a in (-1, 0, 1) for b in (-1, 0, 1)])  # (9, 2): every token with entries in -1..1
KEY_COLUMNS = ROWS[np.any(ROWS != 0, axis=1)].T  # (2, 8): every nonzero W_k
TENTHS = (-5, -4, -3, -2, -1, 1, 2, 3, 4, 5)  # the entries of W_v, in tenths: a zero would merge values
VALUE_COLUMNS = np.array([(a, b) for a in TENTHS for b in TENTHS]).T  # (2, 100): every W_v, in tenths
ENCODINGS = {T: np.array(list(itertools.product(range(len(ROWS)), repeat=T))).T for T in (2, 3)}  # (T, 9^T): every P
# as the row of ROWS at each position, and (2, T 9^T) its entries (floats, so that products with them use BLAS)
ENTRIES = {T: ROWS.T[:, rows].reshape(2, -1).astype(float) for T, rows in ENCODINGS.items()}


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
    every_entry = np.concatenate([np.ravel(answers[k]) for k in names])  # one test of them all: same verdict, faster
    return all(_nonzero(answers[k]) for k in names) and not hidden_zero(every_entry, OUTPUT["digits"])


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
    shown = np.concatenate([self_attention(inputs, *weights)[1] for inputs in _inputs(params)])  # (3 T, T): every row
    return not (uniform_row(shown) or rounds_to_bound(shown, OUTPUT["digits"]))


def _permutation_shows(params, answers):
    """The four outputs print pairwise differently: (b) shows the permutation's effect on (a), and no part's
    answer is another's (X + P equal to X', say)."""
    outputs = [answers[k] for k in ("out", "out_perm", "out_pos", "out_perm_pos")]
    return all(prints_differently(one, two, OUTPUT["digits"]) for i, one in enumerate(outputs) for two in outputs[i + 1:])


def _tokens(rng, T, W_q):
    """T tokens (rows in -1..1) whose queries x W_q are nonzero and distinct (W_q has T nonzero levels or more): T
    levels at random, and for each the first of its rows in a random order of the nine (any of them, equally likely)."""
    order = rng.permutation(len(ROWS))  # (9,)
    levels, first = np.unique(ROWS[order] @ W_q[:, 0], return_index=True)  # each query level and its first row
    return ROWS[order[rng.permutation(first[levels != 0])[:T]]]  # (T, 2)


def _scores_fit(queries, keys):
    """Whether every query q_i (tokens on the first axis) is nonzero, the keys k_j are not all equal (else a row is
    uniform) and no row's scores q_i k_j (d_k = 1) span more than _spread(T) allows. Stacks of candidates on the
    further axes broadcast: one verdict each."""
    size = np.abs(queries)
    span = keys.max(axis=0) - keys.min(axis=0)
    return (size.min(axis=0) > 0) & (span > 0) & (size.max(axis=0) * span <= _spread(len(keys)))


def _spread(T):
    """The widest span s of a row's scores whose smallest weight prints at 3 decimals even when the other T - 1
    weights tie at the top: e^-s / (T - 1 + e^-s) >= 0.0005 gives s <= ln(1999 / (T - 1)), 7.6 for T = 2, 6.9 for 3."""
    return np.log(1999 / max(T - 1, 1))


def _key_weights(rng, X, W_q):
    """W_k (2, 1): one of the nonzero columns in -1..1 whose scores for X fit (_scores_fit), when one does."""
    fits = KEY_COLUMNS[:, _scores_fit(X @ W_q[:, 0], X @ KEY_COLUMNS)]  # (T,) and (T, 8): the (2, m) that fit
    pool = fits if fits.shape[1] else KEY_COLUMNS
    return pool[:, [rng.integers(pool.shape[1])]]


def _encoding(rng, X, perm, W_q, W_k):
    """P (T, 2), rows in -1..1: among all 9^T at once, one whose scores fit (_scores_fit) for X + P and X' + P, that
    keeps the rows of X + P and of X' + P distinct (equal rows have equal values) and that differs from its own rows
    permuted (P = P[perm] makes X' + P = (X + P)[perm]: the equivariance would hold), when one does.

    A query, key or row of x + p is the token's plus the candidate row's (each is linear), and a row (a, b) with
    entries in -2..2 is told apart from the others by the integer 5a + b."""
    T = len(X)
    if T not in ENCODINGS:  # only a pinned X has another length: any rows, and the constraints judge
        return ROWS[rng.integers(len(ROWS), size=T)]
    first, second = _pairs(T)
    projections = np.column_stack([W_q[:, 0], W_k[:, 0], (5, 1)]).astype(float)  # (2, 3): query, key and row code
    tokens = np.stack([X, X[perm]], axis=1) @ projections  # (T, 2, 3): of X and of X'
    added = (projections.T @ ENTRIES[T]).reshape(3, T, 1, -1)  # (3, T, 1, 9^T): what each candidate row adds
    queries, keys, codes = np.ascontiguousarray(tokens.transpose(2, 0, 1))[..., None] + added  # (T, 2, 9^T) each
    fits = np.all(_scores_fit(queries, keys) & np.all(codes[first] != codes[second], axis=0), axis=0)  # (9^T,)
    fits &= _moves(tuple(np.asarray(perm).tolist()))
    pool = ENCODINGS[T][:, fits] if fits.any() else ENCODINGS[T]  # (T, m): the rows of ROWS each candidate takes
    return ROWS[pool[:, rng.integers(pool.shape[1])]]


@functools.lru_cache(maxsize=None)
def _moves(perm):
    """(9^T,): for each P of ENCODINGS[T] (T = len(perm)), whether P[perm] differs from P."""
    rows = ENCODINGS[len(perm)]
    return np.any(rows != rows[list(perm)], axis=0)


@functools.lru_cache(maxsize=None)
def _pairs(T):
    """The indices (i, j) of every two of T rows, i < j."""
    return np.triu_indices(T, 1)


def _value_weights(rng, inputs):
    """W_v (2, 1) in tenths, no entry 0: among all 100 at once, one that gives every input distinct values (no two
    rows x_i, x_j with (x_i - x_j) W_v = 0), when one does."""
    first, second = _pairs(len(inputs[0]))
    gaps = np.concatenate([x[first] - x[second] for x in inputs])  # (3 T (T - 1) / 2, 2): any two rows of each
    fits = np.all(gaps @ VALUE_COLUMNS != 0, axis=0)  # (100,)
    pool = VALUE_COLUMNS[:, fits] if fits.any() else VALUE_COLUMNS
    return pool[:, [rng.integers(pool.shape[1])]] / 10


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
    """X (T, 2), one-column projections, a permutation of the rows and a positional encoding P (T, 2), drawn in
    that order so that W_k, P and W_v each fit what was drawn before them (see the module docstring)."""
    T = int(rng.integers(2, 4))
    W_q = rng.choice([-1, 1], size=(2, 1))  # queries x W_q take four nonzero values: room for three tokens
    perm = rng.permutation(T)
    X = _tokens(rng, len(perm), W_q)  # as many tokens as a pinned perm moves
    if len(X) != len(perm):  # a pinned X of another length: its own permutation (a pinned perm stays, refused below)
        perm = rng.permutation(len(X))
    if np.array_equal(perm, np.arange(len(perm))):  # the identity moves nothing: shift every token by one place instead
        perm = np.roll(perm, 1)
    if sorted(np.asarray(perm).tolist()) != list(range(len(X))):  # a pinned perm must reorder X, or (b) is false
        raise InputError(f"template attention/permutation: perm must list each of the rows 0..{len(X) - 1} of X once, "
                         f"got {np.asarray(perm).tolist()}")
    X_perm = X[perm]
    W_k = _key_weights(rng, X, W_q)
    P = _encoding(rng, X, perm, W_q, W_k)
    if np.shape(P) != X.shape:  # a pinned P of another shape: say so before X + P broadcasts or fails in numpy's words
        raise InputError(f"template attention/permutation: P must have the shape of X {X.shape}, one row per token, "
                         f"got {np.shape(P)}")
    W_v = _value_weights(rng, (X, X + P, X_perm + P))
    # each case's steps once: the outputs are their last step and the solution works three of them
    steps = {name: self_attention_steps(inputs, W_q, W_k, W_v, pos=pos)
             for name, inputs, pos in (("out", X, None), ("out_perm", X_perm, None), ("out_pos", X, P),
                                       ("out_perm_pos", X_perm, P))}
    outputs = {name: case["out"] for name, case in steps.items()}
    work = {"X_perm": X_perm, "steps": steps["out"], "steps_pos": steps["out_pos"],
            "steps_perm_pos": steps["out_perm_pos"]}
    return {"X": X, "W_q": W_q, "W_k": W_k, "W_v": W_v, "perm": perm, "P": P}, outputs, work
