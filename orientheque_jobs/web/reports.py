"""Yearly indicators for funders, with drill-down and exports.

Thin views over `services.indicators`: the period comes from the query string (`du`, `au`),
every figure links to `reports.records`, and the CSV/XLSX come from the same `Report`.
"""

from __future__ import annotations

from datetime import date

from flask import Response, abort, current_app, render_template, request, url_for
from flask_login import current_user

from ..services import indicators
from ..services.clock import local_today
from .access import CASE_READERS, staff_blueprint

bp = staff_blueprint("reports", __name__, "/conseil/indicateurs", CASE_READERS)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def employer_url(employer_id: int) -> str:
    """The employer file's address (the `employers.detail` page, when it is registered)."""
    if "employers.detail" in current_app.view_functions:
        return url_for("employers.detail", employer_id=employer_id)
    return f"{url_for('employers.index')}{employer_id}"


def period_args(start: date, end: date) -> dict[str, str]:
    return {indicators.START_PARAM: start.isoformat(), indicators.END_PARAM: end.isoformat()}


def _period_or_400() -> tuple[date, date]:
    try:
        return indicators.parse_period(
            request.args.get(indicators.START_PARAM),
            request.args.get(indicators.END_PARAM),
            local_today(),
        )
    except indicators.PeriodError as error:
        abort(400, description=error.message)


@bp.get("/")
def index() -> str:
    today = local_today()
    error = None
    try:
        start, end = indicators.parse_period(
            request.args.get(indicators.START_PARAM), request.args.get(indicators.END_PARAM), today
        )
    except indicators.PeriodError as exc:
        error = exc.message
        start, end = indicators.funders_year(today)
    report = indicators.compute(start, end)

    def records_url(figure: indicators.Figure) -> str:
        return url_for("reports.records", **report.link(figure))

    previous_year, next_year = indicators.neighbour_years(start)
    return render_template(
        "reports/index.html",
        report=report,
        error=error,
        typed_start=request.args.get(indicators.START_PARAM, start.isoformat())[:40],
        typed_end=request.args.get(indicators.END_PARAM, end.isoformat())[:40],
        chart=indicators.chart(report, records_url),
        records_url=records_url,
        employer_url=employer_url,
        period_args=period_args,
        current_year=indicators.funders_year(today),
        previous_year=previous_year,
        next_year=next_year,
    )


@bp.get("/detail")
def records() -> str:
    start, end = _period_or_400()
    try:
        key, filters = indicators.parse_filters(request.args)
        found = indicators.records(key, start, end, **filters)
    except indicators.FilterError:
        abort(404)
    indicators.log_access(current_user, found)
    return render_template(
        "reports/records.html",
        found=found,
        filter_labels=indicators.filter_labels(found),
        employer_name=indicators.employer_name(found),
        employer_url=employer_url,
        back_args=period_args(start, end),
    )


@bp.get("/export.csv", defaults={"fmt": "csv"})
@bp.get("/export.xlsx", defaults={"fmt": "xlsx"})
def export(fmt: str) -> Response:
    start, end = _period_or_400()
    report = indicators.compute(start, end)
    if fmt == "xlsx":
        body, mimetype = indicators.to_xlsx(report), XLSX_TYPE
    else:
        body, mimetype = indicators.to_csv(report).encode("utf-8"), "text/csv; charset=utf-8"
    filename = indicators.export_filename(report, fmt)
    return Response(
        body,
        mimetype=mimetype,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "private, no-store",
        },
    )
