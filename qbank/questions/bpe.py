"""Byte-pair encoding: the first merges on a small word-frequency table, the corpus length after them, and the
segmentation of a new word (sequences/bpe).

The answers come from qbank.core.bpe; the cross-check relearns the merges the way Sennrich et al.'s
Algorithm 1 does, on space-separated strings with a regular expression, and recounts from the strings.
Draws where two pairs share the top count at any merge are redrawn, so the tie rule never decides.
"""
from __future__ import annotations

import re

import numpy as np

from qbank import Integer, Vector, template
from qbank.core.bpe import apply_bpe, learn_bpe

GROUPS = [  # words that share substrings, so that merges are worth something
    ["low", "lower", "lowest", "newer", "newest", "wider", "widest", "slow", "slower", "slowest"],
    ["hug", "hugs", "pug", "pun", "puns", "bun", "buns", "run", "runs", "sun", "bug", "bugs", "mug"],
    ["cat", "cats", "hat", "hats", "that", "chat", "chats", "at", "bat", "bats", "rat", "rats"],
    ["tea", "teas", "team", "teams", "steam", "seat", "seats", "eat", "eats", "meat", "meats"],
]
N_MERGES = 3


def _relearn(words, counts, n_merges):
    """Algorithm 1 of Sennrich et al. on strings: count pairs with str.split, merge with a regex."""
    vocab = {" ".join(w): c for w, c in zip(words, counts)}
    merged = []
    for _ in range(n_merges):
        pairs = {}
        for word, freq in vocab.items():
            symbols = word.split()
            for i in range(len(symbols) - 1):
                pairs[symbols[i], symbols[i + 1]] = pairs.get((symbols[i], symbols[i + 1]), 0) + freq
        best = max(pairs, key=pairs.get)
        merged.append(pairs[best])
        pattern = re.compile(r"(?<!\S)" + re.escape(" ".join(best)) + r"(?!\S)")
        vocab = {pattern.sub("".join(best), word): freq for word, freq in vocab.items()}
    return merged, vocab


def _check(params, answers):
    counts, vocab = _relearn(params["words"], params["counts"], N_MERGES)
    assert list(answers["merge_counts"]) == counts
    assert answers["corpus_tokens"] == sum(len(w.split()) * f for w, f in vocab.items())


def _no_ties(params, answers):
    """One pair alone has the top count at every merge: the stated tie rule never has to decide."""
    return all(t == 1 for t in learn_bpe(params["words"], params["counts"], N_MERGES)["ties"])


@template("sequences/bpe", topic="sequences", points=5, title="Byte-pair encoding merges",
          question="tex/sequences/bpe.tex.j2", solution="tex/sequences/bpe-solution.tex.j2",
          answers={"merge_counts": Vector(points=2, digits=0, label="counts of the merged pairs",
                                          prompt=f"For each of the first {N_MERGES} merges, in order, how often "
                                                 "the merged pair occurs in the table when it is merged (name "
                                                 "the pairs in your working)."),
                   "corpus_tokens": Integer(points=2, label="tokens in the table",
                                            prompt="The number of tokens of the whole table (every occurrence "
                                                   "of every word) after these merges."),
                   "new_word_tokens": Integer(points=1, label="tokens of the new word",
                                              prompt="The number of tokens the new word is split into.")},
          constraints={"no two pairs share the top count at any merge": _no_ties,
                       "the new word is shortened by the merges":
                       lambda p, a: a["new_word_tokens"] < len(p["new_word"])},
          crosscheck=_check)
def bpe(rng):
    """Four or five words of one group with frequencies 1..12, and a new word of the same group."""
    group = GROUPS[int(rng.integers(len(GROUPS)))]
    picked = rng.permutation(len(group))[:int(rng.integers(4, 6)) + 1]
    words = [group[i] for i in picked[:-1]]
    new_word = group[int(picked[-1])]
    counts = rng.integers(1, 13, size=len(words))
    learned = learn_bpe(words, counts, N_MERGES)
    params = {"words": words, "counts": counts, "new_word": new_word}
    answers = {"merge_counts": np.array(learned["merge_counts"]),
               "corpus_tokens": learned["tokens"],
               "new_word_tokens": len(apply_bpe(new_word, learned["merges"]))}
    work = {"n_merges": N_MERGES, "merges": ["".join(m) for m in learned["merges"]],
            "pairs": [" + ".join(m) for m in learned["merges"]],
            "segments": [" ".join(s) for s in learned["segments"]],
            "new_segments": " ".join(apply_bpe(new_word, learned["merges"]))}
    return params, answers, work
