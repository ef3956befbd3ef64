"""`flask search …`: apply queued changes to the indexes, or rebuild them."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from .index import INDEXES, SyncResult

search_cli = AppGroup("search", help="Search indexes (Whoosh): sync and rebuild.")


def _report(name: str, result: SyncResult) -> None:
    if result.busy:
        click.echo(f"{name}: another writer is busy with the index; nothing done")
        return
    action = "rebuilt" if result.rebuilt else "synced"
    click.echo(
        f"{name}: {action}, {result.applied} applied, {result.expired} expired, "
        f"last sequence {result.last_sequence}"
    )


@search_cli.command("sync")
@click.option("--wait", default=5.0, show_default=True, help="Seconds to wait for each lock.")
def search_sync(wait: float):
    """Apply the queued changes (rebuilds a missing or damaged index)."""
    for index in INDEXES:
        _report(index.name, index.open(lock_timeout=wait).apply_changes())


@search_cli.command("reindex")
@click.option("--wait", default=60.0, show_default=True, help="Seconds to wait for each lock.")
def search_reindex(wait: float):
    """Rebuild the indexes from the database, with a progress bar."""
    busy = False
    for index in INDEXES:
        with click.progressbar(length=0, label=index.name) as bar:

            def progress(done: int, total: int, bar=bar) -> None:
                bar.length = total
                bar.update(done - bar.pos)

            result = index.open(lock_timeout=wait).rebuild(progress)
        _report(index.name, result)
        busy = busy or result.busy
    if busy:
        raise SystemExit(1)
