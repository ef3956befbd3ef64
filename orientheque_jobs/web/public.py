"""Public pages: the job board, offer pages, the employer form and the employer's magic link."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import format_date, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from ..extensions import db, limiter
from ..models import Contact, Offer, OfferStatus
from ..services import board as board_service
from ..services import links
from ..services import offers as offer_service
from ..services.jsonld import job_posting
from ..services.reference import noc_suggestions
from .cache import page_cache
from .forms import ActionForm, EmployerOfferForm, LinkRequestForm, OfferForm

bp = Blueprint("public", __name__)


def _offer_form_limit() -> str:
    return current_app.config["OJ_RATELIMIT_OFFER_FORM"]


def _link_request_limit() -> str:
    return current_app.config["OJ_RATELIMIT_LINK_REQUEST"]


@bp.get("/")
def home():
    return redirect(url_for("public.board"))


@bp.get("/offres")
def board():
    criteria = board_service.BoardCriteria.from_args(request.args)
    stamp = board_service.change_stamp()

    def render() -> str:
        return render_template(
            "board.html",
            page=board_service.search(criteria),
            criteria=criteria,
            options=board_service.options(stamp),
        )

    if current_user.is_authenticated or session.get("_flashes"):
        return render()
    # Anonymous visitors all see the same page for the same criteria, locale and data.
    key = (str(get_locale()), tuple(sorted(criteria.args().items())), stamp)
    return page_cache().get_or_render(key, render)


@bp.get("/offres/<id:offer_id>")
def offer(offer_id: int):
    item = db.session.get(Offer, offer_id)
    if item is None or item.status in (
        OfferStatus.DRAFT,
        OfferStatus.SUBMITTED,
        OfferStatus.REJECTED,
    ):
        abort(404)
    if not offer_service.is_visible(item):
        return render_template("offer_gone.html", offer=item), 410
    return render_template("offer.html", offer=item, jsonld=job_posting(item))


@bp.route("/publier", methods=["GET", "POST"])
@limiter.limit(_offer_form_limit, methods=["POST"])
def post_offer():
    form = EmployerOfferForm()
    if form.validate_on_submit():
        if form.is_spam:
            return redirect(url_for("public.offer_received"))
        offer_service.submit_offer(
            form.offer_data(), form.employer_data(), form.submission_key.data
        )
        return redirect(url_for("public.offer_received"))
    if form.is_submitted():
        flash(
            _("Le formulaire contient des erreurs; elles sont indiquées sous chaque champ."),
            "error",
        )
    return render_template("post_offer.html", form=form)


@bp.get("/publier/merci")
def offer_received():
    return render_template("offer_received.html")


def _offer_from_token(token: str) -> Offer:
    try:
        return links.offer_from_token(token)
    except links.LinkExpired:
        abort(403, description=_l("Ce lien a expiré. Demandez un nouveau lien ci-dessous."))
    except links.LinkInvalid:
        abort(403, description=_l("Ce lien n'est pas valide. Demandez un nouveau lien ci-dessous."))


@bp.get("/gestion/<token>")
def manage(token: str):
    item = _offer_from_token(token)
    return render_template(
        "manage.html",
        offer=item,
        token=token,
    )


@bp.route("/gestion/<token>/modifier", methods=["GET", "POST"])
def manage_edit(token: str):
    item = _offer_from_token(token)
    if item.status not in offer_service.EDITABLE_BY_EMPLOYER:
        flash(_("Cette offre ne peut plus être modifiée."), "error")
        return redirect(url_for("public.manage", token=token))
    form = OfferForm.from_offer(item)
    if form.validate_on_submit():
        offer_service.update_offer(item, form.offer_data())
        flash(
            _(
                "Vos modifications sont enregistrées. L'offre sera revue par notre équipe avant "
                "d'être publiée de nouveau."
            ),
            "success",
        )
        return redirect(url_for("public.manage", token=token))
    return render_template("manage_edit.html", form=form, offer=item, token=token)


MANAGE_ACTIONS = {
    "filled": (OfferStatus.FILLED, _l("L'offre est marquée comme pourvue. Merci!")),
    "withdrawn": (OfferStatus.WITHDRAWN, _l("L'offre est retirée.")),
}


@bp.post("/gestion/<token>/<any(filled, withdrawn):action>")
def manage_close(token: str, action: str):
    item = _offer_from_token(token)
    if ActionForm().validate_on_submit():
        status, message = MANAGE_ACTIONS[action]
        try:
            offer_service.close(item, status)
            flash(message, "success")
        except offer_service.TransitionError:
            flash(_("Cette action n'est pas possible pour cette offre."), "error")
    return redirect(url_for("public.manage", token=token))


@bp.post("/gestion/<token>/renouveler")
def manage_renew(token: str):
    item = _offer_from_token(token)
    if ActionForm().validate_on_submit():
        try:
            until = offer_service.renew(item)
            flash(
                _("L'offre est renouvelée jusqu'au %(date)s.", date=format_date(until, "long")),
                "success",
            )
        except offer_service.TransitionError:
            flash(_("Cette offre ne peut pas être renouvelée."), "error")
    return redirect(url_for("public.manage", token=token))


@bp.route("/gestion/lien", methods=["GET", "POST"])
@limiter.limit(_link_request_limit, methods=["POST"])
def request_link():
    """Send fresh management links for every open offer of this email; same answer either way."""
    form = LinkRequestForm()
    if form.validate_on_submit():
        offers = db.session.scalars(
            select(Offer)
            .join(Contact)
            .where(
                Contact.email == form.email.data.lower(),
                Offer.status.not_in(offer_service.FINAL_STATUSES),
            )
        ).all()
        if offers:
            offer_service.send_links(form.email.data.lower(), offers)
        flash(
            _(
                "Si des offres ouvertes sont associées à cette adresse, un courriel vient d'y être "
                "envoyé avec leurs liens de gestion."
            ),
            "success",
        )
        return redirect(url_for("public.request_link"))
    return render_template("request_link.html", form=form)


@bp.get("/api/cnp")
def cnp_suggestions():
    query = request.args.get("q", "")[:100]
    lang = "en" if request.args.get("lang") == "en" else "fr"
    return jsonify(noc_suggestions(query, lang))


@bp.get("/a-propos")
def about():
    return render_template("about.html")


@bp.get("/sante")
def health():
    db.session.execute(select(1))
    return {"status": "ok"}
