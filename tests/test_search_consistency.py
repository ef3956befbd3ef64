"""The offer index under real concurrency: several OS processes change offers while others sync
and read; a writer is SIGKILLed part way; another process holds the Whoosh lock.

The children are spawned (`multiprocessing`, "spawn") and run `tests.search_workers`; each builds
its own app on the session's database (SQLite file or PostgreSQL) and index folder. A child that
raises fails the test with its own traceback.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import signal
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from whoosh import index as whoosh_index
from whoosh.qparser import QueryParser

from orientheque_jobs.extensions import db
from orientheque_jobs.models import Offer, OfferStatus, Role, SearchOutbox, utcnow
from orientheque_jobs.search import IndexUnavailable, OfferIndex
from orientheque_jobs.search.index import BATCH, STATE_FILE
from orientheque_jobs.services.offers import close, search_text_of, update_offer, visible_offers

from . import search_workers
from .factories import SOREL_TRACY, future, make_employer, make_offer, make_user

SPAWN = multiprocessing.get_context("spawn")
CHILD_TIMEOUT = 60  # seconds; a child still running then is killed and fails the test
DESCRIPTION = (
    "Souder des pièces d'acier et d'aluminium pour des structures industrielles, lire des plans "
    "et des devis, préparer les surfaces, assembler les sous-ensembles et vérifier la qualité des "
    "soudures. Équipe de jour de douze personnes, formation offerte sur place, équipement de "
    "protection fourni, stationnement gratuit, horaire de quarante heures du lundi au vendredi, "
    "avantages sociaux après trois mois et augmentation annuelle."
)


class Children:
    """Child processes of one test: started, awaited, their reports checked, never left behind."""

    def __init__(self, config: dict, report_dir: Path) -> None:
        self.config = config
        self.report_dir = report_dir
        self.processes: list = []

    def event(self):
        return SPAWN.Event()

    def barrier(self, parties: int):
        return SPAWN.Barrier(parties)

    def start(self, job: str, name: str, **kwargs):
        process = SPAWN.Process(
            target=search_workers.run,
            args=(job, self.config, str(self.report_dir), name, kwargs),
            name=name,
            daemon=True,
        )
        process.start()
        self.processes.append(process)
        return process

    def report(self, process) -> dict | None:
        path = self.report_dir / f"{process.name}.json"
        return json.loads(path.read_text()) if path.exists() else None

    def result(self, process, timeout: float = CHILD_TIMEOUT) -> dict:
        """Wait for a child; fail with its traceback unless it ended cleanly."""
        process.join(timeout)
        if process.is_alive():
            process.kill()
            process.join()
            pytest.fail(f"{process.name} still running after {timeout} s")
        report = self.report(process)
        if report is not None and not report["ok"]:
            # Another child's failure may be the cause (a barrier it never reached): show all.
            failed = [p for p in self.processes if not (self.report(p) or {"ok": True})["ok"]]
            pytest.fail(
                "\n".join(f"{p.name} failed:\n{self.report(p)['traceback']}" for p in failed)
            )
        assert process.exitcode == 0 and report is not None, (
            f"{process.name} exited with {process.exitcode} and no report"
        )
        return report["result"]

    def kill(self, process) -> bool:
        """SIGKILL a child; False when it had ended by itself just before (and cleanly)."""
        os.kill(process.pid, signal.SIGKILL)
        process.join(CHILD_TIMEOUT)
        if process.exitcode == -signal.SIGKILL:
            return True
        self.result(process)
        return False

    def close(self) -> None:
        for process in self.processes:
            if process.is_alive():
                process.kill()
            process.join()


@pytest.fixture
def children(app, tmp_path):
    """Children on the session app's database and index folder (mail goes to .eml files)."""
    config = {
        key: app.config[key]
        for key in (
            "SQLALCHEMY_DATABASE_URI",
            "SQLALCHEMY_ENGINE_OPTIONS",
            "OJ_INDEX_DIR",
            "SECRET_KEY",
            "OJ_BASE_URL",
        )
    }
    config.update(
        TESTING=True, OJ_ENV="test", MAIL_SERVER=None, OJ_OUTBOX_DIR=str(tmp_path / "mail")
    )
    reports = tmp_path / "reports"
    reports.mkdir()
    group = Children(config, reports)
    yield group
    group.close()


@pytest.fixture
def index(app, ctx):
    """The app's offer index, emptied before and after; no wait for outbox gaps."""
    root = Path(app.config["OJ_INDEX_DIR"])
    shutil.rmtree(root, ignore_errors=True)
    yield OfferIndex.open(app, lock_timeout=0.2, grace=timedelta(0))
    shutil.rmtree(root, ignore_errors=True)


def outbox_max() -> int:
    return db.session.scalar(select(func.max(SearchOutbox.id))) or 0


def indexed_titles(index: OfferIndex) -> dict[int, str]:
    with index.whoosh().searcher() as searcher:
        stored = list(searcher.all_stored_fields())
        assert searcher.doc_count() == len(stored)
    titles = {int(fields["id"]): fields["title"] for fields in stored}
    assert len(titles) == len(stored), "two documents for one offer"
    return titles


def assert_index_is_the_visible_offers(index: OfferIndex) -> None:
    db.session.expire_all()  # other processes changed the rows since this session read them
    visible = {offer.id: offer.title for offer in db.session.scalars(visible_offers())}
    db.session.rollback()
    assert index.doc_ids() == set(visible)
    assert indexed_titles(index) == visible


def add_offers(employer, count: int, prefix: str) -> None:
    """`count` published offers in one transaction (so one outbox row each, in one flush)."""
    now, expires_on = utcnow(), future(30)
    contact = employer.contacts[0]
    offers = []
    for n in range(count):
        offer = Offer(
            employer=employer,
            contact=contact,
            status=OfferStatus.PUBLISHED,
            title=f"{prefix} {n} : soudeur-assembleur",
            noc_code="72106",
            description=DESCRIPTION,
            municipality_code=SOREL_TRACY,
            apply_email="emplois@metallurgie-richelieu.example",
            expires_on=expires_on,
            submitted_at=now,
            published_at=now,
        )
        offer.search_text = search_text_of(offer)
        offers.append(offer)
    db.session.add_all(offers)
    db.session.commit()


# -- 1. lifecycle actions in several processes while sync runs -----------------------------------

WORKERS = 3
SYNC_LOCK_TIMEOUTS = (0.2, 0.05)  # two looping syncs compete for the Whoosh lock
OPERATIONS = 80  # per worker
# How long the looping sync waits before moving its recorded sequence past a gap in the outbox.
# Not 0: on PostgreSQL two workers' transactions may commit in the other order than their outbox
# ids, and with no grace a sync could record the later id before the earlier one is committed
# (see `test_a_change_committed_after_a_later_one_is_not_skipped`).
SYNC_GRACE_SECONDS = 1.0


def test_concurrent_lifecycle_and_sync_leave_exactly_the_visible_offers(app, index, children):
    counsellor = make_user(Role.COUNSELLOR)
    employer = make_employer()
    offers = [make_offer(title=f"Soudeur {n}", employer=employer) for n in range(20)]
    offers += [
        make_offer(OfferStatus.SUBMITTED, title=f"Cariste {n}", employer=employer)
        for n in range(16)
    ]
    # Published but past their expiry date (not visible until renewed), and expired ones.
    offers += [
        make_offer(title=f"Journalier {n}", employer=employer, expires_on=future(-3))
        for n in range(4)
    ]
    offers += [
        make_offer(OfferStatus.EXPIRED, title=f"Commis {n}", employer=employer) for n in range(4)
    ]
    offer_ids = [offer.id for offer in offers]
    db.session.rollback()

    index.apply_changes()  # built once here: two writers at the first build lose data (test 5)
    # Two writers compete for the lock: a looping sync (cron's `flask search sync`) and one that
    # also rebuilds every few runs (`flask search reindex`); a reader reads as a web worker.
    # All wait for one another once their apps are built.
    go, stop = children.barrier(WORKERS + len(SYNC_LOCK_TIMEOUTS) + 1), children.event()
    syncers = [
        children.start(
            "sync_loop",
            f"sync{n}",
            stop=stop,
            lock_timeout=lock_timeout,
            grace_seconds=SYNC_GRACE_SECONDS,
            start=go,
            rebuild_every=5 * n,
        )
        for n, lock_timeout in enumerate(SYNC_LOCK_TIMEOUTS)
    ]
    reader = children.start("read_loop", "reader", stop=stop, start=go)
    workers = [
        children.start(
            "lifecycle",
            f"worker{seed}",
            seed=seed,
            offer_ids=offer_ids,
            counsellor_id=counsellor.id,
            operations=OPERATIONS,
            start=go,
        )
        for seed in range(1, WORKERS + 1)
    ]
    done = [children.result(worker) for worker in workers]
    stop.set()  # each loop makes one more run after this, then stops
    synced = [children.result(syncer) for syncer in syncers]
    read = children.result(reader)

    assert sum(sum(counts.values()) for counts in done) == WORKERS * OPERATIONS, done
    assert all(counts["runs"] >= 2 for counts in synced), synced
    assert synced[1].get("rebuilds", 0) >= 1, synced  # one full rebuild at least, amid changes
    assert read["reads"] >= 1, read
    # Once built, the index never looked missing or damaged to a reader.
    assert read.get("late_unavailable", 0) == 0, (
        f"{read['late_unavailable']} times: {read} {synced}"
    )
    # The looping writers alone already got it right (a run that started after `stop`, and
    # was not busy, saw every change) ...
    assert_index_is_the_visible_offers(index)
    # ... and a final sync here keeps it so, and records the whole outbox (the loop may have
    # stopped before a gap younger than its grace).
    final = index.apply_changes()
    assert not final.busy and not final.rebuilt
    assert_index_is_the_visible_offers(index)
    assert index.last_applied_sequence() == outbox_max()


# -- 2. a writer SIGKILLed part way ---------------------------------------------------------------


def started_working(mode: str, index: OfferIndex, before: int | None, progress: Path):
    """A check that the child is part way: one batch done, more to come."""
    target = outbox_max()
    db.session.rollback()

    def check() -> bool:
        if mode != "sync":  # a rebuild reports progress after each batch, all before its commit
            try:
                done, total = map(int, progress.read_text().split())
            except (OSError, ValueError):
                return False
            return BATCH <= done < total
        # A sync records its sequence after each batch of outbox rows it has committed.
        last = index.last_applied_sequence()
        return last is not None and before < last < target

    return check


@pytest.mark.parametrize("mode", ["sync", "rebuild", "first-build"])
def test_a_writer_killed_mid_run_loses_nothing(app, index, children, tmp_path, mode):
    """`sync`: killed after its first batch was committed and recorded, before the others.
    `rebuild`: killed while adding documents to a new generation of a working index.
    `first-build`: the same with no index before (killed between creating it and its commit)."""
    employer = make_employer()
    old = [make_offer(title=f"Ancien poste {n}", employer=employer) for n in range(9)]
    index.apply_changes()
    killed = False
    count = 1500
    for attempt in range(3):  # again with more offers if the child finished before the kill
        if mode == "first-build":
            shutil.rmtree(index.directory)
        before = index.last_applied_sequence()
        # Changes to indexed offers (an edit, a closed position) and many new offers.
        update_offer(old[attempt], {"title": f"Poste modifié {attempt}"}, make_user())
        close(old[3 + attempt], OfferStatus.FILLED)
        add_offers(employer, count, f"Lot {attempt}")
        progress = tmp_path / f"progress-{attempt}"
        is_part_way = started_working(mode, index, before, progress)

        job = "sync" if mode == "sync" else "rebuild"
        child = children.start(
            "sync_once", f"{mode}-{attempt}", mode=job, progress_file=str(progress)
        )
        deadline = time.monotonic() + CHILD_TIMEOUT
        while child.is_alive() and time.monotonic() < deadline:
            if is_part_way():
                killed = children.kill(child)
                break
            time.sleep(0.002)
        else:
            children.result(child)  # it finished first: it must at least have succeeded

        # The dead writer's lock file is still there, but the lock (fcntl) died with it.
        lock_file = index.directory / f"{whoosh_index._DEF_INDEX_NAME}_WRITELOCK"
        assert lock_file.exists()
        whoosh_index.open_dir(str(index.directory)).writer(timeout=0).cancel()

        result = index.apply_changes()  # the restart, here
        assert not result.busy
        # Only a first build killed before its commit left an index with no recorded state.
        assert result.rebuilt == (mode == "first-build" and killed)
        assert_index_is_the_visible_offers(index)
        assert index.last_applied_sequence() == outbox_max()
        db.session.rollback()
        if killed:
            break
        count *= 2
    assert killed, "the child finished before it could be killed, even with the largest batch"


# -- 3. another process holds the writer lock ----------------------------------------------------


def test_a_writer_in_another_process_makes_sync_busy_not_fail(app, index, children):
    offers = {make_offer(title="Préposée à l'entretien").id, make_offer().id}
    index.apply_changes()
    last = index.last_applied_sequence()
    late = make_offer(title="Cariste")

    ready, release = children.event(), children.event()
    holder = children.start("hold_writer", "holder", ready=ready, release=release)
    while not ready.wait(0.1):
        if not holder.is_alive():
            children.result(holder)  # fails with the child's traceback

    started = time.monotonic()
    result = index.apply_changes()
    assert result.busy and result.applied == 0 and not result.rebuilt
    assert result.last_sequence == last == index.last_applied_sequence()
    assert index.rebuild().busy
    assert time.monotonic() - started < 3.0  # waits lock_timeout (0.2 s) twice, not 5 s
    # Readers are not blocked by the writer.
    assert index.doc_ids() == offers
    with index.whoosh().searcher() as searcher:
        hits = searcher.search(QueryParser("title", searcher.schema).parse("préposées"))
        assert [int(hit["id"]) for hit in hits] == [min(offers)]

    # An index that needs a rebuild while the lock is held: busy as well, never a LockError.
    (index.directory / STATE_FILE).unlink()
    result = index.apply_changes()
    assert result.busy and result.last_sequence is None
    with pytest.raises(IndexUnavailable):
        index.doc_ids()

    # The holder dies without releasing: the next sync goes ahead at once.
    children.kill(holder)
    result = index.apply_changes()
    assert not result.busy and result.rebuilt
    assert index.doc_ids() == offers | {late.id}
    assert_index_is_the_visible_offers(index)


# -- 4. outbox ids committed out of order (PostgreSQL) -------------------------------------------


@pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL"),
    reason="PostgreSQL only (CI runs it): SQLite has one writer, outbox ids commit in order",
)
def test_a_change_committed_after_a_later_one_is_not_skipped(app, index):
    first, second = make_offer(title="Cariste"), make_offer(title="Commis")
    index.apply_changes()
    waiting = OfferIndex.open(app, lock_timeout=0.2)  # the default grace: 2 minutes

    slow, fast = Session(db.engine), Session(db.engine)
    try:
        slow.get(Offer, first.id).title = "Cariste de nuit"
        slow.flush()  # takes the next outbox id, then stays uncommitted for a while
        fast.get(Offer, second.id).title = "Commis de jour"
        fast.commit()  # a later id, committed first
        before = waiting.last_applied_sequence()
        result = waiting.apply_changes()
        assert result.applied == 1  # the committed change is applied at once ...
        assert waiting.last_applied_sequence() == before  # ... but not recorded past the gap
        slow.commit()
    finally:
        slow.close()
        fast.close()

    assert waiting.apply_changes().applied == 2  # read again from before the gap
    assert_index_is_the_visible_offers(index)
    assert indexed_titles(index)[first.id] == "Cariste de nuit"
    assert index.last_applied_sequence() == outbox_max()


# -- 5. two writers building the index at once ----------------------------------------------------


def test_a_second_writer_during_the_first_build_loses_nothing(app, index, children, tmp_path):
    """Writer A builds the index for the first time (no state file yet) and has committed it,
    but not yet recorded its sequence (a slow disk stretches that moment). Writer B (`flask
    search reindex`; any sync would do the same, as there is no state) starts then; A records;
    B is killed part way. Restarting must leave exactly the visible offers in the index."""
    employer = make_employer()
    add_offers(employer, 1500, "Poste")
    committed, proceed = children.event(), children.event()
    first = children.start("slow_first_build", "first", committed=committed, proceed=proceed)
    while not committed.wait(0.1):
        if not first.is_alive():
            pytest.fail(f"the first build never paused before recording: {children.result(first)}")
    with pytest.raises(IndexUnavailable):  # committed, but no sequence recorded yet
        index.doc_ids()

    progress = tmp_path / "progress"
    second = children.start(
        "sync_once", "second", mode="rebuild", progress_file=str(progress), lock_timeout=1.0
    )
    # B either gets to write (it reported its total) or, if A still counts as the writer, is busy.
    while not progress.exists() and second.is_alive():
        time.sleep(0.005)
    proceed.set()  # A records its sequence now
    if not children.result(first)["paused"]:
        pytest.fail("the first build never paused before recording")
    if second.is_alive():
        children.kill(second)
    else:
        assert children.result(second)["busy"]

    result = index.apply_changes()  # the restart
    assert not result.busy
    assert_index_is_the_visible_offers(index)
