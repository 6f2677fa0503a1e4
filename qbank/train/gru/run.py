"""A full character-model run: text (file or synthetic), the epoch loop, a sample, every artifact."""
from __future__ import annotations

import time
from pathlib import Path

import torch

from qbank.errors import InputError
from qbank.train.device import cpu_threads, resolve_device, synchronize
from qbank.train.gru.hyper import HYP, SMOKE
from qbank.train.gru.markov import synthetic_text
from qbank.train.gru.model import CharGRU, sample
from qbank.train.gru.text import Vocabulary, read_text, split
from qbank.train.gru.train import evaluate, steps_per_epoch, train_epoch
from qbank.train.hyper import merge
from qbank.train.run_dir import RunRecorder


def run(out_dir, data_path, synthetic, smoke, device_name, seed, epochs, temperature, overrides,
        echo) -> dict:
    """Train, validate each epoch, sample once; see qbank.train.train_gru."""
    hyp = merge(merge(HYP, SMOKE) if smoke else HYP, overrides)
    if epochs is not None:
        hyp["opt"]["epochs"] = epochs
    if temperature is not None:
        hyp["sample"]["temperature"] = temperature
    if hyp["opt"]["epochs"] < 1 or hyp["sample"]["temperature"] <= 0:
        raise InputError("train gru: --epochs must be at least 1 and --temperature positive")
    if data_path is not None and synthetic:
        raise InputError("train gru: give --data FILE or --synthetic, not both")
    if data_path is None and not (synthetic or smoke):
        raise InputError("train gru: --data input.txt is required (or --synthetic); nothing is downloaded")
    device = resolve_device(device_name)
    source = {"data": str(data_path)} if data_path is not None else {}
    if data_path is None:
        syn = hyp["synthetic"]
        text, rate = synthetic_text(seed, syn["length"], syn["alphabet"], syn["concentration"])
        source = {"data": "synthetic order-2 Markov chain", "entropy_rate_nats": rate}
    else:
        text = read_text(data_path)
    with cpu_threads(hyp["runtime"]["cpu_threads"] if device.type == "cpu" else None):
        return _train(hyp, text, source, smoke, device, seed, Path(out_dir), echo)


def _train(hyp, text, source, smoke, device, seed, out, echo) -> dict:
    vocab = Vocabulary(text)
    train_ids, val_ids = split(vocab.encode(text), hyp["data"]["val_frac"],
                               hyp["opt"]["seq_len"] + 1, source["data"])
    train_ids, val_ids = train_ids.to(device), val_ids.to(device)               # (N,), (M,)
    if len(val_ids) // hyp["data"]["eval_streams"] < 2:
        raise InputError(f"{source['data']}: the validation part is too short for "
                         f"{hyp['data']['eval_streams']} evaluation streams")
    torch.manual_seed(seed)
    generator = torch.Generator(device=device).manual_seed(seed)
    model = CharGRU(len(vocab), **hyp["model"]).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=0.0, betas=tuple(hyp["opt"]["betas"]),
                                  weight_decay=hyp["opt"]["weight_decay"])
    recorder = RunRecorder(out, {"kind": "gru", "hyper": hyp, "seed": seed, "device": device.type,
                                 "smoke": smoke, **source, "vocab": vocab.chars,
                                 "n_train": len(train_ids), "n_val": len(val_ids),
                                 "torch": torch.__version__}, echo)
    recorder.note(f"gru: {len(train_ids)} train / {len(val_ids)} validation characters from "
                  f"{source['data']}, vocabulary {len(vocab)}, "
                  f"{sum(p.numel() for p in model.parameters())} parameters, device {device.type}")
    rate = {"entropy_rate": source["entropy_rate_nats"]} if "entropy_rate_nats" in source else {}
    total_steps = steps_per_epoch(len(train_ids), hyp) * hyp["opt"]["epochs"]
    step, train_seconds = 0, 0.0
    for epoch in range(1, hyp["opt"]["epochs"] + 1):
        synchronize(device)
        started = time.perf_counter()
        result = train_epoch(model, optimizer, train_ids, hyp, step, total_steps, generator)
        synchronize(device)
        train_seconds += time.perf_counter() - started
        step = result.pop("step")
        recorder.epoch({"epoch": epoch, **result, **evaluate(model, val_ids, hyp), **rate,
                        "train_seconds": round(train_seconds, 3)})
    recorder.save_checkpoint(model.state_dict())
    recorder.save_curves(f"character GRU, data {source['data']}", ["train_loss", "val_loss"], ["val_acc"])
    final = dict(recorder.records[-1], sample=_sample(model, vocab, text, hyp, generator, device))
    (out / "sample.txt").write_text(final["sample"] + "\n", encoding="utf-8")
    gap = ""
    if rate:  # the entropy rate is the floor: the gap is what the model has left to learn
        gap = f" (entropy rate {rate['entropy_rate']:.4f}, gap {final['val_loss'] - rate['entropy_rate']:+.4f})"
    recorder.note(f"done: validation loss {final['val_loss']:.4f} nats = {final['val_bpc']:.4f} bits/char"
                  f"{gap} after {hyp['opt']['epochs']} epochs, {train_seconds:.1f} s of training; "
                  f"artifacts in {out}")
    recorder.note(f"sample (temperature {hyp['sample']['temperature']}):\n{final['sample']}")
    return final


def _sample(model, vocab, text, hyp, generator, device) -> str:
    prompt = hyp["sample"]["prompt"] or text[0]
    ids = sample(model, vocab.encode(prompt).to(device), hyp["sample"]["length"],
                 hyp["sample"]["temperature"], generator)
    return vocab.decode(ids.tolist())
