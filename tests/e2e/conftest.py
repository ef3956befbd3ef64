"""Browser tests: the session app served on loopback, driven by Debian's Chromium via Playwright.

Playwright never downloads a browser here: we launch the system Chromium at CHROMIUM, which
`make test` installs; without it the browser tests fail, saying so.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from flask import Flask
from werkzeug.serving import make_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Generous for a loaded CI machine, short enough that a broken flow fails fast.
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def live_server(app: Flask) -> Iterator[str]:
    """The session `app` served by Werkzeug in a daemon thread; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="e2e-live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(autouse=True)
def _links_to_live_server(app: Flask, live_server: str, monkeypatch) -> None:
    """While an e2e test runs, absolute links (emails) point at the live server.

    Per test, not per session: the tests that run after tests/e2e/ in the same session keep
    the base URL of tests/conftest.py. SERVER_NAME follows when the app derived it from
    OJ_BASE_URL.
    """
    monkeypatch.setitem(app.config, "OJ_BASE_URL", live_server)
    if app.config.get("SERVER_NAME"):
        parts = urlsplit(live_server)
        monkeypatch.setitem(app.config, "SERVER_NAME", parts.netloc)
        monkeypatch.setitem(app.config, "PREFERRED_URL_SCHEME", parts.scheme)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):  # `make test` installs it: a missing browser is an error
        pytest.fail("Chromium not installed at /usr/bin/chromium (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, live_server):
    """Open pages in fresh browser contexts (no shared cookies); all closed after the test."""
    contexts = []

    def open_page():
        context = browser.new_context(
            base_url=live_server,
            locale="fr-CA",
            timezone_id="America/Montreal",
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A page in a new browser context for each test."""
    return new_page()
