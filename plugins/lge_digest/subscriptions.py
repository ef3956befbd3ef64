"""Digest subscriptions: subscribing (public double opt-in, or a counsellor's record of oral
consent), criteria, unsubscribing, and the append-only ledger of all of it.

Rules kept here, not in the views:

- **One subscription per address** (lower-cased; the column is unique). Asking again never
  makes a second row and never tells the asker whether the address was known: a pending,
  paused or unsubscribed address gets a (new) confirmation email with the criteria just typed;
  an *active* one gets its manage link by email and its criteria stay as they are (whoever knows
  an address must not change that person's digest).
- **Double opt-in.** A public request is PENDING until the confirmation link is used; only a
  pending subscription is confirmed (an old confirmation link never undoes an unsubscribe).
- **Counsellors** record the participant's oral consent: the subscription is ACTIVE at once,
  the ledger keeps who recorded it and the notice version, and the participant's file gets the
  DIGEST consent (`services.participants.record_consent`). A welcome email carries the links.
- **Unsubscribing takes effect at once** and is idempotent: the status changes in the same
  commit as its ledger entry; a linked participant's DIGEST consent is withdrawn with it. The
  other way round too: withdrawing DIGEST in the file, or deleting the file, unsubscribes (a
  `before_flush` listener, so no core change is needed and nothing can forget it).
- **The ledger is append-only**: entries are only ever added (`_record`); an update or a
  delete of one raises `LedgerIsAppendOnly`.
- **Retries.** The public form carries a `submission_key`, kept in the ledger entry of the
  consent: the same submission twice (double click, retry after a timeout) is recognised and
  does nothing more; a race on a new address is settled by the unique email.
- **Criteria** (all optional, none means every new offer): keywords, CNP codes, places
  (municipalities, MRC, or a home municipality and a distance: an offer matches if it is in one
  of the municipalities, *or* one of the MRC, *or* within the distance; remote offers match any
  place), employment types and schedules (an offer matches if it has one of the ticked flags).
  `check_criteria` refuses what could never match or cannot be stored: unknown codes, a
  distance without a home municipality (or one whose position is unknown), keywords without a
  single word, too many codes.
"""

from __future__ import annotations

import enum
import json
import logging
import re
import secrets
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field, fields

from flask import current_app, has_app_context, render_template
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_mail import Message
from sqlalchemy import Select, event, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, object_session

from orientheque_jobs.extensions import db, mail
from orientheque_jobs.labels import EMPLOYMENT_TYPE_LABELS, SCHEDULE_LABELS
from orientheque_jobs.models import (
    Consent,
    ConsentMethod,
    ConsentScope,
    EmploymentType,
    Municipality,
    NocUnitGroup,
    Participant,
    Schedule,
    User,
    utcnow,
)
from orientheque_jobs.services import participants as participant_service
from orientheque_jobs.services import profiles as profile_service
from orientheque_jobs.services.mail import write_to_outbox
from orientheque_jobs.services.reference import mrc_choices, municipality_codes

from . import links
from .models import DigestLedgerEntry, DigestSubscription, LedgerAction, SubscriptionStatus

log = logging.getLogger(__name__)

# Version of the digest's collection notice (public form and what counsellors read out);
# bump it when the notice text changes. Recorded with every consent.
NOTICE_VERSION = "lge-2026-1"
LANGUAGES = {"fr": "fr_CA", "en": "en_CA"}
KEYWORDS_MAX = 200
MAX_NOC_CODES = profile_service.MAX_NOC_CODES
MAX_MUNICIPALITIES = 30
MAX_MRCS = 10
MAX_DISTANCE_KM = profile_service.MAX_DISTANCE_KM
EMPLOYMENT_TYPE_MASK = sum(int(flag) for flag in EmploymentType)
SCHEDULE_MASK = sum(int(flag) for flag in Schedule)


class Method(enum.StrEnum):
    """How a ledger entry came about (`DigestLedgerEntry.method`)."""

    ELECTRONIC = "electronic"  # the public form (box ticked), the confirmation link, manage page
    ORAL = "oral"  # told a counsellor, who recorded it
    WRITTEN = "written"  # a signed form, recorded by a counsellor (participant file)
    ONE_CLICK = "one_click"  # RFC 8058 POST from the mail client
    WEB = "web"  # the unsubscribe page's button
    MAILTO = "mailto"  # an email to the unsubscribe address (`flask digest unsubscribe-mail`)
    BOUNCE = "bounce"  # the sender paused the address


CONSENT_METHODS = {
    ConsentMethod.ORAL: Method.ORAL,
    ConsentMethod.WRITTEN: Method.WRITTEN,
    ConsentMethod.ELECTRONIC: Method.ELECTRONIC,
}


class Outcome(enum.StrEnum):
    """What a public request did (the visitor sees the same page whatever it is)."""

    CONFIRMATION_SENT = "confirmation_sent"
    MANAGE_LINK_SENT = "manage_link_sent"
    REPEATED = "repeated"  # the same submission again: nothing more done


class SubscriptionError(Exception):
    """A request the rules refuse; the view shows a message."""


class InvalidCriteria(SubscriptionError):
    """`errors` maps each refused criterion (a `Criteria` field name) to a French message."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__(", ".join(self.errors))


class NoEmail(SubscriptionError):
    """The participant's file has no email address."""


class LedgerIsAppendOnly(RuntimeError):
    """Code tried to change or delete a ledger entry."""


# --- criteria ------------------------------------------------------------------------------------


@dataclass
class Criteria:
    """What a subscriber wants; empty lists and None mean "any"."""

    keywords: str | None = None
    noc_codes: list[str] = field(default_factory=list)
    municipality_codes: list[str] = field(default_factory=list)
    mrc_codes: list[str] = field(default_factory=list)
    home_municipality_code: str | None = None
    max_distance_km: int | None = None
    employment_types: int = 0  # EmploymentType flags; 0 = any
    schedules: int = 0  # Schedule flags; 0 = any

    LISTS = ("noc_codes", "municipality_codes", "mrc_codes")

    @classmethod
    def of(cls, sub: DigestSubscription) -> Criteria:
        values = {f.name: getattr(sub, f.name) for f in fields(cls)}
        for name in cls.LISTS:
            values[name] = (values[name] or "").split()
        values["employment_types"] = values["employment_types"] or 0
        values["schedules"] = values["schedules"] or 0
        return cls(**values)

    def columns(self) -> dict:
        """The model's column values."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        for name in self.LISTS:
            values[name] = " ".join(values[name])
        return values

    @property
    def is_empty(self) -> bool:
        return self == Criteria()


def criteria_of(sub: DigestSubscription) -> Criteria:
    """A subscription's criteria as lists and flags (what the matcher reads)."""
    return Criteria.of(sub)


def _unique(values: Iterable) -> list[str]:
    seen: dict[str, None] = {}
    for value in values or ():
        text = str(value).strip()
        if text:
            seen.setdefault(text, None)
    return list(seen)


def check_criteria(criteria: Criteria) -> Criteria:
    """Criteria cleaned (duplicates dropped, spaces trimmed), or `InvalidCriteria`."""
    errors: dict[str, str] = {}
    keywords = re.sub(r"\s+", " ", (criteria.keywords or "").replace("\x00", "")).strip() or None
    if keywords is not None:
        if len(keywords) > KEYWORDS_MAX:
            errors["keywords"] = _l("%(max)d caractères au maximum.", max=KEYWORDS_MAX)
        elif not re.search(r"\w", keywords):
            errors["keywords"] = _l(
                "Entrez au moins un mot, par exemple « soudeur » ou « commis »; sinon laissez vide."
            )
    nocs = _unique(criteria.noc_codes)
    if len(nocs) > MAX_NOC_CODES:
        errors["noc_codes"] = profile_service.NOC_TOO_MANY
    elif nocs:
        known = set(
            db.session.scalars(select(NocUnitGroup.code).where(NocUnitGroup.code.in_(nocs)))
        )
        unknown = [code for code in nocs if code not in known]
        if unknown:
            errors["noc_codes"] = _l(
                "Code CNP inconnu : %(codes)s. Choisissez une profession de la liste.",
                codes=", ".join(unknown)[:60],
            )
    towns = _unique(criteria.municipality_codes)
    if len(towns) > MAX_MUNICIPALITIES:
        errors["municipality_codes"] = _l(
            "Choisissez au plus %(max)d municipalités, ou plutôt une MRC.", max=MAX_MUNICIPALITIES
        )
    elif any(code not in municipality_codes() for code in towns):
        errors["municipality_codes"] = _l("Choisissez des municipalités de la liste.")
    mrcs = _unique(criteria.mrc_codes)
    if len(mrcs) > MAX_MRCS:
        errors["mrc_codes"] = _l("Choisissez au plus %(max)d MRC.", max=MAX_MRCS)
    elif any(code not in {c for c, _name in mrc_choices()} for code in mrcs):
        errors["mrc_codes"] = _l("Choisissez des MRC de la liste.")
    home = (criteria.home_municipality_code or "").strip() or None
    distance = criteria.max_distance_km
    if distance is not None and not 1 <= distance <= MAX_DISTANCE_KM:
        errors["max_distance_km"] = profile_service.DISTANCE_RANGE
    elif distance is not None and home is None:
        errors["home_municipality_code"] = _l(
            "Indiquez la municipalité à partir de laquelle compter la distance."
        )
    elif home is not None and distance is None:
        errors["max_distance_km"] = _l(
            "Indiquez la distance maximale, ou laissez la municipalité de départ vide."
        )
    elif home is not None:
        town = db.session.get(Municipality, home)
        if town is None:
            errors["home_municipality_code"] = _l("Choisissez une municipalité de la liste.")
        elif town.latitude is None or town.longitude is None:
            errors["home_municipality_code"] = _l(
                "La position de cette municipalité est inconnue : aucune distance ne peut être "
                "calculée. Choisissez plutôt des municipalités ou une MRC."
            )
    types, schedules = criteria.employment_types or 0, criteria.schedules or 0
    if not 0 <= types <= EMPLOYMENT_TYPE_MASK:
        errors["employment_types"] = _l("Choix invalide.")
    if not 0 <= schedules <= SCHEDULE_MASK:
        errors["schedules"] = _l("Choix invalide.")
    if errors:
        raise InvalidCriteria(errors)
    return Criteria(
        keywords=keywords,
        noc_codes=nocs,
        municipality_codes=towns,
        mrc_codes=mrcs,
        home_municipality_code=home,
        max_distance_km=distance,
        employment_types=types,
        schedules=schedules,
    )


def _apply(sub: DigestSubscription, criteria: Criteria, language: str | None = None) -> list[str]:
    """Set the criteria (and language); the names of what changed."""
    changed = []
    for name, value in criteria.columns().items():
        current = getattr(sub, name)
        if current != value:
            # None, '' and 0 all mean "any": a new row's first values are no change.
            if current or value:
                changed.append(name)
            setattr(sub, name, value)
    if language is not None and sub.language != language:
        sub.language = language
        changed.append("language")
    return changed


def criteria_summary(sub: DigestSubscription | Criteria) -> list[tuple[str, str]]:
    """(label, value) lines describing the criteria in the current locale, for pages and emails."""
    criteria = sub if isinstance(sub, Criteria) else Criteria.of(sub)
    lines: list[tuple[str, str]] = []
    if criteria.keywords:
        lines.append((_("Mots-clés"), criteria.keywords))
    if criteria.noc_codes:
        titles = profile_service.noc_titles(criteria.noc_codes, _locale_language())
        nocs = criteria.noc_codes
        named = [f"{code} — {titles[code]}" if code in titles else code for code in nocs]
        lines.append((_("Professions (CNP)"), "; ".join(named)))
    codes = [*criteria.municipality_codes, criteria.home_municipality_code]
    names = dict(
        db.session.execute(
            select(Municipality.code, Municipality.name).where(
                Municipality.code.in_([c for c in codes if c])
            )
        ).all()
    )
    if criteria.municipality_codes:
        lines.append(
            (
                _("Municipalités"),
                ", ".join(names.get(code, code) for code in criteria.municipality_codes),
            )
        )
    if criteria.mrc_codes:
        mrc_names = dict(mrc_choices())
        lines.append(
            (_("MRC"), ", ".join(mrc_names.get(code, code) for code in criteria.mrc_codes))
        )
    home = criteria.home_municipality_code
    if home and criteria.max_distance_km:
        lines.append(
            (
                _("Distance"),
                _(
                    "%(km)d km au plus de %(town)s",
                    km=criteria.max_distance_km,
                    town=names.get(home, home),
                ),
            )
        )
    if criteria.employment_types:
        lines.append(
            (_("Types d'emploi"), _flags(criteria.employment_types, EMPLOYMENT_TYPE_LABELS))
        )
    if criteria.schedules:
        lines.append((_("Horaires"), _flags(criteria.schedules, SCHEDULE_LABELS)))
    if not lines:
        lines.append((_("Critères"), _("Toutes les nouvelles offres")))
    return lines


def _flags(mask: int, labels: dict) -> str:
    return ", ".join(str(label) for flag, label in labels.items() if mask & flag)


def _locale_language() -> str:
    return "en" if str(get_locale()).startswith("en") else "fr"


# --- queries -------------------------------------------------------------------------------------


def normalise_email(address: str) -> str:
    return (address or "").strip().lower()


def find_by_email(address: str) -> DigestSubscription | None:
    return db.session.scalar(
        select(DigestSubscription).where(DigestSubscription.email == normalise_email(address))
    )


def subscription_for_participant(participant: Participant) -> DigestSubscription | None:
    """The participant's subscription: the one linked to the file, else one at its address."""
    linked = db.session.scalar(
        select(DigestSubscription)
        .where(DigestSubscription.participant_id == participant.id)
        .order_by(DigestSubscription.id.desc())
        .limit(1)
    )
    if linked is None and participant.email:
        return find_by_email(participant.email)
    return linked


def active_subscriptions() -> Select:
    """ACTIVE subscriptions, oldest first: the only ones a digest may be sent to."""
    return (
        select(DigestSubscription)
        .where(DigestSubscription.status == SubscriptionStatus.ACTIVE)
        .order_by(DigestSubscription.id)
    )


def ledger_detail(entry: DigestLedgerEntry) -> dict:
    try:
        detail = json.loads(entry.detail) if entry.detail else {}
    except ValueError:
        return {}
    return detail if isinstance(detail, dict) else {}


# --- the ledger ----------------------------------------------------------------------------------


def _record(
    sub: DigestSubscription,
    action: LedgerAction,
    method: Method | str,
    *,
    user: User | None = None,
    user_id: int | None = None,
    notice_version: str | None = None,
    detail: dict | None = None,
) -> DigestLedgerEntry:
    """Append a ledger entry (not committed): the only way entries are written."""
    entry = DigestLedgerEntry(
        action=action,
        method=str(method),
        notice_version=notice_version,
        recorded_by_id=user.id if user is not None else user_id,
        detail=json.dumps(detail, ensure_ascii=False, sort_keys=True) if detail else None,
        at=utcnow(),
    )
    sub.ledger.append(entry)
    return entry


@event.listens_for(DigestLedgerEntry, "before_update")
def _ledger_entries_never_change(mapper, connection, target) -> None:
    # Called for every entry marked dirty (a merge does that); only a real change is refused.
    session = object_session(target)
    if session is None or session.is_modified(target, include_collections=False):
        raise LedgerIsAppendOnly("digest ledger entries are never changed")


@event.listens_for(DigestLedgerEntry, "before_delete")
def _ledger_entries_stay(mapper, connection, target) -> None:
    raise LedgerIsAppendOnly("digest ledger entries are never deleted")


def _new_token() -> str:
    return secrets.token_urlsafe(32)  # 43 characters


def _activate(sub: DigestSubscription) -> None:
    """Make it ACTIVE. `confirmed_at` is when it (last) became active, by the confirmation link
    or by a counsellor's record of oral consent (the ledger says which): the sender's first
    digest starts there."""
    sub.status = SubscriptionStatus.ACTIVE
    sub.confirmed_at = utcnow()
    sub.bounces = 0
    # A returning subscriber starts afresh, like a new one: no digest of the weeks away.
    sub.last_digest_on = None


# --- public requests -----------------------------------------------------------------------------

# Submission keys of requests for already-active addresses (nothing is written for them), so a
# double submit does not send the manage link twice. Per process; the ledger covers the rest.
_RECENT_KEYS: OrderedDict[tuple[int, str], None] = OrderedDict()
_RECENT_MAX = 1024


def _seen_recently(sub: DigestSubscription, key: str | None) -> bool:
    if not key:
        return False
    marker = (sub.id, key)
    if marker in _RECENT_KEYS:
        return True
    _RECENT_KEYS[marker] = None
    while len(_RECENT_KEYS) > _RECENT_MAX:
        _RECENT_KEYS.popitem(last=False)
    return False


def _has_submission(sub: DigestSubscription, key: str | None) -> bool:
    return bool(key) and any(
        entry.action == LedgerAction.CONSENT_GIVEN and ledger_detail(entry).get("submission") == key
        for entry in sub.ledger
    )


def _language(language: str | None) -> str:
    return language if language in LANGUAGES else "fr"


def request_subscription(
    address: str,
    language: str,
    criteria: Criteria,
    submission_key: str | None = None,
    *,
    _retry: bool = True,
) -> tuple[DigestSubscription, Outcome]:
    """A visitor ticked the consent box and sent the form: see the module's rules.

    Commits, then sends the email (a failed email is logged; the request is kept and a new
    request sends it again).
    """
    email = normalise_email(address)
    criteria = check_criteria(criteria)
    language = _language(language)
    sub = find_by_email(email)
    if sub is not None and _has_submission(sub, submission_key):
        return sub, Outcome.REPEATED
    if sub is not None and sub.status == SubscriptionStatus.ACTIVE:
        if _seen_recently(sub, submission_key):
            return sub, Outcome.REPEATED
        send_manage_link(sub)
        return sub, Outcome.MANAGE_LINK_SENT
    before = sub.status.value if sub is not None else None
    if sub is None:
        sub = DigestSubscription(
            email=email, token=_new_token(), status=SubscriptionStatus.PENDING, language=language
        )
        db.session.add(sub)
    sub.status = SubscriptionStatus.PENDING
    _apply(sub, criteria, language)
    detail = {"submission": submission_key} if submission_key else {}
    if before:
        detail["status_before"] = before
    _record(
        sub,
        LedgerAction.CONSENT_GIVEN,
        Method.ELECTRONIC,
        notice_version=NOTICE_VERSION,
        detail=detail,
    )
    try:
        db.session.commit()
    except IntegrityError:
        # Two requests for a new address at once: the other one made the row; go again.
        db.session.rollback()
        if not _retry:
            raise
        return request_subscription(address, language, criteria, submission_key, _retry=False)
    send_confirmation(sub)
    return sub, Outcome.CONFIRMATION_SENT


def confirm(sub: DigestSubscription) -> bool:
    """Double opt-in: PENDING → ACTIVE. False (nothing done) when not pending."""
    if sub.status != SubscriptionStatus.PENDING:
        return False
    _activate(sub)
    _record(sub, LedgerAction.CONFIRMED, Method.ELECTRONIC, notice_version=NOTICE_VERSION)
    db.session.commit()
    return True


def update_criteria(
    sub: DigestSubscription,
    criteria: Criteria,
    language: str | None = None,
    user: User | None = None,
) -> list[str]:
    """Change the criteria (and language); the changed field names (ledger CRITERIA_CHANGED)."""
    criteria = check_criteria(criteria)
    changed = _apply(sub, criteria, _language(language) if language else None)
    if changed:
        _record(
            sub,
            LedgerAction.CRITERIA_CHANGED,
            Method.ORAL if user is not None else Method.ELECTRONIC,
            user=user,
            detail={"fields": changed},
        )
        db.session.commit()
    return changed


def unsubscribe(
    sub: DigestSubscription,
    method: Method | str = Method.WEB,
    user: User | None = None,
    detail: dict | None = None,
) -> bool:
    """Stop every digest at once. Idempotent: False (and no ledger entry) if already done.

    A linked participant's DIGEST consent is withdrawn in the same commit.
    """
    if sub.status == SubscriptionStatus.UNSUBSCRIBED:
        return False
    before = sub.status.value
    # Compare and set: of two clicks at once (a mail client's POST and the person's), one wins
    # and writes the ledger entry; the other finds it done.
    won = db.session.execute(
        update(DigestSubscription)
        .where(
            DigestSubscription.id == sub.id,
            DigestSubscription.status != SubscriptionStatus.UNSUBSCRIBED,
        )
        .values(status=SubscriptionStatus.UNSUBSCRIBED, updated_at=utcnow())
    ).rowcount
    if not won:
        db.session.rollback()
        return False
    sub.status = SubscriptionStatus.UNSUBSCRIBED
    _record(
        sub,
        LedgerAction.UNSUBSCRIBED,
        method,
        user=user,
        detail={"status_before": before, **(detail or {})},
    )
    participant = sub.participant
    if participant is not None and participant_service.active_consent(
        participant, ConsentScope.DIGEST
    ):
        consent_method = ConsentMethod.ORAL if user is not None else ConsentMethod.ELECTRONIC
        participant_service.record_consent(  # commits, with its audit entry
            participant, ConsentScope.DIGEST, False, consent_method, user, NOTICE_VERSION
        )
    else:
        db.session.commit()
    return True


def pause(sub: DigestSubscription, detail: dict | None = None) -> bool:
    """ACTIVE → PAUSED (for the sender, after repeated bounces). False if not active."""
    if sub.status != SubscriptionStatus.ACTIVE:
        return False
    sub.status = SubscriptionStatus.PAUSED
    _record(sub, LedgerAction.PAUSED, Method.BOUNCE, detail=detail)
    db.session.commit()
    return True


# --- counsellors ---------------------------------------------------------------------------------


def subscribe_participant(
    participant: Participant,
    criteria: Criteria,
    language: str,
    user: User,
    *,
    _retry: bool = True,
) -> tuple[DigestSubscription, bool]:
    """A counsellor records the participant's oral consent and criteria.

    Returns the subscription and True when it became active now (a welcome email is sent),
    False when it was active already (only the criteria and language changed).
    """
    if not participant.email:
        raise NoEmail
    criteria = check_criteria(criteria)
    language = _language(language)
    email = normalise_email(participant.email)
    sub = find_by_email(email)
    if sub is not None and sub.status == SubscriptionStatus.ACTIVE:
        if sub.participant_id is None:
            sub.participant_id = participant.id
        update_criteria(sub, criteria, language, user)
        db.session.commit()
        return sub, False
    if sub is None:
        sub = DigestSubscription(email=email, token=_new_token(), language=language)
        db.session.add(sub)
    before = sub.status.value if sub.status else None
    sub.participant_id = participant.id
    _activate(sub)
    _apply(sub, criteria, language)
    _record(
        sub,
        LedgerAction.CONSENT_GIVEN,
        Method.ORAL,
        user=user,
        notice_version=NOTICE_VERSION,
        detail={"participant": participant.id, **({"status_before": before} if before else {})},
    )
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        if not _retry:
            raise
        return subscribe_participant(participant, criteria, language, user, _retry=False)
    # Commits the subscription with the file's consent and its audit entry.
    participant_service.record_consent(
        participant, ConsentScope.DIGEST, True, ConsentMethod.ORAL, user, NOTICE_VERSION
    )
    send_welcome(sub)
    return sub, True


# --- following the participant file --------------------------------------------------------------


def _enabled() -> bool:
    if not has_app_context():
        return False
    pm = current_app.extensions.get("oj_plugins")
    return pm is not None and pm.get_plugin("lge_digest") is not None


@event.listens_for(Session, "before_flush")
def _follow_participant_file(session: Session, _context, _instances) -> None:
    """DIGEST withdrawn in a file, or a file deleted: its subscriptions stop in the same flush."""
    withdrawn = [
        obj
        for obj in session.new
        if isinstance(obj, Consent) and obj.scope == ConsentScope.DIGEST and not obj.given
    ]
    deleted = [obj for obj in session.deleted if isinstance(obj, Participant)]
    if not (withdrawn or deleted) or not _enabled():
        return
    with session.no_autoflush:
        for consent in withdrawn:
            participant = consent.participant
            if participant is None or participant.id is None:
                continue
            for sub in _linked(session, participant.id):
                if sub.status != SubscriptionStatus.UNSUBSCRIBED:
                    before = sub.status.value
                    sub.status = SubscriptionStatus.UNSUBSCRIBED
                    _record(
                        sub,
                        LedgerAction.UNSUBSCRIBED,
                        CONSENT_METHODS.get(consent.method, Method.ORAL),
                        user_id=consent.recorded_by_id,
                        detail={"participant_consent_withdrawn": True, "status_before": before},
                    )
        for participant in deleted:
            for sub in _linked(session, participant.id):
                if sub.status != SubscriptionStatus.UNSUBSCRIBED:
                    before = sub.status.value
                    sub.status = SubscriptionStatus.UNSUBSCRIBED
                    _record(
                        sub,
                        LedgerAction.UNSUBSCRIBED,
                        Method.WRITTEN,
                        detail={"participant_deleted": True, "status_before": before},
                    )
                # The row stays (proof of consent and unsubscribe) without the file it named.
                sub.participant_id = None
                sub.participant = None


def _linked(session: Session, participant_id: int) -> list[DigestSubscription]:
    return list(
        session.scalars(
            select(DigestSubscription).where(DigestSubscription.participant_id == participant_id)
        )
    )


# --- emails --------------------------------------------------------------------------------------


def locale_of(sub: DigestSubscription) -> str:
    return LANGUAGES.get(sub.language, LANGUAGES["fr"])


def _send(sub: DigestSubscription, template: str, subject, list_headers: bool) -> bool:
    """Render `lge_digest/email/<template>.txt|html` in the subscriber's language and send it."""
    with force_locale(locale_of(sub)):
        context = {
            "sub": sub,
            "summary": criteria_summary(sub),
            "confirm_url": links.confirm_url(sub),
            "manage_url": links.manage_url(sub),
            "unsubscribe_url": links.unsubscribe_url(sub),
            "mailto_unsubscribe": links.mailto_unsubscribe(sub),
            "lang": sub.language,
        }
        message = Message(
            subject=str(subject),  # a lazy string: translated here, in the subscriber's locale
            recipients=[sub.email],
            body=render_template(f"lge_digest/email/{template}.txt", **context),
            html=render_template(f"lge_digest/email/{template}.html", **context),
            reply_to=current_app.config["OJ_ORG_EMAIL"],
            extra_headers=links.list_unsubscribe_headers(sub) if list_headers else None,
        )
    try:
        if current_app.config.get("MAIL_SERVER"):
            mail.send(message)
        else:
            write_to_outbox(message)
    except Exception:  # the subscription is saved; the person can ask again
        log.exception("digest %s email to subscription %s failed", template, sub.id)
        return False
    return True


def send_confirmation(sub: DigestSubscription) -> bool:
    return _send(sub, "confirm", _l("Confirmez votre abonnement aux offres d'emploi"), False)


def send_manage_link(sub: DigestSubscription) -> bool:
    return _send(sub, "manage_link", _l("Votre abonnement aux offres d'emploi"), True)


def send_welcome(sub: DigestSubscription) -> bool:
    return _send(
        sub, "welcome", _l("Bienvenue : vous recevrez les offres d'emploi par courriel"), True
    )


__all__ = [
    "NOTICE_VERSION",
    "Criteria",
    "InvalidCriteria",
    "LedgerIsAppendOnly",
    "Method",
    "NoEmail",
    "Outcome",
    "active_subscriptions",
    "check_criteria",
    "confirm",
    "criteria_of",
    "criteria_summary",
    "find_by_email",
    "ledger_detail",
    "pause",
    "request_subscription",
    "subscribe_participant",
    "subscription_for_participant",
    "unsubscribe",
    "update_criteria",
]
