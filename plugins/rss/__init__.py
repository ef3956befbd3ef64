"""Built-in channel plugin `rss`: RSS 2.0 and Atom feeds of the visible offers.

One feed of every visible offer and filtered ones by the board's query parameters
(`/offres/flux.rss?mrc=…`, `/offres/flux.atom?q=…`), linked from the board (autodiscovery in
`<head>` and a visible link above the results). An offer entering or leaving the feeds is
recorded as a `Distribution` (channel `rss`, target "flux public").
"""

from __future__ import annotations

from pathlib import Path

from flask import has_request_context, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from orientheque_jobs.hookspecs import Channel, hookimpl
from orientheque_jobs.services.board import BoardCriteria

from . import deliveries
from .feeds import feed_args
from .views import bp

HERE = Path(__file__).parent
CHANNEL = "rss"


@hookimpl
def oj_channels():
    return [
        Channel(
            CHANNEL,
            _l("Fils RSS et Atom"),
            description=_l("Fils publics des offres visibles, filtrés comme le tableau."),
        )
    ]


@hookimpl
def oj_blueprints(app):
    return [bp]


@hookimpl
def oj_template_folders():
    return [str(HERE / "templates")]


@hookimpl
def oj_template_slot(slot, context):
    if slot == "board_top" and context.get("criteria") is not None:
        args = feed_args(context["criteria"])
        html = render_template("rss/_links.html", args=args)
        return Markup(html)  # noqa: S704 (rendered by Jinja with autoescape)
    if slot == "head" and has_request_context() and request.endpoint == "public.board":
        args = feed_args(BoardCriteria.from_args(request.args))
        title = _("Offres d'emploi de cette recherche") if args else _("Offres d'emploi")
        html = render_template("rss/_head.html", args=args, title=title)
        return Markup(html)  # noqa: S704 (rendered by Jinja with autoescape)
    return None


@hookimpl
def oj_offer_changed(app, offer, change):
    deliveries.offer_changed(offer, change)
