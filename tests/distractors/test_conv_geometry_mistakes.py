"""The receptive-field, transposed-convolution and activation-memory mistakes, each on one case worked by hand."""
import numpy as np

STACK = {"kinds": ["conv", "pool", "conv", "conv"], "kernels": np.array([3, 2, 3, 5]),
         "strides": np.array([1, 2, 1, 1]), "dilations": np.array([1, 1, 2, 1])}  # r: 3, 4, 12, 20; j: 1, 2, 2, 2
DECODER = {"size": 4, "c0": 128, "channels": np.array([64, 32, 3]), "kernels": np.array([4, 3, 3]),
           "strides": np.array([2, 2, 1]), "paddings": np.array([1, 1, 2]), "output_paddings": np.array([0, 1, 0]),
           "dilations": np.array([1, 1, 2])}  # shapes (64, 8, 8), (32, 16, 16), (3, 16, 16)
MEMORY = {"batch": 16, "channels": 3, "size": 32, "filters1": 16, "filters2": 32, "count_input": False, "dtype": "bf16"}


def test_receptive_field_mistakes(wrong):
    rf = "conv/receptive-field"
    # no strides: 1 + 2 + 1 + 4 + 4 = 12; no dilation: 1 + 2 + 1*1 + 2*2 + 4*2 = 16
    assert wrong(rf, "rf", "ignored the strides (added up the kernel widths)", STACK) == 12
    assert wrong(rf, "rf", "ignored the dilations", STACK) == 16
    # jumps after each layer 1, 2, 2, 2: 1 + 2*1 + 1*2 + 4*2 + 4*2 = 21
    assert wrong(rf, "rf", "multiplied each layer's widening by the jump after its own stride", STACK) == 21
    assert wrong(rf, "rf2", "multiplied each layer's widening by the jump after its own stride", STACK) == 5
    assert wrong(rf, "jump", "added the strides instead of multiplying them", STACK) == 5
    assert wrong(rf, "jump", "counted only the pooling layers' strides", STACK) == 2  # coincides: dropped later


def test_transposed_mistakes(wrong):
    tc = "conv/transposed-chain"
    # the convolution formula: (4 + 2 - 4)/2 + 1 = 2, then (2 + 2 - 3)//2 + 1 = 1
    assert wrong(tc, "shape1", "used the convolution's output-size formula", DECODER) == (64, 2, 2)
    assert wrong(tc, "shape2", "used the convolution's output-size formula", DECODER) == (32, 1, 1)
    assert wrong(tc, "shape2", "forgot the output padding", DECODER) == (32, 15, 15)
    # without dilation layer 3 gives (16 - 1) - 4 + 2 + 1 = 14
    assert wrong(tc, "shape3", "forgot the dilation", DECODER) == (3, 14, 14)
    assert wrong(tc, "weight1", "wrote the Conv2d order, output channels first", DECODER) == (64, 128, 4, 4)
    assert wrong(tc, "params2", "forgot the biases", DECODER) == 64 * 32 * 9
    assert wrong(tc, "params2", "counted one bias per input channel", DECODER) == 64 * 32 * 9 + 64


def test_activation_memory_mistakes(wrong):
    am = "conv/activation-memory"
    # per image: 16*32*32 + 16*16*16 + 32*16*16 + 32*8*8 = 30720; with the input 3*32*32 more
    assert wrong(am, "conv1_elements", "forgot the batch (one image)", MEMORY) == 16384
    assert wrong(am, "elements", "forgot the batch (one image)", MEMORY) == 30720
    assert wrong(am, "elements", "used the other convention for the input batch", MEMORY) == 491520 + 49152
    assert wrong(am, "bytes", "used the other precision's bytes per value", MEMORY) == 4 * 491520
    assert wrong(am, "bytes", "counted bits instead of bytes", MEMORY) == 16 * 491520
    assert wrong(am, "mib", "divided by 1024 once (KiB, not MiB)", MEMORY) == 960
