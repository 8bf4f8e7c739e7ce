"""What the upload checks say, in Vietnamese."""

MESSAGES = {
    "empty": "Tệp «{name}» rỗng (0 byte). Vui lòng chọn lại tệp.",
    "too_large": "Tệp «{name}» vượt quá dung lượng cho phép {limit} MB.",
    "bad_type": "Tệp «{name}» không phải là tệp {types} hợp lệ (nội dung tệp được kiểm tra, không chỉ phần đuôi tên tệp).",
    "unnamed": "tệp không tên",
    "or": " hoặc ",
    "missing_title": "Không mở được tệp",
    "missing": "Tệp này của hồ sơ không còn trên máy chủ nên chưa tải về được. Vui lòng liên hệ bộ phận "
               "một cửa hoặc quản trị hệ thống để được hỗ trợ.",
    "carried_gone": "Tệp «{name}» được chọn đã quá lâu nên không còn được lưu trên máy chủ: vui lòng chọn lại tệp này.",
}
TYPE_NAMES = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}
# Said by the browser (app/web/static/files.js) before a form is sent; {size} and {limit} in MB.
BROWSER = {
    "file-too-large": "Tệp «{name}» ({size} MB) vượt quá {limit} MB cho mỗi tệp. Hãy chọn tệp nhỏ hơn "
                      "(ví dụ chụp ở độ phân giải thấp hơn hoặc nén tệp PDF); những gì đã nhập vẫn được giữ.",
    "request-too-large": "Các tệp đã chọn tổng cộng {size} MB, vượt quá {limit} MB cho một lần gửi, nên trang "
                         "chưa được gửi và những gì đã nhập vẫn được giữ. Hãy bỏ bớt tệp rồi gửi lại; phần còn "
                         "lại có thể gửi ở lần sau (bấm «Lưu nháp» nếu trang có nút này).",
}
