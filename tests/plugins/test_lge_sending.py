"""The daily digest (plugins/lge_digest/sending.py): sent through a real SMTP server on
loopback (aiosmtpd), read back from what the server received."""

from __future__ import annotations

import contextlib
import email
import email.message
import email.policy
import os
import re
import secrets
import signal
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import delete, func, select, update

from orientheque_jobs.extensions import db
from orientheque_jobs.models import (
    Distribution,
    EmploymentType,
    OfferStatus,
    Schedule,
)
from orientheque_jobs.services.clock import local_today
from orientheque_jobs.services.distribution import daily_run
from plugins.lge_digest import links, sending
from plugins.lge_digest.models import (
    DeliveryStatus,
    DigestDelivery,
    DigestLedgerEntry,
    DigestSubscription,
    LedgerAction,
    SubscriptionStatus,
)
from plugins.lge_digest.sending import DigestRun, SmtpTransport, day_start, send_digests

from ..conftest import free_port
from ..factories import CONTRECOEUR, SOREL_TRACY, make_employer, make_offer

ROOT = Path(__file__).resolve().parents[2]
QUEBEC = "23027"
SAINT_AIME = "53015"  # MRC Pierre-De Saurel (530), like Sorel-Tracy
PIERRE_DE_SAUREL = "530"


# --- a scriptable SMTP server -----------------------------------------------------------------


class RuleSink:
    """An aiosmtpd server on loopback with rules: per-recipient RCPT replies (a reply, or a
    list used up one per attempt), a cap after which DATA is refused with 451, and a callback
    run on each accepted message (before the 250 goes back)."""

    def __init__(self, port: int | None = None) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.rcpt_rules: dict[str, str | list[str]] = {}
        self.accept_limit: int | None = None
        self.on_message = None
        self.rcpt_seen: list[str] = []
        self._lock = threading.Lock()
        self.port = port or free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        self.rcpt_seen.append(address)
        rule = self.rcpt_rules.get(address.lower())
        reply = (rule.pop(0) if rule else None) if isinstance(rule, list) else rule
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        with self._lock:
            if self.accept_limit is not None and len(self.messages) >= self.accept_limit:
                return "451 4.3.0 Temporarily unable to accept, try again later"
            message = email.message_from_bytes(envelope.content, policy=email.policy.default)
            self.messages.append(message)
            count = len(self.messages)
        if self.on_message is not None:
            self.on_message(count)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for m in self.messages if m["To"].lower() == address.lower()]

    def start(self) -> RuleSink:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()


@pytest.fixture
def fast(app, monkeypatch):
    """Tiny back-off delays, so retries take milliseconds."""
    monkeypatch.setitem(app.config, "OJ_LGE_SMTP_BACKOFF", 0.001)
    monkeypatch.setitem(app.config, "OJ_LGE_SMTP_BACKOFF_MAX", 0.01)


@pytest.fixture
def sink(app, monkeypatch, fast):
    server = RuleSink().start()
    monkeypatch.setitem(app.config, "MAIL_PORT", server.port)
    yield server
    with contextlib.suppress(Exception):  # a test may have stopped it already
        server.stop()


# --- data -------------------------------------------------------------------------------------


def today():
    return local_today()


def yesterday_at(hour: int = 10):
    """A UTC time on the local day before today (published then: in today's digest)."""
    return day_start(today()) - timedelta(hours=24 - hour)


def subscribe(email_address: str, language: str = "fr", **values) -> DigestSubscription:
    values.setdefault("status", SubscriptionStatus.ACTIVE)
    values.setdefault("confirmed_at", day_start(today()) - timedelta(days=3))
    sub = DigestSubscription(
        email=email_address, language=language, token=secrets.token_urlsafe(32), **values
    )
    db.session.add(sub)
    db.session.commit()
    return sub


def offer(title: str, **overrides):
    overrides.setdefault("published_at", yesterday_at())
    employer = make_employer(overrides.pop("employer_name", "Métallurgie Richelieu inc."))
    return make_offer(employer=employer, title=title, **overrides)


def deliveries() -> list[DigestDelivery]:
    return list(db.session.scalars(select(DigestDelivery).order_by(DigestDelivery.id)))


def delivery_of(sub_id: int) -> DigestDelivery | None:
    db.session.expire_all()
    return db.session.scalar(select(DigestDelivery).where(DigestDelivery.subscription_id == sub_id))


def offer_ids_of(sub_id: int) -> set[int]:
    row = delivery_of(sub_id)
    return {int(i) for i in row.offer_ids.split()} if row and row.status == "sent" else set()


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def counts(addresses, messages) -> dict[str, int]:
    return {a: sum(1 for m in messages if m["To"].lower() == a) for a in addresses}


# --- one digest a day ---------------------------------------------------------------------------


def test_one_digest_per_subscriber_per_day_and_rerun_sends_nothing(ctx, smtp, fast):
    welder = offer("Soudeur-assembleur")
    cashier = offer("Caissier ou caissière", noc_code="65100")
    ana = subscribe("ana@courriel.example")
    bob = subscribe("bob@courriel.example", keywords="soudeur")

    summary = send_digests(today())
    assert (summary.sent, summary.empty, summary.failed) == (2, 0, 0)
    assert counts(["ana@courriel.example", "bob@courriel.example"], smtp.messages) == {
        "ana@courriel.example": 1,
        "bob@courriel.example": 1,
    }
    assert offer_ids_of(ana.id) == {welder.id, cashier.id}
    assert offer_ids_of(bob.id) == {welder.id}

    again = send_digests(today())
    assert (again.sent, again.already) == (0, 2)
    assert len(smtp.messages) == 2

    db.session.expire_all()
    assert db.session.get(DigestSubscription, ana.id).last_digest_on == today()
    rows = deliveries()
    assert [r.status for r in rows] == [DeliveryStatus.SENT, DeliveryStatus.SENT]
    assert all(r.message_id and r.sent_at and r.attempts == 1 for r in rows)
    # One Distribution per offer sent, to a subscriber id, never an address.
    targets = db.session.execute(
        select(Distribution.offer_id, Distribution.target, Distribution.channel)
    ).all()
    assert sorted(targets) == sorted(
        [
            (welder.id, f"abonné {ana.id}", "lge_digest"),
            (cashier.id, f"abonné {ana.id}", "lge_digest"),
            (welder.id, f"abonné {bob.id}", "lge_digest"),
        ]
    )
    assert not any("@" in target for _o, target, _c in targets)


def test_next_day_only_offers_published_since(ctx, smtp, fast):
    first = offer("Soudeur-assembleur")
    sub = subscribe("ana@courriel.example")
    send_digests(today())
    assert offer_ids_of(sub.id) == {first.id}
    # Published today (after today's cut-off): tomorrow's digest, alone.
    later = offer(
        "Machiniste", noc_code="72100", published_at=day_start(today()) + timedelta(hours=5)
    )
    assert later.id not in offer_ids_of(sub.id)
    smtp.clear()
    send_digests(today() + timedelta(days=1))
    assert len(smtp.messages) == 1
    row = db.session.scalars(
        select(DigestDelivery).where(DigestDelivery.day == today() + timedelta(days=1))
    ).one()
    assert row.offer_ids == str(later.id)


def _lose_the_end_of_the_batch(sub_id: int) -> None:
    """What a crash after a message's `sent` commit, before its batch was recorded, leaves:
    the subscription's `last_digest_on` and bounce count, and the `Distribution` rows, unset."""
    db.session.execute(
        update(DigestSubscription)
        .where(DigestSubscription.id == sub_id)
        .values(last_digest_on=None, bounces=2)
    )
    db.session.execute(delete(Distribution))
    db.session.commit()


def test_a_crash_before_the_batch_is_recorded_is_repaired_by_the_same_day_rerun(ctx, smtp, fast):
    offer("Soudeur-assembleur")
    sub = subscribe("ana@courriel.example")
    assert send_digests(today()).sent == 1
    _lose_the_end_of_the_batch(sub.id)

    again = send_digests(today())
    assert (again.sent, again.already) == (0, 1)
    assert len(smtp.messages) == 1
    db.session.expire_all()
    repaired = db.session.get(DigestSubscription, sub.id)
    assert (repaired.last_digest_on, repaired.bounces) == (today(), 0)
    assert db.session.scalar(select(func.count(Distribution.id))) == 1


def test_a_crash_before_the_batch_is_recorded_is_repaired_by_the_next_day(ctx, smtp, fast):
    yesterday = today() - timedelta(days=1)
    first = offer("Soudeur-assembleur", published_at=yesterday_at(8) - timedelta(days=1))
    sub = subscribe("ana@courriel.example")
    send_digests(yesterday)
    assert offer_ids_of(sub.id) == {first.id}
    _lose_the_end_of_the_batch(sub.id)
    later = offer("Machiniste", noc_code="72100")

    smtp.clear()
    send_digests(today())
    row = db.session.scalars(select(DigestDelivery).where(DigestDelivery.day == today())).one()
    assert row.offer_ids == str(later.id)  # not yesterday's offer a second time
    assert len(smtp.messages) == 1


def test_first_digest_starts_at_the_confirmation(ctx, smtp, fast):
    old = offer("Soudeur-assembleur", published_at=yesterday_at(8))
    new = offer("Soudeur de nuit", published_at=yesterday_at(14))
    sub = subscribe("ana@courriel.example", confirmed_at=yesterday_at(12))
    ancient = offer("Soudeur MIG", published_at=day_start(today()) - timedelta(days=20))
    veteran = subscribe(
        "old@courriel.example", confirmed_at=day_start(today()) - timedelta(days=60)
    )
    send_digests(today())
    assert offer_ids_of(sub.id) == {new.id}
    # Confirmed long ago, never had a digest: the look-back (7 days) caps it.
    assert offer_ids_of(veteran.id) == {old.id, new.id}
    assert ancient.id not in offer_ids_of(veteran.id)


# --- matching -----------------------------------------------------------------------------------


def test_matching_by_criteria(ctx, smtp, fast):
    welder = offer(
        "Soudeur-assembleur",
        municipality_code=SOREL_TRACY,
        employment_types=EmploymentType.FULL_TIME | EmploymentType.PERMANENT,
        schedules=Schedule.DAY,
    )
    assembler = offer(  # no "soudeur" in it: found by its CNP only
        "Assembleur de structures métalliques",
        description="Assembler des charpentes d'acier.",
        noc_code="72106",
        municipality_code=SAINT_AIME,
        employment_types=EmploymentType.PART_TIME | EmploymentType.TEMPORARY,
        schedules=Schedule.EVENING,
    )
    electrician = offer(
        "Électricienne industrielle",
        description="Entretien électrique des équipements.",
        noc_code="72201",
        municipality_code=QUEBEC,
        employment_types=EmploymentType.FULL_TIME | EmploymentType.PERMANENT,
        schedules=Schedule.NIGHT,
    )
    cashier = offer(
        "Caissier ou caissière",
        description="Service à la clientèle à la caisse.",
        noc_code="65100",
        municipality_code=CONTRECOEUR,
        employment_types=EmploymentType.PART_TIME,
        schedules=Schedule.EVENING | Schedule.WEEKEND,
    )
    remote = offer(
        "Agente de service à la clientèle",
        description="Répondre aux appels des clients.",
        noc_code="64409",
        municipality_code=QUEBEC,
        remote=True,
        employment_types=EmploymentType.FULL_TIME,
        schedules=Schedule.DAY,
    )
    subs = {
        "everything": subscribe("all@courriel.example"),
        "accents": subscribe("accents@courriel.example", keywords="ELECTRICIEN"),
        "accented": subscribe("accented@courriel.example", keywords="électricienne"),
        "bare_feminine": subscribe("caissiere@courriel.example", keywords="caissiere"),
        "widened": subscribe("widened@courriel.example", keywords="soudeur"),
        "noc": subscribe("noc@courriel.example", noc_codes="72106"),
        "either": subscribe("either@courriel.example", keywords="caissier, électricien"),
        "mrc": subscribe("mrc@courriel.example", mrc_codes=PIERRE_DE_SAUREL),
        "town": subscribe("town@courriel.example", municipality_codes=CONTRECOEUR),
        "near": subscribe(
            "near@courriel.example", home_municipality_code=SOREL_TRACY, max_distance_km=10
        ),
        "full_time": subscribe(
            "ft@courriel.example", employment_types=int(EmploymentType.FULL_TIME)
        ),
        "permanent_part_time": subscribe(
            "ptp@courriel.example",
            employment_types=int(EmploymentType.PART_TIME | EmploymentType.PERMANENT),
        ),
        "evenings": subscribe("soir@courriel.example", schedules=int(Schedule.EVENING)),
        "welder_nearby_days": subscribe(
            "combo@courriel.example",
            keywords="soudeur",
            mrc_codes=PIERRE_DE_SAUREL,
            schedules=int(Schedule.DAY),
        ),
    }
    send_digests(today())
    got = {name: offer_ids_of(sub.id) for name, sub in subs.items()}
    every = {welder.id, assembler.id, electrician.id, cashier.id, remote.id}
    assert got["everything"] == every
    assert got["accents"] == {electrician.id}
    assert got["accented"] == {electrician.id}
    assert got["bare_feminine"] == {cashier.id}
    assert got["widened"] == {welder.id, assembler.id}
    assert got["noc"] == {welder.id, assembler.id}  # both coded 72106
    assert got["either"] == {cashier.id, electrician.id}
    # Places: remote offers are everywhere.
    assert got["mrc"] == {welder.id, assembler.id, remote.id}
    assert got["town"] == {cashier.id, remote.id}
    assert got["near"] == {welder.id, remote.id}
    # Types per dimension: full time; part time and (if the offer says) permanent.
    assert got["full_time"] == {welder.id, electrician.id, remote.id}
    assert got["permanent_part_time"] == {cashier.id}
    assert got["evenings"] == {assembler.id, cashier.id}
    assert got["welder_nearby_days"] == {welder.id}


def test_no_email_when_nothing_matches(ctx, smtp, fast):
    offer("Soudeur-assembleur")
    sub = subscribe("astro@courriel.example", keywords="astronaute")
    summary = send_digests(today())
    assert (summary.sent, summary.empty) == (0, 1)
    assert smtp.messages == []
    row = delivery_of(sub.id)
    assert row.status == DeliveryStatus.EMPTY and row.message_id is None
    assert db.session.get(DigestSubscription, sub.id).last_digest_on == today()
    assert db.session.scalar(select(func.count(Distribution.id))) == 0


def test_no_email_without_new_offers(ctx, smtp, fast):
    offer("Soudeur-assembleur", published_at=day_start(today()) - timedelta(days=30))
    subscribe("ana@courriel.example", last_digest_on=today() - timedelta(days=1))
    summary = send_digests(today())
    assert (summary.candidates, summary.sent, summary.empty) == (0, 0, 1)
    assert smtp.messages == []


def test_offers_that_stop_being_visible_are_left_out(ctx, smtp, fast, monkeypatch):
    kept = offer("Soudeur-assembleur")
    filled = offer("Soudeur de nuit")
    expired = offer("Soudeur MIG", expires_on=today() - timedelta(days=1))
    sub = subscribe("ana@courriel.example")
    load = DigestRun.load

    def load_then_fill(self):
        loaded = load(self)
        filled_offer = db.session.get(type(filled), filled.id)
        filled_offer.status = OfferStatus.FILLED
        db.session.commit()
        return loaded

    monkeypatch.setattr(DigestRun, "load", load_then_fill)
    send_digests(today())
    assert offer_ids_of(sub.id) == {kept.id}
    assert expired.id not in offer_ids_of(sub.id)


def test_only_active_subscribers_get_a_digest(ctx, smtp, fast):
    offer("Soudeur-assembleur")
    subscribe("active@courriel.example")
    for status in (
        SubscriptionStatus.PENDING,
        SubscriptionStatus.PAUSED,
        SubscriptionStatus.UNSUBSCRIBED,
    ):
        subscribe(f"{status.value}@courriel.example", status=status)
    summary = send_digests(today())
    assert summary.sent == 1
    assert [m["To"] for m in smtp.messages] == ["active@courriel.example"]
    assert len(deliveries()) == 1


def test_unsubscribing_during_a_run_takes_effect_at_once(ctx, smtp, fast, monkeypatch):
    offer("Soudeur-assembleur")
    stays = subscribe("stays@courriel.example")
    leaves = subscribe("leaves@courriel.example")
    from plugins.lge_digest import subscriptions

    render_all = DigestRun.render_all

    def unsubscribe_after_claim(self, jobs):
        render_all(self, jobs)  # claimed and rendered: the person leaves now
        subscriptions.unsubscribe(db.session.get(DigestSubscription, leaves.id))

    monkeypatch.setattr(DigestRun, "render_all", unsubscribe_after_claim)
    summary = send_digests(today())
    assert [m["To"] for m in smtp.messages] == ["stays@courriel.example"]
    assert (summary.sent, summary.left) == (1, 1)
    assert delivery_of(leaves.id) is None
    assert delivery_of(stays.id).status == DeliveryStatus.SENT


# --- the message ----------------------------------------------------------------------------


def test_headers_follow_rfc_8058_and_the_links_work(ctx, app, smtp, fast):
    offer("Soudeur-assembleur")
    sub = subscribe("ana@courriel.example")
    send_digests(today())
    (message,) = smtp.messages
    assert message["Message-ID"] == f"<lge-digest.{sub.id}.{today():%Y%m%d}@orientheque.ca>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # As written on the wire: plain URIs (no RFC 2047 encoding), folded between them.
    raw = smtp.envelopes[0].content
    assert re.search(
        rb"^List-Unsubscribe: <http://localhost/abonnement/desabonner/\S+>,\r\n <mailto:\S+>\r\n",
        raw,
        re.M,
    )
    assert b"List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n" in raw
    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))
    uris = re.findall(r"<([^>]+)>", message["List-Unsubscribe"])
    assert len(uris) == 2
    web, mailto = uris
    assert urlsplit(web).scheme in ("https", "http")  # https in production (OJ_BASE_URL)
    assert urlsplit(web).netloc == "localhost"
    assert mailto.startswith("mailto:")
    assert parse_qs(urlsplit(mailto).query)["subject"][0].startswith("unsubscribe-")
    assert message["Content-Language"] == "fr-CA"
    assert message["List-Id"].endswith("<lge-digest.orientheque.ca>")
    assert message["Auto-Submitted"] == "auto-generated"
    assert "ana@courriel.example" in message["To"]
    # The same links are in the body; the manage page opens, and one POST unsubscribes.
    text = text_of(message)
    assert web in text and web in html_of(message)
    manage = re.search(r"http://localhost(/abonnement/gerer/\S+)", text).group(1)
    client = app.test_client()
    assert client.get(manage).status_code == 200
    response = client.post(urlsplit(web).path, data={"List-Unsubscribe": "One-Click"}, headers={})
    assert response.status_code in (200, 202, 204)
    db.session.expire_all()
    assert db.session.get(DigestSubscription, sub.id).status == SubscriptionStatus.UNSUBSCRIBED
    # ... and the next day's run sends nothing.
    offer("Soudeur de nuit", published_at=day_start(today()) + timedelta(hours=2))
    smtp.clear()
    assert send_digests(today() + timedelta(days=1)).sent == 0
    assert smtp.messages == []


def _reply_to_mailto(mailto: str) -> bytes:
    """What a mail client sends when the person picks the mailto of `List-Unsubscribe`."""
    reply = email.message.EmailMessage()
    reply["From"] = "Ana <ana@courriel.example>"
    reply["To"] = urlsplit(mailto).path
    reply["Subject"] = parse_qs(urlsplit(mailto).query)["subject"][0]
    reply.set_content("")
    return reply.as_bytes()


def test_an_email_to_the_mailto_address_unsubscribes(ctx, app, smtp, fast, tmp_path):
    offer("Soudeur-assembleur")
    sub = subscribe("ana@courriel.example")
    send_digests(today())
    (message,) = smtp.messages
    mailto = re.findall(r"<(mailto:[^>]+)>", message["List-Unsubscribe"])[0]
    runner = app.test_cli_runner()

    forged = _reply_to_mailto(mailto.replace("subject=unsubscribe-", "subject=unsubscribe-x"))
    for junk in (forged, b"\xff\xfe not an email at all", b""):
        result = runner.invoke(args=["digest", "unsubscribe-mail"], input=junk)
        assert result.exit_code == 0 and "ignored" in result.output
    db.session.expire_all()
    assert db.session.get(DigestSubscription, sub.id).status == SubscriptionStatus.ACTIVE

    result = runner.invoke(args=["digest", "unsubscribe-mail"], input=_reply_to_mailto(mailto))
    assert result.exit_code == 0 and f"abonné {sub.id}: unsubscribed" in result.output
    db.session.expire_all()
    assert db.session.get(DigestSubscription, sub.id).status == SubscriptionStatus.UNSUBSCRIBED
    entry = db.session.scalars(
        select(DigestLedgerEntry).order_by(DigestLedgerEntry.id.desc())
    ).first()
    assert (entry.action, entry.method) == (LedgerAction.UNSUBSCRIBED, "mailto")
    # The same email delivered twice: nothing more.
    path = tmp_path / "again.eml"
    path.write_bytes(_reply_to_mailto(mailto))
    again = runner.invoke(args=["digest", "unsubscribe-mail", str(path)])
    assert again.exit_code == 0 and "already unsubscribed" in again.output
    assert db.session.scalar(select(func.count(DigestLedgerEntry.id))) == 1
    smtp.clear()
    offer("Soudeur de nuit", published_at=day_start(today()) + timedelta(hours=2))
    assert send_digests(today() + timedelta(days=1)).sent == 0


def test_an_unsubscribe_email_waits_when_the_database_is_down(app, smtp, tmp_path):
    from orientheque_jobs import create_app

    down = create_app(
        {**app.config, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/missing/oj.db"}
    )
    with down.app_context():
        # A genuine signed link (the database is needed to know whose it is).
        mailto = links.mailto_unsubscribe(DigestSubscription(token=secrets.token_urlsafe(32)))
        result = down.test_cli_runner().invoke(
            args=["digest", "unsubscribe-mail"], input=_reply_to_mailto(mailto)
        )
    assert result.exit_code == 75  # EX_TEMPFAIL: the mail server tries again later


def test_html_and_text_parts_with_offers_and_the_organisation(ctx, app, smtp, fast):
    welder = offer("Soudeur-assembleur", employer_name="Métallurgie Richelieu inc.")
    offer("Caissier ou caissière", noc_code="65100", employer_name="Épicerie <Chez Lulu>")
    subscribe("ana@courriel.example")
    send_digests(today())
    (message,) = smtp.messages
    assert message.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    assert message["Subject"] == "2 nouvelles offres d'emploi pour vous"
    text, html = text_of(message), html_of(message)
    config = app.config
    for part in (text, html):
        assert "Bonjour," in part
        assert "Soudeur-assembleur" in part and "Sorel-Tracy" in part
        assert f"http://localhost/offres/{welder.id}" in part
        assert "Temps plein" in part
        assert config["OJ_ORG_ADDRESS"] in part and config["OJ_ORG_PHONE"] in part
        assert config["OJ_ORG_EMAIL"] in part
        assert "/abonnement/gerer/" in part and "/abonnement/desabonner/" in part
        assert "Modifier mes critères" in part and "Me désabonner" in part
    assert config["OJ_ORG_NAME"].replace("'", "&#39;") in html
    assert "Épicerie &lt;Chez Lulu&gt;" in html  # escaped in HTML
    assert "Épicerie <Chez Lulu>" in text  # as is in plain text
    assert '<html lang="fr-CA">' in html


def test_english_subscriber_gets_english(ctx, smtp, fast):
    offer("Soudeur-assembleur", title_en="Welder-fitter")
    subscribe("sam@courriel.example", language="en")
    send_digests(today())
    (message,) = smtp.messages
    text, html = text_of(message), html_of(message)
    assert message["Content-Language"] == "en-CA"
    assert '<html lang="en">' in html
    for part in (text, html):
        assert "Hello," in part and "Bonjour" not in part
        assert "Welder-fitter" in part and "Soudeur-assembleur" not in part
        assert "Full-time" in part and "Temps plein" not in part
        assert "?lang=en" in part


def test_long_digests_list_the_newest_and_link_the_rest(ctx, smtp, fast, monkeypatch, app):
    monkeypatch.setitem(app.config, "OJ_LGE_MAX_OFFERS", 2)
    made = [offer(f"Soudeur {n}", published_at=yesterday_at(8 + n)) for n in range(4)]
    sub = subscribe("ana@courriel.example")
    send_digests(today())
    assert offer_ids_of(sub.id) == {made[3].id, made[2].id}
    (message,) = smtp.messages
    assert message["Subject"].startswith("4 nouvelles offres")
    assert "2 autres offres" in text_of(message)


# --- reliability ------------------------------------------------------------------------------


def _population(n: int) -> list[str]:
    offer("Soudeur-assembleur")
    addresses = [f"p{i:02d}@courriel.example" for i in range(n)]
    for address in addresses:
        subscribe(address)
    return addresses


def test_smtp_refusing_mid_run_then_rerun_sends_each_exactly_once(ctx, app, sink, monkeypatch):
    monkeypatch.setitem(app.config, "OJ_LGE_BATCH", 4)
    addresses = _population(10)
    sink.accept_limit = 3  # then 451 to every DATA
    summary = send_digests(today())
    assert summary.sent == 3 and summary.stopped and "451" in summary.stopped
    assert summary.deferred == 3  # three messages in a row deferred: the run stops
    assert len(sink.messages) == 3
    left = [r for r in deliveries() if r.status == DeliveryStatus.SENDING]
    assert left and all(r.message_id is None for r in left)
    assert any("451" in (r.error or "") for r in left)

    sink.accept_limit = None
    again = send_digests(today())
    assert again.sent == 7 and not again.stopped
    assert counts(addresses, sink.messages) == dict.fromkeys(addresses, 1)
    assert {r.status for r in deliveries()} == {DeliveryStatus.SENT}
    assert send_digests(today()).sent == 0


def test_smtp_server_stopped_mid_run_then_rerun_sends_each_exactly_once(ctx, app, sink):
    addresses = _population(8)
    stopper = threading.Thread(target=sink.stop)
    sink.on_message = lambda count: count == 3 and stopper.start()
    summary = send_digests(today())
    stopper.join(10)
    assert summary.stopped
    first = list(sink.messages)
    assert 3 <= len(first) < 8

    restarted = RuleSink(port=sink.port).start()
    try:
        again = send_digests(today())
        assert not again.stopped
        everything = first + restarted.messages
        assert counts(addresses, everything) == dict.fromkeys(addresses, 1)
        assert again.uncertain == []
    finally:
        restarted.stop()


def test_temporary_refusals_are_retried_with_back_off(ctx, app, sink, monkeypatch):
    monkeypatch.setitem(app.config, "OJ_LGE_SMTP_BACKOFF", 0.02)
    monkeypatch.setitem(app.config, "OJ_LGE_SMTP_BACKOFF_MAX", 0.03)
    sleeps = []
    monkeypatch.setattr(sending.time, "sleep", lambda s: sleeps.append(s))
    offer("Soudeur-assembleur")
    sub = subscribe("grey@courriel.example")
    sink.rcpt_rules["grey@courriel.example"] = ["450 4.2.0 Greylisted", "451 4.3.0 Busy"]
    summary = send_digests(today())
    assert summary.sent == 1
    assert len(sink.to("grey@courriel.example")) == 1
    assert delivery_of(sub.id).attempts == 3
    assert sleeps == [0.02, 0.03]  # doubled, capped


def test_temporary_failures_past_the_retries_wait_for_the_next_run(ctx, app, sink):
    offer("Soudeur-assembleur")
    sub = subscribe("grey@courriel.example")
    ok = subscribe("ok@courriel.example")
    sink.rcpt_rules["grey@courriel.example"] = "451 4.3.0 Busy"
    summary = send_digests(today())
    assert (summary.sent, summary.deferred, summary.stopped) == (1, 1, None)
    row = delivery_of(sub.id)
    assert row.status == DeliveryStatus.SENDING and row.message_id is None
    assert row.attempts == 4 and "451" in row.error
    assert delivery_of(ok.id).status == DeliveryStatus.SENT
    del sink.rcpt_rules["grey@courriel.example"]
    assert send_digests(today()).sent == 1
    assert len(sink.to("grey@courriel.example")) == 1
    assert delivery_of(sub.id).attempts == 5


def test_permanent_rejections_count_bounces_and_pause_after_three(ctx, app, sink):
    gone = subscribe("gone@courriel.example")
    ok = subscribe("ok@courriel.example")
    sink.rcpt_rules["gone@courriel.example"] = "550 5.1.1 No such user"
    for n in range(3):
        day = today() + timedelta(days=n)
        offer(f"Soudeur {n}", published_at=day_start(day) - timedelta(hours=2))
        summary = send_digests(day)
        assert summary.failed == 1 and summary.sent == 1
        db.session.expire_all()
        bounced = db.session.get(DigestSubscription, gone.id)
        assert bounced.bounces == n + 1
    assert summary.paused == 1
    assert bounced.status == SubscriptionStatus.PAUSED
    rows = db.session.scalars(
        select(DigestDelivery).where(DigestDelivery.subscription_id == gone.id)
    ).all()
    assert [r.status for r in rows] == [DeliveryStatus.FAILED] * 3
    assert all("550" in r.error and r.message_id is None for r in rows)
    entry = db.session.scalars(
        select(DigestLedgerEntry).where(DigestLedgerEntry.subscription_id == gone.id)
    ).one()
    assert (entry.action, entry.method) == (LedgerAction.PAUSED, "bounce")
    assert sink.rcpt_seen.count("gone@courriel.example") == 3  # no retry of a 5xx
    assert len(sink.to("ok@courriel.example")) == 3
    # Paused: the fourth day skips the address.
    offer("Soudeur 3", published_at=day_start(today() + timedelta(days=3)) - timedelta(hours=2))
    send_digests(today() + timedelta(days=3))
    assert sink.rcpt_seen.count("gone@courriel.example") == 3
    assert db.session.get(DigestSubscription, ok.id).bounces == 0


def test_a_success_resets_the_bounce_count(ctx, app, sink):
    offer("Soudeur-assembleur")
    sub = subscribe("flaky@courriel.example", bounces=2)
    send_digests(today())
    db.session.expire_all()
    assert db.session.get(DigestSubscription, sub.id).bounces == 0


class Crash(BaseException):
    """Stands for the process dying (not an Exception: nothing may catch it)."""


def test_crash_between_claim_and_send_then_rerun_completes_without_duplicates(
    ctx, app, smtp, fast, monkeypatch
):
    monkeypatch.setitem(app.config, "OJ_LGE_BATCH", 5)
    addresses = _population(12)
    handoff = SmtpTransport.handoff
    calls = {"n": 0}

    def dies_on_the_fifth(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 5:  # claimed, rendered, not yet sent
            raise Crash
        return handoff(self, *args, **kwargs)

    monkeypatch.setattr(SmtpTransport, "handoff", dies_on_the_fifth)
    with pytest.raises(Crash):
        send_digests(today())
    assert len(smtp.messages) == 4
    rows = deliveries()
    assert len(rows) == 5  # the first batch was claimed; the rest never was
    assert sum(r.status == DeliveryStatus.SENDING for r in rows) == 1

    monkeypatch.setattr(SmtpTransport, "handoff", handoff)
    again = send_digests(today())
    assert (again.sent, again.already, again.uncertain) == (8, 4, [])
    assert counts(addresses, smtp.messages) == dict.fromkeys(addresses, 1)
    assert db.session.scalar(select(func.count(Distribution.id))) == 12


def test_crash_after_the_mark_is_uncertain_never_resent_unless_asked(
    ctx, app, smtp, fast, monkeypatch
):
    addresses = _population(6)
    mark = DigestRun._mark
    calls = {"n": 0}

    def dies_at_the_end_of_data(self, job):
        calls["n"] += 1
        marked = mark(self, job)
        if calls["n"] == 3:  # marked, the final "." not yet sent
            raise Crash
        return marked

    monkeypatch.setattr(DigestRun, "_mark", dies_at_the_end_of_data)
    with pytest.raises(Crash):
        send_digests(today())
    monkeypatch.setattr(DigestRun, "_mark", mark)
    assert len(smtp.messages) == 2  # the server dropped the unfinished third message
    third = addresses[2]
    sub_id = db.session.scalar(
        select(DigestSubscription.id).where(DigestSubscription.email == third)
    )
    row = delivery_of(sub_id)
    assert row.status == DeliveryStatus.SENDING and row.message_id

    again = send_digests(today())
    assert again.uncertain == [sub_id] and again.sent == 3
    assert any("--resend-uncertain" in line and str(sub_id) in line for line in again.lines())
    got = counts(addresses, smtp.messages)
    assert got == {a: 0 if a == third else 1 for a in addresses}  # never twice

    resent = send_digests(today(), resend_uncertain=True)
    assert (resent.sent, resent.resent_uncertain) == (1, 1)
    assert counts(addresses, smtp.messages) == dict.fromkeys(addresses, 1)
    assert smtp.to(third)[0]["Message-ID"] == row.message_id  # same Message-ID
    assert send_digests(today(), resend_uncertain=True).sent == 0


def test_killed_mid_run_rerun_gives_everyone_exactly_one(app, tmp_path, fast):
    """A real `flask digest send` process, killed (SIGKILL) while the server holds its
    message; the rerun finishes the day and nobody gets two."""
    with app.app_context():
        addresses = _population(12)
        url = app.config["SQLALCHEMY_DATABASE_URI"]
        db.session.remove()
    sink = RuleSink().start()
    process = {}

    def kill_on_the_fifth(count):
        if count == 5:
            os.kill(process["p"].pid, signal.SIGKILL)
            process["p"].wait(10)

    sink.on_message = kill_on_the_fifth
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OJ_", "MAIL_", "FLASK_"))}
    env.update(
        DATABASE_URL=url,
        OJ_ENV="test",
        SECRET_KEY=app.config["SECRET_KEY"],
        OJ_BASE_URL=app.config["OJ_BASE_URL"],
        OJ_INDEX_DIR=str(tmp_path / "index"),
        OJ_OUTBOX_DIR=str(tmp_path / "outbox"),
        OJ_SEARCH_AUTOSYNC="false",
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=str(sink.port),
    )
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "digest", "send", "--quiet"]
    try:
        process["p"] = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        process["p"].wait(60)
        assert process["p"].returncode == -signal.SIGKILL
        assert len(sink.messages) == 5
        sink.on_message = None
        rerun = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        assert rerun.returncode == 0, rerun.stdout + rerun.stderr
        assert counts(addresses, sink.messages) == dict.fromkeys(addresses, 1)
    finally:
        if process.get("p") and process["p"].poll() is None:
            process["p"].kill()
        sink.stop()
    with app.app_context():
        statuses = db.session.scalars(select(DigestDelivery.status)).all()
        # The fifth was killed waiting for its 250: uncertain, left alone (and it did arrive).
        sent = sorted(statuses).count(DeliveryStatus.SENT)
        assert sent >= 11
        # The killed run never wrote its batch's Distribution rows: the rerun did.
        assert db.session.scalar(select(func.count(Distribution.id))) == sent
        db.session.remove()


def test_a_second_run_meanwhile_does_nothing(ctx, app, smtp, fast, monkeypatch):
    _population(2)
    inner = {}
    render_all = DigestRun.render_all

    def run_another(self, jobs):
        inner["summary"] = send_digests(today())
        render_all(self, jobs)

    monkeypatch.setattr(DigestRun, "render_all", run_another)
    summary = send_digests(today())
    assert inner["summary"].busy and inner["summary"].lines()[0].endswith("nothing done")
    assert summary.sent == 2 and len(smtp.messages) == 2


# --- dry run, CLI, daily run ----------------------------------------------------------------------


def _snapshot():
    return (
        db.session.scalar(select(func.count(DigestDelivery.id))),
        db.session.scalar(select(func.count(Distribution.id))),
        db.session.execute(select(DigestSubscription.id, DigestSubscription.last_digest_on)).all(),
    )


def test_dry_run_sends_and_writes_nothing(ctx, smtp, fast):
    welder = offer("Soudeur-assembleur")
    subscribe("ana@courriel.example", keywords="soudeur")
    subscribe("astro@courriel.example", keywords="astronaute")
    before = _snapshot()
    summary = send_digests(today(), dry_run=True)
    assert _snapshot() == before
    assert smtp.messages == []
    assert summary.would_send == 1
    lines = summary.lines()
    assert "dry run" in lines[0]
    assert any("ana@courriel.example" in line and "Soudeur-assembleur" in line for line in lines)
    assert any("astro@courriel.example" in line and "no email" in line for line in lines)
    assert [p.offer_ids for p in summary.previews] == [[welder.id], []]


def test_cli_send_with_progress_and_dry_run(app, smtp, fast):
    with app.app_context():
        _population(3)
        db.session.remove()
    with app.app_context():
        day = today()
    runner = app.test_cli_runner()
    dry = runner.invoke(args=["digest", "send", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "would get an email" in dry.output and smtp.messages == []
    result = runner.invoke(args=["digest", "send", "--date", day.isoformat()])
    assert result.exit_code == 0, result.output
    assert "sent 3" in result.output
    assert len(smtp.messages) == 3


def test_daily_run_includes_the_digest(ctx, smtp, fast):
    _population(2)
    dry = daily_run(today(), dry_run=True)
    assert any(line.startswith("lge_digest") and "dry run" in line for line in dry)
    assert smtp.messages == []
    lines = daily_run(today())
    assert any(line.startswith("lge_digest") and "sent 2" in line for line in lines)
    assert len(smtp.messages) == 2
    assert any("sent 0" in line and "already done 2" in line for line in daily_run(today()))
