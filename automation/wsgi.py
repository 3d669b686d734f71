"""The WSGI entry point for gunicorn: `gunicorn automation.wsgi:app`."""

from automation import create_app

app = create_app()
