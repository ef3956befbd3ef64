"""The employer file: search, identity and contacts, the four kinds of activity records, the
timeline with its filters, a fixed number of queries, and who may read or change what."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import Decimal
from html import unescape

import pytest
from sqlalchemy import event, func, select

from orientheque_jobs.extensions import db
from orientheque_jobs.models import (
    AuditEntry,
    CompanyVisit,
    Contact,
    Employer,
    EmployerInteraction,
    FollowUpMeeting,
    FollowUpMode,
    FollowUpOutcome,
    InteractionKind,
    MeetingPlace,
    Participant,
    Placement,
    PlacementKind,
    PlacementStatus,
    Program,
    RetentionFollowUp,
    Role,
    User,
    VisitPurpose,
    WageSubsidy,
)
from orientheque_jobs.services import activity
from orientheque_jobs.services import employers as employer_service
from orientheque_jobs.services.activity import ActivityError, local_to_utc

from .conftest import csrf_from, post_form
from .factories import (
    CONTRECOEUR,
    SOREL_TRACY,
    future,
    local_today,
    login,
    make_employer,
    make_offer,
    make_participant,
    make_user,
)

BASE = "/conseil/employeurs"


@dataclass
class World:
    counsellor: User
    colleague: User
    manager: User
    employer_id: int
    contact_id: int
    amina: int
    karim: int


@pytest.fixture
def world(app) -> World:
    with app.app_context():
        counsellor = make_user(Role.COUNSELLOR)
        colleague = make_user(Role.COUNSELLOR)
        manager = make_user(Role.MANAGER)
        for user, name in ((counsellor, "Sophie Lavoie"), (colleague, "Marc Gauthier")):
            db.session.get(User, user.id).name = name
            user.name = name
        employer = make_employer("Métallurgie Richelieu inc.")
        employer.neq = "1143210987"
        employer.sector = "Fabrication métallique"
        db.session.commit()
        amina = make_participant("Amina", "Diallo")
        karim = make_participant("Karim", "Benali", program=Program.B50)
        return World(
            counsellor,
            colleague,
            manager,
            employer.id,
            employer.contacts[0].id,
            amina.id,
            karim.id,
        )


@pytest.fixture
def counsellor_client(app, client, world):
    login(client, world.counsellor)
    return client


def errors_of(html: str, field: str) -> list[str]:
    return [unescape(e) for e in re.findall(rf'<p class="error" id="{field}-err">([^<]*)', html)]


def assert_refused(response, field: str, message: str) -> str:
    """The form came back (no redirect) with `message` next to `field`."""
    html = response.get_data(as_text=True)
    assert response.status_code == 200, response.status_code
    errors = errors_of(html, field)
    assert any(message in e for e in errors), (field, errors)
    assert "Le formulaire contient des erreurs" in html
    return unescape(html)


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def iso(day: date) -> str:
    return day.isoformat()


# --- search ------------------------------------------------------------------------------------


@pytest.fixture
def employers_to_search(app, world):
    with app.app_context():
        bakery = make_employer("Boulangerie du Vieux-Sorel")
        bakery.sector = "Alimentation"
        bakery.neq = "2266543210"
        coop = make_employer("Coopérative forestière de Contrecœur")
        coop.municipality_code = CONTRECOEUR
        coop.sector = "Foresterie"
        db.session.commit()


def search(client, **params) -> str:
    response = client.get(BASE + "/", query_string=params)
    assert response.status_code == 200
    return unescape(response.get_data(as_text=True))


def test_search_by_name_ignores_accents_and_case(counsellor_client, employers_to_search):
    assert 'class="error"' not in search(counsellor_client)  # no filter: nothing to complain of
    for q in ("metallurgie", "MÉTALLURGIE richelieu", "Métallurgie"):
        html = search(counsellor_client, q=q)
        assert "Métallurgie Richelieu inc." in html
        assert "Boulangerie du Vieux-Sorel" not in html
    html = search(counsellor_client, q="contrecoeur")  # œ typed as oe
    assert "Coopérative forestière de Contrecœur" in html
    assert "1 employeur trouvé" in html


def test_search_by_neq_mrc_and_sector(counsellor_client, employers_to_search):
    html = search(counsellor_client, q="2266 543")
    assert "Boulangerie du Vieux-Sorel" in html and "Métallurgie" not in html
    html = search(counsellor_client, mrc="530")  # Pierre-De Saurel
    assert "Boulangerie du Vieux-Sorel" in html and "Métallurgie Richelieu" in html
    assert "Contrecœur" not in html.split("<tbody>")[1]
    html = search(counsellor_client, sector="alimentation")
    assert "Boulangerie" in html and "Métallurgie" not in html
    html = search(counsellor_client, q="metallique")  # a word of the sector
    assert "Métallurgie Richelieu" in html


def test_search_pages_and_garbage_parameters(app, counsellor_client, world):
    with app.app_context():
        for i in range(35):
            db.session.add(Employer(name=f"Entreprise {i:02d}"))
        db.session.commit()
    first = search(counsellor_client)
    assert "36 employeurs trouvés" in first and "Page 1 sur 2" in first
    assert "Entreprise 00" in first and "Entreprise 34" not in first
    second = search(counsellor_client, page="2")
    assert "Entreprise 34" in second and "Entreprise 00" not in second
    for params in (
        {"page": "-1"},
        {"page": "99999999999999"},
        {"mrc": "%00"},
        {"q": "é" * 300},
        {"q": "%_\\"},
        {"sector": "x" * 500},
    ):
        assert counsellor_client.get(BASE + "/", query_string=params).status_code == 200
    html = search(counsellor_client, mrc="zzz")
    assert "Choisissez une MRC de la liste." in html


def test_service_search_is_paginated(app, ctx, world):
    for i in range(5):
        db.session.add(Employer(name=f"Ébénisterie {i}"))
    db.session.commit()
    page = employer_service.search_employers("ebenisterie", page=2, page_size=2)
    assert page.total == 5 and page.pages == 3 and page.has_next
    assert [e.name for e in page.employers] == ["Ébénisterie 2", "Ébénisterie 3"]


# --- identity and contacts ---------------------------------------------------------------------


def employer_data(**overrides) -> dict:
    data = {
        "name": "Chantier naval Saint-Laurent",
        "neq": "1170001234",
        "municipality_code": SOREL_TRACY,
        "website": "https://chantier-naval.example",
        "sector": "Construction navale",
        "size": "100+",
        "has_hr_department": "yes",
    }
    data.update(overrides)
    return data


def test_counsellor_adds_an_employer_then_edits_its_identity(app, counsellor_client, world):
    response = post_form(counsellor_client, BASE + "/nouveau", employer_data())
    assert response.status_code == 302
    with app.app_context():
        employer = db.session.scalar(select(Employer).where(Employer.neq == "1170001234"))
        assert employer.has_hr_department is True and employer.size.value == "100+"
        employer_id = employer.id
    url = f"{BASE}/{employer_id}/modifier"
    response = post_form(
        counsellor_client,
        url,
        employer_data(name="Chantier naval St-Laurent", has_hr_department="no", size=""),
    )
    assert response.status_code == 302
    with app.app_context():
        employer = db.session.get(Employer, employer_id)
        assert employer.name == "Chantier naval St-Laurent"
        assert employer.has_hr_department is False and employer.size is None
    html = unescape(counsellor_client.get(f"{BASE}/{employer_id}").get_data(as_text=True))
    assert "Chantier naval St-Laurent" in html and "100 employés" not in html


def test_an_employer_needs_only_a_name(app, counsellor_client, world):
    data = {name: "" for name in employer_data()} | {"name": "Dépanneur Chez Lise"}
    response = post_form(counsellor_client, BASE + "/nouveau", data)
    assert response.status_code == 302
    html = unescape(counsellor_client.get(response.headers["Location"]).get_data(as_text=True))
    assert "Dépanneur Chez Lise" in html and "Aucune personne-ressource." in html
    assert "Aucune activité enregistrée pour cet employeur." in html
    with app.app_context():
        employer = db.session.scalar(select(Employer).where(Employer.name == "Dépanneur Chez Lise"))
        assert (employer.neq, employer.municipality_code, employer.website) == (None, None, None)
        assert (employer.sector, employer.size, employer.has_hr_department) == (None, None, None)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"neq": "1143210987"}, "neq", "Ce NEQ est déjà celui de l'employeur « Métallurgie"),
        ({"neq": "123"}, "neq", "10 chiffres"),
        ({"name": ""}, "name", "Ce champ est obligatoire."),
        ({"name": "x" * 201}, "name", "200 caractères au maximum."),
        ({"website": "javascript:alert(1)"}, "website", "adresse web complète"),
        ({"municipality_code": "00000"}, "municipality_code", "municipalité de la liste"),
        ({"size": "immense"}, "size", "Choisissez une valeur de la liste."),
        ({"has_hr_department": "peut-être"}, "has_hr_department", "valeur de la liste"),
        ({"sector": "s" * 121}, "sector", "120 caractères au maximum."),
    ],
)
def test_bad_identity_is_refused_and_kept(app, counsellor_client, world, overrides, field, message):
    with app.app_context():
        other = make_employer("Chantier naval (ancien nom)")
        other_id = other.id
    url = f"{BASE}/{other_id}/modifier"
    html = assert_refused(
        post_form(counsellor_client, url, employer_data(**overrides)), field, message
    )
    if field != "name":
        assert 'value="Chantier naval Saint-Laurent"' in html
    if field != "sector":
        assert 'value="Construction navale"' in html
    with app.app_context():
        assert db.session.get(Employer, other_id).name == "Chantier naval (ancien nom)"
        assert db.session.get(Employer, other_id).neq is None
        employer = db.session.get(Employer, world.employer_id)
        assert employer.name == "Métallurgie Richelieu inc." and employer.neq == "1143210987"
    assert count(app, Employer) == 2


def test_new_employer_with_a_used_neq_saves_nothing(app, counsellor_client, world):
    response = post_form(counsellor_client, BASE + "/nouveau", employer_data(neq="1143-210-987"))
    assert_refused(response, "neq", "Ce NEQ est déjà celui de l'employeur")
    assert count(app, Employer) == 1


def test_contacts_are_added_and_edited_and_emails_stay_unique(app, counsellor_client, world):
    url = f"{BASE}/{world.employer_id}/personnes-ressources/nouvelle"
    data = {"name": "Paul Cournoyer", "email": "Paul@Metallurgie.example", "phone": "450 555-0123"}
    assert post_form(counsellor_client, url, data).status_code == 302
    with app.app_context():
        contact = db.session.scalar(select(Contact).where(Contact.name == "Paul Cournoyer"))
        assert contact.email == "paul@metallurgie.example"
        contact_id = contact.id
    html = assert_refused(
        post_form(counsellor_client, url, {**data, "name": "Paul C."}),
        "email",
        "Cette adresse est déjà celle de Paul Cournoyer",
    )
    assert 'value="Paul C."' in html
    html = assert_refused(
        post_form(counsellor_client, url, {**data, "phone": "appelez-moi"}),
        "phone",
        "numéro de téléphone",
    )
    edit = f"{BASE}/personnes-ressources/{contact_id}"
    response = post_form(counsellor_client, edit, {**data, "phone": "450 555-9999 poste 12"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Contact, contact_id).phone == "450 555-9999 poste 12"
    assert count(app, Contact) == 2


# --- contacts with the employer ----------------------------------------------------------------


def interaction_data(world: World, **overrides) -> dict:
    data = {
        "kind": "call",
        "occurred_on": iso(future(-1)),
        "counsellor_id": str(world.counsellor.id),
        "contact_id": str(world.contact_id),
        "notes": "Besoin de deux soudeurs pour l'automne.",
        "next_action": "Envoyer les profils de candidats",
        "next_action_due": iso(future(7)),
    }
    data.update(overrides)
    return data


def test_interaction_with_next_action_then_marked_done(app, counsellor_client, world):
    url = f"{BASE}/{world.employer_id}/interactions/nouvelle"
    response = post_form(counsellor_client, url, interaction_data(world))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{BASE}/{world.employer_id}#activite")
    page = f"{BASE}/{world.employer_id}"
    html = unescape(counsellor_client.get(page).get_data(as_text=True))
    assert "Appel téléphonique" in html and "avec Julie Tremblay" in html
    assert "Envoyer les profils de candidats" in html and "Marquer comme faite" in html
    with app.app_context():
        item = db.session.scalar(select(EmployerInteraction))
        assert item.counsellor_id == world.counsellor.id and item.next_action_done_on is None
        item_id = item.id
    done = f"{BASE}/interactions/{item_id}/suite-faite"
    assert post_form(counsellor_client, done, {}, page=page).status_code == 302
    assert post_form(counsellor_client, done, {}, page=page).status_code == 302  # twice: no change
    with app.app_context():
        assert db.session.get(EmployerInteraction, item_id).next_action_done_on == local_today()
    html = unescape(counsellor_client.get(page).get_data(as_text=True))
    assert "faite le" in html and "Marquer comme faite" not in html


def test_interaction_is_corrected_and_a_moved_next_action_is_to_do_again(
    app, counsellor_client, world
):
    with app.app_context():
        employer = db.session.get(Employer, world.employer_id)
        user = db.session.get(User, world.counsellor.id)
        data = {**interaction_data(world), "occurred_on": future(-3), "next_action_due": future(3)}
        data["counsellor_id"], data["contact_id"] = world.counsellor.id, world.contact_id
        item = activity.record_interaction(employer, data, user)
        activity.complete_next_action(item, user)
        item_id = item.id
    url = f"{BASE}/interactions/{item_id}"
    form = interaction_data(world, kind="email", next_action_due=iso(future(10)))
    assert post_form(counsellor_client, url, form).status_code == 302
    with app.app_context():
        item = db.session.get(EmployerInteraction, item_id)
        assert item.kind == InteractionKind.EMAIL and item.next_action_due == future(10)
        assert item.next_action_done_on is None


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"next_action_due": "OCCURRED-MINUS-1"},
            "next_action_due",
            "L'échéance ne peut pas précéder la date du contact.",
        ),
        ({"next_action_due": ""}, "next_action_due", "Indiquez l'échéance"),
        ({"next_action": ""}, "next_action", "Décrivez la suite à donner."),
        ({"occurred_on": "TOMORROW"}, "occurred_on", "ne peut pas être dans le futur"),
        ({"occurred_on": "1999-12-31"}, "occurred_on", "trop ancienne"),
        ({"occurred_on": "31/31/2026"}, "occurred_on", "N'est pas une date valide"),
        ({"next_action_due": "2999-01-01"}, "next_action_due", "trop éloignée"),
        ({"kind": "pigeon"}, "kind", "Choisissez une valeur de la liste."),
        ({"kind": ""}, "kind", "Ce champ est obligatoire."),
        ({"contact_id": "OTHER-EMPLOYER"}, "contact_id", "personne-ressource de cet employeur"),
        ({"counsellor_id": "MANAGER"}, "counsellor_id", "Choisissez une conseillère"),
        ({"counsellor_id": "abc"}, "counsellor_id", "Choisissez une conseillère"),
        ({"next_action": "x" * 256}, "next_action", "255 caractères au maximum."),
        ({"notes": "n" * 10_001}, "notes", "10 000 caractères au maximum."),
    ],
)
def test_bad_interaction_is_refused_and_kept(
    app, counsellor_client, world, overrides, field, message
):
    with app.app_context():
        other = make_employer("Autre entreprise")
        other_contact = other.contacts[0].id
    replacements = {
        "OCCURRED-MINUS-1": iso(future(-2)),
        "TOMORROW": iso(future(1)),
        "OTHER-EMPLOYER": str(other_contact),
        "MANAGER": str(world.manager.id),
    }
    overrides = {k: replacements.get(v, v) for k, v in overrides.items()}
    url = f"{BASE}/{world.employer_id}/interactions/nouvelle"
    html = assert_refused(
        post_form(counsellor_client, url, interaction_data(world, **overrides)), field, message
    )
    if field != "notes":
        assert "Besoin de deux soudeurs pour l'automne." in html
    assert count(app, EmployerInteraction) == 0


# --- company visits ----------------------------------------------------------------------------


def visit_data(world: World, **overrides) -> dict:
    data = {
        "visited_on": iso(future(-2)),
        "purpose": "with_participants",
        "counsellor_ids": [str(world.counsellor.id), str(world.colleague.id)],
        "participant_ids": [str(world.amina), str(world.karim)],
        "notes": "Groupe Focus carrière : visite de l'atelier de soudure.",
        "follow_up": "Deux participants intéressés par un stage.",
    }
    data.update(overrides)
    return data


def test_cohort_visit_with_counsellors_and_participants(app, counsellor_client, world):
    url = f"{BASE}/{world.employer_id}/visites/nouvelle"
    form_page = counsellor_client.get(url).get_data(as_text=True)
    assert "<select" in form_page and "multiple" in form_page
    assert "Diallo, Amina" in form_page and "Benali, Karim" in form_page
    assert post_form(counsellor_client, url, visit_data(world)).status_code == 302
    with app.app_context():
        visit = db.session.scalar(select(CompanyVisit))
        assert {u.id for u in visit.counsellors} == {world.counsellor.id, world.colleague.id}
        assert {p.id for p in visit.participants} == {world.amina, world.karim}
        visit_id = visit.id
        audit = db.session.scalar(select(AuditEntry).where(AuditEntry.entity == "company_visit"))
        assert audit.user_id == world.counsellor.id and audit.entity_id == visit_id
    html = unescape(counsellor_client.get(f"{BASE}/{world.employer_id}").get_data(as_text=True))
    assert "Visite avec participants" in html and "2 participants :" in html
    assert "Amina Diallo" in html and "Karim Benali" in html
    # Correct it: Karim did not come after all.
    edit = f"{BASE}/visites/{visit_id}"
    response = post_form(
        counsellor_client, edit, visit_data(world, participant_ids=[str(world.amina)])
    )
    assert response.status_code == 302
    with app.app_context():
        assert [p.id for p in db.session.get(CompanyVisit, visit_id).participants] == [world.amina]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"participant_ids": ["999999"]}, "participant_ids", "participants de la liste"),
        ({"participant_ids": ["1", "abc"]}, "participant_ids", "participants de la liste"),
        ({"participant_ids": []}, "participant_ids", "doit en nommer au moins un"),
        ({"counsellor_ids": []}, "counsellor_ids", "au moins une conseillère"),
        ({"counsellor_ids": ["MANAGER"]}, "counsellor_ids", "de la liste"),
        ({"purpose": "tourisme"}, "purpose", "Choisissez une valeur de la liste."),
        ({"visited_on": "2999-01-01"}, "visited_on", "trop éloignée"),
        ({"visited_on": ""}, "visited_on", "Ce champ est obligatoire."),
        ({"follow_up": "f" * 5_001}, "follow_up", "5 000 caractères au maximum."),
    ],
)
def test_bad_visit_is_refused_and_kept(app, counsellor_client, world, overrides, field, message):
    if overrides.get("counsellor_ids") == ["MANAGER"]:
        overrides = {"counsellor_ids": [str(world.manager.id)]}
    url = f"{BASE}/{world.employer_id}/visites/nouvelle"
    html = assert_refused(
        post_form(counsellor_client, url, visit_data(world, **overrides)), field, message
    )
    assert "Groupe Focus carrière : visite de l'atelier de soudure." in html
    if field != "participant_ids":
        assert re.search(
            rf'<option selected value="{world.karim}"|value="{world.karim}" selected', html
        )
    assert count(app, CompanyVisit) == 0


def test_prospection_visit_needs_no_participant(app, counsellor_client, world):
    url = f"{BASE}/{world.employer_id}/visites/nouvelle"
    data = visit_data(world, purpose="prospection", participant_ids=[])
    assert post_form(counsellor_client, url, data).status_code == 302
    assert count(app, CompanyVisit) == 1


# --- stages ------------------------------------------------------------------------------------


def placement_data(world: World, **overrides) -> dict:
    data = {
        "participant_id": str(world.amina),
        "program": "focus_carriere",
        "kind": "practical",
        "counsellor_id": str(world.counsellor.id),
        "supervisor_name": "Luc Paquette",
        "starts_on": iso(future(-10)),
        "ends_on": iso(future(20)),
        "hours": "120,5",
        "status": "ongoing",
        "interruption_reason": "",
        "evaluation": "Très bonne intégration dans l'équipe de soudure.",
        "job_offered": "",
    }
    data.update(overrides)
    return data


def test_placement_is_created_then_completed_with_an_offer_of_employment(
    app, counsellor_client, world
):
    url = f"{BASE}/{world.employer_id}/stages/nouveau"
    assert post_form(counsellor_client, url, placement_data(world)).status_code == 302
    with app.app_context():
        placement = db.session.scalar(select(Placement))
        assert placement.status == PlacementStatus.ONGOING and placement.hours == Decimal("120.5")
        assert placement.kind == PlacementKind.PRACTICAL and placement.job_offered is None
        placement_id = placement.id
    edit = f"{BASE}/stages/{placement_id}"
    data = placement_data(world, status="completed", ends_on=iso(future(-1)), job_offered="yes")
    assert post_form(counsellor_client, edit, data).status_code == 302
    with app.app_context():
        placement = db.session.get(Placement, placement_id)
        assert placement.status == PlacementStatus.COMPLETED and placement.job_offered is True
    html = unescape(counsellor_client.get(f"{BASE}/{world.employer_id}").get_data(as_text=True))
    assert "Stage pratique — Amina Diallo" in html and "Terminé" in html
    assert "120,5" in html and "Emploi offert" in html
    # A completed stage is final.
    response = post_form(counsellor_client, edit, placement_data(world, status="ongoing"))
    html = assert_refused(response, "status", "Un stage terminé ne change plus d'état.")


def test_interrupted_placement_needs_a_reason_and_may_resume(app, counsellor_client, world):
    url = f"{BASE}/{world.employer_id}/stages/nouveau"
    assert post_form(counsellor_client, url, placement_data(world)).status_code == 302
    with app.app_context():
        placement_id = db.session.scalar(select(Placement.id))
    edit = f"{BASE}/stages/{placement_id}"
    response = post_form(counsellor_client, edit, placement_data(world, status="interrupted"))
    assert_refused(response, "interruption_reason", "Indiquez le motif de l'interruption.")
    reason = "Blessure au poignet; reprise prévue."
    data = placement_data(world, status="interrupted", interruption_reason=reason)
    assert post_form(counsellor_client, edit, data).status_code == 302
    with app.app_context():
        placement = db.session.get(Placement, placement_id)
        assert placement.status == PlacementStatus.INTERRUPTED
        assert placement.interruption_reason == reason
    assert post_form(counsellor_client, edit, placement_data(world)).status_code == 302
    with app.app_context():
        placement = db.session.get(Placement, placement_id)
        assert placement.status == PlacementStatus.ONGOING and placement.interruption_reason is None


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"ends_on": "BEFORE-START"}, "ends_on", "égale ou postérieure à la date de début"),
        ({"hours": "-5"}, "hours", "ne peut pas être négatif"),
        ({"hours": "abc"}, "hours", "N'est pas une valeur décimale valide"),
        ({"hours": "NaN"}, "hours", "Entrez un nombre"),
        ({"hours": "900"}, "hours", "dépasse la durée du stage"),
        ({"hours": "1e9"}, "hours", "5 000 heures au maximum."),
        ({"hours": "1e40"}, "hours", "5 000 heures au maximum."),
        ({"participant_id": "999999"}, "participant_id", "Choisissez un participant de la liste."),
        ({"participant_id": "-1"}, "participant_id", "Choisissez un participant de la liste."),
        ({"participant_id": ""}, "participant_id", "Ce champ est obligatoire."),
        ({"status": "interrupted"}, "interruption_reason", "motif de l'interruption"),
        ({"status": "en pause"}, "status", "Choisissez une valeur de la liste."),
        ({"status": "completed"}, "ends_on", "ne peut pas finir dans le futur"),
        ({"starts_on": "START-FUTURE"}, "starts_on", "Un stage en cours a déjà commencé."),
        ({"ends_on": "2999-01-01"}, "ends_on", "trop éloignée"),
        ({"ends_on": "START+400"}, "ends_on", "Un stage dure au plus un an."),
        ({"supervisor_name": "s" * 121}, "supervisor_name", "120 caractères au maximum."),
        ({"job_offered": "bof"}, "job_offered", "Choisissez une valeur de la liste."),
        ({"program": ""}, "program", "Ce champ est obligatoire."),
    ],
)
def test_bad_placement_is_refused_and_kept(
    app, counsellor_client, world, overrides, field, message
):
    start = future(-10)
    replacements = {
        "BEFORE-START": iso(start - timedelta(days=1)),
        "START-FUTURE": iso(future(5)),
        "START+400": iso(start + timedelta(days=400)),
    }
    overrides = {k: replacements.get(v, v) for k, v in overrides.items()}
    url = f"{BASE}/{world.employer_id}/stages/nouveau"
    html = assert_refused(
        post_form(counsellor_client, url, placement_data(world, **overrides)), field, message
    )
    assert "Très bonne intégration dans l'équipe de soudure." in html
    if field != "supervisor_name":
        assert 'value="Luc Paquette"' in html
    if field != "hours":
        assert 'value="120,5"' in html or 'value="120.5"' in html
    if "hours" in overrides:
        assert f'value="{overrides["hours"]}"' in html  # what was typed, even if wrong
    assert count(app, Placement) == 0


# --- maintien en emploi ------------------------------------------------------------------------


def follow_up_data(world: World, **overrides) -> dict:
    hired = future(-30)
    data = {
        "participant_id": str(world.karim),
        "mode": "tripartite",
        "employer_id": str(world.employer_id),
        "counsellor_id": str(world.counsellor.id),
        "job_title": "Soudeur-assembleur",
        "hired_on": iso(hired),
        "opened_on": iso(future(-28)),
        "probation_ends_on": iso(hired + timedelta(days=90)),
        "worker_needs": "Transport vers l'usine à 6 h.",
        "employer_needs": "Formation sur la lecture de plans.",
        "goals": "Terminer la probation.",
        "subsidised": "y",
        "subsidy_measure": "Subvention salariale (Services Québec)",
        "subsidy_weeks": "24",
        "subsidy_percentage": "50",
        "subsidy_starts_on": iso(hired),
        "subsidy_ends_on": iso(hired + timedelta(weeks=24)),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def open_follow_up(app, client, world, **overrides) -> int:
    url = f"{BASE}/maintien/nouveau?employeur={world.employer_id}"
    response = post_form(client, url, follow_up_data(world, **overrides))
    assert response.status_code == 302, errors_of(response.get_data(as_text=True), "employer_id")
    with app.app_context():
        return db.session.scalar(select(func.max(RetentionFollowUp.id)))


def test_subsidised_tripartite_follow_up_with_meetings_probation_and_closure(
    app, counsellor_client, world
):
    page = counsellor_client.get(f"{BASE}/maintien/nouveau?employeur={world.employer_id}")
    assert f'<option selected value="{world.employer_id}"' in page.get_data(as_text=True)
    follow_up_id = open_follow_up(app, counsellor_client, world)
    with app.app_context():
        follow_up = db.session.get(RetentionFollowUp, follow_up_id)
        assert (
            follow_up.mode == FollowUpMode.TRIPARTITE and follow_up.employer_id == world.employer_id
        )
        assert follow_up.subsidy.weeks == 24 and follow_up.subsidy.percentage == 50
    url = f"{BASE}/maintien/{follow_up_id}"
    html = unescape(counsellor_client.get(url).get_data(as_text=True))
    assert "Maintien en emploi — Karim Benali" in html and "24 semaines à 50 %" in html
    meeting = {
        "met_on": iso(future(-7)),
        "met_time": "23:30",
        "place": "company",
        "direct_minutes": "45",
        "indirect_minutes": "15",
        "counsellor_id": str(world.counsellor.id),
        "notes": "Rencontre avec le contremaître.",
    }
    response = post_form(counsellor_client, url + "/rencontres", meeting, page=url)
    assert response.status_code == 302
    with app.app_context():
        stored = db.session.scalar(select(FollowUpMeeting))
        # 23:30 in Montréal is the next day in UTC; stored as UTC.
        assert stored.met_at == local_to_utc(future(-7), time(23, 30))
        assert stored.met_at.date() == future(-6)
        assert stored.place == MeetingPlace.COMPANY and stored.direct_minutes == 45
    html = unescape(counsellor_client.get(url).get_data(as_text=True))
    assert "Rencontre avec le contremaître." in html and "23 h 30" in html
    assert "min 00 s" not in html
    check = {"probation_checked_on": iso(future(-1)), "probation_note": "Probation réussie."}
    assert post_form(counsellor_client, url + "/probation", check, page=url).status_code == 302
    close = {"closed_on": iso(local_today()), "outcome": "still_employed"}
    assert post_form(counsellor_client, url + "/fermeture", close, page=url).status_code == 302
    with app.app_context():
        follow_up = db.session.get(RetentionFollowUp, follow_up_id)
        assert follow_up.probation_checked_on == future(-1)
        assert follow_up.outcome == FollowUpOutcome.STILL_EMPLOYED
        assert follow_up.closed_on == local_today()
    html = unescape(counsellor_client.get(url).get_data(as_text=True))
    assert "Toujours en emploi" in html and "Ajouter une rencontre" not in html
    # Closed: no more meetings, even posted by hand.
    response = post_form(counsellor_client, url + "/rencontres", meeting, page=f"{BASE}/")
    assert "Ce suivi est fermé" in unescape(response.get_data(as_text=True))
    assert count(app, FollowUpMeeting) == 1


def test_bipartite_follow_up_without_employer_and_unsubsidised(app, counsellor_client, world):
    follow_up_id = open_follow_up(
        app, counsellor_client, world, mode="bipartite", employer_id="", subsidised=None
    )
    with app.app_context():
        follow_up = db.session.get(RetentionFollowUp, follow_up_id)
        assert follow_up.employer_id is None and follow_up.subsidy is None
    html = unescape(counsellor_client.get(f"{BASE}/maintien/{follow_up_id}").get_data(as_text=True))
    assert "Non subventionné" in html


def test_unticking_subsidised_removes_the_wage_subsidy(app, counsellor_client, world):
    follow_up_id = open_follow_up(app, counsellor_client, world)
    url = f"{BASE}/maintien/{follow_up_id}/modifier"
    response = post_form(counsellor_client, url, follow_up_data(world, subsidised=None))
    assert response.status_code == 302
    assert count(app, WageSubsidy) == 0


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"employer_id": ""}, "employer_id", "Un suivi tripartite se fait avec l'employeur"),
        ({"employer_id": "999999"}, "employer_id", "Choisissez un employeur de la liste."),
        ({"participant_id": "999999"}, "participant_id", "Choisissez un participant"),
        ({"subsidy_weeks": "0"}, "subsidy_weeks", "entre 1 et 156"),
        ({"subsidy_weeks": ""}, "subsidy_weeks", "Ce champ est obligatoire."),
        ({"subsidy_weeks": "beaucoup"}, "subsidy_weeks", "N'est pas un entier valide"),
        ({"subsidy_percentage": "150"}, "subsidy_percentage", "entre 1 et 100"),
        ({"subsidy_percentage": "0"}, "subsidy_percentage", "entre 1 et 100"),
        ({"subsidy_measure": ""}, "subsidy_measure", "Indiquez la mesure de subvention."),
        ({"subsidy_ends_on": "HIRED-MINUS-1"}, "subsidy_ends_on", "égale ou postérieure"),
        ({"subsidy_starts_on": "HIRED-MINUS-1"}, "subsidy_starts_on", "avant l'embauche"),
        ({"probation_ends_on": "HIRED-MINUS-1"}, "probation_ends_on", "doit suivre la date"),
        ({"opened_on": "TOMORROW"}, "opened_on", "ne peut pas être dans le futur"),
        ({"hired_on": ""}, "hired_on", "Ce champ est obligatoire."),
        ({"job_title": "j" * 151}, "job_title", "150 caractères au maximum."),
        ({"mode": "quadripartite"}, "mode", "Choisissez une valeur de la liste."),
        ({"goals": "g" * 5_001}, "goals", "5 000 caractères au maximum."),
    ],
)
def test_bad_follow_up_is_refused_and_kept(
    app, counsellor_client, world, overrides, field, message
):
    replacements = {
        "HIRED-MINUS-1": iso(future(-31)),
        "TOMORROW": iso(future(1)),
    }
    overrides = {k: replacements.get(v, v) for k, v in overrides.items()}
    url = f"{BASE}/maintien/nouveau"
    html = assert_refused(
        post_form(counsellor_client, url, follow_up_data(world, **overrides)), field, message
    )
    assert "Transport vers l'usine à 6 h." in html
    if field != "job_title":
        assert 'value="Soudeur-assembleur"' in html
    if field != "subsidy_measure":
        assert 'value="Subvention salariale (Services Québec)"' in html
    assert count(app, RetentionFollowUp) == 0 and count(app, WageSubsidy) == 0


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"direct_minutes": "0", "indirect_minutes": "0"}, "direct_minutes", "directe, indirecte"),
        ({"direct_minutes": "", "indirect_minutes": ""}, "direct_minutes", "directe, indirecte"),
        ({"direct_minutes": "-10"}, "direct_minutes", "ne peut pas être négative"),
        ({"indirect_minutes": "-1"}, "indirect_minutes", "ne peut pas être négative"),
        ({"direct_minutes": "100000"}, "direct_minutes", "720 minutes au maximum."),
        ({"met_on": "BEFORE-OPENING"}, "met_on", "précéder l'ouverture du suivi"),
        ({"met_time": "25:99"}, "met_time", "N'est pas un horaire valide"),
        ({"place": "plage"}, "place", "Choisissez une valeur de la liste."),
        ({"counsellor_id": "999999"}, "counsellor_id", "Choisissez une conseillère"),
    ],
)
def test_bad_meeting_is_refused_and_kept(app, counsellor_client, world, overrides, field, message):
    follow_up_id = open_follow_up(app, counsellor_client, world)
    overrides = {
        k: (iso(future(-29)) if v == "BEFORE-OPENING" else v) for k, v in overrides.items()
    }
    data = {
        "met_on": iso(future(-3)),
        "met_time": "10:00",
        "place": "office",
        "direct_minutes": "30",
        "indirect_minutes": "0",
        "counsellor_id": str(world.counsellor.id),
        "notes": "Point sur l'horaire de nuit.",
        **overrides,
    }
    url = f"{BASE}/maintien/{follow_up_id}"
    html = assert_refused(
        post_form(counsellor_client, url + "/rencontres", data, page=url), field, message
    )
    assert "Point sur l'horaire de nuit." in html
    assert count(app, FollowUpMeeting) == 0


def test_bad_probation_check_and_closure_are_refused(app, counsellor_client, world):
    follow_up_id = open_follow_up(app, counsellor_client, world)
    url = f"{BASE}/maintien/{follow_up_id}"
    check = {"probation_checked_on": iso(future(-40)), "probation_note": "Trop tôt."}
    html = assert_refused(
        post_form(counsellor_client, url + "/probation", check, page=url),
        "probation_checked_on",
        "ne peut pas précéder l'embauche",
    )
    assert "Trop tôt." in html
    close = {"closed_on": iso(future(-29)), "outcome": "job_lost"}
    assert_refused(
        post_form(counsellor_client, url + "/fermeture", close, page=url),
        "closed_on",
        "ne peut pas précéder l'ouverture du suivi",
    )
    close = {"closed_on": iso(local_today()), "outcome": ""}
    assert_refused(
        post_form(counsellor_client, url + "/fermeture", close, page=url),
        "outcome",
        "Ce champ est obligatoire.",
    )
    with app.app_context():
        follow_up = db.session.get(RetentionFollowUp, follow_up_id)
        assert follow_up.closed_on is None and follow_up.probation_checked_on is None


def test_services_refuse_unknown_ids_and_broken_rules_without_writing(app, ctx, world):
    employer = db.session.get(Employer, world.employer_id)
    user = db.session.get(User, world.counsellor.id)
    base = {
        "program": "b50",
        "kind": "observation",
        "starts_on": future(1),
        "ends_on": future(5),
    }
    with pytest.raises(ActivityError) as caught:
        activity.create_placement(employer, {**base, "participant_id": 2**40}, user)
    assert caught.value.errors == {"participant_id": activity.UNKNOWN_PARTICIPANT}
    assert isinstance(caught.value, ValueError)
    with pytest.raises(ActivityError) as caught:
        activity.open_follow_up(
            {
                "participant_id": world.karim,
                "mode": FollowUpMode.TRIPARTITE,
                "job_title": "Cariste",
                "hired_on": future(-1),
            },
            user,
        )
    assert set(caught.value.errors) == {"employer_id"}
    with pytest.raises(ActivityError) as caught:
        activity.record_visit(
            employer,
            {
                "visited_on": future(-1),
                "purpose": VisitPurpose.PROSPECTION,
                "counsellor_ids": [user.id],
                "participant_ids": [world.amina, 987654],
            },
            user,
        )
    assert set(caught.value.errors) == {"participant_ids"}
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Placement)) == 0
    assert db.session.scalar(select(func.count()).select_from(CompanyVisit)) == 0
    placement = activity.create_placement(employer, {**base, "participant_id": world.amina}, user)
    assert placement.status == PlacementStatus.PLANNED and placement.program == Program.B50


# --- timeline ----------------------------------------------------------------------------------


@pytest.fixture
def timeline(app, world):
    """One record of each kind, each with a marker in its text, on distinct days."""
    with app.app_context():
        employer = db.session.get(Employer, world.employer_id)
        me = db.session.get(User, world.counsellor.id)
        colleague = db.session.get(User, world.colleague.id)
        activity.record_interaction(
            employer,
            {"kind": "email", "occurred_on": future(-20), "counsellor_id": me.id,
             "notes": "MARK-A"},
            me,
        )  # fmt: skip
        activity.record_visit(
            employer,
            {"visited_on": future(-15), "purpose": "prospection", "counsellor_ids": [colleague.id],
             "notes": "MARK-B"},
            colleague,
        )  # fmt: skip
        activity.create_placement(
            employer,
            {"participant_id": world.amina, "program": "focus_carriere", "kind": "observation",
             "counsellor_id": me.id, "starts_on": future(-10), "ends_on": future(-6),
             "status": "completed", "evaluation": "MARK-C"},
            me,
        )  # fmt: skip
        follow_up = activity.open_follow_up(
            {"participant_id": world.karim, "employer_id": employer.id, "mode": "bipartite",
             "counsellor_id": colleague.id, "job_title": "MARK-D", "hired_on": future(-6),
             "opened_on": future(-5)},
            colleague,
        )  # fmt: skip
        activity.add_meeting(
            follow_up,
            {"met_on": future(-1), "met_time": time(23, 30), "place": "phone",
             "direct_minutes": 20, "counsellor_id": me.id, "notes": "MARK-E"},
            me,
        )  # fmt: skip


def markers(client, world, **params) -> list[str]:
    response = client.get(f"{BASE}/{world.employer_id}", query_string=params)
    assert response.status_code == 200
    return re.findall(r"MARK-[A-E]", response.get_data(as_text=True))


def test_timeline_is_newest_first_across_kinds(counsellor_client, world, timeline):
    assert markers(counsellor_client, world) == ["MARK-E", "MARK-D", "MARK-C", "MARK-B", "MARK-A"]
    html = counsellor_client.get(f"{BASE}/{world.employer_id}").get_data(as_text=True)
    assert 'class="error"' not in html  # no filter: nothing to complain of
    # The 23:30 meeting is dated on its Montréal day, not its UTC day.
    meeting = html[html.index('class="entry entry-meeting"') :]
    assert f'<time datetime="{iso(future(-1))}">' in meeting[:300]


def test_timeline_filters_by_kind_counsellor_and_dates(counsellor_client, world, timeline):
    assert markers(counsellor_client, world, kind="visit") == ["MARK-B"]
    assert markers(counsellor_client, world, kind="follow_up") == ["MARK-E", "MARK-D"]
    assert markers(counsellor_client, world, counsellor=world.colleague.id) == ["MARK-D", "MARK-B"]
    assert markers(counsellor_client, world, counsellor=world.counsellor.id) == [
        "MARK-E",
        "MARK-C",
        "MARK-A",
    ]
    assert markers(counsellor_client, world, start=iso(future(-15)), end=iso(future(-5))) == [
        "MARK-D",
        "MARK-C",
        "MARK-B",
    ]
    assert markers(counsellor_client, world, start=iso(future(-1)), end=iso(future(-1))) == [
        "MARK-E"
    ]
    html = unescape(
        counsellor_client.get(
            f"{BASE}/{world.employer_id}", query_string={"kind": "visit", "start": "2030-01-01"}
        ).get_data(as_text=True)
    )
    assert "Aucune activité ne correspond aux filtres." in html


def test_bad_timeline_filters_are_explained_not_fatal(counsellor_client, world, timeline):
    url = f"{BASE}/{world.employer_id}"
    response = counsellor_client.get(
        url, query_string={"start": iso(future(-1)), "end": iso(future(-10))}
    )
    assert response.status_code == 200
    html = unescape(response.get_data(as_text=True))
    assert "La date de fin doit suivre la date de début." in errors_of(html, "end")
    for params in (
        {"start": "pas une date"},
        {"counsellor": "abc"},
        {"counsellor": "99999999999999999999"},
        {"kind": "<script>"},
    ):
        assert counsellor_client.get(url, query_string=params).status_code == 200
    assert markers(counsellor_client, world, kind="bogus") == [
        "MARK-E",
        "MARK-D",
        "MARK-C",
        "MARK-B",
        "MARK-A",
    ]


def test_employer_page_shows_identity_contacts_and_offers_newest_first(
    app, counsellor_client, world
):
    with app.app_context():
        employer = db.session.get(Employer, world.employer_id)
        make_offer(employer=employer, title="Offre plus ancienne")
        make_offer(employer=employer, title="Offre plus récente")
    html = unescape(counsellor_client.get(f"{BASE}/{world.employer_id}").get_data(as_text=True))
    assert "1143210987" in html and "Fabrication métallique" in html
    assert "Sorel-Tracy" in html and "Julie Tremblay" in html
    assert html.index("Offre plus récente") < html.index("Offre plus ancienne")
    assert "Publiée" in html
    assert counsellor_client.get(f"{BASE}/999999").status_code == 404


def test_reading_the_file_is_audited(app, counsellor_client, world):
    counsellor_client.get(f"{BASE}/{world.employer_id}")
    with app.app_context():
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.entity == "employer_file"))
        assert (entry.user_id, entry.action, entry.entity_id) == (
            world.counsellor.id,
            "view",
            world.employer_id,
        )


# --- a fixed number of queries -----------------------------------------------------------------


def seed_activity(employer: Employer, n: int, tag: str) -> None:
    """`n` records of every kind, each with its own participant and counsellor, so that any
    lazy load per row would show up as extra queries."""
    counsellors, participants = [], []
    for i in range(n):
        user = User(
            email=f"{tag}{i}@orientheque.example",
            name=f"Conseillère {tag} {i}",
            role=Role.COUNSELLOR,
            password_hash="x",
        )
        participant = Participant(
            first_name=f"P{i}",
            last_name=f"{tag}{i}",
            service_group="B",
            started_on=future(-100),
        )
        counsellors.append(user)
        participants.append(participant)
    db.session.add_all(counsellors + participants)
    contact = employer.contacts[0]
    for i in range(n):
        day = future(-i - 1)
        user, participant = counsellors[i], participants[i]
        other = counsellors[(i + 1) % n]
        db.session.add_all(
            [
                EmployerInteraction(
                    employer=employer,
                    counsellor=user,
                    contact=contact,
                    kind=InteractionKind.CALL,
                    occurred_on=day,
                    next_action="Rappeler",
                    next_action_due=day + timedelta(days=3),
                ),
                CompanyVisit(
                    employer=employer,
                    visited_on=day,
                    purpose=VisitPurpose.WITH_PARTICIPANTS,
                    counsellors=[user, other],
                    participants=[participant, participants[(i + 1) % n]],
                ),
                Placement(
                    employer=employer,
                    participant=participant,
                    counsellor=user,
                    program=Program.FOCUS_CARRIERE,
                    kind=PlacementKind.OBSERVATION,
                    starts_on=day,
                    ends_on=day + timedelta(days=5),
                    hours=Decimal("20"),
                ),
                RetentionFollowUp(
                    employer=employer,
                    participant=participant,
                    counsellor=user,
                    job_title="Journalier",
                    hired_on=day,
                    opened_on=day,
                    mode=FollowUpMode.TRIPARTITE,
                    subsidy=WageSubsidy(
                        measure="Subvention salariale",
                        weeks=10,
                        percentage=50,
                        starts_on=day,
                        ends_on=day + timedelta(weeks=10),
                    ),
                    meetings=[
                        FollowUpMeeting(
                            met_at=local_to_utc(day, time(10)),
                            place=MeetingPlace.OFFICE,
                            direct_minutes=30,
                            counsellor=other,
                        )
                    ],
                ),
            ]
        )
    db.session.commit()
    for i in range(n):
        make_offer(employer=employer, title=f"Offre {tag} {i}")


def queries_for(app, client, url: str) -> tuple[int, str]:
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        response = client.get(url)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert response.status_code == 200
    return len(statements), response.get_data(as_text=True)


def test_employer_page_issues_a_fixed_number_of_queries(app, counsellor_client, world):
    with app.app_context():
        small = make_employer("Petite entreprise")
        big = make_employer("Grande entreprise")
        seed_activity(small, 2, "s")
        seed_activity(big, 40, "b")
        small_id, big_id = small.id, big.id
    small_count, small_html = queries_for(app, counsellor_client, f"{BASE}/{small_id}")
    big_count, big_html = queries_for(app, counsellor_client, f"{BASE}/{big_id}")
    assert small_html.count('class="entry ') == 2 * 5
    assert big_html.count('class="entry ') == min(40 * 5, employer_service.TIMELINE_LIMIT)
    assert big_html.count("Offre b ") == 40
    assert small_count == big_count, (small_count, big_count)
    filtered, _html = queries_for(
        app, counsellor_client, f"{BASE}/{big_id}?kind=visit&start={iso(future(-10))}"
    )
    assert filtered <= big_count
    follow_up_id = None
    with app.app_context():
        follow_up_id = db.session.scalar(
            select(RetentionFollowUp.id).where(RetentionFollowUp.employer_id == big_id).limit(1)
        )
    follow_up_count, _html = queries_for(app, counsellor_client, f"{BASE}/maintien/{follow_up_id}")
    assert follow_up_count < 20


# --- who may do what ---------------------------------------------------------------------------


def write_urls(app, world, item_id: int) -> list[tuple[str, str]]:
    """Every route of the writers' blueprint, with this world's ids."""
    values = {"employer_id": world.employer_id, "item_id": item_id}
    urls = []
    with app.test_request_context():
        adapter = app.url_map.bind("localhost")
        for rule in app.url_map.iter_rules():
            if rule.endpoint.startswith("employers.write."):
                url = adapter.build(rule.endpoint, {k: values[k] for k in rule.arguments})
                urls.extend((method, url) for method in rule.methods - {"HEAD", "OPTIONS"})
    assert len(urls) > 20
    return urls


def test_managers_read_the_file_but_cannot_change_it(app, client, world, timeline):
    with app.app_context():
        follow_up_id = db.session.scalar(select(RetentionFollowUp.id))
    login(client, world.manager)
    for url in (
        f"{BASE}/",
        f"{BASE}/?q=metal",
        f"{BASE}/{world.employer_id}",
        f"{BASE}/maintien/{follow_up_id}",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.get_data(as_text=True)
        assert "Modifier" not in html and "Ajouter une rencontre" not in html
    html = client.get(f"{BASE}/{world.employer_id}").get_data(as_text=True)
    assert "MARK-A" in html and "Nouvelle visite" not in html
    csrf = csrf_from(html)
    before = {model: count(app, model) for model in (EmployerInteraction, Placement, Employer)}
    for method, url in write_urls(app, world, follow_up_id):
        response = client.open(url, method=method, data={"csrf_token": csrf, "name": "X"})
        assert response.status_code == 403, (method, url)
    assert before == {model: count(app, model) for model in before}


def test_admins_have_no_access_and_the_public_must_log_in(app, client, world):
    login(client, make_user_in(app, Role.ADMIN))
    assert client.get(f"{BASE}/").status_code == 403
    assert client.get(f"{BASE}/{world.employer_id}").status_code == 403
    assert client.get(f"{BASE}/{world.employer_id}/visites/nouvelle").status_code == 403
    public = app.test_client()
    for url in (f"{BASE}/", f"{BASE}/{world.employer_id}", f"{BASE}/maintien/nouveau"):
        response = public.get(url)
        assert response.status_code == 302 and "/connexion" in response.headers["Location"]
    response = public.post(f"{BASE}/{world.employer_id}/visites/nouvelle", data={})
    assert response.status_code in (302, 400)
    assert count(app, CompanyVisit) == 0


def make_user_in(app, role: Role) -> User:
    with app.app_context():
        return make_user(role)


def test_posts_without_csrf_token_are_refused(app, counsellor_client, world):
    url = f"{BASE}/{world.employer_id}/interactions/nouvelle"
    response = counsellor_client.post(url, data=interaction_data(world))
    assert response.status_code == 400
    assert count(app, EmployerInteraction) == 0


def test_every_write_route_survives_an_empty_post(app, counsellor_client, world, timeline):
    """Like the role walk: a bare POST (token only) never fails with a 500."""
    with app.app_context():
        follow_up_id = db.session.scalar(select(RetentionFollowUp.id))
    csrf = csrf_from(counsellor_client.get(f"{BASE}/{world.employer_id}").get_data(as_text=True))
    for item_id in (follow_up_id, 2**31 - 1):
        for method, url in write_urls(app, world, item_id):
            response = counsellor_client.open(url, method=method, data={"csrf_token": csrf})
            assert response.status_code < 500, (method, url)


def test_long_timelines_show_the_newest_entries_and_say_so(app, client):
    from orientheque_jobs.models import EmployerInteraction, InteractionKind
    from orientheque_jobs.services.employers import TIMELINE_LIMIT

    with app.app_context():
        user = make_user()
        employer = make_employer("Entreprise très active")
        db.session.add_all(
            EmployerInteraction(employer_id=employer.id, kind=InteractionKind.CALL,
                                occurred_on=date(2026, 1, 1) + timedelta(days=i),
                                notes=f"Appel numéro {i}")
            for i in range(TIMELINE_LIMIT + 5)
        )  # fmt: skip
        db.session.commit()
        employer_id = employer.id
    login(client, user)
    html = client.get(f"/conseil/employeurs/{employer_id}").get_data(as_text=True)
    assert (
        f"Appel numéro {TIMELINE_LIMIT + 4}<" in html
        or f"Appel numéro {TIMELINE_LIMIT + 4}" in html
    )
    assert "Appel numéro 0<" not in html and "Appel numéro 4<" not in html
    assert "filtrez par date pour voir les plus anciennes" in html
    older = client.get(f"/conseil/employeurs/{employer_id}?end=2026-01-03").get_data(as_text=True)
    assert "Appel numéro 0" in older
