"""Test fixtures: one app per session on SQLite (a temporary file) or on PostgreSQL
(MOTCUA_DATABASE_URL, in a schema of its own that is dropped at the end), migrated with Alembic
exactly as `motcua up` does; every test starts from the demo data, with a clock it controls."""
from __future__ import annotations

import os
import threading
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from werkzeug.serving import make_server

# argon2id at its cheapest: the suite logs in thousands of times (README: MOTCUA_PASSWORD_COST).
# Set before the app is imported, and inherited by the `motcua` commands the tests run.
os.environ.setdefault("MOTCUA_PASSWORD_COST", "test")

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PASSWORD = "MotCua@2026"


def vn(*args) -> datetime:
    return datetime(*args, tzinfo=VN)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    url = os.environ.get("MOTCUA_DATABASE_URL")
    if not url:
        yield "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.db")
        return
    from app.scratch_db import temporary_database
    with temporary_database(url) as schema_url:  # a schema of its own, dropped at the end
        yield schema_url


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    from app import create_app
    from app.cli import prepare_database
    application = create_app(db=database_url, SECRET_KEY="test-secret", TESTING=True,
                              MOTCUA_UPLOAD_DIR=tmp_path_factory.mktemp("uploads"),
                              MOTCUA_KEYS_DIR=tmp_path_factory.mktemp("keys"))
    prepare_database(application)
    with application.app_context():
        from app.db import db
        db.session.remove()
    return application


def _clear(application) -> None:
    from app.db import db
    with application.app_context():
        db.session.remove()
        with db.engine.begin() as conn:
            for table in reversed(db.metadata.sorted_tables):
                conn.execute(table.delete())


@pytest.fixture()
def clean_app(app):
    """The app with only the demo data, and its clock reset to the wall clock afterwards."""
    from app.catalogue.loader import load_catalogue
    from app.db import db
    from app.demo import load_demo
    _clear(app)
    with app.app_context():
        load_demo()
        assert load_catalogue(app.config["MOTCUA_CATALOGUE_DIR"], app.config["MOTCUA_FORMS_DIR"],
                              set(app.extensions["motcua_workflow"].registry.process_ids())) == []
        db.session.remove()
    yield app
    app.extensions["motcua_clock"].set(None)


@pytest.fixture()
def clock(clean_app):
    return clean_app.extensions["motcua_clock"]


@pytest.fixture()
def client(clean_app):
    return clean_app.test_client()


class Api:
    """A thin HTTP helper: logs in demo users and calls /api/v1 with their tokens."""

    def __init__(self, client):
        self.client = client
        self.tokens = {}

    def token(self, username: str) -> str:
        if username not in self.tokens:
            response = self.client.post("/api/v1/auth/token", json={"username": username, "password": PASSWORD})
            assert response.status_code == 200, response.get_json()
            self.tokens[username] = response.get_json()["access_token"]
        return self.tokens[username]

    def call(self, method: str, path: str, user: str | None = None, **kwargs):
        headers = kwargs.pop("headers", {})
        if user:
            headers["Authorization"] = f"Bearer {self.token(user)}"
        return self.client.open("/api/v1" + path, method=method, headers=headers, **kwargs)

    def get(self, path, user=None, **kw):
        return self.call("GET", path, user, **kw)

    def post(self, path, user=None, components: bool = True, **kw):
        """An application sent as JSON (`json=`) goes as the API asks for it: multipart, with a
        scan for each component its procedure requires of it; components=False sends it bare."""
        if path == "/dossiers" and components and isinstance(kw.get("json"), dict):
            body = kw.pop("json")
            kw.update(self._with_components(body))
        return self.call("POST", path, user, **kw)

    _scan: bytes | None = None  # one scan for every test: the same bytes tell a retry from a new dossier

    def _with_components(self, body: dict) -> dict:
        import io
        import json

        from tests.web.pages import pdf_bytes
        found = self.get(f"/procedures/{body.get('procedure_code')}")
        components = found.get_json().get("components", []) if found.status_code == 200 else []
        data = body.get("data") if isinstance(body.get("data"), dict) else {}
        wanted = [c["code"] for c in components if not c.get("e_form") and (c.get("required") or (
            isinstance(c.get("required_when"), dict) and data.get(c["required_when"].get("field"))
            in c["required_when"].get("in", [])))]
        if not wanted:
            return {"json": body}
        Api._scan = Api._scan or pdf_bytes("Ban chup thanh phan ho so")
        return {"data": {"body": json.dumps(body, ensure_ascii=False),
                         **{f"tep.{code}": (io.BytesIO(Api._scan), f"{code.lower()}.pdf") for code in wanted}},
                "content_type": "multipart/form-data"}

    def task(self, user: str, name: str, dossier: int | None = None) -> dict:
        """The first task named `name` the user may work (of `dossier`, when given)."""
        items = self.get("/tasks", user).get_json()["items"]
        matching = [t for t in items if t["name"] == name and dossier in (None, t["dossier"]["id"])]
        assert matching, f"{user} has no task «{name}»: {[t['name'] for t in items]}"
        return matching[0]

    def complete(self, user: str, name: str, data: dict, expect: int = 200, dossier: int | None = None):
        task = self.task(user, name, dossier)
        response = self.post(f"/tasks/{task['id']}/complete", user, json={"data": data})
        assert response.status_code == expect, response.get_json()
        return response.get_json()


@pytest.fixture()
def api(client):
    return Api(client)


class MailSink:
    """A real SMTP server on a free loopback port (aiosmtpd), keeping what it receives."""

    def __init__(self):
        self.messages = []
        self.delay = 0.0  # seconds before accepting each mail: a slow server, to race senders

    async def handle_DATA(self, server, session, envelope):
        import asyncio
        from email import message_from_bytes, policy
        await asyncio.sleep(self.delay)
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def links(self, marker: str) -> list[str]:
        import re
        bodies = [m.get_body(preferencelist=("plain",)).get_content() for m in self.messages]
        return [link for body in bodies for link in re.findall(r"https?://\S+", body) if marker in link]


@pytest.fixture()
def mail_sink(clean_app):
    import socket

    from aiosmtpd.controller import Controller
    sink = MailSink()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    saved = {k: clean_app.config[k] for k in ("MOTCUA_SMTP_HOST", "MOTCUA_SMTP_PORT")}
    clean_app.config.update(MOTCUA_SMTP_HOST="127.0.0.1", MOTCUA_SMTP_PORT=port)
    sink.port = port
    yield sink
    clean_app.config.update(saved)
    controller.stop()


@pytest.fixture()
def workspace(tmp_path):
    """A copy of the procedure folders (what an analyst edits) and the settings that point
    `motcua` at it; the database is a file that does not exist, so nothing is read from a real
    one unless a test says so."""
    import shutil
    root = Path(__file__).resolve().parents[1]
    for name in ("bpmn", "forms", "catalogue"):
        shutil.copytree(root / name, tmp_path / name)
    env = {"MOTCUA_BPMN_DIR": str(tmp_path / "bpmn"), "MOTCUA_FORMS_DIR": str(tmp_path / "forms"),
           "MOTCUA_CATALOGUE_DIR": str(tmp_path / "catalogue"), "MOTCUA_SECRET_KEY": "test-new",
           "MOTCUA_DATABASE_URL": "sqlite:///" + str(tmp_path / "no-database.db"), "MOTCUA_PROVINCE": "demo"}
    return tmp_path, env


@pytest.fixture()
def live_server(clean_app):
    """The app on a free loopback port, served by a thread of this process (same database,
    same controllable clock)."""
    server = make_server("127.0.0.1", 0, clean_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    previous = clean_app.config["MOTCUA_PUBLIC_URL"]
    clean_app.config["MOTCUA_PUBLIC_URL"] = base
    yield base
    clean_app.config["MOTCUA_PUBLIC_URL"] = previous
    server.shutdown()
    thread.join(5)


PAYMENT_MERCHANT, PAYMENT_SECRET = "MOTCUATEST", "bi-mat-cua-cong-thu-nghiem"


@pytest.fixture()
def payment_gateway(clean_app, live_server, clock):
    """The sandbox gateway on its own port, confirming to the served app."""
    from app.payments.sandbox import PAY_PATH, SandboxMerchant, create_sandbox_app, serve_in_thread
    merchant = SandboxMerchant(PAYMENT_SECRET, f"{live_server}/thanh-toan/ipn")
    sandbox = create_sandbox_app({PAYMENT_MERCHANT: merchant}, now=clock.now)
    server = serve_in_thread(sandbox, "127.0.0.1", 0)
    clean_app.config.update(MOTCUA_PAYMENT_URL=server.url + PAY_PATH, MOTCUA_PAYMENT_TMN_CODE=PAYMENT_MERCHANT,
                            MOTCUA_PAYMENT_SECRET=PAYMENT_SECRET)
    yield server
    server.shutdown()
    for key in ("MOTCUA_PAYMENT_URL", "MOTCUA_PAYMENT_TMN_CODE", "MOTCUA_PAYMENT_SECRET"):
        clean_app.config[key] = ""
