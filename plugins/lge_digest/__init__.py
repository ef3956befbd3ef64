"""Built-in channel plugin `lge_digest`: the daily email digest of new offers (in progress)."""

from pathlib import Path

from orientheque_jobs.hookspecs import hookimpl

from . import models  # noqa: F401  (registers the tables)

HERE = Path(__file__).parent


@hookimpl
def oj_migration_folders():
    return [str(HERE / "migrations")]
