"""Transformer parameter count from (vocabulary, layers, d_model, d_ff, heads, tied or not, biases or not),
and the memory its weights take (transformers/param-count).

The counts come from qbank.core.transformer_params; the cross-check lists every tensor of the model by
name and shape, as torch's state_dict would, and sums their sizes.
"""
from __future__ import annotations

from qbank import Integer, Real, template
from qbank.core.transformer_params import BYTES_PER_VALUE, block_param_count, transformer_param_count, weight_bytes

MB = 10**6  # bytes; the question says so (MiB would be 2^20)


def state_dict_shapes(p):
    """(name, shape) of every tensor of the model, named as in torch.nn.TransformerEncoderLayer."""
    d, f, bias = p["d_model"], p["d_ff"], p["bias"]
    shapes = [("tok_emb", (p["vocab"], d)), ("pos_emb", (p["n_ctx"], d))]
    for i in range(p["n_layers"]):
        layer = [("self_attn.in_proj_weight", (3 * d, d)), ("self_attn.out_proj.weight", (d, d)),
                 ("linear1.weight", (f, d)), ("linear2.weight", (d, f)), ("norm1.weight", (d,)), ("norm2.weight", (d,))]
        if bias:
            layer += [("self_attn.in_proj_bias", (3 * d,)), ("self_attn.out_proj.bias", (d,)), ("linear1.bias", (f,)),
                      ("linear2.bias", (d,)), ("norm1.bias", (d,)), ("norm2.bias", (d,))]
        shapes += [(f"blocks.{i}.{name}", shape) for name, shape in layer]
    shapes += [("ln_f.weight", (d,))] + ([("ln_f.bias", (d,))] if bias else [])
    if not p["tied"]:
        shapes.append(("lm_head.weight", (p["vocab"], d)))
    return shapes


def _size(shape):
    out = 1
    for n in shape:
        out *= n
    return out


def _check(params, answers):
    shapes = state_dict_shapes(params)
    block = sum(_size(s) for name, s in shapes if name.startswith("blocks.0."))
    total = sum(_size(s) for _, s in shapes)
    assert answers["block"] == block and answers["total"] == total, (answers, block, total)
    expected_mb = total * {"fp32": 32, "fp16": 16, "bf16": 16, "int8": 8}[params["dtype"]] // 8 / MB  # bits per value
    assert abs(answers["memory_mb"] - expected_mb) <= 1e-9 * expected_mb


@template("transformers/param-count", topic="transformers", points=6,
          title="Parameters and weight memory of a transformer",
          question="tex/transformers/param-count.tex.j2", solution="tex/transformers/param-count-solution.tex.j2",
          answers={"block": Integer(points=2, label="parameters of one block",
                                    prompt="The number of parameters of one transformer block."),
                   "total": Integer(points=3, label="parameters of the model",
                                    prompt="The number of parameters of the whole model."),
                   "memory_mb": Real(points=1, digits=1, label="weight memory in MB",
                                     prompt=r"The memory the weights take in MB ($10^6$ bytes).")},
          constraints={"the weights take at least 1 MB (one decimal shows two digits or more)":
                       lambda p, a: a["memory_mb"] >= 1},
          crosscheck=_check)
def param_count(rng):
    """A GPT-2-like model: d_model a multiple of the head count, d_ff 2 or 4 times d_model, tied or untied
    output projection, biases or not, weights stored in fp32 or bf16."""
    n_heads = int(rng.choice([4, 8, 12, 16]))
    d_model = n_heads * int(rng.choice([16, 32, 64]))
    d_ff = int(rng.choice([2, 4])) * d_model
    n_layers = int(rng.choice([2, 4, 6, 8, 12, 24]))
    vocab = int(rng.choice([1000, 8000, 16000, 32000, 50000]))
    n_ctx = int(rng.choice([256, 512, 1024, 2048]))
    tied = bool(rng.random() < 0.5)
    bias = bool(rng.random() < 0.5)
    dtype = str(rng.choice(["fp32", "bf16"]))
    total = transformer_param_count(vocab, n_layers, d_model, d_ff, n_ctx, tied, bias)
    params = {"vocab": vocab, "n_layers": n_layers, "d_model": d_model, "d_ff": d_ff, "n_heads": n_heads,
              "n_ctx": n_ctx, "tied": tied, "bias": bias, "dtype": dtype}
    answers = {"block": block_param_count(d_model, d_ff, bias), "total": total,
               "memory_mb": weight_bytes(total, dtype) / MB}
    return params, answers, {"bytes_per_value": BYTES_PER_VALUE[dtype]}
