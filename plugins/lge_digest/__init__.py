"""Built-in channel plugin `lge_digest`: the daily email digest of new offers (in progress)."""

from pathlib import Path

from orientheque_jobs.hookspecs import hookimpl

from . import models  # noqa: F401  (registers the tables)

HERE = Path(__file__).parent


@hookimpl
def oj_migration_folders():
    return [str(HERE / "migrations")]


# --- sending: the daily run and `flask digest send` (plugins/lge_digest/sending.py) -----------


@hookimpl
def oj_daily_run(app, day, dry_run):
    from .sending import send_digests

    return send_digests(day, dry_run=dry_run).lines()


@hookimpl
def oj_cli_commands():
    from .cli import digest_cli

    return [digest_cli]


# --- subscriptions: the channel, its pages and templates, links on core pages -----------------


@hookimpl
def oj_channels():
    from flask_babel import lazy_gettext as _l

    from orientheque_jobs.hookspecs import Channel

    return [Channel("lge_digest", _l("Liste des offres d'emploi (courriel quotidien)"))]


@hookimpl
def oj_blueprints(app):
    from .views import bp, staff

    return [bp, staff]


@hookimpl
def oj_template_folders():
    return [str(HERE / "templates")]


@hookimpl
def oj_template_slot(slot, context):
    # `board_top`: « Recevoir ces offres par courriel »; `participant_file`: the participant
    # page's digest box (counsellors and managers only see that page).
    from flask import render_template
    from markupsafe import Markup

    if slot == "board_top":
        html = render_template("lge_digest/_board_top.html", **context)
        return Markup(html)  # noqa: S704 (rendered by Jinja with autoescape)
    if slot == "participant_file" and context.get("participant") is not None:
        from .subscriptions import subscription_for_participant

        sub = subscription_for_participant(context["participant"])
        html = render_template("lge_digest/_participant_file.html", sub=sub, **context)
        return Markup(html)  # noqa: S704 (rendered by Jinja with autoescape)
    return None


@hookimpl
def oj_demo_load(app):
    from .demo import load_demo_subscribers

    return {"LGE digest subscribers": load_demo_subscribers()}
