"""The CIFAR-10 residual net: data (cifar, synthetic), augment, whiten, model, hyper, run."""
