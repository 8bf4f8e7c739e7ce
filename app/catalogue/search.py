"""Procedure search with the database's own text index (migration c4d2f8a1b3e5): SQLite FTS5
(`procedures_fts`, kept by triggers) or a PostgreSQL GIN index on the words of search_text.
Both index the folded text, so "cap ban sao" and "Cấp bản sao" meet; every word of the query
must match as a word prefix. Order: the exact code, then procedures whose own name matches,
then the index's relevance, then the name."""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from sqlalchemy import column, func, literal_column, select, table

from ..agencies.models import Agency
from ..db import db, on_sqlite
from .models import Procedure
from ..folding import fold

MAX_QUERY = 200
MAX_WORDS = 12
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")  # PostgreSQL refuses NUL in text; none belong in a query
_FTS = table("procedures_fts", column("rowid"), column("rank"), column("procedures_fts"))


@dataclass(frozen=True)
class Results:
    items: list[Procedure]
    total: int
    page: int  # the page shown, within 1..pages
    pages: int


def clean(value: str | None, limit: int = MAX_QUERY) -> str:
    """User input as plain text of at most `limit` characters, without control characters."""
    return " ".join(_CONTROL.sub(" ", (value or "")[:limit * 2]).split())[:limit]


def words(query: str | None) -> list[str]:
    """The query's distinct words, folded, with every character an index syntax could read
    removed: only [0-9a-z] reaches FTS5 or to_tsquery."""
    found = re.findall(r"[0-9a-z]+", fold(clean(query)))
    return list(dict.fromkeys(found))[:MAX_WORDS]


def _sqlite_match(found: list[str]):
    """(where, name matches, relevance order) on SQLite; `procedures_fts` is joined by the caller."""
    def match(fts, expression: str):
        return fts.c.procedures_fts.op("MATCH")(expression)

    def spellings(word: str) -> str:
        # The name column keeps "đ", which the tokenizer does not fold: "dang" must find "Đăng".
        variants = itertools.islice(itertools.product(*(("d", "đ") if ch == "d" else (ch,) for ch in word)), 8)
        return "(" + " OR ".join(f'"{"".join(v)}"*' for v in variants) + ")"

    in_name = _FTS.alias("name_fts")
    name_matches = Procedure.id.in_(select(in_name.c.rowid).where(
        match(in_name, "{name} : (" + " AND ".join(spellings(w) for w in found) + ")")))
    where = match(_FTS, "{search_text} : (" + " AND ".join(f'"{w}"*' for w in found) + ")")
    return where, name_matches.desc(), _FTS.c.rank  # FTS5's rank: bm25 of this MATCH, lower is better


def _words_vector(text):
    # The index's expression (migration c4d2f8a1b3e5) written the same way, literals and all.
    return func.to_tsvector(literal_column("'simple'::regconfig"), func.regexp_replace(
        text, literal_column("'[^0-9a-z]+'"), literal_column("' '"), literal_column("'g'")))


def _translate_table() -> tuple[str, str]:
    """The precomposed letters fold() turns into one ASCII letter, and those letters, for
    PostgreSQL's translate(): folding in SQL without an extension to install per schema."""
    pairs = [(ch, fold(ch)) for ch in map(chr, range(0xC0, 0x2000))
             if ch.isalpha() and len(fold(ch)) == 1 and fold(ch).isascii()]
    return "".join(p[0] for p in pairs), "".join(p[1] for p in pairs)


_FROM, _TO = _translate_table()


def _postgres_match(found: list[str]):
    """(where, name matches, relevance order) on PostgreSQL."""
    query = func.to_tsquery(literal_column("'simple'::regconfig"), " & ".join(f"{w}:*" for w in found))
    vector = _words_vector(Procedure.search_text)
    folded_name = func.lower(func.translate(func.normalize(Procedure.name, literal_column("NFC")), _FROM, _TO))
    return (vector.op("@@")(query), _words_vector(folded_name).op("@@")(query).desc(),
            func.ts_rank(vector, query, 1).desc())  # 1: shorter texts first, like bm25


def statement(q: str | None, sector: str | None = None, agency_code: str | None = None,
              level: str | None = None, online_level: str | None = None):
    """The search as one SELECT with its order (no limit). A query without words lists the
    whole (filtered) catalogue by name."""
    q = clean(q)
    query = select(Procedure).join(Agency, Agency.id == Procedure.agency_id)
    order = []
    found = words(q)
    if found:
        sqlite = on_sqlite()
        where, name_matches, relevance = (_sqlite_match if sqlite else _postgres_match)(found)
        if sqlite:
            query = query.join(_FTS, _FTS.c.rowid == Procedure.id)
        query = query.where(where)
        order = [(func.lower(Procedure.code) == q.lower()).desc(), name_matches, relevance]
    for attribute, value in ((Procedure.sector, sector), (Agency.code, agency_code),
                             (Procedure.level, level), (Procedure.online_level, online_level)):
        if value:
            query = query.where(attribute == value)
    # lower(): "Cấp bản sao" before "Cấp Phiếu" (the databases compare bytes, not Vietnamese).
    return query.order_by(*order, func.lower(Procedure.name), Procedure.code)


def search(q: str | None, sector: str | None = None, agency_code: str | None = None, level: str | None = None,
           online_level: str | None = None, page: int = 1, per_page: int = 20) -> Results:
    """One page of the procedures matching q and the filters; a page past the end shows the last."""
    query = statement(q, sector, agency_code, level, online_level)
    total = db.session.execute(select(func.count()).select_from(
        query.with_only_columns(Procedure.id).order_by(None).subquery())).scalar_one()
    pages = max(-(-total // per_page), 1)
    page = min(max(page, 1), pages)
    items = db.session.execute(query.limit(per_page).offset((page - 1) * per_page)).scalars().all()
    return Results(list(items), total, page, pages)


def facets() -> dict:
    """The values the filters offer: sectors, agencies having procedures, levels."""
    def distinct(attribute):
        return list(db.session.execute(select(attribute).where(attribute.is_not(None))
                                       .distinct().order_by(attribute)).scalars())
    agencies = db.session.execute(select(Agency.code, Agency.name).where(
        Agency.id.in_(select(Procedure.agency_id))).order_by(Agency.name)).all()
    return {"sectors": distinct(Procedure.sector), "agencies": [tuple(a) for a in agencies],
            "levels": distinct(Procedure.level)}
