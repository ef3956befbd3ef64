"""The plugin contract (pluggy): every hook a plugin may implement, prefixed `oj_`.

A plugin is a module or an object with functions marked `@hookimpl`; built-in ones live in
`plugins/`, third-party ones register through the `orientheque_jobs` entry-point group. Each
hook below has an example; `docs/plugins.md` documents the same hooks (a test checks it).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import pluggy

PROJECT = "orientheque_jobs"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


def _every_offer(offer) -> bool:
    return True


@dataclass(frozen=True)
class Channel:
    """A distribution channel: how visible offers reach people.

    `takes(offer)` says which visible offers the channel distributes (e.g. only those the
    employer opted in); `label` is shown to counsellors (a lazy gettext string is fine).
    """

    name: str
    label: str
    takes: Callable = field(default=_every_offer)
    description: str = ""


class OfferChange(enum.StrEnum):
    PUBLISHED = "published"  # became visible (approved, renewed)
    CHANGED = "changed"  # edited while visible
    UNPUBLISHED = "unpublished"  # filled, expired, withdrawn, or sent back to moderation


@hookspec
def oj_channels() -> list[Channel]:
    """Declare the distribution channels this plugin provides.

    Example::

        @hookimpl
        def oj_channels():
            return [Channel("rss", _l("Fils RSS et Atom"))]
    """


@hookspec
def oj_offer_changed(app, offer, change: OfferChange) -> None:
    """React to an offer event, after the change is committed (`offer` is reloaded, readable).

    It runs in an app context of its own: `db.session` and the services work as usual.

    Example::

        @hookimpl
        def oj_offer_changed(app, offer, change):
            if change == OfferChange.UNPUBLISHED:
                forget_in_partner_feed(offer.id)
    """


@hookspec
def oj_daily_run(app, day: date, dry_run: bool) -> list[str] | None:
    """Do this plugin's daily work (`flask channels run`); return lines for the report.

    Must be safe to run twice the same day. With `dry_run`, change nothing and say what would
    be done.

    Example::

        @hookimpl
        def oj_daily_run(app, day, dry_run):
            files = write_export(day, dry_run=dry_run)
            return [f"talents_region: {len(files)} files"]
    """


@hookspec
def oj_blueprints(app) -> list:
    """Blueprints to register on the app (pages, feeds, downloads).

    Example::

        @hookimpl
        def oj_blueprints(app):
            return [feeds_blueprint]
    """


@hookspec
def oj_cli_commands() -> list:
    """Click commands or groups added to `flask`.

    Example::

        @hookimpl
        def oj_cli_commands():
            return [digest_cli]  # flask digest send --dry-run
    """


@hookspec
def oj_template_folders() -> list[str]:
    """Folders of Jinja templates, searched after the core's `templates/`.

    Example::

        @hookimpl
        def oj_template_folders():
            return [str(Path(__file__).parent / "templates")]
    """


@hookspec
def oj_template_slot(slot: str, context: dict) -> str | None:
    """HTML (a `Markup`) for a named spot of a core page; None to add nothing.

    Slots: `head` (every page's <head>), `board_top` (above the board's results; context
    `criteria`), `offer_aside` (public offer page; context `offer`), `counsellor_offer`
    (the counsellor's offer page; context `offer`), `offer_form` (inside every offer form;
    context `form`, `offer` or None), `participant_file` (a participant's file, counsellors
    and managers only; context `participant`).

    Example::

        @hookimpl
        def oj_template_slot(slot, context):
            if slot == "offer_aside":
                return Markup(render_template("rss/_subscribe.html", **context))
    """


@hookspec
def oj_demo_load(app) -> dict[str, int] | None:
    """Add this plugin's demo data after `flask demo load` (idempotent); return counts to print.

    Example::

        @hookimpl
        def oj_demo_load(app):
            return {"partner feed subscribers": add_demo_subscribers()}
    """


@hookspec
def oj_migration_folders() -> list[str]:
    """Folders of Alembic revisions for this plugin's own tables (a branch of its own).

    Example::

        @hookimpl
        def oj_migration_folders():
            return [str(Path(__file__).parent / "migrations")]
    """
