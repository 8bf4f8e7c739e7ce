"""What the generated e-forms say, in Vietnamese."""

TEXT = {
    "choose": "— Chọn —",
    "item": "Mục {n}",
    "add": "Thêm {title}",
    "remove": "Xóa mục {n}",
    "remove_context": " của «{title}»",     # read by screen readers only: which group's item
    "required": "(bắt buộc)",              # read by screen readers only, after a group's legend
    "shown_when": "Chỉ điền khi «{field}» là {values}.",  # seen without the page script, which hides the field
    "or": " hoặc ",
    "yes": "Có",
    "no": "Không",
    "summary_title": "Có {n} lỗi cần sửa",
    "datetime_placeholder": "ngày/tháng/năm giờ:phút, ví dụ 01/12/2026 09:00",
    "too_large": "Nội dung gửi lên quá lớn: cả biểu mẫu tối đa {fields} trường. "
                 "Biểu mẫu chưa được lưu.",
}
