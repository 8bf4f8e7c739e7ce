"""What the security layer tells users, in Vietnamese."""

MESSAGES = {
    "csrf": "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ. Vui lòng tải lại trang và thử lại.",
    "csrf_title": "Không thực hiện được thao tác",
    "session_ended": "Phiên đăng nhập đã kết thúc (đã đăng xuất, đổi mật khẩu ở trình duyệt khác, tài khoản bị khóa, "
                     "chuyển đơn vị hoặc ngừng hoạt động), nên nội dung vừa gửi chưa được ghi. Hãy sao chép nội dung "
                     "dưới đây, đăng nhập lại rồi gửi lại.",
    "session_ended_title": "Phiên đăng nhập đã kết thúc",
    "typed": "Nội dung bạn đã nhập (chưa được ghi)",
    "typed_help": "Hãy sao chép những nội dung dưới đây trước khi mở lại trang, rồi nhập lại và gửi.",
    "typed_files": "Tệp đã chọn nhưng chưa được lưu (cần chọn lại): {files}.",
    "back": "Mở lại trang vừa gửi",
    "login": "Đăng nhập lại",
    "rate_limited": "Bạn đã gửi quá nhiều yêu cầu. Vui lòng thử lại sau {seconds} giây.",
    "rate_limited_title": "Quá nhiều yêu cầu",
}
