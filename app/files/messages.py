"""What the upload checks say, in Vietnamese."""

MESSAGES = {
    "empty": "Tệp «{name}» rỗng (0 byte). Vui lòng chọn lại tệp.",
    "too_large": "Tệp «{name}» vượt quá dung lượng cho phép {limit} MB.",
    "bad_type": "Tệp «{name}» không phải là tệp {types} hợp lệ (nội dung tệp được kiểm tra, không chỉ phần đuôi tên tệp).",
    "unnamed": "tệp không tên",
    "or": " hoặc ",
}
TYPE_NAMES = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}
