"""The offer index: one writer applies the outbox; anyone may read.

State kept next to the Whoosh files, in the index folder: `oj_state.json` holds the last outbox
sequence applied and the schema version. It is replaced atomically *after* each Whoosh commit, so
a writer killed in between re-applies a few changes next time, which `update_document` and
`delete_by_term` make harmless. A missing or unreadable index is rebuilt from the database.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload
from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError
from whoosh.query import NumericRange
from whoosh.util.filelock import try_for
from whoosh.writing import CLEAR

from ..extensions import db
from ..models.base import utcnow
from ..models.offers import Offer
from ..services.clock import local_today
from .models import SearchOutbox
from .outbox import OFFER
from .schema import OFFER_SCHEMA_VERSION, offer_document, offer_schema

Progress = Callable[[int, int], None]

STATE_FILE = "oj_state.json"
BATCH = 500
# A transaction that took a sequence number may commit after a later one (PostgreSQL): a gap
# in the outbox is waited for this long before the recorded sequence moves past it.
GAP_GRACE = timedelta(minutes=2)


class IndexUnavailable(Exception):
    """The index folder is missing, from another schema version, or unreadable."""


@dataclass
class SyncResult:
    applied: int = 0  # outbox rows read and applied
    expired: int = 0  # documents dropped because their expiry date passed
    rebuilt: bool = False
    busy: bool = False  # another writer held the lock; nothing was done
    last_sequence: int | None = None


def safe_sequence(
    last: int, rows: Iterable[tuple[int, datetime]], now: datetime, grace: timedelta
) -> int:
    """How far the recorded sequence may move after applying `rows` (id, created_at), by id.

    It stops before a gap whose following row is younger than `grace`: the missing number may
    belong to a transaction not yet committed. Rows past that point are applied again next run.
    """
    expected = last + 1
    for row_id, created_at in rows:
        if row_id != expected and created_at > now - grace:
            break
        last, expected = row_id, row_id + 1
    return last


def _write_atomically(path: Path, content: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


class OfferIndex:
    """The Whoosh index of visible offers, in `<OJ_INDEX_DIR>/offers`."""

    name = "offers"

    def __init__(self, directory: str | Path, lock_timeout: float = 5.0, grace=GAP_GRACE):
        self.directory = Path(directory)
        self.lock_timeout = lock_timeout
        self.grace = grace

    @classmethod
    def open(cls, app=None, **kwargs) -> OfferIndex:
        app = app or current_app
        return cls(Path(app.config["OJ_INDEX_DIR"]) / cls.name, **kwargs)

    # -- reading -------------------------------------------------------------------------------

    def _state(self) -> dict | None:
        try:
            state = json.loads((self.directory / STATE_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(state, dict) or state.get("schema_version") != OFFER_SCHEMA_VERSION:
            return None
        return state

    def last_applied_sequence(self) -> int | None:
        """The last outbox id this index reflects; None when the index must be rebuilt."""
        state = self._state()
        return None if state is None else int(state["last_sequence"])

    def whoosh(self) -> whoosh_index.Index:
        """The underlying Whoosh index, for searching; IndexUnavailable when it cannot be read."""
        if self._state() is None:
            raise IndexUnavailable(self.directory)
        try:
            ix = whoosh_index.open_dir(str(self.directory))
            ix.doc_count()  # reads the segment list: fails on a damaged index
        except Exception as error:  # noqa: BLE001 (any damage means: rebuild)
            raise IndexUnavailable(self.directory) from error
        return ix

    def available(self) -> bool:
        try:
            self.whoosh()
        except IndexUnavailable:
            return False
        return True

    def doc_ids(self) -> set[int]:
        with self.whoosh().searcher() as searcher:
            return {int(fields["id"]) for fields in searcher.all_stored_fields()}

    # -- writing (one writer at a time, guarded by Whoosh's write lock) ------------------------

    def _record(self, sequence: int) -> None:
        state = {"last_sequence": sequence, "schema_version": OFFER_SCHEMA_VERSION}
        _write_atomically(self.directory / STATE_FILE, json.dumps(state))

    def apply_changes(self) -> SyncResult:
        """Apply the outbox past the recorded sequence; rebuild first when the index is unusable.

        Returns at once with `busy=True` when another writer holds the lock.
        """
        with Session(db.engine) as session:
            last = self.last_applied_sequence()
            max_id = session.scalar(select(func.max(SearchOutbox.id))) or 0
            # An index ahead of the outbox was built from another database: start again.
            if last is None or last > max_id or not self.available():
                return self._rebuild(session, None)
            return self._apply_outbox(session, last)

    def _apply_outbox(self, session: Session, last: int) -> SyncResult:
        result = SyncResult(last_sequence=last)
        today = local_today()
        ix = self.whoosh()
        cursor = last  # the last row read; `last` may stay behind it, before a recent gap
        while True:
            rows = session.execute(
                select(SearchOutbox.id, SearchOutbox.entity_id, SearchOutbox.created_at)
                .where(SearchOutbox.id > cursor, SearchOutbox.entity == OFFER)
                .order_by(SearchOutbox.id)
                .limit(BATCH)
            ).all()
            try:
                writer = ix.writer(timeout=self.lock_timeout)
            except LockError:
                result.busy = True
                return result
            try:
                self._apply(session, writer, {row.entity_id for row in rows}, today)
                expired = writer.delete_by_query(
                    NumericRange("expires_on", None, today.toordinal() - 1)
                )
            except BaseException:
                writer.cancel()
                raise
            if rows or expired:
                writer.commit()
            else:
                writer.cancel()
            result.applied += len(rows)
            result.expired += expired
            if last == cursor:
                pairs = [(row.id, row.created_at) for row in rows]
                new_last = safe_sequence(last, pairs, utcnow(), self.grace)
                if new_last != last:
                    self._record(new_last)
                    last = result.last_sequence = new_last
            cursor = rows[-1].id if rows else cursor
            session.rollback()  # end the read transaction between batches
            if len(rows) < BATCH:
                return result

    def _apply(self, session: Session, writer, offer_ids: set[int], today: date) -> int:
        """Update the documents of visible offers, delete the others; returns how many ids."""
        if not offer_ids:
            return 0
        visible = {
            offer.id: offer
            for offer in session.scalars(
                select(Offer)
                .where(Offer.id.in_(offer_ids))
                .options(
                    joinedload(Offer.employer),
                    joinedload(Offer.municipality),
                    joinedload(Offer.noc),
                )
            )
            if offer.is_visible(today)
        }
        for offer_id in sorted(offer_ids):
            if offer_id in visible:
                writer.update_document(**offer_document(visible[offer_id]))
            else:
                writer.delete_by_term("id", str(offer_id))
        return len(offer_ids)

    def rebuild(self, progress: Progress | None = None) -> SyncResult:
        """Index every visible offer from scratch; readers keep the old index until the commit."""
        with Session(db.engine) as session:
            return self._rebuild(session, progress)

    def _rebuild(self, session: Session, progress: Progress | None) -> SyncResult:
        try:
            ix = self._open_or_create()
            writer = ix.writer(timeout=self.lock_timeout)
        except LockError:
            return SyncResult(busy=True, last_sequence=self.last_applied_sequence())
        try:
            # Changes older than the grace period are committed and visible to the reads below;
            # the younger ones are applied again by the next sync.
            sequence = (
                session.scalar(
                    select(func.max(SearchOutbox.id)).where(
                        SearchOutbox.created_at <= utcnow() - self.grace
                    )
                )
                or 0
            )
            today = local_today()
            ids = session.scalars(
                select(Offer.id).where(Offer.visible_clause(today)).order_by(Offer.id)
            ).all()
            total = len(ids)
            if progress:
                progress(0, total)
            for start in range(0, total, BATCH):
                batch = session.scalars(
                    select(Offer)
                    .where(Offer.id.in_(ids[start : start + BATCH]))
                    .options(
                        joinedload(Offer.employer),
                        joinedload(Offer.municipality),
                        joinedload(Offer.noc),
                    )
                    .order_by(Offer.id)
                ).all()
                for offer in batch:
                    writer.add_document(**offer_document(offer))
                session.expunge_all()
                if progress:
                    progress(min(start + BATCH, total), total)
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=CLEAR)
        self._record(sequence)
        return SyncResult(applied=total, rebuilt=True, last_sequence=sequence)

    def _open_or_create(self) -> whoosh_index.Index:
        with contextlib.suppress(IndexUnavailable):  # missing or damaged: start afresh
            ix = self.whoosh()
            if ix.schema.names() == offer_schema().names():
                return ix
        self.directory.mkdir(parents=True, exist_ok=True)
        storage = FileStorage(str(self.directory))
        lock = storage.lock(f"{whoosh_index._DEF_INDEX_NAME}_WRITELOCK")
        if not try_for(lock.acquire, timeout=self.lock_timeout, delay=0.1):
            raise LockError
        try:
            (self.directory / STATE_FILE).unlink(missing_ok=True)
            return storage.create_index(offer_schema())  # removes the old index files
        finally:
            lock.release()
