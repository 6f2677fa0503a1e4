"""A synthetic text source whose best possible loss is known: a random order-2 Markov chain.

The next symbol depends on the two before it: P[a, b, c] = P(x_t = c | x_{t-2} = a, x_{t-1} = b).
Its entropy rate is the smallest cross-entropy (nats per symbol) any predictor can reach.
Pure numpy: no torch needed.
"""
from __future__ import annotations

import numpy as np


def random_chain(rng: np.random.Generator, alphabet_size: int, concentration: float) -> np.ndarray:
    """P (K, K, K): each row P[a, b] drawn from a symmetric Dirichlet(concentration).

    Small concentrations give peaked rows (a predictable source); all entries are positive
    almost surely, so the chain is irreducible and aperiodic.
    """
    return rng.dirichlet(np.full(alphabet_size, concentration), size=(alphabet_size, alphabet_size))


def pair_transition_matrix(P: np.ndarray) -> np.ndarray:
    """T (K*K, K*K) of the first-order chain on pairs: T[(a, b), (b, c)] = P[a, b, c].

    An order-2 chain on K symbols is an order-1 chain on K*K pair states (Cover & Thomas,
    "Elements of Information Theory", 2nd ed., Sec. 4.2).
    """
    k = P.shape[0]
    T = np.zeros((k, k, k, k))                   # (a, b, b', c)
    for b in range(k):
        T[:, b, b, :] = P[:, b, :]
    return T.reshape(k * k, k * k)


def stationary_pairs(P: np.ndarray) -> np.ndarray:
    """pi (K, K): the stationary distribution of pairs, pi T = pi with sum(pi) = 1.

    ValueError when it is not unique (a reducible chain).
    """
    k = P.shape[0]
    T = pair_transition_matrix(P)
    system = np.vstack([T.T - np.eye(k * k), np.ones((1, k * k))])   # (K*K + 1, K*K)
    if np.linalg.matrix_rank(system[:-1]) != k * k - 1:
        raise ValueError("stationary_pairs: the pair chain has no unique stationary distribution")
    rhs = np.zeros(k * k + 1)
    rhs[-1] = 1.0
    pi, *_ = np.linalg.lstsq(system, rhs, rcond=None)
    return pi.reshape(k, k)


def entropy_rate(P: np.ndarray) -> float:
    """H = -sum_{a,b} pi(a, b) sum_c P[a, b, c] ln P[a, b, c] in nats per symbol (0 ln 0 = 0).

    Cover & Thomas, Theorem 4.2.4: the entropy rate of a stationary Markov chain is
    sum_i mu_i H(P_i.), applied to the pair chain.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        plogp = np.where(P > 0, P * np.log(P), 0.0)              # (K, K, K)
    return float(-(stationary_pairs(P) * plogp.sum(axis=2)).sum())


def sample_chain(P: np.ndarray, length: int, rng: np.random.Generator) -> np.ndarray:
    """length symbols (length,) int, the first pair drawn from the stationary distribution."""
    k = P.shape[0]
    pi = stationary_pairs(P).ravel()
    first = rng.choice(k * k, p=pi / pi.sum())
    symbols = np.empty(length, dtype=np.int64)
    symbols[:2] = divmod(first, k)
    cumulative = np.cumsum(P, axis=2)                            # (K, K, K)
    uniforms = rng.random(length)
    for t in range(2, length):
        row = cumulative[symbols[t - 2], symbols[t - 1]]
        symbols[t] = min(np.searchsorted(row, uniforms[t], side="right"), k - 1)  # inverse CDF
    return symbols


def synthetic_text(seed: int, length: int, alphabet: str, concentration: float) -> tuple[str, float]:
    """A text of `length` characters over `alphabet` from a seeded random chain, and its entropy rate."""
    rng = np.random.default_rng(seed)
    P = random_chain(rng, len(alphabet), concentration)
    text = "".join(alphabet[i] for i in sample_chain(P, length, rng))
    return text, entropy_rate(P)
