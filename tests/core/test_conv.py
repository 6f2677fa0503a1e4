"""qbank.core.conv: hand-checked cases from the seed sheets, and bad input (properties: test_conv_properties)."""
from fractions import Fraction

import numpy as np
import pytest

from qbank.core.conv import (
    avg_pool2d, conv1d, conv2d, conv2d_macs, conv2d_param_count, conv_output_size, depthwise_separable_mac_ratio,
    depthwise_separable_macs, depthwise_separable_param_count, max_pool1d, max_pool1d_backward, max_pool2d,
    max_pool2d_backward, max_pool2d_indices, shape_chain)


def test_seed_004_q2_output_shape():
    # (3, 32, 32) through 8 filters 3x3x3, stride 1, no padding: (32 - 3)/1 + 1 = 30 per side.
    x, w = np.zeros((3, 32, 32)), np.zeros((8, 3, 3, 3))
    assert conv2d(x, w).shape == (8, 30, 30)
    assert conv_output_size(32, 3) == 30


def test_seed_004_q5_counts_and_printed_rounding():
    # (a) (227 + 2*2 - 11)/4 + 1 = 220/4 + 1 = 56.
    assert conv_output_size(227, 11, stride=4, padding=2) == 56
    # (b) each filter has 11*11*3 = 363 weights and 1 bias: 364 * 64 = 23296.
    assert conv2d_param_count(3, 64, 11) == 23296 == (11 * 11 * 3 + 1) * 64
    # (c) 64*56*56 = 200704 outputs, each a 363-term inner product: 363 * 200704 = 72,855,552 MACs.
    # The seed prints "72.8M": 72.855552M rounds to 72.9M; the seed truncated.
    macs = conv2d_macs(3, 64, 11, 56, 56)
    assert macs == 72_855_552 and f"{macs / 1e6:.1f}M" == "72.9M"
    # (d) depthwise: 3 filters of 11*11 plus a bias each, 3 * 122 = 366; pointwise: 64 * (3 + 1) = 256.
    assert depthwise_separable_param_count(3, 64, 11) == 622 == 3 * (121 + 1) + 64 * (3 + 1)
    # (e) depthwise 121 * 3 * 56*56 = 1,138,368 ("1.1M"), pointwise 3 * 64 * 56*56 = 602,112 ("0.6M"),
    # total 1,740,480 ("1.7M"): the seed's printed rounding holds for these three.
    depthwise = conv2d_macs(3, 3, 11, 56, 56, groups=3)
    pointwise = conv2d_macs(3, 64, 1, 56, 56)
    assert (depthwise, pointwise) == (1_138_368, 602_112)
    total = depthwise_separable_macs(3, 64, 11, 56, 56)
    assert total == 1_740_480
    assert [f"{v / 1e6:.1f}M" for v in (depthwise, pointwise, total)] == ["1.1M", "0.6M", "1.7M"]
    # ratio 1740480 / 72855552 = 1/64 + 1/121 = (121 + 64) / 7744 = 185/7744 (MobileNets' reduction).
    assert depthwise_separable_mac_ratio(3, 64, 11, 56, 56) == Fraction(185, 7744)


def test_seed_002_shape_chain():
    # 128x128x3 -> conv 16 5x5 'same' (128) -> pool 2/2 (64) -> conv 32 3x3 'valid' (62) -> pool 2/2 (31)
    # flatten 31*31*32 = 30752; first conv (5*5*3 + 1)*16 = 1216; second conv (3*3*16 + 1)*32 = 4640;
    # dense 30752*100 + 100 = 3,075,300.
    chain = shape_chain((3, 128, 128), [
        {"layer": "conv2d", "out_channels": 16, "kernel": 5, "padding": "same"},
        {"layer": "max_pool2d", "kernel": 2, "stride": 2},
        {"layer": "conv2d", "out_channels": 32, "kernel": 3, "padding": "valid"},
        {"layer": "max_pool2d", "kernel": 2, "stride": 2},
        {"layer": "flatten"},
        {"layer": "linear", "out_features": 100}])
    assert [c["shape"] for c in chain] == [(16, 128, 128), (16, 64, 64), (32, 62, 62), (32, 31, 31), (30752,), (100,)]
    assert [c["params"] for c in chain] == [1216, 0, 4640, 0, 0, 3_075_300]
    assert chain[0]["weight_shape"] == (16, 3, 5, 5) and chain[5]["weight_shape"] == (100, 30752)


def test_seed_003_batch_through_conv():
    # 100 images 3x64x64, 2 filters 4x4, stride 4, no padding: (64 - 4)/4 + 1 = 16; 2*16*16 = 512 features.
    chain = shape_chain((100, 3, 64, 64), [{"layer": "conv2d", "out_channels": 2, "kernel": 4, "stride": 4},
                                           {"layer": "flatten"}])
    assert chain[0]["shape"] == (100, 2, 16, 16) and chain[0]["weight_shape"] == (2, 3, 4, 4)
    assert chain[1]["shape"] == (100, 512)


def test_seed_001_sobel_entries():
    x = np.array([[0, 0, 1, 0], [0, 1, 0, 0], [0, 1, 0, 0], [0, 1, 0, 0]])
    k = np.array([[1, 0, -1], [2, 0, -2], [1, 0, -1]])
    z = conv2d(x[None], k[None, None], padding=1)[0]
    # z[0, 0]: the window is padded rows -1..1, columns -1..1; only x[1, 1] = 1 is non-zero and sits
    # under k[2, 2] = -1, so z[0, 0] = -1. z[2, 2]: x[1..3, 1] = 1 sit under k[:, 0] = 1, 2, 1: 4.
    assert z[0, 0] == -1 and z[2, 2] == 4
    assert z.dtype.kind == "i"  # integer inputs stay exact


def test_pooling_by_hand():
    x = np.array([[1, 3, 2, 0], [4, 2, 1, 1], [0, 0, 5, 6], [1, 2, 7, 8]])
    # windows [[1,3],[4,2]], [[2,0],[1,1]], [[0,0],[1,2]], [[5,6],[7,8]]
    assert max_pool2d(x[None], 2)[0].tolist() == [[4, 2], [2, 8]]
    assert avg_pool2d(x[None], 2)[0].tolist() == [[2.5, 1.0], [0.75, 6.5]]
    assert max_pool2d_indices(x[None], 2)[0].tolist() == [[4, 2], [13, 15]]  # row*4 + col of each max
    grad = max_pool2d_backward(x[None], np.array([[[10, 20], [30, 40]]]), 2)[0]
    assert grad.tolist() == [[0, 0, 20, 0], [10, 0, 0, 0], [0, 0, 0, 0], [0, 30, 0, 40]]


def test_max_pool_ties_go_to_the_first_maximum():
    z = np.array([[2, 2, 1]])
    # stride-1 windows (2, 2) and (2, 1): the tie in the first goes to index 0, the second window's max is index 1.
    assert max_pool1d(z, 2, 1).tolist() == [[2, 2]]
    assert max_pool1d_backward(z, np.array([[1, 1]]), 2, 1).tolist() == [[1, 1, 0]]


@pytest.mark.parametrize("call, message", [
    (lambda: conv2d(np.zeros((1, 3, 5, 5)), np.zeros((2, 2, 3, 3))), r"\(1, 3, 5, 5\) has 3 channels.*\(2, 2, 3, 3\)"),
    (lambda: conv2d(np.zeros((4, 5, 5)), np.zeros((3, 2, 3, 3)), groups=2), "groups=2 must divide"),
    (lambda: conv2d(np.zeros((1, 4, 4)), np.zeros((1, 1, 7, 7)), padding=1),
     r"larger than the padded input 4 \+ 1 \+ 1"),
    (lambda: conv_output_size(5, 3, stride=2, padding="same"), "'same' needs stride 1"),
    (lambda: conv_output_size(5, 3, padding="full"), "padding must be"),
    (lambda: conv1d(np.zeros((2, 5)), np.zeros((1, 3, 2))), r"\(1, 2, 5\).*\(1, 3, 2\)"),
    (lambda: max_pool2d(np.zeros((1, 4, 4)), 2, padding=2), "at most half the kernel"),
    (lambda: conv2d_param_count(4, 6, 3, groups=4), "groups=4 must divide"),
    (lambda: shape_chain((3, 8, 8), [{"layer": "linear", "out_features": 2}]), "add a flatten layer"),
    (lambda: shape_chain((3, 8, 8), [{"layer": "conv2d", "kernel": 3}]), r"layer 0 \(conv2d\) needs out_channels"),
    (lambda: shape_chain((3, 8, 8), [{"layer": "max_pool2d", "kernel": 2, "stride": 0}]), "stride must be an int >= 1"),
])
def test_bad_input_names_the_shapes(call, message):
    with pytest.raises(ValueError, match=message):
        call()
