"""fork_map and fork_imap: the results of a serial map, in order, whatever the workers do."""
import os

import pytest

from qbank.exam import parallel
from qbank.exam.parallel import fork_imap, fork_map


def square_or_fail(item):
    if item == 37:
        raise ValueError("item 37 is bad")
    return item * item


@pytest.fixture
def two_cores(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 2)


def test_both_maps_return_the_serial_results_in_order(two_cores):
    items = list(range(100))
    assert fork_map(square_or_fail, items[:30]) == [i * i for i in range(30)]
    assert list(fork_imap(square_or_fail, items[:30])) == [i * i for i in range(30)]


def test_items_are_never_pickled(two_cores):
    """Lambdas cannot be pickled; the workers inherit them by forking."""
    items = [lambda i=i: i + 1 for i in range(40)]
    assert list(fork_imap(lambda f: f(), items)) == list(range(1, 41))
    assert fork_map(lambda f: f(), items) == list(range(1, 41))


def test_an_error_in_a_worker_is_raised_here_as_it_reads(two_cores):
    results = fork_imap(square_or_fail, list(range(100)))
    with pytest.raises(ValueError, match="item 37 is bad"):
        for i, value in enumerate(results):
            assert value == i * i  # every result before the bad item arrives, and is right
    with pytest.raises(ValueError, match="item 37 is bad"):
        fork_map(square_or_fail, list(range(100)))


def test_closing_early_stops_the_workers(two_cores):
    results = fork_imap(square_or_fail, list(range(30)))
    assert next(results) == 0
    results.close()
    assert parallel._JOB is None


def test_one_core_or_few_items_run_here(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    here = os.getpid()
    assert set(fork_imap(lambda _: os.getpid(), list(range(40)))) == {here}
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert set(fork_imap(lambda _: os.getpid(), list(range(5)))) == {here}
