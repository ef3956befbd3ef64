"""Queue index changes in the same transaction as the data change (an `after_flush` hook)."""

from __future__ import annotations

from sqlalchemy import event, insert, literal, select
from sqlalchemy.orm import Session, attributes

from ..models.base import utcnow
from ..models.employers import Employer
from ..models.offers import Offer, OfferStatus
from .models import SearchOutbox

OFFER = "offer"


@event.listens_for(Session, "after_flush")
def _enqueue_changes(session: Session, _context) -> None:
    # After the flush new rows have their ids; new/dirty/deleted still show what was flushed.
    offer_ids = {obj.id for obj in session.new if isinstance(obj, Offer)}
    offer_ids.update(
        obj.id
        for obj in session.dirty
        if isinstance(obj, Offer) and session.is_modified(obj, include_collections=False)
    )
    offer_ids.update(obj.id for obj in session.deleted if isinstance(obj, Offer))
    renamed = [
        obj.id
        for obj in session.dirty
        if isinstance(obj, Employer) and attributes.get_history(obj, "name").has_changes()
    ]
    if not offer_ids and not renamed:
        return
    now = utcnow()
    conn = session.connection()
    if offer_ids:
        conn.execute(
            insert(SearchOutbox),
            [{"entity": OFFER, "entity_id": i, "created_at": now} for i in sorted(offer_ids)],
        )
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
