"""What every exported question must carry, read from key.json's data for the same draw (shared by the format tests)."""
from fractions import Fraction

import numpy as np

from qbank.exam.key import key_data
from qbank.export.items import lms_questions

AUTO = ("integer", "real", "vector", "matrix", "shape", "exact")


def questions_and_keys(spec, versions):
    """[(LmsQuestion, its key.json question)] for every question of every version."""
    keys = {(v["version"], q["number"]): q for v in key_data(spec, versions)["versions"] for q in v["questions"]}
    return [(q, keys[(q.version, q.number)]) for q in lms_questions(spec, versions)]


def entries(part):
    """[(value, tolerance) or (None, text)] of a key.json part, entry by entry, as the LMS must grade it."""
    if part["kind"] == "shape":
        return [(None, "(" + ", ".join(str(d) for d in part["value"]) + ")")]
    values = np.asarray(part["value"], dtype=object).ravel()
    out = []
    for value in values:
        if part["kind"] == "exact":  # typed as a fraction in lowest terms (Fraction reduces), never a number box
            out.append((None, str(Fraction(value))))
        elif part["kind"] == "integer":
            out.append((int(value), 0.0))
        else:
            out.append((float(value), max(part["abs_tol"], part["rel_tol"] * abs(float(value)))))
    return out


def auto_parts(key):
    return [p for p in key["parts"] if p["kind"] in AUTO]


def person_parts(key):
    return [p for p in key["parts"] if p["kind"] in ("text", "expression")]
