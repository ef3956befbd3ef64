"""Access control on every route for every role, CSRF, headers, cookies and login."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from orientheque_jobs.extensions import db
from orientheque_jobs.models import Offer, OfferStatus, Role, User
from orientheque_jobs.services.links import manage_token

from .conftest import csrf_from, post_form
from .factories import PASSWORD, login, make_offer, make_user

STAFF_PREFIX = "/conseil"
ROLES = ("public", "employer", Role.COUNSELLOR, Role.MANAGER, Role.ADMIN)


def route_urls(app, offer_id: int, token: str) -> list[tuple[str, str, str]]:
    """Every registered rule, with sample values, for each method it accepts."""
    # Any id will do: allowed roles get a 404 for a missing record, the others 403 or a login.
    values = {
        "offer_id": offer_id,
        "participant_id": offer_id,
        "employer_id": offer_id,
        "item_id": offer_id,
        "referral_id": offer_id,
        "token": token,
        "action": "filled",
        "fmt": "csv",
        "filename": "site.css",
    }
    urls = []
    with app.test_request_context():
        adapter = app.url_map.bind("localhost")
        for rule in app.url_map.iter_rules():
            missing = set(rule.arguments) - set(values)
            assert not missing, f"add a sample value for {missing} in route_urls"
            url = adapter.build(rule.endpoint, {k: values[k] for k in rule.arguments})
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                urls.append((method, url, rule.endpoint))
    # Logging out last, so that every other route is walked while logged in.
    return sorted(urls, key=lambda item: item[1] == "/deconnexion")


def allowed_roles(app, endpoint: str) -> tuple | None:
    """The roles a staff blueprint admits; None for public routes."""
    blueprint = app.blueprints.get(endpoint.rpartition(".")[0])
    return getattr(blueprint, "allowed_roles", None)


@pytest.mark.parametrize("role", ROLES, ids=str)
def test_every_route_as_every_role(app, role):
    with app.app_context():
        offer = make_offer(OfferStatus.SUBMITTED)
        offer_id, token = offer.id, manage_token(offer)
        user = make_user(role) if isinstance(role, Role) else None
    client = app.test_client()
    if user is not None:
        login(client, user)
    csrf = csrf_from(client.get("/publier").get_data(as_text=True))
    for method, url, endpoint in route_urls(app, offer_id, token):
        data = {"csrf_token": csrf} if method == "POST" else None
        response = client.open(url, method=method, data=data)
        assert response.status_code < 500, (role, method, url, response.status_code)
        roles = allowed_roles(app, endpoint)
        if url.startswith(STAFF_PREFIX):
            assert roles, f"{endpoint} is under {STAFF_PREFIX} but not in a staff blueprint"
        if roles is None:
            continue
        if user is None:
            assert response.status_code == 302, (method, url)
            assert "/connexion" in response.headers["Location"]
        elif role not in roles:
            assert response.status_code == 403, (role, method, url)
        else:
            assert response.status_code not in (401, 403), (role, method, url)
    with app.app_context():
        status = db.session.get(Offer, offer_id).status
    if role not in (Role.COUNSELLOR, Role.ADMIN):
        # Nobody but moderators changed the offer through the staff routes.
        # Public and employer POSTs went through the magic link only (filled is allowed there).
        assert status in (OfferStatus.SUBMITTED, OfferStatus.FILLED, OfferStatus.WITHDRAWN)


def test_state_changing_routes_refuse_requests_without_csrf(app, client):
    with app.app_context():
        offer = make_offer()
        token = manage_token(offer)
    for url in (
        "/publier",
        f"/gestion/{token}/filled",
        f"/gestion/{token}/renouveler",
        "/gestion/lien",
        "/connexion",
    ):
        assert client.post(url, data={"email": "a@b.example"}).status_code == 400, url
    with app.app_context():
        assert db.session.scalar(select(Offer.status)) == OfferStatus.PUBLISHED


def test_security_headers_on_every_page(client):
    response = client.get("/offres")
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_session_cookie_is_httponly_and_samesite(app, client):
    with app.app_context():
        user = make_user()
    response = login(client, user)
    [cookie] = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_passwords_are_hashed(app, ctx):
    user = make_user()
    stored = db.session.scalar(select(User.password_hash).where(User.id == user.id))
    assert PASSWORD not in stored and stored.startswith(("scrypt:", "pbkdf2:"))


def test_wrong_password_and_inactive_account_are_refused(app, client):
    with app.app_context():
        user = make_user()
        inactive = make_user()
        db.session.get(User, inactive.id).active = False
        db.session.commit()
    wrong = post_form(client, "/connexion", {"email": user.email, "password": "nope"})
    assert wrong.status_code == 200
    assert "Courriel ou mot de passe incorrect." in wrong.get_data(as_text=True)
    assert f'value="{user.email}"' in wrong.get_data(as_text=True)  # typed email kept
    blocked = post_form(client, "/connexion", {"email": inactive.email, "password": PASSWORD})
    assert blocked.status_code == 200
    assert client.get("/conseil/").status_code == 302


def test_login_never_redirects_off_site(app, client):
    with app.app_context():
        user = make_user()
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        response = post_form(
            client, f"/connexion?next={target}", {"email": user.email, "password": PASSWORD}
        )
        assert response.status_code == 302
        assert "evil" not in response.headers["Location"]
        post_form(client, "/deconnexion", {}, page="/offres")


def test_login_is_rate_limited(app, client):
    app.config["OJ_RATELIMIT_LOGIN"] = "3 per minute"
    try:
        codes = [
            post_form(client, "/connexion", {"email": "x@y.example", "password": "bad"}).status_code
            for _ in range(4)
        ]
    finally:
        app.config["OJ_RATELIMIT_LOGIN"] = "1000 per minute"
    assert codes == [200, 200, 200, 429]


def test_logout_needs_post_with_csrf(app, client):
    with app.app_context():
        user = make_user()
    login(client, user)
    assert client.get("/deconnexion").status_code == 405
    assert client.get("/conseil/").status_code == 200
    post_form(client, "/deconnexion", {}, page="/conseil/")
    assert client.get("/conseil/").status_code == 302


def test_contact_details_are_not_public(app, client):
    with app.app_context():
        offer = make_offer()
        email, offer_id = offer.contact.email, offer.id
    html = client.get(f"/offres/{offer_id}").get_data(as_text=True)
    assert email not in html


@pytest.mark.parametrize(
    "url",
    [
        "/offres?page=-1",
        "/offres?page=abc",
        "/offres?page=99999999999999999999",
        "/offres?type=999",
        "/offres?mrc=%00",
        "/offres?q=" + "é" * 5000,
        "/offres?category=x",
        "/offres?municipality=1;DROP",
        "/offres/0",
        "/offres/99999999999999999999",
        "/api/cnp?q=%25",
        "/api/cnp?q=_",
        "/conseil/offres?status=bogus&page=-3",
        "/gestion/%FF%FE",
    ],
)
def test_garbage_urls_never_500(app, client, url):
    with app.app_context():
        login(client, make_user())
    assert client.get(url).status_code in (200, 302, 403, 404)
