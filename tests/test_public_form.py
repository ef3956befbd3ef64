"""The public `Publier une offre` form: happy path, every kind of bad input, duplicates, abuse."""

from __future__ import annotations

import re
from html import unescape

import pytest
from sqlalchemy import func, select

from orientheque_jobs.extensions import db
from orientheque_jobs.models import Contact, Employer, Offer, OfferStatus

from .conftest import csrf_from, post_form
from .factories import future, offer_form_data


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def submit(client, **overrides):
    return post_form(client, "/publier", offer_form_data(**overrides))


def test_valid_submission_creates_submitted_offer_and_emails_a_link(app, client, smtp):
    response = submit(client)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/publier/merci")
    with app.app_context():
        offer = db.session.scalars(select(Offer)).one()
        assert offer.status == OfferStatus.SUBMITTED
        assert offer.employer.name == "Boulangerie du Vieux-Sorel"
        assert offer.employer.neq == "1166543210"
        assert offer.contact.email == "marc-andre@boulangerie-vieux-sorel.example"
        assert offer.salary_min_cents == 1950 and offer.salary_max_cents == 2300
        assert offer.noc_code is not None  # guessed from the title alone
        assert offer.noc_code.startswith("6")  # bakers are in broad category 6
    [message] = smtp.to("marc-andre@boulangerie-vieux-sorel.example")
    assert "Nous avons reçu votre offre" in message["Subject"]
    body = message.get_body(("plain",)).get_content()
    assert re.search(r"http://localhost/gestion/\S+", body)
    assert message.get_body(("html",)) is not None


def test_form_page_has_the_collection_notice_and_a_csrf_token(client):
    html = client.get("/publier").get_data(as_text=True)
    assert "Avis de collecte" in html
    assert csrf_from(html)
    assert 'name="fax_number"' in html  # honeypot present, hidden by CSS


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": ""}, "title", "Ce champ est obligatoire."),
        ({"description": "court"}, "description", "Entre 20 et 10 000 caractères."),
        ({"title": "x" * 151}, "title", "150 caractères au maximum."),
        ({"description": "y" * 10_001}, "description", "Entre 20 et 10 000 caractères."),
        (
            {"salary_min": "30", "salary_max": "20"},
            "salary_max",
            "Le maximum doit être égal ou supérieur au minimum.",
        ),
        ({"salary_min": "abc"}, "salary_min", "N'est pas une valeur décimale valide"),
        ({"salary_min": "-5"}, "salary_min", "Le salaire ne peut pas être négatif."),
        ({"salary_min": "NaN"}, "salary_min", "Entrez un nombre"),
        ({"salary_max": "Infinity"}, "salary_max", "Entrez un nombre"),
        ({"hours_per_week": "-inf"}, "hours_per_week", "Entrez un nombre"),
        ({"salary_min": "900000", "salary_max": "900000"}, "salary_max", "trop élevé"),
        ({"positions": "deux"}, "positions", "N'est pas un entier valide"),
        ({"positions": "0"}, "positions", "Entre 1 et 500 postes."),
        ({"hours_per_week": "200"}, "hours_per_week", "Entre 1 et 80 heures."),
        ({"expires_on": "2999-01-01"}, "expires_on", "au maximum"),
        ({"expires_on": "2001-01-01"}, "expires_on", "doit être dans le futur"),
        ({"expires_on": "pas une date"}, "expires_on", "N'est pas une date valide"),
        ({"start_date": "31/31/2026"}, "start_date", "N'est pas une date valide"),
        ({"employer_neq": "12345"}, "employer_neq", "10 chiffres"),
        ({"contact_email": "pas-un-courriel"}, "contact_email", "adresse courriel valide"),
        ({"apply_url": "javascript:alert(1)"}, "apply_url", "adresse web complète"),
        ({"apply_url": "javascript://x.com/%0aalert(1)"}, "apply_url", "adresse web complète"),
        ({"apply_email": None}, "apply_instructions", "au moins une façon de postuler"),
        ({"employment_types": []}, "employment_types", "au moins un type"),
        ({"employment_types": ["9999"]}, "employment_types", "Choix invalide"),
        ({"schedules": []}, "schedules", "au moins un horaire"),
        ({"municipality_code": ""}, "municipality_code", "cochez « Télétravail »"),
        ({"municipality_code": "00000"}, "municipality_code", "municipalité de la liste"),
        ({"noc_code": "99999"}, "noc_code", "profession de la liste"),
        (
            {"other_language_requirement": "required", "other_languages": "anglais"},
            "language_justification",
            "justification est obligatoire",
        ),
        ({"other_language_requirement": "bogus"}, "other_language_requirement", "choix valide"),
        ({"consent": None}, "consent", "accepter l'avis de collecte"),
        ({"contact_phone": "appelez-moi"}, "contact_phone", "numéro de téléphone"),
    ],
)
def test_bad_input_is_refused_next_to_the_field_and_keeps_what_was_typed(
    app, client, overrides, field, message
):
    response = submit(client, **overrides)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Le formulaire contient des erreurs" in html
    errors = [unescape(e) for e in re.findall(rf'<p class="error" id="{field}-err">([^<]*)', html)]
    assert errors, f"no error shown next to {field}"
    assert any(message in e for e in errors), errors
    # What was typed is still there.
    assert 'value="Boulangerie du Vieux-Sorel"' in html
    assert "Préparer les pains et viennoiseries" in html or field == "description"
    assert count(app, Offer) == 0


def test_validation_messages_are_french_for_typed_fields(client):
    html = submit(client, salary_min="abc", positions="deux").get_data(as_text=True)
    # WTForms' own messages come from its French catalog, not English.
    assert "Not a valid" not in html


def test_html_and_script_are_stored_as_text_and_escaped(app, client, ctx):
    nasty = '<script>alert("x")</script><b>Soudeur</b>'
    submit(client, title=nasty, description=nasty + " avec une description assez longue.")
    offer = db.session.scalars(select(Offer)).one()
    assert offer.title == nasty
    from orientheque_jobs.services.offers import approve

    from .factories import make_user

    approve(offer, make_user())
    html = client.get(f"/offres/{offer.id}").get_data(as_text=True)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html
    # In the JSON-LD block too: the closing tag cannot break out of the script element.
    jsonld = html.split('type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<script>" not in jsonld and "</b>" not in jsonld


def test_double_submit_creates_one_offer_and_one_employer(app, client, smtp):
    html = client.get("/publier").get_data(as_text=True)
    token = csrf_from(html)
    key = re.search(r'name="submission_key"[^>]*value="([0-9a-f]{32})"', html).group(1)
    data = {**offer_form_data(), "csrf_token": token, "submission_key": key}
    first = client.post("/publier", data=data)
    second = client.post("/publier", data=data)
    assert first.status_code == second.status_code == 302
    assert count(app, Offer) == 1
    assert count(app, Employer) == 1
    assert len(smtp.messages) == 1


def test_forged_submission_key_gets_a_fresh_one(app, client):
    post_form(client, "/publier", {**offer_form_data(), "submission_key": "'; DROP TABLE offer"})
    assert count(app, Offer) == 1


def test_same_employer_posting_again_is_recognised_by_neq_then_by_email(app, client):
    submit(client)
    submit(
        client,
        employer_name="Boulangerie du Vieux-Sorel inc.",
        contact_email="autre@b.example",
        title="Commis de comptoir",
    )
    assert count(app, Employer) == 1  # same NEQ
    submit(
        client,
        employer_neq="",
        contact_email="MARC-ANDRE@boulangerie-vieux-sorel.example",
        title="Pâtissier",
    )
    assert count(app, Employer) == 1  # same contact email, whatever its case
    assert count(app, Offer) == 3
    assert count(app, Contact) == 2
    submit(
        client,
        employer_neq="",
        contact_email="info@autre-entreprise.example",
        employer_name="Autre entreprise",
    )
    assert count(app, Employer) == 2


def test_honeypot_filled_pretends_success_but_stores_nothing(app, client, smtp):
    response = submit(client, fax_number="450 555 0000")
    assert response.status_code == 302
    assert count(app, Offer) == 0
    assert smtp.messages == []


def test_missing_csrf_token_is_a_clean_400(app, client):
    response = client.post("/publier", data=offer_form_data())
    assert response.status_code == 400
    assert "Le formulaire a expiré" in response.get_data(as_text=True)
    assert count(app, Offer) == 0


def test_decimal_comma_is_accepted(app, client, ctx):
    submit(client, salary_min="19,50", salary_max="23", hours_per_week="37,5")
    offer = db.session.scalars(select(Offer)).one()
    assert offer.salary_min_cents == 1950 and str(offer.hours_per_week) == "37.5"


def test_remote_offer_needs_no_municipality(app, client, ctx):
    submit(client, remote="y", municipality_code="", address="ne doit pas rester")
    offer = db.session.scalars(select(Offer)).one()
    assert offer.remote and offer.municipality_code is None and offer.address is None


def test_required_other_language_keeps_its_justification(app, client, ctx):
    submit(
        client,
        other_language_requirement="required",
        other_languages="anglais",
        language_justification="Clientèle ontarienne servie au téléphone chaque jour.",
    )
    offer = db.session.scalars(select(Offer)).one()
    assert offer.language_justification.startswith("Clientèle ontarienne")


def test_expiry_defaults_to_30_days(client):
    html = client.get("/publier").get_data(as_text=True)
    assert f'value="{future(30).isoformat()}"' in html


def test_public_form_is_rate_limited(app, client):
    app.config["OJ_RATELIMIT_OFFER_FORM"] = "2 per minute"
    try:
        statuses = [submit(client, title=f"Poste {i}").status_code for i in range(3)]
    finally:
        app.config["OJ_RATELIMIT_OFFER_FORM"] = "1000 per minute"
    assert statuses == [302, 302, 429]
    assert count(app, Offer) == 2


def test_oversized_request_is_a_clean_413(client):
    html = client.get("/publier").get_data(as_text=True)
    response = client.post(
        "/publier",
        data={
            **offer_form_data(),
            "csrf_token": csrf_from(html),
            "description": "x" * (2 * 1024 * 1024),
        },
    )
    assert response.status_code == 413
    assert "dépassent la taille permise" in response.get_data(as_text=True)
