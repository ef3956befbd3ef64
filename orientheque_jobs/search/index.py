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
from whoosh.fields import Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError
from whoosh.query import NumericRange
from whoosh.util.filelock import try_for
from whoosh.writing import CLEAR

from ..extensions import db
from ..models.base import utcnow
from ..models.matching import MatchingProfile, matchable_participants
from ..models.offers import Offer
from ..models.participants import Participant
from ..services.clock import local_today
from .models import SearchOutbox
from .outbox import OFFER, PARTICIPANT
from .schema import (
    OFFER_SCHEMA_VERSION,
    PARTICIPANT_SCHEMA_VERSION,
    noc_titles,
    offer_document,
    offer_schema,
    participant_document,
    participant_schema,
)

Progress = Callable[[int, int], None]

STATE_FILE = "oj_state.json"
BATCH = 500
READ_ATTEMPTS = 5
WRITER_LOCK = "oj_writer"
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


class ManagedIndex:
    """A Whoosh index of one kind of entity, in `<OJ_INDEX_DIR>/<name>`, fed by the outbox.

    A subclass says which entity it follows (`entity`), its fields (`schema`, `schema_version`),
    which entities are indexed (`visible_ids`) and their documents (`documents`).
    """

    name: str
    entity: str
    schema_version: int

    def __init__(self, directory: str | Path, lock_timeout: float = 5.0, grace=GAP_GRACE):
        self.directory = Path(directory)
        self.lock_timeout = lock_timeout
        self.grace = grace

    @classmethod
    def open(cls, app=None, **kwargs):
        app = app or current_app
        return cls(Path(app.config["OJ_INDEX_DIR"]) / cls.name, **kwargs)

    def schema(self) -> Schema:
        raise NotImplementedError

    def visible_ids(self, session: Session, today: date) -> list[int]:
        """Ids of every entity that belongs in the index, in id order."""
        raise NotImplementedError

    def documents(self, session: Session, ids: Iterable[int], today: date) -> dict[int, dict]:
        """Index documents of those of `ids` that belong in the index."""
        raise NotImplementedError

    def expire(self, writer, today: date) -> int:
        """Drop documents that left the index with time alone; returns how many."""
        return 0

    # -- reading -------------------------------------------------------------------------------

    def _state(self) -> dict | None:
        try:
            state = json.loads((self.directory / STATE_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(state, dict) or state.get("schema_version") != self.schema_version:
            return None
        return state

    def last_applied_sequence(self) -> int | None:
        """The last outbox id this index reflects; None when the index must be rebuilt."""
        state = self._state()
        return None if state is None else int(state["last_sequence"])

    def whoosh(self) -> whoosh_index.Index:
        """The underlying Whoosh index, for searching; IndexUnavailable when it cannot be read."""
        return self._read(lambda ix: ix)

    def searcher(self):
        """A new searcher (close it); IndexUnavailable when the index cannot be read."""
        return self._read(lambda ix: ix.searcher())

    def _read(self, use):
        if self._state() is None:
            raise IndexUnavailable(self.directory)
        for attempt in range(READ_ATTEMPTS):
            try:
                ix = whoosh_index.open_dir(str(self.directory))
                ix.doc_count()  # reads the segment list: fails on a damaged index
                return use(ix)
            except FileNotFoundError as error:
                # A writer committed and removed the generation being opened: read the next one.
                if attempt == READ_ATTEMPTS - 1:
                    raise IndexUnavailable(self.directory) from error
            except Exception as error:  # noqa: BLE001 (any damage means: rebuild)
                raise IndexUnavailable(self.directory) from error
        raise AssertionError("unreachable")

    def available(self) -> bool:
        try:
            self.whoosh()
        except IndexUnavailable:
            return False
        return True

    def doc_ids(self) -> set[int]:
        with self.searcher() as searcher:
            return {int(fields["id"]) for fields in searcher.all_stored_fields()}

    # -- writing (one writer at a time, guarded by Whoosh's write lock) ------------------------

    def _record(self, sequence: int) -> None:
        state = {"last_sequence": sequence, "schema_version": self.schema_version}
        _write_atomically(self.directory / STATE_FILE, json.dumps(state))

    @contextlib.contextmanager
    def _writing(self):
        """This index's writers' lock, held for a whole sync or rebuild (record included).

        Whoosh's own write lock is released at each commit and deleted with the files when an
        index is created; this one lives in its own file, so two writers never interleave.
        Yields False when another writer holds it.
        """
        self.directory.mkdir(parents=True, exist_ok=True)
        lock = FileStorage(str(self.directory)).lock(WRITER_LOCK)
        if not try_for(lock.acquire, timeout=self.lock_timeout, delay=0.05):
            yield False
            return
        try:
            yield True
        finally:
            lock.release()

    def _busy(self) -> SyncResult:
        return SyncResult(busy=True, last_sequence=self.last_applied_sequence())

    def apply_changes(self) -> SyncResult:
        """Apply the outbox past the recorded sequence; rebuild first when the index is unusable.

        Returns at once with `busy=True` when another writer holds the lock.
        """
        with self._writing() as mine, Session(db.engine) as session:
            if not mine:
                return self._busy()
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
            # Every entity's rows: another index's rows are not gaps in the sequence.
            rows = session.execute(
                select(
                    SearchOutbox.id,
                    SearchOutbox.entity,
                    SearchOutbox.entity_id,
                    SearchOutbox.created_at,
                )
                .where(SearchOutbox.id > cursor)
                .order_by(SearchOutbox.id)
                .limit(BATCH)
            ).all()
            own = {row.entity_id for row in rows if row.entity == self.entity}
            try:
                writer = ix.writer(timeout=self.lock_timeout)
            except LockError:
                result.busy = True
                return result
            try:
                self._apply(session, writer, own, today)
                expired = self.expire(writer, today)
            except BaseException:
                writer.cancel()
                raise
            if own or expired:
                writer.commit()
            else:
                writer.cancel()
            result.applied += sum(1 for row in rows if row.entity == self.entity)
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

    def _apply(self, session: Session, writer, ids: set[int], today: date) -> int:
        """Update the documents of the indexed entities among `ids`, delete the others."""
        if not ids:
            return 0
        documents = self.documents(session, ids, today)
        for entity_id in sorted(ids):
            if entity_id in documents:
                writer.update_document(**documents[entity_id])
            else:
                writer.delete_by_term("id", str(entity_id))
        return len(ids)

    def rebuild(self, progress: Progress | None = None) -> SyncResult:
        """Index every entity from scratch; readers keep the old index until the commit."""
        with self._writing() as mine, Session(db.engine) as session:
            if not mine:
                return self._busy()
            return self._rebuild(session, progress)

    def _rebuild(self, session: Session, progress: Progress | None) -> SyncResult:
        try:
            ix = self._open_or_create()
            writer = ix.writer(timeout=self.lock_timeout)
        except LockError:
            return self._busy()
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
            ids = self.visible_ids(session, today)
            total = len(ids)
            if progress:
                progress(0, total)
            for start in range(0, total, BATCH):
                documents = self.documents(session, ids[start : start + BATCH], today)
                for entity_id in sorted(documents):
                    writer.add_document(**documents[entity_id])
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
        """The index to rebuild into (called with the writers' lock held)."""
        with contextlib.suppress(IndexUnavailable):  # missing or damaged: start afresh
            ix = self.whoosh()
            if ix.schema.names() == self.schema().names():
                return ix
        (self.directory / STATE_FILE).unlink(missing_ok=True)
        return FileStorage(str(self.directory)).create_index(self.schema())  # removes old files


_OFFER_LOADS = (joinedload(Offer.employer), joinedload(Offer.municipality), joinedload(Offer.noc))


class OfferIndex(ManagedIndex):
    """Visible offers only (DESIGN §5): unpublished ones are deleted from it."""

    name = "offers"
    entity = OFFER
    schema_version = OFFER_SCHEMA_VERSION

    def schema(self) -> Schema:
        return offer_schema()

    def visible_ids(self, session: Session, today: date) -> list[int]:
        return list(
            session.scalars(select(Offer.id).where(Offer.visible_clause(today)).order_by(Offer.id))
        )

    def documents(self, session: Session, ids: Iterable[int], today: date) -> dict[int, dict]:
        offers = session.scalars(
            select(Offer).where(Offer.id.in_(list(ids))).options(*_OFFER_LOADS)
        )
        return {offer.id: offer_document(offer) for offer in offers if offer.is_visible(today)}

    def expire(self, writer, today: date) -> int:
        return writer.delete_by_query(NumericRange("expires_on", None, today.toordinal() - 1))


class ParticipantIndex(ManagedIndex):
    """Matching profiles of participants who consent to matching and whose file is open.

    Read only through the counsellors' matching views; documents hold no name or contact.
    """

    name = "participants"
    entity = PARTICIPANT
    schema_version = PARTICIPANT_SCHEMA_VERSION

    def schema(self) -> Schema:
        return participant_schema()

    def visible_ids(self, session: Session, today: date) -> list[int]:
        return list(session.scalars(matchable_participants(today).order_by(Participant.id)))

    def documents(self, session: Session, ids: Iterable[int], today: date) -> dict[int, dict]:
        ids = list(ids)
        matchable = set(
            session.scalars(matchable_participants(today).where(Participant.id.in_(ids)))
        )
        profiles = session.scalars(
            select(MatchingProfile)
            .where(MatchingProfile.participant_id.in_(matchable))
            .options(joinedload(MatchingProfile.participant))
        )
        titles = noc_titles(session)
        return {p.participant_id: participant_document(p, titles) for p in profiles}


INDEXES: tuple[type[ManagedIndex], ...] = (OfferIndex, ParticipantIndex)
