"""Referrals (jumelages): propose a participant for an offer, follow it step by step, and open the
maintien en emploi follow-up once the person is hired.

Participant data: `referrals` admits counsellors and managers (read); the nested
`referrals.write` admits counsellors only (every change), so the role walk of the tests checks
both rules. Every page shown and every change is audited by the service.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, SubmitField

from ..labels import REFERRAL_STATUS_LABELS
from ..models import Referral, ReferralStatus, Role
from ..services import referrals as referral_service
from ..services.activity import RuleError
from ..services.clock import local_today
from .access import CASE_READERS, can_write, staff_blueprint
from .auth import _safe_next
from .employers import CHOOSE, FORM_ERRORS, Day, Notes, _apply_errors, optional_str
from .forms import options

bp = staff_blueprint("referrals", __name__, "/conseil/jumelages", CASE_READERS)
# Managers read referrals; only counsellors change them (registered inside `bp` at the bottom).
writers = staff_blueprint("write", __name__, "", (Role.COUNSELLOR,))

# What the advance form offers for each status it may move to.
ACTION_LABELS = {
    ReferralStatus.PROPOSED: _l("Proposer de nouveau"),
    ReferralStatus.SENT: _l("CV envoyé à l'employeur"),
    ReferralStatus.INTERVIEW: _l("Entrevue"),
    ReferralStatus.HIRED: _l("Embauche"),
    ReferralStatus.NOT_RETAINED: _l("Candidature non retenue"),
    ReferralStatus.WITHDRAWN: _l("Retirer le jumelage"),
}


@bp.context_processor
def _template_globals() -> dict:
    # Rendered for error pages too, where nobody may be logged in.
    return {"can_write": _is_counsellor()}


def _is_counsellor() -> bool:
    return current_user.is_authenticated and current_user.has_role(Role.COUNSELLOR)


@writers.before_request
def _writers_only():
    # The blueprint admits counsellors only; `can_write` is the app-wide rule, checked as well.
    if not can_write():
        abort(403)


# --- forms ---------------------------------------------------------------------------------------


class ProposeForm(FlaskForm):
    """Posted by the matching results' "Proposer ce jumelage" buttons; the ids are checked by
    the service (unknown or malformed ones are refused in French)."""

    participant_id = HiddenField()
    offer_id = HiddenField()
    note = Notes(_l("Note (facultatif)"), maximum=referral_service.MAX_NOTE)
    submit = SubmitField(_l("Proposer ce jumelage"))


class AdvanceForm(FlaskForm):
    # The service checks the value and the transition, with a message saying what may follow.
    status = SelectField(
        _l("Nouvelle étape"), coerce=optional_str, choices=[], validate_choice=False
    )
    on = Day(_l("Date"), default=local_today)
    note = Notes(_l("Note"), maximum=referral_service.MAX_NOTE)
    submit = SubmitField(_l("Enregistrer l'étape"))


def _advance_form(referral: Referral, **kwargs) -> AdvanceForm:
    form = AdvanceForm(**kwargs)
    form.status.choices = options(
        [("", CHOOSE)]
        + [
            (status.value, ACTION_LABELS[status])
            for status in referral_service.next_statuses(referral)
        ]
    )
    return form


# --- views ---------------------------------------------------------------------------------------


def _next_url(default: str) -> str:
    """The form's `next` if it is a local path, else `default`."""
    target = request.form.get("next", "")
    return target if target and _safe_next(target) == target else default


def _detail_url(referral_id: int, anchor: str | None = None) -> str:
    return url_for("referrals.detail", referral_id=referral_id, _anchor=anchor)


@writers.post("/")
def create():
    form = ProposeForm()
    if form.validate_on_submit():
        try:
            participant, offer = referral_service.pair(form.participant_id.data, form.offer_id.data)
            existing = referral_service.find(participant.id, offer.id)
            referral = existing or referral_service.propose(
                participant, offer, current_user, form.note.data
            )
        except RuleError as error:
            _apply_errors(form, error)
        else:
            if existing is not None:
                message = _(
                    "Ce jumelage existe déjà (%(status)s).",
                    status=REFERRAL_STATUS_LABELS[existing.status],
                )
                flash(message, "info")
            else:
                message = _(
                    "Jumelage proposé : %(name)s pour « %(title)s ».",
                    name=participant.full_name,
                    title=offer.title,
                )
                flash(message, "success")
            return redirect(_next_url(_detail_url(referral.id)))
    # No page shows a participant here: the file number and a way back, with the errors.
    flash(FORM_ERRORS, "error")
    participant_id = form.participant_id.data
    return render_template(
        "referrals/new.html",
        form=form,
        participant_id=int(participant_id) if str(participant_id or "").isdigit() else None,
        back=_next_url(url_for("participants.index")),
        next_value=_next_url(""),
    ), 400


def _detail_page(referral: Referral, form: AdvanceForm | None = None):
    advance_form = None
    if _is_counsellor():
        if referral_service.next_statuses(referral) or form is not None:
            advance_form = form or _advance_form(referral, formdata=None)
    if form is not None and form.errors:
        flash(FORM_ERRORS, "error")
    return render_template(
        "referrals/detail.html",
        referral=referral,
        advance_form=advance_form,
        hired_on=referral_service.hired_on(referral),
        statuses=ReferralStatus,
    )


@bp.get("/<id:referral_id>")
def detail(referral_id: int):
    referral = referral_service.referral_file(referral_id, current_user) or abort(404)
    return _detail_page(referral)


@writers.post("/<id:referral_id>/etape")
def advance(referral_id: int):
    referral = referral_service.referral_file(referral_id) or abort(404)
    form = _advance_form(referral)
    if form.validate_on_submit():
        try:
            referral_service.advance(
                referral, form.status.data, form.on.data, form.note.data, current_user
            )
        except RuleError as error:
            _apply_errors(form, error)
        else:
            if referral.status == ReferralStatus.HIRED:
                flash(
                    _(
                        "L'embauche est enregistrée. Ouvrez maintenant le suivi de maintien en "
                        "emploi."
                    ),
                    "success",
                )
                return redirect(_detail_url(referral_id, "maintien"))
            flash(_("L'étape est enregistrée."), "success")
            return redirect(_detail_url(referral_id))
    # The page is shown again, with the participant: audited like any view.
    referral = referral_service.referral_file(referral_id, current_user) or abort(404)
    return _detail_page(referral, form), 400


bp.register_blueprint(writers)
