"""Load on the class server: N students with think time against `qbank serve --workers 2`, PostgreSQL then SQLite.

    python benchmarks/serve_load.py [--students 300] [--questions 6] [--think 4.0] [--workers 2]
                                    [--db postgresql,sqlite] [--pg-url URL] [--time-limit 240]
                                    [--kill-worker-after SECONDS]

For each database: a fresh database (PostgreSQL: a new database made with the
role of --pg-url, default QBANK_TEST_PG_URL or the one setup.sh makes, dropped
afterwards; SQLite: a file in a temporary folder), a course of --questions
questions, a roster of --students (imported in this process), and `qbank serve`
in its own processes. Each simulated student (a thread with one keep-alive
http.client connection and a bearer token) starts at a random moment of the first think time and,
per question, thinks, opens it (the first visit draws and renders the variant:
"new question"), thinks, and submits "0" for every part ("submission"). Think
times are uniform in [0.5, 1.5] x --think. Prints p50/p95/max per kind, the
requests per second, the server's CPU time per request (from /proc: what the
latencies cost when the machine is not shared), errors, and lost submissions: acknowledged by the server
but not in the database afterwards (counted there). --kill-worker-after S
kills one worker with SIGKILL S seconds in (uvicorn starts a new one): the
requests it was serving fail (counted as errors, expected then), and still no
acknowledged submission may be missing. Only 127.0.0.1 is
contacted, and each run is bounded by --questions and --time-limit.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import numpy as np
from sqlalchemy import create_engine, func, select, text

from qbank.serve.course import parse
from qbank.serve.database import connect, prepare
from qbank.serve.roster import import_roster
from qbank.serve.tables import submissions

TEMPLATES = ("conv/layer-cost", "rnn/param-count", "norm/means", "attention/self-attention", "optim/adam-step",
             "conv/shape-chain", "init/xavier-he", "rnn/forward")
DEFAULT_PG = os.environ.get("QBANK_TEST_PG_URL", "postgresql+psycopg://qbank:qbank@127.0.0.1:5432/qbank_test")


def course_text(questions: int) -> str:
    chosen = "\n".join(f"      - {TEMPLATES[i % len(TEMPLATES)]}" for i in range(questions))
    return (f"course: load-test\ntitle: Load test\nassignments:\n  - id: hw\n    title: Homework\n"
            f"    due: 2099-01-01T00:00:00Z\n    attempts: 1\n    questions:\n{chosen}\n")


def student(port, token, questions, think, rng, record, errors, deadline) -> None:
    """One student on one keep-alive connection: per question, think, open it, think, submit."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    def timed(kind, method, path, body=None):
        start = time.perf_counter()
        try:
            connection.request(method, path, body=None if body is None else json.dumps(body), headers=headers)
            response = connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as exc:  # e.g. the connection of a killed worker
            raise RuntimeError(f"{method} {path}: {type(exc).__name__} {exc}") from None
        record[kind].append(time.perf_counter() - start)
        if response.status != 200:
            raise RuntimeError(f"{method} {path}: {response.status} {data[:200]!r}")
        return json.loads(data)

    try:
        time.sleep(think * rng.uniform(0, 1))  # students arrive over the first think time
        for index in range(questions):
            if time.monotonic() > deadline:
                return
            time.sleep(think * rng.uniform(0.5, 1.5))
            state = timed("new question", "GET", f"/api/assignments/hw/questions/{index}")
            time.sleep(think * rng.uniform(0.5, 1.5))
            answers = {p["name"]: "0" for p in state["question"]["parts"]}
            result = timed("submission", "POST", f"/api/assignments/hw/questions/{index}/submissions",
                           {"answers": answers})
            record["acknowledged"].append(result["submission"])
    except Exception as exc:  # noqa: BLE001 - count every failure, keep the other students going
        errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        connection.close()


def kill_a_worker(server_pid: int, after: float, events: list) -> None:
    """SIGKILL one worker of the server `after` seconds in, as a crash in the middle of requests would."""
    time.sleep(after)
    try:
        workers = [int(pid) for pid in Path(f"/proc/{server_pid}/task/{server_pid}/children").read_text().split()]
    except OSError:
        workers = []
    if workers:
        os.kill(workers[-1], signal.SIGKILL)
        events.append(f"killed worker {workers[-1]} at {after:g} s")


def run_students(port, tokens, questions, think, time_limit, server_pid=None, kill_after=None):
    """Every student in a thread of their own (http.client: a light client, so the measurement costs
    the shared CPUs little); the latencies, errors and the run's length."""
    record = {"new question": [], "submission": [], "acknowledged": []}
    errors, events = [], []
    deadline = time.monotonic() + time_limit
    threading.stack_size(256 * 1024)
    threads = [threading.Thread(target=student, args=(port, token, questions, think, random.Random(i), record, errors,
                                                      deadline), daemon=True) for i, token in enumerate(tokens)]
    if kill_after is not None:
        threads.append(threading.Thread(target=kill_a_worker, args=(server_pid, kill_after, events), daemon=True))
    start, cpu = time.perf_counter(), time.process_time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    for event in events:
        print(f"  {event}")
    print(f"  the simulated students used {time.process_time() - cpu:.1f} CPU s")
    return record, errors, elapsed


def tree_cpu_seconds(pid: int) -> float:
    """CPU seconds used so far by `pid` and its children (the workers), from /proc (0 where it is unreadable)."""
    tick = os.sysconf("SC_CLK_TCK")
    total, pids = 0.0, [pid]
    while pids:
        current = pids.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
            pids += [int(c) for c in Path(f"/proc/{current}/task/{current}/children").read_text().split()]
        except (OSError, IndexError, ValueError):
            continue
    return total


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(course, url, workers, log):
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "qbank", "serve", str(course), "--db", url, "--port", str(port),
                                "--workers", str(workers)], stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"qbank serve exited (log: {log.name})")
        try:
            if httpx.get(base + "/api/me", timeout=1).status_code == 401:
                time.sleep(3 * workers)  # the first worker answers; give the others time to finish starting
                return process, port
        except httpx.HTTPError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("qbank serve did not start within 90 s")


def one_database(kind, url, args, folder):
    course = folder / "course.yaml"
    course.write_text(course_text(args.questions), encoding="utf-8")
    prepare(url)
    engine = connect(url)
    rows = [{"id": f"student{i:04d}", "name": f"Student {i}", "email": "", "role": "student"} for i in range(args.students)]
    issued = import_roster(engine, parse(course).id, rows, "http://127.0.0.1", folder / f"links-{kind}.csv")
    tokens = [row["link"].rsplit("/", 1)[1] for row in issued]
    with open(folder / f"serve-{kind}.log", "w") as log:
        process, port = start_server(course, url, args.workers, log)
        try:
            server_cpu, load = tree_cpu_seconds(process.pid), os.getloadavg()[0]
            record, errors, elapsed = run_students(port, tokens, args.questions, args.think, args.time_limit,
                                                   process.pid, args.kill_worker_after)
            server_cpu = tree_cpu_seconds(process.pid) - server_cpu
        finally:
            process.terminate()
            process.wait(timeout=30)
    with engine.connect() as conn:
        stored = set(conn.execute(select(submissions.c.id)).scalars())
        total = conn.execute(select(func.count()).select_from(submissions)).scalar_one()
    engine.dispose()
    lost = len(set(record["acknowledged"]) - stored)
    requests = len(record["new question"]) + len(record["submission"])
    print(f"\n{kind}: {args.students} students, {args.workers} workers, think {args.think:g} s, {elapsed:.1f} s, "
          f"{requests / elapsed:.1f} requests/s; the server's processes used {server_cpu:.1f} CPU s "
          f"({1000 * server_cpu / max(requests, 1):.1f} ms a request); load average {load:.1f} at the start")
    for name in ("new question", "submission"):
        ms = np.array(record[name]) * 1000  # (requests,)
        if ms.size:
            print(f"  {name:13s} n={ms.size:5d}  p50 {np.percentile(ms, 50):6.1f} ms  p95 {np.percentile(ms, 95):6.1f} ms"
                  f"  max {ms.max():7.1f} ms")
    print(f"  errors {len(errors)}; submissions acknowledged {len(record['acknowledged'])}, in the database {total}, "
          f"lost {lost}")
    for line in errors[:5]:
        print(f"    {line}")
    return (not errors or args.kill_worker_after is not None) and not lost


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=300)
    parser.add_argument("--questions", type=int, default=6)
    parser.add_argument("--think", type=float, default=4.0, help="mean think time in seconds")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", default="postgresql,sqlite")
    parser.add_argument("--pg-url", default=DEFAULT_PG)
    parser.add_argument("--time-limit", type=float, default=240, help="no new question after this many seconds")
    parser.add_argument("--kill-worker-after", type=float, help="SIGKILL one worker this many seconds in")
    args = parser.parse_args()
    if args.students < 1 or args.questions < 1 or args.workers < 1 or args.think < 0:
        parser.error("--students, --questions and --workers must be positive, --think not negative")
    ok = True
    with tempfile.TemporaryDirectory(prefix="qbank-serve-load-") as folder:
        for kind in args.db.split(","):
            if kind == "sqlite":
                ok &= one_database(kind, f"sqlite:///{Path(folder) / 'course.sqlite3'}", args, Path(folder))
            elif kind == "postgresql":
                admin = create_engine(args.pg_url, isolation_level="AUTOCOMMIT")
                name = f"qbank_load_{secrets.token_hex(4)}"
                try:
                    with admin.connect() as conn:
                        conn.execute(text(f"CREATE DATABASE {name}"))
                except Exception as exc:  # noqa: BLE001 - say why and go on with the other databases
                    print(f"postgresql: skipped, cannot reach {args.pg_url}: {str(exc).splitlines()[0]}")
                    continue
                try:
                    ok &= one_database(kind, args.pg_url.rsplit("/", 1)[0] + "/" + name, args, Path(folder))
                finally:
                    with admin.connect() as conn:
                        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    admin.dispose()
            else:
                parser.error(f"--db: unknown database {kind!r} (postgresql, sqlite)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
