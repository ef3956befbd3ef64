"""Outgoing email: through SMTP when MAIL_SERVER is set, else as .eml files in the outbox."""

from __future__ import annotations

import uuid
from pathlib import Path

from flask import current_app, render_template
from flask_mail import Message

from ..extensions import mail
from ..models import utcnow


def send_email(to: str, subject: str, template: str, **context) -> Message:
    """Render `templates/email/<template>.txt` and `.html` and send them as one message."""
    message = Message(
        subject=subject,
        recipients=[to],
        body=render_template(f"email/{template}.txt", **context),
        html=render_template(f"email/{template}.html", **context),
        reply_to=current_app.config["OJ_ORG_EMAIL"],
    )
    if current_app.config.get("MAIL_SERVER"):
        mail.send(message)
    else:
        write_to_outbox(message)
    return message


def write_to_outbox(message: Message) -> Path:
    outbox = Path(current_app.config["OJ_OUTBOX_DIR"])
    outbox.mkdir(parents=True, exist_ok=True)
    name = f"{utcnow():%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:12]}.eml"
    path = outbox / name
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(message.as_bytes())
    tmp.replace(path)
    return path
