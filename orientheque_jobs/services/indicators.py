"""Yearly indicators (reddition de comptes), their drill-down lists and their exports.

The figures follow the tables of the annual report. `compute(start, end)` returns a `Report`;
the page, the CSV and the XLSX are all rendered from that one object, so they cannot disagree.
Every figure carries the parameters of its drill-down: `records(key, start, end, **filters)`
lists exactly the records the figure counts.

Definitions (a period is two **inclusive local dates**; stored datetimes are UTC and are
converted to the organisation's time zone, America/Montreal, before they are compared with a
date or put in a month):

Period
  - Default: the funders' year, 1 July – 30 June, containing today (`funders_year`).
  - Any period of at most ten years between 1980 and 2100 may be asked for. When only one
    bound is given, the other is taken from the funders' year containing it.

Services aux entreprises
  - *Visites d'entreprise*: `CompanyVisit` whose `visited_on` is in the period (one per visit,
    whatever the number of counsellors or participants who went).
  - *Entreprises visitées*: distinct employers with at least one such visit; the list gives the
    number of visits of each.
  - *Rédaction et diffusion d'offres d'emploi*: offers whose `published_at`, as a local date, is
    in the period, or that went out through a channel in the period (a `Distribution` sent
    then), whatever their status today; each offer once. `published_at` is the latest
    publication: an offer re-approved after an employer's edit counts in the period of its
    re-approval, a renewal does not move it. The monthly chart counts publications.
  - *Contacts avec les entreprises*: `EmployerInteraction` of kind call, email or meeting whose
    `occurred_on` is in the period.
  - *Représentation et réseautage*, *Rencontres avec organismes / partenaires*,
    *Conférences employeurs / speed jobbing*, *Interventions en atelier*: interactions of kind
    representation, partner_meeting, employer_conference and workshop respectively, by
    `occurred_on`.

Maintien en emploi
  - *Nouveaux participants (groupe ME)*: participants of service group ME whose `started_on` is
    in the period.
  - *Suivis par mode et subvention*: follow-ups **active at any time during the period**
    (`opened_on <= end` and (`closed_on` is null or `closed_on >= start`)), by mode
    (bipartite / tripartite) × subsidised (a `WageSubsidy` is attached, whatever its dates).
    A follow-up opened in one year and closed in the next counts in both years.
  - *Suivis terminés*: follow-ups whose `closed_on` is in the period.
  - *Heures moyennes d'intervention par suivi terminé*: over the follow-ups closed in the
    period, the sum of the direct and indirect minutes of **all** their meetings (whenever they
    took place) / 60 / the number of those follow-ups (those without meetings count as 0 h);
    rounded to one decimal, half up. Empty (—) when no follow-up closed.
  - *Toujours en emploi à la fin du suivi*: follow-ups closed in the period with outcome
    `still_employed` (one per follow-up).

Stages, per program (the placement's program)
  - *Entreprises contactées*: distinct employers with a placement of that program starting
    (`starts_on`) in the period, whatever its status (a planned stage means the company was
    approached). The total row counts distinct employers over all programs, so it may be less
    than the sum of the rows.
  - *Stages réalisés*: placements starting in the period whose status is ongoing, completed or
    interrupted, i.e. that actually began; `planned` ones are not counted. A participant with
    two stages counts twice.
  - *Participants en stage*: distinct participants of those stages (distinct over all programs
    in the total row).

Activité mensuelle (the chart and its table)
  - Per calendar month of the period (the first and last months may be partial): visits,
    interactions of every kind, offers published, follow-up meetings (`met_at` in local time)
    and stages carried out, by the same dates as above; the total is their sum.

Drill-down, exports, privacy
  - Each figure links to `records(key, …)` with the same definition; a distinct count (companies,
    participants) lists the distinct records, an average lists the follow-ups it averages.
    A month's figure lists that month of the period only.
  - A drill-down page that shows participants writes one audit entry (action "view", entity
    "participant", the ids in the detail); the report and its exports hold only aggregates and
    employer names, so they are not audited. Only counsellors and managers see any of it.
  - CSV: UTF-8 with a BOM (for spreadsheets), comma-separated, one line per figure:
    section, indicateur, colonne, valeur — the period first (Début, Fin), dates ISO, decimals
    with a point, empty when there is no value. XLSX: the same rows, with typed number and date
    cells. Both are built from the same `Report` as the page. A text that a spreadsheet would
    take for a formula (an employer named "=…", "+…", "-…", "@…") is prefixed with "'".

Every figure is computed in SQL with COUNT/SUM and GROUP BY: the number of queries of
`compute` is fixed (13) whatever the amount of data.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import format_date, format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy import Select, case, distinct, func, or_, select
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..labels import (
    INTERACTION_KIND_LABELS,
    MEETING_PLACE_LABELS,
    OUTCOME_LABELS,
    PLACEMENT_KIND_LABELS,
    PLACEMENT_STATUS_LABELS,
    PROGRAM_LABELS,
    VISIT_PURPOSE_LABELS,
)
from ..models import (
    CompanyVisit,
    Distribution,
    DistributionResult,
    Employer,
    EmployerInteraction,
    FollowUpMeeting,
    FollowUpMode,
    FollowUpOutcome,
    InteractionKind,
    Offer,
    Participant,
    Placement,
    PlacementStatus,
    Program,
    RetentionFollowUp,
    ServiceGroup,
    User,
    WageSubsidy,
    fold,
)
from . import charts
from .audit import audit

MIN_DATE = date(1980, 1, 1)
MAX_DATE = date(2100, 12, 31)
MAX_PERIOD_DAYS = 3653  # ten years
CARRIED_OUT = (PlacementStatus.ONGOING, PlacementStatus.COMPLETED, PlacementStatus.INTERRUPTED)
CONTACT_KINDS = (InteractionKind.CALL, InteractionKind.EMAIL, InteractionKind.MEETING)
INTERACTION_KEYS: dict[str, tuple[InteractionKind, ...]] = {
    "contacts": CONTACT_KINDS,
    "representation": (InteractionKind.REPRESENTATION,),
    "partners": (InteractionKind.PARTNER_MEETING,),
    "conferences": (InteractionKind.EMPLOYER_CONFERENCE,),
    "workshops": (InteractionKind.WORKSHOP,),
    "interactions": tuple(InteractionKind),
}

MODE_LABELS = {FollowUpMode.BIPARTITE: _l("Bipartite"), FollowUpMode.TRIPARTITE: _l("Tripartite")}

# Query-string names of the period and of the drill-down filters (shared by the views).
START_PARAM, END_PARAM, KEY_PARAM = "du", "au", "indicateur"
EMPLOYER_PARAM, PROGRAM_PARAM, MODE_PARAM, SUBSIDY_PARAM, MONTH_PARAM = (
    "employeur",
    "programme",
    "mode",
    "subvention",
    "mois",
)


# --- Period -------------------------------------------------------------------------------


class PeriodError(ValueError):
    """A period that cannot be used; `message` is for the user (French msgid)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class FilterError(ValueError):
    """An unknown indicator or drill-down filter."""


def funders_year(today: date) -> tuple[date, date]:
    """The funders' year (1 July – 30 June) containing `today`."""
    first = today.year if today.month >= 7 else today.year - 1
    return date(first, 7, 1), date(first + 1, 6, 30)


def neighbour_years(start: date) -> tuple[tuple[date, date], tuple[date, date]]:
    """The funders' years before and after the one containing `start`."""
    first, last = funders_year(start)
    return funders_year(first - timedelta(days=1)), funders_year(last + timedelta(days=1))


def _parse_day(text: str, invalid: str) -> date:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise PeriodError(invalid) from None
    if not MIN_DATE <= day <= MAX_DATE:
        raise PeriodError(_("Les dates doivent être comprises entre 1980 et 2100."))
    return day


def parse_period(start_text: str | None, end_text: str | None, today: date) -> tuple[date, date]:
    """The period asked for in a form; the current funders' year when nothing is given.

    Raises `PeriodError` with a French message for a malformed date, an end before the start,
    or a period longer than ten years.
    """
    start_text, end_text = (start_text or "").strip(), (end_text or "").strip()
    if not start_text and not end_text:
        return funders_year(today)
    start = end = None
    if start_text:
        start = _parse_day(
            start_text, _("La date de début n'est pas une date valide (AAAA-MM-JJ).")
        )
    if end_text:
        end = _parse_day(end_text, _("La date de fin n'est pas une date valide (AAAA-MM-JJ)."))
    if start is None:
        start = funders_year(end)[0]
    if end is None:
        end = funders_year(start)[1]
    if end < start:
        raise PeriodError(_("La date de fin précède la date de début."))
    if (end - start).days >= MAX_PERIOD_DAYS:
        raise PeriodError(_("La période ne peut pas dépasser dix ans."))
    return start, end


def _zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])


def utc_start_of(day: date) -> datetime:
    """The naive UTC instant at which the local `day` begins."""
    local = datetime.combine(day, time(0), tzinfo=_zone())
    return local.astimezone(UTC).replace(tzinfo=None)


def local_date_of(moment: datetime) -> date:
    """The local date of a stored (naive UTC) datetime."""
    return moment.replace(tzinfo=UTC).astimezone(_zone()).date()


def _utc_range(column, start: date, end: date):
    return (column >= utc_start_of(start)) & (column < utc_start_of(end + timedelta(days=1)))


def _offers_in(start: date, end: date):
    """Offers written (published) or distributed in the period."""
    distributed = (
        select(Distribution.id)
        .where(
            Distribution.offer_id == Offer.id,
            Distribution.result == DistributionResult.SENT,
            _utc_range(Distribution.at, start, end),
        )
        .exists()
    )
    return _utc_range(Offer.published_at, start, end) | distributed


def _next_month(day: date) -> date:
    """The first day of the month after `day`'s."""
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def months_of(start: date, end: date) -> list[tuple[date, date]]:
    """The calendar months of the period, clipped to it: [(first day, last day), …]."""
    months = []
    first = start
    while first <= end:
        next_month = _next_month(first)
        last = min(end, next_month - timedelta(days=1))
        months.append((first, last))
        first = next_month
    return months


# --- The report ---------------------------------------------------------------------------


Value = int | Decimal | None


@dataclass(frozen=True)
class Figure:
    """One number of the report and the drill-down parameters of the records it counts."""

    key: str
    value: Value
    params: tuple[tuple[str, str], ...] = ()


@dataclass
class Row:
    label: str
    figures: list[Figure]
    employer_id: int | None = None


@dataclass
class Section:
    key: str
    title: str
    columns: list[str]
    rows: list[Row]
    note: str = ""
    row_header: str = ""  # heading of the first column; "Indicateur" when empty


@dataclass
class Month:
    first: date
    last: date
    label: str
    short_label: str
    total: Figure


@dataclass
class Report:
    start: date
    end: date
    sections: list[Section]
    months: list[Month] = field(default_factory=list)

    def link(self, figure: Figure) -> dict[str, str]:
        """Query-string arguments of the figure's drill-down page."""
        args = {START_PARAM: self.start.isoformat(), END_PARAM: self.end.isoformat()}
        args[KEY_PARAM] = figure.key
        args.update(figure.params)
        return args

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)

    def cells(self) -> Iterable[tuple[Section, Row, str, Figure]]:
        """Every figure with its section, row and column, in page order."""
        for section in self.sections:
            for row in section.rows:
                for column, figure in zip(section.columns, row.figures, strict=True):
                    yield section, row, column, figure


def _count(stmt: Select) -> int:
    return db.session.scalar(stmt) or 0


def _business(start: date, end: date) -> tuple[Section, Section]:
    visited = db.session.execute(
        select(Employer.id, Employer.name, func.count(CompanyVisit.id))
        .join(CompanyVisit, CompanyVisit.employer_id == Employer.id)
        .where(CompanyVisit.visited_on.between(start, end))
        .group_by(Employer.id, Employer.name)
    ).all()
    visited = sorted(visited, key=lambda r: (fold(r[1]), r[0]))
    kinds = dict(
        db.session.execute(
            select(EmployerInteraction.kind, func.count())
            .where(EmployerInteraction.occurred_on.between(start, end))
            .group_by(EmployerInteraction.kind)
        ).all()
    )
    offers = _count(select(func.count()).select_from(Offer).where(_offers_in(start, end)))

    def kind_figure(key: str) -> Figure:
        return Figure(key, sum(kinds.get(kind, 0) for kind in INTERACTION_KEYS[key]))

    number = [_("Nombre")]
    business = Section(
        "business",
        _("Services aux entreprises"),
        number,
        [
            Row(_("Visites d'entreprise"), [Figure("visits", sum(r[2] for r in visited))]),
            Row(_("Entreprises visitées"), [Figure("visited_companies", len(visited))]),
            Row(_("Rédaction et diffusion d'offres d'emploi"), [Figure("offers", offers)]),
            Row(_("Contacts avec les entreprises"), [kind_figure("contacts")]),
            Row(_("Représentation et réseautage"), [kind_figure("representation")]),
            Row(_("Rencontres avec organismes / partenaires"), [kind_figure("partners")]),
            Row(_("Conférences employeurs / speed jobbing"), [kind_figure("conferences")]),
            Row(_("Interventions en atelier"), [kind_figure("workshops")]),
        ],
        _(
            "Contacts : appels, courriels et rencontres. Offres : publiées durant la période "
            "(date de la dernière publication)."
        ),
    )
    companies = Section(
        "visited",
        _("Entreprises visitées"),
        [_("Visites")],
        [
            Row(name, [Figure("visits", count, ((EMPLOYER_PARAM, str(eid)),))], employer_id=eid)
            for eid, name, count in visited
        ],
        row_header=_("Entreprise"),
    )
    return business, companies


def _retention(start: date, end: date) -> tuple[Section, Section]:
    new_me = _count(
        select(func.count())
        .select_from(Participant)
        .where(
            Participant.service_group == ServiceGroup.ME,
            Participant.started_on.between(start, end),
        )
    )
    active = {
        mode: (total, subsidised)
        for mode, total, subsidised in db.session.execute(
            select(
                RetentionFollowUp.mode,
                func.count(RetentionFollowUp.id),
                func.count(WageSubsidy.id),
            )
            .outerjoin(WageSubsidy, WageSubsidy.follow_up_id == RetentionFollowUp.id)
            .where(_active_clause(start, end))
            .group_by(RetentionFollowUp.mode)
        ).all()
    }
    closed, minutes, still = db.session.execute(
        select(
            func.count(distinct(RetentionFollowUp.id)),
            func.coalesce(
                func.sum(FollowUpMeeting.direct_minutes + FollowUpMeeting.indirect_minutes), 0
            ),
            func.count(
                distinct(
                    case(
                        (
                            RetentionFollowUp.outcome == FollowUpOutcome.STILL_EMPLOYED,
                            RetentionFollowUp.id,
                        )
                    )
                )
            ),
        )
        .outerjoin(FollowUpMeeting, FollowUpMeeting.follow_up_id == RetentionFollowUp.id)
        .where(RetentionFollowUp.closed_on.between(start, end))
    ).one()
    average = average_hours(int(minutes), closed)

    retention = Section(
        "retention",
        _("Maintien en emploi"),
        [_("Nombre")],
        [
            Row(_("Nouveaux participants (groupe ME)"), [Figure("me_new", new_me)]),
            Row(_("Suivis terminés durant la période"), [Figure("followups_closed", closed)]),
            Row(
                _("Heures moyennes d'intervention (directes et indirectes) par suivi terminé"),
                [Figure("hours_average", average)],
            ),
            Row(_("Toujours en emploi à la fin du suivi"), [Figure("still_employed", still)]),
        ],
        _(
            "Heures moyennes : minutes directes et indirectes de toutes les rencontres des "
            "suivis terminés durant la période, divisées par 60 et par le nombre de ces suivis."
        ),
    )

    def figure(mode: FollowUpMode | None, subsidised: bool | None) -> Figure:
        modes = [mode] if mode else list(FollowUpMode)
        totals = [active.get(m, (0, 0)) for m in modes]
        if subsidised is None:
            value = sum(t for t, _s in totals)
        elif subsidised:
            value = sum(s for _t, s in totals)
        else:
            value = sum(t - s for t, s in totals)
        params = []
        if mode:
            params.append((MODE_PARAM, mode.value))
        if subsidised is not None:
            params.append((SUBSIDY_PARAM, "1" if subsidised else "0"))
        return Figure("followups", value, tuple(params))

    matrix = Section(
        "followups",
        _("Maintien en emploi : suivis actifs durant la période, par mode"),
        [_("Subventionnés"), _("Non subventionnés"), _("Total")],
        [
            Row(str(label), [figure(mode, True), figure(mode, False), figure(mode, None)])
            for mode, label in MODE_LABELS.items()
        ]
        + [Row(_("Total"), [figure(None, True), figure(None, False), figure(None, None)])],
        _(
            "Un suivi compte s'il était ouvert à un moment de la période, même s'il a commencé "
            "avant ou s'est terminé après."
        ),
        row_header=_("Mode"),
    )
    return retention, matrix


def average_hours(minutes: int, count: int) -> Decimal | None:
    """Average hours per item, one decimal, half up; None when there is nothing to average."""
    if not count:
        return None
    return (Decimal(minutes) / 60 / count).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _active_clause(start: date, end: date):
    return (RetentionFollowUp.opened_on <= end) & or_(
        RetentionFollowUp.closed_on.is_(None), RetentionFollowUp.closed_on >= start
    )


def _placement_columns():
    done = Placement.status.in_(CARRIED_OUT)
    return (
        func.count(distinct(Placement.employer_id)),
        func.count(case((done, Placement.id))),
        func.count(distinct(case((done, Placement.participant_id)))),
    )


def _placements(start: date, end: date) -> Section:
    in_period = Placement.starts_on.between(start, end)
    per_program = {
        program: counts
        for program, *counts in db.session.execute(
            select(Placement.program, *_placement_columns())
            .where(in_period)
            .group_by(Placement.program)
        ).all()
    }
    total = db.session.execute(select(*_placement_columns()).where(in_period)).one()

    def row(label: str, counts, program: Program | None) -> Row:
        params = ((PROGRAM_PARAM, program.value),) if program else ()
        keys = ("placements_companies", "placements_done", "placements_participants")
        return Row(label, [Figure(k, v, params) for k, v in zip(keys, counts, strict=True)])

    rows = [
        row(str(label), per_program.get(program, (0, 0, 0)), program)
        for program, label in PROGRAM_LABELS.items()
    ]
    rows.append(row(_("Total"), tuple(total), None))
    return Section(
        "placements",
        _("Stages, par programme"),
        [_("Entreprises contactées"), _("Stages réalisés"), _("Participants en stage")],
        rows,
        _(
            "Stages commencés durant la période. Entreprises contactées : tout stage, même "
            "seulement prévu. Stages réalisés : en cours, terminés ou interrompus."
        ),
        row_header=_("Programme"),
    )


# --- Monthly activity ---------------------------------------------------------------------

MONTHLY_KEYS = ("visits", "interactions", "offers", "meetings", "placements_done")


def _bucket(column, bounds: list) -> object:
    """The index of the month a value falls in: a CASE over the months' upper bounds."""
    return case(*[(column < bound, index) for index, bound in enumerate(bounds)], else_=-1)


def _per_month(column, where, bounds: list) -> dict[int, int]:
    sub = select(_bucket(column, bounds).label("bucket")).where(where).subquery()
    rows = db.session.execute(select(sub.c.bucket, func.count()).group_by(sub.c.bucket)).all()
    return {bucket: count for bucket, count in rows}


def monthly_activity(start: date, end: date) -> list[tuple[date, date, dict[str, int]]]:
    """Counts per month of the period: [(first day, last day, {key: count})] (5 queries)."""
    months = months_of(start, end)
    day_bounds = [last + timedelta(days=1) for _first, last in months]
    utc_bounds = [utc_start_of(day) for day in day_bounds]
    counts = {
        "visits": _per_month(
            CompanyVisit.visited_on, CompanyVisit.visited_on.between(start, end), day_bounds
        ),
        "interactions": _per_month(
            EmployerInteraction.occurred_on,
            EmployerInteraction.occurred_on.between(start, end),
            day_bounds,
        ),
        "offers": _per_month(
            Offer.published_at, _utc_range(Offer.published_at, start, end), utc_bounds
        ),
        "meetings": _per_month(
            FollowUpMeeting.met_at, _utc_range(FollowUpMeeting.met_at, start, end), utc_bounds
        ),
        "placements_done": _per_month(
            Placement.starts_on,
            Placement.starts_on.between(start, end) & Placement.status.in_(CARRIED_OUT),
            day_bounds,
        ),
    }
    return [
        (first, last, {key: counts[key].get(index, 0) for key in MONTHLY_KEYS})
        for index, (first, last) in enumerate(months)
    ]


def _monthly(start: date, end: date) -> tuple[Section, list[Month]]:
    rows, months = [], []
    for first, last, counts in monthly_activity(start, end):
        params = ((MONTH_PARAM, f"{first.year:04d}-{first.month:02d}"),)
        total = Figure("activity", sum(counts.values()), params)
        label = format_date(first, "MMMM yyyy")
        figures = [Figure(key, counts[key], params) for key in MONTHLY_KEYS]
        rows.append(Row(label, [*figures, total]))
        months.append(Month(first, last, label, format_date(first, "MMM yy"), total))
    section = Section(
        "monthly",
        _("Activité par mois"),
        [
            _("Visites"),
            _("Contacts et interventions"),
            _("Offres publiées"),
            _("Rencontres de suivi"),
            _("Stages réalisés"),
            _("Total"),
        ],
        rows,
        _("Contacts et interventions : toutes les interactions avec les entreprises."),
        row_header=_("Mois"),
    )
    return section, months


def compute(start: date, end: date) -> Report:
    """The indicators of the period [start, end] (inclusive local dates), in 13 queries."""
    business, visited = _business(start, end)
    retention, matrix = _retention(start, end)
    monthly, months = _monthly(start, end)
    sections = [business, visited, retention, matrix, _placements(start, end), monthly]
    return Report(start, end, sections, months)


def chart(report: Report, href: Callable[[Figure], str] | None = None) -> Markup:
    """The monthly activity as an accessible SVG bar chart, one bar per month."""
    bars = [
        charts.Bar(
            label=month.short_label,
            value=month.total.value or 0,
            long_label=month.label,
            href=href(month.total) if href else None,
        )
        for month in report.months
    ]
    return charts.bar_chart(
        bars,
        title=_("Activité par mois"),
        description=_(
            "Nombre d'activités par mois du %(start)s au %(end)s : visites, contacts et "
            "interventions, offres publiées, rencontres de suivi et stages réalisés. Les "
            "chiffres sont aussi dans le tableau « Activité par mois ».",
            start=format_date(report.start, "long"),
            end=format_date(report.end, "long"),
        ),
        number=format_decimal,
    )


# --- Exports ------------------------------------------------------------------------------


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(text: str) -> str:
    """Text a spreadsheet will not run as a formula (employer names come from the public)."""
    text = str(text)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def export_rows(report: Report) -> list[tuple[str, str, str, object]]:
    """The report as (section, indicator, column, value) rows, period first."""
    period = _("Période")
    rows: list[tuple[str, str, str, object]] = [
        (period, _("Début"), "", report.start),
        (period, _("Fin"), "", report.end),
    ]
    rows.extend(
        (safe_text(section.title), safe_text(row.label), safe_text(column), figure.value)
        for section, row, column, figure in report.cells()
    )
    return rows


def export_header() -> list[str]:
    return [_("Section"), _("Indicateur"), _("Colonne"), _("Valeur")]


def to_csv(report: Report) -> str:
    """UTF-8 CSV (with a BOM for spreadsheets): dates ISO, decimals with a point, empty = none."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(export_header())
    for section, label, column, value in export_rows(report):
        if isinstance(value, date):
            value = value.isoformat()
        writer.writerow([section, label, column, "" if value is None else str(value)])
    return buffer.getvalue()


def to_xlsx(report: Report) -> bytes:
    """An Excel workbook with the same rows as the CSV; numbers and dates as typed cells."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Indicateurs")[:31])
    for letter, width in zip("ABCD", (45, 60, 25, 12), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for text in export_header():
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for section, label, column, value in export_rows(report):
        if isinstance(value, date | Decimal):
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = "yyyy-mm-dd" if isinstance(value, date) else "0.0"
            value = cell
        sheet.append([section, label, column, value])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def export_filename(report: Report, extension: str) -> str:
    return f"indicateurs-{report.start.isoformat()}-{report.end.isoformat()}.{extension}"


# --- Drill-down ---------------------------------------------------------------------------


@dataclass
class Column:
    label: str
    kind: str = "text"  # text, date, number, employer (cell = (id, name) or None)


@dataclass
class Records:
    """The records behind one figure.

    `ids` are the ids of the listed records (for "activity", which mixes record types,
    "visit:12", "offer:3", …).
    """

    key: str
    title: str
    start: date
    end: date
    columns: list[Column]
    rows: list[list]
    ids: list[int | str]
    participant_ids: list[int] = field(default_factory=list)
    filters: dict[str, str] = field(default_factory=dict)


TITLES = {
    "visits": _l("Visites d'entreprise"),
    "visited_companies": _l("Entreprises visitées"),
    "offers": _l("Offres d'emploi publiées"),
    "contacts": _l("Contacts avec les entreprises"),
    "representation": _l("Représentation et réseautage"),
    "partners": _l("Rencontres avec organismes / partenaires"),
    "conferences": _l("Conférences employeurs / speed jobbing"),
    "workshops": _l("Interventions en atelier"),
    "interactions": _l("Contacts et interventions auprès des entreprises"),
    "me_new": _l("Nouveaux participants (groupe ME)"),
    "followups": _l("Suivis de maintien en emploi actifs durant la période"),
    "followups_closed": _l("Suivis de maintien en emploi terminés"),
    "hours_average": _l("Suivis terminés et leurs heures d'intervention"),
    "still_employed": _l("Suivis terminés : toujours en emploi"),
    "placements_companies": _l("Entreprises contactées pour un stage"),
    "placements_done": _l("Stages réalisés"),
    "placements_participants": _l("Participants en stage"),
    "meetings": _l("Rencontres de suivi"),
    "activity": _l("Activité"),
}
KEYS = tuple(TITLES)


def parse_filters(args: Mapping[str, str]) -> tuple[str, dict]:
    """The indicator key and its filters from a query string; `FilterError` when unknown."""
    key = args.get(KEY_PARAM, "")
    if key not in TITLES:
        raise FilterError(key)
    filters: dict = {}
    try:
        if args.get(EMPLOYER_PARAM):
            employer_id = int(args[EMPLOYER_PARAM])
            if not 1 <= employer_id < 2**31:
                raise ValueError(employer_id)
            filters["employer_id"] = employer_id
        if args.get(PROGRAM_PARAM):
            filters["program"] = Program(args[PROGRAM_PARAM])
        if args.get(MODE_PARAM):
            filters["mode"] = FollowUpMode(args[MODE_PARAM])
        if args.get(SUBSIDY_PARAM):
            if args[SUBSIDY_PARAM] not in ("0", "1"):
                raise ValueError(args[SUBSIDY_PARAM])
            filters["subsidised"] = args[SUBSIDY_PARAM] == "1"
        if args.get(MONTH_PARAM):
            year, month = args[MONTH_PARAM].split("-")
            filters["month"] = date(int(year), int(month), 1)
    except ValueError:
        raise FilterError(key) from None
    return key, filters


def _employer_cell(employer: Employer | None) -> tuple[int, str] | None:
    return (employer.id, employer.name) if employer is not None else None


def _visits(start, end, employer_id=None, **_ignored):
    stmt = (
        select(CompanyVisit)
        .options(joinedload(CompanyVisit.employer))
        .where(CompanyVisit.visited_on.between(start, end))
        .order_by(CompanyVisit.visited_on, CompanyVisit.id)
    )
    if employer_id:
        stmt = stmt.where(CompanyVisit.employer_id == employer_id)
    items = db.session.scalars(stmt).all()
    columns = [Column(_("Date"), "date"), Column(_("Entreprise"), "employer"), Column(_("Objet"))]
    rows = [
        [v.visited_on, _employer_cell(v.employer), VISIT_PURPOSE_LABELS[v.purpose]] for v in items
    ]
    return columns, rows, [v.id for v in items], []


def _visited_companies(start, end, **_ignored):
    found = db.session.execute(
        select(Employer.id, Employer.name, func.count(CompanyVisit.id))
        .join(CompanyVisit, CompanyVisit.employer_id == Employer.id)
        .where(CompanyVisit.visited_on.between(start, end))
        .group_by(Employer.id, Employer.name)
    ).all()
    found = sorted(found, key=lambda r: (fold(r[1]), r[0]))
    columns = [Column(_("Entreprise"), "employer"), Column(_("Visites"), "number")]
    return columns, [[(i, n), c] for i, n, c in found], [i for i, _n, _c in found], []


def _interactions(kinds: tuple[InteractionKind, ...]):
    def build(start, end, employer_id=None, **_ignored):
        stmt = (
            select(EmployerInteraction)
            .options(joinedload(EmployerInteraction.employer))
            .where(
                EmployerInteraction.occurred_on.between(start, end),
                EmployerInteraction.kind.in_(kinds),
            )
            .order_by(EmployerInteraction.occurred_on, EmployerInteraction.id)
        )
        if employer_id:
            stmt = stmt.where(EmployerInteraction.employer_id == employer_id)
        items = db.session.scalars(stmt).all()
        columns = [
            Column(_("Date"), "date"),
            Column(_("Entreprise"), "employer"),
            Column(_("Type")),
        ]
        rows = [
            [i.occurred_on, _employer_cell(i.employer), INTERACTION_KIND_LABELS[i.kind]]
            for i in items
        ]
        return columns, rows, [i.id for i in items], []

    return build


def _offers(start, end, employer_id=None, **_ignored):
    stmt = (
        select(Offer)
        .options(joinedload(Offer.employer))
        .where(_offers_in(start, end))
        .order_by(Offer.published_at, Offer.id)
    )
    if employer_id:
        stmt = stmt.where(Offer.employer_id == employer_id)
    items = db.session.scalars(stmt).all()
    columns = [
        Column(_("Publiée le"), "date"),
        Column(_("Entreprise"), "employer"),
        Column(_("Titre")),
    ]
    rows = [[local_date_of(o.published_at), _employer_cell(o.employer), o.title] for o in items]
    return columns, rows, [o.id for o in items], []


def _me_new(start, end, **_ignored):
    items = db.session.scalars(
        select(Participant)
        .where(
            Participant.service_group == ServiceGroup.ME,
            Participant.started_on.between(start, end),
        )
        .order_by(Participant.started_on, Participant.id)
    ).all()
    columns = [Column(_("Participant")), Column(_("Début des services"), "date")]
    rows = [[p.full_name, p.started_on] for p in items]
    ids = [p.id for p in items]
    return columns, rows, ids, ids


def _follow_up_list(where, with_hours: bool):
    minutes = (
        select(
            FollowUpMeeting.follow_up_id.label("follow_up_id"),
            func.sum(FollowUpMeeting.direct_minutes + FollowUpMeeting.indirect_minutes).label(
                "minutes"
            ),
        )
        .join(RetentionFollowUp, RetentionFollowUp.id == FollowUpMeeting.follow_up_id)
        .where(*where)
        .group_by(FollowUpMeeting.follow_up_id)
        .subquery()
    )
    stmt = (
        select(RetentionFollowUp, func.coalesce(minutes.c.minutes, 0))
        .outerjoin(minutes, minutes.c.follow_up_id == RetentionFollowUp.id)
        .options(
            joinedload(RetentionFollowUp.participant),
            joinedload(RetentionFollowUp.employer),
            joinedload(RetentionFollowUp.subsidy),
        )
        .where(*where)
        .order_by(RetentionFollowUp.opened_on, RetentionFollowUp.id)
    )
    found = db.session.execute(stmt).all()
    columns = [
        Column(_("Participant")),
        Column(_("Entreprise"), "employer"),
        Column(_("Poste")),
        Column(_("Mode")),
        Column(_("Subvention salariale")),
        Column(_("Ouvert le"), "date"),
        Column(_("Terminé le"), "date"),
        Column(_("Résultat")),
    ]
    if with_hours:
        columns.append(Column(_("Heures d'intervention"), "number"))
    rows = []
    for follow_up, total in found:
        row = [
            follow_up.participant.full_name,
            _employer_cell(follow_up.employer),
            follow_up.job_title,
            MODE_LABELS[follow_up.mode],
            _("Oui") if follow_up.subsidy is not None else _("Non"),
            follow_up.opened_on,
            follow_up.closed_on,
            OUTCOME_LABELS[follow_up.outcome] if follow_up.outcome else "",
        ]
        if with_hours:
            row.append(average_hours(int(total), 1))
        rows.append(row)
    ids = [f.id for f, _t in found]
    return columns, rows, ids, [f.participant_id for f, _t in found]


def _followups(start, end, mode=None, subsidised=None, employer_id=None, **_ignored):
    where = [_active_clause(start, end)]
    if mode:
        where.append(RetentionFollowUp.mode == mode)
    if subsidised is not None:
        has_subsidy = RetentionFollowUp.subsidy.has()
        where.append(has_subsidy if subsidised else ~has_subsidy)
    if employer_id:
        where.append(RetentionFollowUp.employer_id == employer_id)
    return _follow_up_list(where, with_hours=False)


def _closed(outcome: FollowUpOutcome | None, with_hours: bool):
    def build(start, end, employer_id=None, **_ignored):
        where = [RetentionFollowUp.closed_on.between(start, end)]
        if outcome:
            where.append(RetentionFollowUp.outcome == outcome)
        if employer_id:
            where.append(RetentionFollowUp.employer_id == employer_id)
        return _follow_up_list(where, with_hours)

    return build


def _placement_where(start, end, program=None, employer_id=None, done=False):
    where = [Placement.starts_on.between(start, end)]
    if program:
        where.append(Placement.program == program)
    if employer_id:
        where.append(Placement.employer_id == employer_id)
    if done:
        where.append(Placement.status.in_(CARRIED_OUT))
    return where


def _placements_done(start, end, program=None, employer_id=None, **_ignored):
    items = db.session.scalars(
        select(Placement)
        .options(joinedload(Placement.participant), joinedload(Placement.employer))
        .where(*_placement_where(start, end, program, employer_id, done=True))
        .order_by(Placement.starts_on, Placement.id)
    ).all()
    columns = [
        Column(_("Participant")),
        Column(_("Entreprise"), "employer"),
        Column(_("Programme")),
        Column(_("Type")),
        Column(_("Début"), "date"),
        Column(_("Fin"), "date"),
        Column(_("Statut")),
    ]
    rows = [
        [
            p.participant.full_name,
            _employer_cell(p.employer),
            PROGRAM_LABELS[p.program],
            PLACEMENT_KIND_LABELS[p.kind],
            p.starts_on,
            p.ends_on,
            PLACEMENT_STATUS_LABELS[p.status],
        ]
        for p in items
    ]
    return columns, rows, [p.id for p in items], [p.participant_id for p in items]


def _placements_companies(start, end, program=None, employer_id=None, **_ignored):
    found = db.session.execute(
        select(Employer.id, Employer.name, func.count(Placement.id))
        .join(Placement, Placement.employer_id == Employer.id)
        .where(*_placement_where(start, end, program, employer_id))
        .group_by(Employer.id, Employer.name)
    ).all()
    found = sorted(found, key=lambda r: (fold(r[1]), r[0]))
    columns = [Column(_("Entreprise"), "employer"), Column(_("Stages (prévus inclus)"), "number")]
    return columns, [[(i, n), c] for i, n, c in found], [i for i, _n, _c in found], []


def _placements_participants(start, end, program=None, employer_id=None, **_ignored):
    found = db.session.execute(
        select(Participant.id, Participant.first_name, Participant.last_name, func.count())
        .join(Placement, Placement.participant_id == Participant.id)
        .where(*_placement_where(start, end, program, employer_id, done=True))
        .group_by(Participant.id, Participant.first_name, Participant.last_name)
    ).all()
    found = sorted(found, key=lambda r: (fold(r[2]), fold(r[1]), r[0]))
    columns = [Column(_("Participant")), Column(_("Stages réalisés"), "number")]
    rows = [[f"{first} {last}", count] for _i, first, last, count in found]
    ids = [r[0] for r in found]
    return columns, rows, ids, ids


def _meetings(start, end, employer_id=None, **_ignored):
    stmt = (
        select(FollowUpMeeting)
        .join(FollowUpMeeting.follow_up)
        .options(
            joinedload(FollowUpMeeting.follow_up).joinedload(RetentionFollowUp.participant),
            joinedload(FollowUpMeeting.follow_up).joinedload(RetentionFollowUp.employer),
        )
        .where(_utc_range(FollowUpMeeting.met_at, start, end))
        .order_by(FollowUpMeeting.met_at, FollowUpMeeting.id)
    )
    if employer_id:
        stmt = stmt.where(RetentionFollowUp.employer_id == employer_id)
    items = db.session.scalars(stmt).all()
    columns = [
        Column(_("Date"), "date"),
        Column(_("Participant")),
        Column(_("Entreprise"), "employer"),
        Column(_("Lieu")),
        Column(_("Minutes directes"), "number"),
        Column(_("Minutes indirectes"), "number"),
    ]
    rows = [
        [
            local_date_of(m.met_at),
            m.follow_up.participant.full_name,
            _employer_cell(m.follow_up.employer),
            MEETING_PLACE_LABELS[m.place],
            m.direct_minutes,
            m.indirect_minutes,
        ]
        for m in items
    ]
    return columns, rows, [m.id for m in items], [m.follow_up.participant_id for m in items]


def _activity(start, end, employer_id=None, **_ignored):
    """Every activity of the monthly chart, by date; no participant names."""
    parts = (
        ("visit", _("Visite d'entreprise"), _visits),
        ("interaction", _("Contact ou intervention"), _interactions(tuple(InteractionKind))),
        ("offer", _("Offre publiée"), _offers),
        ("meeting", _("Rencontre de suivi"), _meetings),
        ("placement", _("Stage réalisé"), _placements_done),
    )
    found = []
    for kind, label, build in parts:
        columns, rows, ids, _participants = build(start, end, employer_id=employer_id)
        day_at = next(i for i, c in enumerate(columns) if c.kind == "date")
        employer_at = next(i for i, c in enumerate(columns) if c.kind == "employer")
        found.extend(
            (row[day_at], str(label), row[employer_at], f"{kind}:{ident}")
            for row, ident in zip(rows, ids, strict=True)
        )
    found.sort(key=lambda r: (r[0], r[1], r[3]))
    columns = [Column(_("Date"), "date"), Column(_("Type")), Column(_("Entreprise"), "employer")]
    return columns, [[d, t, e] for d, t, e, _i in found], [i for *_r, i in found], []


BUILDERS: dict[str, Callable] = {
    "visits": _visits,
    "visited_companies": _visited_companies,
    "offers": _offers,
    **{key: _interactions(kinds) for key, kinds in INTERACTION_KEYS.items()},
    "me_new": _me_new,
    "followups": _followups,
    "followups_closed": _closed(None, with_hours=True),
    "hours_average": _closed(None, with_hours=True),
    "still_employed": _closed(FollowUpOutcome.STILL_EMPLOYED, with_hours=True),
    "placements_companies": _placements_companies,
    "placements_done": _placements_done,
    "placements_participants": _placements_participants,
    "meetings": _meetings,
    "activity": _activity,
}


def records(key: str, start: date, end: date, **filters) -> Records:
    """The records a figure counts (same definitions as `compute`), in a fixed number of queries.

    `filters`: employer_id, program, mode, subsidised, month (as produced by `parse_filters`);
    `month` (its first day) narrows the period to that month. The result's `start` and `end`
    are the period actually listed.
    """
    if key not in BUILDERS:
        raise FilterError(key)
    month = filters.pop("month", None)
    if month is not None:
        start, end = max(start, month), min(end, _next_month(month) - timedelta(days=1))
        if start > end:
            raise FilterError(key)
        filters["month"] = month
    build_filters = {k: v for k, v in filters.items() if k != "month"}
    columns, rows, ids, participant_ids = BUILDERS[key](start, end, **build_filters)
    return Records(key, str(TITLES[key]), start, end, columns, rows, ids, participant_ids, filters)


def filter_labels(found: Records) -> list[str]:
    """Human descriptions of the drill-down filters (program, mode, subsidy), for the title."""
    labels = []
    if "program" in found.filters:
        labels.append(str(PROGRAM_LABELS[found.filters["program"]]))
    if "mode" in found.filters:
        labels.append(str(MODE_LABELS[found.filters["mode"]]))
    if "subsidised" in found.filters:
        labels.append(_("Subventionnés") if found.filters["subsidised"] else _("Non subventionnés"))
    return labels


def employer_name(found: Records) -> str | None:
    employer_id = found.filters.get("employer_id")
    if employer_id is None:
        return None
    return db.session.scalar(select(Employer.name).where(Employer.id == employer_id))


def log_access(user: User, found: Records) -> None:
    """Audit a drill-down that showed participants (one entry per page, not per row)."""
    if not found.participant_ids:
        return
    ids = ",".join(str(i) for i in sorted(set(found.participant_ids)))
    detail = f"indicateurs:{found.key} {found.start.isoformat()}..{found.end.isoformat()} [{ids}]"
    audit(user, "view", "participant", None, detail)
    db.session.commit()
