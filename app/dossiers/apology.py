"""The apology with a new date (Phiếu xin lỗi và hẹn lại ngày trả kết quả, Mẫu 04): sent at
least one working day before the due instant, at most once, and it moves the due instant."""
from __future__ import annotations

from datetime import datetime, timedelta

from engine.statuses import APPLICANTS_TURN, FINISHED

from ..localtime import local_time
from ..workflow.service import workflow
from . import notices
from .access import may_act_for_agency
from .deadlines import move_due
from .errors import Conflict, Forbidden, Invalid
from .events import add_event, write_events
from .models import Dossier
from .transitions import lock_dossier

MAX_REASON = 2000
# A new date further away is a typing mistake, and the working calendar is not asked about it.
MAX_POSTPONEMENT = timedelta(days=366)


def refusal(user, dossier: Dossier, at: datetime, messages: dict) -> str | None:
    """Why this officer may not send an apology for this dossier now (None: they may)."""
    if not may_act_for_agency(user, dossier, ("leader",)):  # the head of the agency signs Mẫu 04
        return messages["not_allowed"]
    if dossier.received_at is None or dossier.due_at is None or dossier.status in FINISHED:
        return messages["not_processing"]
    if dossier.apologized_at is not None:
        return messages["once"].format(at=local_time(dossier.apologized_at), due=local_time(dossier.due_at))
    if dossier.status in APPLICANTS_TURN:  # a supplement, the fee
        # Its time stands still until the applicant acts, then restarts or moves on by the wait:
        # a date promised now would be moved again without a second apology.
        return messages["waiting"]
    calendar = workflow().calendar
    if calendar.working_hours_between(at, dossier.due_at) < calendar.hours_per_day:
        return messages["too_late"].format(due=local_time(dossier.due_at))
    return None


def apologize(user, dossier_id: int, new_due: datetime | None, reason: str, at: datetime, messages: dict) -> Dossier:
    """Record the apology and move the due instant; refusals say why in `messages`' words, every
    problem of the form at once (`new_due` None: it could not be read)."""
    dossier = lock_dossier(dossier_id)
    why = refusal(user, dossier, at, messages)
    if why is not None:
        raise (Forbidden if why == messages["not_allowed"] else Conflict)(why)
    reason = " ".join((reason or "").split())
    errors = []
    if not reason or len(reason) > MAX_REASON:
        errors.append({"field": "ly_do", "message": messages["reason"]})
    new_due_error = messages["bad_instant"] if new_due is None else _new_due_error(dossier.due_at, new_due, messages)
    if new_due_error:
        errors.append({"field": "ngay_hen_moi", "message": new_due_error})
    if errors:
        raise Invalid(errors[0]["message"], errors)
    previous = dossier.due_at
    move_due(dossier, new_due)
    dossier.apologized_at = at
    dossier.version += 1
    dossier.updated_at = at
    events = [add_event(dossier, at, "apology", actor=user, due_at=new_due,
                        data={"previous_due_at": previous.isoformat(), "new_due_at": new_due.isoformat(),
                              "reason": reason})]
    write_events(events)
    notices.queue_for(dossier, events, dossier.status, at)
    return dossier


def _new_due_error(due: datetime, new_due: datetime, messages: dict) -> str | None:
    """A new date is a later day than the one promised (Mẫu 04 moves the day), within a year,
    at a working time of a working day."""
    calendar = workflow().calendar
    if new_due > due + MAX_POSTPONEMENT:
        return messages["too_far"].format(due=local_time(due))
    if new_due.astimezone(calendar.tz).date() <= due.astimezone(calendar.tz).date():
        return messages["new_due"].format(due=local_time(due))
    if not calendar.is_appointment_time(new_due):
        return messages["not_working_time"]
    return None
