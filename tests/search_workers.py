"""Code run in child processes by `test_search_consistency` (multiprocessing, "spawn" context).

Kept apart from the test module so a child imports only the app, not pytest and the fixtures.
Every child builds its own app on the test database and index folder, runs one job in an app
context, and writes `<report_dir>/<name>.json`: its result, or the traceback of what it raised
(it then exits with status 1), so the parent can fail with the child's own error.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
import traceback
from collections import Counter
from datetime import timedelta
from pathlib import Path

from orientheque_jobs import create_app
from orientheque_jobs.extensions import db
from orientheque_jobs.models import Offer, OfferStatus, User
from orientheque_jobs.search import IndexUnavailable, OfferIndex
from orientheque_jobs.services.offers import (
    TransitionError,
    approve,
    close,
    renew,
    submit_offer,
    update_offer,
)

SOREL_TRACY = "53052"


def run(job: str, config: dict, report_dir: str, name: str, kwargs: dict) -> None:
    """The child's entry point: `JOBS[job](app, **kwargs)`, its outcome written to a report."""
    report = Path(report_dir) / f"{name}.json"
    try:
        app = create_app(config)
        with app.app_context():
            result = JOBS[job](app, **kwargs)
            db.session.remove()
            db.engine.dispose()
    except BaseException:
        report.write_text(json.dumps({"ok": False, "traceback": traceback.format_exc()}))
        sys.exit(1)
    report.write_text(json.dumps({"ok": True, "result": result}))


# -- jobs ----------------------------------------------------------------------------------------


def lifecycle(
    app, seed: int, offer_ids: list[int], counsellor_id: int, operations: int, start=None
) -> dict:
    """A seeded random run of offer lifecycle actions through the services.

    Workers share the offers, so they also race on the same rows. An action refused by the
    lifecycle (`TransitionError`: another worker moved the offer first) is counted, not raised.
    """
    rng = random.Random(seed)
    ids = list(offer_ids)
    done: Counter = Counter()
    if start is not None:  # a barrier: every child of the test starts at once
        start.wait(30)
    for n in range(operations):
        try:
            if rng.random() < 0.08:
                offer, _ = submit_offer(
                    new_offer_data(f"Poste créé {seed}-{n}"),
                    {
                        "name": f"Employeur {seed}",
                        "contact_name": "Julie Tremblay",
                        "contact_email": f"rh{seed}@employeur.example",
                    },
                    f"worker-{seed}-{n}",
                    publish=rng.random() < 0.5,
                )
                ids.append(offer.id)
                done["created"] += 1
                continue
            offer = db.session.get(Offer, rng.choice(ids))
            for _ in range(3):  # prefer an offer still open to some action
                if ACTIONS[offer.status]:
                    break
                offer = db.session.get(Offer, rng.choice(ids))
            counsellor = db.session.get(User, counsellor_id)
            action = rng.choice(ACTIONS[offer.status]) if ACTIONS[offer.status] else "none"
            title = f"Titre {seed}-{n} : préposé·e à l'entretien"
            try:
                if action == "approve":
                    approve(offer, counsellor, {"title": title} if rng.random() < 0.5 else None)
                elif action == "edit":  # by a counsellor: stays published
                    update_offer(offer, {"title": title}, counsellor)
                elif action == "edit_by_employer":  # back to moderation, out of the index
                    update_offer(offer, {"title": title})
                elif action == "fill":
                    close(offer, OfferStatus.FILLED, counsellor)
                elif action == "withdraw":
                    close(offer, OfferStatus.WITHDRAWN)
                elif action == "renew":
                    renew(offer, counsellor)
                done[action] += 1
            except TransitionError:
                done["refused"] += 1
        finally:
            db.session.remove()
        time.sleep(rng.random() * 0.004)  # lets the other processes interleave
    return dict(done)


ACTIONS = {
    OfferStatus.DRAFT: ["edit"],
    OfferStatus.SUBMITTED: ["approve", "approve", "approve", "edit", "withdraw"],
    OfferStatus.PUBLISHED: [
        "edit",
        "edit",
        "edit",
        "edit_by_employer",
        "fill",
        "withdraw",
        "renew",
    ],
    OfferStatus.EXPIRED: ["renew", "renew", "fill", "withdraw"],
    OfferStatus.REJECTED: ["edit_by_employer", "withdraw"],
    OfferStatus.FILLED: [],
    OfferStatus.WITHDRAWN: [],
}


def new_offer_data(title: str) -> dict:
    from orientheque_jobs.services.clock import local_today

    return {
        "title": title,
        "noc_code": "72106",
        "description": "Souder des pièces d'acier pour des structures industrielles.",
        "municipality_code": SOREL_TRACY,
        "apply_email": "emplois@employeur.example",
        "expires_on": local_today() + timedelta(days=30),
    }


def sync_loop(
    app, stop, lock_timeout: float, grace_seconds: float, start=None, rebuild_every: int = 0
) -> dict:
    """Apply the outbox again and again, as `flask search sync` in a cron or a second machine;
    with `rebuild_every`, every so many runs is a full rebuild (`flask search reindex`).

    Once `stop` is set, one more run (a sync) starts, so the last one sees every change before.
    """
    counts: Counter = Counter()
    index = OfferIndex.open(app, lock_timeout=lock_timeout, grace=timedelta(seconds=grace_seconds))
    if start is not None:
        start.wait(30)
    while True:
        last_run = stop.is_set()
        if rebuild_every and not last_run and counts["runs"] % rebuild_every == rebuild_every - 1:
            result = index.rebuild()
            counts["rebuilds"] += not result.busy
        else:
            result = index.apply_changes()
        counts["runs"] += 1
        counts["busy"] += result.busy
        counts["rebuilt"] += result.rebuilt
        counts["applied"] += result.applied
        if last_run:
            return dict(counts)
        time.sleep(0.02)


def read_loop(app, stop, start=None) -> dict:
    """What a web worker does: read the index while it changes.

    It may find the index unavailable until it is first built, never after (the writer only
    ever applies changes then): `late_unavailable` counts those, with the reason.
    """
    from whoosh.qparser import QueryParser

    counts: Counter = Counter()
    reasons: list[str] = []
    index = OfferIndex.open(app)
    if start is not None:
        start.wait(30)
    while not stop.is_set():
        try:
            counts["docs"] = len(index.doc_ids())
            # The searcher's schema, not `ix.schema`: that one reads the latest generation's
            # table of contents again, which a writer's commit may be deleting.
            with index.whoosh().searcher() as searcher:
                query = QueryParser("title", searcher.schema).parse("préposé")
                searcher.search(query, limit=20)
            counts["reads"] += 1
        except IndexUnavailable as error:
            if counts["reads"]:
                counts["late_unavailable"] += 1
                reasons.append(repr(error.__cause__ or error))
            else:
                counts["unavailable"] += 1
        time.sleep(0.01)
    return {**counts, "reasons": reasons[:5]}


def sync_once(app, mode: str, progress_file: str, lock_timeout: float = 5.0) -> dict:
    """One sync or rebuild, as `flask search sync|reindex`; the test kills it part way."""
    index = OfferIndex.open(app, lock_timeout=lock_timeout, grace=timedelta(0))
    progress = Path(progress_file)

    def report(done: int, total: int) -> None:
        tmp = progress.with_suffix(".tmp")
        tmp.write_text(f"{done} {total}")
        tmp.replace(progress)

    result = index.rebuild(report) if mode == "rebuild" else index.apply_changes()
    return {"applied": result.applied, "busy": result.busy, "rebuilt": result.rebuilt}


def slow_first_build(app, committed, proceed) -> dict:
    """Build the index, with a slow disk when the state file is written after the commit.

    `os.replace` of the state file (its atomic write) waits for `proceed` once `committed` is
    set: the Whoosh commit is done, the sequence not yet recorded. Returns whether it did.
    """
    from orientheque_jobs.search.index import STATE_FILE

    replace = os.replace
    paused = []

    def slow_replace(src, dst, *args, **kwargs):
        if not paused and os.path.basename(dst) == STATE_FILE:
            paused.append(True)
            committed.set()
            proceed.wait(30)
        return replace(src, dst, *args, **kwargs)

    os.replace = slow_replace
    try:
        result = OfferIndex.open(app, grace=timedelta(0)).rebuild()
    finally:
        os.replace = replace
    return {"paused": bool(paused), "rebuilt": result.rebuilt}


def hold_writer(app, ready, release) -> dict:
    """Hold the Whoosh write lock, as a long `flask search reindex` would."""
    from whoosh import index as whoosh_index

    writer = whoosh_index.open_dir(str(OfferIndex.open(app).directory)).writer()
    ready.set()
    release.wait(30)
    writer.cancel()
    return {}


JOBS = {
    "lifecycle": lifecycle,
    "sync_loop": sync_loop,
    "read_loop": read_loop,
    "sync_once": sync_once,
    "hold_writer": hold_writer,
    "slow_first_build": slow_first_build,
}
