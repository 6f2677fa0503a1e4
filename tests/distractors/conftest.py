"""Shared by the distractor tests: the wrong value of one registered mistake, found by its label."""
import pytest

from qbank.distractors.registry import mistakes_for


@pytest.fixture
def wrong():
    """wrong(template_id, part, label, params): what the mistake `label` of that part gives for `params`."""

    def value(template_id, part, label, params):
        found = [m for m in mistakes_for(template_id, part, only_part=False) if m.label == label]
        assert len(found) == 1, (template_id, part, label)
        return found[0].fn(params)

    return value
