"""qbank.core.training_memory and qbank.core.vit against PyTorch: optimizer state after a step, the patch
embedding and encoder modules."""
import pytest

from qbank.core.training_memory import training_state_bytes
from qbank.core.vit import num_tokens, patch_embedding_params, vit_param_count

torch = pytest.importorskip("torch")
nn = torch.nn


@pytest.mark.parametrize("optimizer, make", [
    ("sgd", lambda p: torch.optim.SGD(p, lr=0.1)), ("sgd-momentum", lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9)),
    ("adam", lambda p: torch.optim.Adam(p)), ("adamw", lambda p: torch.optim.AdamW(p))])
def test_fp32_state_matches_torch_optimizers(optimizer, make):
    model = nn.Sequential(nn.Linear(7, 5), nn.Linear(5, 3))
    opt = make(model.parameters())
    model(torch.randn(4, 7)).sum().backward()
    opt.step()
    n_params = sum(p.numel() for p in model.parameters())
    stored = sum(p.numel() * p.element_size() + p.grad.numel() * p.grad.element_size() for p in model.parameters())
    stored += sum(v.numel() * v.element_size() for state in opt.state.values() for v in state.values()
                  if torch.is_tensor(v) and v.dim() > 0)  # Adam's step counter is a 0-d tensor, not per parameter
    assert training_state_bytes(n_params, optimizer, "fp32") == stored


def test_vit_matches_torch_modules():
    image, patch, channels, d, layers, classes = 32, 8, 3, 48, 2, 10
    embed = nn.Conv2d(channels, d, patch, stride=patch)
    tokens = embed(torch.zeros(1, channels, image, image)).flatten(2).shape[-1] + 1  # (1, d, 4, 4) -> 16 + cls
    parts = [embed, nn.ParameterList([nn.Parameter(torch.zeros(1, 1, d)), nn.Parameter(torch.zeros(1, tokens, d))]),
             *(nn.TransformerEncoderLayer(d, 4, 4 * d, norm_first=True) for _ in range(layers)),
             nn.LayerNorm(d), nn.Linear(d, classes)]
    assert num_tokens(image, image, patch) == tokens
    assert patch_embedding_params(patch, channels, d) == sum(p.numel() for p in embed.parameters())
    assert vit_param_count(image, image, patch, channels, d, layers, 4 * d, classes) == sum(
        p.numel() for m in parts for p in m.parameters())
