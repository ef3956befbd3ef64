"""Moderation, employer magic links, closing, renewal and expiry."""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from orientheque_jobs.extensions import db
from orientheque_jobs.models import Offer, OfferEvent, OfferStatus, Role
from orientheque_jobs.services import links
from orientheque_jobs.services import offers as offer_service

from .conftest import csrf_from, post_form
from .factories import future, login, make_offer, make_user, offer_form_data


def manage_link_from(message) -> str:
    body = message.get_body(("plain",)).get_content()
    return re.search(r"http://localhost(/gestion/\S+)", body).group(1)


def submitted_offer_link(client, smtp, **overrides) -> str:
    assert post_form(client, "/publier", offer_form_data(**overrides)).status_code == 302
    return manage_link_from(smtp.messages[-1])


def get_offer(app, offer_id) -> Offer:
    with app.app_context():
        offer = db.session.get(Offer, offer_id)
        db.session.expunge(offer)
        return offer


# --- moderation ---------------------------------------------------------------------------


def test_queue_lists_submitted_offers_oldest_first(app, client):
    with app.app_context():
        user = make_user()
        older = make_offer(OfferStatus.SUBMITTED, title="Plus ancienne")
        newer = make_offer(OfferStatus.SUBMITTED, title="Plus récente")
        older.submitted_at = newer.submitted_at - timedelta(days=2)
        make_offer(OfferStatus.PUBLISHED, title="Déjà publiée")
        db.session.commit()
    login(client, user)
    html = client.get("/conseil/moderation").get_data(as_text=True)
    assert html.index("Plus ancienne") < html.index("Plus récente")
    assert "Déjà publiée" not in html


def test_counsellor_edits_then_approves_and_employer_is_told(app, client, smtp):
    submitted_offer_link(client, smtp)
    with app.app_context():
        user = make_user()
        offer_id = db.session.scalar(select(Offer.id))
    login(client, user)
    smtp.clear()
    data = offer_form_data(title="Boulanger-pâtissier / boulangère-pâtissière", approve="1")
    data = {k: v for k, v in data.items() if not k.startswith(("employer_", "contact_"))}
    response = post_form(client, f"/conseil/offres/{offer_id}", data)
    assert response.status_code == 302
    offer = get_offer(app, offer_id)
    assert offer.status == OfferStatus.PUBLISHED
    assert offer.title == "Boulanger-pâtissier / boulangère-pâtissière"
    assert offer.published_at is not None
    [message] = smtp.messages
    assert "est publiée" in message["Subject"]
    assert client.get(f"/offres/{offer_id}").status_code == 200
    with app.app_context():
        actions = db.session.scalars(
            select(OfferEvent.action).where(OfferEvent.offer_id == offer_id).order_by(OfferEvent.id)
        ).all()
    assert actions == ["submitted", "edited", "published"]


def test_reject_needs_a_reason_and_emails_it(app, client, smtp):
    with app.app_context():
        user = make_user()
        offer_id = make_offer(OfferStatus.SUBMITTED).id
    login(client, user)
    page = f"/conseil/offres/{offer_id}"
    response = post_form(client, f"{page}/refuser", {"reason": "  "}, page=page)
    assert response.status_code == 400
    assert "Ce champ est obligatoire." in response.get_data(as_text=True)
    assert get_offer(app, offer_id).status == OfferStatus.SUBMITTED
    reason = "Le salaire offert est sous le salaire minimum."
    response = post_form(client, f"{page}/refuser", {"reason": reason}, page=page)
    assert response.status_code == 302
    offer = get_offer(app, offer_id)
    assert offer.status == OfferStatus.REJECTED and offer.rejection_reason == reason
    [message] = smtp.messages
    assert reason in message.get_body(("plain",)).get_content()
    assert client.get(f"/offres/{offer_id}").status_code == 404


def test_counsellor_writes_an_offer_on_behalf_of_an_employer_and_publishes_it(app, client, smtp):
    with app.app_context():
        user = make_user()
    login(client, user)
    response = post_form(client, "/conseil/offres/nouvelle", offer_form_data(publish_now="y"))
    assert response.status_code == 302
    with app.app_context():
        offer = db.session.scalars(select(Offer)).one()
        assert offer.status == OfferStatus.PUBLISHED
        assert offer.created_by_id == user.id
    assert client.get(f"/offres/{offer.id}").status_code == 200


def test_approving_twice_is_refused_without_error(app, ctx):
    user = make_user()
    offer = make_offer(OfferStatus.SUBMITTED)
    offer_service.approve(offer, user)
    with pytest.raises(offer_service.TransitionError):
        offer_service.approve(offer, user)


# --- employer magic link ---------------------------------------------------------------------


def test_magic_link_shows_status_and_allows_edit_which_goes_back_to_moderation(app, client, smtp):
    link = submitted_offer_link(client, smtp)
    page = client.get(link).get_data(as_text=True)
    assert "En attente de modération" in page
    with app.app_context():
        offer = db.session.scalars(select(Offer)).one()
        offer_service.approve(offer, make_user())
        offer_id = offer.id
    data = {
        k: v
        for k, v in offer_form_data(title="Boulanger de nuit").items()
        if not k.startswith(("employer_", "contact_"))
    }
    response = post_form(client, f"{link}/modifier", data)
    assert response.status_code == 302
    offer = get_offer(app, offer_id)
    assert offer.title == "Boulanger de nuit"
    assert offer.status == OfferStatus.SUBMITTED  # re-moderated after an employer edit
    assert client.get(f"/offres/{offer_id}").status_code == 404


def test_employer_marks_filled_and_page_says_so_with_410(app, client, smtp):
    link = submitted_offer_link(client, smtp)
    with app.app_context():
        offer = db.session.scalars(select(Offer)).one()
        offer_service.approve(offer, make_user())
        offer_id = offer.id
    token = csrf_from(client.get(link).get_data(as_text=True))
    for _ in range(2):  # a double click does no harm
        assert client.post(f"{link}/filled", data={"csrf_token": token}).status_code == 302
    assert get_offer(app, offer_id).status == OfferStatus.FILLED
    gone = client.get(f"/offres/{offer_id}")
    assert gone.status_code == 410
    assert "pourvu" in gone.get_data(as_text=True)
    assert "Boulanger" not in client.get("/offres").get_data(as_text=True)
    # A filled offer can no longer be edited or renewed.
    assert client.get(f"{link}/modifier").status_code == 302
    client.post(f"{link}/renouveler", data={"csrf_token": token})
    assert get_offer(app, offer_id).status == OfferStatus.FILLED


def test_employer_withdraws_a_published_offer(app, client, smtp):
    link = submitted_offer_link(client, smtp)
    post_form(client, f"{link}/withdrawn", {}, page=link)
    with app.app_context():
        assert db.session.scalars(select(Offer)).one().status == OfferStatus.WITHDRAWN


def test_forged_altered_and_revoked_links_are_clean_403(app, client, smtp):
    link = submitted_offer_link(client, smtp)
    assert client.get(link).status_code == 200
    for bad in (
        link[:-3] + "abc",
        "/gestion/forged",
        "/gestion/" + "A" * 5000,
        link + "%00",
        "/gestion/eyJvIjoxfQ.bad.sig",
    ):
        response = client.get(bad)
        assert response.status_code in (403, 404), bad
        assert (
            "Recevoir un nouveau lien" in response.get_data(as_text=True)
            or response.status_code == 404
        )
    with app.app_context():
        offer = db.session.scalars(select(Offer)).one()
        offer.link_version += 1  # revoke every link sent so far
        db.session.commit()
    assert client.get(link).status_code == 403
    # A POST with a forged link changes nothing.
    assert client.post("/gestion/forged/filled").status_code in (400, 403)


def test_expired_link_is_403_with_a_way_to_get_a_new_one(app, client, smtp):
    link = submitted_offer_link(client, smtp)
    app.config["OJ_MAGIC_LINK_MAX_AGE"] = 0
    try:
        time.sleep(1.1)
        response = client.get(link)
    finally:
        app.config["OJ_MAGIC_LINK_MAX_AGE"] = 30 * 24 * 3600
    assert response.status_code == 403
    assert "expiré" in response.get_data(as_text=True)


def test_request_new_links_by_email_without_revealing_accounts(app, client, smtp):
    submitted_offer_link(client, smtp)
    smtp.clear()
    answer = post_form(
        client,
        "/gestion/lien",
        {"email": "MARC-ANDRE@boulangerie-vieux-sorel.example"},
        follow_redirects=True,
    ).get_data(as_text=True)
    [message] = smtp.messages
    assert client.get(manage_link_from(message)).status_code == 200
    smtp.clear()
    other = post_form(
        client, "/gestion/lien", {"email": "inconnu@nulle-part.example"}, follow_redirects=True
    ).get_data(as_text=True)
    assert smtp.messages == []
    assert "Si des offres ouvertes" in answer and "Si des offres ouvertes" in other


def test_links_are_tied_to_the_secret_key(app, ctx):
    offer = make_offer()
    token = links.manage_token(offer)
    assert links.offer_from_token(token).id == offer.id
    app.config["SECRET_KEY"] = "another"
    try:
        with pytest.raises(links.LinkInvalid):
            links.offer_from_token(token)
    finally:
        app.config["SECRET_KEY"] = "test-secret"


# --- renewal and expiry ----------------------------------------------------------------------


def test_expire_command_unpublishes_and_reminds_once(app, smtp):
    with app.app_context():
        past = make_offer(expires_on=future(-1), title="Expirée hier")
        soon = make_offer(expires_on=future(3), title="Expire bientôt")
        later = make_offer(expires_on=future(40), title="Encore longtemps")
        ids = past.id, soon.id, later.id
    runner = app.test_cli_runner()
    result = runner.invoke(args=["offers", "expire"])
    assert result.exit_code == 0, result.output
    assert "expired: 1, reminded: 1" in result.output
    assert get_offer(app, ids[0]).status == OfferStatus.EXPIRED
    assert get_offer(app, ids[1]).status == OfferStatus.PUBLISHED
    [reminder] = smtp.messages
    assert "expire bientôt" in reminder["Subject"]
    assert "/gestion/" in reminder.get_body(("plain",)).get_content()
    # Re-running the daily job sends nothing new and expires nothing more.
    result = runner.invoke(args=["offers", "expire"])
    assert "expired: 0, reminded: 0" in result.output
    assert len(smtp.messages) == 1
    assert isinstance(runner, CliRunner)


def test_renewal_reopens_an_expired_offer_for_a_new_period(app, client, smtp):
    link = submitted_offer_link(client, smtp)
    with app.app_context():
        offer = db.session.scalars(select(Offer)).one()
        offer_service.approve(offer, make_user())
        offer.expires_on = future(-2)
        offer.status = OfferStatus.EXPIRED
        db.session.commit()
        offer_id = offer.id
    assert client.get(f"/offres/{offer_id}").status_code == 410
    post_form(client, f"{link}/renouveler", {}, page=link)
    offer = get_offer(app, offer_id)
    assert offer.status == OfferStatus.PUBLISHED
    assert offer.expires_on == future(30)
    assert client.get(f"/offres/{offer_id}").status_code == 200


def test_smtp_outage_keeps_the_offer_and_records_the_failure(app, client, smtp):
    app.config["MAIL_PORT"] = 1  # nothing listens there
    from orientheque_jobs.extensions import mail

    mail.init_app(app)
    try:
        response = post_form(client, "/publier", offer_form_data())
    finally:
        app.config["MAIL_PORT"] = smtp.port
        mail.init_app(app)
    assert response.status_code == 302
    with app.app_context():
        offer = db.session.scalars(select(Offer)).one()
        assert [e.action for e in offer.events] == ["submitted", "email_failed"]


def test_manager_cannot_moderate(app, client):
    with app.app_context():
        manager = make_user(Role.MANAGER)
        offer_id = make_offer(OfferStatus.SUBMITTED).id
    login(client, manager)
    assert client.get("/conseil/moderation").status_code == 403
    assert client.post(f"/conseil/offres/{offer_id}/refuser", data={"reason": "x"}).status_code in (
        400,
        403,
    )
    assert get_offer(app, offer_id).status == OfferStatus.SUBMITTED


def test_a_submitted_offer_can_be_withdrawn_but_not_filled(app, client, smtp):
    link = submitted_offer_link(client, smtp)
    page = client.get(link).get_data(as_text=True)
    assert "Retirer l'offre" in page and "Le poste est pourvu" not in page
    post_form(client, f"{link}/filled", {}, page=link)
    with app.app_context():
        assert db.session.scalar(select(Offer.status)) == OfferStatus.SUBMITTED
    post_form(client, f"{link}/withdrawn", {}, page=link)
    with app.app_context():
        assert db.session.scalar(select(Offer.status)) == OfferStatus.WITHDRAWN
