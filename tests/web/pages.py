"""Helpers for page tests: log a demo user in through the session, read the CSRF token,
make real files."""
from __future__ import annotations

import io
import re

from sqlalchemy import select


def login(client, username: str) -> None:
    from app.db import db
    from app.users.models import User
    with client.application.app_context():
        user = db.session.execute(select(User).where(User.username == username)).scalar_one()
        uid, gen = user.id, user.token_generation
        db.session.remove()
    with client.session_transaction() as session:
        session.update(uid=uid, gen=gen)


def csrf(client, path: str = "/") -> str:
    html = client.get(path).get_data(as_text=True)
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, f"no CSRF token on {path}"
    return found.group(1)


def pdf_bytes(text: str = "Giấy tờ tùy thân") -> bytes:
    from reportlab.pdfgen import canvas
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, text.encode("ascii", "replace").decode())
    page.save()
    return out.getvalue()


def upload(data: bytes, name: str):
    return (io.BytesIO(data), name)
