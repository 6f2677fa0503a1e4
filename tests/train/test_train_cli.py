"""`qbank train`: the command line, its input errors, and the message when torch is missing."""
import subprocess
import sys

import pytest

from qbank.cli import main


def test_train_modules_do_not_import_torch():
    code = "import sys, qbank.train, qbank.cli.train_cmd; print('torch' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_without_torch_train_is_a_one_line_input_error(runner, monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "torch", None)  # makes `import torch` raise ImportError
    result = runner.invoke(main, ["train", "resnet", "--smoke", "--out", str(tmp_path / "r")])
    assert result.exit_code == 2
    assert result.output.strip() == "qbank: training needs torch, which is not installed: pip install 'qbank[train]'"
    assert runner.invoke(main, ["--help"]).exit_code == 0


@pytest.mark.parametrize("args, message", [
    (["train", "resnet"], "--data DIR with the CIFAR-10 python batches is required"),
    (["train", "gru"], "--data input.txt is required"),
    (["train", "gru", "--synthetic", "--data", "x.txt"], "not both"),
    (["train", "resnet", "--smoke", "--epochs", "0"], "--epochs 0: must be at least 1"),
])
def test_bad_arguments_exit_2_with_a_reason(runner, tmp_path, args, message):
    pytest.importorskip("torch")
    result = runner.invoke(main, args + ["--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and message in result.output


@pytest.mark.parametrize("kind", ["resnet", "gru"])
def test_an_output_directory_that_cannot_be_made_is_named(runner, tmp_path, kind):
    pytest.importorskip("torch")
    (tmp_path / "a-file").write_text("")
    out = tmp_path / "a-file" / "run"  # under a regular file: mkdir fails
    result = runner.invoke(main, ["train", kind, "--smoke", "--out", str(out)])
    assert result.exit_code == 2 and f"{out}: cannot create the output directory" in result.output, result.output


def test_a_negative_seed_is_refused(runner, tmp_path):
    result = runner.invoke(main, ["train", "gru", "--smoke", "--seed", "-1", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "--seed" in result.output


def test_a_directory_without_batches_names_the_missing_file(runner, tmp_path):
    pytest.importorskip("torch")
    result = runner.invoke(main, ["train", "resnet", "--data", str(tmp_path), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "data_batch_1: CIFAR-10 batch file not found" in result.output


def test_cuda_without_a_gpu_is_an_input_error(runner, tmp_path):
    torch = pytest.importorskip("torch")
    if torch.cuda.is_available():
        pytest.skip("a GPU is present")
    result = runner.invoke(main, ["train", "gru", "--smoke", "--device", "cuda", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "no CUDA GPU" in result.output


@pytest.mark.slow
def test_cli_gru_run_on_a_small_text_prints_a_sample(runner, tmp_path):
    pytest.importorskip("torch")
    (tmp_path / "input.txt").write_text("abcabcabd " * 400)
    out = tmp_path / "run"
    result = runner.invoke(main, ["train", "gru", "--smoke", "--data", str(tmp_path / "input.txt"),
                                  "--epochs", "1", "--seed", "3", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "sample (temperature 0.8):" in result.output and (out / "sample.txt").is_file()


@pytest.mark.slow
def test_cli_resnet_smoke_one_epoch(runner, tmp_path):
    pytest.importorskip("torch")
    result = runner.invoke(main, ["train", "resnet", "--smoke", "--epochs", "1", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "done: test accuracy" in result.output and (tmp_path / "checkpoint.pt").is_file()
