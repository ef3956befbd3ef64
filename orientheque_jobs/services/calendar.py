"""A counsellor's visits and follow-up meetings as a private iCalendar (RFC 5545) feed.

Calendar apps copy feeds to third-party servers, so events name the employer and the kind of
activity, never a participant.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..models import (
    CompanyVisit,
    FollowUpMeeting,
    RetentionFollowUp,
    User,
    utcnow,
    visit_counsellor,
)
from .clock import local_today

PAST_DAYS = 90
DEFAULT_MEETING_MINUTES = 60


def issue_token(user: User) -> str:
    """Give the user a new feed secret; the old feed URL stops working."""
    user.calendar_token = secrets.token_urlsafe(32)
    db.session.commit()
    return user.calendar_token


def user_for_token(token: str) -> User | None:
    if not token or len(token) > 64:
        return None
    user = db.session.scalar(select(User).where(User.calendar_token == token))
    return user if user is not None and user.active else None


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))  # fmt: skip


def _fold(line: str) -> str:
    """Lines of at most 75 octets, continued with a leading space (RFC 5545 §3.1)."""
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _utc(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%SZ")


def feed(user: User, host: str) -> str:
    since = local_today() - timedelta(days=PAST_DAYS)
    visits = db.session.scalars(
        select(CompanyVisit)
        .join(visit_counsellor)
        .options(joinedload(CompanyVisit.employer))
        .where(visit_counsellor.c.user_id == user.id, CompanyVisit.visited_on >= since)
        .order_by(CompanyVisit.visited_on)
    ).all()
    meetings = db.session.scalars(
        select(FollowUpMeeting)
        .join(FollowUpMeeting.follow_up)
        .options(joinedload(FollowUpMeeting.follow_up).joinedload(RetentionFollowUp.employer))
        .where(
            (FollowUpMeeting.counsellor_id == user.id)
            | (RetentionFollowUp.counsellor_id == user.id),
            FollowUpMeeting.met_at >= datetime.combine(since, datetime.min.time()),
        )
        .order_by(FollowUpMeeting.met_at)
    ).all()
    stamp = _utc(utcnow())
    name = _("Visites et suivis — %(name)s", name=user.name)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//orientheque-jobs//calendrier//FR",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    for visit in visits:
        summary = _("Visite d'entreprise — %(employer)s", employer=visit.employer.name)
        lines += [
            "BEGIN:VEVENT",
            f"UID:visit-{visit.id}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{visit.visited_on:%Y%m%d}",
            f"DTEND;VALUE=DATE:{visit.visited_on + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(summary)}",
            "END:VEVENT",
        ]
    for meeting in meetings:
        follow_up = meeting.follow_up
        minutes = (meeting.direct_minutes + meeting.indirect_minutes) or DEFAULT_MEETING_MINUTES
        where = follow_up.employer.name if follow_up.employer else follow_up.job_title
        summary = _("Suivi en emploi — %(where)s", where=where)
        lines += [
            "BEGIN:VEVENT",
            f"UID:meeting-{meeting.id}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_utc(meeting.met_at)}",
            f"DTEND:{_utc(meeting.met_at + timedelta(minutes=minutes))}",
            f"SUMMARY:{_escape(summary)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
