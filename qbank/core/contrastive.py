"""Contrastive losses with a temperature: InfoNCE for one anchor, and NT-Xent over a batch of view pairs.

InfoNCE (van den Oord, Li & Vinyals 2018, eq. 4, with the temperature of Wu et al. 2018 and
He et al. 2020, MoCo eq. 1): for an anchor's similarities s_1..s_K to K candidates, one positive,
    loss = -log( exp(s_pos / tau) / sum_k exp(s_k / tau) ).
NT-Xent (Chen et al. 2020, SimCLR, eq. 1): 2N views, view i and view i + N (mod 2N) are two
augmentations of one image; with cosine similarities s_ij,
    l(i, j) = -log( exp(s_ij / tau) / sum_{k != i} exp(s_ik / tau) ),
and the loss is the mean of l(i, partner(i)) over all 2N anchors. (SimCLR numbers the pairs
(2k - 1, 2k); which views pair up is a layout convention and does not change the loss.)
"""
from __future__ import annotations

import numpy as np


def _log_softmax(z):
    shifted = z - np.max(z)
    return shifted - np.log(np.sum(np.exp(shifted)))


def info_nce(similarities, positive, temperature):
    """-log softmax(s / tau)[positive] for one anchor's similarities to its candidates (a vector)."""
    s = np.asarray(similarities, dtype=float)
    if s.ndim != 1 or not 0 <= positive < s.size:
        raise ValueError(f"info_nce needs a vector of similarities and a positive index in it, got {s.shape}, "
                         f"{positive}")
    if temperature <= 0:
        raise ValueError(f"the temperature must be positive, got {temperature}")
    return float(-_log_softmax(s / temperature)[positive])


def partner(i, views):
    """The other view of anchor i's image: i + N modulo 2N."""
    return (i + views // 2) % views


def nt_xent_per_anchor(similarity, temperature):
    """l(i, partner(i)) for every anchor i of a (2N, 2N) similarity matrix (the diagonal is left out)."""
    s = np.asarray(similarity, dtype=float)
    views = s.shape[0]
    if s.ndim != 2 or s.shape != (views, views) or views % 2 or views < 2:
        raise ValueError(f"nt_xent needs a square (2N, 2N) similarity matrix, got shape {s.shape}")
    losses = []
    for i in range(views):
        others = [k for k in range(views) if k != i]
        losses.append(info_nce(s[i, others], others.index(partner(i, views)), temperature))
    return np.array(losses)  # (2N,)


def nt_xent(similarity, temperature):
    """The NT-Xent loss: the mean over all 2N anchors of l(i, partner(i))."""
    return float(np.mean(nt_xent_per_anchor(similarity, temperature)))


def cosine_similarity_matrix(z):
    """s_ij = z_i . z_j / (|z_i| |z_j|) for the rows of z (2N, d)."""
    z = np.asarray(z, dtype=float)
    unit = z / np.linalg.norm(z, axis=1, keepdims=True)  # (2N, d)
    return unit @ unit.T  # (2N, 2N)
