"""A small version of benchmarks/practice_load.py as a correctness test: many students at once, no errors.

Ten clients ask, answer wrong, then type back the key they were shown, all at
the same time; every key must be graded right and every request answered 200.
Latency is the benchmark's business: nothing here is timed.
"""
import importlib.util
from pathlib import Path

from qbank.engine.template import all_templates

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "practice_load.py"


def load_benchmark():
    spec = importlib.util.spec_from_file_location("practice_load", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_ten_students_at_once_all_graded_right(serve):
    bench = load_benchmark()
    app, port = serve(all_templates(), pool_depth=1)
    latencies, errors = bench.run(port, clients=10, questions=3)
    assert errors == []
    assert len(latencies["new"]) == 30 and len(latencies["check"]) == 60
    assert len(app.sessions) == 30  # one session per question, each its own token


def test_nearest_rank_percentile():
    # Nearest rank: the ceil(q n)-th smallest. For 1..20, p95 is the 19th value, p50 the 10th.
    bench = load_benchmark()
    values = list(range(1, 21))
    assert bench.percentile(values, 0.95) == 19 and bench.percentile(values, 0.5) == 10
    assert bench.percentile([7], 0.95) == 7
