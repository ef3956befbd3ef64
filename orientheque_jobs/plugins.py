"""One pluggy PluginManager per app: the built-in plugins, then third-party entry points.

`OJ_DISABLED_PLUGINS` (comma-separated names) blocks plugins by name, built-in or not;
`OJ_PLUGINS` (a list of modules or objects, for tests and local add-ons) registers more.
Only pluggy's public API is used.
"""

from __future__ import annotations

import importlib
import logging
import os
from collections.abc import Iterable

import pluggy
from flask import Flask, current_app
from jinja2 import ChoiceLoader, FileSystemLoader
from markupsafe import Markup
from sqlalchemy import event
from sqlalchemy.orm import Session

from . import hookspecs
from .extensions import migrate
from .hookspecs import Channel, OfferChange

log = logging.getLogger(__name__)
# Built-in plugins, listed explicitly (the core never imports them otherwise).
BUILTIN = {
    "lge_digest": "plugins.lge_digest",
    "rss": "plugins.rss",
    "talents_region": "plugins.talents_region",
}
PENDING_CHANGES = "oj_offer_changes"
# OfferEvent actions → the change plugins hear of.
CHANGES = {
    "published": OfferChange.PUBLISHED,
    "renewed": OfferChange.PUBLISHED,
    "edited": OfferChange.CHANGED,
    "filled": OfferChange.UNPUBLISHED,
    "withdrawn": OfferChange.UNPUBLISHED,
    "expired": OfferChange.UNPUBLISHED,
}


def _names(value) -> set[str]:
    if isinstance(value, str):
        value = value.split(",")
    return {name.strip() for name in value or () if name and name.strip()}


def build_manager(config) -> pluggy.PluginManager:
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    for name in _names(config.get("OJ_DISABLED_PLUGINS")):
        pm.set_blocked(name)
    for name, module in BUILTIN.items():
        if not pm.is_blocked(name):
            pm.register(importlib.import_module(module), name=name)
    pm.load_setuptools_entrypoints(hookspecs.PROJECT)
    for plugin in config.get("OJ_PLUGINS") or ():
        plugin = importlib.import_module(plugin) if isinstance(plugin, str) else plugin
        name = getattr(plugin, "PLUGIN_NAME", None) or pm.get_canonical_name(plugin)
        if not pm.is_blocked(name):
            pm.register(plugin, name=name)
    pm.check_pending()
    return pm


def manager(app: Flask | None = None) -> pluggy.PluginManager:
    return (app or current_app).extensions["oj_plugins"]


def channels(app: Flask | None = None) -> list[Channel]:
    """Every channel of the loaded plugins, by name."""
    found = [c for group in manager(app).hook.oj_channels() for c in group or ()]
    return sorted(found, key=lambda channel: channel.name)


def migration_folders(app: Flask) -> list[str]:
    return _flatten(manager(app).hook.oj_migration_folders())


@migrate.configure
def _plugin_migrations(config):
    """Alembic reads the plugins' revisions too (each a branch: `flask db upgrade heads`)."""
    folders = migration_folders(current_app)
    if folders:
        core = os.path.join(config.get_main_option("script_location"), "versions")
        config.set_main_option("path_separator", "os")
        config.set_main_option("version_locations", os.pathsep.join([core, *folders]))
    return config


def _flatten(groups: Iterable) -> list:
    return [item for group in groups for item in group or ()]


def slot(name: str, **context) -> Markup:
    """The HTML the plugins add at a named spot of a page (a Jinja global)."""
    parts = manager().hook.oj_template_slot(slot=name, context=context)
    return Markup("\n").join(part for part in parts if part)


def init_app(app: Flask) -> None:
    pm = app.extensions["oj_plugins"] = build_manager(app.config)
    folders = _flatten(pm.hook.oj_template_folders())
    if folders:
        app.jinja_loader = ChoiceLoader([app.jinja_loader, *(FileSystemLoader(f) for f in folders)])
    for blueprint in _flatten(pm.hook.oj_blueprints(app=app)):
        app.register_blueprint(blueprint)
    for command in _flatten(pm.hook.oj_cli_commands()):
        app.cli.add_command(command)
    app.jinja_env.globals["slot"] = slot


# --- offer events, dispatched after the commit that made them ----------------------------------


@event.listens_for(Session, "after_flush")
def _collect_changes(session: Session, _context) -> None:
    from .models import OfferEvent

    for obj in session.new:
        if isinstance(obj, OfferEvent) and obj.action in CHANGES:
            session.info.setdefault(PENDING_CHANGES, []).append((obj.offer_id, obj.action))


@event.listens_for(Session, "after_rollback")
def _drop_changes(session: Session) -> None:
    session.info.pop(PENDING_CHANGES, None)


@event.listens_for(Session, "after_commit")
def _dispatch_changes(session: Session) -> None:
    pending = session.info.pop(PENDING_CHANGES, None)
    if not pending:
        return
    from flask import has_app_context

    if not has_app_context() or "oj_plugins" not in current_app.extensions:
        return
    # After the commit, in a session of their own: plugins may read and write freely.
    app = current_app._get_current_object()
    from .extensions import db
    from .models import Offer

    with Session(db.engine) as own:
        for offer_id, action in pending:
            offer = own.get(Offer, offer_id)
            if offer is None:
                continue
            try:
                # A fresh app context: `db.session` of the committing one accepts no SQL now.
                with app.app_context():
                    manager(app).hook.oj_offer_changed(app=app, offer=offer, change=CHANGES[action])
            except Exception:
                # A plugin's failure never undoes nor blocks the offer change itself.
                log.exception("plugin failed on %s of offer %s", action, offer_id)
