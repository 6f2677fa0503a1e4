"""Which template to practise next: a weighted draw that prefers what the student got wrong.

The weight of a template is the mean of two smoothed error rates, its own and
its topic's, each (wrong + 1) / (attempts + 2) (Laplace's rule of succession:
an untried template or topic counts as 1/2, so it is neither ignored nor
favoured over a weak topic). The draw and the question's seed come from the
engine's seeds (`derive_seed`), so a session is reproducible from its seed and
progress file and never touches global random state.
"""
from __future__ import annotations

import numpy as np

from qbank.engine.seeds import derive_seed, rng_for


def error_rate(attempts: int, wrong: int) -> float:
    """Laplace's rule of succession: the posterior mean error rate under a uniform prior."""
    return (wrong + 1) / (attempts + 2)


def weights(templates: list, progress) -> np.ndarray:
    """One positive weight per template, higher for templates and topics answered wrongly."""
    topics = progress.topic_counts()
    out = []
    for tpl in templates:
        own = progress.templates.get(tpl.id, {"attempts": 0, "wrong": 0})
        topic = topics.get(tpl.topic, (0, 0))
        out.append(0.5 * error_rate(own["attempts"], own["wrong"]) + 0.5 * error_rate(*topic))
    return np.asarray(out, dtype=float)  # (n_templates,)


def choose(templates: list, progress, session_seed: int, index: int, previous: str | None = None):
    """The `index`-th question of a session: (template, instance seed). Avoids repeating `previous` when it can."""
    if not templates:
        raise ValueError("no templates to practise")
    w = weights(templates, progress)
    if previous is not None and len(templates) > 1:
        w = np.where([t.id == previous for t in templates], 0.0, w)
    rng = rng_for(derive_seed("practice-choice", session_seed, index))
    picked = templates[int(rng.choice(len(templates), p=w / w.sum()))]
    return picked, derive_seed("practice-question", session_seed, index)
