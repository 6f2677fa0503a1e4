"""The PNG of a run: loss (left) and accuracy (right) per epoch, drawn with matplotlib's Agg backend."""
from __future__ import annotations


def plot_curves(records: list[dict], title: str, loss_keys: list[str], accuracy_keys: list[str],
                path) -> None:
    """Plot each key of `records` (one dict per epoch, with an "epoch" key) and save to `path`."""
    import matplotlib

    matplotlib.use("Agg")  # no display: render to a file only
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    epochs = [record["epoch"] for record in records]
    fig, (loss_ax, acc_ax) = plt.subplots(1, 2, figsize=(9, 3.5))
    for axis, keys, label in ((loss_ax, loss_keys, "loss (nats)"), (acc_ax, accuracy_keys, "accuracy")):
        for key in keys:
            axis.plot(epochs, [record[key] for record in records], marker="o", label=key)
        axis.set_xlabel("epoch")
        axis.xaxis.set_major_locator(MaxNLocator(integer=True))
        axis.set_ylabel(label)
        axis.grid(alpha=0.3)
        axis.legend()
    fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
