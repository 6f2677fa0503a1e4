"""Training speed and accuracy of the reference runs, over several seeds.

    python3 benchmarks/train_speed.py resnet --data DIR [--device cuda] [--seeds 5] [--compile]
    python3 benchmarks/train_speed.py gru --smoke [--seeds 3]
    python3 benchmarks/train_speed.py resnet --smoke

Goals (README): ResNet on one modern GPU, 10 epochs: mean test accuracy >= 94% over 5 seeds in
under 10 s of training, >= 90% at epoch 5. GRU smoke on CPU: validation loss within 0.1 nats of
the synthetic source's entropy rate in under 2 minutes. Runs go to a temporary directory.
"""
import argparse
import statistics
import tempfile
import time
from pathlib import Path

from qbank.errors import InputError
from qbank.train import train_gru, train_resnet


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=["resnet", "gru"])
    parser.add_argument("--data", help="CIFAR-10 directory (resnet) or text file (gru)")
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--device", default="cpu", choices=["cpu", "cuda"])
    parser.add_argument("--seeds", type=_positive, default=5)
    parser.add_argument("--compile", action="store_true")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(args.seeds):
            out = Path(tmp) / f"{args.kind}-{seed}"
            wall = time.perf_counter()
            try:
                if args.kind == "resnet":
                    train_resnet(out, args.data, args.smoke, args.device, seed, compile_model=args.compile,
                                 echo=lambda line: None)
                else:
                    train_gru(out, args.data, smoke=args.smoke, device=args.device, seed=seed,
                              echo=lambda line: None)
            except InputError as exc:  # no data, no GPU, no torch: the run's own one-line reason
                parser.error(str(exc))
            rows.append((seed, time.perf_counter() - wall, _records(out)))
    for seed, wall, records in rows:
        print(f"seed {seed}: " + "  ".join(f"epoch {r['epoch']} {_score(args.kind, r)}" for r in records)
              + f"  | {records[-1]['train_seconds']:.1f} s training, {wall:.1f} s wall")
    last = [records[-1] for _, _, records in rows]
    key = "test_acc" if args.kind == "resnet" else "val_loss"
    values = [r[key] for r in last]
    spread = statistics.stdev(values) if len(values) > 1 else 0.0
    print(f"mean {key} {statistics.mean(values):.4f} (sd {spread:.4f}) over {len(values)} seeds; "
          f"mean training time {statistics.mean(r['train_seconds'] for r in last):.1f} s")
    if args.kind == "resnet" and len(rows[0][2]) >= 5:
        print(f"mean test_acc at epoch 5: {statistics.mean(records[4]['test_acc'] for _, _, records in rows):.4f}")
    if "entropy_rate" in last[0]:
        print(f"mean gap to the entropy rate: {statistics.mean(r['val_loss'] - r['entropy_rate'] for r in last):+.4f} nats")


def _positive(text: str) -> int:
    """argparse type: an integer of at least 1."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return int(text)


def _records(out: Path) -> list[dict]:
    import json

    return [json.loads(line) for line in (out / "log.jsonl").read_text().splitlines()]


def _score(kind: str, record: dict) -> str:
    return f"acc {record['test_acc']:.4f}" if kind == "resnet" else f"val {record['val_loss']:.4f}"


if __name__ == "__main__":
    main()
