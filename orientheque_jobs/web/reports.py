"""Yearly indicators for funders, with drill-down and exports."""

from __future__ import annotations

from flask import render_template

from .access import CASE_READERS, staff_blueprint

bp = staff_blueprint("reports", __name__, "/conseil/indicateurs", CASE_READERS)


@bp.get("/")
def index():
    return render_template("reports/index.html")
