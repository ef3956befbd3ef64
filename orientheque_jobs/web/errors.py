"""Error pages: a clean page in the visitor's language for every 4xx and 5xx."""

from __future__ import annotations

from flask import Flask, current_app, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

TITLES = {
    400: _l("Requête invalide"),
    403: _l("Accès refusé"),
    404: _l("Page introuvable"),
    405: _l("Méthode non permise"),
    410: _l("Cette page n'est plus disponible"),
    413: _l("Envoi trop volumineux"),
    429: _l("Trop de requêtes"),
    500: _l("Erreur du serveur"),
}
MESSAGES = {
    400: _l("La requête n'a pas pu être traitée."),
    403: _l("Vous n'avez pas accès à cette page."),
    404: _l("La page demandée n'existe pas ou n'est plus accessible."),
    405: _l("Cette adresse ne s'utilise pas de cette façon."),
    413: _l("Les données envoyées dépassent la taille permise."),
    429: _l("Vous avez fait trop de tentatives. Réessayez dans quelques minutes."),
    500: _l("Une erreur inattendue est survenue. L'équipe en a été avisée."),
}
CSRF_MESSAGE = _l(
    "Le formulaire a expiré ou n'est pas valide. Rechargez la page et réessayez; "
    "ce que vous aviez saisi n'a pas été enregistré."
)


def render_error(error: HTTPException):
    code = error.code or 500
    message = MESSAGES.get(code, MESSAGES[400])
    # Our own aborts carry a translated description; Werkzeug's defaults are English.
    if error.description and error.description != type(error).description:
        message = error.description
    if isinstance(error, CSRFError):
        message = CSRF_MESSAGE
    title = TITLES.get(code, TITLES[400])
    return render_template("error.html", code=code, title=title, message=message), code


def unexpected_error(error: Exception):
    current_app.logger.exception("Unhandled error", exc_info=error)
    return render_error(InternalServerError())


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, render_error)
    app.register_error_handler(Exception, unexpected_error)
