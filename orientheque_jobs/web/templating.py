"""Labels of the enumerations, shared by every template."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from ..labels import (
    DISTRIBUTION_RESULT_LABELS,
    EMPLOYMENT_TYPE_LABELS,
    FRENCH_LEVEL_LABELS,
    LANGUAGE_REQUIREMENT_LABELS,
    OFFER_STATUS_LABELS,
    RECORD_OPENNESS_LABELS,
    REFERRAL_STATUS_LABELS,
    SALARY_UNIT_LABELS,
    SCHEDULE_LABELS,
)
from ..models import OfferStatus
from ..services import offers as offer_service

EVENT_LABELS = {
    "submitted": _l("soumise"),
    "published": _l("publiée"),
    "edited": _l("modifiée"),
    "rejected": _l("refusée"),
    "filled": _l("pourvue"),
    "withdrawn": _l("retirée"),
    "expired": _l("expirée"),
    "renewed": _l("renouvelée"),
    "email_failed": _l("échec de l'envoi du courriel"),
}
ACTIVITY_KINDS = {
    "interaction": _l("Contact avec l'entreprise"),
    "visit": _l("Visite d'entreprise"),
    "placement": _l("Stage"),
    "meeting": _l("Rencontre de suivi en emploi"),
}
LABELS = {
    "activity_kinds": ACTIVITY_KINDS,
    "statuses": OFFER_STATUS_LABELS,
    "distribution_results": DISTRIBUTION_RESULT_LABELS,
    "events": EVENT_LABELS,
    "employment_types": EMPLOYMENT_TYPE_LABELS,
    "schedules": SCHEDULE_LABELS,
    "salary_units": SALARY_UNIT_LABELS,
    "language_requirements": LANGUAGE_REQUIREMENT_LABELS,
    "french_levels": FRENCH_LEVEL_LABELS,
    "record_openness": RECORD_OPENNESS_LABELS,
    "referral_statuses": REFERRAL_STATUS_LABELS,
}


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        labels=LABELS,
        editable=offer_service.EDITABLE_BY_EMPLOYER,
        renewable=offer_service.RENEWABLE,
        fillable=offer_service.CLOSABLE[OfferStatus.FILLED],
        withdrawable=offer_service.CLOSABLE[OfferStatus.WITHDRAWN],
    )
    app.jinja_env.filters["labels_et"] = EMPLOYMENT_TYPE_LABELS.__getitem__
    app.jinja_env.filters["labels_schedule"] = SCHEDULE_LABELS.__getitem__
