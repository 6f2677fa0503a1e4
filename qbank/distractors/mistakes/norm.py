"""Modelled mistakes for normalization statistics: one layer's axes used for another's.

Batch norm averages per channel over (N, spatial), layer norm per sample over
(C, spatial), instance norm per (sample, channel) over spatial (qbank.core.norm,
after Ioffe & Szegedy 2015 and Ba et al. 2016); the slip is the other function.
"""
from __future__ import annotations

from qbank.core.norm import batch_norm_stats, instance_norm_stats, layer_norm_stats
from qbank.distractors.registry import mistake

STATS = {"batch": batch_norm_stats, "layer": layer_norm_stats, "instance": instance_norm_stats}
SWAPS = (("layer", "batch", "used the batch-norm axes (per channel) for layer norm"),
         ("batch", "layer", "used the layer-norm axes (per sample) for batch norm"),
         ("instance", "batch", "used the batch-norm axes (over the batch too) for instance norm"))


def _register(template_id, asked, used, label, which):
    """Register: `asked`'s statistic `which` (0 mean, 1 variance) computed with `used`'s axes."""
    part = f"{asked}_{('mean', 'var')[which]}"
    mistake(template_id, label, part=part)(lambda p: STATS[used](p["x"])[which])


for _asked, _used, _label in SWAPS:
    _register("norm/means", _asked, _used, _label, 0)
    _register("norm/variances", _asked, _used, _label, 0)
    _register("norm/variances", _asked, _used, _label, 1)
