"""schema.org JobPosting for an offer page (Google's job-posting structured data)."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from flask import current_app, url_for
from flask_babel import gettext as _
from markupsafe import escape

from ..models import EmploymentType, Offer, SalaryUnit

GOOGLE_EMPLOYMENT_TYPES = {
    EmploymentType.FULL_TIME: "FULL_TIME",
    EmploymentType.PART_TIME: "PART_TIME",
    EmploymentType.TEMPORARY: "TEMPORARY",
    EmploymentType.SEASONAL: "TEMPORARY",
}
UNIT_TEXT = {SalaryUnit.HOUR: "HOUR", SalaryUnit.WEEK: "WEEK", SalaryUnit.YEAR: "YEAR"}


def _html(text: str | None) -> str:
    """Plain text as escaped HTML paragraphs."""
    if not text:
        return ""
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join(f"<p>{escape(p)}</p>".replace("\n", "<br>") for p in paragraphs)


def description_html(offer: Offer) -> str:
    parts = [_html(offer.description)]
    if offer.tasks:
        heading = escape(_("Tâches principales"))
        parts.append(f"<h3>{heading}</h3>{_html(offer.tasks)}")
    if offer.requirements:
        heading = escape(_("Exigences"))
        parts.append(f"<h3>{heading}</h3>{_html(offer.requirements)}")
    if offer.language_justification:
        text = _(
            "%(languages)s : %(justification)s",
            languages=offer.other_languages or "",
            justification=offer.language_justification,
        )
        parts.append(f"<p>{escape(text)}</p>")
    return "".join(parts)


def _iso(moment) -> str:
    return moment.replace(tzinfo=UTC).isoformat()


def job_posting(offer: Offer) -> dict:
    """Every property Google requires (title, description, datePosted, hiringOrganization,
    jobLocation or a remote location requirement) plus the recommended ones we hold."""
    employer = offer.employer
    organisation = {"@type": "Organization", "name": employer.name}
    if employer.website:
        organisation["sameAs"] = employer.website
    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": offer.title,
        "description": description_html(offer),
        "identifier": {
            "@type": "PropertyValue",
            "name": current_app.config["OJ_ORG_NAME"],
            "value": str(offer.id),
        },
        "datePosted": _iso(offer.published_at or offer.created_at),
        "validThrough": datetime.combine(
            offer.expires_on,
            time(23, 59, 59),
            ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"]),
        ).isoformat(),
        "hiringOrganization": organisation,
        "directApply": False,
        "url": url_for("public.offer", offer_id=offer.id, _external=True),
        "inLanguage": "fr-CA",
        "totalJobOpenings": offer.positions,
    }
    types = sorted(
        {
            GOOGLE_EMPLOYMENT_TYPES[f]
            for f in offer.employment_type_flags
            if f in GOOGLE_EMPLOYMENT_TYPES
        }
    )
    if types:
        data["employmentType"] = types if len(types) > 1 else types[0]
    if offer.remote:
        data["jobLocationType"] = "TELECOMMUTE"
        data["applicantLocationRequirements"] = {"@type": "State", "name": "Québec"}
    if offer.municipality is not None:
        address = {
            "@type": "PostalAddress",
            "addressLocality": offer.municipality.name,
            "addressRegion": "QC",
            "addressCountry": "CA",
        }
        if offer.address:
            address["streetAddress"] = offer.address
        data["jobLocation"] = {"@type": "Place", "address": address}
    if offer.salary_unit and (offer.salary_min is not None or offer.salary_max is not None):
        value = {"@type": "QuantitativeValue", "unitText": UNIT_TEXT[offer.salary_unit]}
        if (
            offer.salary_min is not None
            and offer.salary_max is not None
            and offer.salary_min != offer.salary_max
        ):
            value["minValue"] = float(offer.salary_min)
            value["maxValue"] = float(offer.salary_max)
        else:
            value["value"] = float(
                offer.salary_min if offer.salary_min is not None else offer.salary_max
            )
        data["baseSalary"] = {"@type": "MonetaryAmount", "currency": "CAD", "value": value}
    if offer.noc_code:
        data["occupationalCategory"] = offer.noc_code
    if offer.start_date:
        data["jobStartDate"] = offer.start_date.isoformat()
    return data
