"""The search outbox: one row per change to an indexed entity, written in the change's own
transaction. Its id is the sequence number each index records as "applied up to"."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..models.base import utcnow


class SearchOutbox(db.Model):
    __tablename__ = "search_outbox"
    # SQLite: never reuse an id, even after rows are deleted (the sequence must only grow).
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    entity: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
