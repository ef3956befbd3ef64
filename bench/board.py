"""Benchmark: the job board under gunicorn, next to a minimal Flask "hello" app.

    .venv/bin/python bench/board.py                     # 10,000 offers, SQLite, 10 s per target
    .venv/bin/python bench/board.py --duration 30 --connections 16
    .venv/bin/python bench/board.py --database-url postgresql://postgres@127.0.0.1/bench \\
        --reset-database                                # PostgreSQL (drops that DB's tables!)

It builds a fresh database (SQLite in a temporary instance directory unless --database-url),
runs the migrations, loads the reference data, inserts N published, visible offers made by the
demo generator (orientheque_jobs.services.demo), then starts `gunicorn -w 4 wsgi:app` and a
hello-world Flask app under gunicorn with the same worker count, both on 127.0.0.1. It drives
each target in turn with wrk (or a Python keep-alive load generator when wrk is missing) and
prints requests per second and p50/p95/p99 latency, the board/hello throughput ratio against
the 25 % goal, and an in-process breakdown (SQL statements and time per request) that says
where the time goes. Everything it starts is stopped on exit, Ctrl-C included.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from common import clean_up, free_port, fresh_schema

ROOT = Path(__file__).resolve().parent.parent
GOAL = 0.25  # board throughput as a share of the hello app's
SEED = 20240701

HELLO_APP = '''"""A minimal Flask app: the ceiling the board is compared with."""
from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "Hello, World!"
'''

# wrk: one random path per request when given a list; a machine-readable summary at the end.
WRK_LUA = """
local paths = {%(paths)s}
local counter = 1

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  math.randomseed(7919 * (id or 1))
end

if #paths > 1 then
  request = function()
    return wrk.format("GET", paths[math.random(#paths)])
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("OJ_RESULT %%d %%d %%d %%d %%d %%d %%d %%d %%d %%d %%d\\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""


TARGETS = {
    "hello": "/ of the hello app (the ceiling)",
    "board": "/offres, first page of the board",
    "offer": "/offres/<id>, random visible offers",
    "search": "/offres?q=soudeur, board with a keyword",
    "health": "/sante, the app's lightest route (one SELECT 1)",
    "about": "/a-propos, a static page of the app (layout, no query)",
}


@dataclass
class Target:
    name: str
    server: str  # "board" or "hello"
    paths: list[str]


@dataclass
class Result:
    name: str
    path: str
    requests: int
    seconds: float
    errors: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    generator: str

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


@dataclass
class Breakdown:
    """In-process cost of one page: wall time, SQL statements and SQL time per request."""

    name: str
    path: str
    ms_per_request: float
    queries_per_request: float
    sql_ms_per_request: float
    statements: list[tuple[float, float, str]] = field(default_factory=list)  # ms, times, SQL


# --- processes ------------------------------------------------------------------------------


class Servers:
    """gunicorn process groups; all of them are stopped on exit, whatever happens."""

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = log_dir
        self.procs: list[subprocess.Popen] = []

    def start(
        self,
        name: str,
        app: str,
        chdir: Path,
        env: dict,
        workers: int,
        health: str,
        timeout: float = 60,
    ) -> int:
        port = free_port()
        gunicorn = Path(sys.executable).parent / "gunicorn"
        cmd = [
            str(gunicorn) if gunicorn.exists() else "gunicorn",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--chdir",
            str(chdir),
            "--log-level",
            "warning",
            "--graceful-timeout",
            "5",
            app,
        ]
        with open(self.log_dir / f"{name}.log", "wb") as log:
            proc = subprocess.Popen(
                cmd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.procs.append(proc)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"{name} exited: see {self.log_dir / (name + '.log')}")
            try:
                status, _ = http_get(port, health)
                if status == 200:
                    return port
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{name} did not answer {health} within {timeout:.0f} s")

    def stop(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGTERM)
                except ProcessLookupError:
                    continue
        for proc in self.procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.wait()
        self.procs.clear()


def http_get(port: int, path: str, timeout: float = 10) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


# --- database -------------------------------------------------------------------------------


def prepare_database(count: int, reset: bool, seed: int) -> tuple[object, list[int], dict]:
    """Migrate, load the reference data and `count` published offers; returns (app, ids, info).

    Reads the environment set up by main() (OJ_INSTANCE_PATH, DATABASE_URL, SECRET_KEY).
    """
    sys.path.insert(0, str(ROOT))
    from sqlalchemy import select, text

    from orientheque_jobs import create_app
    from orientheque_jobs.extensions import db
    from orientheque_jobs.models import Offer
    from orientheque_jobs.services.clock import local_today
    from orientheque_jobs.services.demo import PUBLISHED_ONLY, build_employers, generate_offers

    app = create_app()
    info = {}
    with app.app_context():
        info["schema_and_reference_s"] = fresh_schema(Offer, reset)

        started = time.perf_counter()
        employers = build_employers()
        offers = generate_offers(
            employers,
            count,
            random.Random(seed),
            local_today(),
            statuses=PUBLISHED_ONLY,
            with_events=False,
        )
        info["generate_s"] = time.perf_counter() - started
        started = time.perf_counter()
        db.session.add_all(employers)
        db.session.add_all(offers)
        db.session.commit()
        info["insert_s"] = time.perf_counter() - started
        if db.engine.dialect.name == "postgresql":
            # Autovacuum would analyze the new rows at some point during the run; do it now so
            # every target sees the steady-state plans. (SQLite has no automatic ANALYZE and
            # the app never runs one, so it is measured as deployed.)
            with db.engine.begin() as conn:
                conn.execute(text("ANALYZE"))
        ids = list(
            db.session.scalars(
                select(Offer.id).where(Offer.visible_clause(local_today())).order_by(Offer.id)
            )
        )
        info["visible_offers"] = len(ids)
        info["database"] = db.engine.url.render_as_string(hide_password=True)
        db.session.remove()
    return app, ids, info


def breakdown(app, targets: list[Target], rounds: int, detail: bool) -> list[Breakdown]:
    """Request each board page in-process and measure SQL statements and SQL time."""
    from sqlalchemy import event

    from orientheque_jobs.extensions import db

    results = []
    with app.app_context():
        engine = db.engine
    stats: Counter = Counter()
    times: Counter = Counter()
    state = {"n": 0, "sql": 0.0}

    def before(conn, cursor, statement, params, context, executemany):
        conn.info.setdefault("oj_started", []).append(time.perf_counter())

    def after(conn, cursor, statement, params, context, executemany):
        elapsed = time.perf_counter() - conn.info["oj_started"].pop()
        state["n"] += 1
        state["sql"] += elapsed
        key = re.sub(r"\s+", " ", statement)[:160]
        stats[key] += 1
        times[key] += elapsed

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    try:
        client = app.test_client()
        for target in targets:
            if target.server != "board":
                continue
            paths = target.paths[:rounds] if len(target.paths) > 1 else target.paths * rounds
            client.get(paths[0])  # warm caches (templates, municipality list)
            stats.clear()
            times.clear()
            state.update(n=0, sql=0.0)
            started = time.perf_counter()
            for path in paths:
                response = client.get(path)
                if response.status_code != 200:
                    raise RuntimeError(f"{path} answered {response.status_code} in-process")
            wall = time.perf_counter() - started
            n = len(paths)
            top = sorted(((times[k] * 1000 / n, stats[k] / n, k) for k in stats), reverse=True)
            results.append(
                Breakdown(
                    target.name,
                    target.paths[0] if n else "",
                    wall * 1000 / n,
                    state["n"] / n,
                    state["sql"] * 1000 / n,
                    top[:8] if detail else top[:3],
                )
            )
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)
        engine.dispose()
    return results


# --- load generators --------------------------------------------------------------------------


def run_wrk(
    wrk: str,
    port: int,
    target: Target,
    duration: float,
    connections: int,
    threads: int,
    work_dir: Path,
) -> Result:
    script = work_dir / f"{target.name.replace(' ', '_')}.lua"
    script.write_text(WRK_LUA % {"paths": ", ".join(json.dumps(p) for p in target.paths)})
    cmd = [
        wrk,
        "--latency",
        "-t",
        str(threads),
        "-c",
        str(connections),
        "-d",
        f"{max(1, round(duration))}s",
        "--timeout",
        "10s",
        "-s",
        str(script),
        f"http://127.0.0.1:{port}{target.paths[0]}",
    ]
    out = subprocess.run(
        cmd, capture_output=True, text=True, timeout=duration + 60, check=True
    ).stdout
    match = re.search(r"^OJ_RESULT ([\d ]+)$", out, re.M)
    if not match:
        raise RuntimeError(f"unexpected wrk output:\n{out}")
    req, dur_us, e_conn, e_read, e_write, e_status, e_timeout, p50, p95, p99, top = map(
        int, match.group(1).split()
    )
    return Result(
        target.name,
        describe(target),
        req,
        dur_us / 1e6,
        e_conn + e_read + e_write + e_status + e_timeout,
        p50 / 1000,
        p95 / 1000,
        p99 / 1000,
        top / 1000,
        "wrk",
    )


def run_python(
    port: int, target: Target, duration: float, connections: int, max_requests: int = 1_000_000
) -> Result:
    """Fallback: `connections` threads, each with one keep-alive HTTP/1.1 connection."""
    deadline = time.monotonic() + duration
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    budget = [max_requests]

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine = []
        while time.monotonic() < deadline:
            with lock:
                if budget[0] <= 0:
                    break
                budget[0] -= 1
            path = rng.choice(target.paths)
            started = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                if response.status >= 400:
                    errors[0] += 1
            except (OSError, http.client.HTTPException):
                errors[0] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                continue
            mine.append(time.perf_counter() - started)
        conn.close()
        with lock:
            latencies.extend(mine)

    started = time.monotonic()
    pool = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(connections)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()

    def pct(p: float) -> float:
        return (
            latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000
            if latencies
            else 0.0
        )

    return Result(
        target.name,
        describe(target),
        len(latencies),
        elapsed,
        errors[0],
        pct(50),
        pct(95),
        pct(99),
        latencies[-1] * 1000 if latencies else 0.0,
        "python",
    )


def describe(target: Target) -> str:
    if len(target.paths) == 1:
        return target.paths[0]
    return re.sub(r"\d+$", "<id>", target.paths[0]) + f" ({len(target.paths)} ids)"


# --- report ---------------------------------------------------------------------------------


def print_table(results: list[Result]) -> None:
    print()
    print(
        f"{'target':<12} {'path':<26} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'max ms':>8} {'requests':>9} {'errors':>7}"
    )
    for r in results:
        print(
            f"{r.name:<12} {r.path:<26} {r.rps:>9.1f} {r.p50_ms:>8.1f} {r.p95_ms:>8.1f} "
            f"{r.p99_ms:>8.1f} {r.max_ms:>8.1f} {r.requests:>9} {r.errors:>7}"
        )
    by_name = {r.name: r for r in results}
    hello = by_name.get("hello")
    if hello and hello.rps:
        print()
        for name in ("board", "offer page", "search", "health", "about"):
            if name in by_name:
                ratio = by_name[name].rps / hello.rps
                verdict = ""
                if name == "board":
                    verdict = "  goal ≥ 25 %: " + ("MET" if ratio >= GOAL else "NOT MET")
                print(f"{name}/hello throughput: {ratio:6.1%}{verdict}")


def print_breakdown(rows: list[Breakdown], detail: bool) -> None:
    if not rows:
        return
    print()
    print("In-process cost per request (Flask test client, no HTTP, one process):")
    print(f"{'target':<12} {'ms/request':>11} {'SQL statements':>15} {'SQL ms':>8}")
    for row in rows:
        print(
            f"{row.name:<12} {row.ms_per_request:>11.2f} {row.queries_per_request:>15.1f} "
            f"{row.sql_ms_per_request:>8.2f}"
        )
    for row in rows:
        print(f"  slowest statements of {row.name} (ms per request, times per request, SQL):")
        for ms, times, sql in row.statements[: 8 if detail else 3]:
            print(f"    {ms:7.2f} ms  x{times:<4.1f} {sql}")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--offers", type=int, default=10_000, help="published offers to insert (default 10000)"
    )
    parser.add_argument(
        "--duration", type=float, default=10, help="seconds of load per target (default 10)"
    )
    parser.add_argument(
        "--warmup",
        type=float,
        default=2,
        help="seconds of unmeasured load before each target (default 2)",
    )
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument(
        "--connections", type=int, default=8, help="concurrent keep-alive connections (default 8)"
    )
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument(
        "--targets",
        default="hello,board,offer",
        help="comma-separated, from: " + ", ".join(TARGETS) + " (default hello,board,offer)",
    )
    parser.add_argument(
        "--database-url",
        help="benchmark this database instead of a "
        "temporary SQLite file; it must be empty unless --reset-database",
    )
    parser.add_argument(
        "--reset-database", action="store_true", help="drop every table of --database-url first"
    )
    parser.add_argument(
        "--python-loader",
        action="store_true",
        help="use the Python load generator even if wrk is installed",
    )
    parser.add_argument(
        "--profile", action="store_true", help="list the slowest SQL statements of each page"
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args(argv)
    if args.connections < 1 or args.workers < 1 or args.offers < 1 or args.duration <= 0:
        parser.error("--connections, --workers, --offers and --duration must be positive")
    unknown = set(args.targets.split(",")) - set(TARGETS)
    if unknown:
        parser.error(f"unknown targets: {', '.join(sorted(unknown))}")
    if args.reset_database and not args.database_url:
        parser.error("--reset-database only applies to --database-url")
    return args


def interrupt(signum, frame):
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="oj-bench-"))
    instance = work / "instance"
    (work / "hello").mkdir()
    (work / "hello" / "hello_app.py").write_text(HELLO_APP)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FLASK_", "OJ_"))}
    env.pop("DATABASE_URL", None)
    env.update(
        OJ_INSTANCE_PATH=str(instance),
        OJ_ENV="development",
        SECRET_KEY=secrets.token_hex(16),
        PYTHONDONTWRITEBYTECODE="1",
    )
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    for key in set(os.environ) - set(env):
        del os.environ[key]
    os.environ.update(env)  # read by create_app() in prepare_database

    signal.signal(signal.SIGTERM, interrupt)  # `kill` unwinds through the finally, like Ctrl-C
    servers = Servers(work)
    try:
        print(f"Preparing the database with {args.offers} published offers…", flush=True)
        app, ids, info = prepare_database(args.offers, args.reset_database, SEED)
        print(
            f"  {info['database']}: {info['visible_offers']} visible offers "
            f"(schema + reference {info['schema_and_reference_s']:.1f} s, generate "
            f"{info['generate_s']:.1f} s, insert {info['insert_s']:.1f} s)"
        )
        rng = random.Random(SEED)
        sample = rng.sample(ids, min(len(ids), 1000))
        chosen = args.targets.split(",")
        all_targets = {
            "hello": Target("hello", "hello", ["/"]),
            "board": Target("board", "board", ["/offres"]),
            "offer": Target("offer page", "board", [f"/offres/{i}" for i in sample]),
            "search": Target("search", "board", ["/offres?q=soudeur"]),
            "health": Target("health", "board", ["/sante"]),
            "about": Target("about", "board", ["/a-propos"]),
        }
        targets = [all_targets[name] for name in chosen]

        rows = breakdown(app, targets, rounds=50, detail=args.profile)

        print(f"Starting gunicorn ({args.workers} workers each) on 127.0.0.1…", flush=True)
        ports = {}
        if any(t.server == "board" for t in targets):
            ports["board"] = servers.start("board", "wsgi:app", ROOT, env, args.workers, "/sante")
            status, html = http_get(ports["board"], "/offres")
            shown = re.search(r"(\d[\d\s\u202f\xa0]*) offres", html)
            print(
                f"  /offres: HTTP {status}, {shown.group(0) if shown else 'no offer count found'}"
            )
            if status != 200:
                raise RuntimeError("the board page does not answer 200")
        if any(t.server == "hello" for t in targets):
            ports["hello"] = servers.start(
                "hello", "hello_app:app", work / "hello", env, args.workers, "/"
            )

        wrk = None if args.python_loader else shutil.which("wrk")
        loader = "wrk" if wrk else "python (threads + http.client keep-alive)"
        print(
            f"Load: {loader}, {args.connections} connections"
            + (f", {args.threads} threads" if wrk else "")
            + f", {args.warmup:g} s warm-up + {args.duration:g} s per target.",
            flush=True,
        )
        results = []
        for target in targets:
            port = ports[target.server]
            if wrk:
                if args.warmup > 0:
                    run_wrk(wrk, port, target, args.warmup, args.connections, args.threads, work)
                result = run_wrk(
                    wrk, port, target, args.duration, args.connections, args.threads, work
                )
            else:
                if args.warmup > 0:
                    run_python(port, target, args.warmup, args.connections)
                result = run_python(port, target, args.duration, args.connections)
            print(f"  {target.name}: {result.rps:.0f} req/s", flush=True)
            results.append(result)

        print(
            f"\nMachine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
            f"{platform.python_version()}; load generator and servers share these CPUs."
        )
        print_table(results)
        print_breakdown(rows, args.profile)
        if args.json:
            args.json.write_text(
                json.dumps(
                    {
                        "offers": info["visible_offers"],
                        "database": info["database"],
                        "workers": args.workers,
                        "connections": args.connections,
                        "duration_s": args.duration,
                        "cpus": os.cpu_count(),
                        "results": [{**asdict(r), "rps": r.rps} for r in results],
                        "breakdown": [asdict(b) for b in rows],
                    },
                    indent=2,
                )
            )
        return 0
    except KeyboardInterrupt:
        print("\nInterrupted.", file=sys.stderr)
        return 130
    finally:
        servers.stop()
        clean_up(work, args.keep)


if __name__ == "__main__":
    sys.exit(main())
