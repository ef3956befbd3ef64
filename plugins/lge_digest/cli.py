"""`flask digest send`: the day's digests (also part of `flask channels run`)."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

digest_cli = AppGroup("digest", help="LGE daily email digest of new offers.")


class _Bar:
    """A click progress bar, opened on the first report (the total is known only then)."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar = None
        self.shown = 0

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.shown)
        self.shown = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@digest_cli.command("send")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), help="Default: today.")
@click.option(
    "--dry-run", is_flag=True, help="Say who would get which offers; write and send nothing."
)
@click.option(
    "--resend-uncertain",
    is_flag=True,
    help="Also resend today's digests whose hand-off was interrupted after the end of data "
    "(check the mail server's log for their Message-ID first).",
)
@click.option("--quiet", is_flag=True, help="No progress bar.")
def send(day, dry_run: bool, resend_uncertain: bool, quiet: bool):
    """Send today's digests: one email per active subscriber with new matching offers.

    Safe to run again the same day, and after a crash: whoever got their digest is skipped.
    """
    from .sending import send_digests

    bar = None if quiet else _Bar("digests")
    try:
        summary = send_digests(
            day.date() if day else None,
            dry_run=dry_run,
            progress=bar,
            resend_uncertain=resend_uncertain,
        )
    finally:
        if bar is not None:
            bar.close()
    for line in summary.lines():
        click.echo(line)
    if summary.busy or summary.stopped:
        sys.exit(1)


EX_TEMPFAIL = 75  # sysexits.h: the mail server keeps the message and tries again later


@digest_cli.command("unsubscribe-mail")
@click.argument("message", type=click.File("rb"), default="-")
def unsubscribe_mail(message):
    """Unsubscribe from one email sent to the `List-Unsubscribe` mailto address.

    Reads the email (RFC 5322) from MESSAGE or standard input, as a mail server's pipe
    delivers it; the subject names the subscription (signed, as in the link). Exits 0 when the
    email is handled, including one that names no subscription (nothing to retry), and 75 when
    the database cannot be reached, so that the mail server delivers it again later.
    """
    import email
    import email.policy

    from sqlalchemy.exc import SQLAlchemyError

    from orientheque_jobs.extensions import db

    from .links import LinkInvalid, subscription_from_mailto_subject
    from .subscriptions import Method, unsubscribe

    parsed = email.message_from_binary_file(message, policy=email.policy.default)
    try:
        subject = str(parsed.get("Subject") or "")
    except (ValueError, IndexError):  # a header the parser cannot decode
        subject = ""
    try:
        sub = subscription_from_mailto_subject(subject)
        done = unsubscribe(sub, Method.MAILTO)
    except LinkInvalid:
        click.echo("no subscription named in the subject: ignored")
        return
    except SQLAlchemyError as exc:
        db.session.rollback()
        click.echo(f"database unavailable, try again later: {exc.__class__.__name__}", err=True)
        sys.exit(EX_TEMPFAIL)
    click.echo(f"abonné {sub.id}: " + ("unsubscribed" if done else "already unsubscribed"))
