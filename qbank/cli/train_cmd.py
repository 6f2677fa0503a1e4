"""`qbank train resnet|gru`: run a reference solution of a training assignment (needs the train extra)."""
import click

from qbank.train import train_gru, train_resnet
from qbank.train.run_dir import default_out_dir


def _common(command):
    """Options both runs share."""
    options = [
        click.option("--smoke", is_flag=True,
                     help="Small CPU-sized run (under 2 minutes); synthetic data unless --data is given."),
        click.option("--device", type=click.Choice(["cpu", "cuda"]), default="cpu", show_default=True),
        click.option("--out", "out_dir", type=click.Path(file_okay=False),
                     help="Output directory [default: runs/<kind>-<time>-seed<N>]."),
        click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True, help="Seed of data, init and sampling."),
        click.option("--epochs", type=int, help="Override the number of epochs."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@click.group("train")
def train_group():
    """Train a reference model; every run writes logs, config, checkpoint and curves to --out."""


@train_group.command("resnet")
@click.option("--data", "data_dir", type=click.Path(file_okay=False),
              help="Directory of the CIFAR-10 python batches (data_batch_1..5, test_batch).")
@click.option("--compile", "compile_model", is_flag=True, help="torch.compile the network.")
@_common
def resnet_cmd(data_dir, compile_model, smoke, device, out_dir, seed, epochs):
    """Residual net on CIFAR-10 (flip+translate augmentation, label smoothing, flip TTA)."""
    out = out_dir or default_out_dir("resnet", seed)
    train_resnet(out, data_dir, smoke, device, seed, epochs, compile_model, echo=click.echo)


@train_group.command("gru")
@click.option("--data", "data_path", type=click.Path(dir_okay=False), help="Any UTF-8 text file (90/10 split).")
@click.option("--synthetic", is_flag=True, help="Train on a random order-2 Markov source of known entropy rate.")
@click.option("--temperature", type=float, help="Sampling temperature [default: 0.8].")
@_common
def gru_cmd(data_path, synthetic, temperature, smoke, device, out_dir, seed, epochs):
    """Character-level GRU language model; prints a sample at the end."""
    out = out_dir or default_out_dir("gru", seed)
    train_gru(out, data_path, synthetic, smoke, device, seed, epochs, temperature, echo=click.echo)


COMMANDS = [train_group]
