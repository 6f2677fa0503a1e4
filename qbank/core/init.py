"""Weight initialization scales: the std (normal) or bound (uniform) of a layer's random weights.

For a linear layer y = W x + b with W of shape (fan_out, fan_in), fan_in is the
number of inputs and fan_out the number of outputs (torch.nn.init's
_calculate_fan_in_and_fan_out; for a conv kernel both are multiplied by the
kernel's area). All functions use gain 1, the torch.nn.init default for
xavier_*; he_std is kaiming_normal_ with the ReLU gain sqrt(2).
"""
from __future__ import annotations

import math


def _check_fans(**fans):
    for name, value in fans.items():
        if int(value) != value or value < 1:
            raise ValueError(f"{name} must be a positive integer, got {value!r}")


def fans(c_in, c_out, kernel=1):
    """(fan_in, fan_out) of a weight of shape (c_out, c_in, kernel, kernel): c_in k^2 and c_out k^2.

    kernel = 1 is a linear layer with W of shape (c_out, c_in). As
    torch.nn.init._calculate_fan_in_and_fan_out: each fan is the channel count
    times the receptive field (the kernel's area).
    """
    _check_fans(c_in=c_in, c_out=c_out, kernel=kernel)
    return c_in * kernel * kernel, c_out * kernel * kernel


def xavier_std(fan_in, fan_out):
    """Xavier (Glorot) normal std: sqrt(2 / (fan_in + fan_out)).

    Glorot & Bengio 2010, eq. 12 (Var W = 2 / (n_in + n_out)); torch.nn.init.xavier_normal_.
    """
    _check_fans(fan_in=fan_in, fan_out=fan_out)
    return math.sqrt(2.0 / (fan_in + fan_out))


def xavier_bound(fan_in, fan_out):
    """Xavier (Glorot) uniform bound a, W ~ U(-a, a): sqrt(6 / (fan_in + fan_out)).

    Glorot & Bengio 2010, eq. 16; U(-a, a) has variance a^2 / 3, so this is
    sqrt(3) * xavier_std; torch.nn.init.xavier_uniform_.
    """
    _check_fans(fan_in=fan_in, fan_out=fan_out)
    return math.sqrt(6.0 / (fan_in + fan_out))


def he_std(fan_in):
    """He (Kaiming) normal std for ReLU layers: sqrt(2 / fan_in).

    He, Zhang, Ren & Sun 2015 ("Delving Deep into Rectifiers", eq. 10);
    torch.nn.init.kaiming_normal_(mode="fan_in", nonlinearity="relu").
    """
    _check_fans(fan_in=fan_in)
    return math.sqrt(2.0 / fan_in)


def lecun_std(fan_in):
    """LeCun normal std: 1 / sqrt(fan_in), the fan_in-only variance-preserving scale.

    LeCun, Bottou, Orr & Mueller 1998 ("Efficient BackProp", §4.6). Some course
    notes call this "Xavier initialization" (Glorot & Bengio's eq. 12 with only
    the forward-pass condition n_in Var W = 1); the true Xavier std
    sqrt(2 / (fan_in + fan_out)) averages fan_in and fan_out. For a 50x100 layer
    (fan_in 100, fan_out 50) this gives 0.1 where Xavier gives sqrt(2/150) ~ 0.1155.
    """
    _check_fans(fan_in=fan_in)
    return 1.0 / math.sqrt(fan_in)
