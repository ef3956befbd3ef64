"""Digest subscription pages.

Public (`lge_digest`, no login): the subscription form, the double opt-in confirmation, the
manage page and the unsubscribe page, the last three reached by signed links (`links`).
Staff (`lge_staff`, counsellors and managers; its nested `lge_staff.write` is for counsellors
only): a participant's subscription, where a counsellor records the person's oral consent.
Views stay thin: the rules are in `subscriptions`.
"""

from __future__ import annotations

import re
import uuid

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    FieldList,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
)
from wtforms.validators import DataRequired, Email, Length, Optional

from orientheque_jobs.extensions import csrf, limiter
from orientheque_jobs.labels import EMPLOYMENT_TYPE_LABELS, SCHEDULE_LABELS
from orientheque_jobs.models import EmploymentType, Participant, Role, Schedule
from orientheque_jobs.services import participants as participant_service
from orientheque_jobs.services import profiles as profile_service
from orientheque_jobs.services.reference import mrc_choices, municipality_choices
from orientheque_jobs.web.access import CASE_READERS, staff_blueprint
from orientheque_jobs.web.employers import length
from orientheque_jobs.web.forms import (
    EMAIL,
    REQUIRED,
    ActionForm,
    Between,
    FlagsField,
    MunicipalityField,
    label_noc_entries,
    none_if_blank,
    options,
    resolve_noc_entries,
    strip,
)

from . import links
from . import subscriptions as service
from .models import DigestSubscription, LedgerAction, SubscriptionStatus

bp = Blueprint("lge_digest", __name__)
staff = staff_blueprint("lge_staff", __name__, "/conseil/lge", CASE_READERS)
# Managers read the page; only counsellors record a subscription (registered inside `staff`).
staff_writers = staff_blueprint("write", __name__, "", (Role.COUNSELLOR,))

FORM_ERRORS = _l("Le formulaire contient des erreurs; elles sont indiquées sous chaque champ.")
LANGUAGE_CHOICES = [("fr", "Français"), ("en", "English")]
STATUS_LABELS = {
    SubscriptionStatus.PENDING: _l("En attente de confirmation"),
    SubscriptionStatus.ACTIVE: _l("Actif"),
    SubscriptionStatus.PAUSED: _l("Suspendu (adresse en erreur)"),
    SubscriptionStatus.UNSUBSCRIBED: _l("Désabonné"),
}
LEDGER_ACTION_LABELS = {
    LedgerAction.CONSENT_GIVEN: _l("Consentement donné"),
    LedgerAction.CONFIRMED: _l("Adresse confirmée"),
    LedgerAction.CRITERIA_CHANGED: _l("Critères modifiés"),
    LedgerAction.UNSUBSCRIBED: _l("Désabonnement"),
    LedgerAction.PAUSED: _l("Envois suspendus"),
    LedgerAction.RESUMED: _l("Envois repris"),
}
METHOD_LABELS = {
    service.Method.ELECTRONIC: _l("Électronique"),
    service.Method.ORAL: _l("Verbal"),
    service.Method.WRITTEN: _l("Écrit"),
    service.Method.ONE_CLICK: _l("Lien de désabonnement du logiciel de courriel"),
    service.Method.WEB: _l("Page de désabonnement"),
    service.Method.MAILTO: _l("Courriel de désabonnement"),
    service.Method.BOUNCE: _l("Courriels refusés"),
}


def _form_limit() -> str:
    config = current_app.config
    return config.get("OJ_RATELIMIT_SUBSCRIBE_FORM") or config["OJ_RATELIMIT_OFFER_FORM"]


def _no_nul(value):
    return value.replace("\x00", "") if isinstance(value, str) else value


def _current_language() -> str:
    return "en" if str(get_locale()).startswith("en") else "fr"


# --- forms ---------------------------------------------------------------------------------------


class CodesField(SelectMultipleField):
    """A multiple choice of reference codes (municipalities, MRC)."""

    def __init__(self, label, message, **kwargs):
        super().__init__(
            label,
            choices=[],
            invalid_choice_message=message,
            render_kw={"size": 8},
            **kwargs,
        )


class CriteriaForm(FlaskForm):
    """What a subscriber wants; shared by the public form, the manage page and counsellors."""

    keywords = StringField(
        _l("Mots-clés"),
        filters=[_no_nul, none_if_blank],
        validators=[Optional(), length(service.KEYWORDS_MAX)],
        description=_l(
            "Séparez les choix par des virgules : « soudeur, machiniste » reçoit les offres de "
            "l'un ou de l'autre. Laissez vide pour recevoir toutes les offres."
        ),
    )
    noc_choices = FieldList(
        StringField(
            _l("Profession"),
            filters=[_no_nul, none_if_blank],
            validators=[Optional(), Length(max=255, message=_l("255 caractères au maximum."))],
            render_kw={"list": "cnp-suggestions", "autocomplete": "off", "data-cnp": "1"},
        ),
        min_entries=service.MAX_NOC_CODES,
        max_entries=service.MAX_NOC_CODES,
    )
    municipality_codes = CodesField(
        _l("Municipalités"),
        _l("Choisissez des municipalités de la liste."),
        description=_l("Ctrl (ou Cmd) + clic pour en choisir plusieurs."),
    )
    mrc_codes = CodesField(_l("MRC"), _l("Choisissez des MRC de la liste."))
    home_municipality_code = MunicipalityField(_l("À partir de la municipalité"))
    max_distance_km = IntegerField(
        _l("Distance maximale (km)"),
        validators=[
            Optional(),
            Between(min=1, max=service.MAX_DISTANCE_KM, message=profile_service.DISTANCE_RANGE),
        ],
    )
    employment_types = FlagsField(
        _l("Types d'emploi"),
        EmploymentType,
        EMPLOYMENT_TYPE_LABELS,
        description=_l("Aucune case cochée : tous les types d'emploi."),
    )
    schedules = FlagsField(
        _l("Horaires"),
        Schedule,
        SCHEDULE_LABELS,
        description=_l("Aucune case cochée : tous les horaires."),
    )
    language = SelectField(
        _l("Langue des courriels"),
        choices=options(LANGUAGE_CHOICES),
        default="fr",
        invalid_choice_message=_l("Choisissez le français ou l'anglais."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        towns = [(code, name) for code, name in municipality_choices() if code]
        self.municipality_codes.choices = options(towns)
        self.mrc_codes.choices = options(mrc_choices())
        self.home_municipality_code.choices = options(municipality_choices())
        self.noc_codes: list[str] = []
        self.noc_errors: list = []
        label_noc_entries(self.noc_choices)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        self.noc_codes, codes_valid = resolve_noc_entries(self.noc_choices)
        valid = valid and codes_valid
        return valid

    def criteria(self) -> service.Criteria:
        return service.Criteria(
            keywords=self.keywords.data,
            noc_codes=list(self.noc_codes),
            municipality_codes=list(self.municipality_codes.data or ()),
            mrc_codes=list(self.mrc_codes.data or ()),
            home_municipality_code=self.home_municipality_code.data or None,
            max_distance_km=self.max_distance_km.data,
            employment_types=self.employment_types.mask,
            schedules=self.schedules.mask,
        )

    def refuse(self, error: service.InvalidCriteria) -> None:
        """Show the service's refusals next to the fields concerned."""
        for name, message in error.errors.items():
            if name == "noc_codes":
                self.noc_errors.append(message)
            elif name in self._fields:
                self._fields[name].errors = [*self._fields[name].errors, message]
            else:
                self.form_errors.append(message)

    @classmethod
    def initial(cls, sub: DigestSubscription | None) -> dict:
        """Form data of a subscription's current criteria."""
        if sub is None:
            return {"language": _current_language()}
        criteria = service.criteria_of(sub)
        titles = profile_service.noc_titles(criteria.noc_codes, _current_language())
        return {
            "keywords": criteria.keywords,
            "noc_choices": [
                f"{code} — {titles[code]}" if code in titles else code
                for code in criteria.noc_codes
            ],
            "municipality_codes": criteria.municipality_codes,
            "mrc_codes": criteria.mrc_codes,
            "home_municipality_code": criteria.home_municipality_code or "",
            "max_distance_km": criteria.max_distance_km,
            "employment_types": criteria.employment_types,
            "schedules": criteria.schedules,
            "language": sub.language,
        }


class SubscribeForm(CriteriaForm):
    email = EmailField(
        _l("Votre courriel"),
        filters=[strip],
        validators=[DataRequired(REQUIRED), Email(EMAIL), Length(max=254)],
    )
    consent = BooleanField(
        _l("J'accepte de recevoir ces offres d'emploi par courriel."),
        validators=[
            DataRequired(
                _l("Cochez cette case pour donner votre consentement; sinon, rien n'est envoyé.")
            )
        ],
    )
    submission_key = HiddenField()
    # Honeypot, as on the offer form: hidden from people by CSS; robots fill it in.
    fax_number = StringField(_l("Ne pas remplir"))
    submit = SubmitField(_l("M'abonner"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.consent.label.text = _(
            "J'accepte de recevoir chaque jour, par courriel, de la part de %(org)s, les "
            "nouvelles offres d'emploi qui correspondent à mes critères. Je peux me désabonner "
            "en tout temps.",
            org=current_app.config["OJ_ORG_NAME"],
        )
        if not self.submission_key.data:
            self.submission_key.data = uuid.uuid4().hex

    def validate_submission_key(self, field):
        if not re.fullmatch(r"[0-9a-f]{32}", field.data or ""):
            field.data = uuid.uuid4().hex

    @property
    def is_spam(self) -> bool:
        return bool(self.fax_number.data)

    def prefill(self, args) -> None:
        """The board's search (« Recevoir ces offres par courriel ») as starting criteria."""
        self.keywords.data = (args.get("q") or "")[: service.KEYWORDS_MAX].strip() or None
        valid_towns = {c.value for c in self.municipality_codes.choices}
        if args.get("municipality") in valid_towns:
            self.municipality_codes.data = [args["municipality"]]
        valid_mrcs = {c.value for c in self.mrc_codes.choices}
        if args.get("mrc") in valid_mrcs:
            self.mrc_codes.data = [args["mrc"]]
        for field, name in ((self.employment_types, "type"), (self.schedules, "schedule")):
            if args.get(name) in {c.value for c in field.choices}:
                field.data = [args[name]]


class ManageForm(CriteriaForm):
    submit = SubmitField(_l("Enregistrer mes critères"))


class StaffSubscriptionForm(CriteriaForm):
    oral_consent = BooleanField(_l("Consentement verbal"))
    submit = SubmitField(_l("Enregistrer l'abonnement"))

    def __init__(self, *args, require_consent: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.require_consent = require_consent
        self.oral_consent.label.text = _(
            "La personne a reçu l'avis de collecte (version %(version)s) et consent verbalement "
            "à recevoir chaque jour par courriel les offres qui correspondent à ces critères.",
            version=service.NOTICE_VERSION,
        )

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.require_consent and not self.oral_consent.data:
            self.oral_consent.errors = [
                *self.oral_consent.errors,
                _l("Cochez cette case : l'abonnement exige le consentement de la personne."),
            ]
            valid = False
        return valid


# --- public pages --------------------------------------------------------------------------------


def _subscription(token: str, purpose: str) -> DigestSubscription:
    try:
        return links.subscription_from_token(token, purpose)
    except links.LinkInvalid:
        abort(
            404,
            description=_(
                "Ce lien n'est pas valide. Vérifiez qu'il est complet : copiez-le en entier "
                "depuis le courriel reçu. Vous pouvez aussi vous abonner de nouveau ou écrire à "
                "%(email)s.",
                email=current_app.config["OJ_ORG_EMAIL"],
            ),
        )


@bp.route("/abonnement", methods=["GET", "POST"])
@limiter.limit(_form_limit, methods=["POST"])
def subscribe():
    form = SubscribeForm()
    if not form.is_submitted():
        form.language.data = _current_language()
        form.prefill(request.args)
    if form.validate_on_submit():
        if form.is_spam:
            return redirect(url_for("lge_digest.check_inbox"))
        try:
            service.request_subscription(
                form.email.data, form.language.data, form.criteria(), form.submission_key.data
            )
        except service.InvalidCriteria as error:
            form.refuse(error)
        else:
            # The same page whatever the address was: nobody learns who is subscribed.
            return redirect(url_for("lge_digest.check_inbox"))
    if form.is_submitted():
        flash(FORM_ERRORS, "error")
    return render_template("lge_digest/subscribe.html", form=form, notice=service.NOTICE_VERSION)


@bp.get("/abonnement/merci")
def check_inbox():
    return render_template("lge_digest/check_inbox.html")


@bp.route("/abonnement/confirmer/<token>", methods=["GET", "POST"])
def confirm(token: str):
    """GET shows a button; the POST confirms. Mail scanners that fetch every link of a message
    (to check it) therefore never confirm an address on their own."""
    sub = _subscription(token, links.CONFIRM)
    if request.method == "POST" and ActionForm().validate_on_submit():
        if service.confirm(sub) or sub.status == SubscriptionStatus.ACTIVE:
            flash(
                _(
                    "Votre abonnement est confirmé. Vous recevrez un courriel les jours où de "
                    "nouvelles offres correspondent à vos critères. Gardez ce lien pour modifier "
                    "vos critères ou vous désabonner; il est aussi dans chaque courriel."
                ),
                "success",
            )
            return redirect(links.manage_url(sub))
    return render_template("lge_digest/confirm.html", sub=sub, statuses=SubscriptionStatus)


@bp.route("/abonnement/gerer/<token>", methods=["GET", "POST"])
def manage(token: str):
    sub = _subscription(token, links.MANAGE)
    if sub.status == SubscriptionStatus.UNSUBSCRIBED:
        return render_template(
            "lge_digest/manage.html", sub=sub, form=None, statuses=SubscriptionStatus
        )
    form = ManageForm(data=CriteriaForm.initial(sub))
    if form.validate_on_submit():
        try:
            changed = service.update_criteria(sub, form.criteria(), form.language.data)
        except service.InvalidCriteria as error:
            form.refuse(error)
        else:
            if changed:
                flash(_("Vos critères sont enregistrés."), "success")
            else:
                flash(_("Aucun changement : vos critères étaient déjà ceux-là."), "success")
            return redirect(links.manage_url(sub))
    if form.is_submitted():
        flash(FORM_ERRORS, "error")
    return render_template(
        "lge_digest/manage.html",
        sub=sub,
        form=form,
        statuses=SubscriptionStatus,
        summary=service.criteria_summary(sub),
        unsubscribe_url=links.unsubscribe_url(sub),
    )


@bp.route("/abonnement/desabonner/<token>", methods=["GET", "POST"])
@csrf.exempt
def unsubscribe(token: str):
    """GET: a page with one button. POST: unsubscribed at once (idempotent).

    Exempt from CSRF, and only this view: RFC 8058 one-click unsubscribe is a POST of
    `List-Unsubscribe=One-Click` sent by the mail provider, which has no session and no CSRF
    token, and it must work. It is safe: the signed token in the URL is the only authority
    (nobody can forge one for someone else's address, so a cross-site POST achieves nothing),
    and the one thing it can do is stop emails.
    """
    sub = _subscription(token, links.UNSUBSCRIBE)
    if request.method == "POST":
        one_click = request.form.get("List-Unsubscribe") == "One-Click"
        method = service.Method.ONE_CLICK if one_click else service.Method.WEB
        service.unsubscribe(sub, method)
        return render_template("lge_digest/unsubscribe.html", sub=sub, done=True)
    done = sub.status == SubscriptionStatus.UNSUBSCRIBED
    return render_template("lge_digest/unsubscribe.html", sub=sub, done=done)


# --- counsellors ---------------------------------------------------------------------------------


def _participant(participant_id: int) -> Participant:
    return participant_service.get_participant(participant_id) or abort(404)


def _render_staff(participant: Participant, sub, form, status: int = 200):
    participant_service.record_view(participant, current_user)
    return render_template(
        "lge_digest/participant.html",
        participant=participant,
        sub=sub,
        form=form,
        summary=service.criteria_summary(sub) if sub else [],
        statuses=SubscriptionStatus,
        status_labels=STATUS_LABELS,
        action_labels=LEDGER_ACTION_LABELS,
        method_labels=METHOD_LABELS,
        notice=service.NOTICE_VERSION,
        can_write=current_user.has_role(Role.COUNSELLOR),
        unsubscribe_form=ActionForm(formdata=None),
    ), status


def _is_active(sub) -> bool:
    return sub is not None and sub.status == SubscriptionStatus.ACTIVE


@staff.get("/participants/<id:participant_id>")
def participant_subscription(participant_id: int):
    participant = _participant(participant_id)
    sub = service.subscription_for_participant(participant)
    form = StaffSubscriptionForm(
        formdata=None, data=CriteriaForm.initial(sub), require_consent=not _is_active(sub)
    )
    return _render_staff(participant, sub, form)


@staff_writers.post("/participants/<id:participant_id>")
def subscribe_participant(participant_id: int):
    participant = _participant(participant_id)
    sub = service.subscription_for_participant(participant)
    form = StaffSubscriptionForm(require_consent=not _is_active(sub))
    if not participant.email:
        flash(_("Le dossier n'a pas de courriel : ajoutez-le d'abord au dossier."), "error")
        return _render_staff(participant, sub, form, status=409)
    if form.validate_on_submit():
        try:
            sub, activated = service.subscribe_participant(
                participant, form.criteria(), form.language.data, current_user
            )
        except service.InvalidCriteria as error:
            form.refuse(error)
        else:
            if activated:
                message = _(
                    "Abonnement enregistré avec le consentement verbal; un courriel de bienvenue "
                    "a été envoyé à %(email)s.",
                    email=sub.email,
                )
            else:
                message = _("Critères de l'abonnement enregistrés.")
            flash(message, "success")
            return redirect(
                url_for("lge_staff.participant_subscription", participant_id=participant.id)
            )
    flash(FORM_ERRORS, "error")
    return _render_staff(participant, sub, form, status=400)


@staff_writers.post("/participants/<id:participant_id>/desabonner")
def unsubscribe_participant(participant_id: int):
    """The person asked their counsellor to stop the digest."""
    participant = _participant(participant_id)
    sub = service.subscription_for_participant(participant)
    if sub is None:
        abort(404)
    if ActionForm().validate_on_submit():
        service.unsubscribe(sub, service.Method.ORAL, current_user)
        flash(_("Désabonnement enregistré; plus aucun courriel ne sera envoyé."), "success")
    return redirect(url_for("lge_staff.participant_subscription", participant_id=participant.id))


staff.register_blueprint(staff_writers)
