"""qbank.core's receptive field, transposed-convolution sizes and activation memory: published networks, hand
cases, and exact properties (walking the layers back; the convolution maps a transposed output back)."""
import math

import pytest
from hypothesis import given, settings, strategies as st

from qbank.core.activation_memory import activation_bytes, activation_elements, in_unit
from qbank.core.conv_chain import shape_chain
from qbank.core.conv_size import conv_output_size
from qbank.core.conv_transpose import (
    conv_transpose_output_size, conv_transpose_param_count, conv_transpose_weight_shape)
from qbank.core.receptive_field import receptive_field, receptive_fields

SETTINGS = settings(max_examples=60, deadline=None)
CONV3, POOL2, POOL3 = (3, 1, 1), (2, 2, 1), (3, 2, 1)
VGG16 = [CONV3] * 2 + [POOL2] + [CONV3] * 2 + [POOL2] + ([CONV3] * 3 + [POOL2]) * 3
ALEXNET_V2 = [(11, 4, 1), POOL3, (5, 1, 1), POOL3, CONV3, CONV3, CONV3, POOL3]


def test_published_receptive_fields():
    # Simonyan & Zisserman 2015, §2.3: two stacked 3x3 convolutions see 5x5, three see 7x7.
    assert [r for r, _ in receptive_fields([CONV3] * 3)] == [3, 5, 7]
    # Yu & Koltun 2016, §3: 3x3 convolutions with dilations 1, 2, 4 have receptive fields 3, 7, 15 (2^(i+2) - 1).
    assert [r for r, _ in receptive_fields([(3, 1, 1), (3, 1, 2), (3, 1, 4)])] == [3, 7, 15]
    # Araujo, Norris & Sim 2019 (Distill), Table 1: VGG-16 212 and AlexNet (v2) 195, up to their last pooling.
    assert receptive_field(VGG16) == 212
    assert receptive_field(ALEXNET_V2) == 195
    assert receptive_fields(VGG16)[-1][1] == 32  # five poolings of stride 2


def test_receptive_field_by_hand_and_bad_layers():
    # conv 3 (r 3), pool 2 s 2 (r 3 + 1 = 4, j 2), conv 3 d 2 (r 4 + 2 * 2 * 2 = 12)
    assert receptive_fields([{"kernel": 3}, {"kernel": 2, "stride": 2}, {"kernel": 3, "dilation": 2}]) == \
        [(3, 1), (4, 2), (12, 2)]
    assert receptive_field([]) == 1
    with pytest.raises(ValueError, match="layer 1: stride"):
        receptive_fields([CONV3, (3, 0, 1)])


def _span_by_walking_back(layers):
    """Input indices read by output 0, found by applying each layer's window backwards."""
    seen = {0}
    for k, s, d in reversed(layers):
        seen = {i * s + t * d for i in seen for t in range(k)}
    return max(seen) - min(seen) + 1


@SETTINGS
@given(st.lists(st.tuples(st.integers(1, 5), st.integers(1, 3), st.integers(1, 3)), min_size=1, max_size=5))
def test_receptive_field_is_the_span_walked_back(layers):
    assert receptive_field(layers) == _span_by_walking_back(layers)


def test_dcgan_generator_sizes():
    # PyTorch DCGAN tutorial generator (after Radford et al. 2016, Fig. 1): z of shape (100, 1, 1), then
    # ConvTranspose2d(100, 512, 4, 1, 0) -> 4x4, and (4, 2, 1) four times -> 8, 16, 32, 64; the comments in the
    # tutorial read "state size. (ngf*8) x 4 x 4" ... "(nc) x 64 x 64".
    sizes = [conv_transpose_output_size(1, 4, 1, 0)]
    for _ in range(4):
        sizes.append(conv_transpose_output_size(sizes[-1], 4, 2, 1))
    assert sizes == [4, 8, 16, 32, 64]
    assert conv_transpose_weight_shape(100, 512, 4) == (100, 512, 4, 4)
    assert conv_transpose_param_count(100, 512, 4, bias=False) == 100 * 512 * 16  # the tutorial has bias=False


def test_transposed_size_by_hand_and_refusals():
    # n = 3, k = 3, s = 2, p = 1, a = 1: (3 - 1) * 2 - 2 + 2 + 1 + 1 = 6 (Dumoulin & Visin 2016, Relationship 14
    # with a = 1: o' = s (i' - 1) + a + k - 2p = 4 + 1 + 3 - 2 = 6)
    assert conv_transpose_output_size(3, 3, 2, 1, 1) == 6
    assert conv_transpose_output_size(5, 3, 1, 2, 0, 2) == 5  # dilation 2, padding 2 keeps the size
    with pytest.raises(ValueError, match="output_padding 2 must be smaller"):
        conv_transpose_output_size(3, 3, 2, 1, 2)
    with pytest.raises(ValueError, match="crops the whole output"):
        conv_transpose_output_size(1, 1, 1, 1)
    with pytest.raises(ValueError, match="groups"):
        conv_transpose_weight_shape(6, 4, 3, groups=4)


@SETTINGS
@given(st.integers(1, 12), st.integers(1, 5), st.integers(1, 3), st.integers(0, 3), st.integers(1, 2), st.data())
def test_the_convolution_maps_a_transposed_output_back(n, k, s, p, d, data):
    a = data.draw(st.integers(0, max(s, d) - 1))
    try:
        out = conv_transpose_output_size(n, k, s, p, a, d)
    except ValueError:
        return
    if out - a >= 1 and out - a + 2 * p >= d * (k - 1) + 1:  # the convolution of the a = 0 size is defined
        assert conv_output_size(out - a, k, s, p, d) == n
        if a < s:
            assert conv_output_size(out, k, s, p, d) == n


def test_cs231n_vgg16_activation_rows():
    # CS231n notes, "VGGNet in detail": per-layer memory 224*224*3 = 150K, 224*224*64 = 3.2M, ..., 7*7*512 = 25K,
    # then 4096, 4096, 1000. Our counts reproduce each row; their sum is 15,237,608 values per image
    # (61 MB at 4 bytes). The notes print a total of 24M values (~93MB), which is not the sum of their own rows.
    conv = {"layer": "conv2d", "kernel": 3, "padding": 1}
    pool = {"layer": "max_pool2d", "kernel": 2}
    spec = []
    for width, repeat in ((64, 2), (128, 2), (256, 3), (512, 3), (512, 3)):
        spec += [dict(conv, out_channels=width)] * repeat + [pool]
    spec += [{"layer": "flatten"}, {"layer": "linear", "out_features": 4096},
             {"layer": "linear", "out_features": 4096}, {"layer": "linear", "out_features": 1000}]
    shapes = [(3, 224, 224)] + [layer["shape"] for layer in shape_chain((3, 224, 224), spec)]
    rows = [activation_elements(1, shape) for shape in shapes if len(shape) != 1 or shape[0] in (4096, 1000)]
    assert rows[:4] == [150_528, 3_211_264, 3_211_264, 802_816]
    assert rows[-5:] == [100_352, 25_088, 4096, 4096, 1000]
    assert sum(rows) == 15_237_608
    assert activation_bytes(sum(rows), "fp32") == 60_950_432


def test_bytes_and_units():
    assert activation_elements(8, (16, 32, 32)) == 131_072
    assert activation_bytes(131_072, "bf16") == 262_144 and in_unit(262_144, "MiB") == 0.25
    assert in_unit(10**6, "MB") == 1 and math.isclose(in_unit(2**30, "GiB"), 1)
    for call in (lambda: activation_bytes(1, "int3"), lambda: in_unit(1, "KB"), lambda: activation_elements(0, (1,))):
        with pytest.raises(ValueError):
            call()
