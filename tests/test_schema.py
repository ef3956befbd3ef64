"""The models and the Alembic migrations describe the same schema, on this test's database."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from orientheque_jobs.extensions import db


def test_models_and_migrations_agree(app, ctx):
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "render_as_batch": True}
        )
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_migrations_go_down_and_up_again(app, ctx):
    db.session.remove()
    downgrade(revision="base")
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    upgrade(revision="heads")
    from orientheque_jobs.services.reference import load_reference_data

    counts = load_reference_data()
    assert counts["municipality"] == 1281
    assert "offer" in inspect(db.engine).get_table_names()
