"""GET /openapi.json: the API described for automation (OpenAPI 3.1)."""
from __future__ import annotations

from .blueprint import api

ERROR = {"$ref": "#/components/responses/Error"}


FILES_BODY = "Nội dung JSON như khi gửi application/json"
FILES_PART = ("Tệp của một thành phần hồ sơ: tên phần là tep.<mã thành phần> của thủ tục (như tep.GTTT), một "
              "thành phần nhận được nhiều tệp (nhiều phần cùng tên); kiểu và dung lượng như trên Cổng Dịch vụ công. "
              "Hồ sơ mới phải có tệp của mọi thành phần bắt buộc (components của thủ tục: required, required_when)")


def _op(summary: str, responses: dict, auth: bool = True, body: dict | None = None, params=(),
        files: bool = False) -> dict:
    op = {"summary": summary, "responses": {**responses, "default": ERROR}}
    if not auth:
        op["security"] = []
    if body:
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    if body and files:
        # The same JSON in the part "body", with the component files beside it (app/api/component_files.py).
        op["requestBody"]["content"]["multipart/form-data"] = {"schema": {
            "type": "object", "required": ["body"],
            "properties": {"body": {"type": "string", "contentMediaType": "application/json", "description": FILES_BODY}},
            "patternProperties": {r"^tep\.[A-Za-z0-9_]+$": {"type": "array", "items": {"type": "string", "format": "binary"},
                                                             "description": FILES_PART}},
            "additionalProperties": False}}
    if params:
        op["parameters"] = [{"name": p, "in": "path", "required": True, "schema": {"type": "string"}}
                            for p in params]
    return op


def _key(effect: str) -> dict:
    return {"name": "Idempotency-Key", "in": "header", "schema": {"type": "string", "maxLength": 128},
            "description": "Gửi lại cùng yêu cầu (cùng nội dung, cùng tệp) với cùng khóa: " + effect}


def _with_key(op: dict, effect: str) -> dict:
    op["parameters"] = [*op.get("parameters", []), _key(effect)]
    return op


def _ok(description: str) -> dict:
    return {"200": {"description": description, "content": {"application/json": {"schema": {"type": "object"}}}}}


DATA_BODY = {"type": "object", "properties": {
    "data": {"type": "object"},
    "channel": {"enum": ["counter", "postal"], "description": "Bộ phận một cửa ghi nhận thay công dân: "
                "đã nhận tại quầy hay qua bưu chính (bắt buộc với cán bộ, không dùng cho công dân)"},
    "postal_code": {"type": "string", "maxLength": 40, "description": "Số hiệu bưu gửi, khi channel là postal"}}}

TASK_FILTERS = [
    {"name": "tab", "in": "query", "description": "available (mặc định: việc của tôi và việc chưa ai nhận), "
     "mine, unclaimed, group; quản trị viên: chỉ group (mặc định), việc của mọi cơ quan để giao",
     "schema": {"enum": ["available", "mine", "unclaimed", "group"]}},
    {"name": "agency", "in": "query", "description": "quản trị viên: mã định danh của một cơ quan",
     "schema": {"type": "string"}},
    {"name": "procedure", "in": "query", "description": "mã thủ tục", "schema": {"type": "string"}},
    {"name": "status", "in": "query", "description": "trạng thái hồ sơ 1-10", "schema": {"type": "integer", "minimum": 1, "maximum": 10}},
    {"name": "due", "in": "query", "schema": {"enum": ["overdue", "today", "3-working-days", "none"]}},
    {"name": "q", "in": "query", "description": "mã hồ sơ hoặc tên người nộp (có dấu hoặc không)",
     "schema": {"type": "string"}},
    {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
    {"name": "mine", "in": "query", "description": "cũ, như tab=mine", "schema": {"type": "boolean"}},
]

DOCUMENT = {
    "openapi": "3.1.0",
    "info": {"title": "Một Cửa API", "version": "1.0.0",
             "description": "API của Cổng Dịch vụ công và Hệ thống một cửa điện tử. Lỗi trả về dạng "
                            "{\"error\": {\"code\", \"message\", \"fields\"}} với thông báo tiếng Việt."},
    "servers": [{"url": "/api/v1"}],
    "security": [{"bearer": []}],
    "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "responses": {"Error": {"description": "Lỗi (400, 401, 403, 404, 409, 413, 422, 429, 500)", "content": {
            "application/json": {"schema": {"type": "object", "properties": {"error": {
                "type": "object", "required": ["code", "message"], "properties": {
                    "code": {"type": "string"}, "message": {"type": "string"},
                    "fields": {"type": "array", "items": {"type": "object", "properties": {
                        "field": {"type": "string"}, "message": {"type": "string"}}}}}}}}}}}},
    },
    "paths": {
        "/auth/token": {"post": _op("Đăng nhập, nhận mã truy cập", _ok("Mã truy cập"), auth=False, body={
            "type": "object", "required": ["username", "password"],
            "properties": {"username": {"type": "string"}, "password": {"type": "string"}}})},
        "/procedures": {"get": {**_op("Tìm thủ tục hành chính", _ok("Danh sách thủ tục"), auth=False),
                                "parameters": [{"name": "q", "in": "query", "schema": {"type": "string"}}]}},
        "/procedures/{code}": {"get": _op("Thông tin thủ tục và biểu mẫu điện tử", _ok("Thủ tục"),
                                          auth=False, params=["code"])},
        "/dossiers": {
            "get": _op("Hồ sơ của tôi", _ok("Danh sách hồ sơ")),
            "post": {**_op("Nộp hồ sơ trực tuyến", {"201": {"description": "Đã tạo hồ sơ"},
                                                     "200": {"description": "Hồ sơ đã nộp trước đó (nộp lặp)"}},
                          body={"type": "object", "required": ["procedure_code", "data"], "properties": {
                              "procedure_code": {"type": "string"}, "data": {"type": "object"}}}, files=True),
                     "parameters": [_key("trả về hồ sơ đã tạo (200) thay vì tạo hồ sơ thứ hai; cùng khóa với nội dung "
                                         "khác là một hồ sơ mới")]},
        },
        "/dossiers/{ref}": {"get": _op("Chi tiết hồ sơ (chủ hồ sơ hoặc cán bộ)", _ok("Hồ sơ"), params=["ref"])},
        "/dossiers/{ref}/supplement": {"post": _with_key(
            _op("Nộp bổ sung hồ sơ (công dân, hoặc bộ phận một cửa nhận trên giấy): mỗi thành phần mà "
                "supplement_request.components nêu mã (component_code) phải có tệp mới", _ok("Hồ sơ"), body=DATA_BODY,
                params=["ref"], files=True),
            "trả về hồ sơ (200) như lần đầu, kể cả khi hồ sơ đã thôi chờ bổ sung, thay vì báo hồ sơ không chờ "
            "bổ sung (409); cùng khóa với nội dung khác là một lần bổ sung khác")},
        "/dossiers/{ref}/withdraw": {"post": _op("Yêu cầu rút hồ sơ (công dân, hoặc bộ phận một cửa nhận đơn trên giấy)", _ok("Hồ sơ"), body=DATA_BODY,
                                                 params=["ref"])},
        "/dossiers/{ref}/fee": {"post": _op("Bộ phận một cửa thu phí, lệ phí hồ sơ đang chờ nộp (tiền mặt tại quầy hay "
                                            "qua bưu chính); biên lai điện tử được ký số", _ok("Hồ sơ"), params=["ref"],
                                            body={"type": "object", "properties": {
                                                "channel": {"enum": ["counter", "postal"], "default": "counter"},
                                                "despite_online": {"type": "boolean", "default": False,
                                                                   "description": "Công dân xác nhận không thanh toán "
                                                                   "trực tuyến (khi có giao dịch trực tuyến còn hiệu lực)"}}})},
        "/dossiers/{ref}/payment": {"post": _op("Công dân nộp phí, lệ phí trực tuyến: địa chỉ trang cổng thanh toán cần "
                                                "mở (mỗi lần gọi là một giao dịch mới)",
                                                {"201": {"description": "{payment_url, amount}"}}, params=["ref"])},
        "/tasks": {"get": {**_op("Hộp công việc của cán bộ: cùng các thẻ và bộ lọc như trang Hộp công việc, "
                                 "xếp theo thời hạn, 50 việc một trang", _ok("{items, total, page, pages}")),
                           "parameters": TASK_FILTERS}},
        "/tasks/{id}": {"get": _op("Một công việc và biểu mẫu của nó", _ok("Công việc"), params=["id"])},
        "/tasks/{id}/claim": {"post": _op("Nhận xử lý công việc", _ok("Công việc"), params=["id"])},
        "/tasks/{id}/release": {"post": _op("Trả công việc về nhóm", _ok("Công việc"), params=["id"])},
        "/tasks/{id}/assign": {"post": _op("Giao công việc cho một cán bộ (lãnh đạo đơn vị, quản trị)", _ok("Công việc"),
                                           body={"type": "object", "required": ["assignee"], "properties": {
                                               "assignee": {"type": "string", "description": "Tên đăng nhập"}}},
                                           params=["id"])},
        "/tasks/{id}/complete": {"post": _op("Hoàn thành công việc với dữ liệu biểu mẫu", _ok("Hồ sơ"),
                                             body={"type": "object", "properties": {
                                                 "data": {"type": "object"},
                                                 "justification": {"type": "string", "description":
                                                                   "Lý do, bắt buộc khi yêu cầu bổ sung lần thứ hai"}}},
                                             params=["id"])},
        "/lookup/{code}": {"get": _op("Tra cứu công khai theo mã hồ sơ", _ok("Thông tin tra cứu"),
                                      auth=False, params=["code"])},
    },
}


@api.get("/openapi.json")
def openapi():
    return DOCUMENT
