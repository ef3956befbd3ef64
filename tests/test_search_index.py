"""The offer index: outbox in the same transaction, a single writer, catch-up and rebuild."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from whoosh import index as whoosh_index
from whoosh.qparser import QueryParser

from orientheque_jobs.extensions import db
from orientheque_jobs.models import OfferStatus, Role, SearchOutbox
from orientheque_jobs.search import OfferIndex, french_analyzer
from orientheque_jobs.search import index as index_module
from orientheque_jobs.search.index import STATE_FILE, safe_sequence
from orientheque_jobs.search.schema import OFFER_SCHEMA_VERSION
from orientheque_jobs.services.offers import approve, close, update_offer, visible_offers

from .factories import future, make_employer, make_offer, make_user


@pytest.fixture
def offer_index(app, ctx):
    """The app's offer index, emptied before and after; no wait for outbox gaps."""
    root = Path(app.config["OJ_INDEX_DIR"])
    shutil.rmtree(root, ignore_errors=True)
    yield OfferIndex.open(app, lock_timeout=0.2, grace=timedelta(0))
    shutil.rmtree(root, ignore_errors=True)


def outbox_ids(offer_id: int) -> list[int]:
    return db.session.scalars(
        select(SearchOutbox.id).where(SearchOutbox.entity_id == offer_id).order_by(SearchOutbox.id)
    ).all()


def visible_ids(today=None) -> set[int]:
    return {offer.id for offer in db.session.scalars(visible_offers(today))}


def test_outbox_row_written_in_the_same_transaction(ctx):
    offer = make_offer()
    assert len(outbox_ids(offer.id)) == 1

    offer.title = "Soudeuse"
    db.session.flush()
    assert len(outbox_ids(offer.id)) == 2  # written by the flush, inside the transaction
    db.session.rollback()
    assert len(outbox_ids(offer.id)) == 1  # gone with the change

    offer.title = "Soudeuse"
    db.session.commit()
    rows = db.session.scalars(
        select(SearchOutbox).where(SearchOutbox.entity_id == offer.id).order_by(SearchOutbox.id)
    ).all()
    assert [row.entity for row in rows] == ["offer", "offer"]
    assert rows[0].id < rows[1].id

    db.session.delete(offer)
    db.session.commit()
    assert len(outbox_ids(offer.id)) == 3


def test_renaming_an_employer_queues_its_published_offers(ctx, offer_index):
    employer = make_employer()
    published = make_offer(employer=employer)
    draft = make_offer(OfferStatus.SUBMITTED, employer=employer)
    before = (len(outbox_ids(published.id)), len(outbox_ids(draft.id)))
    employer.name = "Aciers Richelieu"
    db.session.commit()
    assert len(outbox_ids(published.id)) == before[0] + 1
    assert len(outbox_ids(draft.id)) == before[1]


def test_sync_holds_exactly_the_visible_offers(ctx, offer_index, monkeypatch):
    counsellor = make_user(Role.COUNSELLOR)
    kept = make_offer(title="Préposée à l'entretien ménager")
    edited = make_offer(title="Aide-cuisinier")
    filled = make_offer(title="Cariste")
    withdrawn = make_offer(title="Commis d'entrepôt")
    expiring = make_offer(title="Caissier", expires_on=future(1))
    submitted = make_offer(OfferStatus.SUBMITTED, title="Journalier")
    pending = make_offer(OfferStatus.SUBMITTED, title="Mécanicien")

    result = offer_index.apply_changes()
    assert result.rebuilt and not result.busy
    assert offer_index.doc_ids() == {kept.id, edited.id, filled.id, withdrawn.id, expiring.id}

    approve(submitted, counsellor)
    update_offer(edited, {"title": "Cuisinier ou cuisinière"}, counsellor)
    close(filled, OfferStatus.FILLED, counsellor)
    close(withdrawn, OfferStatus.WITHDRAWN)
    # Two days later: the expiry date passed with no change in the database, so no outbox row.
    monkeypatch.setattr(index_module, "local_today", lambda: future(2))

    result = offer_index.apply_changes()
    assert not result.rebuilt and result.expired == 1
    assert offer_index.doc_ids() == {kept.id, edited.id, submitted.id} == visible_ids(future(2))
    assert pending.id not in offer_index.doc_ids()
    with offer_index.whoosh().searcher() as searcher:
        assert searcher.document(id=str(edited.id))["title"] == "Cuisinier ou cuisinière"
        assert searcher.document(id=str(kept.id))["employer"] == "Métallurgie Richelieu inc."
    assert offer_index.last_applied_sequence() == db.session.scalar(
        select(SearchOutbox.id).order_by(SearchOutbox.id.desc()).limit(1)
    )

    # Running it again changes nothing: no new Whoosh generation.
    generation = offer_index.whoosh().latest_generation()
    again = offer_index.apply_changes()
    assert (again.applied, again.expired, again.rebuilt) == (0, 0, False)
    assert offer_index.whoosh().latest_generation() == generation
    assert offer_index.doc_ids() == visible_ids(future(2))


def test_a_second_writer_makes_sync_return_cleanly(ctx, offer_index):
    offer_index.rebuild()
    offer = make_offer()
    other = whoosh_index.open_dir(str(offer_index.directory)).writer()
    try:
        result = offer_index.apply_changes()
        assert result.busy and result.applied == 0
        assert offer_index.rebuild().busy
    finally:
        other.cancel()
    assert offer_index.doc_ids() == set()
    result = offer_index.apply_changes()
    assert not result.busy and offer_index.doc_ids() == {offer.id}


def test_a_writer_killed_mid_sync_loses_nothing(ctx, offer_index, monkeypatch):
    first = make_offer(title="Électricienne")
    offer_index.apply_changes()
    last = offer_index.last_applied_sequence()
    second = make_offer(title="Plombier")
    close(first, OfferStatus.FILLED)

    def crash(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(OfferIndex, "_apply", crash)
    with pytest.raises(KeyboardInterrupt):
        offer_index.apply_changes()
    monkeypatch.undo()
    assert offer_index.last_applied_sequence() == last
    assert offer_index.doc_ids() == {first.id}

    offer_index.apply_changes()
    assert offer_index.doc_ids() == {second.id}
    # Killed after the Whoosh commit but before the sequence was recorded: applied again, same.
    (offer_index.directory / STATE_FILE).write_text(
        f'{{"last_sequence": {last}, "schema_version": {OFFER_SCHEMA_VERSION}}}'
    )
    assert offer_index.apply_changes().applied == 2
    assert offer_index.doc_ids() == {second.id}


@pytest.mark.parametrize("damage", ["delete", "corrupt", "state"])
def test_a_missing_or_damaged_index_is_rebuilt(ctx, offer_index, damage):
    offers = {make_offer().id, make_offer(title="Boulangère").id}
    offer_index.apply_changes()
    if damage == "delete":
        shutil.rmtree(offer_index.directory)
    elif damage == "corrupt":
        for toc in offer_index.directory.glob("_MAIN_*.toc"):
            toc.write_bytes(b"\x00garbage")
    else:
        (offer_index.directory / STATE_FILE).write_text("{not json")
    assert not offer_index.available()
    with pytest.raises(index_module.IndexUnavailable):
        offer_index.doc_ids()
    result = offer_index.apply_changes()
    assert result.rebuilt
    assert offer_index.doc_ids() == offers


def test_an_index_ahead_of_the_database_is_rebuilt(ctx, offer_index):
    offer = make_offer()
    offer_index.apply_changes()
    (offer_index.directory / STATE_FILE).write_text(
        f'{{"last_sequence": 999999999, "schema_version": {OFFER_SCHEMA_VERSION}}}'
    )
    assert offer_index.apply_changes().rebuilt
    assert offer_index.doc_ids() == {offer.id}


def test_reindex_reports_progress(ctx, offer_index, monkeypatch):
    monkeypatch.setattr(index_module, "BATCH", 2)
    ids = {make_offer(title=f"Poste {n}").id for n in range(3)}
    make_offer(OfferStatus.SUBMITTED)
    calls = []
    result = offer_index.rebuild(lambda done, total: calls.append((done, total)))
    assert calls == [(0, 3), (2, 3), (3, 3)]
    assert result.rebuilt and result.applied == 3
    assert offer_index.doc_ids() == ids
    assert offer_index.last_applied_sequence() == db.session.scalar(
        select(SearchOutbox.id).order_by(SearchOutbox.id.desc()).limit(1)
    )


def test_french_queries_ignore_accents_and_plurals(ctx, offer_index):
    electricienne = make_offer(title="Électricienne en bâtiment")
    preposee = make_offer(title="Préposée aux bénéficiaires")
    make_offer(title="Soudeur-assembleur")
    offer_index.apply_changes()
    ix = offer_index.whoosh()
    parser = QueryParser("title", ix.schema)
    analyse = french_analyzer()
    assert [t.text for t in analyse("Préposées")] == ["prepos"]

    def titles(text: str) -> set[int]:
        with ix.searcher() as searcher:
            return {int(hit["id"]) for hit in searcher.search(parser.parse(text))}

    assert titles("electricien") == {electricienne.id}
    assert titles("ÉLECTRICIENNES") == {electricienne.id}
    assert titles("préposés") == {preposee.id}
    assert titles("prepose") == {preposee.id}


def test_safe_sequence_waits_for_recent_gaps():
    now = datetime(2026, 11, 25, 12, 0)
    grace = timedelta(minutes=2)
    old, young = now - timedelta(minutes=5), now - timedelta(seconds=5)
    assert safe_sequence(10, [(11, young), (12, young)], now, grace) == 12
    # 12 may still be in an uncommitted transaction: stop before it, re-read from 11 next time.
    assert safe_sequence(10, [(11, young), (13, young)], now, grace) == 11
    # An old gap is a rolled-back transaction.
    assert safe_sequence(10, [(11, old), (13, old), (14, young)], now, grace) == 14
    assert safe_sequence(10, [], now, grace) == 10


def test_cli_sync_and_reindex(app, ctx, offer_index):
    offer = make_offer()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "offers: rebuilt, 1 applied" in result.output
    result = runner.invoke(args=["search", "sync"])
    assert result.exit_code == 0, result.output
    assert "offers: synced" in result.output
    assert offer_index.doc_ids() == {offer.id}

    other = whoosh_index.open_dir(str(offer_index.directory)).writer()
    try:
        result = runner.invoke(args=["search", "sync", "--wait", "0.1"])
    finally:
        other.cancel()
    assert result.exit_code == 0 and "another writer is busy" in result.output
