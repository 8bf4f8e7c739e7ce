"""What the upload checks say, in Vietnamese."""

MESSAGES = {
    "empty": "Tệp «{name}» rỗng. Vui lòng chọn lại tệp.",
    "too_large": "Tệp «{name}» vượt quá dung lượng cho phép {limit} MB.",
    "bad_type": "Tệp «{name}» không phải là tệp {types} hợp lệ (nội dung tệp được kiểm tra, không chỉ phần đuôi tên tệp).",
    "unnamed": "tệp không tên",
}
TYPE_NAMES = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}
SHORT_TYPES = {"pdf": "application/pdf", "jpeg": "image/jpeg", "jpg": "image/jpeg", "png": "image/png"}
