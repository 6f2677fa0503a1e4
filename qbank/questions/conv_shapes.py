"""Conv templates about shapes: a small CNN layer by layer (conv/shape-chain) and a batch through one
layer (conv/layer-batch).

Generalized from the seed sheets: the 128x128 RGB network of homework 002
(problem 1) and the batch of 100 images of exam 003 (problem 5).
"""
from qbank import Integer, Shape, template
from qbank.core.conv import shape_chain
from qbank.core.conv_size import padding_amounts
from qbank.errors import InputError
from qbank.questions import conv_exact

PADDINGS = ("same", "valid")


def solve_chain(template_id, input_shape, layers):
    """The core's shape chain; a configuration that cannot run (only reachable by pinning) is bad input."""
    try:
        return shape_chain(input_shape, layers)
    except ValueError as exc:
        raise InputError(f"template {template_id}: {exc}") from None


def _hwc(shape):
    """(C, H, W) as the (height, width, channels) the question asks for."""
    return (shape[1], shape[2], shape[0])


def _step(what, n, kernel, stride, padding, shape):
    """One spatial layer of the worked solution: input size, kernel, stride, padding per side, output shape."""
    return {"what": what, "n": n, "k": kernel, "s": stride, "p": padding_amounts(padding, kernel, stride)[0],
            "padding": padding, "shape": shape}


def _chain_sizes_divide(params, answers):
    """Every conv and pool layer divides exactly: (n + 2p - k) is a multiple of the stride."""
    ins = [params["size"]] + [answers[name][0] for name in ("after_conv1", "after_pool1", "after_conv2")]
    layers = [(params["kernel1"], params["stride1"], params["padding1"]), (2, 2, 0),
              (params["kernel2"], params["stride2"], params["padding2"]), (2, 2, 0)]
    return all((n + 2 * padding_amounts(p, k, s)[0] - k) % s == 0 for n, (k, s, p) in zip(ins, layers))


def _check_chain(params, answers):
    p = params
    h1 = conv_exact.out_size(p["size"], p["kernel1"], p["stride1"], p["padding1"])
    h2 = conv_exact.out_size(h1, 2, 2, 0)
    h3 = conv_exact.out_size(h2, p["kernel2"], p["stride2"], p["padding2"])
    h4 = conv_exact.out_size(h3, 2, 2, 0)
    assert answers["after_conv1"] == (h1, h1, p["filters1"])
    assert answers["after_pool1"] == (h2, h2, p["filters1"])
    assert answers["after_conv2"] == (h3, h3, p["filters2"])
    assert answers["after_pool2"] == (h4, h4, p["filters2"])
    assert answers["flat"] == h4 * h4 * p["filters2"]
    assert answers["params_conv1"] == conv_exact.conv_params(p["channels"], p["filters1"], p["kernel1"])
    assert answers["params_dense"] == (h4 * h4 * p["filters2"] + 1) * p["units"]


@template("conv/shape-chain", topic="conv", points=8, title="Shapes and parameters through a small CNN",
          question="tex/conv/shape_chain.tex.j2", solution="tex/conv/shape_chain_solution.tex.j2",
          answers={"after_conv1": Shape(points=1, prompt="Output shape (height, width, channels) after layer 1."),
                   "after_pool1": Shape(points=1, prompt="Output shape after layer 2."),
                   "after_conv2": Shape(points=1, prompt="Output shape after layer 3."),
                   "after_pool2": Shape(points=1, prompt="Output shape after layer 4."),
                   "flat": Integer(points=1, prompt="Number of elements after the flatten layer."),
                   "params_conv1": Integer(points=1.5, prompt="Trainable parameters (weights and biases) "
                                                              "of the first convolutional layer."),
                   "params_dense": Integer(points=1.5, prompt="Trainable parameters of the dense layer.")},
          constraints={"every layer divides exactly": _chain_sizes_divide},
          crosscheck=_check_chain)
def shape_chain_question(rng):
    """conv, pool, conv, pool, flatten, dense on a square image: shapes after each layer and two parameter counts."""
    size = int(rng.integers(36, 161))
    channels = int(rng.choice([1, 3]))
    filters1 = int(rng.choice([6, 8, 12, 16, 32]))
    kernel1 = int(rng.choice([3, 5, 7]))
    padding1 = str(rng.choice(PADDINGS))
    stride1 = int(rng.choice([1, 2]))
    if padding1 == "same":
        stride1 = 1  # 'same' padding is defined for stride 1 only (torch refuses strided 'same')
    filters2 = int(rng.choice([16, 32, 48, 64]))
    kernel2 = int(rng.choice([3, 5]))
    padding2 = str(rng.choice(PADDINGS))
    stride2 = int(rng.choice([1, 2]))
    if padding2 == "same":
        stride2 = 1
    units = int(rng.choice([10, 32, 64, 100, 128]))
    params = {"size": size, "channels": channels, "filters1": filters1, "kernel1": kernel1, "padding1": padding1,
              "stride1": stride1, "filters2": filters2, "kernel2": kernel2, "padding2": padding2,
              "stride2": stride2, "units": units}
    for k, pad in ((kernel1, padding1), (kernel2, padding2)):  # an even 'same' kernel is reachable only by pinning
        if pad == "same" and k % 2 == 0:
            raise InputError(f"template conv/shape-chain: padding 'same' needs an odd kernel here (the solution pads "
                             f"(k - 1)/2 zeros on each side), got kernel {k}")
    chain = solve_chain("conv/shape-chain", (channels, size, size), [
        {"layer": "conv2d", "out_channels": filters1, "kernel": kernel1, "stride": stride1, "padding": padding1},
        {"layer": "max_pool2d", "kernel": 2, "stride": 2},
        {"layer": "conv2d", "out_channels": filters2, "kernel": kernel2, "stride": stride2, "padding": padding2},
        {"layer": "max_pool2d", "kernel": 2, "stride": 2},
        {"layer": "flatten"},
        {"layer": "linear", "out_features": units}])
    shapes = [_hwc(layer["shape"]) for layer in chain[:4]]
    answers = {"after_conv1": shapes[0], "after_pool1": shapes[1], "after_conv2": shapes[2],
               "after_pool2": shapes[3], "flat": chain[4]["shape"][0], "params_conv1": chain[0]["params"],
               "params_dense": chain[5]["params"]}
    ins = [size] + [shape[0] for shape in shapes[:3]]
    work = {"steps": [_step("the first convolution", ins[0], kernel1, stride1, padding1, shapes[0]),
                      _step("the first pooling", ins[1], 2, 2, 0, shapes[1]),
                      _step("the second convolution", ins[2], kernel2, stride2, padding2, shapes[2]),
                      _step("the second pooling", ins[3], 2, 2, 0, shapes[3])]}
    return params, answers, work


def _batch_sizes_divide(params, answers):
    """(n + 2p - k) is a multiple of the stride along both axes."""
    return all((n + 2 * params["padding"] - params["kernel"]) % params["stride"] == 0
               for n in (params["height"], params["width"]))


def _check_batch(params, answers):
    p = params
    ho = conv_exact.out_size(p["height"], p["kernel"], p["stride"], p["padding"])
    wo = conv_exact.out_size(p["width"], p["kernel"], p["stride"], p["padding"])
    assert answers["weight_shape"] == (p["filters"], p["channels"], p["kernel"], p["kernel"])
    assert answers["out_shape"] == (p["batch"], p["filters"], ho, wo)
    assert answers["linear_in"] == p["filters"] * ho * wo


@template("conv/layer-batch", topic="conv", points=10, title="A batch of images through one conv layer",
          question="tex/conv/layer_batch.tex.j2", solution="tex/conv/layer_batch_solution.tex.j2",
          answers={"weight_shape": Shape(points=3, prompt="Shape of the layer's weight tensor."),
                   "out_shape": Shape(points=4, prompt="Shape of the layer's output for the whole batch."),
                   "linear_in": Integer(points=3, prompt="Input dimension of the linear layer.")},
          constraints={"both axes divide exactly": _batch_sizes_divide,
                       "padding is at most half the kernel": lambda p, a: 2 * p["padding"] <= p["kernel"],
                       # else a weight shape with input and output channels swapped would score
                       "the filters differ from the input channels": lambda p, a: p["filters"] != p["channels"]},
          crosscheck=_check_batch)
def layer_batch_question(rng):
    """A batch (N, C, H, W) through one conv layer: weight shape, batch output shape, features per image."""
    batch = int(rng.choice([8, 16, 32, 50, 64, 100, 128, 256]))
    channels = int(rng.choice([1, 3]))
    height = int(rng.integers(16, 97))
    width = int(rng.integers(16, 97))
    filters = int(rng.integers(2, 17))
    kernel = int(rng.integers(2, 6))
    stride = int(rng.integers(1, 5))
    padding = int(rng.integers(0, 3))
    params = {"batch": batch, "channels": channels, "height": height, "width": width, "filters": filters,
              "kernel": kernel, "stride": stride, "padding": padding}
    chain = solve_chain("conv/layer-batch", (batch, channels, height, width), [
        {"layer": "conv2d", "out_channels": filters, "kernel": kernel, "stride": stride, "padding": padding},
        {"layer": "flatten"}])
    answers = {"weight_shape": chain[0]["weight_shape"], "out_shape": chain[0]["shape"],
               "linear_in": chain[1]["shape"][1]}
    return params, answers
