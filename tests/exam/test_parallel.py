"""fork_map and Background: the results of computing here, in order, whatever the workers do."""
import os

import pytest

from qbank.exam import parallel
from qbank.exam.parallel import Background, fork_map


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


def test_background_gives_its_result_from_a_worker_or_here(two_cores):
    here = os.getpid()
    assert Background(os.getpid).result() != here  # forked
    assert Background(os.getpid, here=True).result() == here  # little work: no fork


def test_background_on_one_core_runs_here(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert Background(os.getpid).result() == os.getpid()


def test_background_error_is_raised_here_as_it_reads(two_cores):
    def fail():
        raise ValueError("this draw is bad")

    with pytest.raises(ValueError, match="this draw is bad"):
        Background(fail).result()


def test_background_closed_unused_stops_its_worker(two_cores):
    job = Background(lambda: sum(range(10)))
    job.close()
    assert parallel._CALL is None
