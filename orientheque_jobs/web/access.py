"""Who may use which staff blueprint; checked on the server before every view of it."""

from __future__ import annotations

from flask import Blueprint, abort
from flask_login import current_user

from ..extensions import login_manager
from ..models import Role

MODERATORS = (Role.COUNSELLOR, Role.ADMIN)
# Participant data (and what is built from it) is for counsellors and managers only.
CASE_READERS = (Role.COUNSELLOR, Role.MANAGER)
STAFF = (Role.COUNSELLOR, Role.MANAGER, Role.ADMIN)


def staff_blueprint(name: str, import_name: str, url_prefix: str, roles) -> Blueprint:
    """A blueprint whose every route needs a logged-in user with one of `roles`."""
    bp = Blueprint(name, import_name, url_prefix=url_prefix)
    bp.allowed_roles = tuple(roles)

    @bp.before_request
    def require_role():
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if not current_user.has_role(*roles):
            abort(403)
        return None

    return bp


def can_write() -> bool:
    """Managers read the file; counsellors (and admins on offers) change it."""
    return current_user.is_authenticated and current_user.has_role(Role.COUNSELLOR, Role.ADMIN)
