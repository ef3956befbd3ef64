"""Participant records (counsellors and managers only; every access audited)."""

from __future__ import annotations

from flask import render_template

from .access import CASE_READERS, staff_blueprint

bp = staff_blueprint("participants", __name__, "/conseil/participants", CASE_READERS)


@bp.get("/")
def index():
    return render_template("participants/index.html")
