"""What the benchmarks share: a database to start from, a free port on loopback."""

from __future__ import annotations

import socket


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_empty(model, reset: bool) -> None:
    """In an app context: drop every table (Alembic's too) when `reset`; otherwise refuse a
    database where `model` already has rows, since a benchmark fills the database it is given."""
    from sqlalchemy import MetaData, func, inspect, select, text

    from orientheque_jobs.extensions import db

    if reset:
        meta = MetaData()
        meta.reflect(bind=db.engine)
        meta.drop_all(bind=db.engine)
        with db.engine.begin() as conn:
            if "alembic_version" in inspect(conn).get_table_names():
                conn.execute(text("DROP TABLE alembic_version"))
    elif model.__tablename__ in inspect(db.engine).get_table_names() and db.session.scalar(
        select(func.count()).select_from(model)
    ):
        raise SystemExit(
            f"The database already holds rows in {model.__tablename__}: use an empty database, "
            "or --reset-database to drop its tables first."
        )
