"""The daily digest: at most one email per active subscriber per day, with the new offers that
match their criteria; resumable after a crash, safe to run twice.

`send_digests(day)` works in batches of subscribers:

1. **Select.** The candidate offers — visible on `day`, published in the `OJ_LGE_LOOKBACK_DAYS`
   (7) days before `day` — go into one in-memory Whoosh index (`matching.NewOffers`), built once
   per run (DESIGN §6: match subscribers against the new offers, not the archive). A digest of
   day D holds the offers published before D's local midnight and at or after the start of the
   subscriber's `last_digest_on` (their previous digest's cut-off), or their confirmation for
   the first one, never more than the look-back: whenever the run happens that day, and however
   often it is rerun, the same person gets the same offers, and an offer published during a run
   is in tomorrow's digest. Matches are re-checked against the database's visibility rule just
   before each batch is claimed.
2. **Claim.** One transaction per batch inserts a `DigestDelivery` per subscriber — `sending`
   when something matched, `empty` (no email, `last_digest_on` advanced) when nothing did —
   with `INSERT … ON CONFLICT DO NOTHING`: the unique (subscription, day) constraint makes a
   rerun, or a run that would race this one, skip whoever is already claimed. Subscribers who
   left or were paused since the run started are not claimed.
3. **Hand off**, through one reused SMTP connection, each message with a deterministic
   Message-ID (`<lge-digest.<subscription id>.<yyyymmdd>@<sender's domain>>`): MAIL, RCPT,
   DATA and the message's text are sent; then the delivery row gets its `message_id` and one
   more attempt, committed — only if the subscription is still active (an unsubscribe takes
   effect up to this point: the unfinished message is dropped with the connection); then the
   final "." is sent and the server's reply read. On 250 the row becomes `sent` in the next
   message's commit (so a message costs one commit). At the end of each batch, the
   subscriptions sent to get `last_digest_on` = `day` (and a bounce count of 0) and one
   `Distribution` row per offer is written (target "abonné <id>", never the address); a crash
   before that is repaired by the next run, from the `sent` rows.

**After a crash** (the process killed, the machine rebooted, the SMTP server gone), rerunning
the same day finds each claimed row in one of three states:

- `message_id` empty: the final "." of that message was provably never sent (the row is marked
  before it), and an SMTP server keeps nothing of a transaction without it. The rerun sends it:
  these subscribers get exactly one digest.
- `sent`, `empty`, `failed`: done for the day, skipped.
- `sending` with a `message_id`: the process died between marking the row and recording the
  server's answer — the few milliseconds around the final "." (RFC 1047's window). The server
  may or may not have the message. **The rerun does not resend it** (at most once), reports it
  as uncertain, and leaves `last_digest_on` alone, so if the message was in fact lost its offers
  come in the next day's digest: a late digest rather than a duplicate. An operator who checked
  the mail server's log (grep the Message-ID) can send those with
  `flask digest send --resend-uncertain`, which reuses the same Message-ID. At most one row per
  crash is in this state, since messages go one at a time.

So a crash never sends an email twice, and every subscriber but at most one per crash has
exactly one digest for the day after the rerun. A run holds a lock for its whole duration (a
PostgreSQL advisory lock, or a file lock next to a SQLite database), released by the operating
system if the process dies: a second run started meanwhile does nothing and says so, and a
rerun knows that unmarked `sending` rows belong to no living run.

**SMTP errors.** A temporary failure (a 4xx reply, a refused or dropped connection) is retried
with exponential back-off (`OJ_LGE_SMTP_RETRIES` attempts, `OJ_LGE_SMTP_BACKOFF` seconds
doubling up to `OJ_LGE_SMTP_BACKOFF_MAX`), reconnecting as needed; then the row is left for the
next run, and after `OJ_LGE_SMTP_MAX_DEFERRED` messages deferred in a row the run stops (the
server is down; the rest waits for the rerun). A permanent rejection (5xx) of the recipient or
of the message makes the row `failed` and counts a bounce; at `OJ_LGE_MAX_BOUNCES` (3) bounces
in a row the subscription is paused (ledger `paused`, method `bounce`). A 5xx to MAIL FROM is
about our sender, not the subscriber: the run stops. Without `MAIL_SERVER` (development) the
messages are written as `.eml` files to `OJ_OUTBOX_DIR`, like every other email.
"""

from __future__ import annotations

import binascii
import contextlib
import enum
import functools
import logging
import os
import re
import secrets
import smtplib
import socket
import ssl
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as day_time
from email.header import Header
from email.utils import format_datetime, formataddr, getaddresses, parseaddr
from pathlib import Path
from zoneinfo import ZoneInfo

from flask import current_app, render_template, url_for
from flask_babel import force_locale, gettext, ngettext
from markupsafe import Markup
from sqlalchemy import and_, bindparam, exists, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.orm import joinedload

from orientheque_jobs.extensions import db
from orientheque_jobs.labels import EMPLOYMENT_TYPE_LABELS, SCHEDULE_LABELS
from orientheque_jobs.models import Distribution, DistributionResult, Offer, utcnow
from orientheque_jobs.services.clock import local_today
from orientheque_jobs.services.geo import geo
from orientheque_jobs.web.i18n import long_date

from .matching import Criteria, NewOffers
from .models import (
    DeliveryStatus,
    DigestDelivery,
    DigestSubscription,
    SubscriptionStatus,
)

log = logging.getLogger(__name__)
CHANNEL = "lge_digest"
CRLF = "\r\n"
ADDRESS_HEADERS = {"From", "To", "Reply-To"}
Progress = Callable[[int, int], None]

DEFAULTS = {
    "OJ_LGE_LOOKBACK_DAYS": 7,  # the oldest offers a digest may hold (first digest, or a pause)
    "OJ_LGE_MAX_OFFERS": 30,  # offers listed in one email; the rest is a link to the board
    "OJ_LGE_BATCH": 200,  # subscribers claimed per transaction
    "OJ_LGE_SMTP_RETRIES": 4,  # attempts per message on temporary errors
    "OJ_LGE_SMTP_BACKOFF": 1.0,  # seconds before the first retry, doubled each time
    "OJ_LGE_SMTP_BACKOFF_MAX": 60.0,
    "OJ_LGE_SMTP_MAX_DEFERRED": 3,  # messages deferred in a row before the run stops
    "OJ_LGE_SMTP_TIMEOUT": 30.0,
    "OJ_LGE_MAX_BOUNCES": 3,  # bounces in a row before the subscription is paused
    "OJ_LGE_BOUNCE_ADDRESS": None,  # envelope sender; default: the address of MAIL_DEFAULT_SENDER
}
LOCALES = {"en": "en_CA", "fr": "fr_CA"}
ADVISORY_LOCK = 0x4C474544  # "LGED"

_subs = DigestSubscription.__table__
_deliveries = DigestDelivery.__table__
_distributions = Distribution.__table__

# Built once: a message costs these statements, and building one costs more than running it.
_MARK = (
    update(_deliveries)
    .where(
        _deliveries.c.id == bindparam("b_delivery"),
        _deliveries.c.status == DeliveryStatus.SENDING,
        _deliveries.c.message_id.is_(None),
        exists().where(
            _subs.c.id == bindparam("b_sub"), _subs.c.status == SubscriptionStatus.ACTIVE
        ),
    )
    .values(message_id=bindparam("b_message_id"), attempts=bindparam("b_attempts"), error=None)
)
_SENT = (
    update(_deliveries)
    .where(
        _deliveries.c.id == bindparam("p_delivery"), _deliveries.c.status == DeliveryStatus.SENDING
    )
    .values(
        status=DeliveryStatus.SENT,
        sent_at=bindparam("p_at"),
        attempts=bindparam("p_attempts"),
        error=None,
    )
)
# PostgreSQL: the previous message's 250 and this message's mark in one statement, one round
# trip (with p_delivery None when there is no previous message).
_SENT_THEN_MARK = _MARK.add_cte(_SENT.cte("previous"))
_SENT_PARAMS = ("p_delivery", "p_at", "p_attempts")


def setting(name: str):
    return current_app.config.get(name, DEFAULTS[name])


def senders() -> tuple[str, str]:
    """The digests' From header, and their envelope sender (where bounces go)."""
    config = current_app.config
    sender = config.get("MAIL_DEFAULT_SENDER") or config["OJ_ORG_EMAIL"]
    header = sender if isinstance(sender, str) else f"{sender[0]} <{sender[1]}>"
    return header, setting("OJ_LGE_BOUNCE_ADDRESS") or parseaddr(header)[1]


def locale_of(language: str | None) -> str:
    return LOCALES.get((language or "fr")[:2].lower(), LOCALES["fr"])


def day_start(day: date) -> datetime:
    """Local midnight of `day`, as the naive UTC time the database stores."""
    tz = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return datetime.combine(day, day_time.min, tzinfo=tz).astimezone(UTC).replace(tzinfo=None)


# --- the summary ------------------------------------------------------------------------------


@dataclass
class Preview:
    """What a dry run would do for one subscriber."""

    subscription_id: int
    email: str
    language: str
    offer_ids: list[int]
    titles: list[str]

    def line(self) -> str:
        if not self.offer_ids:
            return f"  abonné {self.subscription_id} <{self.email}>: nothing new, no email"
        shown = "; ".join(self.titles[:3]) + (" …" if len(self.titles) > 3 else "")
        return (
            f"  abonné {self.subscription_id} <{self.email}> ({self.language}): "
            f"{len(self.offer_ids)} offers — {shown}"
        )


@dataclass
class DigestSummary:
    day: date
    dry_run: bool = False
    candidates: int = 0  # new offers in the run's index
    subscribers: int = 0  # active subscribers seen
    sent: int = 0
    empty: int = 0  # nothing matched: no email
    failed: int = 0  # permanent rejections
    paused: int = 0  # of which paused after repeated bounces
    deferred: int = 0  # temporary failures: the next run sends them
    already: int = 0  # done earlier today (sent, empty or failed)
    left: int = 0  # subscribers who unsubscribed or were paused during the run
    uncertain: list[int] = field(default_factory=list)  # subscription ids, see the module doc
    resent_uncertain: int = 0
    stopped: str | None = None  # why the run stopped before the end
    busy: bool = False  # another run holds the lock: nothing was done
    previews: list[Preview] = field(default_factory=list)
    queries: int = 0  # index searches run (the others came from the cache)
    timings: dict[str, float] = field(
        default_factory=lambda: {"select": 0.0, "render": 0.0, "handoff": 0.0, "record": 0.0}
    )

    @property
    def would_send(self) -> int:
        return sum(1 for p in self.previews if p.offer_ids)

    def lines(self) -> list[str]:
        head = f"lge_digest {self.day.isoformat()}"
        if self.busy:
            return [f"{head}: another digest run is in progress; nothing done"]
        if self.dry_run:
            lines = [
                f"{head} (dry run): {self.candidates} new offers, {self.subscribers} active "
                f"subscribers: {self.would_send} would get an email, "
                f"{len(self.previews) - self.would_send} nothing new, {self.already} already done"
            ]
            return lines + [p.line() for p in self.previews]
        lines = [
            f"{head}: {self.candidates} new offers, {self.subscribers} active subscribers: "
            f"sent {self.sent}, empty {self.empty}, failed {self.failed} (paused {self.paused}), "
            f"deferred {self.deferred}, already done {self.already}"
        ]
        if self.left:
            lines.append(f"  {self.left} left or were paused during the run: nothing sent")
        if self.resent_uncertain:
            lines.append(f"  resent {self.resent_uncertain} uncertain hand-offs (same Message-ID)")
        if self.uncertain:
            ids = ", ".join(str(i) for i in self.uncertain[:20])
            lines.append(
                f"  uncertain hand-off, not resent (look for the Message-ID in the mail server's "
                f"log; `flask digest send --resend-uncertain` sends them): abonnés {ids}"
            )
        if self.stopped:
            lines.append(f"  stopped early: {self.stopped}; run it again to finish")
        return lines


# --- the SMTP side ----------------------------------------------------------------------------


class Outcome(enum.Enum):
    SENT = "sent"
    TEMPORARY = "temporary"  # provably not accepted; worth retrying
    PERMANENT = "permanent"  # rejected (5xx) for this recipient or message
    SENDER_REFUSED = "sender_refused"  # 5xx to MAIL FROM: about us, not the subscriber
    UNCERTAIN = "uncertain"  # the final "." went out, the answer never came back
    CANCELLED = "cancelled"  # `mark` said no (unsubscribed meanwhile): nothing delivered


@dataclass
class Result:
    outcome: Outcome
    detail: str = ""
    marked: bool = False  # the row was marked (message_id written) during this attempt


def _reply(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {text}".strip()


def smtp_payload(message: bytes) -> bytes:
    """The message as SMTP DATA wants it, CRLF line ends and dot-stuffed, without the final
    "." line (which `SmtpTransport.handoff` sends separately)."""
    data = message.replace(b"\r\n", b"\n").replace(b"\r", b"\n").replace(b"\n", b"\r\n")
    data = (b"." if data.startswith(b".") else b"") + data.replace(b"\r\n.", b"\r\n..")
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    return data


@functools.lru_cache(maxsize=64)  # From, Reply-To, List-Id, subjects: the same all run long
def _header(name: str, value: str) -> str:
    """One header line, folded; RFC 2047 only for non-ASCII text (never inside the URIs of
    List-Unsubscribe, which mail providers read as they are)."""
    value = " ".join(str(value).split())  # no line breaks from the data
    if name in ADDRESS_HEADERS:
        value = ", ".join(formataddr(pair, charset="utf-8") for pair in getaddresses([value]))
    elif not value.isascii():
        value = Header(value, "utf-8", header_name=name).encode(linesep=CRLF)
    elif name.startswith("List-") and ", <" in value:
        value = value.replace(", <", "," + CRLF + " <")  # fold between the URIs
    return f"{name}: {value}{CRLF}"


def mime_alternative(headers: list[tuple[str, str]], text: str, html: str, language: str) -> bytes:
    """A multipart/alternative message, text then HTML, UTF-8 quoted-printable.

    Written by hand: `email.message.EmailMessage` costs a few milliseconds a message, more than
    everything else in a digest but SMTP. The boundary starts with "=_", which quoted-printable
    text can never contain. (Parsed back by the tests with the standard library.)
    """
    boundary = f"=_lge_{secrets.token_hex(12)}"
    head = "".join(_header(name, value) for name, value in headers)
    parts = []
    for subtype, content in (("plain", text), ("html", html)):
        body = binascii.b2a_qp(content.encode("utf-8"), istext=True).replace(b"\r\n", b"\n")
        parts.append(
            f"--{boundary}{CRLF}Content-Type: text/{subtype}; charset=utf-8{CRLF}"
            f"Content-Transfer-Encoding: quoted-printable{CRLF}{CRLF}".encode()
            + body.replace(b"\n", b"\r\n")
            + CRLF.encode()
        )
    return (
        (
            f"{head}MIME-Version: 1.0{CRLF}"
            f'Content-Type: multipart/alternative; boundary="{boundary}"{CRLF}'
            f"Content-Language: {language}{CRLF}{CRLF}"
        ).encode()
        + b"".join(parts)
        + f"--{boundary}--{CRLF}".encode()
    )


class SmtpTransport:
    """One SMTP connection reused for every message, opened again when it drops.

    `handoff` runs the transaction step by step so that it knows whether the final "." went
    out: an error before it is a provable non-delivery, an error after it is uncertain.
    """

    def __init__(self, config) -> None:
        self.host = config["MAIL_SERVER"]
        self.port = int(config.get("MAIL_PORT") or 25)
        self.use_ssl = bool(config.get("MAIL_USE_SSL"))
        self.use_tls = bool(config.get("MAIL_USE_TLS"))
        self.username = config.get("MAIL_USERNAME")
        self.password = config.get("MAIL_PASSWORD")
        self.timeout = float(config.get("OJ_LGE_SMTP_TIMEOUT", DEFAULTS["OJ_LGE_SMTP_TIMEOUT"]))
        self.conn: smtplib.SMTP | None = None
        self.connections = 0
        self.in_data = False  # between DATA and the final ".": QUIT would be read as text

    def _connect(self) -> smtplib.SMTP:
        if self.conn is None:
            context = ssl.create_default_context()
            if self.use_ssl:
                conn = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=context)
            else:
                conn = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            try:
                # The final "." goes out on its own, after the mark's commit: without this,
                # Nagle's algorithm holds it until the server's delayed ACK (40 ms a message).
                conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                conn.ehlo()
                if self.use_tls:
                    conn.starttls(context=context)
                    conn.ehlo()
                if self.username:
                    conn.login(self.username, self.password or "")
            except BaseException:
                conn.close()
                raise
            self.conn = conn
            self.connections += 1
        return self.conn

    def drop(self) -> None:
        self.in_data = False
        if self.conn is not None:
            with contextlib.suppress(Exception):
                self.conn.close()
            self.conn = None

    def close(self) -> None:
        if self.conn is not None and not self.in_data:
            with contextlib.suppress(Exception):
                self.conn.quit()
        self.drop()  # mid-DATA (an interrupted run): just close; the server discards it

    def _refused(self, code: int, text, step: str) -> Result:
        if code == 421:  # the server is closing the connection
            self.drop()
        else:
            with contextlib.suppress(Exception):
                self.conn.rset()
        detail = f"{step}: {_reply(code, text)}"
        if 400 <= code < 500 or code < 200:
            return Result(Outcome.TEMPORARY, detail)
        if step == "MAIL FROM":
            return Result(Outcome.SENDER_REFUSED, detail)
        return Result(Outcome.PERMANENT, detail)

    def handoff(self, sender: str, recipient: str, payload: bytes, mark, name: str = "") -> Result:
        """Send one message; `mark()` is called before the final "." (False cancels)."""
        try:
            conn = self._connect()
            code, text = conn.mail(sender)
            if code != 250:
                return self._refused(code, text, "MAIL FROM")
            code, text = conn.rcpt(recipient)
            if code not in (250, 251):
                return self._refused(code, text, "RCPT TO")
            code, text = conn.docmd("DATA")
            if code != 354:
                return self._refused(code, text, "DATA")
            self.in_data = True
            conn.send(payload)
        except (OSError, smtplib.SMTPException) as exc:
            self.drop()
            return Result(Outcome.TEMPORARY, f"connection: {exc!r}")
        if not mark():
            self.drop()  # the only way to abandon DATA: the server discards it
            return Result(Outcome.CANCELLED)
        try:
            conn.send(b".\r\n")
        except (OSError, smtplib.SMTPException) as exc:
            # A failed send never completes the terminator: still provably not delivered.
            self.drop()
            return Result(Outcome.TEMPORARY, f"connection: {exc!r}", marked=True)
        try:
            code, text = conn.getreply()
        except (OSError, smtplib.SMTPException) as exc:
            self.drop()
            return Result(Outcome.UNCERTAIN, f"no reply after the end of data: {exc!r}", True)
        self.in_data = False
        if code == 250:
            return Result(Outcome.SENT, _reply(code, text), marked=True)
        result = self._refused(code, text, "end of data")
        result.marked = True
        return result


class OutboxTransport:
    """Development: each message as an .eml file in `OJ_OUTBOX_DIR` (named after its
    Message-ID, so a resend replaces the file); the rename is the hand-off."""

    connections = 0

    def __init__(self, config) -> None:
        self.outbox = Path(config["OJ_OUTBOX_DIR"])

    def handoff(self, sender: str, recipient: str, payload: bytes, mark, name: str = "") -> Result:
        self.outbox.mkdir(parents=True, exist_ok=True)
        path = self.outbox / f"{re.sub(r'[^A-Za-z0-9.@_-]', '', name)}.eml"
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(payload.replace(b"\r\n..", b"\r\n."))
        if not mark():
            tmp.unlink(missing_ok=True)
            return Result(Outcome.CANCELLED)
        tmp.replace(path)
        return Result(Outcome.SENT, str(path), marked=True)

    def close(self) -> None:
        pass


def transport_for(config):
    if config.get("MAIL_SERVER") and not config.get("MAIL_SUPPRESS_SEND"):
        return SmtpTransport(config)
    return OutboxTransport(config)


# --- the run lock -----------------------------------------------------------------------------


@contextlib.contextmanager
def run_lock() -> Iterator[bool]:
    """Held for a whole run; the OS releases it if the process dies. Yields False if busy."""
    engine = db.engine
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            got = conn.exec_driver_sql(f"SELECT pg_try_advisory_lock({ADVISORY_LOCK})").scalar()
            conn.commit()
            try:
                yield bool(got)
            finally:
                if got:
                    conn.exec_driver_sql(f"SELECT pg_advisory_unlock({ADVISORY_LOCK})")
                    conn.commit()
        return
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:":
        yield True  # nothing to share a lock with; the unique constraint still holds
        return
    import fcntl

    path = Path(f"{database}.lge-digest.lock")
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


# --- one run ----------------------------------------------------------------------------------


@dataclass
class Subscriber:
    """The columns of a subscription a run needs (plain values: commits never reload them)."""

    id: int
    email: str
    language: str
    token: str
    keywords: str | None
    noc_codes: str
    municipality_codes: str
    mrc_codes: str
    home_municipality_code: str | None
    max_distance_km: int | None
    employment_types: int
    schedules: int
    last_digest_on: date | None
    confirmed_at: datetime | None
    created_at: datetime
    bounces: int


@dataclass
class Job:
    """One subscriber's digest in a batch."""

    sub: Subscriber
    message_id: str
    offer_ids: list[int] = field(default_factory=list)
    more: int = 0  # matches beyond OJ_LGE_MAX_OFFERS
    delivery_id: int | None = None
    takeover: bool = False  # a row left `sending` by an earlier run
    was_uncertain: bool = False  # … whose hand-off was uncertain (--resend-uncertain)
    attempts: int = 0
    payload: bytes = b""


@dataclass(frozen=True)
class OfferData:
    """What a digest shows of a candidate offer, read once (commits never reload it)."""

    id: int
    title: str
    title_en: str | None
    employer: str
    municipality: str | None
    remote: bool
    employment_types: tuple
    schedules: tuple
    expires_on: date

    @classmethod
    def of(cls, offer: Offer) -> OfferData:
        return cls(
            id=offer.id,
            title=offer.title,
            title_en=offer.title_en,
            employer=offer.employer.name,
            municipality=offer.municipality.name if offer.municipality is not None else None,
            remote=bool(offer.remote),
            employment_types=tuple(offer.employment_type_flags),
            schedules=tuple(offer.schedule_flags),
            expires_on=offer.expires_on,
        )


@dataclass
class OfferView:
    title: str
    employer: str
    place: str
    details: str
    expires: str
    url: str
    html: Markup = Markup("")  # the offer's block in the email, rendered once per locale
    text: str = ""


class DigestRun:
    def __init__(
        self,
        day: date,
        summary: DigestSummary,
        progress: Progress | None = None,
        resend_uncertain: bool = False,
    ) -> None:
        self.app = current_app._get_current_object()
        self.config = self.app.config
        self.day = day
        self.summary = summary
        self.progress = progress
        self.resend_uncertain = resend_uncertain
        self.cutoff = day_start(day)
        self.earliest = day_start(day - timedelta(days=int(setting("OJ_LGE_LOOKBACK_DAYS"))))
        self.max_offers = int(setting("OJ_LGE_MAX_OFFERS"))
        self.sender, self.envelope_from = senders()
        self.domain = self.envelope_from.rpartition("@")[2] or "localhost"
        self.list_id = formataddr(
            (self.config["OJ_ORG_NAME"], f"lge-digest.{self.domain}"), charset="utf-8"
        )
        self.offers: dict[int, OfferData] = {}
        self.views: dict[str, dict[int, OfferView]] = {}
        self.board_urls: dict[str, str] = {}
        self.transport: SmtpTransport | OutboxTransport | None = None
        self.deferred_in_a_row = 0
        self.done = 0
        self.marking = 0.0
        self.unrecorded: list[tuple[Job, datetime]] = []
        self.distributions: list[dict] = []
        self.sent_before: list[tuple] = []
        self.advanced: list[int] = []  # sent to, `last_digest_on` not yet written
        self.autocommit: Connection | None = None  # PostgreSQL: where the marks go

    # --- select -------------------------------------------------------------------------------

    def load(self) -> tuple[NewOffers, list[Subscriber], dict[int, tuple]]:
        offers = list(
            db.session.scalars(
                select(Offer)
                .where(
                    Offer.visible_clause(self.day),
                    Offer.published_at >= self.earliest,
                    Offer.published_at < self.cutoff,
                )
                .options(
                    joinedload(Offer.employer),
                    joinedload(Offer.municipality),
                    joinedload(Offer.noc),
                )
                .order_by(Offer.id)
            ).unique()
        )
        self.offers = {offer.id: OfferData.of(offer) for offer in offers}
        new = NewOffers(offers, geo())
        columns = [getattr(_subs.c, name) for name in Subscriber.__dataclass_fields__]
        subscribers = [
            Subscriber(*row)
            for row in db.session.execute(
                select(*columns)
                .where(_subs.c.status == SubscriptionStatus.ACTIVE)
                .order_by(_subs.c.id)
            )
        ]
        rows = db.session.execute(
            select(
                _deliveries.c.subscription_id,
                _deliveries.c.id,
                _deliveries.c.status,
                _deliveries.c.message_id,
                _deliveries.c.attempts,
                _deliveries.c.offer_ids,
                _deliveries.c.sent_at,
            ).where(_deliveries.c.day == self.day)
        ).all()
        existing = {row[0]: tuple(row[1:5]) for row in rows}
        db.session.commit()  # end the read transaction (SQLite: let writers in)
        self.sent_before = [
            (row[0], row[5], row[6], row[3]) for row in rows if row[2] == DeliveryStatus.SENT
        ]
        return new, subscribers, existing

    def since(self, sub: Subscriber) -> datetime:
        if sub.last_digest_on is not None:
            start = day_start(sub.last_digest_on)
        else:
            start = sub.confirmed_at or sub.created_at
        return max(start, self.earliest)

    def visible_now(self) -> set[int]:
        """The candidates still visible (filled or withdrawn ones drop out mid-run)."""
        if not self.offers:
            return set()
        visible = set(
            db.session.scalars(
                select(Offer.id).where(
                    Offer.id.in_(list(self.offers)), Offer.visible_clause(self.day)
                )
            )
        )
        db.session.commit()
        return visible

    def plan(self, new: NewOffers, sub: Subscriber, existing: dict, visible: set[int]):
        """The job of one subscriber; None when today's digest is settled (or uncertain)."""
        job = Job(sub=sub, message_id=self.message_id(sub))
        row = existing.get(sub.id)
        if row is not None:
            delivery_id, status, message_id, attempts = row
            if status != DeliveryStatus.SENDING:
                self.summary.already += 1
                return None
            if message_id is not None and not self.resend_uncertain:
                self.summary.uncertain.append(sub.id)
                return None
            job.delivery_id, job.takeover, job.attempts = delivery_id, True, attempts
            job.was_uncertain = message_id is not None
        matched = [i for i in new.match(Criteria.of(sub), self.since(sub)) if i in visible]
        job.offer_ids = matched[: self.max_offers]
        job.more = len(matched) - len(job.offer_ids)
        return job

    def message_id(self, sub: Subscriber) -> str:
        return f"<lge-digest.{sub.id}.{self.day:%Y%m%d}@{self.domain}>"

    # --- claim --------------------------------------------------------------------------------

    def _insert(self, table, rows: list[dict], conflict: list[str], returning=None):
        module = postgresql if db.engine.dialect.name == "postgresql" else sqlite
        statement = module.insert(table).on_conflict_do_nothing(index_elements=conflict)
        if returning is None:
            return db.session.execute(statement, rows)
        return db.session.execute(statement.returning(*returning), rows).all()

    def claim(self, jobs: list[Job]) -> list[Job]:
        """One transaction claims the batch; returns the jobs to send, in subscription order.

        Jobs whose row another run inserted or took meanwhile are counted as already done."""
        active = set(
            db.session.scalars(
                select(_subs.c.id).where(
                    _subs.c.id.in_([job.sub.id for job in jobs]),
                    _subs.c.status == SubscriptionStatus.ACTIVE,
                )
            )
        )
        now = utcnow()
        fresh: list[Job] = []
        to_send: list[Job] = []
        emptied: list[int] = []
        for job in jobs:
            if job.sub.id not in active:
                self.summary.left += 1
            elif not job.takeover:
                fresh.append(job)
            else:
                if job.was_uncertain:  # --resend-uncertain: take the Message-ID back first
                    db.session.execute(
                        update(_deliveries)
                        .where(_deliveries.c.id == job.delivery_id)
                        .values(message_id=None)
                    )
                taken = db.session.execute(
                    update(_deliveries)
                    .where(
                        _deliveries.c.id == job.delivery_id,
                        _deliveries.c.status == DeliveryStatus.SENDING,
                        _deliveries.c.message_id.is_(None),
                    )
                    .values(
                        status=DeliveryStatus.SENDING if job.offer_ids else DeliveryStatus.EMPTY,
                        offer_ids=" ".join(map(str, job.offer_ids)),
                        claimed_at=now,
                    )
                ).rowcount
                if not taken:
                    self.summary.already += 1
                elif job.offer_ids:
                    to_send.append(job)
                else:
                    emptied.append(job.sub.id)
        if fresh:
            by_sub = {job.sub.id: job for job in fresh}
            rows = [
                {
                    "subscription_id": job.sub.id,
                    "day": self.day,
                    "status": DeliveryStatus.SENDING if job.offer_ids else DeliveryStatus.EMPTY,
                    "offer_ids": " ".join(map(str, job.offer_ids)),
                    "attempts": 0,
                    "claimed_at": now,
                }
                for job in fresh
            ]
            returning = (_deliveries.c.id, _deliveries.c.subscription_id)
            claimed = self._insert(_deliveries, rows, ["subscription_id", "day"], returning)
            self.summary.already += len(fresh) - len(claimed)
            for delivery_id, sub_id in claimed:
                job = by_sub[sub_id]
                job.delivery_id = delivery_id
                if job.offer_ids:
                    to_send.append(job)
                else:
                    emptied.append(sub_id)
        if emptied:
            db.session.execute(
                update(_subs).where(_subs.c.id.in_(emptied)).values(last_digest_on=self.day)
            )
        db.session.commit()
        self.summary.empty += len(emptied)
        return sorted(to_send, key=lambda job: job.sub.id)

    # --- render -------------------------------------------------------------------------------

    def offer_views(self, locale: str) -> dict[int, OfferView]:
        """Each candidate as a digest shows it, in one locale (once per run and locale)."""
        views = self.views.get(locale)
        if views is None:
            english = locale.startswith("en")
            params = {"lang": "en"} if english else {}
            remote = gettext("Télétravail")
            views = {}
            for offer in self.offers.values():
                places = [remote] if offer.remote else []
                if offer.municipality is not None:
                    places.append(offer.municipality)
                details = [str(EMPLOYMENT_TYPE_LABELS[f]) for f in offer.employment_types]
                details += [str(SCHEDULE_LABELS[f]) for f in offer.schedules]
                view = OfferView(
                    title=offer.title_en if english and offer.title_en else offer.title,
                    employer=offer.employer,
                    place=" · ".join(places),
                    details=", ".join(details),
                    expires=long_date(offer.expires_on),
                    url=url_for("public.offer", offer_id=offer.id, _external=True, **params),
                )
                # Safe: an autoescaped template's output.
                html = render_template("lge_digest/email/_offer.html", offer=view)
                view.html = Markup(html)  # noqa: S704
                view.text = render_template("lge_digest/email/_offer.txt", offer=view)
                views[offer.id] = view
            self.views[locale] = views
            self.board_urls[locale] = url_for("public.board", _external=True, **params)
        return views

    def render(self, job: Job, locale: str) -> None:
        """The message of one job, in the current (forced) locale, ready for DATA."""
        from .links import list_unsubscribe_headers, manage_url, unsubscribe_url

        sub = job.sub
        views = self.offer_views(locale)
        count = len(job.offer_ids) + job.more
        html_lang = locale.replace("_", "-")
        context = {
            "offers": [views[i] for i in job.offer_ids],
            "count": count,
            "more": job.more,
            "day": self.day,
            "manage_url": manage_url(sub),
            "unsubscribe_url": unsubscribe_url(sub),
            "board_url": self.board_urls[locale],
            "html_lang": html_lang,
            "lang": "en" if locale.startswith("en") else "fr",
        }
        subject = ngettext(
            "%(num)d nouvelle offre d'emploi pour vous",
            "%(num)d nouvelles offres d'emploi pour vous",
            count,
        )
        headers = [
            ("Subject", subject),
            ("From", self.sender),
            ("To", sub.email),
            ("Reply-To", self.config["OJ_ORG_EMAIL"]),
            ("Date", format_datetime(datetime.now(UTC))),
            ("Message-ID", job.message_id),
            ("List-Id", self.list_id),
            *list_unsubscribe_headers(sub, context["unsubscribe_url"]).items(),
            ("Auto-Submitted", "auto-generated"),
        ]
        text = render_template("lge_digest/email/digest.txt", **context)
        html = render_template("lge_digest/email/digest.html", **context)
        job.payload = smtp_payload(mime_alternative(headers, text, html, html_lang))

    def render_all(self, jobs: list[Job]) -> None:
        for language in sorted({job.sub.language for job in jobs}):
            locale = locale_of(language)
            with force_locale(locale):
                for job in jobs:
                    if job.sub.language == language:
                        self.render(job, locale)

    # --- hand off and record ------------------------------------------------------------------

    def _mark(self, job: Job) -> bool:
        """Commit the row's Message-ID before the final "."; False if the person left.

        The previous message's 250 goes into the same commit. On PostgreSQL both are one
        statement on a connection in autocommit: one round trip a message, not four."""
        started = time.perf_counter()
        params = {
            "b_delivery": job.delivery_id,
            "b_sub": job.sub.id,
            "b_message_id": job.message_id,
            "b_attempts": job.attempts,
        }
        if self.autocommit is not None and len(self.unrecorded) <= 1:
            previous = self._take_unrecorded()
            params |= previous[0] if previous else dict.fromkeys(_SENT_PARAMS)
            marked = self.autocommit.execute(_SENT_THEN_MARK, params).rowcount
        else:
            self._write_sent()
            marked = db.session.execute(_MARK, params).rowcount
            db.session.commit()
        elapsed = time.perf_counter() - started
        self.summary.timings["record"] += elapsed
        self.marking += elapsed
        return bool(marked)

    def deliver(self, job: Job) -> None:
        """Hand one message off, retrying temporary failures with back-off; record the end."""
        retries = max(1, int(setting("OJ_LGE_SMTP_RETRIES")))
        delay = float(setting("OJ_LGE_SMTP_BACKOFF"))
        ceiling = float(setting("OJ_LGE_SMTP_BACKOFF_MAX"))
        for attempt in range(retries):
            job.attempts += 1
            started, self.marking = time.perf_counter(), 0.0
            result = self.transport.handoff(
                self.envelope_from, job.sub.email, job.payload, lambda: self._mark(job),
                name=job.message_id,
            )  # fmt: skip
            # SMTP only: the mark's commit, inside the hand-off, is counted as "record".
            self.summary.timings["handoff"] += time.perf_counter() - started - self.marking
            if result.outcome != Outcome.TEMPORARY:
                break
            if attempt + 1 < retries:
                if result.marked:  # refused after the mark: take the Message-ID back now
                    self._record_temporary(job, result, final=False)
                time.sleep(min(delay * 2**attempt, ceiling))
        started = time.perf_counter()
        self.record(job, result)
        self.summary.timings["record"] += time.perf_counter() - started

    def _where(self, job: Job):
        return and_(
            _deliveries.c.id == job.delivery_id, _deliveries.c.status == DeliveryStatus.SENDING
        )

    def _stop_if_unavailable(self, detail: str) -> None:
        self.deferred_in_a_row += 1
        if self.deferred_in_a_row >= int(setting("OJ_LGE_SMTP_MAX_DEFERRED")):
            self.summary.stopped = f"SMTP unavailable ({detail})"

    def _record_temporary(self, job: Job, result: Result, final: bool) -> None:
        self._write_sent()
        db.session.execute(
            update(_deliveries)
            .where(self._where(job))
            .values(message_id=None, attempts=job.attempts, error=result.detail[:2000])
        )
        db.session.commit()
        if final:
            self.summary.deferred += 1
            self._stop_if_unavailable(result.detail)

    def record(self, job: Job, result: Result) -> None:
        outcome = result.outcome
        if outcome == Outcome.SENT:
            self._record_sent(job)
            return
        self._write_sent()  # committed with this outcome
        if outcome == Outcome.TEMPORARY:
            self._record_temporary(job, result, final=True)
        elif outcome == Outcome.PERMANENT:
            self._record_bounce(job, result)
        elif outcome == Outcome.CANCELLED:
            # Unsubscribed (or paused) after the claim: nothing went out; the row goes.
            db.session.execute(
                _deliveries.delete().where(self._where(job), _deliveries.c.message_id.is_(None))
            )
            db.session.commit()
            self.summary.left += 1
        elif outcome == Outcome.UNCERTAIN:
            db.session.execute(
                update(_deliveries)
                .where(self._where(job))
                .values(attempts=job.attempts, error=f"uncertain: {result.detail}"[:2000])
            )
            db.session.commit()
            self.summary.uncertain.append(job.sub.id)
            self._stop_if_unavailable(result.detail)
        else:  # SENDER_REFUSED: about us, not this subscriber; the row waits for the rerun
            self._record_temporary(job, result, final=False)
            self.summary.stopped = f"the mail server refuses our sender ({result.detail})"

    def _record_sent(self, job: Job) -> None:
        """The server took it: written with the next commit (the next message's mark, or the
        end of the batch), so a message costs one commit. Until then the row looks uncertain,
        which is what a crash should leave: it was delivered, it must not be sent again."""
        self.deferred_in_a_row = 0
        self.unrecorded.append((job, utcnow()))
        self.summary.sent += 1
        self.summary.resent_uncertain += int(job.was_uncertain)

    def _take_unrecorded(self) -> list[dict]:
        """The `_SENT` parameters of the delivered messages not yet recorded; their
        subscription and `Distribution` rows wait for the end of the batch."""
        taken = []
        for job, at in self.unrecorded:
            taken.append({"p_delivery": job.delivery_id, "p_at": at, "p_attempts": job.attempts})
            self.advanced.append(job.sub.id)
            self.distributions += self.distribution_rows(
                job.sub.id, job.offer_ids, at, job.message_id
            )
        self.unrecorded.clear()
        return taken

    def _write_sent(self) -> None:
        """Write the delivered messages not yet recorded (no commit)."""
        # Usually one message: plain executes, an executemany costs PostgreSQL a pipeline sync.
        for params in self._take_unrecorded():
            db.session.execute(_SENT, params)

    def distribution_rows(self, sub_id: int, offer_ids, at: datetime, message_id: str | None):
        """One `Distribution` per offer of a digest: to "abonné <id>", never the address."""
        return [
            {
                "offer_id": offer_id,
                "channel": CHANNEL,
                "target": f"abonné {sub_id}",
                "at": at,
                "result": DistributionResult.SENT,
                "detail": message_id,
                "key": self.distribution_key(sub_id, offer_id),
            }
            for offer_id in offer_ids
        ]

    def distribution_key(self, sub_id: int, offer_id) -> str:
        return f"{CHANNEL}:{sub_id}:{self.day.isoformat()}:{offer_id}"

    def flush_sent(self) -> None:
        """Commit what is pending: sent rows, then per batch rather than per message the
        subscriptions' `last_digest_on` and the `Distribution` rows (a crash in between is
        repaired by the next run: `repair_last_digest`, `repair_distributions`)."""
        if self.unrecorded or self.distributions or self.advanced:
            started = time.perf_counter()
            self._write_sent()
            if self.advanced:
                db.session.execute(
                    update(_subs)
                    .where(_subs.c.id.in_(self.advanced))
                    .values(last_digest_on=self.day, bounces=0)
                )
                self.advanced = []
            if self.distributions:
                self._insert(_distributions, self.distributions, ["key"])
                self.distributions = []
            db.session.commit()
            self.summary.timings["record"] += time.perf_counter() - started

    def repair_last_digest(self) -> None:
        """`last_digest_on` (and the bounce count) of the subscriptions whose latest digest a
        crash kept from being recorded there: the newest `sent` row within the look-back."""
        latest = (
            select(func.max(_deliveries.c.day))
            .where(
                _deliveries.c.subscription_id == _subs.c.id,
                _deliveries.c.status == DeliveryStatus.SENT,
                _deliveries.c.day
                >= self.day - timedelta(days=int(setting("OJ_LGE_LOOKBACK_DAYS"))),
                _deliveries.c.day <= self.day,
            )
            .scalar_subquery()
        )
        db.session.execute(
            update(_subs)
            .where(
                _subs.c.status == SubscriptionStatus.ACTIVE,
                latest.is_not(None),
                or_(_subs.c.last_digest_on.is_(None), _subs.c.last_digest_on < latest),
            )
            .values(last_digest_on=latest, bounces=0)
        )
        db.session.commit()

    def repair_distributions(self, sent: list[tuple]) -> int:
        """`Distribution` rows of today's sent digests that a crash kept from being written.

        A digest's rows are written in one statement: checking one key per digest is enough.
        `sent`: (subscription id, offer ids, sent at, message id) of today's sent deliveries."""
        missing = []
        for first in range(0, len(sent), 500):
            chunk = {}
            for sub_id, offer_ids, at, message_id in sent[first : first + 500]:
                ids = [int(i) for i in (offer_ids or "").split()]
                if ids:
                    chunk[self.distribution_key(sub_id, ids[0])] = (sub_id, ids, at, message_id)
            found = set(
                db.session.scalars(
                    select(_distributions.c.key).where(_distributions.c.key.in_(list(chunk)))
                )
            )
            missing += [row for key, row in chunk.items() if key not in found]
        rows = [r for digest in missing for r in self.distribution_rows(*digest)]
        if rows:
            self._insert(_distributions, rows, ["key"])
        db.session.commit()
        return len(missing)

    def _record_bounce(self, job: Job, result: Result) -> None:
        self.deferred_in_a_row = 0
        db.session.execute(
            update(_deliveries)
            .where(self._where(job))
            .values(
                status=DeliveryStatus.FAILED,
                message_id=None,
                attempts=job.attempts,
                error=result.detail[:2000],
            )
        )
        db.session.execute(
            update(_subs).where(_subs.c.id == job.sub.id).values(bounces=_subs.c.bounces + 1)
        )
        db.session.commit()
        bounces = db.session.scalar(select(_subs.c.bounces).where(_subs.c.id == job.sub.id))
        paused = False
        if bounces is not None and bounces >= int(setting("OJ_LGE_MAX_BOUNCES")):
            from .subscriptions import pause

            sub = db.session.get(DigestSubscription, job.sub.id)
            detail = {"bounces": bounces, "last": result.detail[:500], "day": self.day.isoformat()}
            paused = pause(sub, detail=detail)  # ACTIVE → PAUSED with its ledger entry; commits
        self.summary.failed += 1
        self.summary.paused += int(paused)

    # --- the whole run ------------------------------------------------------------------------

    def _advance(self, count: int, total: int) -> None:
        self.done += count
        if self.progress and count:
            self.progress(self.done, total)

    def run(self, dry_run: bool) -> DigestSummary:
        summary = self.summary
        started = time.perf_counter()
        if not dry_run:
            self.repair_last_digest()
        new, subscribers, existing = self.load()
        summary.candidates, summary.subscribers = len(new), len(subscribers)
        summary.timings["select"] += time.perf_counter() - started
        total = len(subscribers)
        size = max(1, int(setting("OJ_LGE_BATCH")))
        if not dry_run:
            if self.sent_before:
                self.repair_distributions(self.sent_before)
            self.transport = transport_for(self.config)
            if db.engine.dialect.name == "postgresql":
                self.autocommit = db.engine.connect().execution_options(
                    isolation_level="AUTOCOMMIT"
                )
        try:
            for first in range(0, total, size):
                if summary.stopped:
                    break
                batch = subscribers[first : first + size]
                started = time.perf_counter()
                visible = self.visible_now()
                jobs = [self.plan(new, sub, existing, visible) for sub in batch]
                jobs = [job for job in jobs if job is not None]
                if dry_run:
                    summary.timings["select"] += time.perf_counter() - started
                    self.preview(jobs)
                    self._advance(len(batch), total)
                    continue
                to_send = self.claim(jobs) if jobs else []
                summary.timings["select"] += time.perf_counter() - started
                self._advance(len(batch) - len(to_send), total)
                started = time.perf_counter()
                self.render_all(to_send)
                summary.timings["render"] += time.perf_counter() - started
                for job in to_send:
                    if summary.stopped:
                        break  # the rest stays claimed and unmarked: the rerun sends it
                    self.deliver(job)
                    self._advance(1, total)
                self.flush_sent()
        finally:
            try:
                self.flush_sent()  # an error above: what the server took is still recorded
            except Exception:
                log.exception("lge_digest: could not record %d sent digests", len(self.unrecorded))
            summary.queries = new.queries
            new.close()
            if self.autocommit is not None:
                self.autocommit.close()
            if self.transport is not None:
                self.transport.close()
        return summary

    def preview(self, jobs: list[Job]) -> None:
        for job in jobs:
            self.summary.previews.append(
                Preview(
                    subscription_id=job.sub.id,
                    email=job.sub.email,
                    language=job.sub.language,
                    offer_ids=job.offer_ids,
                    titles=[self.offers[i].title for i in job.offer_ids],
                )
            )


def send_digests(
    day: date | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    resend_uncertain: bool = False,
) -> DigestSummary:
    """Today's (or `day`'s) digests; safe to rerun; with `dry_run`, writes and sends nothing."""
    day = day or local_today()
    summary = DigestSummary(day=day, dry_run=dry_run)
    if dry_run:
        return DigestRun(day, summary, progress).run(dry_run=True)
    with run_lock() as acquired:
        if not acquired:
            summary.busy = True
            return summary
        return DigestRun(day, summary, progress, resend_uncertain).run(dry_run=False)
