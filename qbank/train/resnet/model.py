"""A ResNet-9-style network for 32x32 images (Page, "How to train your ResNet", myrtle.ai 2018).

    prep    frozen 3x3 patch whitening (27 ch) -> 1x1 conv -> BN -> GELU         32x32
    layer1  conv3x3 -> maxpool2 -> BN -> GELU, then a residual block of 2 conv-BN-GELU  16x16
    layer2  conv3x3 -> maxpool2 -> BN -> GELU                                     8x8
    layer3  conv3x3 -> maxpool2 -> BN -> GELU, then a residual block              4x4
    head    global max pool -> linear (no bias) -> x logit_scale                 10 logits

Residual blocks follow He et al., "Deep Residual Learning" (2016): out = x + F(x).
"""
from __future__ import annotations

import torch
from torch import nn

from qbank.train.resnet.whiten import whitening_filters


def conv_bn(c_in: int, c_out: int, bn_momentum: float, pool: bool = False) -> nn.Sequential:
    """conv3x3 (no bias: BN's shift replaces it) [-> maxpool 2] -> BatchNorm -> GELU."""
    layers = [nn.Conv2d(c_in, c_out, 3, padding=1, bias=False)]
    if pool:
        layers.append(nn.MaxPool2d(2))  # pooling before BN halves BN's work (Page, part 4)
    layers += [nn.BatchNorm2d(c_out, momentum=bn_momentum), nn.GELU()]
    return nn.Sequential(*layers)


class Residual(nn.Module):
    """x + F(x) with F two conv-BN-GELU layers of unchanged width."""

    def __init__(self, channels: int, bn_momentum: float):
        super().__init__()
        self.body = nn.Sequential(conv_bn(channels, channels, bn_momentum),
                                  conv_bn(channels, channels, bn_momentum))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """x (N, C, H, W) -> x + F(x), same shape."""
        return x + self.body(x)  # (N, C, H, W)


class ResNet9(nn.Module):
    """The network above; `widths` has keys prep, layer1, layer2, layer3."""

    def __init__(self, widths: dict, bn_momentum: float, logit_scale: float, n_classes: int = 10):
        super().__init__()
        self.whiten = nn.Conv2d(3, 27, 3, padding=1, bias=False)
        self.whiten.weight.requires_grad_(False)  # fixed by init_whitening, never trained
        self.prep = nn.Sequential(nn.Conv2d(27, widths["prep"], 1, bias=False),
                                  nn.BatchNorm2d(widths["prep"], momentum=bn_momentum), nn.GELU())
        self.layer1 = nn.Sequential(conv_bn(widths["prep"], widths["layer1"], bn_momentum, pool=True),
                                    Residual(widths["layer1"], bn_momentum))
        self.layer2 = conv_bn(widths["layer1"], widths["layer2"], bn_momentum, pool=True)
        self.layer3 = nn.Sequential(conv_bn(widths["layer2"], widths["layer3"], bn_momentum, pool=True),
                                    Residual(widths["layer3"], bn_momentum))
        self.head = nn.Linear(widths["layer3"], n_classes, bias=False)
        self.logit_scale = logit_scale  # small logits at init keep the first steps stable (Page, part 3)

    @torch.no_grad()
    def init_whitening(self, images: torch.Tensor) -> None:
        """Set the frozen first layer from normalized training images (N, 3, H, W)."""
        self.whiten.weight.copy_(whitening_filters(images, kernel=3))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Normalized images (N, 3, 32, 32) -> logits (N, n_classes)."""
        x = self.prep(self.whiten(x))                   # (N, prep, 32, 32)
        x = self.layer3(self.layer2(self.layer1(x)))    # (N, layer3, 4, 4)
        x = torch.amax(x, dim=(2, 3))                   # (N, layer3)
        return self.head(x) * self.logit_scale          # (N, n_classes)
