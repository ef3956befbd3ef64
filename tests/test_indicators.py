"""Yearly indicators: every figure of a hand-built year, drill-down, exports, chart, access.

The year under test is the funders' year 2024-07-01 – 2025-06-30. Every record below is placed
on purpose around its edges; the expected figures are worked out by hand in EXPECTED.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from decimal import Decimal
from html import unescape
from html.parser import HTMLParser

import pytest
from flask_babel import format_decimal
from openpyxl import load_workbook
from sqlalchemy import event, select

from orientheque_jobs.extensions import db
from orientheque_jobs.models import (
    AuditEntry,
    CompanyVisit,
    EmployerInteraction,
    FollowUpMeeting,
    FollowUpMode,
    FollowUpOutcome,
    InteractionKind,
    MeetingPlace,
    OfferStatus,
    Placement,
    PlacementKind,
    PlacementStatus,
    Program,
    RetentionFollowUp,
    Role,
    ServiceGroup,
    VisitPurpose,
    WageSubsidy,
)
from orientheque_jobs.services import charts, indicators

from .factories import (
    local_today,
    login,
    make_employer,
    make_offer,
    make_participant,
    make_user,
)

START, END = date(2024, 7, 1), date(2025, 6, 30)
PERIOD = {"du": "2024-07-01", "au": "2025-06-30"}
SVG_NS = "{http://www.w3.org/2000/svg}"

# Hand-computed figures of the year, section by section, row by row (see build_year).
EXPECTED = {
    "business": [
        [3],  # visits: V1 (1 July 2024), V2, V3 (30 June 2025); not V4 (30 June 2024), V5
        [2],  # companies visited: Métallurgie (V1, V2), Boulangerie (V3)
        [3],  # offers: O1 (1 July 00:30 local), O3 (30 June 23:59 local), O4 (filled since)
        [3],  # contacts: call, email, meeting (not the call of 30 June 2024)
        [2],  # representation
        [1],  # partners
        [1],  # employer conference
        [2],  # two workshops (not the one of 1 July 2025)
    ],
    "visited": [[1], [2]],  # Boulangerie du Vieux-Sorel, Métallurgie Richelieu inc.
    "retention": [
        [2],  # new ME: P1 (1 July 2024), P2 (30 June 2025); not P3 (30 June 2024), P4 (group B)
        [3],  # closed in the year: F1, F2 (opened the year before), F7 (no meetings)
        [Decimal("1.9")],  # (150 + 200 + 0) min / 60 / 3 = 1.944 h
        [2],  # still employed: F1, F7
    ],
    "followups": [  # subsidised, not subsidised, total; active at any time in the year
        [1, 1, 2],  # bipartite: F1 (subsidised), F6 (still open)
        [1, 2, 3],  # tripartite: F3 (subsidised, closed next year); F2, F7
        [2, 3, 5],
    ],
    "placements": [  # companies contacted, stages carried out, participants
        [3, 3, 2],  # Focus carrière: E1, E2, E3 (S4 planned only); S1, S2 (P4 twice), S3
        [1, 1, 1],  # B-50+: S5 (interrupted counts); not S6 (28 June 2024)
        [0, 0, 0],  # Nouveau départ
        [0, 0, 0],  # MFOR: S7 starts 1 July 2025
        [0, 0, 0],  # Orientation/stage
        [0, 0, 0],  # Autre
        [3, 4, 3],  # total: distinct companies and participants over all programs
    ],
    "monthly": [  # visits, interactions, offers, meetings, stages, total
        [1, 0, 1, 1, 1, 4],  # July 2024
        [0, 1, 0, 0, 0, 1],
        [0, 1, 0, 0, 1, 2],
        [0, 1, 0, 1, 0, 2],
        [1, 0, 0, 0, 0, 1],
        [0, 1, 0, 0, 0, 1],
        [0, 1, 1, 0, 0, 2],  # January 2025
        [0, 2, 0, 0, 1, 3],
        [0, 1, 0, 0, 0, 1],
        [0, 1, 0, 0, 0, 1],
        [0, 0, 0, 1, 0, 1],  # May: F3's meeting; S4 is only planned
        [1, 0, 1, 1, 1, 4],  # June 2025: F3's meeting at 02:00 UTC on 1 July is 30 June here
    ],
}


def utc(*args) -> datetime:
    return datetime(*args)


def build_year() -> dict[str, int]:
    """The hand-made year; returns the ids of its records by name."""
    ids: dict[str, int] = {}
    counsellor = make_user(Role.COUNSELLOR)
    e1 = make_employer("Métallurgie Richelieu inc.")
    e2 = make_employer("Boulangerie du Vieux-Sorel")
    e3 = make_employer("Marina de Saurel")
    e4 = make_employer("Ferme Tracy")
    for name, employer in (("E1", e1), ("E2", e2), ("E3", e3), ("E4", e4)):
        ids[name] = employer.id

    for name, employer, day in (
        ("V1", e1, date(2024, 7, 1)),
        ("V2", e1, date(2024, 11, 15)),
        ("V3", e2, date(2025, 6, 30)),
        ("V4", e3, date(2024, 6, 30)),
        ("V5", e4, date(2025, 7, 1)),
    ):
        visit = CompanyVisit(employer=employer, visited_on=day, purpose=VisitPurpose.PROSPECTION)
        db.session.add(visit)
        db.session.flush()
        ids[name] = visit.id

    kinds = InteractionKind
    for name, employer, kind, day in (
        ("I1", e1, kinds.CALL, date(2024, 8, 10)),
        ("I2", e2, kinds.EMAIL, date(2024, 9, 1)),
        ("I3", e3, kinds.MEETING, date(2025, 1, 20)),
        ("I4", e1, kinds.CALL, date(2024, 6, 30)),
        ("I5", e1, kinds.REPRESENTATION, date(2024, 10, 5)),
        ("I6", e2, kinds.REPRESENTATION, date(2025, 3, 3)),
        ("I7", e3, kinds.PARTNER_MEETING, date(2024, 12, 12)),
        ("I8", e2, kinds.EMPLOYER_CONFERENCE, date(2025, 4, 22)),
        ("I9", e1, kinds.WORKSHOP, date(2025, 2, 14)),
        ("I10", e1, kinds.WORKSHOP, date(2025, 2, 14)),
        ("I11", e1, kinds.WORKSHOP, date(2025, 7, 1)),
    ):
        interaction = EmployerInteraction(
            employer=employer, kind=kind, occurred_on=day, counsellor_id=counsellor.id
        )
        db.session.add(interaction)
        db.session.flush()
        ids[name] = interaction.id
    db.session.commit()

    # Offers: published_at is UTC; Montréal is UTC-4 in summer, UTC-5 in winter.
    for name, status, published_at in (
        ("O1", OfferStatus.PUBLISHED, utc(2024, 7, 1, 4, 30)),  # 1 July 00:30 local
        ("O2", OfferStatus.EXPIRED, utc(2024, 7, 1, 3, 30)),  # 30 June 23:30 local
        ("O3", OfferStatus.PUBLISHED, utc(2025, 7, 1, 3, 59)),  # 30 June 23:59 local
        ("O4", OfferStatus.FILLED, utc(2025, 1, 15, 17, 0)),
    ):
        ids[name] = make_offer(status, employer=e1, published_at=published_at).id
    ids["O5"] = make_offer(OfferStatus.SUBMITTED, employer=e2).id  # never published

    people = {}
    for name, group, started in (
        ("P1", ServiceGroup.ME, date(2024, 7, 1)),
        ("P2", ServiceGroup.ME, date(2025, 6, 30)),
        ("P3", ServiceGroup.ME, date(2024, 6, 30)),
        ("P4", ServiceGroup.B, date(2024, 9, 1)),
        ("P5", ServiceGroup.D1, date(2022, 9, 1)),
        ("P6", ServiceGroup.ME, date(2025, 7, 1)),
        ("P7", ServiceGroup.D2, date(2024, 5, 1)),
        ("P8", ServiceGroup.C1, date(2024, 5, 1)),
        ("P9", ServiceGroup.B, date(2025, 1, 1)),
        ("P10", ServiceGroup.A, date(2024, 1, 1)),
        ("P11", ServiceGroup.A, date(2025, 6, 1)),
    ):
        people[name] = make_participant(
            f"Prénom{name}", f"Nom{name}", service_group=group, started_on=started
        )
        ids[name] = people[name].id

    def follow_up(name, person, employer, mode, opened, closed, outcome, subsidy, meetings):
        item = RetentionFollowUp(
            participant_id=people[person].id,
            employer=employer,
            job_title="Journalier",
            hired_on=opened,
            opened_on=opened,
            closed_on=closed,
            outcome=outcome,
            mode=mode,
        )
        if subsidy:
            item.subsidy = WageSubsidy(
                measure="Subvention salariale",
                weeks=20,
                percentage=50,
                starts_on=opened,
                ends_on=opened + timedelta(weeks=20),
            )
        for met_at, direct, indirect in meetings:
            item.meetings.append(
                FollowUpMeeting(
                    met_at=met_at,
                    place=MeetingPlace.COMPANY,
                    direct_minutes=direct,
                    indirect_minutes=indirect,
                )
            )
        db.session.add(item)
        db.session.flush()
        ids[name] = item.id
        for index, meeting in enumerate(item.meetings, 1):
            ids[f"{name}.M{index}"] = meeting.id

    bip, trip = FollowUpMode.BIPARTITE, FollowUpMode.TRIPARTITE
    still, lost = FollowUpOutcome.STILL_EMPLOYED, FollowUpOutcome.JOB_LOST
    follow_up(
        "F1", "P1", e1, bip, date(2024, 7, 10), date(2025, 3, 31), still, True,
        [(utc(2024, 7, 15, 14), 60, 30), (utc(2024, 10, 1, 15), 45, 15)],
    )  # fmt: skip
    follow_up(
        "F2", "P3", e2, trip, date(2024, 3, 1), date(2024, 9, 15), lost, False,
        [(utc(2024, 3, 10, 15), 90, 30), (utc(2024, 7, 1, 3), 60, 20)],
    )  # fmt: skip
    follow_up(
        "F3", "P4", e3, trip, date(2025, 5, 1), date(2025, 8, 15), still, True,
        [(utc(2025, 5, 5, 14), 60, 0), (utc(2025, 7, 1, 2), 30, 0)],
    )  # fmt: skip
    follow_up("F4", "P5", e1, bip, date(2023, 1, 1), date(2024, 6, 30), still, False, [])
    follow_up("F5", "P6", e2, bip, date(2025, 7, 1), None, None, False, [])
    follow_up("F6", "P7", None, bip, date(2024, 12, 1), None, None, False, [])
    follow_up("F7", "P8", e2, trip, date(2025, 2, 1), date(2025, 6, 30), still, False, [])

    done, planned = PlacementStatus.COMPLETED, PlacementStatus.PLANNED
    for name, person, employer, program, starts, status in (
        ("S1", "P4", e1, Program.FOCUS_CARRIERE, date(2024, 9, 3), done),
        ("S2", "P4", e2, Program.FOCUS_CARRIERE, date(2025, 2, 10), done),
        ("S3", "P9", e1, Program.FOCUS_CARRIERE, date(2025, 6, 30), PlacementStatus.ONGOING),
        ("S4", "P9", e3, Program.FOCUS_CARRIERE, date(2025, 5, 1), planned),
        ("S5", "P10", e1, Program.B50, date(2024, 7, 1), PlacementStatus.INTERRUPTED),
        ("S6", "P10", e2, Program.B50, date(2024, 6, 28), done),
        ("S7", "P11", e4, Program.MFOR, date(2025, 7, 1), planned),
    ):
        placement = Placement(
            participant_id=people[person].id,
            employer=employer,
            program=program,
            kind=PlacementKind.PRACTICAL,
            starts_on=starts,
            ends_on=starts + timedelta(days=10),
            status=status,
        )
        db.session.add(placement)
        db.session.flush()
        ids[name] = placement.id
    db.session.commit()
    return ids


def values(report: indicators.Report) -> dict[str, list[list]]:
    return {s.key: [[f.value for f in row.figures] for row in s.rows] for s in report.sections}


# --- The figures ----------------------------------------------------------------------------


def test_funders_year_and_period_parsing(ctx):
    assert indicators.funders_year(date(2025, 6, 30)) == (START, END)
    assert indicators.funders_year(date(2024, 7, 1)) == (START, END)
    assert indicators.funders_year(date(2025, 7, 1)) == (date(2025, 7, 1), date(2026, 6, 30))
    today = date(2025, 1, 10)
    assert indicators.parse_period(None, "", today) == (START, END)
    assert indicators.parse_period("2024-01-01", "2024-03-31", today) == (
        date(2024, 1, 1),
        date(2024, 3, 31),
    )
    assert indicators.parse_period("2023-09-01", None, today) == (
        date(2023, 9, 1),
        date(2024, 6, 30),
    )
    assert indicators.parse_period(None, "2024-03-31", today) == (
        date(2023, 7, 1),
        date(2024, 3, 31),
    )
    for start, end, message in (
        ("2024-13-45", "", "n'est pas une date valide"),
        ("pas une date", "", "n'est pas une date valide"),
        ("", "31/12/2024", "La date de fin n'est pas une date valide"),
        ("2025-01-01", "2024-12-31", "La date de fin précède la date de début."),
        ("1900-01-01", "2000-01-01", "entre 1980 et 2100"),
        ("2000-01-01", "2024-12-31", "dix ans"),
        ("9999-12-31", "", "entre 1980 et 2100"),
    ):
        with pytest.raises(indicators.PeriodError) as error:
            indicators.parse_period(start, end, today)
        assert message in error.value.message


def test_every_figure_of_a_hand_built_year(ctx):
    build_year()
    report = indicators.compute(START, END)
    assert values(report) == EXPECTED
    assert [r.label for r in report.section("visited").rows] == [
        "Boulangerie du Vieux-Sorel",
        "Métallurgie Richelieu inc.",
    ]
    assert [m.label for m in report.months][:2] == ["juillet 2024", "août 2024"]
    assert [m.total.value for m in report.months] == [row[-1] for row in EXPECTED["monthly"]]


def test_edges_fall_in_the_neighbouring_years(ctx):
    build_year()
    before = values(indicators.compute(date(2023, 7, 1), date(2024, 6, 30)))
    assert before["business"][0] == [1]  # V4 on 30 June 2024
    assert before["business"][2] == [1]  # O2: 1 July 03:30 UTC is still 30 June in Montréal
    assert before["business"][3] == [1]  # the call of 30 June 2024
    assert before["retention"] == [[1], [1], [Decimal("0.0")], [1]]  # P3; F4 closed 30 June
    assert before["followups"][2] == [0, 2, 2]  # F2 (opened March 2024) and F4
    assert before["placements"][1] == [1, 1, 1]  # S6, 28 June 2024

    after = values(indicators.compute(date(2025, 7, 1), date(2026, 6, 30)))
    assert after["business"][0] == [1]  # V5 on 1 July 2025
    assert after["business"][7] == [1]  # the workshop of 1 July 2025
    assert after["retention"][0] == [1]  # P6
    # F3, opened in May 2025 and closed in August, is closed (and still active) next year.
    assert after["retention"][1:] == [[1], [Decimal("1.5")], [1]]  # (60 + 30) / 60
    assert after["followups"] == [[0, 2, 2], [1, 0, 1], [1, 2, 3]]  # F5, F6 open; F3
    assert after["placements"][3] == [1, 0, 0]  # S7 is planned: contacted, not carried out
    assert after["monthly"][0][3] == 0  # F3's meeting at 02:00 UTC on 1 July belongs to June


def test_a_partial_period_and_its_months(ctx):
    build_year()
    report = indicators.compute(date(2024, 7, 15), date(2024, 9, 2))
    assert [(m.first, m.last) for m in report.months] == [
        (date(2024, 7, 15), date(2024, 7, 31)),
        (date(2024, 8, 1), date(2024, 8, 31)),
        (date(2024, 9, 1), date(2024, 9, 2)),
    ]
    assert values(report)["monthly"] == [[0, 0, 0, 1, 0, 1], [0, 1, 0, 0, 0, 1], [0, 1, 0, 0, 0, 1]]
    assert values(report)["retention"][2] == [None]  # nothing closed: no average
    assert values(report)["followups"][2] == [1, 1, 2]  # F1 (subsidised), F2; F4 closed before


def test_drill_down_lists_exactly_the_counted_records(ctx):
    ids = build_year()
    report = indicators.compute(START, END)

    def listed(figure) -> list[int]:
        link = report.link(figure)
        start, end = indicators.parse_period(link["du"], link["au"], START)
        key, filters = indicators.parse_filters(link)
        return indicators.records(key, start, end, **filters).ids

    for section, row, column, figure in report.cells():
        found = listed(figure)
        assert len(found) == len(set(found)), (section.key, row.label, column)
        if figure.key == "hours_average":
            assert len(found) == 3
        else:
            assert len(found) == figure.value, (section.key, row.label, column)

    def by(section: str, row: int, column: int = 0) -> set[int]:
        return set(listed(report.section(section).rows[row].figures[column]))

    def named(*names: str) -> set[int]:
        return {ids[name] for name in names}

    assert by("business", 0) == named("V1", "V2", "V3")
    assert by("business", 1) == named("E1", "E2")
    assert by("business", 2) == named("O1", "O3", "O4")
    assert by("business", 3) == named("I1", "I2", "I3")
    assert by("business", 7) == named("I9", "I10")
    assert by("visited", 1) == named("V1", "V2")  # Métallurgie's visits only
    assert by("retention", 0) == named("P1", "P2")
    assert by("retention", 2) == named("F1", "F2", "F7")
    assert by("retention", 3) == named("F1", "F7")
    assert by("followups", 1, 1) == named("F2", "F7")
    assert by("followups", 0, 0) == named("F1")
    assert by("followups", 2, 2) == named("F1", "F2", "F3", "F6", "F7")
    assert by("placements", 0, 0) == named("E1", "E2", "E3")
    assert by("placements", 0, 1) == named("S1", "S2", "S3")
    assert by("placements", 0, 2) == named("P4", "P9")
    assert by("placements", 6, 0) == named("E1", "E2", "E3")
    assert by("placements", 6, 2) == named("P4", "P9", "P10")
    assert by("monthly", 11, 3) == named("F3.M2")
    assert by("monthly", 0, 5) == {
        f"visit:{ids['V1']}",
        f"offer:{ids['O1']}",
        f"meeting:{ids['F1.M1']}",
        f"placement:{ids['S5']}",
    }

    hours = indicators.records("hours_average", START, END)
    assert [row[-1] for row in hours.rows] == [Decimal("3.3"), Decimal("2.5"), Decimal("0.0")]


# --- Pages and exports ----------------------------------------------------------------------


class FigureCells(HTMLParser):
    """Collects the text and link of every `<td data-figure>` of the report page."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: dict[str, tuple[str, str]] = {}
        self._current: str | None = None
        self._href = ""
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "td" and "data-figure" in attrs:
            self._current, self._text, self._href = attrs["data-figure"], [], ""
        elif tag == "a" and self._current:
            self._href = attrs["href"]

    def handle_data(self, data):
        if self._current:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "td" and self._current:
            self.cells[self._current] = ("".join(self._text).strip(), self._href)
            self._current = None


def page_cells(html: str) -> dict[str, tuple[str, str]]:
    parser = FigureCells()
    parser.feed(html)
    return parser.cells


def shown(value) -> str:
    return "—" if value is None else format_decimal(value)


def record_rows(html: str) -> int:
    match = re.search(r'<table class="records">.*?<tbody>(.*?)</tbody>', html, re.S)
    return 0 if match is None else match.group(1).count("<tr>")


@pytest.mark.parametrize("role", [Role.COUNSELLOR, Role.MANAGER], ids=str)
def test_page_shows_every_figure_and_every_link_leads_to_its_records(app, client, role):
    with app.app_context():
        build_year()
        report = indicators.compute(START, END)
        expected = {
            f"{s.key}:{i}:{j}": (shown(f.value), f)
            for s in report.sections
            for i, row in enumerate(s.rows)
            for j, f in enumerate(row.figures)
        }
        login(client, make_user(role))
    html = client.get("/conseil/indicateurs/", query_string=PERIOD).get_data(as_text=True)
    cells = page_cells(html)
    assert set(cells) == set(expected)
    for ident, (text, href) in cells.items():
        value_text, figure = expected[ident]
        assert text == value_text, ident
        detail = client.get(href.replace("&amp;", "&"))
        assert detail.status_code == 200, href
        if figure.key != "hours_average":
            assert record_rows(detail.get_data(as_text=True)) == figure.value, href
    assert "1,9" in html  # the average, in French notation
    assert "Métallurgie Richelieu inc." in html and "/conseil/employeurs/" in html


def test_drill_down_page_links_employers_and_audits_participants(app, client):
    with app.app_context():
        ids = build_year()
        user = make_user(Role.MANAGER)
    login(client, user)
    html = client.get(
        "/conseil/indicateurs/detail",
        query_string={**PERIOD, "indicateur": "placements_done", "programme": "focus_carriere"},
    ).get_data(as_text=True)
    assert record_rows(html) == 3
    assert "PrénomP4 NomP4" in html and "Focus carrière" in html
    assert f'href="/conseil/employeurs/{ids["E1"]}"' in html
    with app.app_context():
        entry = db.session.scalars(select(AuditEntry).where(AuditEntry.user_id == user.id)).one()
    assert entry.action == "view" and entry.entity == "participant"
    assert f"[{ids['P4']},{ids['P9']}]" in entry.detail
    visits = client.get(
        "/conseil/indicateurs/detail",
        query_string={**PERIOD, "indicateur": "visits", "employeur": ids["E1"]},
    ).get_data(as_text=True)
    assert record_rows(visits) == 2 and "Métallurgie Richelieu inc." in visits


def test_csv_and_xlsx_give_the_figures_of_the_page(app, client):
    with app.app_context():
        build_year()
        report = indicators.compute(START, END)
        on_report = {(s.title, row.label, column): f.value for s, row, column, f in report.cells()}
        login(client, make_user(Role.MANAGER))
    page = page_cells(
        client.get("/conseil/indicateurs/", query_string=PERIOD).get_data(as_text=True)
    )
    assert len(page) == len(on_report) == 8 + 2 + 4 + 9 + 21 + 72

    response = client.get("/conseil/indicateurs/export.csv", query_string=PERIOD)
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "indicateurs-2024-07-01-2025-06-30.csv" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    lines = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert lines[0] == ["Section", "Indicateur", "Colonne", "Valeur"]
    assert lines[1][1:] == ["Début", "", "2024-07-01"] and lines[2][1:] == ["Fin", "", "2025-06-30"]
    from_csv = {
        (s, label, column): (Decimal(v) if "." in v else int(v)) if v else None
        for s, label, column, v in lines[3:]
    }
    assert from_csv == on_report

    response = client.get("/conseil/indicateurs/export.xlsx", query_string=PERIOD)
    assert response.status_code == 200
    assert "indicateurs-2024-07-01-2025-06-30.xlsx" in response.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Section", "Indicateur", "Colonne", "Valeur")
    assert rows[1][3].date() == START and rows[2][3].date() == END
    from_xlsx = {
        (s, label, column or ""): None if v is None else Decimal(str(v))
        for s, label, column, v in rows[3:]
    }
    assert from_xlsx == {k: None if v is None else Decimal(v) for k, v in on_report.items()}
    # And the page shows those very numbers, in the same order.
    with app.test_request_context():
        assert [text for text, _href in page.values()] == [shown(v) for v in on_report.values()]


def test_exports_never_turn_an_employer_name_into_a_formula(app, client):
    with app.app_context():
        hostile = make_employer('=HYPERLINK("http://evil.example","Cliquez")')
        db.session.add(
            CompanyVisit(
                employer_id=hostile.id,
                visited_on=date(2024, 9, 9),
                purpose=VisitPurpose.PROSPECTION,
            )
        )
        db.session.commit()
        login(client, make_user(Role.MANAGER))
    text = client.get("/conseil/indicateurs/export.csv", query_string=PERIOD).get_data(as_text=True)
    [line] = [row for row in csv.reader(io.StringIO(text)) if "HYPERLINK" in row[1]]
    assert line[1] == '\'=HYPERLINK("http://evil.example","Cliquez")' and line[3] == "1"
    book = client.get("/conseil/indicateurs/export.xlsx", query_string=PERIOD).get_data()
    sheet = load_workbook(io.BytesIO(book)).active
    [cell] = [c for c in sheet["B"] if "HYPERLINK" in str(c.value)]
    assert cell.data_type == "s" and cell.value == line[1]


def test_chart_is_well_formed_svg_with_one_bar_per_month(app, client):
    with app.app_context():
        build_year()
        login(client, make_user(Role.COUNSELLOR))
    html = client.get("/conseil/indicateurs/", query_string=PERIOD).get_data(as_text=True)
    svg = ET.fromstring(re.search(r"<svg.*?</svg>", html, re.S).group(0))  # noqa: S314 (our page)
    assert svg.tag == f"{SVG_NS}svg" and svg.get("role") == "img"
    title, desc = svg.find(f"{SVG_NS}title"), svg.find(f"{SVG_NS}desc")
    assert title.text == "Activité par mois" and "1 juillet 2024" in desc.text
    assert set(svg.get("aria-labelledby").split()) == {title.get("id"), desc.get("id")}
    bars = [r for r in svg.iter(f"{SVG_NS}rect") if r.get("class") == "bar"]
    assert len(bars) == 12
    heights = [float(bar.get("height")) for bar in bars]
    totals = [row[-1] for row in EXPECTED["monthly"]]
    assert heights.index(max(heights)) == totals.index(max(totals))
    assert heights[1] == heights[4] < heights[2]  # 1, 1, 2 activities
    assert [bar.find(f"{SVG_NS}title").text for bar in bars][0] == "juillet 2024 : 4"
    labels = [t.text for t in svg.iter(f"{SVG_NS}text")]
    assert "juill. 24" in labels and "juin 25" in labels
    links = [a.get("href") for a in svg.iter(f"{SVG_NS}a")]
    assert len(links) == 12 and all("indicateur=activity" in link for link in links)
    assert client.get(links[0]).status_code == 200
    assert "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0]


def test_bar_chart_escapes_text_and_handles_no_data():
    svg = charts.bar_chart(
        [charts.Bar("<a&b>", 0, href="/x?a=1&b=2")], title="T & t", description="d < e"
    )
    root = ET.fromstring(str(svg))  # noqa: S314 (our own output)
    assert root.find(f"{SVG_NS}title").text == "T & t"
    assert len([r for r in root.iter(f"{SVG_NS}rect") if r.get("class") == "bar"]) == 1
    assert charts.nice_ceiling(0) == 1 and charts.nice_ceiling(7) == 10
    assert charts.nice_ceiling(120) == 200


# --- Queries do not grow with the data ------------------------------------------------------


@contextmanager
def counting_queries():
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def add_more_activity(rounds: int) -> None:
    """Many more employers, participants and activities of every kind in the year."""
    for n in range(rounds):
        employer = make_employer(f"Entreprise {n}")
        person = make_participant(
            f"Extra{n}",
            "Participant",
            service_group=ServiceGroup.ME,
            started_on=date(2024, 8, 1) + timedelta(days=n),
        )
        day = date(2024, 7, 1) + timedelta(days=(n * 37) % 365)
        db.session.add(
            CompanyVisit(employer=employer, visited_on=day, purpose=VisitPurpose.FOLLOW_UP)
        )
        for kind in InteractionKind:
            db.session.add(EmployerInteraction(employer=employer, kind=kind, occurred_on=day))
        item = RetentionFollowUp(
            participant_id=person.id,
            employer=employer,
            job_title="Commis",
            hired_on=day,
            opened_on=day,
            closed_on=day + timedelta(days=20),
            mode=FollowUpMode.TRIPARTITE,
            outcome=FollowUpOutcome.STILL_EMPLOYED,
        )
        if n % 2:
            item.subsidy = WageSubsidy(
                measure="PRIIME", weeks=10, percentage=50, starts_on=day, ends_on=day
            )
        for hour in (14, 16):
            item.meetings.append(
                FollowUpMeeting(
                    met_at=datetime.combine(day, datetime.min.time()).replace(hour=hour),
                    place=MeetingPlace.PHONE,
                    direct_minutes=30,
                    indirect_minutes=10,
                )
            )
        db.session.add(item)
        for program in (Program.B50, Program.MFOR):
            db.session.add(
                Placement(
                    participant_id=person.id,
                    employer=employer,
                    program=program,
                    kind=PlacementKind.OBSERVATION,
                    starts_on=day,
                    ends_on=day,
                    status=PlacementStatus.COMPLETED,
                )
            )
        db.session.commit()
        make_offer(employer=employer, published_at=datetime.combine(day, datetime.min.time()))


def test_number_of_queries_does_not_grow_with_the_data(app, client):
    pages = [
        "/conseil/indicateurs/?du=2024-07-01&au=2025-06-30",
        "/conseil/indicateurs/detail?indicateur=activity&du=2024-07-01&au=2025-06-30",
        "/conseil/indicateurs/detail?indicateur=followups&du=2024-07-01&au=2025-06-30",
        "/conseil/indicateurs/detail?indicateur=hours_average&du=2024-07-01&au=2025-06-30",
        "/conseil/indicateurs/detail?indicateur=placements_done&du=2024-07-01&au=2025-06-30",
        "/conseil/indicateurs/detail?indicateur=meetings&du=2024-07-01&au=2025-06-30",
        "/conseil/indicateurs/detail?indicateur=visited_companies&du=2024-07-01&au=2025-06-30",
        "/conseil/indicateurs/export.xlsx?du=2024-07-01&au=2025-06-30",
    ]

    def measure() -> tuple[int, list[int], indicators.Report]:
        with app.app_context():
            with counting_queries() as statements:
                report = indicators.compute(START, END)
            computed = len(statements)
            db.session.remove()
        per_page = []
        for url in pages:
            with app.app_context(), counting_queries() as statements:
                assert client.get(url).status_code == 200
            per_page.append(len(statements))
        return computed, per_page, report

    with app.app_context():
        build_year()
        login(client, make_user(Role.MANAGER))
    small, small_pages, small_report = measure()
    with app.app_context():
        add_more_activity(25)
    large, large_pages, large_report = measure()
    assert small == large == 13
    assert small_pages == large_pages
    # The data did grow: the figures changed.
    assert values(large_report)["business"][0] == [3 + 25]
    assert values(large_report)["retention"][1] == [3 + 25]
    assert values(small_report) != values(large_report)


# --- Bad input and access -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("du=garbage", "La date de début n'est pas une date valide"),
        ("du=2025-02-30&au=2025-03-01", "La date de début n'est pas une date valide"),
        ("du=2025-07-01&au=2024-07-01", "La date de fin précède la date de début."),
        ("du=0001-01-01&au=9999-12-31", "entre 1980 et 2100"),
        ("du=1990-01-01&au=2099-01-01", "dix ans"),
        ("au=%00", "La date de fin n'est pas une date valide"),
        ("du=" + "9" * 5000, "La date de début n'est pas une date valide"),
    ],
)
def test_bad_period_shows_a_french_message_and_the_default_year(app, client, query, message):
    with app.app_context():
        login(client, make_user(Role.COUNSELLOR))
    today = indicators.funders_year(local_today())
    response = client.get(f"/conseil/indicateurs/?{query}")
    assert response.status_code == 200
    html = unescape(response.get_data(as_text=True))
    assert message in html and "La période par défaut est affichée." in html
    assert f"au={today[1].isoformat()}" in html  # export links use the default year
    for url in (
        f"/conseil/indicateurs/detail?indicateur=visits&{query}",
        f"/conseil/indicateurs/export.csv?{query}",
    ):
        bad = client.get(url)
        assert bad.status_code == 400, url
        assert message in unescape(bad.get_data(as_text=True))


@pytest.mark.parametrize(
    "query",
    [
        "indicateur=bogus",
        "",
        "indicateur=visits&employeur=abc",
        "indicateur=visits&employeur=99999999999999",
        "indicateur=placements_done&programme=inconnu",
        "indicateur=followups&mode=quadripartite",
        "indicateur=followups&subvention=peut-etre",
        "indicateur=activity&mois=2030-01",
        "indicateur=activity&mois=juillet",
        "indicateur=activity&mois=2024-00",
    ],
)
def test_bad_drill_down_parameters_are_a_clean_404(app, client, query):
    with app.app_context():
        login(client, make_user(Role.MANAGER))
    assert client.get(f"/conseil/indicateurs/detail?{query}").status_code == 404


def test_only_counsellors_and_managers_read_indicators(app, client):
    urls = [
        "/conseil/indicateurs/",
        "/conseil/indicateurs/detail?indicateur=me_new",
        "/conseil/indicateurs/export.csv",
        "/conseil/indicateurs/export.xlsx",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/connexion" in response.headers["Location"]
    with app.app_context():
        admin = make_user(Role.ADMIN)
        manager = make_user(Role.MANAGER)
    login(client, admin)
    assert [client.get(url).status_code for url in urls] == [403] * 4
    admin_client = client
    manager_client = admin_client.application.test_client()
    login(manager_client, manager)
    assert [manager_client.get(url).status_code for url in urls] == [200] * 4
    html = manager_client.get(urls[0]).get_data(as_text=True)
    default_start, default_end = indicators.funders_year(local_today())
    assert f'value="{default_start.isoformat()}"' in html
    assert f'value="{default_end.isoformat()}"' in html
