"""Offers on the staff side: moderation queue, review, offers written on an employer's behalf."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..models import Offer, OfferStatus, fold
from ..plugins import channels
from ..services import offers as offer_service
from ..services import referrals as referral_service
from ..services.distribution import distributions_of
from .access import CASE_READERS, MODERATORS, staff_blueprint
from .forms import ActionForm, CounsellorOfferForm, ModerationForm, RejectForm

bp = staff_blueprint("counsellor", __name__, "/conseil", MODERATORS)
LIST_PAGE_SIZE = 50


def _get_offer(offer_id: int) -> Offer:
    return db.session.get(Offer, offer_id) or abort(404)


@bp.get("/moderation")
def queue():
    return render_template(
        "counsellor/queue.html", offers=db.session.scalars(offer_service.moderation_queue()).all()
    )


@bp.get("/offres")
def offers():
    status = request.args.get("status")
    q = (request.args.get("q") or "")[:200]
    query = select(Offer).options(joinedload(Offer.employer)).order_by(Offer.updated_at.desc())
    if status in OfferStatus.__members__.values():
        query = query.where(Offer.status == status)
    for word in fold(q).split()[:8]:
        query = query.where(Offer.search_text.contains(word, autoescape=True))
    page = request.args.get("page", "1")
    page = int(page) if page.isdigit() and 0 < int(page) < 10_000 else 1
    items = db.session.scalars(
        query.limit(LIST_PAGE_SIZE + 1).offset((page - 1) * LIST_PAGE_SIZE)
    ).all()
    return render_template(
        "counsellor/offers.html",
        offers=items[:LIST_PAGE_SIZE],
        has_next=len(items) > LIST_PAGE_SIZE,
        page=page,
        status=status,
        q=q,
        statuses=list(OfferStatus),
    )


@bp.route("/offres/<id:offer_id>", methods=["GET", "POST"])
def offer(offer_id: int):
    item = _get_offer(offer_id)
    form = ModerationForm.from_offer(item)
    if form.validate_on_submit():
        if item.status not in offer_service.EDITABLE_BY_EMPLOYER:
            flash(_("Cette offre est fermée; elle ne peut plus être modifiée."), "error")
        elif form.approve.data and item.status == OfferStatus.SUBMITTED:
            offer_service.approve(item, current_user, form.offer_data())
            flash(_("L'offre est publiée et l'employeur en est avisé."), "success")
            return redirect(url_for("counsellor.queue"))
        else:
            offer_service.update_offer(item, form.offer_data(), current_user)
            flash(_("Modifications enregistrées."), "success")
        return redirect(url_for("counsellor.offer", offer_id=item.id))
    # Referrals name participants: counsellors (and managers) only, never admins.
    case_data = {}
    if current_user.has_role(*CASE_READERS):
        case_data["referrals"] = referral_service.referrals_for_offer(item, viewer=current_user)
    return render_template(
        "counsellor/offer.html",
        offer=item,
        form=form,
        reject_form=RejectForm(),
        distributions=distributions_of(item),
        channel_labels={channel.name: channel.label for channel in channels()},
        **case_data,
    )


@bp.post("/offres/<id:offer_id>/refuser")
def reject(offer_id: int):
    item = _get_offer(offer_id)
    form = RejectForm()
    if not form.validate_on_submit():
        return render_template(
            "counsellor/offer.html",
            offer=item,
            form=ModerationForm.from_offer(item, formdata=None),
            reject_form=form,
        ), 400
    try:
        offer_service.reject(item, current_user, form.reason.data)
        flash(_("L'offre est refusée et l'employeur a reçu le motif."), "success")
    except offer_service.TransitionError:
        flash(_("Seule une offre soumise peut être refusée."), "error")
    return redirect(url_for("counsellor.queue"))


CLOSE_ACTIONS = {
    "filled": (OfferStatus.FILLED, _l("L'offre est marquée comme pourvue.")),
    "withdrawn": (OfferStatus.WITHDRAWN, _l("L'offre est retirée.")),
}


@bp.post("/offres/<id:offer_id>/<any(filled, withdrawn):action>")
def close(offer_id: int, action: str):
    item = _get_offer(offer_id)
    if ActionForm().validate_on_submit():
        status, message = CLOSE_ACTIONS[action]
        try:
            offer_service.close(item, status, current_user)
            flash(message, "success")
        except offer_service.TransitionError:
            flash(_("Cette action n'est pas possible pour cette offre."), "error")
    return redirect(url_for("counsellor.offer", offer_id=item.id))


@bp.post("/offres/<id:offer_id>/renouveler")
def renew(offer_id: int):
    item = _get_offer(offer_id)
    if ActionForm().validate_on_submit():
        try:
            until = offer_service.renew(item, current_user)
            flash(
                _("L'offre est renouvelée jusqu'au %(date)s.", date=format_date(until, "long")),
                "success",
            )
        except offer_service.TransitionError:
            flash(_("Cette offre ne peut pas être renouvelée."), "error")
    return redirect(url_for("counsellor.offer", offer_id=item.id))


@bp.route("/offres/nouvelle", methods=["GET", "POST"])
def new_offer():
    form = CounsellorOfferForm()
    if form.validate_on_submit():
        item, _created = offer_service.submit_offer(
            form.offer_data(),
            form.employer_data(),
            form.submission_key.data,
            user=current_user,
            publish=form.publish_now.data,
        )
        flash(_("L'offre est enregistrée."), "success")
        return redirect(url_for("counsellor.offer", offer_id=item.id))
    if form.is_submitted():
        flash(
            _("Le formulaire contient des erreurs; elles sont indiquées sous chaque champ."),
            "error",
        )
    return render_template("counsellor/new_offer.html", form=form)
