"""The staff home page."""

from __future__ import annotations

from flask import render_template
from sqlalchemy import func, select

from ..extensions import db
from ..models import Offer
from ..services.offers import moderation_queue
from .access import STAFF, staff_blueprint

bp = staff_blueprint("staff", __name__, "/conseil", STAFF)


@bp.get("/")
def dashboard():
    counts = dict(
        db.session.execute(select(Offer.status, func.count()).group_by(Offer.status)).all()
    )
    queue = db.session.scalars(moderation_queue().limit(10)).all()
    return render_template("counsellor/dashboard.html", counts=counts, queue=queue)
