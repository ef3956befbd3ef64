"""LGE digest subscriptions: public double opt-in, manage and unsubscribe links (RFC 8058),
counsellors recording oral consent, and the append-only ledger. Emails go through the real
SMTP server of the `smtp` fixture and their links are followed."""

from __future__ import annotations

import re
from html import unescape

import pytest
from sqlalchemy import func, select

from orientheque_jobs import plugins as plugin_system
from orientheque_jobs.extensions import db
from orientheque_jobs.models import (
    Consent,
    ConsentMethod,
    ConsentScope,
    EmploymentType,
    Participant,
    Role,
    Schedule,
)
from orientheque_jobs.services import participants as participant_service
from orientheque_jobs.services.links import manage_token as offer_manage_token
from plugins.lge_digest import links
from plugins.lge_digest import subscriptions as service
from plugins.lge_digest.models import (
    DigestLedgerEntry,
    DigestSubscription,
    LedgerAction,
    SubscriptionStatus,
)

from ..conftest import csrf_from, post_form
from ..factories import (
    CONTRECOEUR,
    SOREL_TRACY,
    login,
    make_matching_profile,
    make_offer,
    make_participant,
    make_user,
)

EMAIL = "amina.diallo@courriel.example"
WOLINAK = "38802"  # a reserve without a known position
PIERRE_DE_SAUREL = "530"
URL_RE = re.compile(r"https?://\S+")


def subscribe_data(**overrides) -> dict:
    data = {
        "email": EMAIL,
        "language": "fr",
        "keywords": "soudeur, machiniste",
        "noc_choices-0": "72106 — Soudeurs/soudeuses",
        "municipality_codes": [SOREL_TRACY],
        "mrc_codes": [PIERRE_DE_SAUREL],
        "home_municipality_code": "",
        "max_distance_km": "",
        "employment_types": [str(int(EmploymentType.FULL_TIME))],
        "schedules": [str(int(Schedule.DAY)), str(int(Schedule.EVENING))],
        "consent": "y",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def submit(client, **overrides):
    return post_form(client, "/abonnement", subscribe_data(**overrides))


def subscription(app, email: str = EMAIL) -> DigestSubscription | None:
    with app.app_context():
        sub = db.session.scalar(select(DigestSubscription).where(DigestSubscription.email == email))
        if sub is not None:
            sub.ledger  # noqa: B018 (loaded while the session is open)
            db.session.expunge(sub)
        return sub


def ledger(app, email: str = EMAIL) -> list[tuple]:
    with app.app_context():
        rows = db.session.execute(
            select(
                DigestLedgerEntry.action,
                DigestLedgerEntry.method,
                DigestLedgerEntry.notice_version,
                DigestLedgerEntry.recorded_by_id,
            )
            .join(DigestSubscription)
            .where(DigestSubscription.email == email)
            .order_by(DigestLedgerEntry.id)
        ).all()
        return [tuple(row) for row in rows]


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def page_text(response) -> str:
    return unescape(response.get_data(as_text=True))


def text_of(message) -> str:
    return message.get_body(("plain",)).get_content()


def html_of(message) -> str:
    return message.get_body(("html",)).get_content()


def link_in(message, path: str) -> str:
    """The first URL of the text part containing `path`, relative for the test client."""
    urls = [u for u in URL_RE.findall(text_of(message)) if path in u]
    assert urls, text_of(message)
    return urls[0].replace("http://localhost", "")


def token_of(url: str) -> str:
    return url.rstrip("/").rpartition("/")[2]


def confirmed(app, client, smtp, **overrides) -> DigestSubscription:
    """Subscribe through the form and follow the confirmation email's link."""
    assert submit(client, **overrides).status_code == 302
    [message] = smtp.to(overrides.get("email", EMAIL))
    url = link_in(message, "/abonnement/confirmer/")
    response = post_form(client, url, {})
    assert response.status_code == 302
    smtp.clear()
    return subscription(app, overrides.get("email", EMAIL))


def urls_for(app, sub: DigestSubscription) -> dict[str, str]:
    with app.app_context():
        sub = db.session.merge(sub)
        return {
            "confirm": links.confirm_url(sub).replace("http://localhost", ""),
            "manage": links.manage_url(sub).replace("http://localhost", ""),
            "unsubscribe": links.unsubscribe_url(sub).replace("http://localhost", ""),
        }


def altered(token: str) -> str:
    """The token with the first character of its signature changed (a tampered link). Not the
    last one: in base64 its low bits are padding, so some changes there decode the same."""
    i = token.rindex(".") + 1
    return token[:i] + ("A" if token[i] != "A" else "B") + token[i + 1 :]


def truncated(token: str) -> str:
    return token[:-3]


# --- the public form ------------------------------------------------------------------------------


def test_form_has_csrf_an_unticked_consent_box_the_notice_and_the_cnp_autocomplete(client):
    html = client.get("/abonnement").get_data(as_text=True)
    assert csrf_from(html)
    box = re.search(r'<input[^>]*name="consent"[^>]*>', html).group(0)
    assert 'type="checkbox"' in box and "checked" not in box
    assert "Avis de collecte" in html and "71, rue de Ramezay" in html
    assert 'id="cnp-suggestions"' in html and "cnp-autocomplete.js" in html
    assert 'data-cnp="1"' in html
    assert 'name="fax_number"' in html  # the honeypot


def test_subscribing_sends_a_confirmation_whose_link_activates(app, client, smtp):
    response = submit(client)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/abonnement/merci")
    assert "Vérifiez vos courriels" in client.get("/abonnement/merci").get_data(as_text=True)

    sub = subscription(app)
    assert sub.status == SubscriptionStatus.PENDING
    assert sub.keywords == "soudeur, machiniste"
    assert sub.noc_codes == "72106"
    assert sub.municipality_codes == SOREL_TRACY and sub.mrc_codes == PIERRE_DE_SAUREL
    assert sub.employment_types == EmploymentType.FULL_TIME
    assert sub.schedules == Schedule.DAY | Schedule.EVENING
    assert ledger(app) == [(LedgerAction.CONSENT_GIVEN, "electronic", service.NOTICE_VERSION, None)]

    [message] = smtp.to(EMAIL)
    assert "Confirmez votre abonnement" in message["Subject"]
    text, html = text_of(message), html_of(message)
    for part in (text, html):
        assert "L'Orienthèque" in part or "L&#39;Orienthèque" in part
        assert "71, rue de Ramezay" in part and "emplois@orientheque.ca" in part
        assert "450 743-2722" in part
        assert "Soudeurs" in part and "Sorel-Tracy" in part
    assert 'lang="fr-CA"' in html

    url = link_in(message, "/abonnement/confirmer/")
    page = client.get(url)
    assert page.status_code == 200
    assert "Confirmer mon abonnement" in page.get_data(as_text=True)
    assert subscription(app).status == SubscriptionStatus.PENDING  # a GET confirms nothing

    done = post_form(client, url, {})
    assert done.status_code == 302 and "/abonnement/gerer/" in done.headers["Location"]
    sub = subscription(app)
    assert sub.status == SubscriptionStatus.ACTIVE and sub.confirmed_at is not None
    manage = client.get(done.headers["Location"].replace("http://localhost", ""))
    assert "Votre abonnement est confirmé" in manage.get_data(as_text=True)

    # Confirming again changes nothing.
    again = post_form(client, url, {}, page="/abonnement")
    assert again.status_code == 302
    assert [a for a, *_ in ledger(app)] == [LedgerAction.CONSENT_GIVEN, LedgerAction.CONFIRMED]
    assert "déjà confirmé" in client.get(url).get_data(as_text=True)


def test_email_is_in_the_subscribers_language(app, client, smtp):
    submit(client, language="en")
    assert subscription(app).language == "en"
    [message] = smtp.to(EMAIL)
    assert 'lang="en"' in html_of(message)


def test_address_is_stored_lower_case_without_spaces(app, client):
    submit(client, email="  Amina.Diallo@Courriel.EXAMPLE ")
    assert subscription(app, EMAIL) is not None


def test_unticked_consent_is_refused_next_to_the_box_and_input_is_kept(app, client, smtp):
    data = subscribe_data()
    del data["consent"]
    response = post_form(client, "/abonnement", data)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'id="consent-err"' in html and "Cochez cette case pour donner votre consentement" in html
    assert f'value="{EMAIL}"' in html and 'value="soudeur, machiniste"' in html
    assert count(app, DigestSubscription) == 0 and smtp.messages == []


@pytest.mark.parametrize("address", ["amina", "amina@", "amina@courriel", "a b@courriel.example"])
def test_invalid_email_is_refused_with_a_message(app, client, smtp, address):
    response = submit(client, email=address)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'id="email-err"' in html and "Entrez une adresse courriel valide" in html
    assert count(app, DigestSubscription) == 0 and smtp.messages == []


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"max_distance_km": "30"}, "home_municipality_code", "Indiquez la municipalité"),
        ({"home_municipality_code": CONTRECOEUR}, "max_distance_km", "Indiquez la distance"),
        (
            {"home_municipality_code": WOLINAK, "max_distance_km": "20"},
            "home_municipality_code",
            "position de cette municipalité est inconnue",
        ),
        (
            {"max_distance_km": "5000", "home_municipality_code": CONTRECOEUR},
            "max_distance_km",
            "Entre 1 et 300 km",
        ),
        ({"keywords": "!!! ???"}, "keywords", "Entrez au moins un mot"),
        ({"noc_choices-0": "astronaute lunaire"}, "noc_choices-0", "Profession inconnue"),
        ({"noc_choices-0": "99999"}, "noc_choices-0", "Profession inconnue"),
        ({"municipality_codes": ["00000"]}, "municipality_codes", "Choisissez des municipalités"),
        ({"mrc_codes": ["999"]}, "mrc_codes", "Choisissez des MRC"),
        ({"schedules": ["1024"]}, "schedules", "Choix invalide"),
        ({"language": "de"}, "language", "Choisissez le français ou l'anglais"),
    ],
)
def test_criteria_that_could_never_match_are_refused_next_to_the_field(
    app, client, smtp, overrides, field, message
):
    response = submit(client, **overrides)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f'id="{field}-err"' in html, html[:300]
    assert message in html
    assert f'value="{EMAIL}"' in html
    assert count(app, DigestSubscription) == 0 and smtp.messages == []


def test_home_municipality_and_distance_are_accepted_together(app, client):
    assert (
        submit(client, home_municipality_code=CONTRECOEUR, max_distance_km="25").status_code == 302
    )
    sub = subscription(app)
    assert (sub.home_municipality_code, sub.max_distance_km) == (CONTRECOEUR, 25)


def test_no_criteria_at_all_means_every_offer(app, client, smtp):
    response = post_form(client, "/abonnement", {"email": EMAIL, "language": "fr", "consent": "y"})
    assert response.status_code == 302
    sub = subscription(app)
    assert service.criteria_of(sub).is_empty
    assert "Toutes les nouvelles offres" in text_of(smtp.to(EMAIL)[0])


def test_honeypot_pretends_success_but_stores_and_sends_nothing(app, client, smtp):
    response = submit(client, fax_number="450 555-0000")
    assert response.status_code == 302
    assert count(app, DigestSubscription) == 0 and smtp.messages == []


def test_double_submit_makes_one_subscription_one_consent_and_one_email(app, client, smtp):
    html = client.get("/abonnement").get_data(as_text=True)
    key = re.search(r'name="submission_key"[^>]*value="([0-9a-f]{32})"', html).group(1)
    data = {**subscribe_data(), "csrf_token": csrf_from(html), "submission_key": key}
    assert client.post("/abonnement", data=data).status_code == 302
    assert client.post("/abonnement", data=data).status_code == 302
    assert count(app, DigestSubscription) == 1
    assert len(ledger(app)) == 1 and len(smtp.messages) == 1


def test_asking_again_while_pending_resends_with_the_new_criteria(app, client, smtp):
    submit(client)
    submit(client, keywords="cuisinier")
    assert count(app, DigestSubscription) == 1
    assert subscription(app).keywords == "cuisinier"
    assert len(smtp.to(EMAIL)) == 2
    assert [a for a, *_ in ledger(app)] == [LedgerAction.CONSENT_GIVEN] * 2


def test_an_active_address_gets_its_manage_link_and_keeps_its_criteria(app, client, smtp):
    confirmed(app, client, smtp)
    response = submit(client, keywords="cuisinier")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/abonnement/merci")  # the same answer
    assert count(app, DigestSubscription) == 1
    sub = subscription(app)
    assert sub.keywords == "soudeur, machiniste" and sub.status == SubscriptionStatus.ACTIVE
    assert [a for a, *_ in ledger(app)] == [LedgerAction.CONSENT_GIVEN, LedgerAction.CONFIRMED]
    [message] = smtp.to(EMAIL)
    assert "déjà abonnée" in text_of(message)
    manage = link_in(message, "/abonnement/gerer/")
    assert client.get(manage).status_code == 200
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_form_is_rate_limited(app, client):
    app.config["OJ_RATELIMIT_SUBSCRIBE_FORM"] = "2 per minute"
    try:
        codes = [submit(client, email=f"p{i}@courriel.example").status_code for i in range(3)]
    finally:
        app.config.pop("OJ_RATELIMIT_SUBSCRIBE_FORM")
    assert codes == [302, 302, 429]
    assert count(app, DigestSubscription) == 2


def test_a_failed_confirmation_email_loses_nothing(app, client, smtp, monkeypatch):
    def refused(message):
        raise ConnectionRefusedError("the SMTP server is down")

    with monkeypatch.context() as patch:
        patch.setattr(service.mail, "send", refused)
        response = submit(client)
    assert response.status_code == 302
    assert subscription(app).status == SubscriptionStatus.PENDING
    submit(client)  # asking again sends it
    assert len(smtp.to(EMAIL)) == 1


def test_board_links_to_the_form_with_its_search(app, client):
    html = client.get(f"/offres?q=soudeur&mrc={PIERRE_DE_SAUREL}").get_data(as_text=True)
    match = re.search(r'href="(/abonnement\?[^"]+)"[^>]*>Recevoir ces offres par courriel', html)
    assert match, "no subscribe link on the board"
    form = client.get(match.group(1).replace("&amp;", "&")).get_data(as_text=True)
    assert 'value="soudeur"' in form
    assert re.search(
        rf'<option selected value="{PIERRE_DE_SAUREL}"|value="{PIERRE_DE_SAUREL}" selected', form
    )


def test_the_channel_is_declared(app):
    with app.app_context():
        names = [channel.name for channel in plugin_system.channels(app)]
    assert "lge_digest" in names


# --- confirm, manage, unsubscribe links --------------------------------------------------------


def test_forged_and_altered_tokens_are_a_clean_404_with_a_french_message(app, client, smtp):
    sub = confirmed(app, client, smtp)
    urls = urls_for(app, sub)
    with app.app_context():
        offer_token = offer_manage_token(make_offer())
    bad = ["x", "%FF%FE", "a" * 5000, offer_token, sub.token]
    for kind, url in urls.items():
        base, _, token = url.rpartition("/")
        payload, _, signature = token.partition(".")
        swapped = ("B" if payload[3] == "A" else "A").join((payload[:3], payload[4:]))
        for forged in [*bad, altered(token), truncated(token), f"{swapped}.{signature}"]:
            for method in ("GET", "POST"):
                data = {"List-Unsubscribe": "One-Click"} if kind == "unsubscribe" else {}
                response = client.open(f"{base}/{forged}", method=method, data=data)
                assert response.status_code in (400, 404), (kind, forged, method)
                if response.status_code == 404:
                    assert "Ce lien n'est pas valide" in page_text(response)
    assert subscription(app).status == SubscriptionStatus.ACTIVE


def test_each_link_is_good_for_its_own_purpose_only(app, client, smtp):
    sub = confirmed(app, client, smtp)
    urls = urls_for(app, sub)
    unsubscribe_token = token_of(urls["unsubscribe"])
    manage_token = token_of(urls["manage"])
    assert client.get(f"/abonnement/gerer/{unsubscribe_token}").status_code == 404
    assert client.get(f"/abonnement/confirmer/{manage_token}").status_code == 404
    assert client.post(f"/abonnement/desabonner/{manage_token}").status_code == 404
    assert EMAIL not in client.get(urls["unsubscribe"]).get_data(as_text=True)


def test_links_never_expire_and_do_not_contain_the_address_or_id(app, client, smtp):
    sub = confirmed(app, client, smtp)
    urls = urls_for(app, sub)
    for url in urls.values():
        assert "amina" not in url and sub.token not in url
    fallbacks = app.config.get("SECRET_KEY_FALLBACKS")
    app.config["SECRET_KEY_FALLBACKS"] = ["test-secret"]
    app.config["SECRET_KEY"] = "a-new-secret"
    try:
        assert client.get(urls["manage"]).status_code == 200  # an old link survives a new key
    finally:
        app.config["SECRET_KEY"] = "test-secret"
        app.config["SECRET_KEY_FALLBACKS"] = fallbacks


def test_manage_page_changes_criteria_and_language_with_a_ledger_entry(app, client, smtp):
    sub = confirmed(app, client, smtp)
    url = urls_for(app, sub)["manage"]
    page = client.get(url).get_data(as_text=True)
    assert EMAIL in page and "soudeur, machiniste" in page and "72106 — " in page
    data = subscribe_data(keywords="cuisinier", language="en", schedules=[], mrc_codes=[])
    del data["consent"], data["email"]
    data = {k: v for k, v in data.items() if v != []}
    response = post_form(client, url, data)
    assert response.status_code == 302
    sub = subscription(app)
    assert (sub.keywords, sub.language, sub.schedules, sub.mrc_codes) == ("cuisinier", "en", 0, "")
    assert sub.municipality_codes == SOREL_TRACY and sub.noc_codes == "72106"
    entries = subscription(app).ledger
    assert entries[-1].action == LedgerAction.CRITERIA_CHANGED
    assert entries[-1].method == "electronic"
    assert service.ledger_detail(entries[-1])["fields"] == [
        "keywords",
        "mrc_codes",
        "schedules",
        "language",
    ]
    # The same criteria again: nothing recorded.
    post_form(client, url, data)
    assert len(subscription(app).ledger) == len(entries)
    assert smtp.messages == []


def test_manage_page_refuses_bad_criteria_next_to_the_field(app, client, smtp):
    sub = confirmed(app, client, smtp)
    url = urls_for(app, sub)["manage"]
    response = post_form(client, url, {"language": "fr", "max_distance_km": "abc"})
    assert response.status_code == 200
    assert 'id="max_distance_km-err"' in response.get_data(as_text=True)
    assert subscription(app).keywords == "soudeur, machiniste"


def test_unsubscribe_page_then_button_unsubscribes_at_once(app, client, smtp):
    sub = confirmed(app, client, smtp)
    url = urls_for(app, sub)["unsubscribe"]
    page = client.get(url).get_data(as_text=True)
    assert page.count("<button") >= 1 and "Me désabonner" in page
    assert subscription(app).status == SubscriptionStatus.ACTIVE  # a GET changes nothing
    response = client.post(url)  # the page's button (no CSRF token needed)
    assert response.status_code == 200
    assert "Vous êtes désabonné" in response.get_data(as_text=True)
    sub = subscription(app)
    assert sub.status == SubscriptionStatus.UNSUBSCRIBED
    assert ledger(app)[-1][:2] == (LedgerAction.UNSUBSCRIBED, "web")
    with app.app_context():
        assert db.session.scalars(service.active_subscriptions()).all() == []


def test_one_click_post_without_csrf_works_and_is_idempotent(app, client, smtp):
    sub = confirmed(app, client, smtp)
    url = urls_for(app, sub)["unsubscribe"]
    fresh = app.test_client()  # no session, no CSRF token: a mail provider
    for _ in range(2):
        response = fresh.post(
            url,
            data="List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 200
    assert subscription(app).status == SubscriptionStatus.UNSUBSCRIBED
    assert [entry[:2] for entry in ledger(app)][-1] == (LedgerAction.UNSUBSCRIBED, "one_click")
    assert [a for a, *_ in ledger(app)].count(LedgerAction.UNSUBSCRIBED) == 1
    assert "Vous êtes désabonné" in fresh.get(url).get_data(as_text=True)


def test_csrf_exemption_is_for_the_unsubscribe_endpoint_only(app, client, smtp):
    sub = confirmed(app, client, smtp)
    urls = urls_for(app, sub)
    fresh = app.test_client()
    assert fresh.post(urls["manage"], data={"keywords": "x", "language": "fr"}).status_code == 400
    assert fresh.post("/abonnement", data=subscribe_data(email="z@z.example")).status_code == 400
    assert subscription(app).keywords == "soudeur, machiniste"


def test_manage_page_after_unsubscribing_offers_to_subscribe_again(app, client, smtp):
    sub = confirmed(app, client, smtp)
    urls = urls_for(app, sub)
    client.post(urls["unsubscribe"])
    page = client.get(urls["manage"]).get_data(as_text=True)
    assert "Vous êtes désabonné" in page and "/abonnement" in page
    assert client.post(urls["manage"], data={"keywords": "x"}).status_code in (200, 400)
    assert subscription(app).keywords == "soudeur, machiniste"


def test_an_old_confirmation_link_does_not_undo_an_unsubscribe(app, client, smtp):
    sub = confirmed(app, client, smtp)
    urls = urls_for(app, sub)
    client.post(urls["unsubscribe"])
    response = post_form(client, urls["confirm"], {}, page="/abonnement")
    assert response.status_code == 200
    assert "ne s'applique plus" in response.get_data(as_text=True)
    assert subscription(app).status == SubscriptionStatus.UNSUBSCRIBED


def test_subscribing_again_after_unsubscribing_needs_a_new_confirmation(app, client, smtp):
    sub = confirmed(app, client, smtp)
    client.post(urls_for(app, sub)["unsubscribe"])
    submit(client, keywords="cuisinier")
    sub = subscription(app)
    assert sub.status == SubscriptionStatus.PENDING and sub.keywords == "cuisinier"
    assert count(app, DigestSubscription) == 1
    [message] = smtp.to(EMAIL)
    post_form(client, link_in(message, "/abonnement/confirmer/"), {})
    assert subscription(app).status == SubscriptionStatus.ACTIVE
    assert [a for a, *_ in ledger(app)] == [
        LedgerAction.CONSENT_GIVEN,
        LedgerAction.CONFIRMED,
        LedgerAction.UNSUBSCRIBED,
        LedgerAction.CONSENT_GIVEN,
        LedgerAction.CONFIRMED,
    ]


def test_mailto_and_list_unsubscribe_headers(app, client, smtp):
    sub = confirmed(app, client, smtp)
    with app.app_context():
        sub = db.session.merge(sub)
        mailto = links.mailto_unsubscribe(sub)
        assert mailto.startswith("mailto:emplois@orientheque.ca?subject=unsubscribe-")
        subject = mailto.partition("subject=")[2]
        assert links.subscription_from_mailto_subject("Re: " + subject).id == sub.id
        with pytest.raises(links.LinkInvalid):
            links.subscription_from_mailto_subject("unsubscribe-" + altered(subject[12:]))
        headers = links.list_unsubscribe_headers(sub)
        assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert headers["List-Unsubscribe"] == (f"<{links.unsubscribe_url(sub)}>, <{mailto}>")
        app.config["OJ_LGE_UNSUBSCRIBE_EMAIL"] = "desabonnement@orientheque.ca"
        try:
            assert links.mailto_unsubscribe(sub).startswith("mailto:desabonnement@orientheque.ca?")
        finally:
            app.config.pop("OJ_LGE_UNSUBSCRIBE_EMAIL")


def test_ledger_is_append_only(app, client, smtp):
    confirmed(app, client, smtp)
    with app.app_context():
        entry = db.session.scalar(select(DigestLedgerEntry))
        entry.detail = "changed"
        with pytest.raises(service.LedgerIsAppendOnly):
            db.session.commit()
        db.session.rollback()
        db.session.delete(db.session.scalar(select(DigestLedgerEntry)))
        with pytest.raises(service.LedgerIsAppendOnly):
            db.session.commit()
        db.session.rollback()
    assert len(ledger(app)) == 2


# --- counsellors ---------------------------------------------------------------------------------


def staff_url(participant_id: int) -> str:
    return f"/conseil/lge/participants/{participant_id}"


def staff_data(**overrides) -> dict:
    data = subscribe_data(oral_consent="y", **overrides)
    del data["consent"], data["email"]
    return data


def test_counsellor_records_oral_consent_and_the_subscription_is_active(app, client, smtp):
    with app.app_context():
        counsellor = make_user(Role.COUNSELLOR)
        participant = make_participant(email=EMAIL)
        participant_id = participant.id
    login(client, counsellor)
    detail = client.get(f"/conseil/participants/{participant_id}").get_data(as_text=True)
    assert staff_url(participant_id) in detail and "Abonner la personne" in detail

    page = client.get(staff_url(participant_id)).get_data(as_text=True)
    assert service.NOTICE_VERSION in page and EMAIL in page

    response = post_form(client, staff_url(participant_id), staff_data())
    assert response.status_code == 302
    sub = subscription(app)
    assert sub.status == SubscriptionStatus.ACTIVE and sub.participant_id == participant_id
    assert sub.confirmed_at is not None  # active since now: the first digest starts there
    assert ledger(app) == [
        (LedgerAction.CONSENT_GIVEN, "oral", service.NOTICE_VERSION, counsellor.id)
    ]
    with app.app_context():
        participant = db.session.get(Participant, participant_id)
        latest = participant_service.latest_consent(participant, ConsentScope.DIGEST)
        assert latest.given and latest.method == ConsentMethod.ORAL
        assert latest.recorded_by_id == counsellor.id
        assert latest.notice_version == service.NOTICE_VERSION

    [message] = smtp.to(EMAIL)
    assert "Bienvenue" in message["Subject"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "<mailto:emplois@orientheque.ca?subject=unsubscribe-" in message["List-Unsubscribe"]
    manage = link_in(message, "/abonnement/gerer/")
    unsubscribe = link_in(message, "/abonnement/desabonner/")
    assert client.get(manage).status_code == 200
    assert "71, rue de Ramezay" in text_of(message)

    # Shown in the file and on the page, with the ledger.
    detail = client.get(f"/conseil/participants/{participant_id}").get_data(as_text=True)
    assert "Actif" in detail
    page = client.get(staff_url(participant_id)).get_data(as_text=True)
    assert "Consentement donné" in page and "Verbal" in page

    # Unsubscribing by the link withdraws the file's DIGEST consent too.
    assert app.test_client().post(unsubscribe).status_code == 200
    with app.app_context():
        participant = db.session.get(Participant, participant_id)
        assert not participant_service.active_consent(participant, ConsentScope.DIGEST)


def test_counsellor_must_tick_the_oral_consent_box(app, client, smtp):
    with app.app_context():
        counsellor = make_user(Role.COUNSELLOR)
        participant_id = make_participant(email=EMAIL).id
    login(client, counsellor)
    data = staff_data()
    del data["oral_consent"]
    response = post_form(client, staff_url(participant_id), data, page=staff_url(participant_id))
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'id="oral_consent-err"' in html and 'value="soudeur, machiniste"' in html
    assert count(app, DigestSubscription) == 0 and smtp.messages == []


def test_counsellor_activates_a_pending_public_request_and_then_edits_criteria(app, client, smtp):
    with app.app_context():
        counsellor = make_user(Role.COUNSELLOR)
        participant_id = make_participant(email=EMAIL).id
    submit(client)
    login(client, counsellor)
    post_form(client, staff_url(participant_id), staff_data(keywords="commis"))
    sub = subscription(app)
    assert sub.status == SubscriptionStatus.ACTIVE and sub.keywords == "commis"
    assert count(app, DigestSubscription) == 1
    # Active: the form only changes criteria (no consent box needed), recorded by the counsellor.
    data = staff_data(keywords="caissier")
    del data["oral_consent"]
    assert post_form(client, staff_url(participant_id), data).status_code == 302
    assert subscription(app).keywords == "caissier"
    assert ledger(app)[-1] == (LedgerAction.CRITERIA_CHANGED, "oral", None, counsellor.id)


def test_counsellor_needs_an_email_in_the_file(app, client, smtp):
    with app.app_context():
        counsellor = make_user(Role.COUNSELLOR)
        participant_id = make_participant(email=None).id
    login(client, counsellor)
    page = client.get(staff_url(participant_id)).get_data(as_text=True)
    assert "Le dossier n'a pas de courriel" in page
    response = post_form(client, staff_url(participant_id), staff_data(), page="/offres")
    assert response.status_code == 409
    assert count(app, DigestSubscription) == 0


def test_counsellor_unsubscribes_at_the_persons_request(app, client, smtp):
    with app.app_context():
        counsellor = make_user(Role.COUNSELLOR)
        participant_id = make_participant(email=EMAIL).id
    login(client, counsellor)
    post_form(client, staff_url(participant_id), staff_data())
    post_form(client, staff_url(participant_id) + "/desabonner", {}, page=staff_url(participant_id))
    assert subscription(app).status == SubscriptionStatus.UNSUBSCRIBED
    assert ledger(app)[-1] == (LedgerAction.UNSUBSCRIBED, "oral", None, counsellor.id)


def test_withdrawing_the_digest_consent_in_the_file_unsubscribes(app, client, smtp):
    with app.app_context():
        counsellor = make_user(Role.COUNSELLOR)
        participant_id = make_participant(email=EMAIL).id
    login(client, counsellor)
    post_form(client, staff_url(participant_id), staff_data())
    response = post_form(
        client,
        f"/conseil/participants/{participant_id}/consentements",
        {"scope": "digest", "method": "oral", "withdraw": "1"},
        page=f"/conseil/participants/{participant_id}",
    )
    assert response.status_code == 302
    assert subscription(app).status == SubscriptionStatus.UNSUBSCRIBED
    action, method, _, by = ledger(app)[-1]
    assert (action, method, by) == (LedgerAction.UNSUBSCRIBED, "oral", counsellor.id)


def test_deleting_the_file_unsubscribes_and_keeps_the_ledger(app, client, smtp):
    with app.app_context():
        counsellor = make_user(Role.COUNSELLOR)
        manager = make_user(Role.MANAGER)
        participant_id = make_participant(email=EMAIL).id
    login(client, counsellor)
    post_form(client, staff_url(participant_id), staff_data())
    other = app.test_client()
    login(other, manager)
    response = post_form(
        other,
        f"/conseil/participants/{participant_id}/supprimer",
        {"confirm": "y"},
        page=f"/conseil/participants/{participant_id}",
    )
    assert response.status_code == 302
    sub = subscription(app)
    assert sub.participant_id is None and sub.status == SubscriptionStatus.UNSUBSCRIBED
    assert count(app, Participant) == 0
    assert [a for a, *_ in ledger(app)] == [LedgerAction.CONSENT_GIVEN, LedgerAction.UNSUBSCRIBED]


def test_managers_read_but_cannot_subscribe(app, client, smtp):
    with app.app_context():
        manager = make_user(Role.MANAGER)
        participant_id = make_participant(email=EMAIL).id
    login(client, manager)
    page = client.get(staff_url(participant_id))
    assert page.status_code == 200
    assert 'name="oral_consent"' not in page.get_data(as_text=True)
    csrf = csrf_from(page.get_data(as_text=True))
    response = client.post(staff_url(participant_id), data={**staff_data(), "csrf_token": csrf})
    assert response.status_code == 403
    response = client.post(staff_url(participant_id) + "/desabonner", data={"csrf_token": csrf})
    assert response.status_code == 403
    assert count(app, DigestSubscription) == 0 and smtp.messages == []


@pytest.mark.parametrize("who", ["public", "employer", Role.ADMIN])
def test_public_employers_and_admins_cannot_reach_the_staff_pages(app, client, who):
    with app.app_context():
        participant_id = make_participant(email=EMAIL).id
        offer_token = offer_manage_token(make_offer())
        admin = make_user(Role.ADMIN) if who == Role.ADMIN else None
    if admin is not None:
        login(client, admin)
    if who == "employer":
        assert client.get(f"/gestion/{offer_token}").status_code == 200  # their magic link
    csrf = csrf_from(client.get("/abonnement").get_data(as_text=True))
    for method, url in (
        ("GET", staff_url(participant_id)),
        ("POST", staff_url(participant_id)),
        ("POST", staff_url(participant_id) + "/desabonner"),
    ):
        response = client.open(url, method=method, data={**staff_data(), "csrf_token": csrf})
        if admin is None:
            assert response.status_code == 302 and "/connexion" in response.headers["Location"]
        else:
            assert response.status_code == 403
    assert count(app, DigestSubscription) == 0


def test_staff_page_views_are_audited(app, client):
    with app.app_context():
        counsellor = make_user(Role.COUNSELLOR)
        participant = make_participant(email=EMAIL)
        make_matching_profile(participant)
        participant_id = participant.id
    login(client, counsellor)
    client.get(staff_url(participant_id))
    with app.app_context():
        from orientheque_jobs.models import AuditEntry

        views = db.session.scalars(
            select(AuditEntry).where(
                AuditEntry.entity_id == participant_id, AuditEntry.action == "view"
            )
        ).all()
    assert views and views[-1].user_id == counsellor.id


def test_service_queries_for_the_sender(app, client, smtp):
    confirmed(app, client, smtp)
    submit(client, email="pending@courriel.example")
    with app.app_context():
        active = db.session.scalars(service.active_subscriptions()).all()
        assert [s.email for s in active] == [EMAIL]
        criteria = service.criteria_of(active[0])
        assert criteria.noc_codes == ["72106"] and criteria.mrc_codes == [PIERRE_DE_SAUREL]
        assert service.pause(active[0], {"bounces": 3})
        assert not service.pause(active[0])
        assert db.session.scalars(service.active_subscriptions()).all() == []
    assert ledger(app)[-1][:2] == (LedgerAction.PAUSED, "bounce")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Consent)) == 0


def test_a_race_on_a_new_address_is_settled_by_the_unique_email(app, smtp, monkeypatch):
    """Two requests for the same new address at once: the loser hits the unique constraint,
    starts again, and finds the winner's row (the same submission: nothing more is done)."""
    criteria = service.Criteria(keywords="soudeur")
    with app.test_request_context():
        first, outcome = service.request_subscription(EMAIL, "fr", criteria, "a" * 32)
        assert outcome == service.Outcome.CONFIRMATION_SENT
        db.session.expunge_all()
        real, calls = service.find_by_email, []

        def late(address):  # the loser looked before the winner committed
            calls.append(address)
            return None if len(calls) == 1 else real(address)

        monkeypatch.setattr(service, "find_by_email", late)
        sub, outcome = service.request_subscription(EMAIL, "fr", criteria, "a" * 32)
        assert outcome == service.Outcome.REPEATED and len(calls) == 2
    assert count(app, DigestSubscription) == 1
    assert len(ledger(app)) == 1 and len(smtp.messages) == 1


def test_two_unsubscribes_at_once_write_one_ledger_entry(app, client, smtp):
    confirmed(app, client, smtp)
    with app.test_request_context():
        sub = service.find_by_email(EMAIL)  # read while still active...
        assert sub.status == SubscriptionStatus.ACTIVE
        with db.engine.begin() as other:  # ...when another request unsubscribes first
            other.execute(DigestSubscription.__table__.update().values(status="UNSUBSCRIBED"))
        assert service.unsubscribe(sub, service.Method.ONE_CLICK) is False
    assert [a for a, *_ in ledger(app)] == [LedgerAction.CONSENT_GIVEN, LedgerAction.CONFIRMED]
