"""Every hyperparameter of the CIFAR-10 run, in one place (units in the comments).

Defaults follow Page's 10-epoch ResNet-9 recipe ("How to train your ResNet 8: Bag of tricks",
myrtle.ai 2019) in simplified form. SMOKE shrinks the run to a CPU-sized one on synthetic data.
"""

HYP = {
    "opt": {
        "epochs": 10,              # passes over the training set
        "batch_size": 512,         # images per step
        "lr": 0.4,                 # peak learning rate, for the mean loss over a batch
        "momentum": 0.9,           # Nesterov momentum
        "weight_decay": 5e-4,      # L2 coefficient on every parameter (torch.optim.SGD convention)
        "warmup_frac": 0.2,        # fraction of all steps spent rising linearly from 0 to lr
        "final_lr_frac": 0.0,      # lr at the last step, as a fraction of the peak
        "label_smoothing": 0.2,    # mass spread uniformly over all classes (Szegedy et al. 2016)
    },
    "aug": {
        "flip": True,              # random left-right mirror, probability 1/2
        "translate": 2,            # max shift in pixels, each axis (reflect padding)
    },
    "net": {
        "widths": {"prep": 64, "layer1": 128, "layer2": 256, "layer3": 512},  # channels
        "bn_momentum": 0.4,        # weight of the newest batch in BN running stats (torch convention)
        "logit_scale": 0.125,      # multiplier of the final logits
    },
    "data": {
        "max_train": None,         # images kept from the training set (None: all)
        "max_test": None,          # images kept from the test set (None: all)
        "whiten_sample": 5000,     # training images used to estimate the patch covariance
    },
    "eval": {
        "tta_flip": True,          # average logits of each test image and its mirror
        "batch_size": 1000,        # images per evaluation step
    },
    "runtime": {
        "channels_last": True,     # NHWC memory layout on a GPU (tensor-core friendly)
        "bf16": True,              # bf16 autocast on a GPU; CPU runs stay in fp32
        "compile": False,          # torch.compile the model (minutes of compile time, faster steps)
        "cpu_threads": None,       # intra-op threads on CPU (None: torch's default)
    },
    "smoke_data": {
        "per_train_file": 0,       # synthetic images in each of data_batch_1..5 (smoke runs only)
        "n_test": 0,               # synthetic test images (smoke runs only)
    },
}

SMOKE = {
    "opt": {"epochs": 4, "batch_size": 100, "lr": 0.2},
    "net": {"widths": {"prep": 8, "layer1": 16, "layer2": 32, "layer3": 64}},
    "data": {"max_train": 1000, "max_test": 500, "whiten_sample": 500},
    "smoke_data": {"per_train_file": 200, "n_test": 500},
    "runtime": {"cpu_threads": 1},
}
