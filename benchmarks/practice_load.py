"""Load on the practice server: N students at once on loopback, each asking, answering wrong, then right.

    python benchmarks/practice_load.py [--clients 50] [--questions 10] [--think 1.0] [--no-wait]

Starts `qbank practice --web --port 0` in its own process (so the clients do not
share its interpreter lock), waits until its question pool is full (unless
--no-wait: then the first requests find the pools filling), and runs one thread
per client over a keep-alive connection. Each question: POST /api/question,
POST /api/answer with "0" for every part (reveal: the key comes back), then
POST /api/answer with the key text, which must be graded all right. Prints
p50/p95/max latency of new questions and of answer checks; exits 1 on any error.
Only 127.0.0.1 is contacted, and the run is bounded by --questions.
"""
from __future__ import annotations

import argparse
import http.client
import json
import random
import subprocess
import tempfile
import sys
import threading
import time
from pathlib import Path


def student(port: int, questions: int, think: float, index: int, latencies: dict, errors: list) -> None:
    """One client: `questions` rounds of ask, answer wrong (reveal), answer with the key; thinking in between."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    pause = random.Random(index)  # the benchmark's own stream: reproducible think times

    def think_a_while():
        time.sleep(think * pause.uniform(0.5, 1.5))

    def post(path, body, kind):
        start = time.perf_counter()
        connection.request("POST", path, json.dumps(body), {"Content-Type": "application/json"})
        response = connection.getresponse()
        data = json.loads(response.read())
        latencies[kind].append(time.perf_counter() - start)
        if response.status != 200:
            raise RuntimeError(f"{path}: {response.status} {data}")
        return data

    try:
        connection.request("GET", "/api/topics")  # as the page does on load; opens the keep-alive connection
        connection.getresponse().read()
        for _ in range(questions):
            think_a_while()
            question = post("/api/question", {}, "new")
            think_a_while()
            parts = [p["name"] for p in question["parts"] if p["kind"] != "text"]
            shown = post("/api/answer", {"token": question["token"], "answers": {p: "0" for p in parts},
                                         "reveal": True}, "check")
            keys = {p["name"]: p["key_text"] for p in shown["parts"] if p["state"] != "pending"}
            think_a_while()
            result = post("/api/answer", {"token": question["token"], "answers": keys}, "check")
            if not result["all_right"]:
                errors.append(f"{question['id']}: its own key was graded wrong: {result}")
    except Exception as exc:  # noqa: BLE001 - report every failure, keep the other clients running
        errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        connection.close()


def run(port: int, clients: int, questions: int, think: float = 0.0) -> tuple[dict, list]:
    """Run `clients` threads at once; returns ({"new": [...], "check": [...]} seconds, error messages)."""
    latencies, errors = {"new": [], "check": []}, []
    threads = [threading.Thread(target=student, args=(port, questions, think, i, latencies, errors))
               for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors


def percentile(values: list, q: float) -> float:
    """The q-quantile by the nearest-rank method (Hyndman & Fan 1996, definition 1)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, int(-(-q * len(ordered) // 1)) - 1))]


def prepare_costs() -> None:
    """What a question costs when no prepared one is ready: draw, solve and render, per template."""
    from qbank.engine.template import all_templates
    from qbank.practice.pool import fresh

    costs = []
    for template in all_templates():
        fresh(template)  # compile its text once, as the server's first refill does
        start = time.perf_counter()
        for _ in range(3):
            fresh(template)
        costs.append(((time.perf_counter() - start) / 3 * 1000, template.id))
    ms = [c for c, _ in costs]
    slowest = ", ".join(f"{tid} {c:.1f} ms" for c, tid in sorted(costs)[-3:])
    print(f"prepare a question (no pool): p50 {percentile(ms, 0.5):.1f} ms, p95 {percentile(ms, 0.95):.1f} ms "
          f"over {len(ms)} templates; slowest: {slowest}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--questions", type=int, default=10)
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds a student thinks between requests")
    parser.add_argument("--no-wait", action="store_true", help="do not wait for the question pool to fill")
    parser.add_argument("--prepare", action="store_true", help="also time preparing each template without the pool")
    args = parser.parse_args()
    if args.prepare:
        prepare_costs()
    scratch = tempfile.TemporaryDirectory(prefix="qbank-practice-load-")  # the server's progress file: not yours
    server = subprocess.Popen([sys.executable, "-m", "qbank", "practice", "--web", "--port", "0", "--progress",
                               str(Path(scratch.name) / "progress.json")], stdout=subprocess.PIPE, text=True)
    try:
        port = int(server.stdout.readline().split("http://127.0.0.1:")[1].split("/")[0])
        server.stdout.readline()  # where checked questions are recorded
        if not args.no_wait:
            print(server.stdout.readline().strip())
        started = time.perf_counter()
        latencies, errors = run(port, args.clients, args.questions, args.think)
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
        scratch.cleanup()
    print(f"{args.clients} clients x {args.questions} questions, think {args.think:g} s, in {elapsed:.1f} s "
          f"({len(latencies['new']) + len(latencies['check'])} requests)")
    for kind, values in latencies.items():
        ms = [1000 * v for v in values]
        print(f"  {kind:5s} n={len(ms):5d}  p50 {percentile(ms, 0.5):7.1f} ms  p95 {percentile(ms, 0.95):7.1f} ms"
              f"  max {max(ms):7.1f} ms")
    for message in errors[:10]:
        print("ERROR", message)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
