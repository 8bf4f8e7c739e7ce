"""Một Cửa: the Flask application factory."""
from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter

from .config import settings
from .db import MAX_ID, db, migrate

MIGRATIONS_DIR = __import__("pathlib").Path(__file__).resolve().parent / "migrations"


class DatabaseInt(IntegerConverter):
    """<int:…> in a URL matches only ids a database column holds: a longer number is a 404,
    not an overflow inside the database driver."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def create_app(**overrides) -> Flask:
    app = Flask(__name__, instance_relative_config=False)
    app.url_map.converters["int"] = DatabaseInt
    app.config.update(settings(**overrides))
    app.json.ensure_ascii = False  # Vietnamese stays readable in JSON
    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR))
    _import_models()

    from engine import clock as engine_clock

    from .clock import Clock, now_or_wall
    from .workflow.reload import init_reload
    from .workflow.service import init_workflow
    app.extensions["motcua_clock"] = Clock()
    engine_clock.use_outside(now_or_wall)
    init_workflow(app)
    init_reload(app)

    from .api.blueprint import api
    from .web import init_web
    app.register_blueprint(api)
    init_web(app)
    from .errors import register
    register(app)
    if app.config.get("MOTCUA_PROXY_HOPS"):
        from werkzeug.middleware.proxy_fix import ProxyFix
        hops = app.config["MOTCUA_PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    return app


def _import_models() -> None:
    # Alembic and the relationships need every model registered.
    from .agencies import models as _a  # noqa: F401
    from .catalogue import models as _c  # noqa: F401
    from .dossiers import models as _d  # noqa: F401
    from .mail import models as _m  # noqa: F401
    from .payments import models as _pay  # noqa: F401
    from .portal import models as _p  # noqa: F401
    from .security import models as _s  # noqa: F401
    from .users import models as _u  # noqa: F401
    from .workflow import models as _w  # noqa: F401
