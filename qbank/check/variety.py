"""How many different variants a template produces, estimated from the repeats among N draws.

Variants are distinct parameter sets. With repeats among the draws the number
of variants is estimated with the bias-corrected Chao1 estimator (Chao 1984;
Chao, "Species estimation and applications", Encyclopedia of Statistical
Sciences, 2005): S = d + f1 (f1 - 1) / (2 (f2 + 1)), f1 and f2 the numbers of
variants seen once and twice. Without any repeat only a lower bound is known:
n draws from S equally likely variants all differ with probability about
exp(-n (n - 1) / (2 S)) (the birthday problem), which is below 5% unless
S >= n (n - 1) / (2 ln 20).
"""
from __future__ import annotations

import hashlib
import math
from collections import Counter

from qbank.check.findings import WARNING, Collector

COLLISION_RISK = 0.05  # warn when K versions repeat a variant with at least this probability


def variant_key(fingerprint_text: str) -> str:
    """A short stable key for a draw's fingerprint (two draws are one variant when their keys are equal)."""
    return hashlib.sha1(fingerprint_text.encode()).hexdigest()


def estimate_space(counts: Counter) -> tuple[float, bool]:
    """(estimate, is_lower_bound) of the number of variants, from how often each variant was drawn."""
    n, distinct = sum(counts.values()), len(counts)
    frequency = Counter(counts.values())
    f1, f2 = frequency[1], frequency[2]
    if distinct == n:
        return (n * (n - 1) / (2 * math.log(1 / COLLISION_RISK)) if n > 1 else float(n)), True
    return distinct + f1 * (f1 - 1) / (2 * (f2 + 1)), False


def describe_space(estimate: float, lower_bound: bool) -> str:
    """`~54` for an estimate, `>=6643` for a lower bound."""
    return f"{'>=' if lower_bound else '~'}{estimate:.0f}"


def collision_probability(versions: int, space: float) -> float:
    """Probability that `versions` uniform draws from `space` variants are not all different."""
    return 1.0 - math.exp(-versions * (versions - 1) / (2 * space)) if space > 0 else 1.0


def check_variety(counts: Counter, has_params: bool, versions, out: Collector) -> tuple[int, str]:
    """Warn on a template that never varies or is too small for `versions`; returns (distinct, estimate text)."""
    n, distinct = sum(counts.values()), len(counts)
    if n == 0:
        return 0, ""
    estimate, lower_bound = estimate_space(counts)
    if has_params and distinct == 1 and n > 1:
        out.add("variety", f"all {n} draws are the same variant", severity=WARNING)
    elif versions and not lower_bound and collision_probability(versions, estimate) > COLLISION_RISK:
        risk = collision_probability(versions, estimate)
        out.add("variety", f"about {estimate:.0f} variants: {versions} versions repeat one with probability "
                           f"{risk:.0%}", severity=WARNING)
    return distinct, describe_space(estimate, lower_bound)
