"""Keep the indexes current while the app runs: a background writer per process.

Each process that serves requests starts one thread at its first request (after a fork). It
applies the outbox soon after this process commits a change, and every OJ_SEARCH_SYNC_SECONDS
for changes made elsewhere (other workers, the CLI, another machine). The index lock makes one
writer win; the others find it busy and try again later. Requests never write to an index.
"""

from __future__ import annotations

import logging
import threading

from flask import Flask, current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session

from ..extensions import db
from .index import INDEXES
from .outbox import OUTBOX_WRITTEN

log = logging.getLogger(__name__)


class AutoSync:
    def __init__(self, app: Flask) -> None:
        self.app = app
        self.interval = float(app.config["OJ_SEARCH_SYNC_SECONDS"])
        self._wake = threading.Event()
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._loop, name="oj-search-sync", daemon=True
                )
                self._thread.start()

    def poke(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        """End the thread after its current sync (tests; the process exit ends it otherwise)."""
        self._stopped.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def sync_once(self) -> None:
        with self.app.app_context():
            try:
                for index in INDEXES:
                    index.open(self.app, lock_timeout=0).apply_changes()
            except Exception:
                log.exception("search index sync failed; it will be retried")
            finally:
                db.session.remove()

    def _loop(self) -> None:
        while not self._stopped.is_set():
            self._wake.wait(self.interval)
            self._wake.clear()
            if not self._stopped.is_set():
                self.sync_once()


def init_app(app: Flask) -> None:
    if not app.config["OJ_SEARCH_AUTOSYNC"]:
        return
    syncer = app.extensions["oj_autosync"] = AutoSync(app)
    app.before_request(syncer.start)


@event.listens_for(Session, "after_commit")
def _poke_after_commit(session: Session) -> None:
    if session.info.pop(OUTBOX_WRITTEN, False) and has_app_context():
        syncer = current_app.extensions.get("oj_autosync")
        if syncer is not None:
            syncer.poke()


@event.listens_for(Session, "after_rollback")
def _forget_after_rollback(session: Session) -> None:
    session.info.pop(OUTBOX_WRITTEN, None)
