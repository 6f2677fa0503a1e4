"""Normalization templates: batch / layer / instance means (seed 004 q4), their variances, group norm.

Sizes are powers of two and entries small integers, so every mean and every
biased variance is a short terminating decimal (denominators 2^k).
"""
from __future__ import annotations

from fractions import Fraction

import numpy as np

from qbank import Matrix, Shape, Vector, template
from qbank.core.norm import batch_norm_stats, group_norm_stats, instance_norm_stats, layer_norm_stats

MAP_SHAPES = [(2, 2, 2, 2), (2, 2, 1, 4), (2, 4, 1, 2), (4, 2, 1, 2)]  # (N, C, H, W): 16 entries each
SIGNAL_SHAPES = [(2, 2, 2), (2, 2, 4), (4, 2, 2)]  # (N, C, L)
STATS = {"batch": batch_norm_stats, "layer": layer_norm_stats, "instance": instance_norm_stats}
GROUP_OF = {"batch": lambda i: i[1], "layer": lambda i: i[0], "instance": lambda i: (i[0], i[1])}  # index -> its statistic


def _exact_stats(x, group_of):
    """Fraction mean and biased variance per group (two-pass definition), keyed by group_of(index)."""
    groups = {}
    for index, value in np.ndenumerate(np.asarray(x)):
        groups.setdefault(group_of(index), []).append(Fraction(int(value)))
    out = {}
    for key, values in groups.items():
        mean = sum(values) / len(values)
        out[key] = (mean, sum((v - mean) ** 2 for v in values) / len(values))
    return out


def _assert_stats(exact, mean, var=None):
    for key, (m, v) in exact.items():
        assert abs(np.asarray(mean)[key] - m) < 1e-9, (key, mean, m)
        assert var is None or abs(np.asarray(var)[key] - v) < 1e-9, (key, var, v)


def _groups(x):
    """The entries each statistic averages, listed for the worked solution (no arithmetic)."""
    n, c = x.shape[:2]
    return {"batch_groups": [x[:, j].ravel() for j in range(c)],
            "layer_groups": [x[i].ravel() for i in range(n)],
            "instance_groups": [[x[i, j].ravel() for j in range(c)] for i in range(n)]}


def _statistics(x, with_var):
    """The core's batch, layer and instance statistics as answers: <kind>_mean, and <kind>_var when asked."""
    answers = {}
    for kind, stats in STATS.items():
        mean, var = stats(x)
        answers[f"{kind}_mean"] = mean
        if with_var:
            answers[f"{kind}_var"] = var
    return answers


def _check_three(params, answers, with_var):
    x = np.asarray(params["x"])
    for kind, group_of in GROUP_OF.items():
        _assert_stats(_exact_stats(x, group_of), answers[f"{kind}_mean"], answers[f"{kind}_var"] if with_var else None)


def _short_decimals(params, answers):
    """Every key value has at most 4 decimals (a multiple of 1/10^4)."""
    return all(np.allclose(np.round(np.asarray(v, dtype=float), 4), v, rtol=0, atol=1e-12) for v in answers.values())


def _no_constant_group(params, answers):
    """A zero variance would make the layer divide by sqrt(eps) alone: not what the question is about."""
    return all(np.all(np.asarray(v) > 0) for name, v in answers.items() if name.endswith("_var"))


def _axes_matter(params, answers):
    """No mix-up of axes scores: a square (N, C) or (N, G) matrix that equals its transpose, or batch and layer
    statistics that are equal (both of length N = C), would accept the answer of a student who swapped them."""
    square = [v for v in answers.values() if np.ndim(v) == 2 and np.shape(v)[0] == np.shape(v)[1]]
    pairs = [(answers[f"batch_{k}"], answers[f"layer_{k}"]) for k in ("mean", "var") if f"batch_{k}" in answers]
    return not (any(np.allclose(v, np.transpose(v)) for v in square)
                or any(np.shape(b) == np.shape(l) and np.allclose(b, l) for b, l in pairs))


@template("norm/means", topic="norm", points=6, title="Batch, layer and instance norm means",
          question="tex/norm/means.tex.j2", solution="tex/norm/means-solution.tex.j2",
          answers={"batch_mean": Vector(digits=4, label="batch-norm mean",
                                        prompt=r"Batch normalization: the mean $\mu$, one entry per channel, shape $(C,)$."),
                   "layer_mean": Vector(digits=4, label="layer-norm mean",
                                        prompt=r"Layer normalization: the mean $\mu$, one entry per sample, shape $(N,)$."),
                   "instance_mean": Matrix(digits=4, label="instance-norm mean",
                                           prompt=r"Instance normalization: the mean $\mu$ as an $(N, C)$ matrix "
                                                  r"(row $n$ = sample $n$, column $c$ = channel $c$).")},
          constraints={"no mix-up of axes scores": _axes_matter},
          crosscheck=lambda p, a: _check_three(p, a, with_var=False))
def means(rng):
    shape = MAP_SHAPES[int(rng.integers(len(MAP_SHAPES)))]
    x = rng.integers(-3, 10, size=shape)
    return {"x": x}, _statistics(x, with_var=False), _groups(np.asarray(x))


@template("norm/variances", topic="norm", points=6, title="Batch, layer and instance norm statistics",
          question="tex/norm/variances.tex.j2", solution="tex/norm/variances-solution.tex.j2",
          answers={"batch_mean": Vector(digits=4, label="batch-norm mean", prompt=r"Batch norm: $\mu$, shape $(C,)$."),
                   "batch_var": Vector(digits=4, label="batch-norm variance", prompt=r"Batch norm: $\sigma^2$, shape $(C,)$."),
                   "layer_mean": Vector(digits=4, label="layer-norm mean", prompt=r"Layer norm: $\mu$, shape $(N,)$."),
                   "layer_var": Vector(digits=4, label="layer-norm variance", prompt=r"Layer norm: $\sigma^2$, shape $(N,)$."),
                   "instance_mean": Matrix(digits=4, label="instance-norm mean",
                                           prompt=r"Instance norm: $\mu$, an $(N, C)$ matrix."),
                   "instance_var": Matrix(digits=4, label="instance-norm variance",
                                          prompt=r"Instance norm: $\sigma^2$, an $(N, C)$ matrix.")},
          constraints={"every statistic has at most 4 decimals": _short_decimals,
                       "no group of entries is constant": _no_constant_group,
                       "no mix-up of axes scores": _axes_matter},
          crosscheck=lambda p, a: _check_three(p, a, with_var=True))
def variances(rng):
    shape = SIGNAL_SHAPES[int(rng.integers(len(SIGNAL_SHAPES)))]
    x = rng.integers(-4, 7, size=shape)
    return {"x": x}, _statistics(x, with_var=True), _groups(np.asarray(x))


def _check_group(params, answers):
    x, groups = np.asarray(params["x"]), params["groups"]
    per_group = x.shape[1] // groups
    _assert_stats(_exact_stats(x, lambda i: (i[0], i[1] // per_group)), answers["group_mean"], answers["group_var"])
    assert answers["stats_shape"] == (x.shape[0], groups)


@template("norm/group-norm", topic="norm", points=5, title="Group normalization statistics",
          question="tex/norm/group-norm.tex.j2", solution="tex/norm/group-norm-solution.tex.j2",
          answers={"stats_shape": Shape(points=1, label="shape of the statistics",
                                        prompt=r"What shape do the group means $\mu$ (and variances) have?"),
                   "group_mean": Matrix(points=2, digits=4, label="group means",
                                        prompt=r"The means $\mu$ (row $n$ = sample $n$, column $g$ = group $g$)."),
                   "group_var": Matrix(points=2, digits=4, label="group variances",
                                       prompt=r"The biased variances $\sigma^2$, in the same layout.")},
          constraints={"every statistic has at most 4 decimals": _short_decimals,
                       "no group of entries is constant": _no_constant_group,
                       "no mix-up of axes scores": _axes_matter},
          crosscheck=_check_group)
def group_norm(rng):
    groups = int(rng.choice([2, 3]))
    n_samples = int(rng.integers(1, 3))
    x = rng.integers(-4, 7, size=(n_samples, 2 * groups, 2))  # (N, C, L): two channels per group
    group_mean, group_var = group_norm_stats(x, groups)
    blocks = np.asarray(x).reshape(np.shape(x)[0], groups, -1)  # (N, G, C/G * L): the entries each group pools
    return ({"x": x, "groups": groups},
            {"stats_shape": tuple(group_mean.shape), "group_mean": group_mean, "group_var": group_var},
            {"group_entries": blocks, "channels_per_group": np.shape(x)[1] // groups})
