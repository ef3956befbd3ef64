"""orientheque-jobs: employer file and job board with plugin distribution channels."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask

from . import config as config_module
from .extensions import csrf, db, limiter, login_manager, mail, migrate

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict | None = None) -> Flask:
    """Build the app: defaults, then the environment, then `config` (tests)."""
    app = Flask(
        __name__,
        instance_path=os.environ.get("OJ_INSTANCE_PATH", str(ROOT / "instance")),
        template_folder=str(ROOT / "templates"),
    )
    app.config.update(config_module.defaults(app.instance_path))
    app.config.update(config_module.from_environment(os.environ))
    app.config.update(config or {})
    config_module.check(app.config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    from . import models  # noqa: F401  (registers the tables)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    mail.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)

    from .web import i18n, register_converters, security, templating

    register_converters(app)

    i18n.init_app(app)
    security.init_app(app)
    templating.init_app(app)

    from .web import (
        auth,
        calendar,
        counsellor,
        dashboard,
        employers,
        errors,
        matching,
        participants,
        public,
        referrals,
        reports,
    )

    login_manager.init_app(app)
    blueprints = (
        public,
        auth,
        calendar,
        dashboard,
        counsellor,
        participants,
        matching,
        referrals,
        employers,
        reports,
    )
    for module in blueprints:
        app.register_blueprint(module.bp)
    errors.init_app(app)

    from . import plugins

    plugins.init_app(app)

    from . import cli
    from .search import autosync

    cli.init_app(app)
    autosync.init_app(app)
    return app
