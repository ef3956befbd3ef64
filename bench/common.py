"""What the benchmarks share: a fresh schema to start from, a free port, the clean-up."""

from __future__ import annotations

import shutil
import socket
import time
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_empty(model, reset: bool) -> None:
    """In an app context: drop every table when `reset`; otherwise refuse a database where
    `model` already has rows, since a benchmark fills the database it is given."""
    from sqlalchemy import func, inspect, select

    from orientheque_jobs.extensions import db, drop_schema

    if reset:
        drop_schema()
    elif model.__tablename__ in inspect(db.engine).get_table_names() and db.session.scalar(
        select(func.count()).select_from(model)
    ):
        raise SystemExit(
            f"The database already holds rows in {model.__tablename__}: use an empty database, "
            "or --reset-database to drop its tables first."
        )


def fresh_schema(model, reset: bool) -> float:
    """`start_empty`, then the migrations of the core and every plugin branch and the reference
    data; returns the seconds the last two took."""
    from flask_migrate import upgrade

    from orientheque_jobs.services.reference import load_reference_data

    start_empty(model, reset)
    started = time.perf_counter()
    upgrade(revision="heads")
    load_reference_data()
    return time.perf_counter() - started


def clean_up(work: Path, keep) -> None:
    """Remove the benchmark's temporary directory, unless asked to keep it."""
    if keep:
        print(f"Kept {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
