"""The daily digest in a real browser: a job seeker subscribes on the public form, confirms from
the email, gets the next day's digest through the SMTP server and unsubscribes from its link."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from orientheque_jobs.extensions import db
from orientheque_jobs.services.clock import local_today
from plugins.lge_digest.models import DigestSubscription, SubscriptionStatus
from plugins.lge_digest.sending import send_digests
from tests.factories import make_employer, make_offer

pytestmark = pytest.mark.e2e

EMAIL = "nadia.benali@courriel.example"
LINK_RE = r"https?://\S+/abonnement/{}/[\w.\-]+"


def text_body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_subscribe_confirm_receive_and_unsubscribe(app, smtp, live_server, page):
    # 1. The form refuses to subscribe without the consent box, and keeps what was typed.
    page.goto("/abonnement")
    page.get_by_label("Votre courriel", exact=True).fill(EMAIL)
    page.get_by_label("Mots-clés", exact=True).fill("soudeur")
    page.get_by_role("button", name="M'abonner").click()
    expect(page.get_by_text("Cochez cette case pour donner votre consentement")).to_be_visible()
    expect(page.get_by_label("Votre courriel", exact=True)).to_have_value(EMAIL)
    expect(page.get_by_label("Mots-clés", exact=True)).to_have_value("soudeur")
    assert smtp.to(EMAIL) == []

    page.get_by_role("checkbox", name=re.compile("J'accepte de recevoir chaque jour")).check()
    page.get_by_role("button", name="M'abonner").click()
    expect(page).to_have_url(re.compile(r"/abonnement/merci$"))

    # 2. Double opt-in: the link in the email, then one button.
    (confirmation,) = smtp.to(EMAIL)
    page.goto(re.search(LINK_RE.format("confirmer"), text_body(confirmation)).group(0))
    page.get_by_role("button", name="Confirmer mon abonnement").click()
    expect(page.get_by_text("Votre abonnement est confirmé.")).to_be_visible()
    expect(page.get_by_role("heading", name="Mon abonnement aux offres d'emploi")).to_be_visible()
    expect(page.get_by_label("Mots-clés", exact=True)).to_have_value("soudeur")

    # 3. A welding offer and a cook's are published; tomorrow's digest has the welder only.
    with app.app_context():
        employer = make_employer()
        make_offer(employer=employer, title="Soudeur-assembleur de nuit")
        make_offer(employer=employer, title="Cuisinier", noc_code="63200")
        summary = send_digests(local_today() + timedelta(days=1))
        db.session.remove()
    assert summary.sent == 1
    digest = smtp.to(EMAIL)[-1]
    body = text_body(digest)
    assert "Soudeur-assembleur de nuit" in body and "Cuisinier" not in body

    # 4. The unsubscribe link needs no login and takes effect at once.
    page.goto(re.search(LINK_RE.format("desabonner"), body).group(0))
    page.get_by_role("button", name="Me désabonner").click()
    expect(page.get_by_role("heading", name="Vous êtes désabonné")).to_be_visible()
    with app.app_context():
        status = db.session.scalar(
            select(DigestSubscription.status).where(DigestSubscription.email == EMAIL)
        )
        db.session.remove()
    assert status == SubscriptionStatus.UNSUBSCRIBED
