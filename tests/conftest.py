"""One app per test session on a real database (SQLite, or PostgreSQL via TEST_DATABASE_URL),
schema through the migrations, a real SMTP server on loopback, and clean tables per test."""

from __future__ import annotations

import email
import email.policy
import os
import re
import socket
import threading
from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller
from flask import Flask
from flask_migrate import upgrade

from orientheque_jobs import create_app
from orientheque_jobs.config import normalise_database_url
from orientheque_jobs.extensions import db, drop_schema, limiter
from orientheque_jobs.services.reference import load_reference_data

REFERENCE_TABLES = {"noc_unit_group", "noc_example_title", "municipality", "alembic_version"}
CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SmtpSink:
    """A real SMTP server (aiosmtpd) on loopback that keeps what it receives."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.envelopes: list = []
        self._lock = threading.Lock()
        self.controller = Controller(self, hostname="127.0.0.1", port=free_port())

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd API)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._lock:
            self.envelopes.append(envelope)
            self.messages.append(message)
        return "250 Message accepted for delivery"

    @property
    def port(self) -> int:
        return self.controller.port

    def clear(self) -> None:
        with self._lock:
            self.messages.clear()
            self.envelopes.clear()

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for m in self.messages if address.lower() in m["To"].lower()]


@pytest.fixture(scope="session")
def smtp() -> Iterator[SmtpSink]:
    sink = SmtpSink()
    sink.controller.start()
    yield sink
    sink.controller.stop()


def database_url(tmp_path_factory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return normalise_database_url(url)
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"


def make_config(tmp_path_factory, smtp: SmtpSink, **overrides) -> dict:
    config = {
        "TESTING": True,
        "OJ_ENV": "test",
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url(tmp_path_factory),
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": smtp.port,
        "OJ_OUTBOX_DIR": str(tmp_path_factory.mktemp("outbox")),
        "OJ_INDEX_DIR": str(tmp_path_factory.mktemp("index")),
        "OJ_BASE_URL": "http://localhost",
        "OJ_RATELIMIT_OFFER_FORM": "1000 per minute",
        "OJ_RATELIMIT_LOGIN": "1000 per minute",
        "OJ_RATELIMIT_LINK_REQUEST": "1000 per minute",
        # Tests sync the indexes themselves; tests/test_search_autosync.py covers the thread.
        "OJ_SEARCH_AUTOSYNC": False,
    }
    config.update(overrides)
    return config


@pytest.fixture(scope="session")
def app(tmp_path_factory, smtp) -> Iterator[Flask]:
    application = create_app(make_config(tmp_path_factory, smtp))
    with application.app_context():
        drop_schema()
        upgrade(revision="heads")
        load_reference_data()
        db.session.remove()
    yield application
    with application.app_context():
        db.engine.dispose()


def clean_tables() -> None:
    tables = [t for t in reversed(db.metadata.sorted_tables) if t.name not in REFERENCE_TABLES]
    with db.engine.begin() as conn:
        for table in tables:
            conn.execute(table.delete())


@pytest.fixture(autouse=True)
def _fresh_state(request, smtp) -> Iterator[None]:
    """Every test starts with empty business tables, no mail and fresh rate limits."""
    smtp.clear()
    yield
    if "app" in request.fixturenames:
        application = request.getfixturevalue("app")
        with application.app_context():
            db.session.remove()
            clean_tables()
            limiter.reset()


@pytest.fixture
def ctx(app) -> Iterator[None]:
    """An application context for tests that call services directly (no requests inside)."""
    with app.app_context():
        yield
        db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


def csrf_from(html: str) -> str:
    match = CSRF_RE.search(html)
    assert match, "no CSRF token in the page"
    return match.group(1) or match.group(2)


def post_form(client, url: str, data: dict, *, page: str | None = None, **kwargs):
    """POST like a browser: load the page first (or `page`), then send its CSRF token."""
    html = client.get(page or url).get_data(as_text=True)
    return client.post(url, data={**data, "csrf_token": csrf_from(html)}, **kwargs)
