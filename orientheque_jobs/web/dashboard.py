"""The staff home page: actions due, recent activity, and the private calendar feed."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from ..extensions import db
from ..models import Offer
from ..services import calendar
from ..services.dashboard import actions_due, recent_activity
from ..services.offers import moderation_queue
from .access import STAFF, staff_blueprint
from .forms import ActionForm

bp = staff_blueprint("staff", __name__, "/conseil", STAFF)


@bp.get("/")
def dashboard():
    counts = dict(
        db.session.execute(select(Offer.status, func.count()).group_by(Offer.status)).all()
    )
    queue = db.session.scalars(moderation_queue().limit(10)).all()
    return render_template(
        "counsellor/dashboard.html",
        counts=counts,
        queue=queue,
        due=actions_due(current_user),
        recent=recent_activity(current_user),
    )


@bp.get("/calendrier")
def calendar_settings():
    return render_template("counsellor/calendar.html")


@bp.post("/calendrier")
def calendar_token():
    if ActionForm().validate_on_submit():
        calendar.issue_token(current_user)
        flash(_("Nouvelle adresse créée; l'ancienne ne fonctionne plus."), "success")
    return redirect(url_for("staff.calendar_settings"))
