"""The employer file: identity, contacts, offers and the timeline of activity."""

from __future__ import annotations

from flask import render_template

from .access import CASE_READERS, staff_blueprint

bp = staff_blueprint("employers", __name__, "/conseil/employeurs", CASE_READERS)


@bp.get("/")
def index():
    return render_template("employers/index.html")
