"""What a staff member sees first: actions due and recent activity."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..models import (
    CompanyVisit,
    EmployerInteraction,
    FollowUpMeeting,
    Offer,
    Placement,
    RetentionFollowUp,
    User,
    utcnow,
    visit_counsellor,
)
from .clock import local_today

HORIZON_DAYS = 14
RECENT = 10


@dataclass
class Due:
    next_actions: list[EmployerInteraction]
    meetings: list[FollowUpMeeting]
    probations: list[RetentionFollowUp]
    expiring_offers: list[Offer]


def local_midnight_utc(day: date) -> datetime:
    """The UTC instant at which `day` starts in the organisation's time zone (naive UTC)."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    start = datetime.combine(day, time(0), tzinfo=zone)
    return start.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


def actions_due(user: User, today: date | None = None) -> Due:
    today = today or local_today()
    horizon = today + timedelta(days=HORIZON_DAYS)
    next_actions = db.session.scalars(
        select(EmployerInteraction)
        .options(joinedload(EmployerInteraction.employer))
        .where(
            EmployerInteraction.counsellor_id == user.id,
            EmployerInteraction.next_action_due.is_not(None),
            EmployerInteraction.next_action_done_on.is_(None),
            EmployerInteraction.next_action_due <= horizon,
        )
        .order_by(EmployerInteraction.next_action_due)
    ).all()
    meetings = db.session.scalars(
        select(FollowUpMeeting)
        .join(FollowUpMeeting.follow_up)
        .options(joinedload(FollowUpMeeting.follow_up).joinedload(RetentionFollowUp.employer))
        .where(
            (FollowUpMeeting.counsellor_id == user.id)
            | (RetentionFollowUp.counsellor_id == user.id),
            FollowUpMeeting.met_at >= local_midnight_utc(today),
            FollowUpMeeting.met_at < local_midnight_utc(horizon + timedelta(days=1)),
        )
        .order_by(FollowUpMeeting.met_at)
    ).all()
    probations = db.session.scalars(
        select(RetentionFollowUp)
        .options(joinedload(RetentionFollowUp.employer))
        .where(
            RetentionFollowUp.counsellor_id == user.id,
            RetentionFollowUp.closed_on.is_(None),
            RetentionFollowUp.probation_checked_on.is_(None),
            RetentionFollowUp.probation_ends_on <= horizon,
        )
        .order_by(RetentionFollowUp.probation_ends_on)
    ).all()
    expiring = db.session.scalars(
        select(Offer)
        .options(joinedload(Offer.employer))
        .where(Offer.visible_clause(today), Offer.expires_on <= today + timedelta(days=7))
        .order_by(Offer.expires_on, Offer.id)
    ).all()
    return Due(list(next_actions), list(meetings), list(probations), list(expiring))


@dataclass
class Activity:
    on: date
    kind: str
    label: str
    employer_id: int | None
    employer_name: str | None


def recent_activity(user: User, limit: int = RECENT) -> list[Activity]:
    """The user's latest interactions, visits, stages and meetings up to today, newest first."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    today = local_today()
    items: list[Activity] = []
    for row in db.session.scalars(
        select(EmployerInteraction)
        .options(joinedload(EmployerInteraction.employer))
        .where(
            EmployerInteraction.counsellor_id == user.id, EmployerInteraction.occurred_on <= today
        )
        .order_by(EmployerInteraction.occurred_on.desc(), EmployerInteraction.id.desc())
        .limit(limit)
    ):
        items.append(
            Activity(
                row.occurred_on, "interaction", row.kind.value, row.employer_id, row.employer.name
            )
        )
    for row in db.session.scalars(
        select(CompanyVisit)
        .join(visit_counsellor)
        .options(joinedload(CompanyVisit.employer))
        .where(visit_counsellor.c.user_id == user.id, CompanyVisit.visited_on <= today)
        .order_by(CompanyVisit.visited_on.desc(), CompanyVisit.id.desc())
        .limit(limit)
    ):
        items.append(
            Activity(row.visited_on, "visit", row.purpose.value, row.employer_id, row.employer.name)
        )
    for row in db.session.scalars(
        select(Placement)
        .options(joinedload(Placement.employer))
        .where(Placement.counsellor_id == user.id, Placement.starts_on <= today)
        .order_by(Placement.starts_on.desc(), Placement.id.desc())
        .limit(limit)
    ):
        items.append(
            Activity(row.starts_on, "placement", row.kind.value, row.employer_id, row.employer.name)
        )
    for row in db.session.scalars(
        select(FollowUpMeeting)
        .options(joinedload(FollowUpMeeting.follow_up).joinedload(RetentionFollowUp.employer))
        .where(FollowUpMeeting.counsellor_id == user.id, FollowUpMeeting.met_at <= utcnow())
        .order_by(FollowUpMeeting.met_at.desc(), FollowUpMeeting.id.desc())
        .limit(limit)
    ):
        employer = row.follow_up.employer
        on = row.met_at.replace(tzinfo=ZoneInfo("UTC")).astimezone(zone).date()
        items.append(
            Activity(
                on,
                "meeting",
                row.place.value,
                employer.id if employer else None,
                employer.name if employer else None,
            )
        )
    items.sort(key=lambda a: a.on, reverse=True)
    return items[:limit]
