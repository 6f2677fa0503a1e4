"""The hand-written GRU equals torch.nn.GRU (same weights) within 1e-6."""
import pytest

torch = pytest.importorskip("torch")

from qbank.train.gru.cell import ScratchGRU, gru_cell  # noqa: E402


@pytest.mark.parametrize("layers", [1, 2])
def test_scratch_gru_equals_nn_gru_with_copied_weights(layers):
    torch.manual_seed(0)
    reference = torch.nn.GRU(5, 7, num_layers=layers, batch_first=True).double()
    scratch = ScratchGRU(5, 7, num_layers=layers).double()
    scratch.load_state_dict(reference.state_dict())  # same names and shapes: an exact copy
    x = torch.randn(3, 11, 5, dtype=torch.float64)      # (B, T, D)
    h0 = torch.randn(layers, 3, 7, dtype=torch.float64)  # (L, B, H)
    want_out, want_h = reference(x, h0)
    got_out, got_h = scratch(x, h0)
    assert torch.allclose(got_out, want_out, rtol=0, atol=1e-6)
    assert torch.allclose(got_h, want_h, rtol=0, atol=1e-6)


def test_float32_cell_step_equals_nn_grucell():
    torch.manual_seed(1)
    cell = torch.nn.GRUCell(4, 6)
    x, h = torch.randn(2, 4), torch.randn(2, 6)
    got = gru_cell(x, h, cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh)
    assert torch.allclose(got, cell(x, h), rtol=0, atol=1e-6)


def test_zero_initial_state_is_the_default():
    torch.manual_seed(2)
    reference = torch.nn.GRU(3, 4, batch_first=True).double()
    scratch = ScratchGRU(3, 4).double()
    scratch.load_state_dict(reference.state_dict())
    x = torch.randn(2, 5, 3, dtype=torch.float64)
    assert torch.allclose(scratch(x)[0], reference(x)[0], rtol=0, atol=1e-6)


def test_update_gate_one_keeps_the_state():
    # With z = 1 the new state is h itself: h' = (1 - z) n + z h = h. A huge bias on the z rows
    # (rows H..2H of the stacked input weights) drives sigmoid to 1.
    hidden = 3
    w_ih, w_hh = torch.zeros(3 * hidden, 2), torch.zeros(3 * hidden, hidden)
    b_ih, b_hh = torch.zeros(3 * hidden), torch.zeros(3 * hidden)
    b_ih[hidden:2 * hidden] = 100.0
    h = torch.tensor([[0.5, -0.25, 1.0]])
    assert torch.allclose(gru_cell(torch.randn(1, 2), h, w_ih, w_hh, b_ih, b_hh), h)


def test_teaching_cell_agrees_with_the_numpy_core():
    # Two independent implementations of the same torch.nn.GRUCell equations: qbank.core (numpy,
    # one sample) and the teaching cell (torch, batched).
    import numpy as np

    from qbank.core.rnn import gru_cell as core_gru_cell

    rng = np.random.default_rng(4)
    x, h = rng.normal(size=3), rng.normal(size=2)
    w_ih, w_hh, b_ih, b_hh = rng.normal(size=(6, 3)), rng.normal(size=(6, 2)), rng.normal(size=6), rng.normal(size=6)
    got = gru_cell(*(torch.from_numpy(a) for a in (x[None], h[None], w_ih, w_hh, b_ih, b_hh)))[0]
    np.testing.assert_allclose(got.numpy(), core_gru_cell(x, h, w_ih, w_hh, b_ih, b_hh), rtol=0, atol=1e-12)
