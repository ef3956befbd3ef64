"""Benchmark: one year's indicators and the busiest employer's file, on a large database.

    .venv/bin/python bench/indicators.py                 # SQLite in a temporary directory
    .venv/bin/python bench/indicators.py --runs 15
    .venv/bin/python bench/indicators.py --database-url postgresql://postgres@127.0.0.1/bench \\
        --reset-database                                 # PostgreSQL (drops that DB's tables!)

It builds a fresh database (migrations), then bulk-inserts five funders' years of generated
activity (seeded, so every run has the same data): 2,000 employers with a contact each,
10,000 participants, ~60,000 employer interactions, ~12,000 company visits, ~15,000 offers,
~10,000 stages, ~7,500 maintien-en-emploi follow-ups with ~45,000 meetings. Activity is skewed
(a few employers get much more of it), as in real life.

It then measures, in process (no HTTP server), the median of --runs runs after one warm-up:
  - `indicators.compute()` for the last funders' year, and its number of SQL statements;
  - the indicators page, GET /conseil/indicateurs/ (compute + rendering + chart);
  - the CSV and XLSX exports;
  - the employer file of the busiest employer, GET /conseil/employeurs/<id>, logged in as a
    counsellor (skipped with a note when that page does not answer 200).
Goal (from the issue): each under 300 ms, and a number of SQL statements that does not grow
with the data (`--scale 0.1` runs the same on a tenth of the data to compare the counts).
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

from common import start_empty

ROOT = Path(__file__).resolve().parent.parent
SEED = 20240701
FIRST_YEAR = 2020  # funders' years 2020-2021 … 2024-2025
GOAL_MS = 300.0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="PostgreSQL URL; default: a temporary SQLite file")
    parser.add_argument(
        "--reset-database", action="store_true", help="drop every table of --database-url first"
    )
    parser.add_argument("--employers", type=int, default=2000)
    parser.add_argument("--participants", type=int, default=10000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument(
        "--scale", type=float, default=1.0, help="multiply every volume (e.g. 0.1 to compare)"
    )
    parser.add_argument("--runs", type=int, default=9, help="timed runs per measure (median)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args(argv)
    if args.reset_database and not args.database_url:
        parser.error("--reset-database only applies to --database-url")
    return args


def skewed_picker(rng: random.Random, ids: list[int]):
    """Picks ids with a Zipf-like skew: the first ids are chosen much more often."""
    weights = [1 / (rank + 5) ** 0.9 for rank in range(len(ids))]
    cumulative, total = [], 0.0
    for weight in weights:
        total += weight
        cumulative.append(total)

    def pick(count: int) -> list[int]:
        return rng.choices(ids, cum_weights=cumulative, k=count)

    return pick


def random_day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def generate(db, args, rng: random.Random) -> dict:
    """Bulk-insert the data set; returns volumes and the busiest employer."""
    from sqlalchemy import insert

    from orientheque_jobs.models import (
        CompanyVisit,
        Contact,
        Employer,
        EmployerInteraction,
        FollowUpMeeting,
        FollowUpMode,
        FollowUpOutcome,
        InteractionKind,
        MeetingPlace,
        Offer,
        OfferStatus,
        Participant,
        Placement,
        PlacementKind,
        PlacementStatus,
        Program,
        RetentionFollowUp,
        Role,
        ServiceGroup,
        User,
        VisitPurpose,
        WageSubsidy,
        visit_counsellor,
        visit_participant,
    )

    scale = args.scale
    first_day = date(FIRST_YEAR, 7, 1)
    last_day = date(FIRST_YEAR + args.years, 6, 30)
    n_employers = max(10, int(args.employers * scale))
    n_participants = max(20, int(args.participants * scale))
    per_year = {
        "visits": int(2400 * scale),
        "interactions": int(12000 * scale),
        "offers": int(3000 * scale),
        "placements": int(2000 * scale),
        "follow_ups": int(1500 * scale),
    }
    counts: Counter = Counter()

    def bulk(model_or_table, rows: list[dict]) -> None:
        for chunk in range(0, len(rows), 5000):
            db.session.execute(insert(model_or_table), rows[chunk : chunk + 5000])
        counts[getattr(model_or_table, "__tablename__", None) or model_or_table.name] += len(rows)

    bulk(
        User,
        [
            dict(
                id=i,
                email=f"conseil{i}@bench.example",
                name=f"Conseillère {i}",
                role=Role.COUNSELLOR if i > 1 else Role.MANAGER,
                password_hash="!",  # noqa: S106 (set by log_in before use)
            )
            for i in range(1, 11)
        ],
    )
    counsellors = list(range(2, 11))
    bulk(
        Employer,
        [
            dict(id=i, name=f"Entreprise {i:04d} inc.", sector="Fabrication")
            for i in range(1, n_employers + 1)
        ],
    )
    bulk(
        Contact,
        [
            dict(id=i, employer_id=i, name=f"Contact {i}", email=f"rh{i}@entreprise{i}.example")
            for i in range(1, n_employers + 1)
        ],
    )
    employer_ids = list(range(1, n_employers + 1))
    rng.shuffle(employer_ids)  # the busiest employers are not simply the first ids
    pick_employer = skewed_picker(rng, employer_ids)
    groups = list(ServiceGroup)
    bulk(
        Participant,
        [
            dict(
                id=i,
                first_name=f"Prénom{i}",
                last_name=f"Nom{i}",
                service_group=ServiceGroup.ME if rng.random() < 0.2 else rng.choice(groups),
                program=rng.choice(list(Program)),
                counsellor_id=rng.choice(counsellors),
                started_on=random_day(rng, first_day, last_day),
            )
            for i in range(1, n_participants + 1)
        ],
    )
    participant_ids = list(range(1, n_participants + 1))
    years = args.years

    n = per_year["visits"] * years
    visit_employers = pick_employer(n)
    bulk(
        CompanyVisit,
        [
            dict(
                id=i,
                employer_id=visit_employers[i - 1],
                visited_on=random_day(rng, first_day, last_day),
                purpose=rng.choice(list(VisitPurpose)),
            )
            for i in range(1, n + 1)
        ],
    )
    bulk(
        visit_counsellor,
        [{"visit_id": i, "user_id": rng.choice(counsellors)} for i in range(1, n + 1)],
    )
    bulk(
        visit_participant,
        [
            {"visit_id": i, "participant_id": p}
            for i in range(1, n + 1)
            if rng.random() < 0.3
            for p in set(rng.sample(participant_ids, 3))
        ],
    )
    n = per_year["interactions"] * years
    interaction_employers = pick_employer(n)
    kinds = list(InteractionKind)
    kind_weights = [30, 25, 15, 10, 8, 7, 5]
    bulk(
        EmployerInteraction,
        [
            dict(
                employer_id=interaction_employers[i],
                contact_id=interaction_employers[i],
                counsellor_id=rng.choice(counsellors),
                kind=rng.choices(kinds, weights=kind_weights)[0],
                occurred_on=random_day(rng, first_day, last_day),
                notes="Appel de suivi avec la personne-ressource.",
            )
            for i in range(n)
        ],
    )
    n = per_year["offers"] * years
    offer_employers = pick_employer(n)
    offer_rows = []
    for i in range(n):
        published = datetime.combine(random_day(rng, first_day, last_day), datetime.min.time())
        published += timedelta(minutes=rng.randrange(24 * 60))
        offer_rows.append(
            dict(
                employer_id=offer_employers[i],
                contact_id=offer_employers[i],
                status=rng.choice([OfferStatus.FILLED, OfferStatus.EXPIRED, OfferStatus.WITHDRAWN]),
                title="Opérateur ou opératrice de production",
                description="Travail en usine, formation offerte.",
                expires_on=published.date() + timedelta(days=30),
                submitted_at=published,
                published_at=published,
                closed_at=published + timedelta(days=30),
                search_text="operateur operatrice production",
            )
        )
    bulk(Offer, offer_rows)
    n = per_year["placements"] * years
    placement_employers = pick_employer(n)
    statuses = list(PlacementStatus)
    placement_rows = []
    for i in range(n):
        starts = random_day(rng, first_day, last_day)
        placement_rows.append(
            dict(
                participant_id=rng.choice(participant_ids),
                employer_id=placement_employers[i],
                counsellor_id=rng.choice(counsellors),
                program=rng.choice(list(Program)),
                kind=rng.choice(list(PlacementKind)),
                starts_on=starts,
                ends_on=starts + timedelta(days=rng.randrange(5, 60)),
                status=rng.choices(statuses, weights=[10, 10, 70, 10])[0],
            )
        )
    bulk(Placement, placement_rows)
    n = per_year["follow_ups"] * years
    follow_up_employers = pick_employer(n)
    follow_ups, subsidies, meetings = [], [], []
    for i in range(1, n + 1):
        opened = random_day(rng, first_day, last_day)
        closed = opened + timedelta(days=rng.randrange(30, 300))
        closed = closed if closed <= last_day else None
        follow_ups.append(
            dict(
                id=i,
                participant_id=rng.choice(participant_ids),
                employer_id=follow_up_employers[i - 1],
                counsellor_id=rng.choice(counsellors),
                job_title="Préposé à l'entretien",
                hired_on=opened,
                opened_on=opened,
                mode=rng.choice(list(FollowUpMode)),
                probation_ends_on=opened + timedelta(days=90),
                closed_on=closed,
                outcome=rng.choice(list(FollowUpOutcome)) if closed else None,
            )
        )
        if rng.random() < 0.4:
            subsidies.append(
                dict(
                    follow_up_id=i,
                    measure="Subvention salariale",
                    weeks=24,
                    percentage=50,
                    starts_on=opened,
                    ends_on=opened + timedelta(weeks=24),
                )
            )
        span = ((closed or last_day) - opened).days
        for _ in range(rng.randrange(2, 11)):
            day = opened + timedelta(days=rng.randrange(span + 1))
            meetings.append(
                dict(
                    follow_up_id=i,
                    met_at=datetime.combine(day, datetime.min.time())
                    + timedelta(hours=rng.randrange(12, 22)),
                    place=rng.choice(list(MeetingPlace)),
                    direct_minutes=rng.choice((15, 30, 45, 60, 90)),
                    indirect_minutes=rng.choice((0, 10, 15, 30)),
                    counsellor_id=rng.choice(counsellors),
                )
            )
    bulk(RetentionFollowUp, follow_ups)
    bulk(WageSubsidy, subsidies)
    bulk(FollowUpMeeting, meetings)
    db.session.commit()

    activity = Counter()
    for ids in (
        visit_employers,
        interaction_employers,
        offer_employers,
        placement_employers,
        follow_up_employers,
    ):
        activity.update(ids)
    busiest, busiest_count = activity.most_common(1)[0]
    return {"counts": counts, "busiest": busiest, "busiest_records": busiest_count}


def prepare(args) -> tuple[object, dict]:
    sys.path.insert(0, str(ROOT))
    from flask_migrate import upgrade
    from sqlalchemy import text

    from orientheque_jobs import create_app
    from orientheque_jobs.extensions import db
    from orientheque_jobs.models import Employer

    app = create_app()
    with app.app_context():
        start_empty(Employer, args.reset_database)
        started = time.perf_counter()
        upgrade(revision="heads")
        schema_s = time.perf_counter() - started
        started = time.perf_counter()
        info = generate(db, args, random.Random(args.seed))
        info["schema_s"] = schema_s
        info["generate_insert_s"] = time.perf_counter() - started
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(text("ANALYZE"))
        info["dialect"] = db.engine.dialect.name
    return app, info


class QueryCounter:
    def __init__(self, engine) -> None:
        self.engine, self.count = engine, 0

    def __call__(self, conn, cursor, statement, parameters, context, executemany) -> None:
        self.count += 1

    def __enter__(self):
        from sqlalchemy import event

        event.listen(self.engine, "before_cursor_execute", self)
        return self

    def __exit__(self, *exc) -> None:
        from sqlalchemy import event

        event.remove(self.engine, "before_cursor_execute", self)


def timed(app, runs: int, action) -> tuple[float, int, object]:
    """Median milliseconds over `runs` after one warm-up, statements per run, last result."""
    from orientheque_jobs.extensions import db

    with app.app_context():
        action()
        db.session.remove()
    times, statements, result = [], 0, None
    for _ in range(runs):
        with app.app_context():
            with QueryCounter(db.engine) as counter:
                started = time.perf_counter()
                result = action()
                times.append((time.perf_counter() - started) * 1000)
            statements = counter.count
            db.session.remove()
    return statistics.median(times), statements, result


BENCH_EMAIL = "conseil2@bench.example"


def log_in(app, client) -> None:
    """Log in as the counsellor of id 2 through the real login form (CSRF token included)."""
    import re

    from orientheque_jobs.extensions import db
    from orientheque_jobs.models import User

    password = secrets.token_urlsafe(12)
    with app.app_context():
        user = db.session.get(User, 2)
        user.set_password(password)
        db.session.commit()
    html = client.get("/connexion").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    response = client.post(
        "/connexion", data={"email": BENCH_EMAIL, "password": password, "csrf_token": token}
    )
    if response.status_code != 302:
        raise SystemExit(f"could not log in as {BENCH_EMAIL}: HTTP {response.status_code}")


def measure(app, info: dict, runs: int) -> list[tuple[str, float | None, int | None, str]]:
    from orientheque_jobs.services import indicators

    start, end = indicators.funders_year(date(FIRST_YEAR + info["years"] - 1, 7, 1))
    period = f"du={start.isoformat()}&au={end.isoformat()}"
    rows = []

    ms, statements, report = timed(app, runs, lambda: indicators.compute(start, end))
    figures = {s.key: [[f.value for f in r.figures] for r in s.rows] for s in report.sections}
    info["figures"] = figures
    info["period"] = (start, end)
    rows.append(("indicators.compute() one year", ms, statements, ""))

    client = app.test_client()
    log_in(app, client)

    def get(url: str):
        def action():
            response = client.get(url)
            response.get_data()
            return response

        return action

    for label, url in (
        ("GET indicators page", f"/conseil/indicateurs/?{period}"),
        ("GET export CSV", f"/conseil/indicateurs/export.csv?{period}"),
        ("GET export XLSX", f"/conseil/indicateurs/export.xlsx?{period}"),
        ("GET drill-down: visits", f"/conseil/indicateurs/detail?indicateur=visits&{period}"),
    ):
        ms, statements, response = timed(app, runs, get(url))
        note = "" if response.status_code == 200 else f"HTTP {response.status_code}"
        rows.append((label, ms, statements, note))

    url = f"/conseil/employeurs/{info['busiest']}"
    with app.app_context():
        status = client.get(url).status_code
    if status == 200:
        ms, statements, _response = timed(app, runs, get(url))
        rows.append((f"GET employer file {url}", ms, statements, ""))
    else:
        rows.append((f"GET employer file {url}", None, None, f"not measured: HTTP {status}"))
    return rows


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    temp = Path(tempfile.mkdtemp(prefix="oj-bench-indicators-"))
    os.environ.update(
        OJ_INSTANCE_PATH=str(temp),
        OJ_ENV="development",
        SECRET_KEY=secrets.token_hex(16),
        OJ_RATELIMIT_LOGIN="100000 per minute",
    )
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    try:
        started = time.perf_counter()
        app, info = prepare(args)
        info["years"] = args.years
        print(
            f"database: {info['dialect']}  data built in {time.perf_counter() - started:.1f} s "
            f"(schema {info['schema_s']:.1f} s, generate + insert "
            f"{info['generate_insert_s']:.1f} s)"
        )
        print("rows: " + ", ".join(f"{t} {n:,}" for t, n in sorted(info["counts"].items())))
        print(
            f"busiest employer: id {info['busiest']} "
            f"({info['busiest_records']:,} visits, contacts, offers, stages and follow-ups)"
        )
        rows = measure(app, info, args.runs)
        start, end = info["period"]
        print(f"\nyear measured: {start} – {end}; median of {args.runs} runs after a warm-up")
        print(f"{'measure':<58} {'ms':>8} {'SQL':>5}  verdict")
        for label, ms, statements, note in rows:
            if ms is None:
                print(f"{label:<58} {'—':>8} {'—':>5}  {note}")
                continue
            verdict = "ok" if ms < GOAL_MS else f"OVER {GOAL_MS:.0f} ms"
            print(f"{label:<58} {ms:8.1f} {statements:5d}  {verdict} {note}".rstrip())
        figures = info["figures"]
        print("\nfigures of the year (spot check):")
        print(f"  services aux entreprises: {[row[0] for row in figures['business']]}")
        print(f"  maintien en emploi: {[row[0] for row in figures['retention']]}")
        print(f"  suivis par mode (subv., non subv., total): {figures['followups']}")
        print(f"  stages, total (entreprises, stages, participants): {figures['placements'][-1]}")
    finally:
        if args.keep:
            print(f"kept {temp}")
        else:
            shutil.rmtree(temp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
