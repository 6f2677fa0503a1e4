"""Byte-pair encoding: learning merges from a word-frequency table, and segmenting words with them.

Sennrich, Haddow & Birch 2016, "Neural machine translation of rare words with subword units", §3.2 and
Algorithm 1: every word starts as its sequence of characters (optionally followed by an end-of-word symbol
such as "</w>"); repeatedly, the adjacent pair of symbols that occurs most often in the table, each word
counted with its frequency, is merged into one new symbol everywhere; merges never cross word boundaries.
Ties go to the pair seen first when reading the table top to bottom and each word left to right (what
Algorithm 1's `max` over an insertion-ordered dict does). A new word is segmented by applying the learned
merges in the order they were learned (Sennrich et al., §3.2).
"""
from __future__ import annotations


def split_word(word, end_marker=None):
    """The symbols a word starts as: its characters, then the end-of-word marker if one is used."""
    if not isinstance(word, str) or not word:
        raise ValueError(f"a word must be text of at least one character; got {word if word else repr(word)}")
    return tuple(word) + ((end_marker,) if end_marker else ())


def pair_counts(table):
    """{(a, b): count} over a list of (symbols, frequency), in order of first appearance."""
    counts = {}
    for symbols, freq in table:
        for pair in zip(symbols, symbols[1:]):
            counts[pair] = counts.get(pair, 0) + freq
    return counts


def merge_pair(symbols, pair):
    """symbols with every non-overlapping occurrence of `pair`, scanned left to right, joined into one."""
    out, i = [], 0
    while i < len(symbols):
        if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == pair:
            out.append(symbols[i] + symbols[i + 1])
            i += 2
        else:
            out.append(symbols[i])
            i += 1
    return tuple(out)


def learn_bpe(words, counts, n_merges, end_marker=None):
    """The first n_merges merges on a word-frequency table, with the steps a person writes down.

    Returns {"merges": [(a, b)], "merge_counts": [count], "ties": [number of pairs sharing the top count],
    "segments": [symbols of each word after the merges], "tokens": the length of the whole table after the
    merges, each word's symbols counted with its frequency}. Stops early when no pair is left.
    """
    if len(words) != len(counts) or any(int(c) != c or c < 1 for c in counts):
        raise ValueError("each word needs a positive whole frequency")
    table = [(split_word(w, end_marker), int(c)) for w, c in zip(words, counts)]
    merges, merge_counts, ties = [], [], []
    for _ in range(int(n_merges)):
        pairs = pair_counts(table)
        if not pairs:
            break
        best = max(pairs, key=pairs.get)  # the first of the most frequent pairs
        merges.append(best)
        merge_counts.append(pairs[best])
        ties.append(sum(1 for c in pairs.values() if c == pairs[best]))
        table = [(merge_pair(symbols, best), freq) for symbols, freq in table]
    return {"merges": merges, "merge_counts": merge_counts, "ties": ties, "segments": [s for s, _ in table],
            "tokens": sum(len(symbols) * freq for symbols, freq in table)}


def apply_bpe(word, merges, end_marker=None):
    """The segmentation of `word` after applying `merges` in order."""
    symbols = split_word(word, end_marker)
    for pair in merges:
        symbols = merge_pair(symbols, tuple(pair))
    return symbols
