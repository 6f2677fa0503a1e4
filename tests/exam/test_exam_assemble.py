"""Drawing versions: seeds as documented, versions that differ, balanced answer positions, points."""
import os
from collections import Counter

import pytest

from qbank.engine.generate import generate
from qbank.engine.seeds import derive_seed
from qbank.engine.template import get
from qbank.exam.assemble import assemble, version_letter
from qbank.exam.fingerprint import fingerprint
from qbank.exam.points import rescale
from qbank.exam.spec import parse


@pytest.fixture
def versions(write_spec, sample_spec_text):
    return assemble(parse(write_spec(sample_spec_text)))


def test_version_letters_count_like_spreadsheet_columns():
    assert [version_letter(i) for i in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == \
        ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]


def test_each_question_is_reproducible_from_its_recorded_seed(versions):
    for version in versions:
        for q in version.questions:
            again = generate(get(q.instance.template.id), q.instance.seed, q.instance.pins)
            assert again.params == q.instance.params and again.answers == q.instance.answers


def test_first_draw_seed_is_derived_from_exam_seed_version_and_id(versions):
    # sum-product is drawn once per version and never collides, so it keeps its attempt-0 seed.
    for version in versions:
        (q,) = [q for q in version.questions if q.instance.template.id == "examtest/sum-product"]
        assert q.instance.seed == derive_seed(11, version.letter, "examtest/sum-product")


def test_versions_never_repeat_a_questions_parameters(versions):
    seen = Counter()
    for version in versions:
        for q in version.questions:
            if q.instance.params:  # examtest/explain draws nothing, so it cannot differ
                seen[(q.instance.template.id, repr(q.instance.params))] += 1
    assert max(seen.values()) == 1


def test_every_version_has_the_same_shape_and_points(versions):
    for version in versions:
        assert [len(s.questions) for s in version.sections] == [2, 1, 2]
        assert sum(q.points for q in version.questions) == 22
        assert [q.number for q in version.questions] == [1, 2, 3, 4, 5]
        for q in version.questions:
            assert sum(q.part_points) == q.points


def test_pool_and_shuffle_depend_only_on_seed(write_spec, sample_spec_text):
    spec = parse(write_spec(sample_spec_text), versions=12)
    drawn = assemble(spec)
    again = assemble(parse(write_spec(sample_spec_text), versions=12))
    ids = [[q.instance.template.id for q in v.questions] for v in drawn]
    assert ids == [[q.instance.template.id for q in v.questions] for v in again]
    first_parts = {tuple(i[:2]) for i in ids}
    assert first_parts == {("examtest/pick-third", "examtest/difference"), ("examtest/difference", "examtest/pick-third")}
    pinned = [v.questions[4].instance.params["a"] == 5000 for v in drawn]
    assert any(pinned) and not all(pinned)  # the pool draws both of its entries over 12 versions


def test_choice_answer_positions_are_balanced_across_versions(write_spec, sample_spec_text):
    # 8 versions of a 4-option question: the balancing keeps every letter within one of 8 / 4 = 2.
    drawn = assemble(parse(write_spec(sample_spec_text), versions=8))
    positions = Counter(q.instance.answers["answer"] for v in drawn for q in v.questions
                        if q.instance.template.id == "examtest/pick-third")
    assert sum(positions.values()) == 8 and set(positions) == {0, 1, 2, 3}
    assert max(positions.values()) - min(positions.values()) <= 1


def test_rescale_by_hand():
    # Whole points by default: 1 + 3 to 6 has exact shares 1.5 and 4.5; floors 1 + 4, the point left
    # over goes to the first (equal remainders, earlier first): 2 + 4.
    assert rescale([1, 3], 6) == [2.0, 4.0]
    # In half points the exact shares 1.5 and 4.5 are kept.
    assert rescale([1, 3], 6, step=0.5) == [1.5, 4.5]
    # 1 + 1 + 1 to 4 in halves: exact shares 4/3 = 2.67 halves each; floors 2, 2, 2 halves, 2 halves left
    # over go to the first two: 1.5 + 1.5 + 1 = 4.
    assert rescale([1, 1, 1], 4, step=0.5) == [1.5, 1.5, 1.0]
    # 10 + 1 + 1 to 4: shares 3.33, 0.33, 0.33 floor to 3, 0, 0 and the point left over goes to the
    # first (equal remainders): 4, 0, 0. No part with points of its own prints 0: the second and the
    # third each take one from the richest part: 3, 1, 0, then 2, 1, 1.
    assert rescale([10, 1, 1], 4) == [2.0, 1.0, 1.0]
    # Parts with no points share evenly; a single part takes everything.
    assert rescale([0, 0], 3) == [2.0, 1.0] and rescale([0, 0], 3, step=0.5) == [1.5, 1.5] and rescale([2.5], 7) == [7.0]


def test_drawing_on_two_cores_gives_the_versions_drawn_on_one(write_spec, sample_spec_text, monkeypatch):
    """Questions with no choice to balance are drawn by a forked worker; the versions cannot depend on it."""
    def drawn(cores):
        monkeypatch.setattr(os, "cpu_count", lambda: cores)
        spec = parse(write_spec(sample_spec_text), versions=12)
        return [(q.number, q.instance.template.id, q.instance.seed, fingerprint(q.instance.params),
                 fingerprint(q.instance.answers), q.instance.pins) for v in assemble(spec) for q in v.questions]

    assert drawn(2) == drawn(1)
