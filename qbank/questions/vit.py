"""Vision transformer: tokens of an image, patch-embedding parameters and the whole model (transformers/vit).

The answers come from qbank.core.vit; the cross-check tiles the image patch by patch and lists the
model's tensors by name and shape.
"""
from __future__ import annotations

from qbank import Integer, template
from qbank.core.transformer_params import block_param_count
from qbank.core.vit import num_patches, num_tokens, patch_embedding_params, vit_param_count


def _tensors(p):
    """(name, entries) of every tensor of the model, as in the released ViT checkpoints."""
    d, P, C, f = p["d_model"], p["patch"], p["channels"], 4 * p["d_model"]
    tiles = sum(1 for top in range(0, p["image"], P) for left in range(0, p["image"], P))
    block = [("qkv", 3 * d * d + 3 * d), ("proj", d * d + d), ("fc1", d * f + f), ("fc2", f * d + d), ("norms", 4 * d)]
    return ([("patch_embed.weight", d * C * P * P), ("patch_embed.bias", d), ("cls_token", d),
             ("pos_embed", (tiles + 1) * d)] + block * p["n_layers"]
            + [("norm", 2 * d), ("head.weight", p["n_classes"] * d), ("head.bias", p["n_classes"])]), tiles


def _check(params, answers):
    tensors, tiles = _tensors(params)
    assert answers["tokens"] == tiles + 1
    assert answers["patch_params"] == sum(n for name, n in tensors if name.startswith("patch_embed"))
    assert answers["total"] == sum(n for _, n in tensors)


@template("transformers/vit", topic="transformers", points=5, title="Vision transformer tokens and parameters",
          question="tex/transformers/vit.tex.j2", solution="tex/transformers/vit-solution.tex.j2",
          answers={"tokens": Integer(points=1, label="tokens", prompt="The number of tokens the encoder sees."),
                   "patch_params": Integer(points=2, label="patch-embedding parameters",
                                           prompt="The number of parameters of the patch embedding."),
                   "total": Integer(points=2, label="parameters of the model",
                                    prompt="The number of parameters of the whole model.")},
          crosscheck=_check)
def vit(rng):
    """A square image, a patch size that divides it, RGB or grey, a width, a depth and a class count."""
    patch = int(rng.choice([8, 14, 16, 32]))
    image = patch * int(rng.choice([4, 7, 8, 12, 14, 16]))
    channels = int(rng.choice([1, 3, 3]))
    d_model = int(rng.choice([192, 384, 768, 1024]))
    n_layers = int(rng.choice([6, 8, 12, 24]))
    n_classes = int(rng.choice([10, 100, 1000]))
    params = {"image": image, "patch": patch, "channels": channels, "d_model": d_model, "n_layers": n_layers,
              "n_classes": n_classes}
    answers = {"tokens": num_tokens(image, image, patch),
               "patch_params": patch_embedding_params(patch, channels, d_model),
               "total": vit_param_count(image, image, patch, channels, d_model, n_layers, 4 * d_model, n_classes)}
    work = {"patches": num_patches(image, image, patch), "block": block_param_count(d_model, 4 * d_model)}
    return params, answers, work
