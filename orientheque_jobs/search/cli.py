"""`flask search …`: apply queued changes to the index, or rebuild it."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from .index import OfferIndex, SyncResult

search_cli = AppGroup("search", help="Search index (Whoosh): sync and rebuild.")


def _report(result: SyncResult) -> None:
    if result.busy:
        click.echo("another writer is busy with the index; nothing done")
        return
    action = "rebuilt" if result.rebuilt else "synced"
    click.echo(
        f"offers: {action}, {result.applied} applied, {result.expired} expired, "
        f"last sequence {result.last_sequence}"
    )


@search_cli.command("sync")
@click.option("--wait", default=5.0, show_default=True, help="Seconds to wait for the lock.")
def search_sync(wait: float):
    """Apply the queued changes (rebuilds a missing or damaged index)."""
    _report(OfferIndex.open(lock_timeout=wait).apply_changes())


@search_cli.command("reindex")
@click.option("--wait", default=60.0, show_default=True, help="Seconds to wait for the lock.")
def search_reindex(wait: float):
    """Rebuild the offer index from the database, with a progress bar."""
    with click.progressbar(length=0, label="offers") as bar:

        def progress(done: int, total: int) -> None:
            bar.length = total
            bar.update(done - bar.pos)

        result = OfferIndex.open(lock_timeout=wait).rebuild(progress)
    _report(result)
    if result.busy:
        raise SystemExit(1)
