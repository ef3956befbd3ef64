"""Participant records: CRUD through the web, consents, sensitive data, audit log, access."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from orientheque_jobs.extensions import db
from orientheque_jobs.models import (
    AuditEntry,
    CompanyVisit,
    Consent,
    ConsentMethod,
    ConsentScope,
    Participant,
    Program,
    Role,
    ServiceGroup,
    User,
    VisitPurpose,
)
from orientheque_jobs.services import participants as participant_service

from .conftest import post_form
from .factories import (
    CONTRECOEUR,
    SOREL_TRACY,
    local_today,
    login,
    make_employer,
    make_participant,
    make_user,
)

BASE = "/conseil/participants"
SENSITIVE_REFUSED = "Ce renseignement sensible exige le consentement exprès de la personne"


def form_data(**overrides) -> dict:
    """A complete, valid `Ouvrir un dossier` submission."""
    today = local_today()
    data = {
        "first_name": "Émilie",
        "last_name": "Bélanger",
        "email": "emilie.belanger@courriel.example",
        "phone": "450 555-0142",
        "municipality_code": SOREL_TRACY,
        "service_group": "C2",
        "program": "b50",
        "counsellor_id": "",
        "started_on": (today - timedelta(days=10)).isoformat(),
        "ended_on": "",
        "notes": "Cherche un emploi de jour en entrepôt.",
        "consent_services": "y",
        "consent_method": "written",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def edit_data(participant: Participant, **overrides) -> dict:
    """The edit form as the browser sends it back unchanged."""
    data = {
        "first_name": participant.first_name,
        "last_name": participant.last_name,
        "email": participant.email or "",
        "phone": participant.phone or "",
        "municipality_code": participant.municipality_code or "",
        "service_group": participant.service_group.value,
        "program": participant.program.value if participant.program else "",
        "counsellor_id": str(participant.counsellor_id or ""),
        "started_on": participant.started_on.isoformat(),
        "ended_on": participant.ended_on.isoformat() if participant.ended_on else "",
        "immigration_status": participant.immigration_status or "",
        "criminal_record": participant.criminal_record or "",
        "health_limitations": participant.health_limitations or "",
        "notes": participant.notes or "",
    }
    data.update(overrides)
    return data


def audit_rows(app) -> list[tuple]:
    with app.app_context():
        return db.session.execute(
            select(
                AuditEntry.user_id, AuditEntry.action, AuditEntry.entity_id, AuditEntry.detail
            ).order_by(AuditEntry.id)
        ).all()


def load(app, participant_id: int) -> Participant | None:
    with app.app_context():
        participant = db.session.get(Participant, participant_id)
        if participant is not None:
            participant.consents  # noqa: B018 (load before leaving the session)
            db.session.expunge(participant)
        return participant


def give_consent(client, participant_id: int, scope: str, given: bool = True):
    page = f"{BASE}/{participant_id}"
    action = {"give": "1"} if given else {"withdraw": "1"}
    return post_form(
        client,
        f"{page}/consentements",
        {"scope": scope, "method": "written", **action},
        page=page,
    )


@pytest.fixture
def counsellor(app):
    with app.app_context():
        return make_user(Role.COUNSELLOR)


@pytest.fixture
def manager(app):
    with app.app_context():
        return make_user(Role.MANAGER)


# --- creating and editing ------------------------------------------------------------------------


def test_counsellor_opens_a_file_with_its_intake_consents(app, client, counsellor):
    login(client, counsellor)
    assert "Ouvrir un dossier de participant" in client.get(f"{BASE}/nouveau").get_data(
        as_text=True
    )
    response = post_form(
        client,
        f"{BASE}/nouveau",
        form_data(counsellor_id=str(counsellor.id), consent_matching="y", consent_method="oral"),
    )
    assert response.status_code == 302
    with app.app_context():
        participant = db.session.scalars(select(Participant)).one()
        assert response.headers["Location"].endswith(f"{BASE}/{participant.id}")
        assert (participant.first_name, participant.last_name) == ("Émilie", "Bélanger")
        assert participant.service_group == ServiceGroup.C2
        assert participant.program == Program.B50
        assert participant.counsellor_id == counsellor.id
        assert participant.municipality_code == SOREL_TRACY
        consents = [
            (c.scope, c.given, c.method, c.notice_version, c.recorded_by_id)
            for c in participant.consents
        ]
        participant_id = participant.id
    version = participant_service.CURRENT_NOTICE_VERSION
    assert consents == [
        (ConsentScope.SERVICES, True, ConsentMethod.ORAL, version, counsellor.id),
        (ConsentScope.MATCHING, True, ConsentMethod.ORAL, version, counsellor.id),
    ]
    [create] = [row for row in audit_rows(app) if row.action == "create"]
    assert create.user_id == counsellor.id and create.entity_id == participant_id
    assert json.loads(create.detail)["consents"] == ["services", "matching"]
    assert "first_name" in json.loads(create.detail)["fields"]
    assert "Émilie" not in create.detail and "courriel.example" not in create.detail
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Le dossier de Émilie Bélanger est ouvert." in html
    assert "<td>Jumelage avec des offres d'emploi</td>" in html


def test_new_file_errors_are_in_french_next_to_the_fields_and_keep_the_input(
    app, client, counsellor
):
    login(client, counsellor)
    today = local_today()
    response = post_form(
        client,
        f"{BASE}/nouveau",
        form_data(
            email="emilie@",
            municipality_code="99999",
            started_on=today.isoformat(),
            ended_on=(today - timedelta(days=3)).isoformat(),
            criminal_record="Vol simple, 2015",
            notes="Texte tapé à garder",
        ),
    )
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "La fin de la participation ne peut pas précéder son début." in html
    assert "Entrez une adresse courriel valide" in html
    assert "Choisissez une municipalité de la liste." in html
    assert SENSITIVE_REFUSED in html
    # Each message sits right under its field.
    assert html.index('id="ended_on-err"') > html.index('name="ended_on"')
    assert html.index('id="criminal_record-err"') > html.index('name="criminal_record"')
    # Typed values are kept.
    assert 'value="emilie@"' in html
    assert 'value="Émilie"' in html
    assert "Vol simple, 2015" in html
    assert "Texte tapé à garder" in html
    with app.app_context():
        assert db.session.scalar(select(Participant.id)) is None


def test_a_file_needs_names_a_start_date_and_the_services_consent(app, client, counsellor):
    login(client, counsellor)
    response = post_form(
        client,
        f"{BASE}/nouveau",
        form_data(first_name=" ", started_on="", consent_services=None, phone="abc"),
    )
    html = response.get_data(as_text=True)
    assert html.count("Ce champ est obligatoire.") == 2
    assert "Ce consentement est nécessaire pour ouvrir un dossier." in html
    assert "Entrez un numéro de téléphone" in html
    assert 'value="Bélanger"' in html
    with app.app_context():
        assert db.session.scalar(select(Participant.id)) is None


def test_sensitive_data_is_accepted_at_intake_with_the_express_consent(app, client, counsellor):
    login(client, counsellor)
    response = post_form(
        client,
        f"{BASE}/nouveau",
        form_data(consent_sensitive="y", immigration_status="Permis de travail ouvert"),
    )
    assert response.status_code == 302
    with app.app_context():
        participant = db.session.scalars(select(Participant)).one()
        assert participant.immigration_status == "Permis de travail ouvert"
        assert participant_service.active_consent(participant, ConsentScope.SENSITIVE)


def test_counsellor_edits_a_file_and_the_audit_names_the_changed_fields(
    app, client, counsellor, manager
):
    with app.app_context():
        participant = make_participant()
    login(client, counsellor)
    page = f"{BASE}/{participant.id}/modifier"
    html = client.get(page).get_data(as_text=True)
    assert 'value="Amina"' in html
    data = edit_data(participant, phone="450 555-0199", program="mfor", service_group="D3")
    response = post_form(client, page, data)
    assert response.status_code == 302
    saved = load(app, participant.id)
    assert saved.phone == "450 555-0199"
    assert saved.program == Program.MFOR and saved.service_group == ServiceGroup.D3
    [update] = [row for row in audit_rows(app) if row.action == "update"]
    assert update.user_id == counsellor.id and update.entity_id == participant.id
    assert json.loads(update.detail) == {"fields": ["phone", "service_group", "program"]}
    assert "555-0199" not in update.detail
    managers = app.test_client()
    login(managers, manager)
    html = managers.get(f"{BASE}/journal?participant={participant.id}").get_data(as_text=True)
    assert "Champs : Téléphone, Groupe de services, Programme" in html


def test_closing_a_file_before_it_started_is_refused(app, client, counsellor):
    with app.app_context():
        participant = make_participant()
    login(client, counsellor)
    page = f"{BASE}/{participant.id}/modifier"
    before = (participant.started_on - timedelta(days=1)).isoformat()
    response = post_form(client, page, edit_data(participant, ended_on=before, last_name="Ba"))
    html = response.get_data(as_text=True)
    assert "La fin de la participation ne peut pas précéder son début." in html
    assert f'value="{before}"' in html and 'value="Ba"' in html
    assert load(app, participant.id).ended_on is None
    # The right date closes the file: it leaves the default « en cours » list.
    yesterday = (local_today() - timedelta(days=1)).isoformat()
    assert post_form(client, page, edit_data(participant, ended_on=yesterday)).status_code == 302
    assert load(app, participant.id).ended_on.isoformat() == yesterday
    listing = client.get(f"{BASE}/?counsellor=all").get_data(as_text=True)
    assert "Diallo" not in listing
    assert "Diallo" in client.get(f"{BASE}/?counsellor=all&status=ended").get_data(as_text=True)


def test_sensitive_fields_are_refused_on_edit_without_consent(app, client, counsellor):
    with app.app_context():
        participant = make_participant()
    login(client, counsellor)
    page = f"{BASE}/{participant.id}/modifier"
    data = edit_data(participant, health_limitations="Ne peut soulever plus de 10 kg")
    response = post_form(client, page, data)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert SENSITIVE_REFUSED in html
    assert "Ne peut soulever plus de 10 kg" in html  # kept for the counsellor to see
    assert load(app, participant.id).health_limitations is None


def test_the_service_refuses_sensitive_data_and_dates_out_of_order(app, ctx):
    user = make_user()
    participant = make_participant()
    with pytest.raises(participant_service.ConsentRequired) as refused:
        participant_service.update_participant(
            participant, {"criminal_record": "Dossier", "notes": "x"}, user
        )
    assert refused.value.fields == ("criminal_record",)
    with pytest.raises(participant_service.InvalidDates):
        participant_service.update_participant(
            participant, {"ended_on": participant.started_on - timedelta(days=1)}, user
        )
    with pytest.raises(participant_service.ConsentRequired):
        participant_service.create_participant(
            {
                "first_name": "Jean",
                "last_name": "Tremblay",
                "service_group": ServiceGroup.A,
                "started_on": local_today(),
                "immigration_status": "Résident permanent",
            },
            user,
            consents=[ConsentScope.SERVICES],
        )
    db.session.rollback()
    assert (
        db.session.scalar(select(Participant.id).where(Participant.last_name == "Tremblay")) is None
    )


# --- consents and sensitive data -----------------------------------------------------------------


def test_sensitive_data_shows_only_with_the_consent_and_is_erased_on_withdrawal(
    app, client, counsellor
):
    with app.app_context():
        participant = make_participant()
    login(client, counsellor)
    detail = f"{BASE}/{participant.id}"
    assert "Aucun consentement actif pour les renseignements sensibles" in client.get(
        detail
    ).get_data(as_text=True)

    assert give_consent(client, participant.id, "sensitive").status_code == 302
    page = f"{detail}/modifier"
    data = edit_data(
        participant,
        immigration_status="Demandeur d'asile",
        criminal_record="Aucun",
        health_limitations="Allergie au latex",
    )
    assert post_form(client, page, data).status_code == 302
    html = client.get(detail).get_data(as_text=True)
    assert "Allergie au latex" in html and "Demandeur d&#39;asile" in html

    response = give_consent(client, participant.id, "sensitive", given=False)
    assert response.status_code == 302
    saved = load(app, participant.id)
    assert (saved.immigration_status, saved.criminal_record, saved.health_limitations) == (
        None,
        None,
        None,
    )
    html = client.get(detail).get_data(as_text=True)
    assert "Allergie au latex" not in html
    assert "Aucun consentement actif pour les renseignements sensibles" in html
    [withdrawal] = [row for row in audit_rows(app) if row.action == "consent"][-1:]
    assert json.loads(withdrawal.detail) == {
        "scope": "sensitive",
        "given": False,
        "erased": ["immigration_status", "criminal_record", "health_limitations"],
    }
    assert "latex" not in withdrawal.detail


def test_consents_are_append_only_and_the_latest_decides(app, client, counsellor):
    with app.app_context():
        participant = make_participant()
    login(client, counsellor)
    give_consent(client, participant.id, "digest")
    give_consent(client, participant.id, "digest", given=False)
    give_consent(client, participant.id, "matching")
    with app.app_context():
        saved = db.session.get(Participant, participant.id)
        rows = [(c.scope, c.given, c.recorded_by_id) for c in saved.consents]
        assert not participant_service.active_consent(saved, ConsentScope.DIGEST)
        assert participant_service.active_consent(saved, ConsentScope.MATCHING)
        assert participant_service.active_consent(saved, ConsentScope.SERVICES)
        assert not participant_service.active_consent(saved, ConsentScope.SENSITIVE)
        versions = {c.notice_version for c in saved.consents}
        assert all(c.recorded_at is not None for c in saved.consents)
    assert rows == [
        (ConsentScope.SERVICES, True, None),  # from the factory
        (ConsentScope.DIGEST, True, counsellor.id),
        (ConsentScope.DIGEST, False, counsellor.id),
        (ConsentScope.MATCHING, True, counsellor.id),
    ]
    assert versions == {participant_service.CURRENT_NOTICE_VERSION}
    html = client.get(f"{BASE}/{participant.id}").get_data(as_text=True)
    history = html[html.index("Historique des consentements") :]
    assert history.count("Retiré") == 1 and history.count(counsellor.name) == 3
    assert participant_service.CURRENT_NOTICE_VERSION in history
    details = [json.loads(row.detail) for row in audit_rows(app) if row.action == "consent"]
    assert details == [
        {"scope": "digest", "given": True},
        {"scope": "digest", "given": False},
        {"scope": "matching", "given": True},
    ]


def test_a_consent_form_without_a_decision_is_refused_in_french(app, client, counsellor):
    with app.app_context():
        participant = make_participant()
    login(client, counsellor)
    page = f"{BASE}/{participant.id}"
    response = post_form(client, f"{page}/consentements", {"scope": "digest"}, page=page)
    assert response.status_code == 400
    assert "Indiquez si le consentement est donné ou retiré." in response.get_data(as_text=True)
    response = post_form(
        client, f"{page}/consentements", {"scope": "bogus", "give": "1"}, page=page
    )
    assert response.status_code == 400
    assert len(load(app, participant.id).consents) == 1


# --- reading, listing and the audit log ----------------------------------------------------------


def test_every_read_is_audited_and_managers_see_the_journal(app, client, counsellor, manager):
    with app.app_context():
        participant = make_participant()
    login(client, counsellor)
    assert client.get(f"{BASE}/{participant.id}").status_code == 200
    assert client.get(f"{BASE}/{participant.id}/modifier").status_code == 200
    assert client.get(f"{BASE}/journal").status_code == 403
    views = [row for row in audit_rows(app) if row.action == "view"]
    assert [(row.user_id, row.entity_id) for row in views] == [(counsellor.id, participant.id)] * 2

    manager_client = app.test_client()
    login(manager_client, manager)
    assert manager_client.get(f"{BASE}/{participant.id}").status_code == 200
    html = manager_client.get(f"{BASE}/journal").get_data(as_text=True)
    assert "Journal des accès aux dossiers" in html
    assert counsellor.name in html and f"Participant n° {participant.id}" in html
    table = html[html.index("<tbody>") :]
    assert table.index(manager.name) < table.index(counsellor.name)  # newest first


def test_the_journal_filters_by_user_participant_and_dates(app, client, counsellor, manager):
    with app.app_context():
        first = load(app, make_participant().id)
        second = load(app, make_participant("Louis", "Gendron").id)
        long_ago = datetime(2025, 3, 1, 15, 0)
        db.session.add_all(
            [
                AuditEntry(
                    user_id=counsellor.id,
                    action="view",
                    entity="participant",
                    entity_id=first.id,
                    at=long_ago,
                ),
                AuditEntry(
                    user_id=manager.id,
                    action="update",
                    entity="participant",
                    entity_id=second.id,
                    at=long_ago + timedelta(days=1),
                ),
                AuditEntry(
                    user_id=counsellor.id,
                    action="delete",
                    entity="participant",
                    entity_id=second.id,
                    at=long_ago + timedelta(days=40),
                ),
            ]
        )
        db.session.commit()
    login(client, manager)

    def rows(query: str) -> list[str]:
        html = client.get(f"{BASE}/journal?{query}").get_data(as_text=True)
        body = html[html.index("<tbody>") : html.index("</tbody>")]
        return [cell.split("</td>")[0] for cell in body.split("<td>")[3::5]]

    period = "date_from=2025-03-01&date_to=2025-03-31"
    assert rows(period) == ["Modification", "Consultation"]
    assert rows(f"{period}&user={counsellor.id}") == ["Consultation"]
    assert rows(f"participant={second.id}&date_to=2025-12-31") == ["Suppression", "Modification"]
    html = client.get(f"{BASE}/journal?date_from=2025-04-01&date_to=2025-03-01").get_data(
        as_text=True
    )
    assert "La date de fin doit suivre la date de début." in html
    assert 'value="2025-04-01"' in html
    html = client.get(f"{BASE}/journal?participant=abc").get_data(as_text=True)
    assert 'value="abc"' in html and 'id="participant-err"' in html


def test_the_list_defaults_to_my_participants_and_filters(app, client, counsellor):
    with app.app_context():
        other = make_user(Role.COUNSELLOR)
        make_participant("Hélène", "Côté", counsellor=counsellor, program=Program.MFOR)
        make_participant("Marc", "Girard", counsellor=counsellor, service_group=ServiceGroup.ME)
        make_participant("Sophie", "Paul", counsellor=other)
        make_participant(
            "Ancien", "Dossier", counsellor=counsellor, ended_on=local_today() - timedelta(days=1)
        )
    login(client, counsellor)

    def names(query: str = "") -> list[str]:
        html = client.get(f"{BASE}/?{query}").get_data(as_text=True)
        return [n for n in ("Côté", "Girard", "Paul", "Dossier") if f">{n}, " in html]

    assert names() == ["Côté", "Girard"]
    assert names("counsellor=all") == ["Côté", "Girard", "Paul"]
    assert names(f"counsellor={other.id}") == ["Paul"]
    assert names("counsellor=all&q=helene") == ["Côté"]
    assert names("counsellor=all&q=COTE+hél") == ["Côté"]
    assert names("service_group=ME") == ["Girard"]
    assert names("program=mfor") == ["Côté"]
    assert names("status=ended") == ["Dossier"]
    assert names("status=all") == ["Côté", "Girard", "Dossier"]
    html = client.get(f"{BASE}/?service_group=Z9&page=abc").get_data(as_text=True)
    assert 'id="service_group-err"' in html  # a bogus filter is said, and filters nothing
    [listing, *_] = [row for row in audit_rows(app) if row.action == "list"]
    assert listing.user_id == counsellor.id and listing.entity_id is None


def test_the_list_is_paginated(app, client, manager):
    with app.app_context():
        for n in range(participant_service.PAGE_SIZE + 3):
            make_participant("Personne", f"Nom{n:03d}")
    login(client, manager)
    first = client.get(f"{BASE}/").get_data(as_text=True)
    assert "Nom000" in first and "Nom052" not in first and "Suivante »" in first
    second = client.get(f"{BASE}/?page=2").get_data(as_text=True)
    assert "Nom052" in second and "Nom000" not in second and "« Précédente" in second


def test_unknown_participant_is_a_404(app, client, counsellor):
    login(client, counsellor)
    for url in (f"{BASE}/987654", f"{BASE}/987654/modifier", f"{BASE}/0"):
        assert client.get(url).status_code == 404, url
    page = f"{BASE}/nouveau"
    response = post_form(client, f"{BASE}/987654/consentements", {"give": "1"}, page=page)
    assert response.status_code == 404


# --- who may do what -----------------------------------------------------------------------------


def test_managers_read_but_cannot_write(app, client, manager):
    with app.app_context():
        participant = make_participant()
    login(client, manager)
    assert client.get(f"{BASE}/").status_code == 200
    html = client.get(f"{BASE}/{participant.id}").get_data(as_text=True)
    assert "Amina Diallo" in html and "Modifier" not in html
    assert client.get(f"{BASE}/nouveau").status_code == 403
    page = f"{BASE}/{participant.id}"
    assert post_form(client, f"{BASE}/nouveau", form_data(), page=page).status_code == 403
    edit = post_form(client, f"{page}/modifier", edit_data(participant, last_name="X"), page=page)
    assert edit.status_code == 403
    consent = post_form(
        client, f"{page}/consentements", {"scope": "digest", "give": "1"}, page=page
    )
    assert consent.status_code == 403
    saved = load(app, participant.id)
    assert saved.last_name == "Diallo" and len(saved.consents) == 1


def test_public_is_sent_to_login_and_admins_are_refused(app, client):
    with app.app_context():
        admin = make_user(Role.ADMIN)
        participant = make_participant()
    urls = [
        f"{BASE}/",
        f"{BASE}/nouveau",
        f"{BASE}/{participant.id}",
        f"{BASE}/{participant.id}/modifier",
        f"{BASE}/journal",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/connexion" in response.headers["Location"], url
    login(client, admin)
    for url in urls:
        assert client.get(url).status_code == 403, url
    response = post_form(
        client, f"{BASE}/{participant.id}/supprimer", {"confirm": "y"}, page="/publier"
    )
    assert response.status_code == 403
    assert load(app, participant.id) is not None
    assert audit_rows(app) == []


def test_counsellors_cannot_delete(app, client, counsellor):
    with app.app_context():
        participant = make_participant()
    login(client, counsellor)
    page = f"{BASE}/{participant.id}"
    assert "Supprimer le dossier" not in client.get(page).get_data(as_text=True)
    response = post_form(client, f"{page}/supprimer", {"confirm": "y"}, page=page)
    assert response.status_code == 403
    assert load(app, participant.id) is not None


# --- deletion ------------------------------------------------------------------------------------


def test_manager_deletes_a_file_and_its_consents_but_not_its_audit_trail(
    app, client, counsellor, manager
):
    with app.app_context():
        participant = make_participant()
    login(client, counsellor)
    give_consent(client, participant.id, "matching")
    client = app.test_client()
    login(client, manager)
    page = f"{BASE}/{participant.id}"
    response = post_form(client, f"{page}/supprimer", {}, page=page)
    assert response.status_code == 400
    assert "Cochez la case pour confirmer la suppression." in response.get_data(as_text=True)
    assert load(app, participant.id) is not None

    response = post_form(client, f"{page}/supprimer", {"confirm": "y"}, page=page)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"{BASE}/")
    assert load(app, participant.id) is None
    with app.app_context():
        assert db.session.scalar(select(Consent.id)) is None
    rows = audit_rows(app)
    actions = [row.action for row in rows if row.entity_id == participant.id]
    assert {"view", "consent"} <= set(actions[:-1])  # the earlier entries stay
    assert rows[-1].action == "delete" and rows[-1].user_id == manager.id
    assert rows[-1].entity_id == participant.id
    assert json.loads(rows[-1].detail) == {"consents_deleted": 2}
    assert client.get(page).status_code == 404
    html = client.get(f"{BASE}/journal?participant={participant.id}").get_data(as_text=True)
    assert "Suppression" in html and "2 consentements supprimés" in html
    assert "Jumelage avec des offres d&#39;emploi : donné" in html


def test_deleting_a_participant_with_activity_is_refused_with_a_clear_message(
    app, client, counsellor, manager
):
    with app.app_context():
        participant = make_participant()
        visit = CompanyVisit(
            employer=make_employer(),
            visited_on=local_today(),
            purpose=VisitPurpose.WITH_PARTICIPANTS,
            participants=[participant],
        )
        db.session.add(visit)
        db.session.commit()
        participant = load(app, participant.id)
    login(client, manager)
    page = f"{BASE}/{participant.id}"
    assert "1 visite d&#39;entreprise" in client.get(page).get_data(as_text=True)
    response = post_form(client, f"{page}/supprimer", {"confirm": "y"}, page=page)
    assert response.status_code == 302
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Ce dossier ne peut pas être supprimé" in html
    assert "1 visite d&#39;entreprise" in html
    saved = load(app, participant.id)
    assert saved is not None and len(saved.consents) == 1
    assert "delete" not in [row.action for row in audit_rows(app)]


def test_a_former_counsellor_stays_selectable_on_the_file(app, client, counsellor):
    with app.app_context():
        former = make_user(Role.COUNSELLOR)
        participant = make_participant(counsellor=former, municipality_code=CONTRECOEUR)
        db.session.get(User, former.id).active = False
        db.session.commit()
        participant = load(app, participant.id)
    login(client, counsellor)
    html = client.get(f"{BASE}/{participant.id}/modifier").get_data(as_text=True)
    assert f"{former.name} (inactif)" in html
    assert (
        post_form(client, f"{BASE}/{participant.id}/modifier", edit_data(participant)).status_code
        == 302
    )
    assert load(app, participant.id).counsellor_id == former.id
