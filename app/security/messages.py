"""What the security layer tells users, in Vietnamese."""

MESSAGES = {
    "csrf": "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ. Vui lòng tải lại trang và thử lại.",
    "csrf_title": "Không thực hiện được thao tác",
    "rate_limited": "Bạn đã gửi quá nhiều yêu cầu. Vui lòng thử lại sau {seconds} giây.",
    "rate_limited_title": "Quá nhiều yêu cầu",
}
