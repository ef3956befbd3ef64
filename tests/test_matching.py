"""Search through the indexes: the public board, the participant index, and matching both ways."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from orientheque_jobs.extensions import db
from orientheque_jobs.models import (
    AuditEntry,
    ConsentMethod,
    ConsentScope,
    EmploymentType,
    OfferStatus,
    Participant,
    RecordOpenness,
    Role,
    Schedule,
    TransportMode,
)
from orientheque_jobs.search import OfferIndex
from orientheque_jobs.search.autosync import AutoSync
from orientheque_jobs.search.index import ParticipantIndex
from orientheque_jobs.search.matching import Exclusion, JobFacts, SeekerFacts, exclusion
from orientheque_jobs.search.readers import forget
from orientheque_jobs.services.matching import offers_for_participant, participants_for_offer
from orientheque_jobs.services.offers import close
from orientheque_jobs.services.participants import delete_participant, record_consent

from .factories import (
    CONTRECOEUR,
    login,
    make_matching_profile,
    make_offer,
    make_participant,
    make_user,
)

QUEBEC_CITY = "23027"


@pytest.fixture
def indexes(app):
    """Empty index folders before and after; `sync()` applies the outbox to both indexes."""
    root = Path(app.config["OJ_INDEX_DIR"])
    shutil.rmtree(root, ignore_errors=True)
    forget()

    def sync():
        with app.app_context():
            for index in (OfferIndex, ParticipantIndex):
                result = index.open(app, lock_timeout=1).apply_changes()
                assert not result.busy

    yield sync
    forget()
    shutil.rmtree(root, ignore_errors=True)


def board(client, **args) -> str:
    return client.get("/offres", query_string=args).get_data(as_text=True)


# --- the public board ---------------------------------------------------------------------------


def test_board_search_is_accent_and_plural_insensitive_and_highlights(app, ctx, indexes):
    electrician = make_offer(title="Électricienne industrielle", noc_code="72201")
    attendants = make_offer(title="Préposée à l'entretien ménager", noc_code="65310")
    make_offer(title="Cuisinier", noc_code="63200", description="Cuisine du marché.")
    indexes()
    client = app.test_client()

    html = board(client, q="electricien")
    assert f"/offres/{electrician.id}" in html and f"/offres/{attendants.id}" not in html
    assert "<mark>Électricienne</mark> industrielle" in html
    assert "les plus pertinentes d'abord" in html

    for typed in ("préposés", "preposee", "PREPOSEES"):
        html = board(client, q=typed)
        assert f"/offres/{attendants.id}" in html and f"/offres/{electrician.id}" not in html
        assert "<mark>Préposée</mark>" in html


def test_cnp_widening_finds_an_offer_of_the_same_unit_group(app, ctx, indexes):
    # No "soudeur" anywhere in this offer: only its CNP 72106 (soudeurs) links it to the query.
    assembler = make_offer(
        title="Assembleur de charpentes au gabarit",
        noc_code="72106",
        description="Assembler des pièces d'acier au gabarit en atelier.",
    )
    other = make_offer(title="Assembleur de meubles", noc_code="94201", description="Meubles.")
    named = make_offer(title="Soudeur-monteur", noc_code="72106")
    indexes()
    html = board(app.test_client(), q="soudeur")
    assert f"/offres/{assembler.id}" in html and f"/offres/{named.id}" in html
    assert f"/offres/{other.id}" not in html
    # The offer that has the word ranks before the one found through its CNP group.
    assert html.index(f"/offres/{named.id}") < html.index(f"/offres/{assembler.id}")


def test_board_search_escapes_text_and_applies_filters(app, ctx, indexes):
    hostile = make_offer(title="Soudeur <script>alert(1)</script>", noc_code="72106")
    elsewhere = make_offer(title="Soudeuse", municipality_code=CONTRECOEUR)
    nights = make_offer(title="Soudeur de nuit", schedules=Schedule.NIGHT)
    indexes()
    client = app.test_client()
    html = board(client, q="soudeur")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    html = board(client, q="soudeur", municipality=CONTRECOEUR)
    assert f"/offres/{elsewhere.id}" in html
    assert f"/offres/{hostile.id}" not in html and f"/offres/{nights.id}" not in html
    html = board(client, q="soudeur", schedule=int(Schedule.NIGHT))
    assert f"/offres/{nights.id}" in html and f"/offres/{elsewhere.id}" not in html
    assert "1 offre" in board(client, q="soudeur", schedule=int(Schedule.NIGHT))
    # Past the last page: no error, no offers.
    assert "Aucune offre" in board(client, q="soudeur", page=40)


def test_results_are_rechecked_against_the_database(app, ctx, indexes):
    kept = make_offer(title="Soudeur")
    filled = make_offer(title="Soudeuse")
    indexes()
    close(filled, OfferStatus.FILLED)  # not synced yet: still in the index
    html = board(app.test_client(), q="soudeur")
    assert f"/offres/{kept.id}" in html and f"/offres/{filled.id}" not in html


def test_a_missing_index_never_breaks_the_board(app, ctx, indexes):
    offer = make_offer(title="Électricienne")
    client = app.test_client()
    html = board(client, q="électricienne")  # never built
    assert "en cours de reconstruction" in html
    assert f"/offres/{offer.id}" in html  # still listed from the database
    indexes()
    for toc in (Path(app.config["OJ_INDEX_DIR"]) / "offers").glob("_MAIN_*.toc"):
        toc.write_bytes(b"garbage")
    forget()
    response = client.get("/offres", query_string={"q": "électricienne"})
    assert response.status_code == 200
    assert "en cours de reconstruction" in response.get_data(as_text=True)


# --- the participant index ------------------------------------------------------------------------


def test_participant_index_holds_only_matchable_profiles_without_names(app, ctx, indexes):
    counsellor = make_user(Role.COUNSELLOR)
    manager = make_user(Role.MANAGER)
    matched = make_participant("Denis", "Lavallée")
    make_matching_profile(matched)
    no_profile = make_participant("Karine", "Bélanger")
    record_consent(no_profile, ConsentScope.MATCHING, True, ConsentMethod.WRITTEN, counsellor)
    withdrawn = make_participant("Steve", "Gagnon")
    make_matching_profile(withdrawn)
    leaving = make_participant("Lise", "Côté")
    make_matching_profile(leaving)
    indexes()
    index = ParticipantIndex.open(app)
    assert index.doc_ids() == {matched.id, withdrawn.id, leaving.id}
    with index.whoosh().searcher() as searcher:
        stored = searcher.document(id=str(matched.id))
    assert "Denis" not in str(stored) and "Lavallée" not in str(stored)

    withdrawn = db.session.get(Participant, withdrawn.id)
    record_consent(withdrawn, ConsentScope.MATCHING, False, ConsentMethod.ORAL, counsellor)
    delete_participant(db.session.get(Participant, leaving.id), manager)
    indexes()
    assert index.doc_ids() == {matched.id}


# --- the constraints ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seeker", "job", "km", "expected"),
    [
        (SeekerFacts(max_km=30), JobFacts(), 31.0, Exclusion.DISTANCE),
        (SeekerFacts(max_km=30), JobFacts(remote=True), 300.0, None),
        (SeekerFacts(transport=TransportMode.ACTIVE), JobFacts(), 6.0, Exclusion.DISTANCE),
        (SeekerFacts(transport=TransportMode.TRANSIT), JobFacts(), 2.0, Exclusion.TRANSIT),
        (SeekerFacts(transport=TransportMode.TRANSIT), JobFacts(transit=True), 2.0, None),
        (
            SeekerFacts(availability=Schedule.DAY),
            JobFacts(schedules=Schedule.DAY | Schedule.EVENING),
            0.0,
            Exclusion.SCHEDULE,
        ),
        (
            SeekerFacts(availability=Schedule.DAY | Schedule.EVENING),
            JobFacts(schedules=Schedule.ROTATION),
            0.0,
            Exclusion.SCHEDULE,
        ),
        (
            SeekerFacts(employment_types=EmploymentType.PART_TIME),
            JobFacts(employment_types=EmploymentType.FULL_TIME | EmploymentType.PERMANENT),
            0.0,
            Exclusion.EMPLOYMENT_TYPE,
        ),
        (
            SeekerFacts(employment_types=EmploymentType.PERMANENT),
            JobFacts(employment_types=EmploymentType.FULL_TIME | EmploymentType.SEASONAL),
            0.0,
            None,  # permanent or seasonal only ranks
        ),
        (SeekerFacts(french_level=6), JobFacts(french_level=7), 0.0, Exclusion.FRENCH),
        (SeekerFacts(), JobFacts(french_level=7), 0.0, None),  # never assessed
        (SeekerFacts(record=True), JobFacts(record=RecordOpenness.NO), 0.0, Exclusion.RECORD),
        (SeekerFacts(record=True), JobFacts(record=RecordOpenness.DISCUSS), 0.0, None),
        (SeekerFacts(), JobFacts(record=RecordOpenness.NO), 0.0, None),
        (SeekerFacts(max_km=5), JobFacts(), None, None),  # place unknown
    ],
)
def test_hard_constraints(seeker, job, km, expected):
    assert exclusion(seeker, job, km) == expected


# --- matching, both ways --------------------------------------------------------------------------


def test_offers_for_a_participant_with_reasons_and_exclusions(app, ctx, indexes):
    counsellor = make_user(Role.COUNSELLOR)
    person = make_participant("Denis", "Lavallée")
    make_matching_profile(person, wage_subsidy_eligible=True)
    best = make_offer(title="Soudeur MIG", wage_subsidy_welcome=True, transit_accessible=True)
    related = make_offer(title="Assembleur de charpentes", noc_code="72106")
    far = make_offer(title="Soudeur", municipality_code=QUEBEC_CITY)
    night = make_offer(title="Soudeuse de nuit", schedules=Schedule.NIGHT)
    make_offer(title="Comptable", noc_code="12200", description="Tenue de livres.")
    indexes()

    suggestions = offers_for_participant(db.session.get(Participant, person.id), counsellor)
    ids = [s.item.id for s in suggestions.items]
    assert ids[0] == best.id and related.id in ids
    assert far.id not in ids and night.id not in ids
    assert dict(suggestions.excluded) == {Exclusion.DISTANCE: 1, Exclusion.SCHEDULE: 1}
    kinds = {r.kind: r for r in suggestions.items[0].reasons}
    assert kinds["words"].value == ["soudeur", "MIG"]  # desired occupation first, then skills
    assert kinds["noc"].value == "72106"
    assert kinds["distance"].value == 0.0 and "subsidy" in kinds and "schedule" in kinds
    audit = db.session.scalars(select(AuditEntry).where(AuditEntry.entity_id == person.id)).all()
    assert any(e.action == "view" and "matching" in (e.detail or "") for e in audit)


def test_participants_for_an_offer_exclude_those_who_cannot_take_it(app, ctx, indexes):
    counsellor = make_user(Role.COUNSELLOR)
    fits = make_participant("Denis", "Lavallée")
    make_matching_profile(fits, french_level=8)
    low_french = make_participant("Oleksandr", "Kovalenko")
    make_matching_profile(low_french, french_level=5)
    record = make_participant("Steve", "Gagnon")
    make_matching_profile(record, criminal_record_considered=True)
    cook = make_participant("Jessica", "Roy")
    make_matching_profile(cook, desired_noc_codes="63200", desired_occupations="cuisinière")
    offer = make_offer(
        title="Soudeur", french_level_required=7, criminal_record_openness=RecordOpenness.NO
    )
    indexes()
    suggestions = participants_for_offer(offer, counsellor)
    assert [s.item.id for s in suggestions.items] == [fits.id]
    assert dict(suggestions.excluded) == {Exclusion.FRENCH: 1, Exclusion.RECORD: 1}


def test_matching_pages_for_counsellors_and_managers_only(app, indexes):
    with app.app_context():
        counsellor = make_user(Role.COUNSELLOR)
        manager, admin = make_user(Role.MANAGER), make_user(Role.ADMIN)
        person = make_participant("Denis", "Lavallée")
        make_matching_profile(person)
        offer = make_offer(title="Soudeur MIG")
        make_offer(title="Soudeuse", municipality_code=QUEBEC_CITY)
        pages = (
            f"/conseil/jumelage/participants/{person.id}",
            f"/conseil/jumelage/offres/{offer.id}",
        )
    indexes()

    client = app.test_client()
    for url in pages:
        assert client.get(url).status_code == 302  # to the login page
    login(client, counsellor)
    html = client.get(pages[0]).get_data(as_text=True)
    assert "Soudeur MIG" in html and "Proposer ce jumelage" in html
    assert "1 offre exclue : trop loin (1)" in html
    assert "Mots : soudeur" in html and "Profession recherchée (CNP 72106)" in html
    html = client.get(pages[1]).get_data(as_text=True)
    assert "Denis Lavallée" in html and "Proposer ce jumelage" in html

    for user, status in ((manager, 200), (admin, 403)):
        other = app.test_client()
        login(other, user)
        for url in pages:
            response = other.get(url)
            assert response.status_code == status, (user.role, url)
            assert "Proposer ce jumelage" not in response.get_data(as_text=True)


def test_matching_page_explains_a_missing_consent_or_profile(app, indexes):
    with app.app_context():
        counsellor = make_user(Role.COUNSELLOR)
        person_id = make_participant("Karine", "Bélanger").id
    url = f"/conseil/jumelage/participants/{person_id}"
    client = app.test_client()
    login(client, counsellor)
    assert "n'a pas consenti au jumelage" in client.get(url).get_data(as_text=True)
    with app.app_context():
        person = db.session.get(Participant, person_id)
        record_consent(person, ConsentScope.MATCHING, True, ConsentMethod.WRITTEN, counsellor)
    html = client.get(url).get_data(as_text=True)
    assert "profil de jumelage n'est pas encore rempli" in html
    assert client.get("/conseil/jumelage/participants/999999").status_code == 404


# --- keeping the indexes current ------------------------------------------------------------------


def test_the_background_writer_applies_changes_soon_after_a_commit(app, ctx, indexes):
    app.config["OJ_SEARCH_SYNC_SECONDS"] = 60  # so only the commit's nudge can explain a sync
    syncer = AutoSync(app)
    app.extensions["oj_autosync"] = syncer
    try:
        indexes()
        syncer.start()
        offer = make_offer(title="Cariste")
        index = OfferIndex.open(app)
        deadline = time.monotonic() + 10
        while offer.id not in index.doc_ids() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert offer.id in index.doc_ids()
    finally:
        syncer.stop()
        assert not syncer._thread.is_alive()
        app.extensions.pop("oj_autosync")
        app.config["OJ_SEARCH_SYNC_SECONDS"] = 5


def test_cli_sync_reports_both_indexes(app, ctx, indexes):
    make_offer()
    result = app.test_cli_runner().invoke(args=["search", "sync"])
    assert result.exit_code == 0, result.output
    assert "offers: rebuilt, 1 applied" in result.output
    assert "participants: rebuilt, 0 applied" in result.output
