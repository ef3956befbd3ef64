"""Referrals (jumelages): proposing once per pair, the steps and their rules, the maintien en
emploi follow-up opened from a hiring, the lists on the participant and offer pages, the audit
and who may read or change what."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from html import unescape

import pytest
from sqlalchemy import func, select

from orientheque_jobs.extensions import db
from orientheque_jobs.models import (
    AuditEntry,
    ConsentMethod,
    ConsentScope,
    Offer,
    OfferStatus,
    Participant,
    Referral,
    ReferralStatus,
    ReferralStep,
    RetentionFollowUp,
    Role,
    User,
)
from orientheque_jobs.services import referrals as referral_service
from orientheque_jobs.services.referrals import ReferralError

from .conftest import csrf_from, post_form
from .factories import (
    add_consent,
    future,
    local_today,
    login,
    make_offer,
    make_participant,
    make_user,
)

BASE = "/conseil/jumelages"
FOLLOW_UP_NEW = "/conseil/employeurs/maintien/nouveau"


@dataclass
class World:
    counsellor: User
    manager: User
    admin: User
    amina: int
    karim: int
    offer_id: int
    employer_id: int
    closed_offer_id: int


@pytest.fixture
def world(app) -> World:
    with app.app_context():
        counsellor = make_user(Role.COUNSELLOR)
        db.session.get(User, counsellor.id).name = counsellor.name = "Sophie Lavoie"
        db.session.commit()
        manager = make_user(Role.MANAGER)
        admin = make_user(Role.ADMIN)
        amina = make_participant("Amina", "Diallo")
        karim = make_participant("Karim", "Benali")
        for participant in (amina, karim):
            add_consent(participant, ConsentScope.MATCHING)
            db.session.commit()
        offer = make_offer(title="Soudeur-assembleur")
        closed = make_offer(OfferStatus.FILLED, title="Journalier")
        return World(
            counsellor,
            manager,
            admin,
            amina.id,
            karim.id,
            offer.id,
            offer.employer_id,
            closed.id,
        )


@pytest.fixture
def counsellor_client(app, client, world):
    login(client, world.counsellor)
    return client


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def errors_of(html: str, field: str) -> list[str]:
    return [unescape(e) for e in re.findall(rf'<p class="error" id="{field}-err">([^<]*)', html)]


def iso(day: date) -> str:
    return day.isoformat()


def propose(client, world: World, participant_id=None, offer_id=None, **extra):
    data = {
        "participant_id": str(participant_id or world.amina),
        "offer_id": str(offer_id or world.offer_id),
        **extra,
    }
    return post_form(client, f"{BASE}/", data, page="/conseil/participants/")


def only_referral(app) -> Referral:
    with app.app_context():
        referral = db.session.scalar(select(Referral))
        db.session.expunge(referral)
        return referral


def step(client, referral_id: int, status: str, on: date | None = None, **extra):
    data = {"status": status, "on": iso(on or local_today()), **extra}
    url = f"{BASE}/{referral_id}"
    return post_form(client, f"{url}/etape", data, page=url)


def audit_rows(app, entity: str) -> list[AuditEntry]:
    with app.app_context():
        rows = db.session.scalars(
            select(AuditEntry).where(AuditEntry.entity == entity).order_by(AuditEntry.id)
        ).all()
        db.session.expunge_all()
        return rows


# --- proposing -----------------------------------------------------------------------------------


def test_proposing_twice_keeps_one_referral_and_goes_back_to_next(app, counsellor_client, world):
    back = f"/conseil/jumelage/participants/{world.amina}"
    first = propose(counsellor_client, world, next=back, note="Profil très proche.")
    assert first.status_code == 302 and first.headers["Location"] == back
    again = propose(counsellor_client, world, next=back)
    assert again.status_code == 302 and again.headers["Location"] == back
    assert count(app, Referral) == 1 and count(app, ReferralStep) == 1
    referral = only_referral(app)
    assert referral.status == ReferralStatus.PROPOSED
    assert referral.counsellor_id == world.counsellor.id
    with app.app_context():
        [first_step] = db.session.get(Referral, referral.id).steps
        assert first_step.on == local_today() and first_step.note == "Profil très proche."
        assert first_step.recorded_by_id == world.counsellor.id
    html = unescape(counsellor_client.get(back).get_data(as_text=True))
    assert "Ce jumelage existe déjà (Proposé)." in html
    [create] = audit_rows(app, "referral")
    assert create.action == "create" and create.entity_id == referral.id
    assert create.detail == f"participant: {world.amina}; offer: {world.offer_id}"


def test_next_must_be_a_local_path(app, counsellor_client, world):
    for target in ("https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:x"):
        response = propose(counsellor_client, world, next=target)
        assert response.status_code == 302
        assert "evil" not in response.headers["Location"]
        assert response.headers["Location"].startswith(f"{BASE}/")


def test_a_race_on_the_pair_returns_the_referral_already_created(app, ctx, world, monkeypatch):
    participant = db.session.get(Participant, world.amina)
    offer = db.session.get(Offer, world.offer_id)
    first = referral_service.propose(participant, offer, None)
    # The other request's look-up ran before this one committed: it does not see the row.
    real_find = referral_service.find
    calls = []

    def late_find(participant_id, offer_id):
        calls.append(1)
        return None if len(calls) == 1 else real_find(participant_id, offer_id)

    monkeypatch.setattr(referral_service, "find", late_find)
    again = referral_service.propose(participant, offer, None)
    assert again.id == first.id and len(calls) == 2
    assert db.session.scalar(select(func.count()).select_from(Referral)) == 1


@pytest.mark.parametrize(
    ("participant_id", "offer_id", "field", "message"),
    [
        ("", "", "participant_id", "Choisissez un participant de la liste."),
        ("abc", "1", "participant_id", "Choisissez un participant de la liste."),
        ("-1", "1", "participant_id", "Choisissez un participant de la liste."),
        ("99999999999999999999", "1", "participant_id", "Choisissez un participant de la liste."),
        (None, "x' OR 1=1", "offer_id", "Cette offre n'existe pas."),
        (None, "2147483647", "offer_id", "Cette offre n'existe pas."),
    ],
)
def test_unknown_or_malformed_ids_are_refused_in_french(
    app, counsellor_client, world, participant_id, offer_id, field, message
):
    data = {
        "participant_id": str(world.amina) if participant_id is None else participant_id,
        "offer_id": offer_id,
        "note": "Gardée",
    }
    response = post_form(counsellor_client, f"{BASE}/", data, page="/conseil/participants/")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in errors_of(html, field)
    assert "Gardée" in html  # typed note kept
    assert count(app, Referral) == 0


def test_proposing_needs_the_consent_an_open_file_and_a_visible_offer(
    app, counsellor_client, world
):
    with app.app_context():
        no_consent = make_participant("Louis", "Gendron").id
        closed_file = make_participant("Nadia", "Roy", ended_on=future(-1))
        add_consent(closed_file, ConsentScope.MATCHING)
        db.session.commit()
        closed_file = closed_file.id
    cases = [
        (no_consent, world.offer_id, "participant_id", "n'a pas consenti au jumelage"),
        (closed_file, world.offer_id, "participant_id", "Le dossier de cette personne est fermé."),
        (world.amina, world.closed_offer_id, "offer_id", "n'est pas publiée ou n'est plus"),
    ]
    for participant_id, offer_id, field, message in cases:
        response = propose(counsellor_client, world, participant_id, offer_id)
        assert response.status_code == 400
        errors = errors_of(response.get_data(as_text=True), field)
        assert any(message in e for e in errors), (field, errors)
    long_note = propose(counsellor_client, world, note="x" * 2001)
    assert long_note.status_code == 400
    assert errors_of(long_note.get_data(as_text=True), "note") == ["2 000 caractères au maximum."]
    assert count(app, Referral) == 0


def test_create_without_csrf_token_is_refused(app, counsellor_client, world):
    response = counsellor_client.post(
        f"{BASE}/", data={"participant_id": world.amina, "offer_id": world.offer_id}
    )
    assert response.status_code == 400
    assert count(app, Referral) == 0


# --- steps ---------------------------------------------------------------------------------------


@pytest.fixture
def referral_id(app, counsellor_client, world) -> int:
    assert propose(counsellor_client, world).status_code == 302
    return only_referral(app).id


def test_steps_move_forward_with_their_dates_notes_and_audit(
    app, counsellor_client, world, referral_id
):
    assert (
        step(counsellor_client, referral_id, "sent", note="CV envoyé par courriel.").status_code
        == 302
    )
    assert step(counsellor_client, referral_id, "interview").status_code == 302
    assert (
        step(counsellor_client, referral_id, "interview", note="Deuxième entrevue").status_code
        == 302
    )
    with app.app_context():
        referral = db.session.get(Referral, referral_id)
        assert referral.status == ReferralStatus.INTERVIEW
        assert [s.status for s in referral.steps] == [
            ReferralStatus.PROPOSED,
            ReferralStatus.SENT,
            ReferralStatus.INTERVIEW,
            ReferralStatus.INTERVIEW,
        ]
    html = unescape(counsellor_client.get(f"{BASE}/{referral_id}").get_data(as_text=True))
    assert "Jumelage — Amina Diallo" in html and "CV envoyé par courriel." in html
    assert "Deuxième entrevue" in html and "Sophie Lavoie" in html
    actions = [(r.action, r.detail) for r in audit_rows(app, "referral")]
    assert ("update", "status: sent") in actions and ("view", None) in actions


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ([], "interview", "Un jumelage proposé passe à « CV envoyé » ou est retiré."),
        ([], "hired", "Un jumelage proposé passe à « CV envoyé » ou est retiré."),
        ([], "proposed", "Un jumelage proposé passe à « CV envoyé » ou est retiré."),
        (["sent"], "sent", "Après l'envoi du CV : entrevue, embauche"),
        (["sent", "hired"], "withdrawn", "Ce jumelage est terminé (embauche)"),
        (["sent", "not_retained"], "interview", "candidature non retenue); son état ne change"),
        (["withdrawn"], "sent", "Un jumelage retiré peut seulement être proposé de nouveau."),
        ([], "bogus", "Choisissez une valeur de la liste."),
        ([], "", "Ce champ est obligatoire."),
    ],
)
def test_transitions_outside_the_rules_are_refused_in_french(
    app, counsellor_client, world, referral_id, path, status, message
):
    for earlier in path:
        assert step(counsellor_client, referral_id, earlier).status_code == 302
    response = step(counsellor_client, referral_id, status, note="Note gardée")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert any(message in e for e in errors_of(html, "status")), errors_of(html, "status")
    assert "Note gardée" in html and "Le formulaire contient des erreurs" in unescape(html)
    assert count(app, ReferralStep) == 1 + len(path)


def test_a_withdrawn_referral_may_be_proposed_again(app, counsellor_client, world, referral_id):
    assert step(counsellor_client, referral_id, "withdrawn").status_code == 302
    html = unescape(counsellor_client.get(f"{BASE}/{referral_id}").get_data(as_text=True))
    assert "Proposer de nouveau" in html and "Embauche" not in html.split("Nouvelle étape")[-1]
    assert step(counsellor_client, referral_id, "proposed").status_code == 302
    assert only_referral(app).status == ReferralStatus.PROPOSED


@pytest.mark.parametrize(
    ("on", "message"),
    [
        (future(1), "Cette date ne peut pas être dans le futur."),
        (date(1999, 12, 31), "Cette date est trop ancienne."),
        (future(-1), "Cette date ne peut pas précéder celle de l'étape précédente."),
    ],
)
def test_step_dates_are_not_in_the_future_nor_before_the_previous_step(
    app, counsellor_client, world, referral_id, on, message
):
    response = step(counsellor_client, referral_id, "sent", on=on)
    assert response.status_code == 400
    assert errors_of(response.get_data(as_text=True), "on") == [message]
    assert only_referral(app).status == ReferralStatus.PROPOSED


def test_malformed_step_input_is_a_4xx(app, counsellor_client, world, referral_id):
    url = f"{BASE}/{referral_id}"
    for data in ({"status": "sent", "on": "31/02/2026"}, {"status": ["sent", "x"], "on": "x"}, {}):
        response = post_form(counsellor_client, f"{url}/etape", data, page=url)
        assert 400 <= response.status_code < 500, data
    for bad in ("0", "abc", "99999999999999999999", "-3"):
        assert counsellor_client.get(f"{BASE}/{bad}").status_code == 404
        assert counsellor_client.post(f"{BASE}/{bad}/etape", data={}).status_code in (400, 404)
    csrf = csrf_from(counsellor_client.get(url).get_data(as_text=True))
    response = counsellor_client.post(f"{BASE}/2147483647/etape", data={"csrf_token": csrf})
    assert response.status_code == 404
    assert only_referral(app).status == ReferralStatus.PROPOSED


def test_the_service_refuses_without_writing(app, ctx, world):
    participant = db.session.get(Participant, world.amina)
    offer = db.session.get(Offer, world.offer_id)
    referral = referral_service.propose(participant, offer, None)
    with pytest.raises(ReferralError) as refused:
        referral_service.advance(referral, "hired", future(2), "x" * 2001, None)
    assert set(refused.value.errors) == {"status", "on", "note"}
    with pytest.raises(ReferralError) as refused:
        referral_service.advance(referral, ReferralStatus.SENT, None, None, None)
    assert refused.value.errors == {"on": "Ce champ est obligatoire."}
    assert [s.status for s in referral.steps] == [ReferralStatus.PROPOSED]
    # Consent withdrawn since the proposal: the CV cannot be sent.
    add_consent(participant, ConsentScope.MATCHING, given=False, method=ConsentMethod.ORAL)
    db.session.commit()
    with pytest.raises(ReferralError) as refused:
        referral_service.advance(referral, ReferralStatus.SENT, local_today(), None, None)
    assert "n'a pas consenti au jumelage" in str(refused.value.errors["status"])
    withdrawn = referral_service.advance(referral, "withdrawn", local_today(), None, None)
    assert withdrawn.status == ReferralStatus.WITHDRAWN


# --- hired: the maintien en emploi follow-up -----------------------------------------------------


def hire(client, referral_id: int, on: date) -> None:
    assert step(client, referral_id, "sent", on=on - timedelta(days=5)).status_code == 302
    response = step(client, referral_id, "hired", on=on)
    assert response.status_code == 302 and response.headers["Location"].endswith("#maintien")


def follow_up_form(world: World, **overrides) -> dict:
    data = {
        "participant_id": str(world.amina),
        "mode": "tripartite",
        "employer_id": str(world.employer_id),
        "counsellor_id": str(world.counsellor.id),
        "job_title": "Soudeur-assembleur",
        "hired_on": iso(future(-3)),
        "opened_on": iso(local_today()),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def proposed_back_dated(app, referral_id) -> int:
    """The referral, proposed ten days ago (so that steps can be dated in the past)."""
    with app.app_context():
        db.session.get(Referral, referral_id).steps[0].on = future(-10)
        db.session.commit()
    return referral_id


def test_hiring_offers_a_prefilled_follow_up_that_is_then_linked(
    app, counsellor_client, world, proposed_back_dated
):
    referral_id = proposed_back_dated
    hire(counsellor_client, referral_id, future(-3))
    html = unescape(counsellor_client.get(f"{BASE}/{referral_id}").get_data(as_text=True))
    link = f"{FOLLOW_UP_NEW}?jumelage={referral_id}"
    assert link in html and "Ouvrir le suivi de maintien en emploi" in html
    assert "Nouvelle étape" not in html  # hired is final
    form = counsellor_client.get(link).get_data(as_text=True)
    assert f'<option selected value="{world.amina}"' in form
    assert f'<option selected value="{world.employer_id}"' in form
    assert 'value="Soudeur-assembleur"' in form and f'value="{iso(future(-3))}"' in form
    response = post_form(counsellor_client, link, follow_up_form(world))
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context():
        follow_up = db.session.scalar(select(RetentionFollowUp))
        assert follow_up.participant_id == world.amina and follow_up.hired_on == future(-3)
        assert db.session.get(Referral, referral_id).follow_up_id == follow_up.id
        follow_up_id = follow_up.id
    html = counsellor_client.get(f"{BASE}/{referral_id}").get_data(as_text=True)
    assert f"/conseil/employeurs/maintien/{follow_up_id}" in html
    assert link not in html
    # A double submit of the follow-up form opens no second follow-up for the same hiring.
    again = post_form(counsellor_client, link, follow_up_form(world))
    assert again.status_code == 200
    assert "Ce jumelage est déjà lié à un suivi de maintien en emploi." in unescape(
        again.get_data(as_text=True)
    )
    assert count(app, RetentionFollowUp) == 1
    assert ("update", f"follow_up: {follow_up_id}") in [
        (r.action, r.detail) for r in audit_rows(app, "referral")
    ]


def test_a_tampered_referral_id_links_nothing(app, counsellor_client, world, proposed_back_dated):
    referral_id = proposed_back_dated
    hire(counsellor_client, referral_id, future(-3))
    # Karim's follow-up cannot take Amina's referral.
    link = f"{FOLLOW_UP_NEW}?jumelage={referral_id}"
    response = post_form(
        counsellor_client, link, follow_up_form(world, participant_id=str(world.karim))
    )
    assert response.status_code == 200
    assert errors_of(response.get_data(as_text=True), "participant_id") == [
        "Choisissez la personne embauchée grâce à ce jumelage."
    ]
    # A referral that led to no hiring, an unknown one, garbage.
    assert propose(counsellor_client, world, world.karim).status_code == 302
    with app.app_context():
        other = db.session.scalar(select(Referral.id).where(Referral.participant_id == world.karim))
    for value in (other, 2147483647, "abc", "-1"):
        url = f"{FOLLOW_UP_NEW}?jumelage={value}"
        page = unescape(counsellor_client.get(url).get_data(as_text=True))
        assert "Ce jumelage ne peut pas être lié à un nouveau suivi." in page
        data = follow_up_form(world, participant_id=str(world.karim))
        response = post_form(counsellor_client, url, data)
        assert response.status_code == 200, value
        assert "n'a pas mené à une embauche" in unescape(response.get_data(as_text=True))
    assert count(app, RetentionFollowUp) == 0
    assert only_referral_of(app, world.amina).follow_up_id is None


def only_referral_of(app, participant_id: int) -> Referral:
    with app.app_context():
        referral = db.session.scalar(
            select(Referral).where(Referral.participant_id == participant_id)
        )
        db.session.expunge(referral)
        return referral


def test_a_follow_up_without_referral_still_opens(app, counsellor_client, world):
    response = post_form(counsellor_client, FOLLOW_UP_NEW, follow_up_form(world))
    assert response.status_code == 302
    assert count(app, RetentionFollowUp) == 1


# --- the lists on the participant and offer pages ------------------------------------------------


def test_participant_and_offer_pages_list_the_referrals(app, counsellor_client, world, referral_id):
    html = unescape(
        counsellor_client.get(f"/conseil/participants/{world.amina}").get_data(as_text=True)
    )
    section = html[html.index('id="jumelages"') :]
    assert "Soudeur-assembleur" in section and "Proposé" in section
    assert f"{BASE}/{referral_id}" in section
    html = unescape(
        counsellor_client.get(f"/conseil/offres/{world.offer_id}").get_data(as_text=True)
    )
    section = html[html.index('id="jumelages"') :]
    assert "Amina Diallo" in section and f"{BASE}/{referral_id}" in section
    [listing] = audit_rows(app, "offer_referrals")
    assert listing.entity_id == world.offer_id and listing.detail == f"participants: {world.amina}"
    empty = counsellor_client.get(f"/conseil/participants/{world.karim}").get_data(as_text=True)
    assert "Aucun jumelage pour l'instant." in empty


def test_admins_see_the_offer_but_no_referral(app, world, referral_id):
    client = app.test_client()
    login(client, world.admin)
    html = client.get(f"/conseil/offres/{world.offer_id}").get_data(as_text=True)
    assert "Amina" not in html and 'id="jumelages"' not in html
    assert audit_rows(app, "offer_referrals") == []
    assert client.get(f"{BASE}/{referral_id}").status_code == 403
    assert step(client, referral_id, "sent").status_code == 403


# --- who may do what -----------------------------------------------------------------------------


def test_managers_read_but_cannot_change(app, world, referral_id):
    client = app.test_client()
    login(client, world.manager)
    html = unescape(client.get(f"{BASE}/{referral_id}").get_data(as_text=True))
    assert "Jumelage — Amina Diallo" in html and "Nouvelle étape" not in html
    csrf = csrf_from(client.get(f"/conseil/participants/{world.amina}").get_data(as_text=True))
    for url, data in (
        (f"{BASE}/", {"participant_id": world.karim, "offer_id": world.offer_id}),
        (f"{BASE}/{referral_id}/etape", {"status": "sent", "on": iso(local_today())}),
    ):
        response = client.post(url, data={**data, "csrf_token": csrf})
        assert response.status_code == 403, url
    assert count(app, Referral) == 1
    assert only_referral(app).status == ReferralStatus.PROPOSED


def test_the_public_must_log_in(app, world, referral_id):
    public = app.test_client()
    for method, url in (("GET", f"{BASE}/{referral_id}"), ("POST", f"{BASE}/")):
        response = public.open(url, method=method, data={})
        assert response.status_code in (302, 400), url
        if response.status_code == 302:
            assert "/connexion" in response.headers["Location"]
    assert public.get(f"{BASE}/{referral_id}").status_code == 302
