"""The plugin system: a channel added by a plugin defined here, with no change to the core.

`ExampleChannel` implements every hook of `orientheque_jobs.hookspecs`; each test below checks
one of them on a real app, and `test_every_hook_is_documented_and_tested` keeps the three lists
(hookspecs, docs/plugins.md, this file) in step.
"""

from __future__ import annotations

import inspect
import sys
import textwrap
from datetime import date
from pathlib import Path

import click
import pluggy
import pytest
from flask import Blueprint
from markupsafe import Markup

from orientheque_jobs import create_app, hookspecs
from orientheque_jobs.extensions import db
from orientheque_jobs.hookspecs import Channel, OfferChange, hookimpl
from orientheque_jobs.models import Distribution, Offer, OfferStatus, Role
from orientheque_jobs.plugins import channels, manager
from orientheque_jobs.services import offers as offer_service
from orientheque_jobs.services.distribution import record

from .conftest import make_config
from .factories import make_offer, make_user

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).parent / "plugin_templates"


class ExampleChannel:
    """A channel that "posts" each published offer to a partner's wall."""

    PLUGIN_NAME = "example_wall"

    def __init__(self) -> None:
        self.changes: list[tuple[int, OfferChange]] = []
        self.runs: list[tuple[date, bool]] = []
        bp = Blueprint("example_wall", __name__, url_prefix="/mur")

        @bp.get("/")
        def wall():
            return {"offers": [i for i, change in self.changes if change == "published"]}

        self.blueprint = bp

    @hookimpl
    def oj_channels(self):
        return [Channel("example_wall", "Mur des partenaires", takes=lambda offer: offer.remote)]

    @hookimpl
    def oj_offer_changed(self, app, offer, change):
        self.changes.append((offer.id, change))
        if change == OfferChange.PUBLISHED:
            record(offer.id, "example_wall", "mur", key=f"wall:{offer.id}")

    @hookimpl
    def oj_daily_run(self, app, day, dry_run):
        self.runs.append((day, dry_run))
        return [f"example_wall: {day.isoformat()}{' (dry run)' if dry_run else ''}"]

    @hookimpl
    def oj_blueprints(self, app):
        return [self.blueprint]

    @hookimpl
    def oj_cli_commands(self):
        @click.command("wall-count")
        def wall_count():
            """How many offers went on the wall."""
            click.echo(f"wall: {len(self.changes)}")

        return [wall_count]

    @hookimpl
    def oj_template_folders(self):
        return [str(TEMPLATES)]

    @hookimpl
    def oj_template_slot(self, slot, context):
        if slot == "board_top":
            return Markup('<p id="wall-link">Voir aussi le mur des partenaires</p>')
        if slot == "offer_aside":
            from flask import render_template

            page = render_template("example_wall/aside.html", offer=context["offer"])
            return Markup(page)  # noqa: S704 (an autoescaped template)
        return None

    @hookimpl
    def oj_demo_load(self, app):
        return {"wall posts": len(self.changes)}

    @hookimpl
    def oj_migration_folders(self):
        return []


@pytest.fixture
def plugin_app(tmp_path_factory, smtp, app):
    """A second app on the session's database, with the example plugin and rss disabled."""
    plugin = ExampleChannel()
    config = make_config(
        tmp_path_factory,
        smtp,
        OJ_PLUGINS=[plugin],
        OJ_DISABLED_PLUGINS="rss",
    )
    config["SQLALCHEMY_DATABASE_URI"] = app.config["SQLALCHEMY_DATABASE_URI"]
    application = create_app(config)
    yield application, plugin
    with application.app_context():
        db.engine.dispose()


def test_a_plugin_declares_a_channel(plugin_app):
    application, _plugin = plugin_app
    with application.app_context():
        names = [channel.name for channel in channels()]
        assert "example_wall" in names and "rss" not in names
        wall = next(c for c in channels() if c.name == "example_wall")
        assert wall.label == "Mur des partenaires"
        assert wall.takes(Offer(remote=True)) and not wall.takes(Offer(remote=False))


def test_a_plugin_hears_offer_changes_after_the_commit(plugin_app):
    application, plugin = plugin_app
    with application.app_context():
        counsellor = make_user(Role.COUNSELLOR)
        offer = make_offer(OfferStatus.SUBMITTED)
        offer_service.approve(offer, counsellor)
        offer_service.update_offer(offer, {"title": "Soudeuse"}, counsellor)
        offer_service.close(offer, OfferStatus.FILLED, counsellor)
        assert plugin.changes == [
            (offer.id, OfferChange.PUBLISHED),
            (offer.id, OfferChange.CHANGED),
            (offer.id, OfferChange.UNPUBLISHED),
        ]
        # What the plugin recorded on publication is on the offer's distributions.
        rows = db.session.query(Distribution).filter_by(offer_id=offer.id).all()
        assert [(r.channel, r.target) for r in rows] == [("example_wall", "mur")]


def test_a_failing_plugin_never_undoes_the_change(plugin_app, monkeypatch):
    application, plugin = plugin_app

    def broken(**_kwargs):
        raise RuntimeError("partner down")

    monkeypatch.setattr(plugin, "oj_offer_changed", broken, raising=False)
    with application.app_context():
        offer = make_offer(OfferStatus.SUBMITTED)
        offer_service.approve(offer, make_user(Role.COUNSELLOR))
        assert db.session.get(Offer, offer.id).status == OfferStatus.PUBLISHED


def test_a_plugin_takes_part_in_the_daily_run(plugin_app):
    application, plugin = plugin_app
    runner = application.test_cli_runner()
    result = runner.invoke(args=["channels", "run", "--date", "2026-12-01", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "example_wall: 2026-12-01 (dry run)" in result.output
    assert plugin.runs == [(date(2026, 12, 1), True)]
    result = runner.invoke(args=["channels", "run"])
    assert result.exit_code == 0, result.output
    assert "offers: expired 0" in result.output and plugin.runs[-1][1] is False


def test_a_plugin_adds_blueprints_cli_commands_templates_and_slots(plugin_app):
    application, plugin = plugin_app
    client = application.test_client()
    with application.app_context():
        offer = make_offer(title="Soudeur")
    plugin.changes.append((offer.id, OfferChange.PUBLISHED))
    assert client.get("/mur/").get_json() == {"offers": [offer.id]}
    assert 'id="wall-link"' in client.get("/offres").get_data(as_text=True)
    page = client.get(f"/offres/{offer.id}").get_data(as_text=True)
    assert f'data-wall-offer="{offer.id}"' in page  # from the plugin's own template folder
    result = application.test_cli_runner().invoke(args=["wall-count"])
    assert result.output.strip() == "wall: 1"


def test_a_plugin_adds_demo_data(plugin_app):
    application, plugin = plugin_app
    result = application.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    # The demo's publications reached the plugin before its own demo step counted them.
    assert len(plugin.changes) > 100
    assert f"wall posts: {len(plugin.changes)}" in result.output
    assert "LGE digest subscribers: 15" in result.output


def test_flask_plugins_list_shows_what_is_loaded(plugin_app):
    application, _plugin = plugin_app
    result = application.test_cli_runner().invoke(args=["plugins", "list"])
    assert result.exit_code == 0, result.output
    assert "example_wall: oj_blueprints, oj_channels," in result.output
    assert "channel example_wall: Mur des partenaires" in result.output
    assert "disabled: rss" in result.output
    for name in ("lge_digest", "talents_region"):
        assert f"{name}:" in result.output


def test_plugins_come_from_entry_points_too(tmp_path, tmp_path_factory, smtp, app, monkeypatch):
    """A third-party package: a module and a dist-info with an `orientheque_jobs` entry point."""
    (tmp_path / "oj_partner_feed.py").write_text(
        textwrap.dedent(
            """
            from orientheque_jobs.hookspecs import Channel, hookimpl

            @hookimpl
            def oj_channels():
                return [Channel("partner_feed", "Fil du partenaire")]
            """
        )
    )
    info = tmp_path / "oj_partner_feed-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: oj-partner-feed\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[orientheque_jobs]\npartner_feed = oj_partner_feed\n")
    monkeypatch.syspath_prepend(str(tmp_path))

    config = make_config(tmp_path_factory, smtp)
    config["SQLALCHEMY_DATABASE_URI"] = app.config["SQLALCHEMY_DATABASE_URI"]
    loaded = create_app(config)
    with loaded.app_context():
        assert "partner_feed" in [c.name for c in channels()]
    config["OJ_DISABLED_PLUGINS"] = "partner_feed, lge_digest"
    blocked = create_app(config)
    with blocked.app_context():
        names = [c.name for c in channels()]
        assert "partner_feed" not in names and "lge_digest" not in names
        assert manager().is_blocked("partner_feed")
    sys.modules.pop("oj_partner_feed", None)


def test_a_misspelled_hook_is_refused_at_start(tmp_path_factory, smtp, app):
    class Typo:
        @hookimpl
        def oj_chanels(self):
            return []

    config = make_config(tmp_path_factory, smtp, OJ_PLUGINS=[Typo()])
    config["SQLALCHEMY_DATABASE_URI"] = app.config["SQLALCHEMY_DATABASE_URI"]
    with pytest.raises(pluggy.PluginValidationError):
        create_app(config)


def test_each_app_has_its_own_manager(plugin_app, app):
    application, plugin = plugin_app
    assert manager(application) is not manager(app)
    assert manager(application).is_registered(plugin)
    assert not manager(app).is_registered(plugin)


def test_every_hook_is_documented_and_tested():
    specs = {
        name
        for name, function in inspect.getmembers(hookspecs, inspect.isfunction)
        if name.startswith("oj_")
    }
    assert len(specs) >= 8
    docs = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    example = {name for name in vars(ExampleChannel) if name.startswith("oj_")}
    for name in specs:
        assert f"### `{name}" in docs, f"{name} is not documented in docs/plugins.md"
        assert getattr(hookspecs, name).__doc__ and "Example" in getattr(hookspecs, name).__doc__
    assert example == specs, "the example plugin implements every hook, and its tests use them"


def test_plugin_migrations_are_a_branch_of_their_own(app, ctx):
    from sqlalchemy import inspect as schema

    from orientheque_jobs.plugins import migration_folders

    folders = [Path(folder) for folder in migration_folders(app)]
    assert ROOT / "plugins" / "lge_digest" / "migrations" in folders
    # `flask db upgrade heads` (the conftest) created the plugin's tables.
    assert {"lge_subscription", "lge_ledger", "lge_delivery"} <= set(
        schema(db.engine).get_table_names()
    )
