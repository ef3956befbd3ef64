"""Demo subscribers: participants of the demo data who agreed, orally, to the daily digest."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from orientheque_jobs.extensions import db
from orientheque_jobs.models import MatchingProfile, Participant, User, utcnow
from orientheque_jobs.services.demo import COUNSELLOR_EMAIL

from .subscriptions import Criteria, subscribe_participant, subscription_for_participant

DEMO_SUBSCRIBERS = 15
# Subscribed a week ago, so that the first `flask channels run` has new offers to send.
SUBSCRIBED_DAYS_AGO = 7


def load_demo_subscribers() -> int:
    """Subscribe the first demo participants with an email and a matching profile; idempotent."""
    counsellor = db.session.scalar(select(User).where(User.email == COUNSELLOR_EMAIL))
    if counsellor is None:
        return 0
    people = db.session.scalars(
        select(Participant)
        .join(MatchingProfile)
        .where(Participant.email.is_not(None), Participant.ended_on.is_(None))
        .order_by(Participant.id)
        .limit(DEMO_SUBSCRIBERS)
    ).all()
    for number, person in enumerate(people):
        if subscription_for_participant(person) is not None:
            continue
        home = person.municipality_code if person.municipality else None
        # Half want their occupations, half every offer near home.
        criteria = Criteria(
            noc_codes=person.matching_profile.noc_codes if number % 2 else [],
            home_municipality_code=home,
            max_distance_km=40 if home else None,
        )
        sub, _new = subscribe_participant(person, criteria, "fr", counsellor)
        sub.confirmed_at = utcnow() - timedelta(days=SUBSCRIBED_DAYS_AGO)
        db.session.commit()
    return len(people)
