"""qbank.core.attention against PyTorch (skipped where torch is not installed)."""
import numpy as np
import pytest

from qbank.core import attention as att
from qbank.core import attention_backward as back

torch = pytest.importorskip("torch")
F = torch.nn.functional


def t(a):
    return torch.tensor(np.asarray(a), dtype=torch.float64)


@pytest.mark.parametrize("causal", [False, True])
@pytest.mark.parametrize("Tq, Tk", [(3, 3), (2, 4), (4, 2)])
def test_sdpa_matches_torch(Tq, Tk, causal):
    rng = np.random.default_rng(Tq * 10 + Tk)
    Q, K, V = rng.normal(size=(2, Tq, 3)), rng.normal(size=(2, Tk, 3)), rng.normal(size=(2, Tk, 2))
    mask = rng.random((Tq, Tk)) < 0.7
    mask[:, 0] = True  # keep a key for every query
    for kwargs in ({"causal": causal}, {"mask": mask}):
        out, _ = att.scaled_dot_product_attention(Q, K, V, **kwargs)
        expected = F.scaled_dot_product_attention(t(Q), t(K), t(V), is_causal=causal) if "causal" in kwargs \
            else F.scaled_dot_product_attention(t(Q), t(K), t(V), attn_mask=torch.tensor(mask))
        np.testing.assert_allclose(out, expected.numpy(), atol=1e-12)


@pytest.mark.parametrize("causal", [False, True])
def test_multi_head_matches_torch_module(causal):
    d_model, n_heads, T = 6, 3, 4
    torch.manual_seed(0)
    mha = torch.nn.MultiheadAttention(d_model, n_heads, bias=False, batch_first=True).double()
    # torch computes x @ W^T: our column-split matrices are the transposes of its row blocks.
    W_q, W_k, W_v = (w.detach().numpy().T for w in mha.in_proj_weight.chunk(3))
    W_o = mha.out_proj.weight.detach().numpy().T
    X = np.random.default_rng(2).normal(size=(T, d_model))
    mask = torch.triu(torch.ones(T, T, dtype=torch.bool), 1) if causal else None  # torch: True = blocked
    expected, _ = mha(t(X)[None], t(X)[None], t(X)[None], attn_mask=mask, need_weights=False)
    out = att.multi_head_attention(X, W_q, W_k, W_v, W_o, n_heads, causal=causal)
    np.testing.assert_allclose(out, expected[0].detach().numpy(), atol=1e-12)


@pytest.mark.parametrize("bias", [True, False])
@pytest.mark.parametrize("d_model, n_heads", [(8, 2), (512, 8), (12, 3)])
def test_param_count_matches_torch(d_model, n_heads, bias):
    mha = torch.nn.MultiheadAttention(d_model, n_heads, bias=bias)
    assert att.mha_param_count(d_model, n_heads, bias=bias) == sum(p.numel() for p in mha.parameters())


@pytest.mark.parametrize("causal", [False, True])
def test_backward_matches_autograd(causal):
    rng = np.random.default_rng(3)
    Q, K, V, d_out = rng.normal(size=(3, 2)), rng.normal(size=(3, 2)), rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    tq, tk, tv = (t(a).requires_grad_() for a in (Q, K, V))
    F.scaled_dot_product_attention(tq, tk, tv, is_causal=causal).backward(t(d_out))
    for ours, theirs in zip(back.sdpa_backward(Q, K, V, d_out, causal=causal), (tq, tk, tv)):
        np.testing.assert_allclose(ours, theirs.grad.numpy(), atol=1e-12)


def test_softmax_matches_torch():
    x = np.random.default_rng(4).normal(size=(3, 5)) * 30
    for axis in (0, 1):
        np.testing.assert_allclose(att.softmax(x, axis=axis), torch.softmax(t(x), dim=axis).numpy(), atol=1e-14)
