"""The catalogue: search and one entry with its e-form."""
from __future__ import annotations

from flask import request
from sqlalchemy import select

from ..catalogue.models import Procedure
from ..folding import fold
from ..db import db
from ..dossiers.submission import find_procedure
from . import serialize
from .blueprint import api

PAGE_SIZE = 50


@api.get("/procedures")
def procedures():
    query = select(Procedure).where(Procedure.published.is_(True))
    for word in fold(request.args.get("q", ""))[:200].split():
        query = query.where(Procedure.search_text.contains(word, autoescape=True))
    items = db.session.execute(query.order_by(Procedure.name).limit(PAGE_SIZE)).scalars().all()
    return {"items": [serialize.procedure_summary(p) for p in items]}


@api.get("/procedures/<code>")
def procedure(code: str):
    return serialize.procedure_detail(find_procedure(code))
