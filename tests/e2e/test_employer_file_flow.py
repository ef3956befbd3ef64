"""The employer file in a real browser: a counsellor records a company visit with two
participants and a tripartite, subsidised maintien en emploi follow-up with one meeting, then
finds them in the employer's timeline and in the yearly indicators (with their drill-down)."""

from __future__ import annotations

import re
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from babel.dates import format_date
from playwright.sync_api import Locator, Page, expect

from orientheque_jobs.extensions import db
from tests.factories import PASSWORD, local_today, make_employer, make_participant, make_user

pytestmark = pytest.mark.e2e

EMPLOYER = "Usinage Fleuve-Richelieu inc."
VISITORS = [("Éloïse", "Bélanger"), ("Mathieu", "Côté")]  # they go to the visit
WORKER = ("Fatou", "Ndiaye")  # the follow-up's worker
WORKER_NAME = "Fatou Ndiaye"
VISIT_NOTES = "Tour de l'atelier d'usinage; rencontre avec le contremaître de l'équipe de jour."
JOB_TITLE = "Opératrice de machine à commande numérique"
MEASURE = "Subvention salariale de Services Québec"
WORKER_NEEDS = "Se familiariser avec les normes de santé et sécurité de l'atelier."
EMPLOYER_NEEDS = "Un accompagnement pendant la formation à la machine CNC."
GOALS = "Terminer la probation et obtenir un poste permanent."
MEETING_NOTES = "Rencontre à trois sur le plancher : la formation avance bien."
# Same-day timeline entries are ordered by time: a meeting at 23:59 is the newest entry of
# the day (visits and follow-ups take the time they were recorded).
MEETING_TIME = "23:59"

TRIPARTITE_NEEDS_EMPLOYER = "Un suivi tripartite se fait avec l'employeur : choisissez l'employeur."
SUBSIDY_END_BEFORE_START = "La fin de la subvention doit être égale ou postérieure à son début."
FORM_ERRORS = "Le formulaire contient des erreurs; elles sont indiquées sous chaque champ."
NO_EMPLOYER = "Aucun (suivi bipartite sans l'employeur)"

BUSINESS = "Services aux entreprises"
VISITED = "Entreprises visitées"
FOLLOW_UPS = "Maintien en emploi : suivis actifs durant la période, par mode"
MONTHLY = "Activité par mois"
# Screenshots for a person to look at; outside the repository.
SCREENSHOT_TIMELINE = Path(tempfile.gettempdir()) / "oj-e2e-employer-timeline.png"
SCREENSHOT_INDICATORS = Path(tempfile.gettempdir()) / "oj-e2e-indicators.png"

# Every figure of the indicators page as {"section | row | column": text}.
READ_FIGURES = """() => {
  const figures = {};
  for (const section of document.querySelectorAll("section.report-section")) {
    const title = section.querySelector("h2").textContent.trim();
    const columns = [...section.querySelectorAll("thead th")].slice(1)
      .map((th) => th.textContent.trim());
    for (const row of section.querySelectorAll("tbody tr")) {
      const label = row.querySelector("th").textContent.trim();
      row.querySelectorAll("td").forEach((td, i) => {
        figures[`${title} | ${label} | ${columns[i]}`] = td.textContent.trim();
      });
    }
  }
  return figures;
}"""


def label(scope: Page | Locator, text: str) -> Locator:
    return scope.get_by_label(text, exact=True)


def option_label(first_name: str, last_name: str) -> str:
    """A participant as the participant selects show them: « Last name, First name »."""
    return f"{last_name}, {first_name}"


def log_in(page: Page, live_server: str, email: str) -> None:
    page.goto("/connexion")
    label(page, "Courriel").fill(email)
    label(page, "Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(f"{live_server}/conseil/")


def report_section(page: Page, title: str):
    heading = page.get_by_role("heading", name=title, level=2, exact=True)
    return page.locator("section.report-section", has=heading)


def figure(page: Page, section: str, row: str, column: str):
    """The link of one figure of the indicators page, found by section, row and column."""
    page.wait_for_load_state()  # the column headers are read once, without retrying
    table = report_section(page, section).get_by_role("table")
    columns = [text.strip() for text in table.locator("thead th").all_text_contents()]
    line = table.locator("tbody tr").filter(has=page.get_by_role("rowheader", name=row, exact=True))
    return line.locator("td").nth(columns.index(column) - 1).get_by_role("link")


def read_figures(page: Page) -> dict[str, str]:
    page.wait_for_load_state()
    return page.evaluate(READ_FIGURES)


def hire_date(today: date) -> date:
    return today - timedelta(days=10)


def fill_follow_up(page: Page, today: date, *, employer: str | None, subsidy_end: date) -> None:
    """Fill the new follow-up form; `employer` None keeps the one already chosen."""
    hired_on = hire_date(today)
    label(page, "Participant").select_option(label=option_label(*WORKER))
    label(page, "Mode").select_option(label="Tripartite (avec l'employeur)")
    if employer is not None:
        label(page, "Employeur").select_option(label=employer)
    label(page, "Poste occupé").fill(JOB_TITLE)
    label(page, "Date d'embauche").fill(hired_on.isoformat())
    label(page, "Fin de la probation").fill((hired_on + timedelta(days=90)).isoformat())
    label(page, "Besoins de la personne").fill(WORKER_NEEDS)
    label(page, "Besoins de l'employeur").fill(EMPLOYER_NEEDS)
    label(page, "Objectifs du plan d'accompagnement").fill(GOALS)
    label(page, "Emploi subventionné (subvention salariale)").check()
    label(page, "Mesure").fill(MEASURE)
    label(page, "Nombre de semaines").fill("26")
    label(page, "Pourcentage du salaire").fill("50")
    label(page, "Début de la subvention").fill(hired_on.isoformat())
    label(page, "Fin de la subvention").fill(subsidy_end.isoformat())


def test_visit_and_follow_up_reach_timeline_and_indicators(app, live_server, page):
    today = local_today()
    with app.app_context():
        counsellor = make_user()
        employer_id = make_employer(EMPLOYER).id
        for first, last in [*VISITORS, WORKER]:
            make_participant(first, last, counsellor=counsellor)
        db.session.remove()

    log_in(page, live_server, counsellor.email)

    # 0. The indicators of the funders' year containing today, before anything is recorded.
    page.get_by_role("link", name="Indicateurs", exact=True).click()
    expect(page).to_have_url(f"{live_server}/conseil/indicateurs/")
    year_start = date(today.year if today.month >= 7 else today.year - 1, 7, 1)
    expect(label(page, "Du")).to_have_value(year_start.isoformat())
    expect(label(page, "Au")).to_have_value(date(year_start.year + 1, 6, 30).isoformat())
    expect(figure(page, BUSINESS, "Visites d'entreprise", "Nombre")).to_have_text("0")
    expect(page.get_by_text("Aucune entreprise visitée durant la période.")).to_be_visible()
    before = read_figures(page)

    # 1. Find the employer from the dashboard's search, like a person would.
    page.get_by_role("link", name="Tableau de bord", exact=True).click()
    page.get_by_label("Chercher un employeur (nom, NEQ, secteur)").fill("fleuve richelieu")
    page.get_by_label("Chercher un employeur (nom, NEQ, secteur)").press("Enter")
    page.get_by_role("link", name=EMPLOYER, exact=True).click()
    employer_url = f"{live_server}/conseil/employeurs/{employer_id}"
    expect(page).to_have_url(employer_url)
    expect(page.get_by_role("heading", name=EMPLOYER, level=1)).to_be_visible()
    expect(page.get_by_text("Aucune activité enregistrée pour cet employeur.")).to_be_visible()

    # 2. A company visit with two of the three participants.
    page.get_by_role("link", name="Nouvelle visite", exact=True).click()
    expect(page.get_by_role("heading", name="Nouvelle visite d'entreprise")).to_be_visible()
    label(page, "Date de la visite").fill(today.isoformat())
    label(page, "But").select_option(label="Visite avec participants")
    expect(label(page, "Conseillères et conseillers")).to_have_values([str(counsellor.id)])
    label(page, "Participants présents").select_option(
        label=[option_label(*person) for person in VISITORS]
    )
    label(page, "Notes").fill(VISIT_NOTES)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page).to_have_url(f"{employer_url}#activite")
    expect(page.get_by_role("status").filter(has_text="La visite est enregistrée.")).to_be_visible()

    # 3. A tripartite, subsidised maintien en emploi follow-up opened from the employer page.
    page.get_by_role("link", name="Nouveau suivi de maintien", exact=True).click()
    expect(page.get_by_role("heading", name="Nouveau suivi de maintien en emploi")).to_be_visible()
    expect(label(page, "Employeur")).to_have_value(str(employer_id))
    expect(label(page, "Ouverture du suivi")).to_have_value(today.isoformat())
    hired_on = hire_date(today)
    fill_follow_up(page, today, employer=None, subsidy_end=hired_on + timedelta(weeks=26, days=-1))
    page.get_by_role("button", name="Enregistrer").click()
    expect(page).to_have_url(re.compile(r"/conseil/employeurs/maintien/\d+$"))
    expect(
        page.get_by_role("status").filter(has_text="Le suivi de maintien en emploi est ouvert.")
    ).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Maintien en emploi — {WORKER_NAME}")
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text(EMPLOYER)
    expect(facts).to_contain_text("Tripartite (avec l'employeur)")
    expect(facts).to_contain_text(f"{MEASURE} : 26 semaines à 50 %")
    expect(page.get_by_text(GOALS)).to_be_visible()

    # 4. One meeting at the company.
    meeting = page.locator("form", has=page.get_by_role("button", name="Ajouter la rencontre"))
    expect(label(meeting, "Date")).to_have_value(today.isoformat())
    label(meeting, "Heure").fill(MEETING_TIME)
    label(meeting, "Lieu").select_option(label="En entreprise")
    label(meeting, "Intervention directe (minutes)").fill("45")
    label(meeting, "Notes").fill(MEETING_NOTES)
    meeting.get_by_role("button", name="Ajouter la rencontre").click()
    expect(page.get_by_role("status").filter(has_text="La rencontre est ajoutée.")).to_be_visible()
    meetings = page.locator("#rencontres tbody tr")
    expect(meetings).to_have_count(1)
    expect(meetings).to_contain_text(["En entreprise"])
    expect(meetings.locator("td").nth(2)).to_have_text("45")

    # 5. The employer's timeline shows all three, newest first.
    page.get_by_role("link", name=EMPLOYER, exact=True).click()
    expect(page).to_have_url(employer_url)
    timeline = page.locator("ol.timeline > li")
    expect(timeline.locator("h3")).to_have_text(
        [
            f"Rencontre de maintien en emploi — {WORKER_NAME}",
            f"Maintien en emploi — {WORKER_NAME}",
            "Visite d'entreprise — Visite avec participants",
        ]
    )
    meeting_entry, follow_up_entry, visit_entry = (timeline.nth(i) for i in range(3))
    for entry in (meeting_entry, follow_up_entry, visit_entry):
        expect(entry.locator("time")).to_have_attribute("datetime", today.isoformat())
    expect(meeting_entry).to_contain_text("En entreprise")
    expect(meeting_entry).to_contain_text("45 min directes, 0 min indirectes")
    expect(meeting_entry).to_contain_text(MEETING_NOTES)
    expect(follow_up_entry).to_contain_text(JOB_TITLE)
    expect(follow_up_entry).to_contain_text("Tripartite (avec l'employeur)")
    expect(follow_up_entry).to_contain_text(f"Subvention salariale : {MEASURE}, 26 semaines à 50 %")
    expect(follow_up_entry).to_contain_text("Suivi en cours")
    expect(visit_entry).to_contain_text("2 participants :")
    for first, last in VISITORS:
        expect(visit_entry).to_contain_text(f"{first} {last}")
    expect(visit_entry).not_to_contain_text(WORKER_NAME)
    expect(visit_entry).to_contain_text(VISIT_NOTES)
    page.locator("#activite").screenshot(path=SCREENSHOT_TIMELINE)

    # 6. The indicators moved by exactly what was recorded.
    page.get_by_role("link", name="Indicateurs", exact=True).click()
    expect(page).to_have_url(f"{live_server}/conseil/indicateurs/")
    expect(figure(page, BUSINESS, "Visites d'entreprise", "Nombre")).to_have_text("1")
    expect(figure(page, BUSINESS, "Entreprises visitées", "Nombre")).to_have_text("1")
    expect(figure(page, VISITED, EMPLOYER, "Visites")).to_have_text("1")
    expect(figure(page, FOLLOW_UPS, "Tripartite", "Subventionnés")).to_have_text("1")
    expect(figure(page, FOLLOW_UPS, "Bipartite", "Total")).to_have_text("0")
    month = format_date(today.replace(day=1), "MMMM yyyy", locale="fr_CA")
    after = read_figures(page)
    moved = {
        key: (before.get(key), value) for key, value in after.items() if before.get(key) != value
    }
    assert before.keys() <= after.keys()
    assert moved == {
        f"{BUSINESS} | Visites d'entreprise | Nombre": ("0", "1"),
        f"{BUSINESS} | Entreprises visitées | Nombre": ("0", "1"),
        f"{VISITED} | {EMPLOYER} | Visites": (None, "1"),
        f"{FOLLOW_UPS} | Tripartite | Subventionnés": ("0", "1"),
        f"{FOLLOW_UPS} | Tripartite | Total": ("0", "1"),
        f"{FOLLOW_UPS} | Total | Subventionnés": ("0", "1"),
        f"{FOLLOW_UPS} | Total | Total": ("0", "1"),
        f"{MONTHLY} | {month} | Visites": ("0", "1"),
        f"{MONTHLY} | {month} | Rencontres de suivi": ("0", "1"),
        f"{MONTHLY} | {month} | Total": ("0", "2"),
    }, moved
    page.screenshot(path=SCREENSHOT_INDICATORS, full_page=True)

    # 7. The visits figure leads to the visit, and from there to the employer.
    figure(page, BUSINESS, "Visites d'entreprise", "Nombre").click()
    expect(page).to_have_url(re.compile(r"/conseil/indicateurs/detail\?.*indicateur=visits"))
    expect(page.get_by_role("heading", name="Visites d'entreprise", level=1)).to_be_visible()
    expect(page.get_by_text("1 dossier", exact=True)).to_be_visible()
    rows = page.locator("table.records tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.locator("td")).to_have_text(
        [format_date(today, "long", locale="fr_CA"), EMPLOYER, "Visite avec participants"]
    )

    # The tripartite × subsidised figure lists the follow-up.
    page.go_back()
    expect(page).to_have_url(f"{live_server}/conseil/indicateurs/")
    figure(page, FOLLOW_UPS, "Tripartite", "Subventionnés").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Suivis de maintien en emploi actifs durant la période"
    )
    expect(page.locator("p.meta")).to_contain_text("Tripartite · Subventionnés")
    expect(rows).to_have_count(1)
    expect(rows.locator("td").first).to_have_text(WORKER_NAME)
    expect(rows).to_contain_text([JOB_TITLE])
    rows.get_by_role("link", name=EMPLOYER).click()
    expect(page).to_have_url(employer_url)


def test_follow_up_errors_shown_in_french_and_input_kept(app, live_server, page):
    today = local_today()
    with app.app_context():
        counsellor = make_user()
        employer_id = make_employer(EMPLOYER).id
        make_participant(*WORKER, counsellor=counsellor)
        db.session.remove()

    log_in(page, live_server, counsellor.email)
    employer_url = f"{live_server}/conseil/employeurs/{employer_id}"
    page.goto(employer_url)
    page.get_by_role("link", name="Nouveau suivi de maintien", exact=True).click()
    form_url = page.url
    # Tripartite without an employer, and a subsidy that ends before it starts.
    hired_on = hire_date(today)
    fill_follow_up(page, today, employer=NO_EMPLOYER, subsidy_end=hired_on - timedelta(days=1))
    page.get_by_role("button", name="Enregistrer").click()

    expect(page).to_have_url(form_url)
    expect(page.get_by_role("alert")).to_have_text(FORM_ERRORS)
    for field_label, message in (
        ("Employeur", TRIPARTITE_NEEDS_EMPLOYER),
        ("Fin de la subvention", SUBSIDY_END_BEFORE_START),
    ):
        field = label(page, field_label)
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(field).to_have_accessible_description(message)
        expect(page.locator(".field.has-error", has=field).locator("p.error")).to_have_text(message)
    expect(page.locator(".field p.error")).to_have_count(2)

    # What was typed is still there.
    expect(label(page, "Participant").locator("option:checked")).to_have_text(option_label(*WORKER))
    expect(label(page, "Mode")).to_have_value("tripartite")
    expect(label(page, "Employeur").locator("option:checked")).to_have_text(NO_EMPLOYER)
    expect(label(page, "Conseillère ou conseiller")).to_have_value(str(counsellor.id))
    expect(label(page, "Poste occupé")).to_have_value(JOB_TITLE)
    expect(label(page, "Date d'embauche")).to_have_value(hired_on.isoformat())
    expect(label(page, "Ouverture du suivi")).to_have_value(today.isoformat())
    probation_end = hired_on + timedelta(days=90)
    expect(label(page, "Fin de la probation")).to_have_value(probation_end.isoformat())
    expect(label(page, "Besoins de la personne")).to_have_value(WORKER_NEEDS)
    expect(label(page, "Besoins de l'employeur")).to_have_value(EMPLOYER_NEEDS)
    expect(label(page, "Objectifs du plan d'accompagnement")).to_have_value(GOALS)
    expect(label(page, "Emploi subventionné (subvention salariale)")).to_be_checked()
    expect(label(page, "Mesure")).to_have_value(MEASURE)
    expect(label(page, "Nombre de semaines")).to_have_value("26")
    expect(label(page, "Pourcentage du salaire")).to_have_value("50")
    expect(label(page, "Début de la subvention")).to_have_value(hired_on.isoformat())
    subsidy_end = hired_on - timedelta(days=1)
    expect(label(page, "Fin de la subvention")).to_have_value(subsidy_end.isoformat())

    # Nothing was saved; once corrected, the same form goes through.
    label(page, "Employeur").select_option(label=EMPLOYER)
    label(page, "Fin de la subvention").fill((hired_on + timedelta(weeks=26)).isoformat())
    page.get_by_role("button", name="Enregistrer").click()
    expect(page).to_have_url(re.compile(r"/conseil/employeurs/maintien/\d+$"))
    expect(page.locator("dl.facts")).to_contain_text(EMPLOYER)
    page.get_by_role("link", name=EMPLOYER, exact=True).click()
    expect(page.locator("ol.timeline > li.entry")).to_have_count(1)
