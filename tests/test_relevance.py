"""Relevance of matching, both ways, on the hand-judged set of tests/relevance/dataset.py.

Prints precision@5 and nDCG@10 for participant → offers and offer → participants, and fails
below thresholds set a little under the values measured when the matcher was written.
"""

from __future__ import annotations

import math
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from orientheque_jobs.extensions import db
from orientheque_jobs.models import (
    ConsentScope,
    Employer,
    EmploymentType,
    MatchingProfile,
    Offer,
    OfferStatus,
    Participant,
    Program,
    RecordOpenness,
    Role,
    Schedule,
    ServiceGroup,
    TransportMode,
    utcnow,
)
from orientheque_jobs.search import OfferIndex
from orientheque_jobs.search.index import ParticipantIndex
from orientheque_jobs.search.readers import forget
from orientheque_jobs.services.matching import offers_for_participant, participants_for_offer
from orientheque_jobs.services.offers import search_text_of

from .factories import add_consent, local_today, make_user
from .relevance.dataset import OFFERS, PROFILES

# Measured when written: 0.742, 0.898, 0.782, 0.829. A drop below these floors fails.
THRESHOLDS = {
    "offers_p5": 0.70,
    "offers_ndcg10": 0.86,
    "participants_p5": 0.75,
    "participants_ndcg10": 0.79,
}


def _flags(kind, names) -> int:
    return sum(int(kind[name]) for name in names)


def load_dataset() -> tuple[dict[str, int], dict[str, int]]:
    """The offers (published) and participants (with profiles and consents); key → id."""
    today = local_today()
    offers, people = {}, {}
    for item in OFFERS:
        employer = Employer(
            name=f"Employeur {item['key']}", municipality_code=item["municipality_code"]
        )
        offer = Offer(
            employer=employer,
            status=OfferStatus.PUBLISHED,
            title=item["title"],
            description=item["description"],
            tasks=item["tasks"],
            requirements=item["requirements"],
            municipality_code=item["municipality_code"],
            noc_code=item["noc_code"],
            employment_types=_flags(EmploymentType, item["employment_types"]),
            schedules=_flags(Schedule, item["schedules"]),
            remote=item["remote"],
            french_level_required=item["french_level_required"],
            criminal_record_openness=RecordOpenness(item["criminal_record_openness"])
            if item["criminal_record_openness"]
            else None,
            wage_subsidy_welcome=item["wage_subsidy_welcome"],
            transit_accessible=item["transit_accessible"],
            expires_on=today + timedelta(days=30),
            published_at=utcnow(),
        )
        offer.search_text = search_text_of(offer)
        db.session.add(offer)
        db.session.flush()
        offers[item["key"]] = offer.id
    for item in PROFILES:
        person = Participant(
            first_name=item["first_name"],
            last_name=item["last_name"],
            municipality_code=item["municipality_code"],
            service_group=ServiceGroup.B,
            program=Program.OTHER,
            started_on=today - timedelta(days=10),
        )
        add_consent(person, ConsentScope.SERVICES)
        add_consent(person, ConsentScope.MATCHING)
        if item["criminal_record_considered"]:
            add_consent(person, ConsentScope.SENSITIVE)
        person.matching_profile = MatchingProfile(
            desired_noc_codes=" ".join(item["desired_noc_codes"]),
            desired_occupations=item["desired_occupations"],
            skills=item["skills"],
            experience=item["experience"],
            french_level=item["french_level"],
            other_languages=item["other_languages"],
            max_distance_km=item["max_distance_km"],
            transport_mode=TransportMode(item["transport_mode"]),
            availability=_flags(Schedule, item["availability"]),
            employment_types=_flags(EmploymentType, item["employment_types"]),
            wage_subsidy_eligible=item["wage_subsidy_eligible"],
            criminal_record_considered=item["criminal_record_considered"],
        )
        db.session.add(person)
        db.session.flush()
        people[item["key"]] = person.id
    db.session.commit()
    return offers, people


def precision_at(ranked: list[str], relevant: dict[str, int], k: int) -> float:
    """Share of the first k results that are relevant, k capped at the number of relevant items
    (a profile with 3 relevant offers can reach 1.0); missing results count as misses."""
    k = min(k, len(relevant))
    return sum(1 for key in ranked[:k] if relevant.get(key)) / k


def ndcg_at(ranked: list[str], relevant: dict[str, int], k: int) -> float:
    dcg = sum(
        (2 ** relevant.get(key, 0) - 1) / math.log2(i + 2) for i, key in enumerate(ranked[:k])
    )
    ideal = sorted(relevant.values(), reverse=True)[:k]
    best = sum((2**grade - 1) / math.log2(i + 2) for i, grade in enumerate(ideal))
    return dcg / best if best else 0.0


def test_metrics_are_computed_as_defined():
    relevant = {"a": 2, "b": 1}
    assert precision_at(["a", "x", "b", "y", "z"], relevant, 5) == pytest.approx(0.5)
    assert precision_at(["a", "b", "x"], relevant, 5) == pytest.approx(1.0)
    assert precision_at(["x"], {"a": 1, "b": 1, "c": 1, "d": 1, "e": 1, "f": 1}, 5) == 0.0
    assert ndcg_at(["a", "b"], relevant, 10) == pytest.approx(1.0)
    assert ndcg_at(["b", "a"], relevant, 10) < 1.0
    assert ndcg_at(["x"], relevant, 10) == 0.0


@pytest.fixture
def judged(app, ctx):
    root = Path(app.config["OJ_INDEX_DIR"])
    shutil.rmtree(root, ignore_errors=True)
    forget()
    offers, people = load_dataset()
    for index in (OfferIndex, ParticipantIndex):
        assert index.open(app).rebuild().rebuilt
    yield offers, people
    forget()
    shutil.rmtree(root, ignore_errors=True)


def test_relevance_both_ways(judged, capsys):
    offers, people = judged
    counsellor = make_user(Role.COUNSELLOR)
    offer_key = {offer_id: key for key, offer_id in offers.items()}
    person_key = {person_id: key for key, person_id in people.items()}

    forward = {"p5": [], "ndcg10": []}
    backward_judgments: dict[str, dict[str, int]] = {}
    for profile in PROFILES:
        person = db.session.get(Participant, people[profile["key"]])
        ranked = [
            offer_key[s.item.id] for s in offers_for_participant(person, counsellor, limit=10).items
        ]
        forward["p5"].append(precision_at(ranked, profile["relevant"], 5))
        forward["ndcg10"].append(ndcg_at(ranked, profile["relevant"], 10))
        for key, grade in profile["relevant"].items():
            backward_judgments.setdefault(key, {})[profile["key"]] = grade

    backward = {"p5": [], "ndcg10": []}
    for key, relevant in backward_judgments.items():
        offer = db.session.get(Offer, offers[key])
        ranked = [
            person_key[s.item.id] for s in participants_for_offer(offer, counsellor, limit=10).items
        ]
        backward["p5"].append(precision_at(ranked, relevant, 5))
        backward["ndcg10"].append(ndcg_at(ranked, relevant, 10))

    measured = {
        "offers_p5": sum(forward["p5"]) / len(forward["p5"]),
        "offers_ndcg10": sum(forward["ndcg10"]) / len(forward["ndcg10"]),
        "participants_p5": sum(backward["p5"]) / len(backward["p5"]),
        "participants_ndcg10": sum(backward["ndcg10"]) / len(backward["ndcg10"]),
    }
    with capsys.disabled():
        print(
            f"\nrelevance: participant→offers P@5 {measured['offers_p5']:.3f} "
            f"nDCG@10 {measured['offers_ndcg10']:.3f} ({len(PROFILES)} profiles); "
            f"offer→participants P@5 {measured['participants_p5']:.3f} "
            f"nDCG@10 {measured['participants_ndcg10']:.3f} ({len(backward_judgments)} offers)"
        )
    for name, threshold in THRESHOLDS.items():
        assert measured[name] >= threshold, (name, measured[name], threshold)
