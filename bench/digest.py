"""Benchmark: the daily LGE digest to 10,000 subscribers through a local aiosmtpd server, next to
the floor: as many pre-rendered messages handed to the same server.

    .venv/bin/python bench/digest.py                    # 10,000 subscribers, 20 new offers, SQLite
    .venv/bin/python bench/digest.py --subscribers 2000 --new-offers 40
    .venv/bin/python bench/digest.py --database-url postgresql://postgres@127.0.0.1/bench_digest \\
        --reset-database                                # PostgreSQL (drops that DB's tables!)

It builds a fresh database (SQLite in a temporary instance directory unless --database-url),
runs the migrations (the core and every plugin branch), loads the reference data and inserts,
seeded: the demo employers, --new-offers offers published during the day before the run's day
(what the digest is about) and --old-offers older ones (visible, but outside the look-back), and
--subscribers active subscriptions with varied criteria: none, CNP codes, keywords (one or two
alternatives), municipalities, MRC, a home and a distance, often with employment types or
schedules, three quarters in French, most of them with yesterday's digest already sent.

An aiosmtpd server runs in a child process on 127.0.0.1 (a real MTA is another process too); it
counts what it accepts, checks each message has the RFC 8058 headers, and keeps a uniform sample
of the messages. Then, in this process:
  1. `plugins.lge_digest.sending.send_digests()`, timed, with the peak resident memory of the run
     (the kernel's high-water mark, reset just before) and the run's own split: select (load,
     match, claim), render, hand-off (SMTP, without the per-message commit) and record (the
     commit before each final "." and the delivery/distribution rows);
  2. the floor: --floor-messages (= --subscribers) messages, pre-rendered (the sample of real
     digests, cycled), sent with `smtplib.SMTP.sendmail` over one connection to the same server;
     and the same messages through the run's own `SmtpTransport.handoff` with no database, which
     shows what the per-message commit costs.
It checks that the server received exactly the digests the database says were sent, and prints
the verdicts of the goals (from the issue): the whole run <= 60 s and <= 3x the floor.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import random
import re
import secrets
import smtplib
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

from common import clean_up, free_port, fresh_schema

ROOT = Path(__file__).resolve().parent.parent
SEED = 20241203
GOAL_SECONDS = 60.0
GOAL_RATIO = 3.0
SAMPLE = 300  # digests kept by the server for the floor
ONE_CLICK = b"\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"

KEYWORDS = [
    "soudeur",
    "journalier",
    "commis",
    "préposé",
    "cuisinier",
    "caissier",
    "mécanicien",
    "électricien",
    "chauffeur",
    "opérateur",
    "secrétaire",
    "vendeur",
    "entretien ménager",
    "manutentionnaire",
    "aide-cuisinier",
    "comptable",
    "technicien",
    "infirmière",
    "éducatrice",
    "plongeur",
    "serveur",
    "magasinier",
    "menuisier",
    "peintre",
    "réceptionniste",
    "livreur",
]


# --- the SMTP server (child process) ----------------------------------------------------------


class CountingHandler:
    """Counts accepted messages and bytes and keeps a reservoir sample of them."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.rng = random.Random(SEED)
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.messages = 0
            self.bytes = 0
            self.without_one_click = 0
            self.sample: list[bytes] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd API)
        content = envelope.content
        head = content[: content.find(b"\r\n\r\n") + 2]
        with self.lock:
            self.messages += 1
            self.bytes += len(content)
            self.without_one_click += ONE_CLICK not in head
            if len(self.sample) < SAMPLE:
                self.sample.append(content)
            else:
                slot = self.rng.randrange(self.messages)
                if slot < SAMPLE:
                    self.sample[slot] = content
        return "250 2.0.0 Ok: queued"


def serve_smtp() -> int:
    """Child process: print the port, then answer `stats`, `reset` and `dump DIR` on stdin."""
    from aiosmtpd.controller import Controller

    handler = CountingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    print(controller.port, flush=True)
    try:
        for line in sys.stdin:
            command, _, arg = line.strip().partition(" ")
            with handler.lock:
                stats = {
                    "messages": handler.messages,
                    "bytes": handler.bytes,
                    "without_one_click": handler.without_one_click,
                }
                sample = list(handler.sample)
            if command == "reset":
                handler.reset()
            elif command == "dump":
                for number, content in enumerate(sample):
                    (Path(arg) / f"{number:04d}.eml").write_bytes(content)
                stats["dumped"] = len(sample)
            print(json.dumps(stats), flush=True)
    finally:
        controller.stop()
    return 0


class SmtpServer:
    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "--serve-smtp"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.port = int(self.proc.stdout.readline())

    def ask(self, command: str) -> dict:
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


# --- memory -----------------------------------------------------------------------------------


def _status_kb(field: str) -> int | None:
    try:
        match = re.search(rf"^{field}:\s+(\d+) kB", Path("/proc/self/status").read_text(), re.M)
    except OSError:
        return None
    return int(match.group(1)) if match else None


def reset_peak_memory() -> bool:
    """Reset the kernel's resident high-water mark (Linux >= 4.0); False where unsupported."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def peak_memory_mb() -> float:
    peak = _status_kb("VmHWM")
    if peak is None:  # no /proc: the process's peak since it started
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        if sys.platform == "darwin":  # bytes there, kilobytes elsewhere
            peak //= 1024
    return peak / 1024


# --- the data ---------------------------------------------------------------------------------


def prepare(args) -> tuple[object, dict]:
    """Migrate, load the reference data, the offers and the subscribers; returns (app, info)."""
    sys.path.insert(0, str(ROOT))
    from sqlalchemy import insert, select, text

    from orientheque_jobs import create_app
    from orientheque_jobs.extensions import db
    from orientheque_jobs.models import Municipality, NocUnitGroup, Offer
    from orientheque_jobs.services.clock import local_today
    from orientheque_jobs.services.demo import PUBLISHED_ONLY, build_employers, generate_offers
    from plugins.lge_digest.models import DigestSubscription
    from plugins.lge_digest.sending import day_start

    app = create_app()
    info: dict = {}
    rng = random.Random(args.seed)
    with app.app_context():
        info["schema_and_reference_s"] = fresh_schema(Offer, args.reset_database)

        started = time.perf_counter()
        day = local_today()
        cutoff = day_start(day)
        employers = build_employers()
        offers = generate_offers(
            employers,
            args.new_offers + args.old_offers,
            rng,
            day,
            statuses=PUBLISHED_ONLY,
            with_events=False,
        )
        for number, offer in enumerate(offers):
            if number < args.new_offers:  # during yesterday (local time): today's digest
                offer.published_at = cutoff - timedelta(minutes=rng.randint(5, 23 * 60))
            else:  # visible, but older than the look-back
                offer.published_at = cutoff - timedelta(days=rng.randint(9, 50))
        db.session.add_all(employers)
        db.session.add_all(offers)
        db.session.commit()

        new = offers[: args.new_offers]
        offer_nocs = sorted({o.noc_code for o in new if o.noc_code})
        all_nocs = list(db.session.scalars(select(NocUnitGroup.code)))
        title_words = sorted({o.title.split()[0].lower() for o in new})
        towns = sorted({e.municipality_code for e in employers if e.municipality_code})
        regions = set(
            db.session.scalars(select(Municipality.region_code).where(Municipality.code.in_(towns)))
        )
        nearby = list(
            db.session.execute(
                select(Municipality.code, Municipality.mrc_code)
                .where(Municipality.region_code.in_(regions))
                .order_by(Municipality.code)
            )
        )
        mrcs = sorted({mrc for _code, mrc in nearby if mrc})
        codes = [code for code, _mrc in nearby]

        def some(values, low, high):
            return rng.sample(values, min(len(values), rng.randint(low, high)))

        now = datetime.utcnow().replace(microsecond=0)
        yesterday = day - timedelta(days=1)
        rows, kinds = [], {}
        for number in range(args.subscribers):
            kind = rng.choices(
                ["everything", "noc", "keywords", "keywords+place", "place", "distance"],
                [10, 25, 25, 10, 15, 15],
            )[0]
            kinds[kind] = kinds.get(kind, 0) + 1
            row = {
                "email": f"abonne{number:05d}@bench.example",
                "language": "fr" if rng.random() < 0.75 else "en",
                "status": "active",
                "token": secrets.token_urlsafe(32),
                "keywords": None,
                "noc_codes": "",
                "municipality_codes": "",
                "mrc_codes": "",
                "home_municipality_code": None,
                "max_distance_km": None,
                "employment_types": 0,
                "schedules": 0,
                "last_digest_on": yesterday if rng.random() < 0.8 else None,
                "bounces": 0,
                "created_at": now - timedelta(days=rng.randint(3, 300)),
                "updated_at": now,
            }
            row["confirmed_at"] = row["created_at"] + timedelta(minutes=rng.randint(1, 600))
            if kind == "noc":
                pool = offer_nocs if rng.random() < 0.8 else all_nocs
                row["noc_codes"] = " ".join(some(pool, 1, 3))
            if kind.startswith("keywords"):
                pool = title_words + KEYWORDS
                row["keywords"] = ", ".join(some(pool, 1, 2))
            if kind in ("place", "keywords+place"):
                if rng.random() < 0.5:
                    row["mrc_codes"] = " ".join(some(mrcs, 1, 2))
                else:
                    local = [c for c in towns if rng.random() < 0.6] or towns
                    row["municipality_codes"] = " ".join(some(local + codes, 1, 4))
            if kind == "distance":
                row["home_municipality_code"] = rng.choice(towns if rng.random() < 0.7 else codes)
                row["max_distance_km"] = rng.choice([10, 20, 30, 50, 80])
            if rng.random() < 0.3:
                row["employment_types"] = rng.choice([1, 2, 4, 5, 9, 3])
            if rng.random() < 0.15:
                row["schedules"] = rng.choice([1, 3, 8, 1 | 8, 4 | 16])
            rows.append(row)
        table = DigestSubscription.__table__
        for first in range(0, len(rows), 2000):
            db.session.execute(insert(table), rows[first : first + 2000])
        db.session.commit()
        info["generate_and_insert_s"] = time.perf_counter() - started
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(text("ANALYZE"))
        info["kinds"] = kinds
        info["day"] = day
        info["database"] = db.engine.url.render_as_string(hide_password=True)
        db.session.remove()
    return app, info


# --- the measures -----------------------------------------------------------------------------


def run_digest(app, day, profile: bool) -> tuple[object, float, float, bool]:
    from plugins.lge_digest.sending import send_digests

    profiler = cProfile.Profile() if profile else None
    with app.app_context():
        resettable = reset_peak_memory()
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        summary = send_digests(day)
        if profiler:
            profiler.disable()
        elapsed = time.perf_counter() - started
        peak = peak_memory_mb()
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
    return summary, elapsed, peak, resettable


def check_database(app, day) -> dict:
    from sqlalchemy import func, select

    from orientheque_jobs.extensions import db
    from orientheque_jobs.models import Distribution
    from plugins.lge_digest.models import DeliveryStatus, DigestDelivery

    with app.app_context():
        by_status = dict(
            db.session.execute(
                select(DigestDelivery.status, func.count())
                .where(DigestDelivery.day == day)
                .group_by(DigestDelivery.status)
            ).all()
        )
        distributions = db.session.scalar(
            select(func.count())
            .select_from(Distribution)
            .where(Distribution.channel == "lge_digest")
        )
        db.session.remove()
    return {
        "sent": by_status.get(DeliveryStatus.SENT, 0),
        "empty": by_status.get(DeliveryStatus.EMPTY, 0),
        "other": sum(
            n for s, n in by_status.items() if s not in (DeliveryStatus.SENT, DeliveryStatus.EMPTY)
        ),
        "distributions": distributions,
    }


def load_sample(server: SmtpServer, work: Path, count: int) -> list[tuple[str, bytes]]:
    folder = work / "sample"
    folder.mkdir()
    server.ask(f"dump {folder}")
    payloads = [path.read_bytes() for path in sorted(folder.glob("*.eml"))]
    if not payloads:
        raise SystemExit("No digest reached the server: nothing to build the floor from.")
    return [(f"plancher{n:05d}@bench.example", payloads[n % len(payloads)]) for n in range(count)]


def floor_smtplib(port: int, sender: str, messages) -> float:
    conn = smtplib.SMTP("127.0.0.1", port)
    conn.ehlo()
    started = time.perf_counter()
    for recipient, payload in messages:
        conn.sendmail(sender, [recipient], payload)
    elapsed = time.perf_counter() - started
    conn.quit()
    return elapsed


def floor_handoff(app, sender: str, messages) -> float:
    from plugins.lge_digest.sending import Outcome, SmtpTransport, smtp_payload

    transport = SmtpTransport(app.config)
    ready = [(recipient, smtp_payload(payload)) for recipient, payload in messages]
    started = time.perf_counter()
    for recipient, payload in ready:
        result = transport.handoff(sender, recipient, payload, mark=lambda: True)
        if result.outcome is not Outcome.SENT:
            raise SystemExit(f"The floor hand-off failed: {result.detail}")
    elapsed = time.perf_counter() - started
    transport.close()
    return elapsed


# --- main -------------------------------------------------------------------------------------


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--new-offers", type=int, default=20, help="offers the digest is about")
    parser.add_argument("--old-offers", type=int, default=500, help="visible, older offers")
    parser.add_argument("--floor-messages", type=int, help="default: --subscribers")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--database-url", help="default: SQLite in the temporary directory")
    parser.add_argument(
        "--reset-database", action="store_true", help="drop the tables of --database-url first"
    )
    parser.add_argument(
        "--cprofile", action="store_true", help="print where the run's time goes (slows it down)"
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--serve-smtp", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.subscribers < 1 or args.new_offers < 1 or args.old_offers < 0:
        parser.error("--subscribers and --new-offers must be positive")
    if args.reset_database and not args.database_url:
        parser.error("--reset-database only applies to --database-url")
    args.floor_messages = args.floor_messages or args.subscribers
    return args


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.serve_smtp:
        return serve_smtp()
    work = Path(tempfile.mkdtemp(prefix="oj-bench-digest-"))
    server = SmtpServer()
    os.environ.update(
        OJ_INSTANCE_PATH=str(work / "instance"),
        OJ_ENV="development",
        SECRET_KEY=secrets.token_hex(16),
        OJ_SEARCH_AUTOSYNC="false",
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=str(server.port),
    )
    os.environ.pop("MAIL_SUPPRESS_SEND", None)
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    try:
        print(
            f"Preparing: {args.subscribers:,} subscribers, {args.new_offers} new offers, "
            f"{args.old_offers} older ones…",
            flush=True,
        )
        app, info = prepare(args)
        kinds = ", ".join(f"{k} {n:,}" for k, n in sorted(info["kinds"].items()))
        print(
            f"  {info['database']} (schema + reference {info['schema_and_reference_s']:.1f} s, "
            f"data {info['generate_and_insert_s']:.1f} s)\n  criteria: {kinds}",
            flush=True,
        )
        print(
            f"Sending the digests of {info['day']} to aiosmtpd on port {server.port}…", flush=True
        )
        summary, elapsed, peak, resettable = run_digest(app, info["day"], args.cprofile)
        received = server.ask("stats")
        recorded = check_database(app, info["day"])
        from plugins.lge_digest.sending import senders

        with app.app_context():
            _header, envelope_from = senders()  # the run's own envelope sender
        messages = load_sample(server, work, args.floor_messages)
        server.ask("reset")
        print(f"Floor: {len(messages):,} pre-rendered messages to the same server…", flush=True)
        floor = floor_smtplib(server.port, envelope_from, messages)
        floor_received = server.ask("reset")["messages"]
        handoff = floor_handoff(app, envelope_from, messages)
        handoff_received = server.ask("stats")["messages"]
    finally:
        server.stop()
        clean_up(work, args.keep)

    t = summary.timings
    rate = summary.sent / elapsed if elapsed else 0.0
    floor_rate = len(messages) / floor
    best_floor = min(floor, handoff)  # the floor is the faster of the two ways
    ratio = elapsed / best_floor
    size = received["bytes"] / received["messages"] / 1024 if received["messages"] else 0.0
    print()
    print(
        f"digest run: {summary.subscribers:,} active subscribers, {summary.candidates} new offers"
    )
    for line in summary.lines():
        print(f"  {line}")
    print(
        f"  index searches {summary.queries} (the other criteria came from the run's cache), "
        f"mean message {size:.1f} KiB"
    )
    print(f"  whole run            {elapsed:8.2f} s   {rate:8.0f} messages/s")
    print(f"    select             {t['select']:8.2f} s   (load, match, claim)")
    print(f"    render             {t['render']:8.2f} s")
    print(f"    hand-off           {t['handoff']:8.2f} s   (SMTP)")
    print(f"    record             {t['record']:8.2f} s   (commit before each final '.', rows)")
    other = elapsed - sum(t.values())
    print(f"    other              {other:8.2f} s")
    peak_note = "during the run" if resettable else "since the process started"
    print(f"  peak memory          {peak:8.0f} MB  (resident, {peak_note})")
    print(f"floor: {len(messages):,} pre-rendered messages, one connection")
    print(f"  smtplib.sendmail     {floor:8.2f} s   {floor_rate:8.0f} messages/s")
    print(
        f"  SmtpTransport alone  {handoff:8.2f} s   {len(messages) / handoff:8.0f} messages/s"
        "   (the run's hand-off code, no database)"
    )
    print("checks:")
    checks = {
        "server received every digest the database says was sent": received["messages"]
        == recorded["sent"]
        == summary.sent,
        "every digest has List-Unsubscribe-Post (RFC 8058)": received["without_one_click"] == 0,
        "one delivery row per subscriber": recorded["sent"] + recorded["empty"] + recorded["other"]
        == summary.subscribers,
        "floor messages all received": floor_received == handoff_received == len(messages),
    }
    for name, ok in checks.items():
        print(f"  {'ok' if ok else 'FAILED'}  {name}")
    print(
        f"  ({received['messages']:,} received, {recorded['sent']:,} sent rows, "
        f"{recorded['empty']:,} empty, {recorded['distributions']:,} distribution rows)"
    )
    print("goals:")
    print(
        f"  whole run <= {GOAL_SECONDS:.0f} s: {elapsed:.1f} s — {verdict(elapsed <= GOAL_SECONDS)}"
    )
    print(
        f"  whole run <= {GOAL_RATIO:.0f}x the floor ({best_floor:.1f} s): {ratio:.2f}x — "
        f"{verdict(ratio <= GOAL_RATIO)}"
    )
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "subscribers": summary.subscribers,
                    "new_offers": summary.candidates,
                    "sent": summary.sent,
                    "empty": summary.empty,
                    "run_s": elapsed,
                    "timings": t,
                    "messages_per_s": rate,
                    "peak_memory_mb": peak,
                    "floor_messages": len(messages),
                    "floor_smtplib_s": floor,
                    "floor_handoff_s": handoff,
                    "ratio": ratio,
                    "checks": checks,
                },
                indent=2,
            )
        )
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
