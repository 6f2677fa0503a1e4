"""Every hyperparameter of the character-GRU run, in one place (units in the comments).

Defaults are sized for the 1 MB Shakespeare text on one GPU; SMOKE is a CPU-sized run on the
synthetic Markov source.
"""

HYP = {
    "model": {
        "embed": 64,               # embedding dimensions per character
        "hidden": 512,             # GRU hidden units per layer
        "layers": 2,               # stacked GRU layers
        "dropout": 0.25,           # drop probability between layers and before the output layer
    },
    "opt": {
        "epochs": 30,              # passes over the training text: len(train) / (batch * seq_len) steps each
        "max_steps_per_epoch": None,  # cap on steps per epoch (None: a full pass), bounds smoke runs
        "batch_size": 64,          # windows per step
        "seq_len": 128,            # characters per window (backpropagation through time length)
        "lr": 3e-3,                # peak AdamW learning rate
        "betas": [0.9, 0.99],      # AdamW moment decay rates
        "weight_decay": 0.01,      # AdamW decoupled weight decay (Loshchilov & Hutter 2019)
        "warmup_frac": 0.02,       # fraction of all steps rising linearly from 0 to lr
        "final_lr_frac": 0.05,     # lr at the last step, as a fraction of the peak
        "grad_clip": 1.0,          # max global gradient L2 norm
    },
    "data": {
        "val_frac": 0.1,           # the last 10% of the text is held out
        "eval_streams": 32,        # parallel contiguous streams in validation
        "eval_chunk": 256,         # characters per validation forward pass
    },
    "sample": {
        "length": 600,             # characters drawn after the prompt
        "temperature": 0.8,        # softmax temperature (1: the model's own distribution)
        "prompt": "",              # text to start from ("": the first character of the text)
    },
    "synthetic": {
        "alphabet": "abcdef",      # symbols of the order-2 Markov source
        "concentration": 0.3,      # Dirichlet concentration of each transition row (smaller: more predictable)
        "length": 1_000_000,       # characters generated
    },
    "runtime": {
        "cpu_threads": None,       # intra-op threads on CPU (None: torch's default)
    },
}

SMOKE = {
    "model": {"embed": 16, "hidden": 64, "layers": 1, "dropout": 0.0},
    "opt": {"epochs": 6, "batch_size": 32, "seq_len": 64, "lr": 1e-2, "max_steps_per_epoch": 60},
    "data": {"eval_streams": 8},
    "sample": {"length": 200},
    "synthetic": {"length": 100_000},
    "runtime": {"cpu_threads": 1},
}
