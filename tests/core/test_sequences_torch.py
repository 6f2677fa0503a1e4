"""qbank.core.ctc and decoding against PyTorch: F.ctc_loss, softmax with a temperature, a sort/cumsum top-p filter."""
import math

import numpy as np
import pytest

from qbank.core.ctc import labelling_probability
from qbank.core.decoding import nucleus, temperature_softmax

torch = pytest.importorskip("torch")
F = torch.nn.functional


def test_ctc_matches_torch_ctc_loss():
    rng = np.random.default_rng(2)
    for target in [(1,), (1, 2), (1, 1), (2, 1, 2)]:
        probs = rng.dirichlet(np.ones(3), size=6)
        log_probs = torch.tensor(np.log(probs))[:, None, :]  # (T, batch 1, K)
        loss = F.ctc_loss(log_probs, torch.tensor([target]), torch.tensor([6]), torch.tensor([len(target)]),
                          blank=0, reduction="sum")
        assert labelling_probability(probs, target) == pytest.approx(math.exp(-loss.item()), rel=1e-10)


def test_temperature_and_top_p_match_torch():
    # The top-p filter as Hugging Face's TopPLogitsWarper does it: sort ascending, drop while the cumulative
    # probability stays at most 1 - p.
    rng = np.random.default_rng(3)
    for _ in range(20):
        z, T, p = rng.normal(size=6) * 2, float(rng.choice([0.5, 1.0, 2.0])), float(rng.choice([0.5, 0.8, 0.9]))
        probs = torch.softmax(torch.tensor(z) / T, dim=-1)
        np.testing.assert_allclose(temperature_softmax(z, T), probs.numpy(), atol=1e-14)
        sorted_probs, order = torch.sort(probs, descending=False)
        removed = torch.cumsum(sorted_probs, dim=-1) <= 1 - p
        kept = set(order[~removed].tolist())
        assert set(nucleus(probs.numpy(), p).tolist()) == kept
