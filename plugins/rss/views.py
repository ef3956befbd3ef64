"""The feed routes: `/offres/flux.rss` and `/offres/flux.atom`, with the board's parameters."""

from __future__ import annotations

from flask import Blueprint, Response, request
from werkzeug.http import is_resource_modified

from orientheque_jobs.services.board import BoardCriteria

from .feeds import cached_feed

bp = Blueprint("rss", __name__)
# Readers may keep a copy but must ask again each time (a 304 when nothing changed), so that a
# filled or expired offer leaves every feed at once.
CACHE_CONTROL = "public, no-cache"


def _respond(fmt: str) -> Response:
    criteria = BoardCriteria.from_args(request.args)  # garbage is dropped, never an error
    feed = cached_feed(fmt, criteria)
    # Only the ETag decides a 304: an offer that leaves the feed changes the ETag but not
    # necessarily the latest change date, so If-Modified-Since alone could hide a removal.
    if not is_resource_modified(request.environ, etag=feed.etag):
        response = Response(status=304)
    else:
        response = Response(feed.body, mimetype=None, content_type=feed.mimetype)
    response.set_etag(feed.etag)
    response.last_modified = feed.updated
    response.headers["Cache-Control"] = CACHE_CONTROL
    return response


@bp.get("/offres/flux.rss")
def rss() -> Response:
    return _respond("rss")


@bp.get("/offres/flux.atom")
def atom() -> Response:
    return _respond("atom")
