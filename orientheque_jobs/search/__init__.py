"""Search: every access to the Whoosh indexes goes through this package (DESIGN §5).

The database is the truth. Changes to offers are queued in `search_outbox` by a flush hook, in
the same transaction (`outbox`); one writer at a time applies them (`OfferIndex.apply_changes`,
`flask search sync`); `OfferIndex.rebuild` (`flask search reindex`) starts from scratch.
"""

from . import outbox  # noqa: F401  (registers the flush hook that fills the outbox)
from .analysis import french_analyzer
from .index import IndexUnavailable, OfferIndex, SyncResult
from .models import SearchOutbox

__all__ = ["IndexUnavailable", "OfferIndex", "SearchOutbox", "SyncResult", "french_analyzer"]
