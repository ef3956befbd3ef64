"""The offer's whole journey in a real browser: an employer posts it through the public form,
follows the emailed management link, a counsellor approves it, and the public finds it."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from orientheque_jobs.extensions import db
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.e2e

EMPLOYER = "Fromagerie des Îles-de-Sorel"
CONTACT_NAME = "Geneviève Lapointe"
CONTACT_EMAIL = "genevieve@fromagerie-iles-sorel.example"
TITLE = "Fromager ou fromagère d'affinage"
DESCRIPTION = (
    "Affiner nos fromages de lait cru et veiller à la qualité de chaque meule.\n\n"
    "Petite équipe passionnée, formation complète à l'embauche."
)
MUNICIPALITY = "Sorel-Tracy (MRC Pierre-De Saurel)"
APPLY_EMAIL = "emplois@fromagerie-iles-sorel.example"
MANAGE_LINK_RE = re.compile(r"https?://\S+/gestion/[\w.\-]+")
# Screenshots for a person to look at; outside the repository.
SCREENSHOT_FORM = Path(tempfile.gettempdir()) / "oj-e2e-offer-form.png"
SCREENSHOT_OFFER = Path(tempfile.gettempdir()) / "oj-e2e-offer-page.png"


def label(page: Page, text: str):
    return page.get_by_label(text, exact=True)


def fill_employer_and_contact(page: Page) -> None:
    label(page, "Nom de l'entreprise").fill(EMPLOYER)
    label(page, "Municipalité de l'entreprise").select_option(label=MUNICIPALITY)
    label(page, "Nom de la personne-ressource").fill(CONTACT_NAME)
    label(page, "Courriel de la personne-ressource").fill(CONTACT_EMAIL)


def tick(page: Page, group: str, option: str) -> None:
    page.get_by_role("group", name=group, exact=True).get_by_label(option, exact=True).check()


def text_body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def only_mail(smtp, subject_part: str):
    found = [m for m in smtp.to(CONTACT_EMAIL) if subject_part in m["Subject"]]
    assert len(found) == 1, [m["Subject"] for m in smtp.messages]
    return found[0]


def test_offer_posted_moderated_and_published(app, smtp, live_server, page, new_page):
    # 1. The employer fills the public form like a person would; the CNP field stays empty.
    page.goto("/publier")
    expect(page.get_by_role("heading", name="Publier une offre d'emploi")).to_be_visible()
    fill_employer_and_contact(page)
    label(page, "Titre du poste").fill(TITLE)
    expect(label(page, "Profession (CNP 2021)")).to_have_value("")
    label(page, "Description du poste").fill(DESCRIPTION)
    label(page, "Municipalité du lieu de travail").select_option(label=MUNICIPALITY)
    tick(page, "Type d'emploi", "Temps plein")
    tick(page, "Type d'emploi", "Permanent")
    tick(page, "Horaire", "Jour")
    label(page, "Postuler par courriel").fill(APPLY_EMAIL)
    page.get_by_label("J'ai lu l'avis de collecte").check()
    page.screenshot(path=SCREENSHOT_FORM, full_page=True)
    page.get_by_role("button", name="Soumettre l'offre").click()

    expect(page).to_have_url(f"{live_server}/publier/merci")
    expect(page.get_by_role("heading", name="Merci! Votre offre est reçue.")).to_be_visible()

    # 2. The confirmation email carries a management link that works in the browser.
    received = only_mail(smtp, "Nous avons reçu votre offre")
    assert TITLE in received["Subject"]
    match = MANAGE_LINK_RE.search(text_body(received))
    assert match, text_body(received)
    manage_link = match.group(0)
    assert manage_link.startswith(live_server + "/gestion/")
    page.goto(manage_link)
    expect(page.get_by_role("heading", name=f"Gérer mon offre : {TITLE}")).to_be_visible()
    expect(page.locator("p.status")).to_contain_text("En attente de modération")

    # 3. A counsellor logs in, opens the moderation queue and approves the offer.
    with app.app_context():
        counsellor_email = make_user().email
        db.session.remove()
    page.goto("/connexion")
    label(page, "Courriel").fill(counsellor_email)
    label(page, "Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(f"{live_server}/conseil/")
    page.goto("/conseil/moderation")
    row = page.get_by_role("row").filter(has_text=EMPLOYER)
    expect(row).to_have_count(1)
    row.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", name=TITLE, exact=True)).to_be_visible()
    page.get_by_role("button", name="Enregistrer et approuver").click()
    expect(page).to_have_url(f"{live_server}/conseil/moderation")
    expect(page.get_by_role("status").filter(has_text="L'offre est publiée")).to_be_visible()
    expect(page.get_by_text("Aucune offre en attente.")).to_be_visible()

    # 4. A visitor (fresh browser context: no session) finds it on the public board.
    visitor = new_page()
    visitor.goto("/offres")
    visitor.get_by_label("Mots-clés").fill("fromagère affinage")
    visitor.get_by_role("button", name="Rechercher").click()
    expect(visitor).to_have_url(re.compile(r"/offres\?.*q=fromag"))
    expect(visitor.locator("p.count")).to_have_text("1 offre")
    visitor.get_by_role("link", name=TITLE).click()
    expect(visitor).to_have_url(re.compile(r"/offres/\d+$"))
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(visitor.locator("article.offer p.employer")).to_contain_text(EMPLOYER)
    expect(visitor.get_by_role("link", name=APPLY_EMAIL)).to_be_visible()
    jsonld = visitor.locator('script[type="application/ld+json"]')
    expect(jsonld).to_have_count(1)
    posting = json.loads(jsonld.text_content())
    assert posting["@type"] == "JobPosting"
    assert posting["title"] == TITLE
    assert posting["hiringOrganization"]["name"] == EMPLOYER
    # The CNP field was left empty: the occupation is deduced from the title.
    assert re.fullmatch(r"\d{5}", posting.get("occupationalCategory") or ""), posting
    visitor.screenshot(path=SCREENSHOT_OFFER, full_page=True)

    # 5. The employer was told it is published, with a link to the public page.
    published = only_mail(smtp, "est publiée")
    assert TITLE in published["Subject"]
    assert visitor.url in text_body(published)


def test_form_errors_shown_in_french_and_input_kept(smtp, live_server, page):
    page.goto("/publier")
    fill_employer_and_contact(page)
    label(page, "Description du poste").fill(DESCRIPTION)
    label(page, "Municipalité du lieu de travail").select_option(label=MUNICIPALITY)
    tick(page, "Type d'emploi", "Temps partiel")
    tick(page, "Horaire", "Soir")
    label(page, "Salaire minimum ($)").fill("25")
    label(page, "Salaire maximum ($)").fill("20")
    label(page, "Postuler par courriel").fill(APPLY_EMAIL)
    page.get_by_label("J'ai lu l'avis de collecte").check()
    page.get_by_role("button", name="Soumettre l'offre").click()

    expect(page).to_have_url(f"{live_server}/publier")
    expect(page.get_by_role("alert")).to_have_text(
        "Le formulaire contient des erreurs; elles sont indiquées sous chaque champ."
    )
    # Each error sits under its own field and is announced by it.
    title = label(page, "Titre du poste")
    expect(title).to_have_attribute("aria-invalid", "true")
    expect(title).to_have_accessible_description("Ce champ est obligatoire.")
    expect(page.locator(".field.has-error", has=title).locator("p.error")).to_have_text(
        "Ce champ est obligatoire."
    )
    salary_max = label(page, "Salaire maximum ($)")
    expect(salary_max).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".field.has-error", has=salary_max).locator("p.error")).to_have_text(
        "Le maximum doit être égal ou supérieur au minimum."
    )
    expect(page.locator(".field p.error")).to_have_count(2)

    # What was typed is still there.
    expect(label(page, "Nom de l'entreprise")).to_have_value(EMPLOYER)
    expect(label(page, "Municipalité de l'entreprise")).to_have_value("53052")
    expect(label(page, "Nom de la personne-ressource")).to_have_value(CONTACT_NAME)
    expect(label(page, "Courriel de la personne-ressource")).to_have_value(CONTACT_EMAIL)
    expect(label(page, "Description du poste")).to_have_value(DESCRIPTION)
    expect(label(page, "Municipalité du lieu de travail")).to_have_value("53052")
    expect(label(page, "Salaire minimum ($)")).to_have_value("25")
    expect(label(page, "Salaire maximum ($)")).to_have_value("20")
    expect(label(page, "Postuler par courriel")).to_have_value(APPLY_EMAIL)
    types = page.get_by_role("group", name="Type d'emploi", exact=True)
    expect(types.get_by_label("Temps partiel", exact=True)).to_be_checked()
    expect(types.get_by_label("Temps plein", exact=True)).not_to_be_checked()
    expect(
        page.get_by_role("group", name="Horaire", exact=True).get_by_label("Soir", exact=True)
    ).to_be_checked()
    expect(page.get_by_label("J'ai lu l'avis de collecte")).to_be_checked()
    assert smtp.messages == []
