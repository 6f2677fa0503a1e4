"""Flip and translate: shapes kept, and output image i is always a transform of input image i."""
import itertools

import pytest

torch = pytest.importorskip("torch")

from qbank.train.resnet.augment import augment, random_flip, random_translate  # noqa: E402


def _candidates(image, max_shift):
    """Every image the augmentation may make of `image` (C, H, W): flip or not, then shift (dy, dx)."""
    padded_by = (max_shift,) * 4
    found = {}
    for flipped, dy, dx in itertools.product((False, True), range(2 * max_shift + 1), range(2 * max_shift + 1)):
        source = image.flip(-1) if flipped else image
        padded = torch.nn.functional.pad(source[None], padded_by, mode="reflect")[0]
        found[(flipped, dy, dx)] = padded[:, dy:dy + image.shape[1], dx:dx + image.shape[2]]
    return found


def test_shapes_and_dtype_are_kept():
    images = torch.randn(7, 3, 32, 32)
    out = augment(images, True, 2, torch.Generator().manual_seed(0))
    assert out.shape == (7, 3, 32, 32) and out.dtype == images.dtype


def test_each_output_is_a_flip_and_shift_of_its_own_input_so_labels_stay_valid():
    # Output i must be one of the 18 (flip, dy, dx) transforms of input i itself: the order, and
    # hence the pairing with labels[i], is untouched.
    images = torch.randn(64, 3, 8, 8)
    out = augment(images, True, 1, torch.Generator().manual_seed(1))
    used = set()
    for i in range(len(images)):
        matches = [key for key, candidate in _candidates(images[i], 1).items() if torch.equal(candidate, out[i])]
        assert matches, f"output {i} is no flip/shift of input {i}"
        used.update(matches)
    assert {flipped for flipped, _, _ in used} == {False, True}
    assert len(used) > 9  # many of the 18 (flip, dy, dx) combinations occur


def test_a_horizontal_flip_mirrors_columns_only():
    image = torch.arange(2 * 3 * 4, dtype=torch.float32).reshape(1, 2, 3, 4)
    seen = {tuple(random_flip(image, torch.Generator().manual_seed(s))[0, 0, 0].tolist()) for s in range(20)}
    assert seen == {(0.0, 1.0, 2.0, 3.0), (3.0, 2.0, 1.0, 0.0)}


def test_shift_zero_and_no_flip_is_the_identity():
    images = torch.randn(4, 3, 32, 32)
    assert torch.equal(augment(images, False, 0, torch.Generator()), images)
    assert torch.equal(random_translate(images, 0, torch.Generator()), images)
