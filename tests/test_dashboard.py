"""The staff home page (actions due, recent activity) and the private calendar feed."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from orientheque_jobs.extensions import db
from orientheque_jobs.models import (
    CompanyVisit,
    EmployerInteraction,
    FollowUpMeeting,
    FollowUpMode,
    InteractionKind,
    MeetingPlace,
    RetentionFollowUp,
    Role,
    User,
    VisitPurpose,
)
from orientheque_jobs.services.dashboard import local_midnight_utc

from .conftest import post_form
from .factories import future, login, make_employer, make_offer, make_participant, make_user


def seed_activity(counsellor, other):
    employer = make_employer("Chantier naval Saint-Laurent")
    participant = make_participant()
    me, them = db.session.get(User, counsellor.id), db.session.get(User, other.id)
    db.session.add_all(
        [
            EmployerInteraction(
                employer=employer,
                counsellor=me,
                kind=InteractionKind.CALL,
                occurred_on=future(-3),
                next_action="Rappeler pour le poste de soudeur",
                next_action_due=future(2),
            ),
            EmployerInteraction(
                employer=employer,
                counsellor=me,
                kind=InteractionKind.EMAIL,
                occurred_on=future(-2),
                next_action="Fait déjà",
                next_action_due=future(1),
                next_action_done_on=future(-1),
            ),
            EmployerInteraction(
                employer=employer,
                counsellor=me,
                kind=InteractionKind.MEETING,
                occurred_on=future(-1),
                next_action="Trop loin",
                next_action_due=future(40),
            ),
            EmployerInteraction(
                employer=employer,
                counsellor=them,
                kind=InteractionKind.CALL,
                occurred_on=future(-1),
                next_action="Action d'un collègue",
                next_action_due=future(1),
            ),
            CompanyVisit(
                employer=employer,
                visited_on=future(-5),
                purpose=VisitPurpose.PROSPECTION,
                counsellors=[me],
                participants=[participant],
            ),
        ]
    )
    follow_up = RetentionFollowUp(
        participant=participant,
        employer=employer,
        counsellor=me,
        job_title="Soudeur, monteur",
        hired_on=future(-60),
        opened_on=future(-60),
        mode=FollowUpMode.TRIPARTITE,
        probation_ends_on=future(5),
    )
    follow_up.meetings.append(
        FollowUpMeeting(
            met_at=local_midnight_utc(future(3)) + timedelta(hours=14),
            place=MeetingPlace.COMPANY,
            direct_minutes=45,
            counsellor=me,
        )
    )
    db.session.add(follow_up)
    db.session.commit()
    make_offer(title="Offre qui expire", expires_on=future(4), employer=employer)
    make_offer(title="Offre qui dure", expires_on=future(60), employer=employer)


def test_dashboard_shows_my_actions_due_and_recent_activity(app, client):
    with app.app_context():
        me, colleague = make_user(), make_user()
        seed_activity(me, colleague)
    login(client, me)
    html = client.get("/conseil/").get_data(as_text=True)
    assert "Rappeler pour le poste de soudeur" in html
    for absent in ("Fait déjà", "Trop loin", "Action d&#39;un collègue", "Offre qui dure"):
        assert absent not in html, absent
    assert "Soudeur, monteur" in html  # meeting and probation end
    assert "Offre qui expire" in html
    assert "Visite d&#39;entreprise" in html or "Visite d'entreprise" in html
    assert "Chantier naval Saint-Laurent" in html
    assert "Amina" not in html  # no participant names on the home page


def test_manager_dashboard_has_no_moderation(app, client):
    with app.app_context():
        manager = make_user(Role.MANAGER)
    login(client, manager)
    html = client.get("/conseil/").get_data(as_text=True)
    assert "Tableau de bord" in html and "/conseil/moderation" not in html


def test_calendar_feed_is_private_and_valid_icalendar(app, client):
    with app.app_context():
        me, colleague = make_user(), make_user()
        seed_activity(me, colleague)
    login(client, me)
    assert "Créer mon adresse" in client.get("/conseil/calendrier").get_data(as_text=True)
    post_form(client, "/conseil/calendrier", {})
    with app.app_context():
        token = db.session.get(User, me.id).calendar_token
    assert token and len(token) >= 40
    anonymous = app.test_client()
    response = anonymous.get(f"/calendrier/{token}.ics")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    body = response.get_data(as_text=True)
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    assert body.count("BEGIN:VEVENT") == 2
    unfolded = body.replace("\r\n ", "")
    assert "SUMMARY:Visite d'entreprise — Chantier naval Saint-Laurent" in unfolded
    assert f"DTSTART;VALUE=DATE:{future(-5):%Y%m%d}" in unfolded
    assert "Amina" not in unfolded and "Diallo" not in unfolded
    # A new address revokes the old one; a wrong token is a 404.
    post_form(client, "/conseil/calendrier", {})
    assert anonymous.get(f"/calendrier/{token}.ics").status_code == 404
    assert anonymous.get("/calendrier/nimporte-quoi.ics").status_code == 404


def test_calendar_folds_long_lines_without_breaking_characters(app, ctx):
    from orientheque_jobs.services.calendar import _fold

    line = "SUMMARY:" + "é" * 80
    folded = _fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


def test_meeting_times_use_the_local_day(app, ctx):
    # 00:00 in Montréal is 04:00 or 05:00 UTC.
    start = local_midnight_utc(future(0))
    assert start.hour in (4, 5) and isinstance(start, datetime)
    assert db.session.scalar(select(User.id).limit(1)) is None


def test_recent_activity_leaves_out_planned_things(app, client):
    from orientheque_jobs.models import Placement, PlacementKind, Program

    with app.app_context():
        me = make_user()
        employer = make_employer("Serres Yamaska")
        person = make_participant()
        db.session.add(Placement(participant_id=person.id, employer_id=employer.id,
                                 counsellor_id=me.id, program=Program.FOCUS_CARRIERE,
                                 kind=PlacementKind.OBSERVATION, starts_on=future(20),
                                 ends_on=future(25)))  # fmt: skip
        db.session.commit()
    login(client, me)
    html = client.get("/conseil/").get_data(as_text=True)
    recent = html[html.index("Mon activité récente") :]
    assert "Serres Yamaska" not in recent
    assert "seconds" not in html and " s<" not in html
