"""Queue index changes in the same transaction as the data change (an `after_flush` hook)."""

from __future__ import annotations

from sqlalchemy import event, insert, literal, select
from sqlalchemy.orm import Session, attributes

from ..models.base import utcnow
from ..models.employers import Employer
from ..models.matching import MatchingProfile
from ..models.offers import Offer, OfferStatus
from ..models.participants import Consent, Participant
from .models import SearchOutbox

OFFER = "offer"
PARTICIPANT = "participant"
# Set on a session whose flush queued index changes (search.autosync applies them after commit).
OUTBOX_WRITTEN = "oj_outbox_written"


def _participant_id(obj) -> int | None:
    if isinstance(obj, Participant):
        return obj.id
    if isinstance(obj, MatchingProfile | Consent):
        return obj.participant_id
    return None


def _changed(session: Session, kind) -> set:
    """Objects of `kind` that this flush inserted, changed or deleted."""
    found = {obj for obj in session.new if isinstance(obj, kind)}
    found.update(
        obj
        for obj in session.dirty
        if isinstance(obj, kind) and session.is_modified(obj, include_collections=False)
    )
    found.update(obj for obj in session.deleted if isinstance(obj, kind))
    return found


@event.listens_for(Session, "after_flush")
def _enqueue_changes(session: Session, _context) -> None:
    # After the flush new rows have their ids; new/dirty/deleted still show what was flushed.
    offer_ids = {obj.id for obj in _changed(session, Offer)}
    participant_ids = {
        _participant_id(obj) for obj in _changed(session, Participant | MatchingProfile | Consent)
    } - {None}
    renamed = [
        obj.id
        for obj in session.dirty
        if isinstance(obj, Employer) and attributes.get_history(obj, "name").has_changes()
    ]
    if not offer_ids and not renamed and not participant_ids:
        return
    now = utcnow()
    conn = session.connection()
    rows = [{"entity": OFFER, "entity_id": i, "created_at": now} for i in sorted(offer_ids)]
    rows += [
        {"entity": PARTICIPANT, "entity_id": i, "created_at": now} for i in sorted(participant_ids)
    ]
    if rows:
        conn.execute(insert(SearchOutbox), rows)
    session.info[OUTBOX_WRITTEN] = True
    if renamed:
        # The employer's name is in its published offers' documents.
        conn.execute(
            insert(SearchOutbox).from_select(
                ["entity", "entity_id", "created_at"],
                select(literal(OFFER), Offer.id, literal(now))
                .where(Offer.employer_id.in_(renamed), Offer.status == OfferStatus.PUBLISHED)
                .order_by(Offer.id),
            )
        )
