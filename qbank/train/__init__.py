"""Reference solutions of the training assignments: a residual net on CIFAR-10, a GRU language model.

torch is imported only when a run starts, so the rest of qbank works without the `train` extra.
Everything a run produces goes into its output directory (see `run_dir.py`).
"""
from __future__ import annotations


def train_resnet(out_dir, data_dir=None, smoke=False, device="cpu", seed=0, epochs=None,
                 compile_model=False, overrides=None, echo=print) -> dict:
    """Train the residual net on CIFAR-10 python batches in `data_dir` (synthetic ones when smoke
    and no data_dir); returns the last epoch's record. `overrides` deep-merges into the hyperparameters.
    """
    from qbank.train.device import require_train_extras

    require_train_extras()
    from qbank.train.resnet.run import run

    return run(out_dir, data_dir, smoke, device, seed, epochs, compile_model, overrides or {}, echo)


def train_gru(out_dir, data_path=None, synthetic=False, smoke=False, device="cpu", seed=0,
              epochs=None, temperature=None, overrides=None, echo=print) -> dict:
    """Train the character GRU on a text file (or the synthetic Markov source, the default when
    smoke and no data_path); returns the last epoch's record plus the sample it printed.
    """
    from qbank.train.device import require_train_extras

    require_train_extras()
    from qbank.train.gru.run import run

    return run(out_dir, data_path, synthetic, smoke, device, seed, epochs, temperature,
               overrides or {}, echo)


__all__ = ["train_resnet", "train_gru"]
