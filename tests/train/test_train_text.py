"""Character data: vocabulary, 90/10 split, training windows, and bad text files."""
import pytest

torch = pytest.importorskip("torch")

from qbank.errors import InputError  # noqa: E402
from qbank.train.gru.text import Vocabulary, random_windows, read_text, split  # noqa: E402


def test_vocabulary_is_sorted_and_round_trips():
    vocab = Vocabulary("hello world")
    assert vocab.chars == " dehlorw"
    assert vocab.encode("hold").tolist() == [3, 5, 4, 1]  # h=3, o=5, l=4, d=1 in " dehlorw"
    assert vocab.decode(vocab.encode("world hello")) == "world hello"
    with pytest.raises(InputError, match="'z'"):
        vocab.encode("z")


def test_split_keeps_the_last_tenth_for_validation():
    ids = torch.arange(100)
    train, val = split(ids, 0.1, 5, "t.txt")
    assert train.tolist() == list(range(90)) and val.tolist() == list(range(90, 100))
    with pytest.raises(InputError, match="t.txt: 100 characters is too short"):
        split(ids, 0.1, 11, "t.txt")


def test_targets_are_the_inputs_shifted_by_one_character():
    ids = torch.arange(1000)
    x, y = random_windows(ids, 8, 16, torch.Generator().manual_seed(0))
    assert x.shape == y.shape == (8, 16)
    assert torch.equal(y[:, :-1], x[:, 1:]) and torch.equal(y[:, -1], x[:, -1] + 1)


def test_bad_text_files_are_input_errors_naming_them(tmp_path):
    with pytest.raises(InputError, match="missing.txt: text file not found"):
        read_text(tmp_path / "missing.txt")
    (tmp_path / "latin1.txt").write_bytes(b"caf\xe9")
    with pytest.raises(InputError, match="latin1.txt: not UTF-8"):
        read_text(tmp_path / "latin1.txt")
    (tmp_path / "empty.txt").write_text("")
    with pytest.raises(InputError, match="empty.txt: the text file is empty"):
        read_text(tmp_path / "empty.txt")
