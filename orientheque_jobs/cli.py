"""`flask …` commands: reference data, demo data, offer expiry, staff accounts."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy import select

from .extensions import db
from .models import Role, User
from .search.cli import search_cli

ref_cli = AppGroup("ref", help="Reference data (CNP 2021, municipalities).")
demo_cli = AppGroup("demo", help="Demonstration data.")
offers_cli = AppGroup("offers", help="Offer lifecycle jobs.")
channels_cli = AppGroup("channels", help="Distribution channels: the daily run.")
plugins_cli = AppGroup("plugins", help="Plugins (pluggy).")
users_cli = AppGroup("users", help="Staff accounts.")


@ref_cli.command("load")
def ref_load():
    """Insert or update the reference tables from orientheque_jobs/data/."""
    from .services.reference import load_reference_data

    for table, count in load_reference_data().items():
        click.echo(f"{table}: {count}")


@ref_cli.command("build")
@click.option(
    "--raw",
    "raw_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("../shared/data/raw"),
    show_default=True,
)
def ref_build(raw_dir: Path):
    """Rebuild orientheque_jobs/data/*.csv from the raw public files."""
    from .services.reference import build_reference_files

    for name, count in build_reference_files(raw_dir).items():
        click.echo(f"{name}: {count} rows")


@demo_cli.command("load")
def demo_load():
    """Load the demo data set once; running it again changes nothing."""
    from .plugins import manager
    from .services.demo import DEMO_PASSWORD, load_demo_data

    summary = load_demo_data()
    counts = dict(summary["counts"])
    for extra in manager().hook.oj_demo_load(app=current_app._get_current_object()):
        counts.update(extra or {})
    for key, value in counts.items():
        click.echo(f"{key}: {value}")
    click.secho("Demo counsellor login:", bold=True)
    click.echo(f"  email:    {summary['login']}")
    click.echo(f"  password: {DEMO_PASSWORD}")


@offers_cli.command("expire")
def offers_expire():
    """Unpublish offers past expiry; remind employers of offers about to expire."""
    from .services.offers import expire_offers

    expired, reminded = expire_offers()
    click.echo(f"expired: {len(expired)}, reminded: {len(reminded)}")


@channels_cli.command("run")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), help="Default: today.")
@click.option("--dry-run", is_flag=True, help="Say what would be done; change nothing.")
def channels_run(day, dry_run: bool):
    """Every channel's daily work (expiry, digest, exports); safe to run again the same day."""
    from .services.distribution import daily_run

    for line in daily_run(day.date() if day else None, dry_run=dry_run):
        click.echo(line)


@plugins_cli.command("list")
def plugins_list():
    """The loaded plugins, their hooks and channels."""
    from .plugins import channels, manager

    pm = manager()
    for name, plugin in sorted(pm.list_name_plugin(), key=lambda item: item[0]):
        if plugin is None:
            continue
        hooks = sorted(h.name for h in pm.get_hookcallers(plugin) or ())
        click.echo(f"{name}: {', '.join(hooks) or 'no hooks'}")
    for channel in channels():
        click.echo(f"channel {channel.name}: {channel.label}")
    blocked = sorted(name for name, plugin in pm.list_name_plugin() if plugin is None)
    if blocked:
        click.echo(f"disabled: {', '.join(blocked)}")


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option(
    "--role",
    type=click.Choice([r.value for r in Role]),
    default=Role.COUNSELLOR.value,
    show_default=True,
)
@click.password_option(envvar="OJ_NEW_USER_PASSWORD")
def users_create(email: str, name: str, role: str, password: str):
    """Create a staff account (or reset its password and role)."""
    if len(password) < 10:
        raise click.BadParameter("at least 10 characters", param_hint="password")
    email = email.strip().lower()
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None:
        user = User(email=email)
        db.session.add(user)
    user.name, user.role, user.active = name, Role(role), True
    user.set_password(password)
    db.session.commit()
    click.echo(f"{user.role.value} {user.email}: ready")


def init_app(app: Flask) -> None:
    for group in (ref_cli, demo_cli, offers_cli, channels_cli, plugins_cli, users_cli, search_cli):
        app.cli.add_command(group)
