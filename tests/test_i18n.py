"""Internationalisation: French (fr_CA) by default, a complete English catalog, localised formats.

Msgids are the French source text, so French needs no catalog. The English catalog lives in
`orientheque_jobs/translations/en/LC_MESSAGES/messages.po`; `make messages` re-extracts and
updates it, `make translations` compiles it (the .mo is not in git).
"""

from __future__ import annotations

import html as html_lib
import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from flask_babel import force_locale

from .conftest import post_form

ROOT = Path(__file__).resolve().parent.parent
BABEL_CFG = ROOT / "babel.cfg"
TRANSLATIONS = ROOT / "orientheque_jobs" / "translations"
EN_PO = TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po"
EN_MO = EN_PO.with_suffix(".mo")
# Same keywords as `make messages` (pybabel extract -k _l).
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None}
# printf-style placeholders: %(name)s, %s, %d… but not a literal %%.
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text.replace("%%", "")))


def as_list(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def extract_source_messages() -> dict[tuple[str | None, str], tuple[str | tuple, list[str]]]:
    """Every message of the current source tree, like `pybabel extract -F babel.cfg -k _l .`

    Returns {(context, msgid): (message, ["file:line", …])} (message is a tuple for plurals)."""
    with open(BABEL_CFG, encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found = {}
    for filename, lineno, message, _comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS
    ):
        msgid = as_list(message)[0]
        found.setdefault((context, msgid), (message, []))[1].append(f"{filename}:{lineno}")
    return found


def read_catalog(path: Path):
    with open(path, "rb") as po:
        return read_po(po, locale="en")


def catalog_problems(found, catalog) -> list[str]:
    problems = []
    for (context, msgid), (message, locations) in sorted(found.items(), key=lambda i: i[1][1]):
        where = locations[0]
        entry = catalog.get(msgid, context=context)
        if entry is None:
            problems.append(f"missing      {where}  {msgid!r}")
            continue
        source_forms = as_list(message)
        translations = as_list(entry.string)
        if isinstance(message, tuple) != entry.pluralizable:
            problems.append(f"plural/sing. {where}  {msgid!r}")
            continue
        if not all(translations):
            problems.append(f"untranslated {where}  {msgid!r}")
            continue
        if entry.fuzzy:
            problems.append(f"fuzzy        {where}  {msgid!r}")
        # English has two forms: singular against msgid, plural against msgid_plural.
        for source, translated in zip(source_forms, translations, strict=False):
            if placeholders(source) != placeholders(translated):
                problems.append(f"placeholders {where}  {source!r} -> {translated!r}")
    return problems


def page_text(response) -> str:
    """The page with HTML entities decoded (Jinja escapes ' as &#39;)."""
    return html_lib.unescape(response.get_data(as_text=True))


def normalise_spaces(text: str) -> str:
    """Babel uses no-break (U+00A0) and narrow no-break (U+202F) spaces; compare them as ' '."""
    return re.sub(r"[\s\u00a0\u202f\u2009]+", " ", text).strip()


# --- the catalog ------------------------------------------------------------------------------


def test_extraction_covers_python_templates_and_email_texts():
    found = extract_source_messages()
    files = {
        where.rsplit(":", 1)[0] for _message, locations in found.values() for where in locations
    }
    # every kind of source named in babel.cfg yields messages, email .txt templates included
    assert any(f.endswith(".py") for f in files)
    assert any(f.startswith("templates/") and f.endswith(".html") for f in files)
    assert any(f.startswith("templates/email/") and f.endswith(".txt") for f in files)
    assert (None, "Ce champ est obligatoire.") in found  # lazy_gettext as _l, in forms.py
    assert (None, "Publier une offre") in found  # {{ _("…") }} in base.html
    plural = found[(None, "%(num)d offre")][0]  # ngettext in board.html
    assert plural == ("%(num)d offre", "%(num)d offres")


def test_every_source_message_is_translated_in_english_catalog():
    """Fails listing each msgid of the current source that is missing from the en catalog,
    untranslated, fuzzy, or whose placeholders differ. Fix: `make messages`, then translate."""
    catalog = read_catalog(EN_PO)
    assert not catalog.fuzzy, f"{EN_PO} has a fuzzy header: pybabel compile would skip it"
    problems = catalog_problems(extract_source_messages(), catalog)
    assert not problems, (
        f"{len(problems)} problem(s) in {EN_PO.relative_to(ROOT)} "
        "(run `make messages` and translate):\n" + "\n".join(problems)
    )


def test_catalog_check_reports_each_kind_of_problem():
    """The checker itself: a missing, an untranslated, a fuzzy and a broken-placeholder entry."""
    from babel.messages.catalog import Catalog

    catalog = Catalog(locale="en")
    catalog.add("Bonjour %(name)s,", "Hello %(nom)s,")
    catalog.add("Brouillon", "")
    catalog.add("Publiée", "Published", flags=["fuzzy"])
    catalog.add(("%(num)d offre", "%(num)d offres"), ("%(num)d job posting", "job postings"))
    catalog.add("Pourvue", "Filled")
    found = {
        (None, "Bonjour %(name)s,"): ("Bonjour %(name)s,", ["a.html:1"]),
        (None, "Brouillon"): ("Brouillon", ["a.py:2"]),
        (None, "Publiée"): ("Publiée", ["a.py:3"]),
        (None, "%(num)d offre"): (("%(num)d offre", "%(num)d offres"), ["a.html:4"]),
        (None, "Pourvue"): ("Pourvue", ["a.py:5"]),
        (None, "Retirée"): ("Retirée", ["a.py:6"]),
    }
    reported = sorted(tuple(p.split()[:2]) for p in catalog_problems(found, catalog))
    assert reported == [
        ("fuzzy", "a.py:3"),
        ("missing", "a.py:6"),
        ("placeholders", "a.html:1"),
        ("placeholders", "a.html:4"),
        ("untranslated", "a.py:2"),
    ]


def test_compiled_catalog_matches_the_po_file():
    """The .mo the app loads is the compiled current .po (`make translations` builds it)."""
    assert EN_MO.exists(), f"{EN_MO} is missing: run `make translations`"
    with open(EN_MO, "rb") as mo:
        compiled = {tuple(as_list(m.id)): as_list(m.string) for m in read_mo(mo) if m.id}
    source = {
        tuple(as_list(m.id)): as_list(m.string)
        for m in read_catalog(EN_PO)
        if m.id and not m.fuzzy and all(as_list(m.string))
    }
    stale = [k[0] for k, v in source.items() if compiled.get(k) != v]
    assert not stale, f"{EN_MO.name} is stale (run `make translations`): {stale[:10]}"


# --- locale selection at run time -------------------------------------------------------------


def test_board_is_french_by_default(client):
    html = page_text(client.get("/offres"))
    assert '<html lang="fr-CA">' in html
    assert "Publier une offre" in html
    assert "Offres d'emploi" in html
    assert "Post a job" not in html
    assert 'hreflang="en">English</a>' in html  # the switch offers the other language


def test_lang_parameter_switches_to_english_and_sticks_in_session(client):
    html = page_text(client.get("/offres?lang=en"))
    assert '<html lang="en">' in html
    assert "Post a job" in html
    assert "Job postings" in html
    assert "Publier une offre" not in html
    assert 'hreflang="fr">Français</a>' in html
    with client.session_transaction() as session:
        assert session["locale"] == "en_CA"

    # next request without ?lang: still English, on another page too
    html = page_text(client.get("/a-propos"))
    assert '<html lang="en">' in html
    assert "About and data sources" in html
    assert "Post a job" in html

    # and back to French
    html = page_text(client.get("/offres?lang=fr_CA"))
    assert '<html lang="fr-CA">' in html
    assert "Publier une offre" in html
    html = page_text(client.get("/offres"))
    assert "Publier une offre" in html


def test_unknown_lang_parameter_is_ignored(client):
    html = page_text(client.get("/offres?lang=de"))
    assert '<html lang="fr-CA">' in html
    assert "Publier une offre" in html
    with client.session_transaction() as session:
        assert "locale" not in session


def test_english_plural_and_placeholders_render(client):
    html = page_text(client.get("/offres?lang=en"))
    assert re.search(r"\b0 job postings\b", html)
    html = page_text(client.get("/offres?lang=fr_CA"))
    assert re.search(r"\b0 offres\b", html)


def test_error_pages_follow_the_locale(client):
    response = client.get("/offres/999999")
    assert response.status_code == 404
    assert "Page introuvable" in page_text(response)
    response = client.get("/offres/999999?lang=en")
    assert response.status_code == 404
    html = page_text(response)
    assert "Page not found" in html
    assert "Back to job postings" in html


# --- localised formats ------------------------------------------------------------------------


def render_filters(app, locale: str) -> dict[str, str]:
    filters = app.jinja_env.filters
    with force_locale(locale):
        return {
            "money": normalise_spaces(filters["money"](Decimal("1234.5"))),
            "money_int": normalise_spaces(filters["money"](20)),
            "date": normalise_spaces(filters["date"](date(2026, 3, 5))),
            # 03:00 UTC on the 6th is 22:00 on the 5th in America/Montreal
            "utc_as_date": normalise_spaces(filters["date"](datetime(2026, 3, 6, 3, 0))),
            "datetime": normalise_spaces(filters["datetime"](datetime(2026, 3, 6, 3, 0))),
            "number": normalise_spaces(filters["number"](Decimal("37.5"))),
            "none": filters["money"](None) + filters["date"](None) + filters["datetime"](None),
        }


def test_money_date_and_number_are_localised_in_french(app, ctx):
    out = render_filters(app, "fr_CA")
    assert out["money"] == "1 234,50 $"
    assert out["money_int"] == "20,00 $"
    assert out["date"] == "5 mars 2026"
    assert out["utc_as_date"] == "5 mars 2026"
    assert out["datetime"].startswith("5 mars 2026")
    assert "22 h" in out["datetime"]
    assert out["number"] == "37,5"
    assert out["none"] == ""


def test_money_date_and_number_are_localised_in_english(app, ctx):
    out = render_filters(app, "en_CA")
    assert out["money"].endswith("$1,234.50")
    assert out["money_int"].endswith("$20.00")
    assert out["date"] == "March 5, 2026"
    assert out["utc_as_date"] == "March 5, 2026"
    assert out["datetime"].startswith("March 5, 2026, ")
    assert re.search(r"\b10:00(:00)? (PM|p\.m\.)$", out["datetime"])
    assert out["number"] == "37.5"
    assert out["none"] == ""


def test_english_money_uses_the_canadian_dollar_sign(app, ctx):
    assert render_filters(app, "en_CA")["money"] == "$1,234.50"


def test_default_locale_formats_are_french(app):
    # a request without ?lang and nothing in the session: fr_CA
    filters = app.jinja_env.filters
    with app.test_request_context("/offres"):
        assert normalise_spaces(filters["money"](Decimal("1234.5"))) == "1 234,50 $"
        assert normalise_spaces(filters["date"](date(2026, 3, 5))) == "5 mars 2026"
    with app.test_request_context("/offres?lang=en"):
        assert normalise_spaces(filters["date"](date(2026, 3, 5))) == "March 5, 2026"
    # outside any request (CLI jobs, emails they send): the default locale too
    with app.app_context():
        assert normalise_spaces(filters["money"](Decimal("1234.5"))) == "1 234,50 $"


# --- form validation messages ------------------------------------------------------------------


def test_form_errors_are_french_by_default(client):
    response = post_form(client, "/publier", {"title": "", "positions": "1"})
    assert response.status_code == 200
    html = page_text(response)
    assert '<html lang="fr-CA">' in html
    assert "Ce champ est obligatoire." in html
    assert "Le formulaire contient des erreurs" in html
    assert "Cochez au moins un type d'emploi." in html
    assert "This field is required." not in html


def test_builtin_wtforms_messages_follow_the_locale(client):
    """Messages the app does not write itself (WTForms' own catalog, WTF_I18N_ENABLED)."""
    data = {"title": "Soudeur", "positions": "beaucoup"}
    html = page_text(post_form(client, "/publier", data))
    assert "N'est pas un entier valide." in html
    assert "Not a valid integer value." not in html
    html = page_text(post_form(client, "/publier?lang=en", data))
    assert "Not a valid integer value." in html
    assert "N'est pas un entier valide." not in html


def test_form_errors_are_english_with_lang_en(client):
    response = post_form(client, "/publier?lang=en", {"title": "", "positions": "1"})
    assert response.status_code == 200
    html = page_text(response)
    assert '<html lang="en">' in html
    assert "This field is required." in html
    assert "The form contains errors; they are shown under each field." in html
    assert "Check at least one job type." in html
    assert "Job title" in html  # field labels (lazy strings) too
    assert "Ce champ est obligatoire." not in html
    assert "Titre du poste" not in html


# --- a real page in both languages -------------------------------------------------------------


def test_offer_page_labels_and_amounts_follow_the_locale(app, client):
    from .factories import make_offer

    # Not the `ctx` fixture: requests made inside an outer app context share its `g`, where
    # Flask-Babel caches the locale, so the second request would keep the first one's language.
    with app.app_context():
        url = f"/offres/{make_offer().id}"

    html = normalise_spaces(page_text(client.get(url)))
    assert '<html lang="fr-CA">' in html
    assert "24,50 $ à 31,00 $ l'heure" in html
    assert "Temps plein, Permanent" in html
    assert "Pour postuler" in html
    assert "Profession (CNP)" in html

    html = normalise_spaces(page_text(client.get(f"{url}?lang=en")))
    assert '<html lang="en">' in html
    assert re.search(r"\$24\.50 to (CA)?\$31\.00 per hour", html)
    assert "Full-time, Permanent" in html
    assert "How to apply" in html
    assert "Occupation (NOC)" in html
    assert "Pour postuler" not in html


def test_french_dates_write_the_first_of_the_month_as_1er(app):
    filters = app.jinja_env.filters
    with app.test_request_context("/offres"):
        assert normalise_spaces(filters["date"](date(2026, 7, 1))) == "1er juillet 2026"
        assert normalise_spaces(filters["date"](date(2026, 7, 11))) == "11 juillet 2026"
    with app.test_request_context("/offres?lang=en"):
        assert normalise_spaces(filters["date"](date(2026, 7, 1))) == "July 1, 2026"
