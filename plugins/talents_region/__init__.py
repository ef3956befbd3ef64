"""Built-in channel plugin `talents_region`: the daily export for the regional job platform.

Offers go to Talents Région only when the employer (public form, management link) or a
counsellor (moderation page) ticks « Diffuser aussi sur Talents Région » — see `optin`. Each
day (`flask channels run`) the visible opted-in offers are exported as job-aggregator XML
(validated against `job_aggregator.xsd`), a JSON list of schema.org JobPosting and a CSV, with
what was added, changed and removed since the last export — see `export`. The files are served
behind a secret token — see `views`. Disable with `OJ_DISABLED_PLUGINS=talents_region`.
"""

from __future__ import annotations

from pathlib import Path

from flask import has_request_context, render_template, request
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from orientheque_jobs.extensions import db
from orientheque_jobs.hookspecs import Channel, hookimpl

from . import export
from .models import ExportedItem
from .optin import CHANNEL, FIELD, is_opted_in, opt_in_of
from .views import bp

HERE = Path(__file__).parent


@hookimpl
def oj_channels():
    return [
        Channel(
            CHANNEL,
            _l("Talents Région"),
            takes=is_opted_in,
            description=_l(
                "Export quotidien (XML, JSON, CSV) pour la plateforme régionale des offres que "
                "l'employeur ou l'équipe a choisi d'y diffuser."
            ),
        )
    ]


@hookimpl
def oj_daily_run(app, day, dry_run):
    return export.run(day, dry_run=dry_run)


@hookimpl
def oj_blueprints(app):
    return [bp]


@hookimpl
def oj_template_folders():
    return [str(HERE / "templates")]


def _ticked(offer) -> bool:
    """The box as posted (a form shown again with its errors), else as stored."""
    if (
        has_request_context()
        and request.method == "POST"
        and CHANNEL in request.form.getlist("channels")
    ):
        return bool(request.form.get(FIELD))
    return offer is not None and offer.id is not None and is_opted_in(offer)


@hookimpl
def oj_template_slot(slot, context):
    if slot == "offer_form":
        html = render_template(
            "talents_region/_form_field.html", checked=_ticked(context.get("offer"))
        )
        return Markup(html)  # noqa: S704 (rendered by Jinja with autoescape)
    if slot == "counsellor_offer" and context.get("offer") is not None:
        offer = context["offer"]
        html = render_template(
            "talents_region/_counsellor.html",
            opt_in=opt_in_of(offer),
            item=db.session.get(ExportedItem, offer.id),
        )
        return Markup(html)  # noqa: S704 (rendered by Jinja with autoescape)
    return None


@hookimpl
def oj_migration_folders():
    return [str(HERE / "migrations")]


@hookimpl
def oj_demo_load(app):
    from .optin import opt_in_demo_offers

    return {"Talents Région opt-ins": opt_in_demo_offers()}
