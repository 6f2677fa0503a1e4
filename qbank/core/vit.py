"""Vision transformer bookkeeping: tokens of an image and the parameters of the patch embedding and the model.

Dosovitskiy et al. 2021, "An image is worth 16x16 words", §3.1: an (H, W, C) image is cut into N = HW / P^2
patches of P x P pixels, each flattened to P^2 C values and mapped by a trainable linear projection (with bias)
to D dimensions; a learnable class token is prepended, so the encoder sees N + 1 tokens, and learnable 1-D
position embeddings of (N + 1, D) are added. The projection is a convolution with kernel and stride P
(torch.nn.Conv2d(C, D, P, stride=P)): P^2 C D + D parameters. The encoder blocks are counted as in
qbank.core.transformer_params (MLP width d_ff); a final LayerNorm and a linear classification head with
bias on the class token follow (as in the released ViT-B/16 models).
"""
from __future__ import annotations

from qbank.core.positive import positive_integers
from qbank.core.transformer_params import block_param_count


def num_patches(height, width, patch):
    """(H / P)(W / P); ValueError when P does not divide both sides."""
    positive_integers(height=height, width=width, patch=patch)
    if height % patch or width % patch:
        raise ValueError(f"patch size {patch} does not divide the image {height} x {width}")
    return (int(height) // int(patch)) * (int(width) // int(patch))


def num_tokens(height, width, patch, class_token=True):
    """Patches plus the class token."""
    return num_patches(height, width, patch) + (1 if class_token else 0)


def patch_embedding_params(patch, channels, width):
    """P^2 C D weights and D biases."""
    positive_integers(patch=patch, channels=channels, width=width)
    return int(patch) ** 2 * int(channels) * int(width) + int(width)


def vit_param_count(height, width, patch, channels, d_model, n_layers, d_ff, n_classes):
    """Patch embedding, class token D, position embeddings (N + 1) D, L blocks, final LayerNorm 2 D,
    head D n_classes + n_classes."""
    positive_integers(n_layers=n_layers, n_classes=n_classes)
    tokens = num_tokens(height, width, patch)
    return (patch_embedding_params(patch, channels, d_model) + d_model + tokens * d_model
            + int(n_layers) * block_param_count(d_model, d_ff) + 2 * d_model + d_model * n_classes + n_classes)
