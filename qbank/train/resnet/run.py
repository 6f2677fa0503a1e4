"""A full CIFAR-10 run: hyperparameters, data to the device, the epoch loop, every artifact."""
from __future__ import annotations

import time
from pathlib import Path

import torch

from qbank.errors import InputError
from qbank.train.device import cpu_threads, resolve_device, synchronize
from qbank.train.hyper import merge
from qbank.train.resnet.cifar import load_cifar10
from qbank.train.resnet.hyper import HYP, SMOKE
from qbank.train.resnet.model import ResNet9
from qbank.train.resnet.synthetic import write_synthetic_cifar
from qbank.train.resnet.train import evaluate, normalize, train_epoch
from qbank.train.run_dir import RunRecorder, make_out_dir


def run(out_dir, data_dir, smoke, device_name, seed, epochs, compile_model, overrides, echo) -> dict:
    """Train and evaluate once; see qbank.train.train_resnet."""
    hyp = merge(merge(HYP, SMOKE) if smoke else HYP, overrides)
    if epochs is not None:
        hyp["opt"]["epochs"] = epochs
    if compile_model:
        hyp["runtime"]["compile"] = True
    if hyp["opt"]["epochs"] < 1:
        raise InputError(f"--epochs {hyp['opt']['epochs']}: must be at least 1")
    device, out = resolve_device(device_name), Path(out_dir)
    if data_dir is None and not smoke:
        raise InputError("train resnet: --data DIR with the CIFAR-10 python batches is required "
                         "(nothing is downloaded); --smoke uses synthetic images")
    if data_dir is None:  # the synthetic batches go inside the run's directory, so it must exist first
        data_dir = write_synthetic_cifar(make_out_dir(out) / "synthetic-cifar", seed, **hyp["smoke_data"])
    data = load_cifar10(data_dir)
    with cpu_threads(hyp["runtime"]["cpu_threads"] if device.type == "cpu" else None):
        return _train(hyp, data, data_dir, smoke, device, seed, out, echo)


def _train(hyp, data, data_dir, smoke, device, seed, out, echo) -> dict:
    train_x = torch.from_numpy(data["train_images"][:hyp["data"]["max_train"]]).to(device)  # (N, 3, 32, 32)
    train_y = torch.from_numpy(data["train_labels"][:hyp["data"]["max_train"]]).to(device)  # (N,)
    test_x = torch.from_numpy(data["test_images"][:hyp["data"]["max_test"]]).to(device)
    test_y = torch.from_numpy(data["test_labels"][:hyp["data"]["max_test"]]).to(device)
    scaled = train_x.float() / 255.0
    stats = (scaled.mean(dim=(0, 2, 3)), scaled.std(dim=(0, 2, 3)))           # (3,), (3,)

    torch.manual_seed(seed)
    generator = torch.Generator(device=device).manual_seed(seed)
    model = ResNet9(**hyp["net"]).to(device)
    model.init_whitening(normalize(train_x[:hyp["data"]["whiten_sample"]], *stats))
    if hyp["runtime"]["channels_last"] and device.type == "cuda":
        model = model.to(memory_format=torch.channels_last)
    runner = torch.compile(model) if hyp["runtime"]["compile"] else model
    optimizer = torch.optim.SGD([p for p in model.parameters() if p.requires_grad], lr=0.0,
                                momentum=hyp["opt"]["momentum"], nesterov=True,
                                weight_decay=hyp["opt"]["weight_decay"])
    recorder = RunRecorder(out, {"kind": "resnet", "hyper": hyp, "seed": seed, "device": device.type,
                                 "smoke": smoke, "data": str(data_dir), "n_train": len(train_x),
                                 "n_test": len(test_x), "torch": torch.__version__}, echo)
    recorder.note(f"resnet: {len(train_x)} train / {len(test_x)} test images from {data_dir}, "
                  f"{sum(p.numel() for p in model.parameters())} parameters, device {device.type}")

    steps_per_epoch = len(train_x) // min(hyp["opt"]["batch_size"], len(train_x))
    total_steps, step, train_seconds = steps_per_epoch * hyp["opt"]["epochs"], 0, 0.0
    for epoch in range(1, hyp["opt"]["epochs"] + 1):
        synchronize(device)
        started = time.perf_counter()
        result = train_epoch(runner, optimizer, train_x, train_y, stats, hyp, step, total_steps, generator)
        synchronize(device)
        train_seconds += time.perf_counter() - started
        step = result.pop("step")
        recorder.epoch({"epoch": epoch, **result, **evaluate(runner, test_x, test_y, stats, hyp),
                        "train_seconds": round(train_seconds, 3)})
    recorder.save_checkpoint(model.state_dict())
    recorder.save_curves(f"ResNet, data {data_dir}", ["train_loss_smoothed", "test_loss"],
                         ["train_acc", "test_acc"])
    final = recorder.records[-1]
    recorder.note(f"done: test accuracy {final['test_acc']:.4f} after {epoch} epochs, "
                  f"{train_seconds:.1f} s of training; artifacts in {out}")
    return final
