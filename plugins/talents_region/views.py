"""Downloads of the export behind a secret token: `/exports/talents-region/<token>/<file>`.

The token comes from the environment (`OJ_TALENTS_REGION_TOKEN`, 16 characters or more); with
none, a short one or a wrong one, every address answers 404, as does any name that is not one of
the export's files (no path ever reaches the file system unchecked).
"""

from __future__ import annotations

import hmac

from flask import Blueprint, abort, current_app, send_from_directory

from .export import FILE_RE, MEDIA_TYPES, export_dir

bp = Blueprint("talents_region", __name__)
MIN_TOKEN_LENGTH = 16


def configured_token() -> str | None:
    token = current_app.config.get("OJ_TALENTS_REGION_TOKEN")
    token = "" if token is None else str(token).strip()
    return token if len(token) >= MIN_TOKEN_LENGTH else None


def token_matches(given: str) -> bool:
    expected = configured_token()
    if expected is None:
        return False
    # Constant time: the comparison does not tell how much of a guess was right.
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


@bp.get("/exports/talents-region/<token>/<filename>")
def download(token: str, filename: str):
    if not token_matches(token) or not FILE_RE.fullmatch(filename):
        abort(404)
    folder = export_dir()
    if not (folder / filename).is_file():
        abort(404)
    extension = filename.rsplit(".", 1)[1]
    response = send_from_directory(
        folder, filename, mimetype=MEDIA_TYPES[extension], max_age=0, conditional=True
    )
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Referrer-Policy"] = "no-referrer"  # the address holds the token
    return response
