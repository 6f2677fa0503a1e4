"""qbank.core.training_memory and qbank.core.vit: hand-checked cases and published models (PyTorch oracles in
test_training_memory_vit_torch.py)."""
import pytest

from qbank.core.training_memory import bytes_per_param, largest_batch, training_state_bytes
from qbank.core.vit import num_patches, num_tokens, patch_embedding_params, vit_param_count


def test_zero_published():
    # Rajbhandari et al. 2020 (ZeRO), §3.1: mixed-precision Adam keeps 2 + 2 + 12 = 16 bytes per parameter, so
    # the 1.5B-parameter GPT-2 needs at least 24 GB, and (Figure 1) a 7.5B-parameter model 120 GB.
    assert bytes_per_param("adam", "mixed") == {"weights": 2, "grads": 2, "master": 4, "optimizer": 8, "total": 16}
    assert training_state_bytes(1.5e9, "adam", "mixed") == 24e9
    assert training_state_bytes(7.5e9, "adamw", "mixed") == 120e9


def test_bytes_by_hand():
    # fp32 SGD: weights + grads 8; momentum adds 4; mixed SGD with momentum 2 + 2 + 4 master + 4 = 12.
    assert bytes_per_param("sgd", "fp32")["total"] == 8 and bytes_per_param("sgd-momentum", "fp32")["total"] == 12
    assert bytes_per_param("sgd-momentum", "mixed")["total"] == 12
    # 40 GB, 16 GB of state, 5 GB per example: 24 / 5 = 4.8, so 4 fit.
    assert largest_batch(40e9, 16e9, 5e9) == 4
    with pytest.raises(ValueError, match="no room"):
        largest_batch(16e9, 16e9, 1e9)


def test_vit_b16_published():
    # Dosovitskiy et al. 2021, Table 1: ViT-Base, 12 layers, D 768, MLP 3072, 86M parameters; /16 patches of a
    # 224 x 224 RGB image: 14 x 14 = 196 patches, 197 tokens with the class token.
    assert num_patches(224, 224, 16) == 196 and num_tokens(224, 224, 16) == 197
    # Projection 16 * 16 * 3 * 768 + 768 = 590,592; with a 1000-class head the model has 86,567,656 (the
    # released ImageNet ViT-B/16), the paper's 86M.
    assert patch_embedding_params(16, 3, 768) == 590_592
    assert vit_param_count(224, 224, 16, 3, 768, 12, 3072, 1000) == 86_567_656


def test_vit_refuses_a_patch_that_does_not_tile():
    with pytest.raises(ValueError, match="does not divide"):
        num_patches(224, 224, 15)
