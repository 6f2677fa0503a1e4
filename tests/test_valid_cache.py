"""Files already found valid skip jsonschema next time; anything else is checked as before."""
import jsonschema.exceptions
import pytest

from qbank import yamlschema
from qbank.errors import InputError
from qbank.exam.yamlnodes import LineDict

SCHEMA = {"type": "object", "properties": {"n": {"type": "integer"}}, "additionalProperties": False}


def node(**values):
    out = LineDict(values)
    out.lines = {key: 1 for key in values}
    return out


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("QBANK_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "valid"


def test_a_valid_file_is_recorded_and_then_not_checked_again(cache_dir, monkeypatch):
    yamlschema.validate(node(n=1), "f.yaml", SCHEMA)
    assert len(list(cache_dir.iterdir())) == 1
    monkeypatch.setattr(jsonschema.exceptions, "best_match", lambda errors: pytest.fail("checked again"))
    yamlschema.validate(node(n=1), "f.yaml", SCHEMA)


def test_an_invalid_file_is_never_recorded_and_always_refused(cache_dir):
    for _ in range(2):
        with pytest.raises(InputError, match="f.yaml:1: n: '1' is not of type 'integer'"):
            yamlschema.validate(node(n="1"), "f.yaml", SCHEMA)
    assert not any(cache_dir.iterdir())


def test_a_record_belongs_to_its_content_and_its_schema(cache_dir):
    yamlschema.validate(node(n=1), "f.yaml", SCHEMA)
    with pytest.raises(InputError, match="unknown key 'm'"):  # an edited file is checked again
        yamlschema.validate(node(n=1, m=2), "f.yaml", SCHEMA)
    stricter = {**SCHEMA, "properties": {"n": {"type": "integer", "minimum": 2}}}
    with pytest.raises(InputError, match="1 is less than the minimum of 2"):  # so is a file under a new schema
        yamlschema.validate(node(n=1), "f.yaml", stricter)


def test_an_unwritable_cache_folder_only_costs_speed(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go")
    monkeypatch.setenv("QBANK_CACHE_DIR", str(blocker / "cache"))
    yamlschema.validate(node(n=1), "f.yaml", SCHEMA)
    with pytest.raises(InputError):
        yamlschema.validate(node(n="x"), "f.yaml", SCHEMA)
