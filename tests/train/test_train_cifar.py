"""The CIFAR-10 batch reader on small batches written by the test in the original format."""
import pickle

import numpy as np
import pytest

from qbank.errors import InputError
from qbank.train.resnet.cifar import TEST_FILE, TRAIN_FILES, load_cifar10, read_batch, write_batch
from qbank.train.resnet.synthetic import write_synthetic_cifar


def _pickle(path, obj):
    with open(path, "wb") as handle:
        pickle.dump(obj, handle, protocol=2)


def test_pixel_layout_is_red_then_green_then_blue_row_major(tmp_path):
    # One image whose byte k is k mod 251: pixel (c, y, x) sits at k = c*1024 + y*32 + x.
    row = (np.arange(3072) % 251).astype(np.uint8)
    _pickle(tmp_path / "b", {b"data": row[None, :], b"labels": [7]})
    images, labels = read_batch(tmp_path / "b")
    assert images.shape == (1, 3, 32, 32) and images.dtype == np.uint8
    for c, y, x in [(0, 0, 0), (0, 0, 31), (0, 1, 0), (1, 0, 0), (2, 31, 31), (1, 5, 9)]:
        assert images[0, c, y, x] == (c * 1024 + y * 32 + x) % 251
    assert labels.tolist() == [7]


def test_write_then_read_round_trip_with_protocol_2(tmp_path):
    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, size=(5, 3, 32, 32), dtype=np.uint8)
    labels = np.array([0, 9, 3, 3, 1])
    write_batch(tmp_path / "data_batch_1", images, labels)
    assert (tmp_path / "data_batch_1").read_bytes()[:2] == b"\x80\x02"  # pickle protocol 2 opcode
    got_images, got_labels = read_batch(tmp_path / "data_batch_1")
    np.testing.assert_array_equal(got_images, images)
    np.testing.assert_array_equal(got_labels, labels)


def test_load_concatenates_the_five_training_files_in_order(tmp_path):
    for i, name in enumerate(TRAIN_FILES):
        write_batch(tmp_path / name, np.full((2, 3, 32, 32), i, np.uint8), np.array([i, i]))
    write_batch(tmp_path / TEST_FILE, np.zeros((3, 3, 32, 32), np.uint8), np.array([1, 2, 3]))
    data = load_cifar10(tmp_path)
    assert data["train_images"].shape == (10, 3, 32, 32)
    assert data["train_labels"].tolist() == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]
    assert data["train_images"][:, 0, 0, 0].tolist() == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]
    assert data["test_labels"].tolist() == [1, 2, 3]


def test_synthetic_batches_go_through_the_real_loader(tmp_path):
    write_synthetic_cifar(tmp_path, seed=1, per_train_file=4, n_test=6)
    data = load_cifar10(tmp_path)
    assert data["train_images"].shape == (20, 3, 32, 32) and data["test_images"].shape == (6, 3, 32, 32)
    assert data["train_labels"].min() >= 0 and data["train_labels"].max() <= 9


@pytest.mark.parametrize("content, message", [
    (None, "not found"),
    (b"this is not a pickle", "not a CIFAR-10 python batch"),
    ({b"labels": [1]}, "b'data' and b'labels'"),
    ({b"data": np.zeros((2, 100), np.uint8), b"labels": [1, 2]}, "(N, 3072) uint8"),
    ({b"data": np.zeros((2, 3072), np.float32), b"labels": [1, 2]}, "(N, 3072) uint8"),
    ({b"data": np.zeros((2, 3072), np.uint8), b"labels": [1]}, "must be 2 integers"),
    ({b"data": np.zeros((1, 3072), np.uint8), b"labels": [10]}, "0..9"),
])
def test_a_bad_batch_file_is_an_input_error_naming_it(tmp_path, content, message):
    path = tmp_path / "data_batch_1"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        _pickle(path, content)
    with pytest.raises(InputError, match="data_batch_1") as error:
        read_batch(path)
    assert message in str(error.value)


def test_a_missing_file_in_the_directory_is_named(tmp_path):
    write_batch(tmp_path / "data_batch_1", np.zeros((1, 3, 32, 32), np.uint8), np.array([0]))
    with pytest.raises(InputError, match="data_batch_2"):
        load_cifar10(tmp_path)
    with pytest.raises(InputError, match="not a directory"):
        load_cifar10(tmp_path / "nowhere")
