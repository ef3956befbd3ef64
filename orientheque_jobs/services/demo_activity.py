"""A year of demo activity for the employer file: participants, contacts, visits, stages and
maintien-en-emploi follow-ups, so the dashboard, employer pages and indicators show content at
once; and the participants' matching profiles. Every person here is fictional; no sensitive field
is filled (no SENSITIVE consent, no criminal record considered).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from ..models import (
    CompanyVisit,
    Consent,
    ConsentMethod,
    ConsentScope,
    Employer,
    EmployerInteraction,
    EmploymentType,
    FollowUpMeeting,
    FollowUpMode,
    FollowUpOutcome,
    InteractionKind,
    MatchingProfile,
    MeetingPlace,
    Participant,
    Placement,
    PlacementKind,
    PlacementStatus,
    Program,
    RetentionFollowUp,
    Role,
    Schedule,
    ServiceGroup,
    TransportMode,
    User,
    VisitPurpose,
    WageSubsidy,
)

if TYPE_CHECKING:
    from .demo import Job

NOTICE_VERSION = "2026-1"
SECOND_COUNSELLOR = ("conseillere.emploi@orientheque.demo", "Karine Péloquin")
FIRST_NAMES = (
    "Amina", "Mamadou", "Sophie", "Jean-François", "Mélanie", "Yves", "Fatoumata", "Luis",
    "Nathalie", "Réjean", "Chantal", "Olivier", "Ana María", "Kevin", "Marie-Ève", "Denis",
    "Thi Lan", "Samuel", "Josée", "Hamid", "Isabelle", "Gaétan", "Nadia", "Pierre-Luc",
    "Diane", "Carlos", "Audrey", "Michel", "Aïcha", "Francis",
)  # fmt: skip
LAST_NAMES = (
    "Diallo", "Traoré", "Gagnon", "Tremblay", "Côté", "Bergeron", "Nguyen", "Hernández",
    "Lavallée", "Cournoyer", "Péloquin", "Salvail", "Mandeville", "Benali", "Morin",
    "Plante", "Rodríguez", "Gauthier", "Desrosiers", "Ouellet", "Bélanger", "Kaboré",
)  # fmt: skip
GROUP_WEIGHTS = {
    ServiceGroup.A: 8, ServiceGroup.B: 14, ServiceGroup.C1: 6, ServiceGroup.C2: 4,
    ServiceGroup.C3: 3, ServiceGroup.D1: 4, ServiceGroup.D2: 3, ServiceGroup.D3: 2,
    ServiceGroup.D4: 2, ServiceGroup.ME: 12, ServiceGroup.PPE: 4, ServiceGroup.ICTE: 3,
}  # fmt: skip
PROGRAM_WEIGHTS = {
    Program.FOCUS_CARRIERE: 5, Program.B50: 3, Program.NOUVEAU_DEPART: 2, Program.MFOR: 3,
    Program.ORIENTATION_STAGE: 4, Program.OTHER: 1,
}  # fmt: skip
KIND_WEIGHTS = {
    InteractionKind.CALL: 45, InteractionKind.EMAIL: 25, InteractionKind.MEETING: 10,
    InteractionKind.REPRESENTATION: 8, InteractionKind.PARTNER_MEETING: 6,
    InteractionKind.WORKSHOP: 3, InteractionKind.EMPLOYER_CONFERENCE: 3,
}  # fmt: skip
NOTES = {
    InteractionKind.CALL: (
        "Appel de suivi au sujet des besoins de main-d'œuvre pour la saison.",
        "Discussion sur un poste de soir difficile à combler; ouverture à un candidat 50+.",
        "Rappel concernant l'offre publiée : plusieurs candidatures reçues.",
        "Présentation de la subvention salariale pour une personne éloignée du marché.",
    ),
    InteractionKind.EMAIL: (
        "Envoi de la description de poste révisée pour approbation.",
        "Transmission de trois profils de candidats (avec leur accord).",
        "Confirmation des dates de stage d'observation.",
    ),
    InteractionKind.MEETING: (
        "Rencontre avec la direction des ressources humaines : plan de recrutement annuel.",
        "Rencontre sur place pour préciser les exigences physiques du poste.",
    ),
    InteractionKind.REPRESENTATION: (
        "Déjeuner-causerie de la Chambre de commerce Sorel-Tracy.",
        "Salon de l'emploi régional : kiosque et rencontres d'employeurs.",
    ),
    InteractionKind.PARTNER_MEETING: (
        "Table de concertation en employabilité de Pierre-De Saurel.",
        "Rencontre avec Services Québec sur les mesures actives.",
    ),
    InteractionKind.WORKSHOP: (
        "Atelier « Réussir son entrevue » animé avec une conseillère en RH de l'entreprise.",
    ),
    InteractionKind.EMPLOYER_CONFERENCE: (
        "Speed jobbing : huit candidats rencontrés en une matinée.",
        "Conférence de l'employeur auprès du groupe Focus carrière.",
    ),
}  # fmt: skip
NEXT_ACTIONS = (
    "Rappeler pour connaître la décision",
    "Envoyer la liste des candidats intéressés",
    "Planifier une visite avec le groupe Focus carrière",
    "Vérifier l'admissibilité à la subvention salariale",
    "Relancer au sujet du stage d'observation",
)
SUPERVISORS = ("Luc Beauchemin", "Sylvie Arpin", "Marc Ally", "Johanne Cardin", "Éric Mongeau")
JOB_TITLES = (
    "Préposée à l'entretien ménager", "Aide-soudeur", "Commis d'épicerie", "Opérateur de presse",
    "Aide-cuisinier", "Préposé aux bénéficiaires", "Caissière", "Journalier de production",
    "Livreur", "Réceptionniste",
)  # fmt: skip
MEASURES = ("Subvention salariale (Services Québec)", "Mesure de formation en entreprise")


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _at(day: date, hour: int, zone: ZoneInfo) -> datetime:
    moment = datetime.combine(day, time(hour), tzinfo=zone)
    return moment.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


def build_participants(
    rng: random.Random, counsellors: list[User], today: date, count: int = 70
) -> list[Participant]:
    municipalities = ("53052", "53052", "53052", "53050", "53065", "53025", "53040", "59035")
    people = []
    for i in range(count):
        started = today - timedelta(days=rng.randint(5, 400))
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        person = Participant(
            first_name=first, last_name=last,
            email=f"participant{i + 1}@courriel.demo", phone=f"450 555-{200 + i:04d}",
            municipality_code=rng.choice(municipalities),
            service_group=_pick(rng, GROUP_WEIGHTS), program=_pick(rng, PROGRAM_WEIGHTS),
            counsellor=counsellors[i % len(counsellors)], started_on=started,
            ended_on=started + timedelta(days=180) if started + timedelta(days=180) < today
            else None,
        )  # fmt: skip
        for scope in (ConsentScope.SERVICES, ConsentScope.MATCHING):
            person.consents.append(Consent(scope=scope, given=True, method=ConsentMethod.WRITTEN,
                                           notice_version=NOTICE_VERSION,
                                           recorded_by=person.counsellor))  # fmt: skip
        people.append(person)
    return people


def generate_activity(
    employers: list[Employer],
    counsellors: list[User],
    rng: random.Random,
    today: date,
    timezone: str = "America/Montreal",
) -> list:
    """Unsaved objects for the past year (and a few upcoming dates for the dashboard)."""
    zone = ZoneInfo(timezone)
    year_ago = today - timedelta(days=365)
    participants = build_participants(rng, counsellors, today)
    objects: list = list(participants)
    # A few employers get most of the activity, as in real life.
    weights = [8 if i < 6 else 3 if i < 15 else 1 for i in range(len(employers))]

    for _ in range(480):
        kind = _pick(rng, KIND_WEIGHTS)
        employer = rng.choices(employers, weights=weights)[0]
        occurred = _day(rng, year_ago, today)
        interaction = EmployerInteraction(
            employer=employer, contact=employer.contacts[0] if employer.contacts else None,
            counsellor=rng.choice(counsellors), kind=kind, occurred_on=occurred,
            notes=rng.choice(NOTES[kind]),
        )  # fmt: skip
        if rng.random() < 0.18:
            interaction.next_action = rng.choice(NEXT_ACTIONS)
            interaction.next_action_due = occurred + timedelta(days=rng.randint(3, 21))
            if interaction.next_action_due < today - timedelta(days=3):
                interaction.next_action_done_on = interaction.next_action_due
        objects.append(interaction)

    for _ in range(46):
        employer = rng.choices(employers, weights=weights)[0]
        with_group = rng.random() < 0.3
        visit = CompanyVisit(
            employer=employer, visited_on=_day(rng, year_ago, today),
            purpose=VisitPurpose.WITH_PARTICIPANTS if with_group
            else rng.choice((VisitPurpose.PROSPECTION, VisitPurpose.FOLLOW_UP)),
            notes="Visite de l'usine et présentation des postes d'entrée." if with_group
            else "Rencontre du contremaître; besoins en main-d'œuvre pour l'automne.",
            counsellors=rng.sample(counsellors, k=rng.randint(1, len(counsellors))),
            participants=rng.sample(participants, k=rng.randint(3, 8)) if with_group else [],
        )  # fmt: skip
        objects.append(visit)

    for person in rng.sample(participants, k=30):
        employer = rng.choices(employers, weights=weights)[0]
        starts = _day(rng, year_ago, today + timedelta(days=30))
        ends = starts + timedelta(days=rng.choice((5, 10, 20, 40)))
        status = (
            PlacementStatus.PLANNED
            if starts > today
            else PlacementStatus.ONGOING
            if ends >= today
            else rng.choices((PlacementStatus.COMPLETED, PlacementStatus.INTERRUPTED), (9, 1))[0]
        )
        objects.append(Placement(
            participant=person, employer=employer, counsellor=person.counsellor,
            program=person.program or Program.ORIENTATION_STAGE,
            kind=rng.choice((PlacementKind.OBSERVATION, PlacementKind.PRACTICAL)),
            supervisor_name=rng.choice(SUPERVISORS), starts_on=starts, ends_on=ends,
            hours=(ends - starts).days * 5, status=status,
            interruption_reason="Problème de transport; reprise prévue plus tard."
            if status == PlacementStatus.INTERRUPTED else None,
            evaluation="Ponctuel, bonne attitude, apprend vite." if status ==
            PlacementStatus.COMPLETED else None,
            job_offered=rng.random() < 0.4 if status == PlacementStatus.COMPLETED else None,
        ))  # fmt: skip

    for person in rng.sample(participants, k=28):
        employer = rng.choices(employers, weights=weights)[0]
        hired = _day(rng, year_ago, today - timedelta(days=10))
        follow_up = RetentionFollowUp(
            participant=person, employer=employer, counsellor=person.counsellor,
            job_title=rng.choice(JOB_TITLES), hired_on=hired, opened_on=hired,
            mode=FollowUpMode.TRIPARTITE if rng.random() < 0.6 else FollowUpMode.BIPARTITE,
            worker_needs="Organisation du transport; confiance en soi.",
            employer_needs="Intégration à l'équipe de soir; formation sur les procédures.",
            goals="Terminer la probation et stabiliser l'horaire.",
            probation_ends_on=hired + timedelta(days=90),
        )  # fmt: skip
        if rng.random() < 0.4:
            weeks = rng.choice((12, 16, 24, 30))
            follow_up.subsidy = WageSubsidy(measure=rng.choice(MEASURES), weeks=weeks,
                                            percentage=rng.choice((30, 50, 75)), starts_on=hired,
                                            ends_on=hired + timedelta(weeks=weeks))  # fmt: skip
        day = hired + timedelta(days=7)
        while day < today and len(follow_up.meetings) < 6:
            follow_up.meetings.append(FollowUpMeeting(
                met_at=_at(day, rng.choice((9, 10, 13, 14)), zone), place=rng.choice(
                    list(MeetingPlace)), direct_minutes=rng.choice((30, 45, 60)),
                indirect_minutes=rng.choice((0, 15, 30)), counsellor=person.counsellor,
                notes="Bon déroulement; ajustement de l'horaire discuté.",
            ))  # fmt: skip
            day += timedelta(days=rng.randint(14, 35))
        if follow_up.probation_ends_on < today - timedelta(days=14):
            follow_up.probation_checked_on = follow_up.probation_ends_on
            follow_up.probation_note = "Probation réussie selon l'employeur."
            if rng.random() < 0.7:
                follow_up.closed_on = min(today, follow_up.probation_ends_on + timedelta(days=30))
                follow_up.outcome = rng.choices(list(FollowUpOutcome), (75, 15, 10))[0]
        elif follow_up.closed_on is None and rng.random() < 0.5:
            follow_up.meetings.append(FollowUpMeeting(
                met_at=_at(today + timedelta(days=rng.randint(1, 10)), 10, zone),
                place=MeetingPlace.COMPANY, counsellor=person.counsellor,
                notes="Rencontre tripartite prévue.",
            ))  # fmt: skip
        objects.append(follow_up)
    return objects


def second_counsellor() -> User:
    email, name = SECOND_COUNSELLOR
    return User(email=email, name=name, role=Role.COUNSELLOR)


# --- matching profiles ---------------------------------------------------------------------------

PROFILE_SHARE = 0.85  # most participants who gave the MATCHING consent have a profile
TRANSPORT_WEIGHTS = {TransportMode.CAR: 60, TransportMode.TRANSIT: 30, TransportMode.ACTIVE: 10}
DISTANCES = {
    TransportMode.CAR: (15, 25, 30, 40, 60),
    TransportMode.TRANSIT: (5, 10, 15),
    TransportMode.ACTIVE: (3, 5, 8),
}
AVAILABLE = Schedule.DAY | Schedule.EVENING | Schedule.NIGHT | Schedule.WEEKEND
OTHER_LANGUAGES = ("Anglais", "Espagnol", "Arabe", "Vietnamien", "Anglais, espagnol", "Wolof")
EXPERIENCES = (
    "{years} ans d'expérience comme {job}.",
    "Stage pratique de quatre semaines : {job}.",
    "Emplois d'été en restauration; vise un poste de {job}.",
    "Retour au travail après {years} ans; expérience antérieure : {job}.",
)


def _short(title: str) -> str:
    """« Soudeur-assembleur ou soudeuse-assembleuse » → « soudeur-assembleur »."""
    return title.split(" ou ")[0].split(" (")[0].lower()


def build_profiles(
    participants: Sequence[Participant], jobs: Sequence[Job], rng: random.Random
) -> list[MatchingProfile]:
    """Unsaved profiles, attached to most of the participants who gave the MATCHING consent.

    Each looks for one to three demo jobs (the CNP codes of the offers), mostly in one sector.
    """
    profiles = []
    for person in participants:
        consented = any(c.scope == ConsentScope.MATCHING and c.given for c in person.consents)
        if not consented or rng.random() >= PROFILE_SHARE:
            continue
        job = rng.choice(jobs)
        wanted = [job] + [rng.choice(jobs) for _ in range(rng.choice((0, 1, 1, 2)))]
        codes = list(dict.fromkeys(j.noc for j in wanted))
        titles = list(dict.fromkeys(_short(j.title) for j in wanted))
        transport = _pick(rng, TRANSPORT_WEIGHTS)
        availability = Schedule.DAY | (rng.choice(job.schedules) & AVAILABLE)
        if rng.random() < 0.3:
            availability |= Schedule.WEEKEND
        french_level = rng.randint(4, 10) if rng.random() < 0.3 else None
        if french_level is not None:
            languages = rng.choice(OTHER_LANGUAGES)
        else:
            languages = "Anglais" if rng.random() < 0.3 else None
        profile = MatchingProfile(
            desired_noc_codes=" ".join(codes),
            desired_occupations=", ".join(titles),
            skills="; ".join(rng.sample(job.tasks, k=min(2, len(job.tasks)))),
            experience=rng.choice(EXPERIENCES).format(
                years=rng.randint(1, 12), job=_short(job.title)
            ),
            french_level=french_level,
            other_languages=languages,
            max_distance_km=rng.choice(DISTANCES[transport]),
            transport_mode=transport,
            availability=int(availability),
            employment_types=0
            if rng.random() < 0.4
            else int(rng.choice(job.types) & (EmploymentType.FULL_TIME | EmploymentType.PART_TIME))
            or 0,
            wage_subsidy_eligible=rng.random() < 0.35,
            criminal_record_considered=False,
        )
        person.matching_profile = profile
        profiles.append(profile)
    return profiles
