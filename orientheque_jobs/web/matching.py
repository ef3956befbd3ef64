"""Counsellor matching pages: offers for a participant, participants for an offer.

Participant data: counsellors and managers only (`CASE_READERS`); the results name people, so
the services audit every list shown.
"""

from __future__ import annotations

from flask import abort, render_template
from flask_babel import format_decimal, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..extensions import db
from ..labels import RECORD_OPENNESS_LABELS, SCHEDULE_LABELS, TRANSPORT_MODE_LABELS
from ..models import Offer, Role
from ..models.offers import Schedule, flags_of
from ..search.matching import Exclusion
from ..services import matching as matching_service
from ..services import participants as participant_service
from .access import CASE_READERS, staff_blueprint

bp = staff_blueprint("matching", __name__, "/conseil/jumelage", CASE_READERS)

EXCLUSION_LABELS = {
    Exclusion.DISTANCE: _l("trop loin"),
    Exclusion.TRANSIT: _l("hors du transport collectif"),
    Exclusion.SCHEDULE: _l("horaire"),
    Exclusion.EMPLOYMENT_TYPE: _l("temps plein ou partiel"),
    Exclusion.FRENCH: _l("niveau de français"),
    Exclusion.RECORD: _l("antécédents judiciaires"),
}
UNAVAILABLE_MESSAGES = {
    matching_service.NO_CONSENT: _l(
        "La personne n'a pas consenti au jumelage avec des offres : enregistrez d'abord ce "
        "consentement dans son dossier."
    ),
    matching_service.NO_PROFILE: _l(
        "Le profil de jumelage n'est pas encore rempli : professions recherchées, disponibilités, "
        "déplacements."
    ),
    matching_service.FILE_CLOSED: _l("Le dossier est fermé : aucune offre n'est suggérée."),
}


def describe(reason: matching_service.Reason) -> str:
    """One reason, in words a counsellor reads at a glance."""
    kind, value, other = reason.kind, reason.value, reason.other
    if kind == "words":
        return _("Mots : %(words)s", words=", ".join(value))
    if kind == "noc":
        return _("Profession recherchée (CNP %(code)s)", code=value)
    if kind == "noc_related":
        return _("Même groupe CNP que les mots cherchés (%(codes)s)", codes=", ".join(value))
    if kind == "remote":
        return _("Télétravail")
    if kind == "distance":
        return _(
            "%(km)s km (%(mode)s)",
            km=format_decimal(value, format="#,##0.#"),
            mode=TRANSPORT_MODE_LABELS[other],
        )
    if kind == "place_unknown":
        return _("Lieu à vérifier")
    if kind == "transit":
        return _("Accessible en transport collectif")
    if kind == "schedule":
        shifts = ", ".join(str(SCHEDULE_LABELS[f]) for f in flags_of(Schedule, value))
        return _("Horaire compatible : %(shifts)s", shifts=shifts)
    if kind == "french":
        return _(
            "Français : niveau %(required)s exigé, %(held)s atteint", required=value, held=other
        )
    if kind == "french_unknown":
        return _("Français : niveau %(required)s exigé, à évaluer", required=value)
    if kind == "subsidy":
        return _("Subvention salariale bienvenue et admissible")
    if kind == "record":
        return _("Antécédents judiciaires : %(answer)s", answer=RECORD_OPENNESS_LABELS[value])
    if kind == "record_unknown":
        return _("Antécédents judiciaires : ouverture non précisée, à vérifier")
    raise ValueError(kind)


def excluded_summary(suggestions: matching_service.Suggestions, offers: bool) -> str:
    """« 12 offres exclues : trop loin (8), horaire (4) »."""
    total = suggestions.excluded_total
    reasons = ", ".join(
        f"{EXCLUSION_LABELS[reason]} ({count})" for reason, count in suggestions.excluded_by_reason
    )
    if offers:
        head = ngettext("%(num)d offre exclue", "%(num)d offres exclues", total)
    else:
        head = ngettext("%(num)d personne exclue", "%(num)d personnes exclues", total)
    return _("%(head)s : %(reasons)s", head=head, reasons=reasons)


def _page(template: str, suggestions, offers: bool, **context):
    return render_template(
        template,
        suggestions=suggestions,
        excluded=excluded_summary(suggestions, offers) if suggestions.excluded_total else None,
        describe=describe,
        unavailable=UNAVAILABLE_MESSAGES.get(suggestions.unavailable_reason),
        can_refer=current_user.has_role(Role.COUNSELLOR),
        **context,
    )


@bp.get("/participants/<id:participant_id>")
def for_participant(participant_id: int):
    participant = participant_service.get_participant(participant_id) or abort(404)
    suggestions = matching_service.offers_for_participant(participant, current_user)
    return _page(
        "matching/for_participant.html",
        suggestions,
        True,
        participant=participant,
        refer_fields=lambda offer: {"participant_id": participant.id, "offer_id": offer.id},
    )


@bp.get("/offres/<id:offer_id>")
def for_offer(offer_id: int):
    offer = db.session.get(Offer, offer_id) or abort(404)
    suggestions = matching_service.participants_for_offer(offer, current_user)
    return _page(
        "matching/for_offer.html",
        suggestions,
        False,
        offer=offer,
        refer_fields=lambda person: {"participant_id": person.id, "offer_id": offer.id},
    )
