"""Finding dossiers by what an officer types: a dossier code (or its start, its end as the
receipt prints it big: "261123-0007", a middle part such as "H99-261123-0007", or the receiving
day "261123"), a postal item number its history records (EB123456789VN), else the start of words
of the applicant's or organisation's name, with or without accents and in any case ("dang van an" finds "Đặng Văn Ân",
"an" finds "An" and "Anh" but not "Lan" or "Văn"). Used by the inbox's search and by the dossier
search."""
from __future__ import annotations

import re

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import joinedload

from .models import Dossier, OpenTask, PostalItem
from ..folding import fold

MAX_QUERY = 64
ROWS = 50
HORIZON = 5000  # a consulted agency's latest steps, searched before all of them


# "8", "số 8", "Số 8": the number a dossier without a code is listed under ("Số 8 (chưa cấp mã)").
_NUMBER = re.compile(r"(?:số\s*)?([0-9]{1,9})", re.IGNORECASE)
# The end of a code: the receipt date and the day's running number ("261123-0007", "261123-7").
_TAIL = re.compile(r"([0-9]{6})-([0-9]{1,4})")
# A postal item number as the UPU's S10 writes it: two letters, nine digits, the country (EB123456789VN).
_POSTAL_ITEM = re.compile(r"[A-Z]{2}[0-9]{9}[A-Z]{2}")
# How codes start: the agency's identifier (000.00.12.H99), of which officers type the beginning.
_CODE_START = re.compile(r"[0-9]{3}\.")


def clause(q: str):
    """A dossier code (exact, or the start of one), the number of one not coded yet, else part
    of a name, folded."""
    q = " ".join(q.split())[:MAX_QUERY]
    if not q:
        return None
    number = _NUMBER.fullmatch(q)
    if number:
        digits = number.group(1)
        found = [Dossier.code.startswith(digits, autoescape=True),
                 and_(Dossier.code.is_(None), Dossier.id == int(digits))]
        if len(digits) == 6:  # a receiving day as codes write it (261127): that day's dossiers
            found.append(Dossier.code.contains(f"-{digits}-", autoescape=True))
        return or_(*found)
    tail = _TAIL.fullmatch(q)
    if tail:  # within the officer's scope (an agency's dossiers or tasks): few rows to look at
        return Dossier.code.endswith(f"-{tail.group(1)}-{int(tail.group(2)):04d}", autoescape=True)
    item = q.replace(" ", "").upper()
    if _POSTAL_ITEM.fullmatch(item):  # a postal item number the dossier's history records
        return Dossier.id.in_(select(PostalItem.dossier_id).where(PostalItem.number == item))
    if re.fullmatch(r"[0-9A-Za-z.\-]+", q) and any(ch.isdigit() for ch in q):
        if _CODE_START.match(q):  # the start of a code, read through the codes' index
            return Dossier.code.startswith(q.upper(), autoescape=True)
        return Dossier.code.contains(q.upper(), autoescape=True)  # a middle part: "H99-261127-0002"
    words = fold(q)
    return or_(Dossier.search_text.startswith(words, autoescape=True),
               Dossier.search_text.contains(" " + words, autoescape=True))


def dossiers_statement(user, q: str, status: int | None = None, consulted: bool = False,
                       horizon: int | None = None):
    """The newest dossiers of the officer's agency (an administrator's: every agency) matching q,
    in `status` if given (e.g. 5: those waiting for a supplement, to follow up); with `consulted`,
    instead those of other agencies the officer's agency has or had a step of (liên thông),
    through the partial index of such steps by agency, newest step first: a dossier consulted on
    twice comes twice (find_dossiers keeps it once); `horizon`: among its latest so many steps only.
    """
    statement = select(Dossier).options(joinedload(Dossier.procedure))
    steps = None
    if consulted:
        steps = select(OpenTask.dossier_id, OpenTask.opened_at).where(
            OpenTask.agency_id == user.agency_id, OpenTask.consulted == True)  # noqa: E712 -- the index's own words
        steps = steps.order_by(OpenTask.opened_at.desc()).limit(horizon).subquery() if horizon else steps.subquery()
        statement = statement.join(steps, steps.c.dossier_id == Dossier.id).where(Dossier.agency_id != user.agency_id)
    elif user.role != "admin":
        statement = statement.where(Dossier.agency_id == user.agency_id)
    if status is not None:
        statement = statement.where(Dossier.status == status)
    found = clause(q)
    if found is not None:
        statement = statement.where(found)
    if steps is not None:
        return statement.order_by(steps.c.opened_at.desc()).limit(ROWS * 2)
    return statement.order_by(Dossier.received_at.desc(), Dossier.id.desc()).limit(ROWS)


def find_dossiers(session, user, q: str, status: int | None = None) -> list[Dossier]:
    """What the dossier search lists: the agency's own dossiers and those it was consulted on,
    newest received first (not received yet last), at most ROWS; two indexed queries, not one
    that would scan every dossier of the province for either."""
    found = session.execute(dossiers_statement(user, q, status)).scalars().all()
    if user.role == "admin" or user.agency_id is None or not was_consulted(session, user.agency_id):
        return found
    # The latest steps first, where a search usually ends (PostgreSQL, misjudging how many match a
    # name, would otherwise read every consulted dossier); all of them only when those fall short.
    consulted = _consulted(session, user, q, status, HORIZON)
    if len(consulted) < ROWS and (q or status is not None):
        consulted = _consulted(session, user, q, status, None)
    if not consulted:
        return found
    return sorted([*found, *consulted], key=lambda d: (d.received_at is not None, d.received_at or d.submitted_at, d.id),
                  reverse=True)[:ROWS]


def _consulted(session, user, q: str, status: int | None, horizon: int | None) -> list[Dossier]:
    statement = dossiers_statement(user, q, status, consulted=True, horizon=horizon)
    return list(dict.fromkeys(session.execute(statement).scalars().all()))  # one row per consulted step


def was_consulted(session, agency_id: int) -> bool:
    """Whether the agency ever had a step of another agency's dossier: one probe of the partial
    index, which spares an agency never consulted (most) a query PostgreSQL would misjudge, the
    agency's steps being many and its consulted ones none. Asked in the index's order, or
    PostgreSQL, expecting a match soon, reads every task row looking for one."""
    return session.execute(select(OpenTask.opened_at).where(
        OpenTask.agency_id == agency_id, OpenTask.consulted == True)  # noqa: E712
        .order_by(OpenTask.opened_at.desc()).limit(1)).first() is not None
