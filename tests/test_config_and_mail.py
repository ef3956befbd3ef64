"""Configuration from the environment, and mail written to the outbox by default."""

from __future__ import annotations

import email
import email.policy

import pytest

from orientheque_jobs import create_app
from orientheque_jobs.config import ConfigError, from_environment, normalise_database_url
from orientheque_jobs.services.mail import send_email


def test_secret_key_is_required_outside_development(tmp_path):
    with pytest.raises(ConfigError):
        create_app(
            {
                "OJ_ENV": "production",
                "SECRET_KEY": None,
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db",
            }
        )
    app = create_app(
        {
            "OJ_ENV": "production",
            "SECRET_KEY": "s3cret",
            "OJ_BASE_URL": "https://emplois.orientheque.example",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db",
        }
    )
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["PREFERRED_URL_SCHEME"] == "https"
    assert app.config["SERVER_NAME"] == "emplois.orientheque.example"


def test_environment_settings():
    found = from_environment(
        {
            "DATABASE_URL": "postgres://u@db/prod",
            "MAIL_PORT": "587",
            "MAIL_USE_TLS": "true",
            "OJ_OFFER_MAX_DAYS": "60",
            "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379",
            "HOME": "/root",
            "SECRET_KEY": "123",
        }
    )
    assert found == {
        "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://u@db/prod",
        "MAIL_PORT": 587,
        "MAIL_USE_TLS": True,
        "OJ_OFFER_MAX_DAYS": 60,
        "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379",
        "SECRET_KEY": "123",
    }
    assert normalise_database_url("sqlite:///x.db") == "sqlite:///x.db"


def test_without_mail_server_messages_go_to_the_outbox_as_eml(app, ctx, tmp_path):
    app.config.update(MAIL_SERVER=None, OJ_OUTBOX_DIR=str(tmp_path / "outbox"))
    try:
        from .factories import make_offer

        offer = make_offer()
        send_email(
            "rh@exemple.example",
            "Objet é",
            "offer_published",
            offer=offer,
            manage_url="http://localhost/gestion/x",
        )
    finally:
        app.config["MAIL_SERVER"] = "127.0.0.1"
    [path] = (tmp_path / "outbox").glob("*.eml")
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert message["To"] == "rh@exemple.example"
    assert message["Subject"] == "Objet é"
    assert "Soudeur-assembleur" in message.get_body(("plain",)).get_content()
    assert message.get_body(("html",)) is not None
    assert not list((tmp_path / "outbox").glob("*.tmp"))
