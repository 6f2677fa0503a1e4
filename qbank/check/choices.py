"""Choice questions: no two options read the same, and the answer is not parked at one letter.

Duplicate options are compared as the student reads them (numbers through the
key's formatter, text with whitespace collapsed). An option equal to the
answer's is a failure (two correct choices); two equal distractors are a
warning. Position balance is Pearson's chi-square test of the answer letter
against a uniform spread, with the critical value from the Wilson-Hilferty
approximation (Wilson & Hilferty 1931): df (1 - 2/(9 df) + z sqrt(2/(9 df)))^3.
"""
from __future__ import annotations

import math
from collections import Counter

import numpy as np

from qbank.check.findings import WARNING, Collector
from qbank.check.values import options_of
from qbank.engine import numbers

Z_ONE_IN_A_THOUSAND = 3.090  # upper 0.1% point of the standard normal
MIN_EXPECTED = 5  # Cochran's rule: each letter expected at least 5 times for the chi-square test


def as_read(option) -> str:
    """An option as the student reads it."""
    if isinstance(option, str):
        return " ".join(option.split())
    return numbers.plain(option)


def check_options(instance, out: Collector, seed: int):
    """Record duplicate options; returns (answer index, number of options) for the balance test, or None."""
    options = options_of(instance.params)
    keys = [p.value for p in instance.parts if p.spec.kind == "choice"]
    if options is None or not keys:
        return None
    read = [as_read(o) for o in options]
    key = keys[0]
    for index, text in enumerate(read):
        if index != key and 0 <= key < len(read) and text == read[key]:
            out.add("duplicate-answer", f"option {chr(65 + index)} reads the same as the answer "
                                        f"{chr(65 + key)} ({text!r}): two correct choices", seed)
            break
    repeated = [text for text, n in Counter(read).items() if n > 1 and (not 0 <= key < len(read) or text != read[key])]
    if repeated:
        out.add("duplicate-options", f"two distractors read the same: {repeated[0]!r}", seed, WARNING)
    return key, len(options)


def chi_square_critical(df: int, z: float = Z_ONE_IN_A_THOUSAND) -> float:
    """Wilson-Hilferty approximation of the chi-square upper quantile for `df` degrees of freedom."""
    c = 2.0 / (9.0 * df)
    return df * (1.0 - c + z * math.sqrt(c)) ** 3


def check_balance(positions: list, out: Collector) -> None:
    """Warn when the answer letters are far from uniform (p < 0.001) over the draws with the usual option count."""
    if not positions:
        return
    n_options = Counter(n for _, n in positions).most_common(1)[0][0]
    if n_options < 2:  # no letter to balance (an empty options list is a failure of its own)
        return
    letters = [k for k, n in positions if n == n_options and 0 <= k < n_options]
    expected = len(letters) / n_options
    if expected < MIN_EXPECTED:
        return
    observed = np.bincount(letters, minlength=n_options)
    statistic = float(np.sum((observed - expected) ** 2) / expected)
    critical = chi_square_critical(n_options - 1)
    if statistic > critical:
        top = int(np.argmax(observed))
        out.add("answer-position", f"the answer is {chr(65 + top)} in {observed[top]} of {len(letters)} draws "
                                   f"(uniform: {expected:.0f}); chi-square {statistic:.1f} > {critical:.1f} "
                                   "(p < 0.001)",
                severity=WARNING)
