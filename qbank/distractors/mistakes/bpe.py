"""Modelled mistakes for byte-pair encoding (sequences/bpe).

The key (qbank.core.bpe): merge the most frequent pair, weighting each word by its frequency, recount, repeat;
the corpus is counted with every occurrence of every word; a new word gets the merges in learned order.
The slips: the frequencies ignored (each word counted once), the pair counts not updated after a merge
(the top pairs of the first count taken in order), the table's tokens counted once per word or before the
merges, the new word given only the first merge.
"""
from __future__ import annotations

import numpy as np

from qbank.core.bpe import apply_bpe, learn_bpe, pair_counts, split_word
from qbank.distractors.registry import mistake
from qbank.questions.bpe import N_MERGES

ID = "sequences/bpe"


def _learned(p, counts=None):
    return learn_bpe(p["words"], p["counts"] if counts is None else counts, N_MERGES)


def _stale_counts(p):
    """The three largest counts of the first count, as if the counts were never updated."""
    first = pair_counts([(split_word(w), int(c)) for w, c in zip(p["words"], p["counts"])])
    return np.array(sorted(first.values(), reverse=True)[:N_MERGES])


mistake(ID, "ignored the word frequencies", part="merge_counts")(
    lambda p: np.array(_learned(p, np.ones(len(p["words"]), dtype=int))["merge_counts"]))
mistake(ID, "did not recount the pairs after each merge", part="merge_counts")(_stale_counts)

mistake(ID, "counted each word once instead of by its frequency", part="corpus_tokens")(
    lambda p: sum(len(s) for s in _learned(p)["segments"]))
mistake(ID, "counted the characters before any merge", part="corpus_tokens")(
    lambda p: int(sum(len(w) * int(c) for w, c in zip(p["words"], p["counts"]))))
mistake(ID, "counted the distinct tokens (the vocabulary) instead", part="corpus_tokens")(
    lambda p: len({t for s in _learned(p)["segments"] for t in s}))

mistake(ID, "applied only the first merge", part="new_word_tokens")(
    lambda p: len(apply_bpe(p["new_word"], _learned(p)["merges"][:1])))
mistake(ID, "counted the characters", part="new_word_tokens")(lambda p: len(p["new_word"]))
