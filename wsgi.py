"""WSGI entry point for gunicorn: `gunicorn wsgi:app` (the scheduler runs as `motcua scheduler`)."""
from app import create_app

app = create_app()
