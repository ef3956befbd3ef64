"""Test data builders. They use the services where a behaviour is under test elsewhere."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from orientheque_jobs.extensions import db
from orientheque_jobs.models import (
    Consent,
    ConsentMethod,
    ConsentScope,
    Contact,
    Employer,
    EmploymentType,
    MatchingProfile,
    Offer,
    OfferStatus,
    Participant,
    Program,
    Role,
    SalaryUnit,
    Schedule,
    ServiceGroup,
    TransportMode,
    User,
    utcnow,
)
from orientheque_jobs.services.offers import search_text_of

from .conftest import post_form

PASSWORD = "correct horse battery"
SOREL_TRACY = "53052"
CONTRECOEUR = "59035"
_seq = itertools.count(1)


def local_today() -> date:
    """The app's local date (America/Montreal), usable outside an app context."""
    return datetime.now(ZoneInfo("America/Montreal")).date()


def make_user(role: Role = Role.COUNSELLOR, email: str | None = None) -> User:
    user = User(
        email=email or f"{role.value}{next(_seq)}@orientheque.example",
        name=f"Test {role.value}",
        role=role,
    )
    user.set_password(PASSWORD)
    db.session.add(user)
    db.session.commit()
    db.session.refresh(user)
    db.session.expunge(user)  # stays readable after later commits and outside the app context
    return user


def make_employer(name: str = "Métallurgie Richelieu inc.", email: str | None = None) -> Employer:
    employer = Employer(name=name, municipality_code=SOREL_TRACY)
    Contact(
        employer=employer,
        name="Julie Tremblay",
        email=email or f"rh{next(_seq)}@metallurgie-richelieu.example",
        phone="450 555-0101",
    )
    db.session.add(employer)
    db.session.commit()
    return employer


def make_offer(
    status: OfferStatus = OfferStatus.PUBLISHED, employer: Employer | None = None, **overrides
) -> Offer:
    employer = employer or make_employer()
    today = local_today()
    values = dict(
        title="Soudeur-assembleur",
        noc_code="72106",
        description="Souder des pièces d'acier pour des structures industrielles. "
        "Équipe de jour, formation offerte.",
        municipality_code=SOREL_TRACY,
        employment_types=EmploymentType.FULL_TIME | EmploymentType.PERMANENT,
        schedules=Schedule.DAY,
        salary_min_cents=2450,
        salary_max_cents=3100,
        salary_unit=SalaryUnit.HOUR,
        apply_email="emplois@metallurgie-richelieu.example",
        expires_on=today + timedelta(days=30),
        submitted_at=utcnow(),
        published_at=utcnow() if status != OfferStatus.SUBMITTED else None,
    )
    values.update(overrides)
    offer = Offer(employer=employer, contact=employer.contacts[0], status=status, **values)
    offer.search_text = search_text_of(offer)
    db.session.add(offer)
    db.session.commit()
    db.session.refresh(offer)
    return offer


def add_consent(
    participant: Participant,
    scope: ConsentScope,
    given: bool = True,
    method: ConsentMethod = ConsentMethod.WRITTEN,
) -> None:
    """Append a consent row (not committed), as recorded at intake or later."""
    participant.consents.append(
        Consent(scope=scope, given=given, method=method, notice_version="2026-1")
    )


def make_participant(
    first_name: str = "Amina", last_name: str = "Diallo", counsellor=None, **overrides
) -> Participant:
    """A participant with the services consent recorded (no sensitive data)."""
    values = dict(
        service_group=ServiceGroup.B,
        program=Program.FOCUS_CARRIERE,
        municipality_code=SOREL_TRACY,
        started_on=local_today() - timedelta(days=30),
        email=f"{first_name.lower()}.{next(_seq)}@courriel.example",
        counsellor_id=counsellor.id if counsellor is not None else None,
    )
    values.update(overrides)
    participant = Participant(first_name=first_name, last_name=last_name, **values)
    add_consent(participant, ConsentScope.SERVICES)
    db.session.add(participant)
    db.session.commit()
    db.session.refresh(participant)
    return participant


def make_matching_profile(participant: Participant, **overrides) -> MatchingProfile:
    """Give the MATCHING consent and a profile (a welder by car, days, 40 km by default)."""
    participant = db.session.merge(participant)
    add_consent(participant, ConsentScope.MATCHING)
    values = dict(
        desired_noc_codes="72106",
        desired_occupations="soudeur",
        skills="Soudage MIG, lecture de plans",
        transport_mode=TransportMode.CAR,
        max_distance_km=40,
        availability=Schedule.DAY | Schedule.EVENING,
        employment_types=EmploymentType.FULL_TIME,
    )
    values.update(overrides)
    participant.matching_profile = MatchingProfile(**values)
    db.session.commit()
    return participant.matching_profile


def offer_form_data(**overrides) -> dict:
    """A complete, valid `Publier une offre` submission."""
    today = local_today()
    data = {
        "employer_name": "Boulangerie du Vieux-Sorel",
        "employer_neq": "1166543210",
        "employer_municipality": SOREL_TRACY,
        "employer_website": "https://boulangerie-vieux-sorel.example",
        "contact_name": "Marc-André Gagnon",
        "contact_email": "marc-andre@boulangerie-vieux-sorel.example",
        "contact_phone": "450 555-0199",
        "title": "Boulanger ou boulangère",
        "noc_code": "",
        "description": "Préparer les pains et viennoiseries selon nos recettes artisanales.\n\n"
        "Petite équipe chaleureuse au cœur du Vieux-Sorel.",
        "tasks": "Pétrir, façonner et cuire les pains.",
        "requirements": "Expérience en boulangerie un atout.",
        "municipality_code": SOREL_TRACY,
        "address": "12, rue du Roi",
        "employment_types": [
            str(int(EmploymentType.FULL_TIME)),
            str(int(EmploymentType.PERMANENT)),
        ],
        "schedules": [str(int(Schedule.NIGHT)), str(int(Schedule.WEEKEND))],
        "hours_per_week": "38",
        "salary_min": "19.50",
        "salary_max": "23.00",
        "salary_unit": "hour",
        "start_date": (today + timedelta(days=14)).isoformat(),
        "positions": "2",
        "apply_email": "emplois@boulangerie-vieux-sorel.example",
        "other_language_requirement": "none",
        "expires_on": (today + timedelta(days=30)).isoformat(),
        "consent": "y",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def login(client, user: User, password: str = PASSWORD):
    response = post_form(client, "/connexion", {"email": user.email, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return response


def future(days: int) -> date:
    return local_today() + timedelta(days=days)
