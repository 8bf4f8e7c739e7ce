"""Procedure search with the database's own text index: SQLite FTS5 (`procedures_fts`, kept
by triggers) or a PostgreSQL GIN index on to_tsvector('simple', search_text). Both index the
folded text, so "cap ban sao" and "Cấp bản sao" meet; every word of the query must match as a
word prefix. An exact procedure code comes first, then the index's own relevance."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from sqlalchemy import column, func, literal_column, select, table

from ..agencies.models import Agency
from ..db import db
from .models import Procedure
from .text import fold

_FTS = table("procedures_fts", column("rowid"), column("rank"), column("procedures_fts"))
MAX_QUERY = 200
MAX_WORDS = 12


@dataclass(frozen=True)
class Filters:
    sector: str | None = None
    agency_code: str | None = None
    level: str | None = None
    online_level: str | None = None

    def as_kwargs(self) -> dict:
        return asdict(self)


def words(query: str) -> list[str]:
    """The query's words, folded, with every character an index syntax could read removed."""
    return re.findall(r"[0-9a-z]+", fold(query[:MAX_QUERY]))[:MAX_WORDS]


def _matching(found: list[str]):
    """(where clause, relevance order) for the dialect in use."""
    if db.session.get_bind().dialect.name == "postgresql":
        # The same expression as the index (migration c4d2f8a1b3e5), or the index is not used.
        words_only = func.regexp_replace(Procedure.search_text, literal_column("'[^0-9a-z]+'"),
                                         literal_column("' '"), literal_column("'g'"))
        vector = func.to_tsvector(literal_column("'simple'::regconfig"), words_only)
        query = func.to_tsquery(literal_column("'simple'::regconfig"), " & ".join(f"{w}:*" for w in found))
        return vector.op("@@")(query), func.ts_rank(vector, query).desc()
    expression = " ".join(f'"{w}"*' for w in found)
    # FTS5's hidden `rank` column is bm25 of the row for this MATCH, computed once per match.
    return _FTS.c.procedures_fts.op("MATCH")(expression), _FTS.c.rank


def statement(q: str | None, sector: str | None = None, agency_code: str | None = None, level: str | None = None,
              online_level: str | None = None):
    """The search as one SELECT, ordered: exact code, relevance, name (no limit). Empty or
    wordless q: the whole (filtered) catalogue by name."""
    q = (q or "")[:MAX_QUERY]
    query = select(Procedure).join(Agency, Agency.id == Procedure.agency_id)
    order = []
    found = words(q)
    if found:
        clause, relevance = _matching(found)
        if db.session.get_bind().dialect.name == "sqlite":
            query = query.join(_FTS, _FTS.c.rowid == Procedure.id)
        query = query.where(clause)
        order = [(Procedure.code == q.strip()[:32]).desc(), relevance]
    for attribute, value in ((Procedure.sector, sector), (Agency.code, agency_code),
                             (Procedure.level, level), (Procedure.online_level, online_level)):
        if value:
            query = query.where(attribute == value)
    return query.order_by(*order, Procedure.name)


def search(q: str | None, sector: str | None = None, agency_code: str | None = None, level: str | None = None,
           online_level: str | None = None, page: int = 1, per_page: int = 20) -> tuple[list[Procedure], int]:
    """One page of procedures matching q and the filters, and how many match in all."""
    query = statement(q, sector, agency_code, level, online_level)
    total = db.session.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar()
    rows = db.session.execute(query.limit(per_page).offset((max(page, 1) - 1) * per_page)).scalars().all()
    return list(rows), total


def facets() -> dict:
    sectors = db.session.execute(select(Procedure.sector).where(Procedure.sector.is_not(None))
                                 .distinct().order_by(Procedure.sector)).scalars().all()
    agencies = db.session.execute(select(Agency.code, Agency.name).where(
        Agency.id.in_(select(Procedure.agency_id))).order_by(Agency.name)).all()
    levels = db.session.execute(select(Procedure.level).where(Procedure.level.is_not(None))
                                .distinct().order_by(Procedure.level)).scalars().all()
    return {"sectors": list(sectors), "agencies": [tuple(a) for a in agencies], "levels": list(levels)}
