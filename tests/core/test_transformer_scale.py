"""qbank.core transformer counts (parameters, FLOPs, KV cache, LoRA): hand-checked cases, published models,
and exact properties. The PyTorch oracles are in test_transformer_scale_torch.py."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qbank.core.kv_cache import kv_cache_bytes, kv_values_per_token, query_groups
from qbank.core.lora import full_finetune_params, lora_params, lora_trainable, trainable_percent
from qbank.core.transformer_flops import (
    attention_share, forward_flops_per_token, non_embedding_params, training_flops)
from qbank.core.transformer_params import block_param_count, transformer_param_count, weight_bytes

SETTINGS = settings(max_examples=50, deadline=None)


def test_block_by_hand():
    # d = 2, d_ff = 4: attention 4 * 4 = 16 + 8 biases; feed-forward 2 * 2 * 4 = 16 + 4 + 2 biases;
    # norms 2 * (2 + 2) = 8: 54 with biases; 16 + 16 + 2 * 2 = 36 without.
    assert block_param_count(2, 4, bias=True) == 54 and block_param_count(2, 4, bias=False) == 36


def test_gpt2_small_published():
    # GPT-2 small (Radford et al. 2019, Table 2: 12 layers, d_model 768; V = 50257, n_ctx = 1024, tied output,
    # d_ff = 4 d): the released checkpoint has 124,439,808 parameters (the paper's "117M" was a miscount).
    # Embeddings 50257 * 768 + 1024 * 768 = 39,383,808; 12 blocks of 7,087,872; final LayerNorm 1,536.
    assert block_param_count(768, 3072) == 7_087_872
    assert transformer_param_count(50257, 12, 768, 3072, 1024, tied=True, bias=True) == 124_439_808
    # In fp32 its weights take 497,759,232 bytes, about 498 MB.
    assert weight_bytes(124_439_808, "fp32") == 497_759_232


def test_untied_adds_one_embedding_matrix():
    tied = transformer_param_count(1000, 2, 64, 256, 128, tied=True)
    assert transformer_param_count(1000, 2, 64, 256, 128, tied=False) - tied == 1000 * 64


def test_kaplan_and_gpt3_published():
    # Kaplan et al. 2020, Table 1: N = 2 d n_layer (2 d_attn + d_ff) = 12 n_layer d^2 at d_ff = 4 d.
    # GPT-3 175B (Brown et al. 2020, Table 2.1: 96 layers, d_model 12288): 12 * 96 * 12288^2 = 173,946,175,488.
    assert non_embedding_params(96, 12288, 4 * 12288) == 12 * 96 * 12288**2 == 173_946_175_488
    # Brown et al. 2020, Table D.1: GPT-3 175B on 300B tokens took 3.14e23 training FLOPs; 6 N D gives 3.15e23.
    assert training_flops(175e9, 300e9) == pytest.approx(3.14e23, rel=0.005)
    # Kaplan et al. §2.1: the context term is small while n_ctx < 12 d_model; at GPT-3's n_ctx = 2048 the attention
    # (2 * 96 * 2048 * 12288 MACs, both products) is 2048 / (6 * 12288 + 2048) = 2.7% of the forward pass.
    assert attention_share(96, 12288, 4 * 12288, 2048) == pytest.approx(2048 / (6 * 12288 + 2048))


def test_forward_flops_by_hand():
    # L = 1, d = 2, d_ff = 4: N = 4 * 4 + 2 * 2 * 4 = 32 MACs; attention over 3 positions 2 * 3 * 2 = 12 MACs.
    assert forward_flops_per_token(1, 2, 4, 3, flops_per_mac=1) == 44
    assert forward_flops_per_token(1, 2, 4, 3, flops_per_mac=2) == 88
    assert forward_flops_per_token(1, 2, 4, 3, flops_per_mac=2, products=1) == 2 * (32 + 6)
    assert attention_share(1, 2, 4, 3) == pytest.approx(12 / 44)
    with pytest.raises(ValueError, match="flops_per_mac"):
        forward_flops_per_token(1, 2, 4, 3, flops_per_mac=3)


@SETTINGS
@given(st.integers(1, 8), st.integers(1, 64), st.integers(1, 4), st.integers(1, 4096))
def test_attention_equals_weights_at_2d_plus_dff(n_layers, d_model, mult, n_ctx):
    # Exact: both products cost 2 L n d, the weights L (4 d^2 + 2 d d_ff); equal at n = 2 d + d_ff.
    d_ff = mult * d_model
    share = attention_share(n_layers, d_model, d_ff, n_ctx)
    crossover = 2 * d_model + d_ff
    assert (share > 0.5) == (n_ctx > crossover) or n_ctx == crossover
    assert attention_share(n_layers, d_model, d_ff, crossover) == pytest.approx(0.5)


def test_kv_cache_llama_published():
    # LLaMA-65B (Touvron et al. 2023a, Table 2: dimension 8192, 64 heads, 80 layers; head_dim 8192 / 64 = 128),
    # multi-head: 2 * 80 * 64 * 128 = 1,310,720 values per token, 2,621,440 bytes in fp16 (2.5 MiB).
    assert kv_values_per_token(80, 64, 128) * 2 == 2_621_440
    # Llama 2 70B uses grouped-query attention (Touvron et al. 2023b, Table 1; Ainslie et al. 2023) with 8 KV heads
    # (Touvron et al. 2023b, Appendix A.2.1, and its released configuration):
    # 8 times less, 327,680 bytes per token; a 4096-token context for one sequence is 1.25 GiB.
    assert query_groups(64, 8) == 8
    assert kv_cache_bytes(80, 8, 128, 4096, 1, "fp16") == 327_680 * 4096 == 1.25 * 2**30


def test_kv_cache_by_hand():
    # 1 layer, 1 KV head of 2 entries, 3 positions, batch 2, fp32: 2 * 1 * 1 * 2 * 3 * 2 * 4 = 96 bytes.
    assert kv_cache_bytes(1, 1, 2, 3, 2, "fp32") == 96
    with pytest.raises(ValueError, match="not a multiple"):
        query_groups(12, 5)


def test_lora_hu_et_al_published():
    # Hu et al. 2021, §7.1: a budget of 18M trainable parameters on GPT-3 175B (96 layers, d_model 12288) is
    # rank 8 on one of the attention matrices or rank 4 on two, in all 96 layers: 96 * 8 * (12288 + 12288).
    assert lora_trainable(96, 12288, 4 * 12288, 8, ["W_q"]) == 18_874_368
    assert lora_trainable(96, 12288, 4 * 12288, 4, ["W_q", "W_v"]) == 18_874_368
    # against the blocks' 96 * 12 * 12288^2 = 173,946,175,488 weights: 18,874,368 / 173,946,175,488 = 0.0109%
    # (their "10,000 times" counts GPT-3's 175B with the embeddings)
    assert trainable_percent(96, 12288, 4 * 12288, 8, ["W_q"]) == pytest.approx(100 * 18_874_368 / 173_946_175_488)
    # "roughly 35MB if stored in FP16": 18,874,368 * 2 bytes = 36 MiB.
    assert 18_874_368 * 2 / 2**20 == 36


def test_lora_by_hand():
    # A (2, 3) -> (5, 3) adapter of rank 2: B is 5 x 2, A is 2 x 3: 10 + 6 = 16.
    assert lora_params(5, 3, 2) == 16
    # d = 4, d_ff = 16, one layer: full 4 * 16 + 2 * 4 * 16 = 192; W_up (16 x 4) at rank 1: 20.
    assert full_finetune_params(1, 4, 16) == 192 and lora_trainable(1, 4, 16, 1, ["W_up"]) == 20
    assert trainable_percent(1, 4, 16, 1, ["W_up"]) == pytest.approx(100 * 20 / 192)  # 10.4%
    with pytest.raises(ValueError, match="low-rank"):
        lora_params(4, 4, 5)
