"""The private calendar feed: authenticated by its secret URL, for calendar apps."""

from __future__ import annotations

from flask import Blueprint, Response, abort, request

from ..services import calendar

bp = Blueprint("calendar", __name__)


@bp.get("/calendrier/<token>.ics")
def feed(token: str):
    user = calendar.user_for_token(token)
    if user is None:
        abort(404)
    body = calendar.feed(user, request.host.split(":")[0])
    response = Response(body, mimetype="text/calendar")
    response.headers["Cache-Control"] = "private, max-age=300"
    return response
