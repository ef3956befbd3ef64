"""WSGI entry point: `gunicorn wsgi:app`, or `flask --app wsgi …`."""

from orientheque_jobs import create_app

app = create_app()
