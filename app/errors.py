"""Errors that reach no blueprint (an unknown address, a method not allowed): JSON under /api/,
a Vietnamese page elsewhere (in the one-stop system's layout for its officers)."""
from __future__ import annotations

import logging

from flask import Flask, current_app, g, render_template, request
from werkzeug.exceptions import HTTPException

from engine.forms import FormUnusable

from .security.messages import MESSAGES as SECURITY
from .web.session import SESSION_ENDED

log = logging.getLogger(__name__)

PAGES = {
    400: ("Yêu cầu không hợp lệ", "Yêu cầu gửi lên không đúng. Vui lòng tải lại trang và thử lại."),
    403: ("Không có quyền truy cập", "Tài khoản của bạn không có quyền xem trang này."),
    404: ("Không tìm thấy trang", "Địa chỉ bạn mở không tồn tại hoặc đã được thay đổi."),
    405: ("Thao tác không được hỗ trợ", "Trang này không hỗ trợ thao tác bạn vừa thực hiện."),
    413: ("Nội dung quá lớn", "Nội dung gửi lên quá lớn (tệp đính kèm: tối đa {limit} MB cho một lần gửi; chữ: "
                               "tối đa {chars} ký tự mỗi ô), nên chưa có gì được lưu. Hãy bấm nút Quay lại của "
                               "trình duyệt (những gì đã nhập thường vẫn còn trên trang), bỏ bớt tệp, chọn tệp "
                               "nhỏ hơn hoặc rút ngắn nội dung, rồi gửi lại."),
}
OTHER = ("Có lỗi xảy ra", "Yêu cầu chưa được thực hiện. Vui lòng thử lại.")
# A form file saved broken on disk and never read whole by this server (engine.forms.FormUnusable).
FORM_UNUSABLE = ("Biểu mẫu đang bị lỗi", "Biểu mẫu của bước này chưa dùng được vì tệp biểu mẫu đang bị lỗi, nên "
                 "chưa có gì được lưu hay gửi đi; hồ sơ vẫn giữ nguyên. Hãy báo quản trị hệ thống nội dung dưới "
                 "đây, rồi làm lại khi tệp đã được sửa.")
FORM_UNUSABLE_PUBLIC = ("Biểu mẫu đang bị lỗi", "Biểu mẫu này tạm thời chưa dùng được, nên chưa có gì được lưu hay "
                        "gửi đi; cơ quan đã được báo để sửa. Vui lòng thử lại sau.")


def register(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        if exc.code >= 500:  # a failed statement leaves the session unusable for the page's own reads
            from .db import db
            db.session.rollback()
        if request.path.startswith("/api/"):
            from .api.blueprint import http_error_response
            return http_error_response(exc)
        title, text = PAGES.get(exc.code, OTHER)
        if exc.code == 413:
            from engine.forms import MAX_TEXT
            from engine.numbers import grouped
            text = text.format(limit=f"{(current_app.config.get('MAX_CONTENT_LENGTH') or 0) / 1048576:g}".replace(".", ","),
                               chars=grouped(MAX_TEXT))
        typed = None
        if exc.code == 404 and exc.description == "file_missing":  # a stored file gone (dossiers/files.py)
            from .files.messages import MESSAGES as FILES
            title, text = FILES["missing_title"], FILES["missing"]
        if exc.code == 400 and exc.description == "csrf":
            from .security.refused_form import typed_back
            title, text, typed = SECURITY["csrf_title"], SECURITY["csrf"], typed_back()
        login_next = None
        if exc.code == 401 and exc.description == SESSION_ENDED:
            from .security.refused_form import form_page, typed_back
            title, text, typed = SECURITY["session_ended_title"], SECURITY["session_ended"], typed_back()
            login_next = form_page() or ("/mot-cua" if request.path.startswith("/mot-cua") else "/ho-so")
        return render_template(_template(), title=title, text=text, typed=typed, words=SECURITY,
                               login_next=login_next), exc.code

    @app.errorhandler(FormUnusable)
    def _form_unusable(exc: FormUnusable):
        # The operator's to fix: logged with the file and the place; an officer is shown them too,
        # a citizen only that nothing was kept. What the form carried is written back.
        from .db import db
        from .security.refused_form import typed_back
        db.session.rollback()
        log.error("form unusable: %s", exc)
        template = _template()
        officer = template.startswith("workspace/")
        title, text = FORM_UNUSABLE if officer else FORM_UNUSABLE_PUBLIC
        typed = typed_back() if request.method == "POST" else None
        return render_template(template, title=title, text=text, detail=str(exc) if officer else None, typed=typed,
                               words=SECURITY), 503


def _template() -> str:
    """An officer inside the one-stop system stays in its layout, with its navigation and a way back
    to the inbox; the portal's layout offers them citizens' pages they may not open."""
    from .workspace.blueprint import STAFF
    user = getattr(g, "user", None)
    if request.path.startswith("/mot-cua") and user is not None and user.role in STAFF:
        return "workspace/error.html"
    return "web/error.html"
