"""The offer's matching facts (French level, openness to criminal records, wage subsidy, transit)
through every offer flow: public form, moderation, counsellor's offer, magic-link edit, pages."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import pytest
from sqlalchemy import select

from orientheque_jobs.extensions import db
from orientheque_jobs.models import Offer, OfferStatus, RecordOpenness

from .conftest import post_form
from .factories import login, make_offer, make_user, offer_form_data

FACTS = {
    "french_level_required": "7",
    "criminal_record_openness": "discuss",
    "wage_subsidy_welcome": "y",
    "transit_accessible": "y",
}
OPEN_TO_RECORDS = "Ouvert aux candidatures de personnes ayant des antécédents judiciaires"


def the_offer(app) -> Offer:
    with app.app_context():
        offer = db.session.scalars(select(Offer)).one()
        db.session.expunge(offer)
        return offer


def get_offer(app, offer_id: int) -> Offer:
    with app.app_context():
        offer = db.session.get(Offer, offer_id)
        db.session.expunge(offer)
        return offer


def offer_only(data: dict) -> dict:
    """The offer part of a submission (the edit and moderation forms have no employer part)."""
    return {k: v for k, v in data.items() if not k.startswith(("employer_", "contact_"))}


def errors_of(html: str, field: str) -> list[str]:
    return [unescape(e) for e in re.findall(rf'<p class="error" id="{field}-err">([^<]*)', html)]


def selected_option(html: str, name: str) -> str | None:
    """The value of the selected option of a <select>, as a browser would send it."""
    form = FormReader()
    form.feed(html)
    return form.values().get(name)


class FormReader(HTMLParser):
    """What a browser would submit from the page's offer form, as it was rendered."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, object] = {}
        self._select: str | None = None
        self._first_option: dict[str, str] = {}
        self._textarea: str | None = None
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "offer-form" in (attrs.get("class") or ""):
            self._in_form = True
        if not self._in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields.setdefault(name, []).append(attrs.get("value", "on"))
            elif kind not in ("submit", "button"):
                self.fields[name] = attrs.get("value") or ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select:
            self._first_option.setdefault(self._select, attrs.get("value", ""))
            if "selected" in attrs:
                self.fields[self._select] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "select":
            if self._select and self._select not in self.fields:
                self.fields[self._select] = self._first_option.get(self._select, "")
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data

    def values(self) -> dict:
        return {
            k: (v[0] if isinstance(v, list) and len(v) == 1 else v) for k, v in self.fields.items()
        }


def read_form(html: str) -> dict:
    reader = FormReader()
    reader.feed(html)
    data = reader.values()
    data.pop("csrf_token", None)
    # Textareas start with a newline after the tag that browsers drop.
    return {k: (v.removeprefix("\n") if isinstance(v, str) else v) for k, v in data.items()}


# --- the public form -----------------------------------------------------------------------


def test_the_form_has_a_small_optional_matching_fieldset(client):
    html = client.get("/publier").get_data(as_text=True)
    assert "Pour mieux jumeler les candidatures" in html
    assert "Niveau 7 – intermédiaire" in html and "Niveau 12 – avancé" in html
    assert "Échelle québécoise des niveaux de compétence en français" in html
    assert OPEN_TO_RECORDS in html
    assert "Subvention salariale bienvenue" in html
    assert "Accessible en transport collectif" in html
    # Nothing chosen in advance: "not specified" is the first, selected option.
    assert selected_option(html, "french_level_required") == ""
    assert selected_option(html, "criminal_record_openness") == ""


def test_employer_submits_the_facts_and_they_are_stored(app, client):
    response = post_form(client, "/publier", offer_form_data(**FACTS))
    assert response.status_code == 302
    offer = the_offer(app)
    assert offer.status == OfferStatus.SUBMITTED
    assert offer.french_level_required == 7
    assert offer.criminal_record_openness == RecordOpenness.DISCUSS
    assert offer.wage_subsidy_welcome is True
    assert offer.transit_accessible is True


def test_the_facts_are_optional(app, client):
    response = post_form(client, "/publier", offer_form_data(french_level_required=""))
    assert response.status_code == 302
    offer = the_offer(app)
    assert offer.french_level_required is None
    assert offer.criminal_record_openness is None
    assert offer.wage_subsidy_welcome is False
    assert offer.transit_accessible is False


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"french_level_required": "0"}, "french_level_required", "niveau de 1 à 12"),
        ({"french_level_required": "13"}, "french_level_required", "niveau de 1 à 12"),
        ({"french_level_required": "abc"}, "french_level_required", "niveau de 1 à 12"),
        ({"french_level_required": "7.5"}, "french_level_required", "niveau de 1 à 12"),
        ({"french_level_required": "-1"}, "french_level_required", "niveau de 1 à 12"),
        ({"criminal_record_openness": "peut-être"}, "criminal_record_openness", "Choix invalide"),
        ({"criminal_record_openness": "YES"}, "criminal_record_openness", "Choix invalide"),
    ],
)
def test_bad_facts_are_refused_next_to_the_field_and_keep_what_was_typed(
    app, client, overrides, field, message
):
    response = post_form(client, "/publier", offer_form_data(**{**FACTS, **overrides}))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Le formulaire contient des erreurs" in html
    errors = errors_of(html, field)
    assert any(message in e for e in errors), errors
    assert 'value="Boulangerie du Vieux-Sorel"' in html
    assert "Préparer les pains et viennoiseries" in html
    # The other facts are kept as chosen.
    values = read_form(html)
    assert values["wage_subsidy_welcome"] == "y" and values["transit_accessible"] == "y"
    with app.app_context():
        assert db.session.scalar(select(Offer.id)) is None


def test_a_valid_level_is_kept_when_another_field_is_wrong(client):
    html = post_form(client, "/publier", offer_form_data(**FACTS, title="")).get_data(as_text=True)
    assert errors_of(html, "title")
    assert selected_option(html, "french_level_required") == "7"
    assert selected_option(html, "criminal_record_openness") == "discuss"
    assert not errors_of(html, "french_level_required")


def test_a_remote_offer_is_not_said_to_be_transit_accessible(app, client):
    data = offer_form_data(**FACTS, remote="y", municipality_code="", address="")
    assert post_form(client, "/publier", data).status_code == 302
    offer = the_offer(app)
    assert offer.remote and not offer.transit_accessible
    assert offer.wage_subsidy_welcome  # the other facts stay


# --- counsellors ---------------------------------------------------------------------------


def test_counsellor_sees_and_edits_the_facts_at_moderation(app, client, smtp):
    with app.app_context():
        user = make_user()
        offer_id = make_offer(OfferStatus.SUBMITTED).id
    login(client, user)
    page = client.get(f"/conseil/offres/{offer_id}").get_data(as_text=True)
    assert "Niveau de français requis" in page and "Non précisé" in page
    assert selected_option(page, "criminal_record_openness") == ""

    data = offer_only(
        offer_form_data(
            french_level_required="5",
            criminal_record_openness="no",
            transit_accessible="y",
            save="1",
        )
    )
    response = post_form(client, f"/conseil/offres/{offer_id}", data)
    assert response.status_code == 302
    offer = get_offer(app, offer_id)
    assert offer.status == OfferStatus.SUBMITTED  # saved without publishing
    assert offer.french_level_required == 5
    assert offer.criminal_record_openness == RecordOpenness.NO
    assert offer.transit_accessible and not offer.wage_subsidy_welcome

    # The counsellor's page shows all four, "no" included.
    page = client.get(f"/conseil/offres/{offer_id}").get_data(as_text=True)
    facts = page.split('<dl class="facts">', 1)[1].split("</dl>", 1)[0]
    assert "Niveau 5 – intermédiaire" in facts
    assert re.search(rf"{OPEN_TO_RECORDS}</dt><dd>Non</dd>", facts)
    assert re.search(r"Subvention salariale bienvenue</dt><dd>Non</dd>", facts)
    assert re.search(r"Accessible en transport collectif</dt><dd>Oui</dd>", facts)

    # Approving with changes stores them and publishes.
    data.pop("save")
    data.update(french_level_required="", criminal_record_openness="yes", approve="1")
    data["wage_subsidy_welcome"] = "y"
    response = post_form(client, f"/conseil/offres/{offer_id}", data)
    assert response.status_code == 302
    offer = get_offer(app, offer_id)
    assert offer.status == OfferStatus.PUBLISHED
    assert offer.french_level_required is None
    assert offer.criminal_record_openness == RecordOpenness.YES
    assert offer.wage_subsidy_welcome


def test_counsellor_moderation_refuses_a_bad_level_without_error(app, client):
    with app.app_context():
        user = make_user()
        offer_id = make_offer(OfferStatus.SUBMITTED, french_level_required=4).id
    login(client, user)
    data = offer_only(offer_form_data(french_level_required="13", approve="1"))
    response = post_form(client, f"/conseil/offres/{offer_id}", data)
    assert response.status_code == 200
    assert errors_of(response.get_data(as_text=True), "french_level_required")
    offer = get_offer(app, offer_id)
    assert offer.status == OfferStatus.SUBMITTED and offer.french_level_required == 4


def test_counsellor_writes_an_offer_with_the_facts(app, client):
    with app.app_context():
        user = make_user()
    login(client, user)
    html = client.get("/conseil/offres/nouvelle").get_data(as_text=True)
    assert "Pour mieux jumeler les candidatures" in html
    data = offer_form_data(**{**FACTS, "criminal_record_openness": "yes"}, publish_now="y")
    assert post_form(client, "/conseil/offres/nouvelle", data).status_code == 302
    offer = the_offer(app)
    assert offer.status == OfferStatus.PUBLISHED
    assert offer.french_level_required == 7
    assert offer.criminal_record_openness == RecordOpenness.YES
    assert offer.wage_subsidy_welcome and offer.transit_accessible


# --- the public page -----------------------------------------------------------------------


def test_public_page_shows_the_helpful_facts(app, client):
    with app.app_context():
        offer_id = make_offer(
            french_level_required=9,
            criminal_record_openness=RecordOpenness.YES,
            wage_subsidy_welcome=True,
            transit_accessible=True,
        ).id
    html = client.get(f"/offres/{offer_id}").get_data(as_text=True)
    assert "Niveau de français requis" in html and "Niveau 9 – avancé" in html
    assert "Accessible en transport collectif" in html
    assert "Subvention salariale bienvenue" in html
    assert OPEN_TO_RECORDS in html and "(à discuter)" not in html


def test_public_page_says_when_records_are_to_be_discussed(app, client):
    with app.app_context():
        offer_id = make_offer(criminal_record_openness=RecordOpenness.DISCUSS).id
    html = client.get(f"/offres/{offer_id}").get_data(as_text=True)
    assert f"{OPEN_TO_RECORDS} (à discuter)" in html


@pytest.mark.parametrize("openness", [RecordOpenness.NO, None])
def test_public_page_hides_a_no_and_what_is_not_specified(app, client, openness):
    with app.app_context():
        offer_id = make_offer(criminal_record_openness=openness).id
    html = client.get(f"/offres/{offer_id}").get_data(as_text=True)
    assert "antécédents judiciaires" not in html
    assert "Niveau de français requis" not in html
    assert "À savoir" not in html
    assert "Subvention salariale" not in html and "transport collectif" not in html


# --- the employer's magic-link edit --------------------------------------------------------


def manage_link(smtp) -> str:
    body = smtp.messages[-1].get_body(("plain",)).get_content()
    return re.search(r"http://localhost(/gestion/\S+)", body).group(1)


def test_magic_link_edit_keeps_the_facts_and_can_change_them(app, client, smtp):
    assert post_form(client, "/publier", offer_form_data(**FACTS)).status_code == 302
    link = manage_link(smtp)
    edit = f"{link}/modifier"

    # The edit page shows the facts as stored; sending it back unchanged keeps them.
    page = client.get(edit).get_data(as_text=True)
    data = read_form(page)
    assert data["french_level_required"] == "7"
    assert data["criminal_record_openness"] == "discuss"
    assert data["wage_subsidy_welcome"] == "y" and data["transit_accessible"] == "y"
    data["title"] = "Boulanger de nuit"
    response = post_form(client, edit, data)
    assert response.status_code == 302
    offer = the_offer(app)
    assert offer.title == "Boulanger de nuit"
    assert offer.french_level_required == 7
    assert offer.criminal_record_openness == RecordOpenness.DISCUSS
    assert offer.wage_subsidy_welcome and offer.transit_accessible

    # The employer can clear them too.
    data = read_form(client.get(edit).get_data(as_text=True))
    data.update(french_level_required="", criminal_record_openness="no")
    del data["wage_subsidy_welcome"]  # an unticked box is not sent
    assert post_form(client, edit, data).status_code == 302
    offer = the_offer(app)
    assert offer.french_level_required is None
    assert offer.criminal_record_openness == RecordOpenness.NO
    assert not offer.wage_subsidy_welcome and offer.transit_accessible


def test_magic_link_edit_refuses_a_bad_level_and_keeps_the_stored_one(app, client, smtp):
    assert post_form(client, "/publier", offer_form_data(**FACTS)).status_code == 302
    edit = f"{manage_link(smtp)}/modifier"
    data = read_form(client.get(edit).get_data(as_text=True))
    data["french_level_required"] = "abc"
    response = post_form(client, edit, data)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert any("niveau de 1 à 12" in e for e in errors_of(html, "french_level_required"))
    assert "Préparer les pains et viennoiseries" in html
    assert the_offer(app).french_level_required == 7
