"""What the generated e-forms say, in Vietnamese."""

TEXT = {
    "choose": "— Chọn —",
    "item": "{title}, mục {n}",
    "add": "Thêm {title}",
    "remove": "Xóa mục {n}",
    "remove_hidden": " của «{title}»",
    "required": "bắt buộc",
    "too_large": "Nội dung gửi lên quá lớn: mỗi trường tối đa {chars} ký tự và cả biểu mẫu tối đa {fields} trường.",
    "yes": "Có",
}
