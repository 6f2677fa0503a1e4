"""NT-Xent template: two images, two views each, a 4 x 4 cosine-similarity matrix and a temperature; the loss of one
anchor and the batch loss.

The similarities are tenths (positives 0.5 .. 0.9, negatives -0.4 .. 0.4), and a constraint
keeps only matrices that unit vectors can have (positive semidefinite), so the question
never shows impossible similarities.
"""
from __future__ import annotations

import mpmath
import numpy as np

from qbank import Real, template
from qbank.core.contrastive import nt_xent, nt_xent_per_anchor, partner

POSITIVES = (0.5, 0.6, 0.7, 0.8, 0.9)
NEGATIVES = (-0.4, -0.3, -0.2, -0.1, 0.0, 0.1, 0.2, 0.3, 0.4)
VIEWS = 4


def _anchor_loss(sim, i, tau):
    """-log(exp(s_ip / tau) / sum_{k != i} exp(s_ik / tau)) at 30 digits, straight from SimCLR's eq. 1."""
    with mpmath.workdps(30):
        terms = {k: mpmath.exp(mpmath.mpf(str(sim[i][k])) / mpmath.mpf(str(tau))) for k in range(VIEWS) if k != i}
        return -mpmath.log(terms[partner(i, VIEWS)] / mpmath.fsum(terms.values()))


def _check(params, answers):
    sim = np.asarray(params["sim"]).tolist()
    losses = [_anchor_loss(sim, i, params["tau"]) for i in range(VIEWS)]
    assert abs(answers["anchor_loss"] - float(losses[0])) < 1e-12
    assert abs(answers["loss"] - float(mpmath.fsum(losses) / VIEWS)) < 1e-12


def _realisable(params, answers):
    """Unit vectors can have these cosines: the matrix is positive semidefinite."""
    return bool(np.min(np.linalg.eigvalsh(np.asarray(params["sim"], dtype=float))) >= -1e-12)


@template("loss/nt-xent", topic="loss", points=4, title="Contrastive NT-Xent loss with a temperature",
          question="tex/loss/nt-xent.tex.j2", solution="tex/loss/nt-xent-solution.tex.j2",
          answers={"anchor_loss": Real(points=2, digits=4, label="loss of view 1",
                                       prompt=r"The loss $\ell(1, 3)$ of anchor view 1."),
                   "loss": Real(points=2, digits=4, label="NT-Xent loss",
                                prompt=r"The NT-Xent loss $L$ of the batch.")},
          constraints={"unit vectors can have these similarities": _realisable,
                       "every loss asked is at least 0.05": lambda p, a: min(a.values()) >= 0.05},
          crosscheck=_check)
def nt_xent_question(rng):
    """Views 1, 2 of two images and views 3, 4 their second augmentations: positives (1, 3) and (2, 4)."""
    drawn = np.eye(VIEWS)
    for i, j in ((0, 2), (1, 3)):
        drawn[i, j] = drawn[j, i] = float(rng.choice(POSITIVES))
    for i, j in ((0, 1), (0, 3), (1, 2), (2, 3)):
        drawn[i, j] = drawn[j, i] = float(rng.choice(NEGATIVES))
    sim = drawn  # one assignment, so that a pinned matrix replaces the whole draw
    tau = float(rng.choice([0.1, 0.2, 0.5, 1.0]))
    if np.shape(sim) != (VIEWS, VIEWS) or not np.allclose(sim, np.transpose(sim)) or not np.allclose(np.diag(sim), 1):
        raise ValueError(f"sim must be a symmetric 4 x 4 matrix of cosine similarities with ones on the diagonal, "
                         f"got {np.asarray(sim).tolist()}")
    per_anchor = nt_xent_per_anchor(sim, tau)
    answers = {"anchor_loss": float(per_anchor[0]), "loss": nt_xent(sim, tau)}
    scaled = sim / tau
    work = {"per_anchor": per_anchor, "row": [float(np.exp(scaled[0, k])) for k in (1, 2, 3)]}
    return {"sim": sim, "tau": tau}, answers, work
