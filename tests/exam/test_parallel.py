"""fork_map: the results of a serial map, in order, whatever the workers do."""
import os

import pytest

from qbank.exam.parallel import fork_map


def square_or_fail(item):
    if item == 37:
        raise ValueError("item 37 is bad")
    return item * item


@pytest.fixture
def two_cores(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 2)


def test_the_serial_results_come_back_in_order(two_cores):
    assert fork_map(square_or_fail, list(range(30))) == [i * i for i in range(30)]


def test_items_are_never_pickled(two_cores):
    """Lambdas cannot be pickled; the workers inherit them by forking."""
    items = [lambda i=i: i + 1 for i in range(40)]
    assert fork_map(lambda f: f(), items) == list(range(1, 41))


def test_an_error_in_a_worker_is_raised_here_as_it_reads(two_cores):
    with pytest.raises(ValueError, match="item 37 is bad"):
        fork_map(square_or_fail, list(range(100)))


def test_one_core_or_few_items_run_here(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    here = os.getpid()
    assert set(fork_map(lambda _: os.getpid(), list(range(40)))) == {here}
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert set(fork_map(lambda _: os.getpid(), list(range(5)))) == {here}
    assert here not in fork_map(lambda _: os.getpid(), list(range(40)))  # enough items: forked workers
