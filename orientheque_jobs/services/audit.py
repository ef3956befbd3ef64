"""The audit log of sensitive records: who read or changed what, when."""

from __future__ import annotations

from ..extensions import db
from ..models import AuditEntry, User


def audit(
    user: User | None, action: str, entity: str, entity_id: int | None, detail: str | None = None
) -> AuditEntry:
    """Add an entry to the current transaction; the caller commits (reads commit at once)."""
    entry = AuditEntry(
        user_id=user.id if user is not None else None,
        action=action,
        entity=entity,
        entity_id=entity_id,
        detail=detail,
    )
    db.session.add(entry)
    return entry
