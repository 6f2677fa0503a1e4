"""Transformer-scale templates (parameters, FLOPs, KV cache, LoRA) with pinned published models."""
import pytest

from qbank.engine.generate import generate
from qbank.engine.template import get
from qbank.errors import InputError


def test_param_count_gpt2_small():
    # GPT-2 small: 124,439,808 parameters (see tests/core/test_transformer_scale.py); fp32: 497.8 MB.
    inst = generate(get("transformers/param-count"), 0, pins={
        "vocab": 50257, "n_layers": 12, "d_model": 768, "d_ff": 3072, "n_heads": 12, "n_ctx": 1024,
        "tied": True, "bias": True, "dtype": "fp32"})
    assert (inst.answers["block"], inst.answers["total"]) == (7_087_872, 124_439_808)
    assert inst.answers["memory_mb"] == pytest.approx(497.759232)
    question = inst.render("question", "text")
    assert "is tied to" in question
    # GPT-2's output projection has no bias while its blocks' layers do: the bias sentence speaks of the blocks only,
    # and it ends before the dtype's sentence starts (they ran together as "shift.The").
    assert "Every linear layer inside the blocks has a bias" in question and "shift.The" not in question


def test_param_count_refuses_weights_under_a_megabyte():
    # V 1000, L 2, d 64, d_ff 128, tied, no biases: blocks 2 (4 * 64^2 + 2 * 64 * 128 + 2 * 64) = 65,792, token and
    # position embeddings 1000 * 64 + 256 * 64 = 80,384, final gain 64: 146,240 bf16 values, 0.29 MB, which one
    # decimal shows as 0.3 (one significant digit).
    with pytest.raises(InputError, match="at least 1 MB"):
        generate(get("transformers/param-count"), 0, pins={
            "vocab": 1000, "n_layers": 2, "n_heads": 4, "d_model": 64, "d_ff": 128, "n_ctx": 256, "tied": True,
            "bias": False, "dtype": "bf16"})


def test_flops_gpt3_shape():
    # GPT-3 175B's shape (96 layers, d 12288, d_ff 4 d, n_ctx 2048) on 300B tokens, 2 FLOPs per MAC:
    # N = 173,946,175,488; C = 6 N D = 3.131e23 = 313,103 x 10^18 (Brown et al. 2020 report 3.14e23 with embeddings).
    inst = generate(get("transformers/flops"), 0, pins={
        "n_layers": 96, "d_model": 12288, "d_ff": 49152, "n_ctx": 2048, "tokens_billions": 300, "flops_per_mac": 2})
    a = inst.answers
    assert a["n_params"] == 173_946_175_488
    assert a["train_compute"] == pytest.approx(6 * 173_946_175_488 * 300e9 / 1e18)
    # forward: 2 (N + 2 * 96 * 2048 * 12288) = 2 * (173,946,175,488 + 4,831,838,208)
    assert a["forward_flops"] == 2 * (173_946_175_488 + 4_831_838_208)
    assert a["attention_share"] == pytest.approx(2048 / (6 * 12288 + 2048))


def test_kv_cache_llama2_70b():
    # Llama 2 70B: 80 layers, 64 heads of 128, 8 KV heads; fp16, one 4096-token sequence: 327,680 bytes a token,
    # 1.25 GiB; with 64 KV heads (multi-head) 8 times as much, 10 GiB.
    inst = generate(get("transformers/kv-cache"), 0, pins={
        "n_layers": 80, "n_heads": 64, "n_kv_heads": 8, "head_dim": 128, "context": 4096, "batch": 1, "dtype": "fp16"})
    assert inst.answers == {"bytes_per_token": 327_680, "cache_gib": 1.25, "mha_cache_gib": 10.0}


def test_kv_cache_refuses_heads_that_do_not_group():
    with pytest.raises(InputError, match="not a multiple of n_kv_heads=3"):
        generate(get("transformers/kv-cache"), 0, pins={"n_heads": 16, "n_kv_heads": 3})


def test_lora_hu_et_al_budget():
    # Hu et al. 2021, §7.1: 18M on GPT-3 175B with rank 4 on W_q and W_v; full fine-tuning of the blocks is
    # 173,946,175,488, so LoRA trains 0.01085% of it.
    inst = generate(get("transformers/lora"), 0, pins={
        "n_layers": 96, "d_model": 12288, "d_ff": 49152, "rank": 4, "adapted": ["W_q", "W_v"]})
    assert (inst.answers["trainable"], inst.answers["full"]) == (18_874_368, 173_946_175_488)
    assert inst.answers["percent"] == pytest.approx(100 * 18_874_368 / 173_946_175_488)


def test_training_memory_zero_gpt2():
    # ZeRO §3.1: the 1.5B GPT-2 with mixed-precision Adam holds 16 bytes a parameter, 24 GB; on 80 GB with 2.5 GB of
    # activations per example, (80 - 24) / 2.5 = 22.4, so 22 examples fit.
    inst = generate(get("training/memory"), 0, pins={
        "params_billions": 1.5, "optimizer": "adam", "precision": "mixed", "memory_gb": 80, "activation_gb": 2.5})
    assert inst.answers == {"bytes_per_param": 16, "state_gb": 24.0, "max_batch": 22}


def test_training_memory_refuses_an_accelerator_without_room():
    # Adam keeps 16 bytes a parameter in fp32 (4 + 4 + 8) and in mixed precision (2 + 2 + 4 + 8): 3e9 parameters
    # are 48 GB of state, more than the 16 GB accelerator holds
    with pytest.raises(InputError, match="leaves no room for one example"):
        generate(get("training/memory"), 0, pins={"params_billions": 3.0, "optimizer": "adam", "memory_gb": 16})


def test_vit_b16():
    # Dosovitskiy et al. 2021: ViT-B/16 on 224 x 224 RGB, 1000 classes: 197 tokens, 590,592 + ... = 86,567,656.
    inst = generate(get("transformers/vit"), 0, pins={
        "image": 224, "patch": 16, "channels": 3, "d_model": 768, "n_layers": 12, "n_classes": 1000})
    assert inst.answers == {"tokens": 197, "patch_params": 590_592, "total": 86_567_656}
