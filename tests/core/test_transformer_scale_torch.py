"""Transformer counts against PyTorch: parameters of real modules (tying included), FLOPs measured by
torch's FlopCounterMode, cache tensors allocated in each dtype, LoRA factors with frozen weights."""
import pytest

from qbank.core.kv_cache import kv_cache_bytes
from qbank.core.lora import lora_trainable
from qbank.core.transformer_flops import forward_flops_per_token
from qbank.core.transformer_params import block_param_count, transformer_param_count

torch = pytest.importorskip("torch")
nn = torch.nn


class TinyLM(nn.Module):
    """Token and position embeddings, encoder layers, a final LayerNorm and an output projection."""

    def __init__(self, vocab, n_layers, d, d_ff, heads, n_ctx, tied, bias):
        super().__init__()
        self.tok, self.pos = nn.Embedding(vocab, d), nn.Embedding(n_ctx, d)
        self.blocks = nn.ModuleList(nn.TransformerEncoderLayer(d, heads, d_ff, bias=bias) for _ in range(n_layers))
        self.ln_f = nn.LayerNorm(d, bias=bias)
        self.head = nn.Linear(d, vocab, bias=False)
        if tied:
            self.head.weight = self.tok.weight


@pytest.mark.parametrize("tied", [True, False])
@pytest.mark.parametrize("bias", [True, False])
@pytest.mark.parametrize("d, d_ff, heads", [(16, 64, 4), (24, 48, 3)])
def test_param_count_matches_torch(d, d_ff, heads, tied, bias):
    model = TinyLM(50, 2, d, d_ff, heads, 12, tied, bias)
    assert transformer_param_count(50, 2, d, d_ff, 12, tied, bias) == sum(p.numel() for p in model.parameters())
    assert block_param_count(d, d_ff, bias) == sum(p.numel() for p in model.blocks[0].parameters())


def test_gpt2_small_block_matches_torch():
    layer = nn.TransformerEncoderLayer(768, 12, 3072)
    assert block_param_count(768, 3072) == sum(p.numel() for p in layer.parameters())


def test_forward_flops_match_flop_counter():
    # One layer on a sequence of T tokens, full attention written as two matmuls so that torch counts them:
    # every token attends to T positions, so the total is T times the per-token count at n_ctx = T.
    from torch.utils.flop_counter import FlopCounterMode

    d, d_ff, T = 8, 32, 5
    q, k, v, o = (nn.Linear(d, d, bias=False) for _ in range(4))
    up, down = nn.Linear(d, d_ff, bias=False), nn.Linear(d_ff, d, bias=False)
    x = torch.randn(T, d)  # (T, d)
    with FlopCounterMode(display=False) as counter:
        weights = torch.softmax(q(x) @ k(x).T / d**0.5, dim=-1)  # (T, T)
        h = x + o(weights @ v(x))  # (T, d)
        down(torch.relu(up(h)))  # (T, d)
    assert counter.get_total_flops() == T * forward_flops_per_token(1, d, d_ff, T, flops_per_mac=2)


@pytest.mark.parametrize("dtype, torch_dtype", [("fp32", torch.float32), ("fp16", torch.float16),
                                                ("bf16", torch.bfloat16), ("int8", torch.int8)])
def test_kv_cache_matches_allocated_tensors(dtype, torch_dtype):
    n_layers, n_kv, head_dim, context, batch = 3, 2, 4, 7, 2
    cache = [torch.zeros(batch, n_kv, context, head_dim, dtype=torch_dtype) for _ in range(2 * n_layers)]  # K, V
    assert kv_cache_bytes(n_layers, n_kv, head_dim, context, batch, dtype) == sum(
        t.numel() * t.element_size() for t in cache)


def test_lora_matches_frozen_model_with_adapters():
    d, d_ff, rank, n_layers = 8, 32, 2, 3
    shapes = {"W_q": (d, d), "W_k": (d, d), "W_v": (d, d), "W_o": (d, d), "W_up": (d_ff, d), "W_down": (d, d_ff)}
    adapted = ["W_q", "W_v", "W_down"]
    model = nn.ModuleList()
    for _ in range(n_layers):
        layer = nn.ModuleDict({name: nn.Linear(d_in, d_out, bias=False) for name, (d_out, d_in) in shapes.items()})
        for p in layer.parameters():
            p.requires_grad_(False)
        for name in adapted:
            d_out, d_in = shapes[name]
            layer[f"{name}_A"] = nn.Linear(d_in, rank, bias=False)  # A: (r, d_in)
            layer[f"{name}_B"] = nn.Linear(rank, d_out, bias=False)  # B: (d_out, r)
        model.append(layer)
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    assert lora_trainable(n_layers, d, d_ff, rank, adapted) == trainable
