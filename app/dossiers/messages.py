"""What dossier services tell users, in Vietnamese, in one place."""

STATUS_LABELS = {
    1: "Mới đăng ký",
    2: "Được tiếp nhận",
    3: "Không được tiếp nhận",
    4: "Đang xử lý",
    5: "Yêu cầu bổ sung giấy tờ",
    6: "Yêu cầu thực hiện nghĩa vụ tài chính",
    7: "Công dân yêu cầu rút hồ sơ",
    8: "Dừng xử lý",
    9: "Đã xử lý xong",
    10: "Đã trả kết quả",
}

EVENTS = {
    "submitted": "Nộp hồ sơ trực tuyến",
    "code_issued": "Tiếp nhận hồ sơ, cấp mã {code}",
    "task_completed": "Hoàn thành bước «{name}»",
    "message": "Công dân gửi «{name}»",
    "timer_fired": "Hết thời hạn «{name}»",
    "marked_late": "Hồ sơ bị đánh dấu trễ hạn tại bước «{name}»",
    "claimed": "Nhận xử lý bước «{name}»",
    "released": "Trả lại bước «{name}» cho nhóm",
}

MESSAGE_NAMES = {"bo_sung": "Bổ sung hồ sơ", "rut_ho_so": "Yêu cầu rút hồ sơ"}

ERRORS = {
    "unknown_procedure": "Không tìm thấy thủ tục có mã «{code}».",
    "procedure_unavailable": "Thủ tục «{name}» hiện chưa nhận hồ sơ trực tuyến.",
    "unknown_dossier": "Không tìm thấy hồ sơ «{ref}».",
    "unknown_task": "Không tìm thấy công việc này.",
    "task_taken": "Công việc này đã được {name} nhận xử lý.",
    "task_gone": "Công việc này đã được xử lý hoặc không còn mở.",
    "not_your_task": "Bạn không có quyền xử lý công việc này.",
    "not_owner": "Bạn không có quyền xem hồ sơ này.",
    "busy": "Hồ sơ đang được người khác cập nhật. Vui lòng thử lại.",
    "invalid_form": "Dữ liệu biểu mẫu chưa hợp lệ. Vui lòng kiểm tra các trường được đánh dấu.",
    "not_waiting": "Hồ sơ hiện không chờ «{name}».",
}
