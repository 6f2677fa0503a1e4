"""Exam specs: a valid spec parses, and every mistake is an InputError naming file:line."""
import re

import pytest

from qbank.errors import InputError
from qbank.exam.spec import parse


def error_of(path):
    with pytest.raises(InputError) as info:
        parse(path)
    return str(info.value)


def test_valid_spec_parses_with_points_and_pools(write_spec, sample_spec_text):
    spec = parse(write_spec(sample_spec_text))
    assert [p.title for p in spec.parts] == ["Choice", "Short", "Problems"]
    # Choice: pick-third (its own 4) + difference rescaled to 4 = 8; Short: explain's own 6;
    # Problems: sum-product rescaled to 6 + one 2-point question from the pool = 8.
    assert [p.points for p in spec.parts] == [8, 6, 8] and spec.points == 22
    pool = spec.parts[2].slots[1]
    assert pool.is_pool and pool.pick == 1 and [r.params for r in pool.refs] == [{}, {"a": 5000}]
    assert spec.parts[0].shuffle and not spec.parts[1].shuffle
    assert spec.seed == 11 and spec.versions == 3 and spec.name == "exam"


def test_command_line_overrides_versions_and_seed(write_spec, sample_spec_text):
    spec = parse(write_spec(sample_spec_text), versions=5, seed=99)
    assert (spec.versions, spec.seed) == (5, 99)


def test_yaml_syntax_error_names_file_and_line(write_spec, spec_head):
    path = write_spec(spec_head + "  - title: [unclosed\n    questions: []\n")
    assert re.match(rf"{re.escape(str(path))}:\d+: YAML syntax error", error_of(path))


def test_unknown_template_suggests_the_closest_id(write_spec, spec_head):
    path = write_spec(spec_head + "  - title: P\n    questions:\n      - examtest/sum-prodcut\n")
    message = error_of(path)
    assert message.startswith(f"{path}:6: unknown template 'examtest/sum-prodcut'")
    assert "did you mean examtest/sum-product" in message


def test_part_points_that_do_not_add_up(write_spec, spec_head):
    # examtest/sum-product (4) + examtest/difference (2) = 6, not 7.
    path = write_spec(spec_head + "  - title: P\n    points: 7\n    questions:\n"
                             "      - examtest/sum-product\n      - examtest/difference\n")
    assert error_of(path) == f"{path}:5: part 'P' states 7 points but its questions add up to 6"


def test_exam_points_that_do_not_add_up(write_spec, spec_head):
    path = write_spec(spec_head.replace("parts:", "points: 100\nparts:") + "  - title: P\n    questions:\n"
                                                                     "      - examtest/difference\n")
    assert error_of(path) == f"{path}:3: the exam states 100 points but its questions add up to 2"


def test_pool_asking_for_more_than_it_has(write_spec, spec_head):
    path = write_spec(spec_head + "  - title: P\n    questions:\n"
                             "      - pool: [examtest/difference, examtest/sum-product]\n        pick: 3\n"
                             "        points: 2\n")
    assert error_of(path) == f"{path}:7: the pool asks for 3 questions but has only 2"


def test_pool_of_templates_with_different_points_needs_points(write_spec, spec_head):
    path = write_spec(spec_head + "  - title: P\n    questions:\n      - {pool: [examtest/difference, examtest/sum-product]}\n")
    assert "different points (2, 4); give 'points:'" in error_of(path)


@pytest.mark.parametrize("line, message", [
    ("    shufle: true\n", "unknown part key 'shufle' (did you mean 'shuffle'?)"),
    ("    space: lots\n", "'space' should be a length such as 2in, 3cm or 0, got 'lots'"),
    ("    shuffle: maybe\n", "'shuffle' should be true or false, got 'maybe'"),
])
def test_bad_part_keys(write_spec, spec_head, line, message):
    path = write_spec(spec_head + "  - title: P\n" + line + "    questions: [examtest/difference]\n")
    assert error_of(path) == f"{path}:5: {message}"


def test_points_must_be_whole_or_half_multiples(write_spec, spec_head):
    path = write_spec(spec_head + "  - title: P\n    questions:\n      - {id: examtest/difference, points: 1.5}\n")
    assert error_of(path) == (f"{path}:6: 'points' should be a positive whole number, got 1.5 "
                              "(for half points set 'half_points: true' at the top of the spec)")
    path = write_spec("half_points: true\n" + spec_head + "  - title: P\n    questions:\n"
                      "      - {id: examtest/difference, points: 1.25}\n")
    assert error_of(path) == f"{path}:7: 'points' should be a positive multiple of 0.5, got 1.25"


def test_missing_title_and_parts(write_spec, spec_head):
    assert error_of(write_spec("parts: []\n")).endswith(":1: 'parts' should be a non-empty list of parts")
    no_exam_title = spec_head.replace("title: T\n", "") + "  - {title: P, questions: [examtest/difference]}\n"
    assert error_of(write_spec(no_exam_title)).endswith(":1: missing 'title'")
    no_part_title = spec_head + "  - questions: [examtest/difference]\n"
    assert error_of(write_spec(no_part_title)).endswith(":4: missing 'title'")


def test_missing_templates_directory_is_named(write_spec, spec_head):
    path = write_spec("title: T\ntemplates: nowhere\nparts: []\n")
    assert error_of(path).startswith(f"{path}:2: templates directory 'nowhere' not found")


def test_a_spec_that_is_not_utf8_is_named(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: Prüfung\n".encode("latin-1"))  # ü is the single byte 0xfc in Latin-1
    assert error_of(path) == f"{path}: not UTF-8 text (invalid start byte at byte 9)"


def test_pins_that_do_not_fit_name_the_spec_line_of_their_params(write_spec, spec_head):
    from qbank.exam.assemble import assemble

    path = write_spec(spec_head + "  - title: P\n    questions:\n      - examtest/sum-product\n"
                      "      - id: examtest/difference\n        params: {zzz: 3}\n")
    with pytest.raises(InputError) as info:
        assemble(parse(path))
    # line 8: the `params:` line of the second question (lines 1-3 the head, 4-6 the part, 7 its id);
    # the engine's own words follow (qbank.engine.pinning)
    message = str(info.value)
    assert message.startswith(f"{path}:8: template examtest/difference: ") and "'zzz'" in message
    pooled = write_spec(spec_head + "  - title: P\n    questions:\n"
                        "      - pool: [examtest/difference, {id: examtest/sum-product, params: {a: x}}]\n"
                        "        points: 2\n        pick: 2\n", "pool.yaml")
    with pytest.raises(InputError) as info:
        assemble(parse(pooled))
    assert str(info.value).startswith(f"{pooled}:6: template examtest/sum-product: the pinned parameters do not fit")


def test_a_pin_that_is_not_a_finite_number_names_the_spec_line(write_spec, spec_head):
    from qbank.exam.assemble import assemble

    # YAML's .inf is float('inf'): refused by the engine before the draw, not an OverflowError inside it
    # line 7: the `params:` line (1-3 the head, 4-5 the part, 6 the id)
    path = write_spec(spec_head + "  - title: P\n    questions:\n"
                      "      - id: examtest/difference\n        params: {a: .inf}\n")
    with pytest.raises(InputError) as info:
        assemble(parse(path))
    assert str(info.value) == (f"{path}:7: template examtest/difference: pinned parameter 'a': Infinity is not a "
                               f"finite number (1e400, Infinity, .inf and NaN read as such)")


def test_the_schema_is_printed_and_every_shipped_and_sample_spec_fits_it(runner, sample_spec_text):
    import json

    import yaml
    from jsonschema import Draft202012Validator

    from qbank.cli import main
    from qbank.paths import data_dir

    printed = runner.invoke(main, ["schema", "exam"])
    assert printed.exit_code == 0
    schema = json.loads(printed.output)
    Draft202012Validator.check_schema(schema)
    for text in ((data_dir("banks") / "demo-final.yaml").read_text(), sample_spec_text):
        assert list(Draft202012Validator(schema).iter_errors(yaml.safe_load(text))) == []


@pytest.mark.parametrize("snippet, line, message", [
    ("  - title: P\n    shufle: true\n    questions: [examtest/difference]\n", 5,
     "unknown key 'shufle' (did you mean 'shuffle'?)"),
    ("  - title: P\n    questions:\n      - {pool: [examtest/difference], pick: 0}\n", 6,
     "parts/0/questions/0/pick: 0 is less than the minimum of 1"),
    ("  - title: P\n    questions:\n      - 42\n", 6, "parts/0/questions/0: "
     "a question is a template id, {id, points, params, ...} or {pool, pick, points, ...}"),
    ("  - title: P\n    space: 2 inches\n    questions: [examtest/difference]\n", 5, "parts/0/space: "),
    ("  - questions: [examtest/difference]\n", 4, "parts/0: missing 'title'"),
])
def test_the_schema_rejects_what_the_spec_reader_rejects(write_spec, spec_head, snippet, line, message):
    from qbank import yamlschema
    from qbank.exam.spec import SCHEMA_PATH
    from qbank.exam.yamlnodes import load

    path = write_spec(spec_head + snippet)
    with pytest.raises(InputError):
        parse(path)  # the reader's own, more specific message
    with pytest.raises(InputError) as info:
        yamlschema.validate(load(path), path, yamlschema.load_schema(SCHEMA_PATH),
                            one_of="a question is a template id, {id, points, params, ...} or {pool, pick, points, ...}")
    assert str(info.value).startswith(f"{path}:{line}: {message}")
