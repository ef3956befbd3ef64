"""The matching profile of a participant: consent gates, validation, audit, withdrawal, deletion,
and who may read or change it."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from orientheque_jobs.extensions import db
from orientheque_jobs.models import (
    AuditEntry,
    ConsentMethod,
    ConsentScope,
    EmploymentType,
    MatchingProfile,
    Participant,
    Referral,
    ReferralStatus,
    ReferralStep,
    Role,
    Schedule,
    TransportMode,
)
from orientheque_jobs.services import participants as participant_service
from orientheque_jobs.services import profiles as profile_service

from .conftest import post_form
from .factories import add_consent, local_today, login, make_offer, make_participant, make_user

BASE = "/conseil/participants"
MATCHING_NEEDED = "Le profil de jumelage exige le consentement « Jumelage avec des offres d"
RECORD_NEEDED = "Les antécédents judiciaires ne peuvent être pris en compte qu"
WELDERS = "72106"  # Soudeurs/soudeuses et opérateurs/opératrices de machines à souder et à braser
CASHIERS = "65100"
CASHIER_TITLE = "Caissier/caissière d'épicerie"  # an example title of 65100
TRANSIT_TOWNS = {"53052", "53050", "53065", "59035", "59020"}  # demo towns with some transit


def url(participant_id: int) -> str:
    return f"{BASE}/{participant_id}/profil"


def profile_form(**overrides) -> dict:
    """A complete, valid profile submission."""
    data = {
        "noc_choices-0": f"{WELDERS} — Soudeur",
        "noc_choices-1": CASHIERS,
        "noc_choices-2": "",
        "noc_choices-3": "",
        "noc_choices-4": "",
        "desired_occupations": "Soudage, assemblage",
        "skills": "Lecture de plans, MIG",
        "experience": "Trois ans en atelier",
        "french_level": "7",
        "other_languages": "Espagnol",
        "max_distance_km": "25",
        "transport_mode": "transit",
        "availability": [str(int(Schedule.DAY)), str(int(Schedule.EVENING))],
        "employment_types": [str(int(EmploymentType.FULL_TIME))],
        "wage_subsidy_eligible": "y",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def with_consents(*scopes: ConsentScope, **overrides) -> Participant:
    participant = make_participant(**overrides)
    for scope in scopes:
        participant_service.record_consent(participant, scope, True, ConsentMethod.WRITTEN, None)
    return participant


def saved_profile(app, participant_id: int) -> MatchingProfile | None:
    with app.app_context():
        profile = db.session.get(MatchingProfile, participant_id)
        if profile is not None:
            db.session.expunge(profile)
        return profile


def audit_details(app, action: str) -> list[dict]:
    with app.app_context():
        rows = db.session.scalars(
            select(AuditEntry.detail).where(AuditEntry.action == action).order_by(AuditEntry.id)
        ).all()
    return [json.loads(row) if row else {} for row in rows]


@pytest.fixture
def counsellor(app):
    with app.app_context():
        return make_user(Role.COUNSELLOR)


@pytest.fixture
def manager(app):
    with app.app_context():
        return make_user(Role.MANAGER)


@pytest.fixture
def matched(app):
    """A participant who gave the MATCHING consent (not the SENSITIVE one)."""
    with app.app_context():
        return with_consents(ConsentScope.MATCHING).id


# --- filling the profile -------------------------------------------------------------------------


def test_counsellor_fills_the_profile_and_the_file_shows_it(app, client, counsellor, matched):
    login(client, counsellor)
    html = client.get(url(matched)).get_data(as_text=True)
    assert "Profil de jumelage de Amina Diallo" in html
    assert 'list="cnp-suggestions"' in html and "cnp-autocomplete.js" in html
    assert "criminal_record_considered" not in html  # no SENSITIVE consent: box not shown
    assert "Rotation" not in html  # availability is day, evening, night, weekend

    response = post_form(client, url(matched), profile_form())

    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{BASE}/{matched}#profil")
    profile = saved_profile(app, matched)
    assert profile.noc_codes == [WELDERS, CASHIERS]
    assert (profile.french_level, profile.max_distance_km) == (7, 25)
    assert profile.transport_mode == TransportMode.TRANSIT
    assert profile.availability == Schedule.DAY | Schedule.EVENING
    assert profile.employment_types == EmploymentType.FULL_TIME
    assert profile.wage_subsidy_eligible and not profile.criminal_record_considered
    assert profile.other_languages == "Espagnol"
    [create] = [d for d in audit_details(app, "create") if d.get("section")]
    assert create["section"] == "matching_profile"
    assert "desired_noc_codes" in create["fields"] and "french_level" in create["fields"]
    assert "criminal_record_considered" not in create["fields"]  # False is not "filled"
    assert WELDERS not in json.dumps(create) and "Espagnol" not in json.dumps(create)

    detail = client.get(f"{BASE}/{matched}").get_data(as_text=True)
    assert "Profil de jumelage enregistré." in detail
    assert f"{WELDERS} — Soudeurs/soudeuses" in detail
    assert "Transport collectif, 25 km au plus" in detail
    assert "Jour, Soir" in detail and "Niveau 7 – intermédiaire" in detail
    assert "Modifier le profil" in detail
    assert "Antécédents judiciaires pris en compte" not in detail
    # The form shows the saved codes with their titles.
    again = client.get(url(matched)).get_data(as_text=True)
    assert f'value="{WELDERS} — Soudeurs/soudeuses' in again
    assert f'value="{CASHIERS} — ' in again


def test_changes_are_audited_by_field_name_and_no_change_writes_nothing(
    app, client, counsellor, matched
):
    login(client, counsellor)
    post_form(client, url(matched), profile_form())
    post_form(client, url(matched), profile_form(max_distance_km="40", skills="Soudure TIG"))
    post_form(client, url(matched), profile_form(max_distance_km="40", skills="Soudure TIG"))

    updates = [d for d in audit_details(app, "update") if d.get("section")]
    assert updates == [{"section": "matching_profile", "fields": ["skills", "max_distance_km"]}]
    managers = app.test_client()
    with app.app_context():
        login(managers, make_user(Role.MANAGER))
    journal = managers.get(f"{BASE}/journal?participant={matched}").get_data(as_text=True)
    assert "Profil de jumelage; Champs : Compétences, Distance maximale du domicile (km)" in journal


def test_the_same_profession_twice_and_an_exact_example_title_are_accepted(
    app, client, counsellor, matched
):
    login(client, counsellor)
    response = post_form(
        client,
        url(matched),
        profile_form(**{"noc_choices-1": WELDERS, "noc_choices-2": CASHIER_TITLE}),
    )
    assert response.status_code == 302
    assert saved_profile(app, matched).noc_codes == [WELDERS, CASHIERS]


# --- consent gates -------------------------------------------------------------------------------


def test_without_the_matching_consent_the_profile_is_refused_with_a_message(
    app, client, counsellor
):
    with app.app_context():
        participant_id = make_participant().id
    login(client, counsellor)
    page = client.get(url(participant_id)).get_data(as_text=True)
    assert "n'a pas donné son consentement au jumelage" in page
    assert 'name="noc_choices-0"' not in page
    detail = client.get(f"{BASE}/{participant_id}").get_data(as_text=True)
    assert MATCHING_NEEDED in detail
    assert url(participant_id) not in detail

    csrf_page = f"{BASE}/{participant_id}/modifier"
    response = post_form(client, url(participant_id), profile_form(), page=csrf_page)

    assert response.status_code == 409
    assert MATCHING_NEEDED in response.get_data(as_text=True)
    assert saved_profile(app, participant_id) is None
    with app.app_context():
        participant = db.session.get(Participant, participant_id)
        with pytest.raises(profile_service.MatchingConsentRequired):
            profile_service.save_profile(participant, {"max_distance_km": 10}, None)
        assert db.session.scalar(select(func.count()).select_from(MatchingProfile)) == 0


def test_criminal_record_is_considered_only_with_the_sensitive_consent(
    app, client, counsellor, matched
):
    login(client, counsellor)
    forged = post_form(client, url(matched), profile_form(criminal_record_considered="y"))
    assert forged.status_code == 200
    assert RECORD_NEEDED in forged.get_data(as_text=True)
    assert saved_profile(app, matched) is None
    with app.app_context():
        participant = db.session.get(Participant, matched)
        with pytest.raises(participant_service.ConsentRequired) as refused:
            profile_service.save_profile(participant, {"criminal_record_considered": True}, None)
        assert refused.value.fields == ("criminal_record_considered",)
        participant_service.record_consent(
            participant, ConsentScope.SENSITIVE, True, ConsentMethod.WRITTEN, None
        )

    html = client.get(url(matched)).get_data(as_text=True)
    assert 'name="criminal_record_considered"' in html
    response = post_form(client, url(matched), profile_form(criminal_record_considered="y"))

    assert response.status_code == 302
    assert saved_profile(app, matched).criminal_record_considered
    detail = client.get(f"{BASE}/{matched}").get_data(as_text=True)
    assert "Antécédents judiciaires pris en compte" in detail


# --- validation ----------------------------------------------------------------------------------


def test_errors_are_in_french_next_to_their_fields_and_the_input_is_kept(
    app, client, counsellor, matched
):
    login(client, counsellor)
    response = post_form(
        client,
        url(matched),
        profile_form(
            **{"noc_choices-0": "99999", "noc_choices-3": "Astronaute de fond"},
            max_distance_km="500",
            french_level="13",
            transport_mode="avion",
            availability=[str(int(Schedule.ROTATION))],
            skills="Texte tapé à garder",
        ),
    )
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Le formulaire contient des erreurs" in html
    assert html.count("Profession inconnue : choisissez un titre de la liste") == 2
    assert html.index('id="noc_choices-0-err"') > html.index('name="noc_choices-0"')
    assert html.index('id="noc_choices-3-err"') > html.index('name="noc_choices-3"')
    assert "Entre 1 et 300 km." in html
    assert html.index('id="max_distance_km-err"') > html.index('name="max_distance_km"')
    assert html.count("Choisissez une valeur de la liste.") == 2  # level and transport
    assert "Choix invalide." in html  # rotation is not an availability
    assert 'value="99999"' in html and 'value="Astronaute de fond"' in html
    assert 'value="500"' in html and "Texte tapé à garder" in html
    assert saved_profile(app, matched) is None


def test_a_distance_that_is_not_a_number_is_refused_in_french(app, client, counsellor, matched):
    login(client, counsellor)
    response = post_form(client, url(matched), profile_form(max_distance_km="loin"))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="max_distance_km-err"' in html and "Not a valid" not in html
    assert 'value="loin"' in html


def test_the_service_validates_every_rule(app, ctx):
    participant = with_consents(ConsentScope.MATCHING)

    def errors(**data) -> dict:
        with pytest.raises(profile_service.InvalidProfile) as refused:
            profile_service.save_profile(participant, data, None)
        return {name: str(message) for name, message in refused.value.errors.items()}

    many = ["72106", "65100", "73300", "75101", "65310", "64100"]
    assert errors(desired_noc_codes=many) == {
        "desired_noc_codes": "Choisissez au plus 5 professions."
    }
    assert "99999" in errors(desired_noc_codes="72106 99999")["desired_noc_codes"]
    assert "desired_noc_codes" in errors(desired_noc_codes=["7210"])
    assert "desired_noc_codes" in errors(desired_noc_codes=42)
    for level in (0, 13, "x", True, 2.5):
        assert set(errors(french_level=level)) == {"french_level"}
    for km in (0, 301, -5, "99999999999999999999"):
        assert errors(max_distance_km=km) == {"max_distance_km": "Entre 1 et 300 km."}
    assert set(errors(transport_mode="plane")) == {"transport_mode"}
    assert set(errors(availability=int(Schedule.ROTATION))) == {"availability"}
    assert set(errors(availability=-1)) == {"availability"}
    assert set(errors(employment_types=64)) == {"employment_types"}
    assert set(errors(desired_occupations="x" * 501)) == {"desired_occupations"}
    assert db.session.scalar(select(func.count()).select_from(MatchingProfile)) == 0

    profile = profile_service.save_profile(
        participant,
        {"desired_noc_codes": "72106, 72106 65100", "french_level": "12", "availability": 15},
        None,
    )
    assert profile.noc_codes == ["72106", "65100"]
    assert (profile.french_level, profile.availability, profile.employment_types) == (12, 15, 0)
    assert profile.transport_mode == TransportMode.CAR


@pytest.mark.parametrize(
    "garbage",
    [
        {"noc_choices-99999999999999999999": "72106"},
        {"noc_choices-0": "\x00\x00", "skills": "a\x00b"},
        {"noc_choices-0": "é" * 5000},
        {"noc_choices-0": "%", "noc_choices-1": "_", "noc_choices-2": "72106'; DROP"},
        {"french_level": ["1", "2"], "transport_mode": ""},
        {"availability": ["abc", "-1"], "employment_types": "99999999999999999999"},
        {"max_distance_km": "1e9", "wage_subsidy_eligible": "peut-être"},
        {"desired_occupations": "x" * 600, "other_languages": "y" * 200},
    ],
)
def test_garbage_never_500(app, client, counsellor, matched, garbage):
    login(client, counsellor)
    response = post_form(client, url(matched), profile_form(**garbage))
    assert response.status_code in (200, 302)


def test_a_post_without_csrf_is_refused(app, client, counsellor, matched):
    login(client, counsellor)
    assert client.post(url(matched), data=profile_form()).status_code == 400
    assert saved_profile(app, matched) is None


# --- consent withdrawal and deletion -------------------------------------------------------------


def make_referral(participant: Participant) -> Referral:
    referral = Referral(participant=participant, offer=make_offer(), status=ReferralStatus.SENT)
    referral.steps.append(ReferralStep(status=ReferralStatus.PROPOSED, on=local_today()))
    referral.steps.append(ReferralStep(status=ReferralStatus.SENT, on=local_today()))
    db.session.add(referral)
    db.session.commit()
    return referral


def test_withdrawing_sensitive_resets_the_criminal_record_flag(app, ctx):
    participant = with_consents(ConsentScope.MATCHING, ConsentScope.SENSITIVE)
    profile_service.save_profile(
        participant, {"criminal_record_considered": True, "max_distance_km": 30}, None
    )

    participant_service.record_consent(
        participant, ConsentScope.SENSITIVE, False, ConsentMethod.ORAL, None
    )

    profile = db.session.get(MatchingProfile, participant.id)
    assert profile is not None and not profile.criminal_record_considered
    assert profile.max_distance_km == 30
    consent = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "consent").order_by(AuditEntry.id.desc())
    ).first()
    assert json.loads(consent.detail)["erased"] == ["criminal_record_considered"]


def test_withdrawing_matching_deletes_the_profile_but_keeps_referrals(app, client, counsellor):
    with app.app_context():
        participant = with_consents(ConsentScope.MATCHING)
        participant_id = participant.id
        profile_service.save_profile(participant, {"skills": "Caisse"}, None)
        make_referral(participant)
    login(client, counsellor)
    page = f"{BASE}/{participant_id}"
    post_form(
        client,
        f"{page}/consentements",
        {"scope": "matching", "method": "written", "withdraw": "1"},
        page=page,
    )

    assert saved_profile(app, participant_id) is None
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Referral)) == 1
        assert db.session.scalar(select(func.count()).select_from(ReferralStep)) == 2
    consent = audit_details(app, "consent")[-1]
    assert consent == {"scope": "matching", "given": False, "profile_deleted": True}
    detail = client.get(page).get_data(as_text=True)
    assert MATCHING_NEEDED in detail
    assert post_form(client, url(participant_id), profile_form(), page=page).status_code == 409


def test_deleting_a_participant_removes_profile_and_referrals(app, client, manager):
    with app.app_context():
        participant = with_consents(ConsentScope.MATCHING)
        participant_id = participant.id
        profile_service.save_profile(participant, {"skills": "Caisse"}, None)
        make_referral(participant)
        other = with_consents(ConsentScope.MATCHING, first_name="Luis")
        other_id = other.id
        make_referral(other)
    login(client, manager)
    page = f"{BASE}/{participant_id}"

    response = post_form(client, f"{page}/supprimer", {"confirm": "y"}, page=page)

    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Participant, participant_id) is None
        assert db.session.scalar(select(func.count()).select_from(MatchingProfile)) == 0
        assert db.session.scalars(select(Referral.participant_id)).all() == [other_id]
        assert db.session.scalar(select(func.count()).select_from(ReferralStep)) == 2
        assert db.session.scalar(select(func.count()).select_from(AuditEntry)) > 0
    [deletion] = audit_details(app, "delete")
    assert deletion == {"consents_deleted": 2, "referrals_deleted": 1, "profile_deleted": True}
    journal = client.get(f"{BASE}/journal?participant={participant_id}").get_data(as_text=True)
    assert "1 jumelage supprimé" in journal and "Profil de jumelage supprimé" in journal


# --- who sees what -------------------------------------------------------------------------------


def test_managers_read_the_profile_but_cannot_change_it(app, client, manager, matched):
    with app.app_context():
        participant = db.session.get(Participant, matched)
        profile_service.save_profile(participant, {"skills": "Lecture de plans"}, None)
    login(client, manager)
    detail = client.get(f"{BASE}/{matched}").get_data(as_text=True)
    assert "Profil de jumelage" in detail and "Lecture de plans" in detail
    assert url(matched) not in detail

    assert client.get(url(matched)).status_code == 403
    response = post_form(client, url(matched), profile_form(), page=f"{BASE}/{matched}")
    assert response.status_code == 403
    assert saved_profile(app, matched).max_distance_km is None


def test_admins_and_the_public_cannot_see_the_profile(app, client, matched):
    assert client.get(url(matched)).status_code == 302
    assert "/connexion" in client.get(url(matched)).headers["Location"]
    with app.app_context():
        login(client, make_user(Role.ADMIN))
    assert client.get(url(matched)).status_code == 403
    assert client.get(f"{BASE}/{matched}").status_code == 403


def test_showing_the_profile_form_is_audited(app, client, counsellor, matched):
    login(client, counsellor)
    client.get(url(matched))
    with app.app_context():
        views = db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "view", AuditEntry.entity_id == matched)
        ).all()
    assert [v.user_id for v in views] == [counsellor.id]


def test_an_unknown_participant_is_a_404(app, client, counsellor):
    login(client, counsellor)
    assert client.get(url(999_999)).status_code == 404
    assert post_form(client, url(999_999), profile_form(), page=BASE + "/").status_code == 404


# --- demo data -----------------------------------------------------------------------------------


def test_demo_participants_have_plausible_profiles_and_offers_matching_facts(app, ctx):
    from orientheque_jobs.models import NocUnitGroup, Offer, RecordOpenness
    from orientheque_jobs.services.demo import SECTORS, load_demo_data

    first = load_demo_data()
    profiles = db.session.scalars(select(MatchingProfile)).all()
    participants = db.session.scalar(select(func.count()).select_from(Participant))
    assert first["counts"]["matching profiles"] == len(profiles)
    assert 0.7 * participants <= len(profiles) < participants
    demo_codes = {job.noc for _, jobs in SECTORS.values() for job in jobs}
    known = set(db.session.scalars(select(NocUnitGroup.code)))
    for profile in profiles:
        assert 1 <= len(profile.noc_codes) <= 3
        assert set(profile.noc_codes) <= demo_codes & known
        assert participant_service.active_consent(profile.participant, ConsentScope.MATCHING)
        assert profile.availability & Schedule.DAY and not profile.availability & Schedule.ROTATION
        assert profile.max_distance_km and profile.desired_occupations and profile.skills
        assert profile.french_level is None or 1 <= profile.french_level <= 12
        assert not profile.criminal_record_considered  # nothing sensitive in the demo
    assert {p.transport_mode for p in profiles} == set(TransportMode)
    assert any(p.wage_subsidy_eligible for p in profiles)
    assert any(p.french_level for p in profiles) and any(p.french_level is None for p in profiles)
    snapshot = sorted((p.participant_id, p.desired_noc_codes, p.max_distance_km) for p in profiles)

    offers = db.session.scalars(select(Offer)).all()
    sorel = [o for o in offers if o.municipality_code == "53052" and not o.remote]
    assert sum(o.transit_accessible for o in sorel) > 0.7 * len(sorel)
    elsewhere = [o for o in offers if o.municipality_code not in TRANSIT_TOWNS]
    assert sum(o.transit_accessible for o in elsewhere) < 0.3 * len(elsewhere)
    assert not any(o.transit_accessible for o in offers if o.remote)
    assert {o.criminal_record_openness for o in offers} == {*RecordOpenness, None}
    levels = [o.french_level_required for o in offers if o.french_level_required]
    assert levels and all(1 <= level <= 12 for level in levels) and len(levels) < len(offers)
    assert 0 < sum(o.wage_subsidy_welcome for o in offers) < len(offers)

    second = load_demo_data()
    assert second["counts"] == first["counts"]
    again = db.session.scalars(select(MatchingProfile)).all()
    assert sorted((p.participant_id, p.desired_noc_codes, p.max_distance_km) for p in again) == (
        snapshot
    )


def test_demo_profiles_are_the_same_for_the_same_seed(app, ctx):
    import random

    from orientheque_jobs.services.demo import SECTORS
    from orientheque_jobs.services.demo_activity import build_profiles

    jobs = [job for _, jobs in SECTORS.values() for job in jobs]

    def run(seed: int) -> list[tuple]:
        people = []
        for i in range(20):
            person = Participant(first_name=f"P{i}", last_name="Demo")
            add_consent(person, ConsentScope.MATCHING)
            people.append(person)
        profiles = build_profiles(people, jobs, random.Random(seed))
        return [(p.desired_noc_codes, p.availability, p.transport_mode) for p in profiles]

    assert run(1) == run(1) and run(1) != run(2)
