"""What fee payment tells citizens and officers, in Vietnamese, in one place."""

TEXT = {
    "online_unavailable": "Tỉnh chưa kết nối cổng thanh toán trực tuyến. Vui lòng nộp phí tại Bộ phận Một cửa "
                          "nơi tiếp nhận hồ sơ.",
    "nothing_due": "Hồ sơ hiện không chờ nộp phí, lệ phí.",
    "order_info": "Nop phi, le phi ho so {ref}",
    "paid": "Đã nộp {amount} đồng. Biên lai điện tử {receipt} có trong mục Giấy tờ của hồ sơ.",
    "already": "Giao dịch này đã được ghi nhận trước đó.",
    "failed": "Thanh toán chưa thành công: {reason} Hồ sơ vẫn chờ nộp phí; bạn có thể thanh toán lại.",
    "bad_callback": "Kết quả thanh toán không hợp lệ (sai chữ ký hoặc thiếu thông tin), nên không được ghi nhận. "
                    "Nếu tài khoản đã bị trừ tiền, vui lòng liên hệ Bộ phận Một cửa kèm mã giao dịch.",
    "refund_due": "Đã nhận {amount} đồng nhưng hồ sơ không còn chờ nộp phí (đã rút hoặc đã nộp bằng cách khác); "
                  "khoản tiền sẽ được hoàn lại. Bộ phận Một cửa đã được thông báo.",
    "desk_paid": "Đã thu {amount} đồng {channel}; biên lai điện tử {receipt} đã được ký số.",
    "receipt_reason": "Thu phí, lệ phí giải quyết thủ tục hành chính",
    "method_online": "Trực tuyến qua cổng thanh toán",
    "method_counter": "Tiền mặt tại Bộ phận Một cửa",
    "method_postal": "Qua dịch vụ bưu chính công ích",
    "fee_line": "Phí, lệ phí giải quyết thủ tục «{procedure}»",
}

DAYBOOK_COLUMNS = ["Thời điểm nộp", "Mã hồ sơ", "Người nộp", "Số tiền (đồng)", "Hình thức", "Mã giao dịch",
                   "Số biên lai", "Cán bộ thu", "Tình trạng"]
PAYMENT_STATES = {"pending": "Đang chờ cổng thanh toán", "paid": "Đã nộp", "failed": "Không thành công",
                  "refund_due": "Phải hoàn trả (hồ sơ không còn chờ nộp phí)"}
