"""Modelled mistakes for vision-transformer counts (transformers/vit).

The key (qbank.core.vit): (H/P)(W/P) patches plus a class token; P^2 C D + D patch-embedding parameters;
the model adds the class token, position embeddings, the blocks, a final LayerNorm and the head.
The slips: the class token forgotten, H/P taken as the number of patches, H W / P; the channels or the bias
of the projection forgotten, P C D; the position embeddings or the head left out.
"""
from __future__ import annotations

from qbank.core.transformer_params import block_param_count
from qbank.core.vit import num_patches, patch_embedding_params, vit_param_count
from qbank.distractors.registry import mistake

ID = "transformers/vit"


def _total(p):
    d = p["d_model"]
    return vit_param_count(p["image"], p["image"], p["patch"], p["channels"], d, p["n_layers"], 4 * d, p["n_classes"])


mistake(ID, "forgot the class token", part="tokens")(lambda p: num_patches(p["image"], p["image"], p["patch"]))
mistake(ID, "counted the patches along one side only", part="tokens")(lambda p: p["image"] // p["patch"] + 1)
mistake(ID, "divided the pixel count by the patch size instead of its square", part="tokens")(
    lambda p: p["image"] ** 2 // p["patch"] + 1)

mistake(ID, "forgot the channels", part="patch_params")(lambda p: patch_embedding_params(p["patch"], 1, p["d_model"]))
mistake(ID, "forgot the bias", part="patch_params")(
    lambda p: patch_embedding_params(p["patch"], p["channels"], p["d_model"]) - p["d_model"])
mistake(ID, "used the patch size instead of its square", part="patch_params")(
    lambda p: p["patch"] * p["channels"] * p["d_model"] + p["d_model"])

mistake(ID, "left out the position embeddings", part="total")(
    lambda p: _total(p) - (num_patches(p["image"], p["image"], p["patch"]) + 1) * p["d_model"])
mistake(ID, "left out the classification head", part="total")(
    lambda p: _total(p) - (p["d_model"] + 1) * p["n_classes"])
mistake(ID, "took the MLP width to be D", part="total")(
    lambda p: _total(p) - p["n_layers"] * (block_param_count(p["d_model"], 4 * p["d_model"])
                                           - block_param_count(p["d_model"], p["d_model"])))
