"""Officer accounts nobody uses are locked (DOMAIN.md §9; Ninh Bình Điều 5.2.b): an officer who
has not logged in for the province's `officer_idle_days` (counted from their last login, the
account's creation, or an administrator opening it again) is deactivated like an administrator
would do it: claimed tasks back to their group, sessions and tokens ended, and a mail saying who
can open it again. Administrators are left alone: locking the last one would lock the province
out of its own accounts."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import or_, select

from engine.profile import ProfileError

from ..db import db
from ..dossiers import work
from ..localtime import local_date
from ..mail.outbox import queue_mail
from ..workflow.service import workflow
from .models import OFFICER_ROLES, User

POLICY = "officer_idle_days"
MESSAGES = {
    "subject": "Tài khoản Hệ thống một cửa điện tử của bạn đã bị khóa",
    "body": "Kính gửi {name},\n\nTài khoản «{username}» trên Hệ thống một cửa điện tử đã bị khóa ngày {day} "
            "vì không được sử dụng từ ngày {since} (quá {days} ngày). Các công việc bạn đã nhận được trả lại "
            "cho nhóm để đồng nghiệp xử lý.\n\nNếu bạn vẫn cần tài khoản, đề nghị quản trị hệ thống của "
            "cơ quan mở lại.\n",
}


def idle_days(at: datetime) -> int | None:
    """The province's limit; None where its profile sets none (nothing is locked then)."""
    try:
        return int(workflow().calendar.profile.policy(POLICY, at))
    except ProfileError:
        return None


def in_use_since(user: User) -> datetime:
    """When the account was last known to be in use."""
    return max(t for t in (user.last_login_at, user.reactivated_at, user.created_at) if t is not None)


def lock_idle(at: datetime) -> list[User]:
    """Deactivate the officers idle longer than the policy allows, in one transaction; who."""
    days = idle_days(at)
    if days is None:
        return []
    cutoff = at - timedelta(days=days)
    candidates = db.session.execute(select(User).where(
        User.active.is_(True), User.role.in_(OFFICER_ROLES), User.created_at < cutoff,
        or_(User.last_login_at.is_(None), User.last_login_at < cutoff),
        or_(User.reactivated_at.is_(None), User.reactivated_at < cutoff)).with_for_update()).scalars().all()
    for user in candidates:
        user.active, user.idle_locked_at = False, at
        user.end_sessions()
        work.release_claims(user, None, at)
        if user.email:
            queue_mail(user.email, MESSAGES["subject"], MESSAGES["body"].format(
                name=user.full_name, username=user.username, day=local_date(at),
                since=local_date(in_use_since(user)), days=days), at)
    db.session.commit()
    return candidates
