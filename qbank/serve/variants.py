"""Per-student variants: the seed of (course, assignment, question, student, attempt), and the rendered question.

The seed derives with the engine's `derive_seed`, as an exam derives each
question's seed, so a student sees the same numbers on every visit and on every
worker, and anyone can reproduce a variant with `qbank show ID --seed N`.
Rendering is the practice page's (`prepare`): the public view is separate from
the key and the worked solution. The cache is per process and only saves work:
every worker computes the same thing from the database's seed.
"""
from __future__ import annotations

import json
from functools import lru_cache

import numpy as np

from qbank.engine.generate import generate
from qbank.engine.seeds import derive_seed
from qbank.engine.template import get
from qbank.practice.question_view import Prepared, prepare

CACHED_VARIANTS = 4096


def variant_seed(course: str, assignment, question, student: str, attempt: int) -> int:
    """The seed of one student's variant; `attempt` is 1 for every attempt when new attempts keep the variant."""
    return derive_seed(course, assignment.id, question.name, student, attempt if assignment.new_variant else 1)


def prepared(template_id: str, seed: int, pins: dict) -> Prepared:
    """The rendered variant (cached)."""
    return _prepared(template_id, seed, json.dumps(pins, sort_keys=True))


@lru_cache(maxsize=CACHED_VARIANTS)
def _prepared(template_id: str, seed: int, pins_json: str) -> Prepared:
    return prepare(generate(get(template_id), seed, json.loads(pins_json)))


def scalar_params(instance) -> dict:
    """The drawn parameters that are single numbers or words (what per-parameter statistics can group by)."""
    out = {}
    for name, value in instance.params.items():
        if isinstance(value, (bool, np.bool_)):
            out[name] = bool(value)
        elif isinstance(value, (int, float, str, np.integer, np.floating)):
            out[name] = value.item() if isinstance(value, np.generic) else value
    return out
