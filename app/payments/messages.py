"""What fee payment tells citizens and officers, in Vietnamese, in one place."""

TEXT = {
    "zero_due": "Hồ sơ không phải nộp phí (0 đồng); Bộ phận Một cửa ghi nhận để hồ sơ được giải quyết tiếp.",
    "desk_zero": "Đã ghi nhận hồ sơ không phải nộp phí (0 đồng); hồ sơ được giải quyết tiếp.",
    "online_unavailable": "Tỉnh chưa kết nối cổng thanh toán trực tuyến. Vui lòng nộp phí tại Bộ phận Một cửa "
                          "nơi tiếp nhận hồ sơ.",
    "nothing_due": "Hồ sơ hiện không chờ nộp phí, lệ phí.",
    "order_info": "Nop phi, le phi ho so {ref}",
    "paid": "Đã nộp {amount} đồng. Biên lai điện tử {receipt} có ở mục «Biên lai điện tử» của hồ sơ.",
    "paid_no_receipt": "Đã nộp {amount} đồng. Biên lai điện tử chưa ký được; Bộ phận Một cửa sẽ cấp sau.",
    "recorded": "Đã ghi nhận kết quả thanh toán. Đăng nhập để xem hồ sơ.",
    "already": "Giao dịch này đã được ghi nhận trước đó.",
    "failed": "Thanh toán chưa thành công: {reason} Hồ sơ vẫn chờ nộp phí; bạn có thể thanh toán lại.",
    "failed_past": "Lần thanh toán này không thành công: {reason} Hồ sơ không còn chờ nộp phí, nên bạn không phải "
                   "thanh toán lại.",
    "bad_callback": "Kết quả thanh toán không hợp lệ (sai chữ ký hoặc thiếu thông tin), nên không được ghi nhận. "
                    "Nếu tài khoản đã bị trừ tiền, vui lòng liên hệ Bộ phận Một cửa kèm mã giao dịch.",
    "refund_due": "Đã nhận {amount} đồng nhưng hồ sơ không nhận khoản này (hồ sơ đã rút, đã dừng xử lý, đã nộp bằng "
                  "cách khác, hoặc lần nộp này đã được thay bằng lần nộp sau); khoản tiền phải được hoàn lại và đã "
                  "được ghi vào sổ thu phí để Bộ phận Một cửa hoàn trả.",
    "amount_mismatch": "Cổng thanh toán báo số tiền khác số phải nộp, nên khoản này chưa được ghi nhận. Nếu tài "
                       "khoản đã bị trừ tiền, vui lòng liên hệ Bộ phận Một cửa kèm mã giao dịch.",
    "online_open": "Công dân đang thanh toán trực tuyến (giao dịch tạo lúc {at}, còn hiệu lực đến {until}). Thu "
                   "tiền mặt lúc này có thể thu hai lần. Chờ đến khi giao dịch hết hiệu lực, hoặc đánh dấu «Công dân "
                   "xác nhận không thanh toán trực tuyến» rồi thu.",
    "online_review": "Ngân hàng đã trừ tiền của công dân cho giao dịch trực tuyến lúc {at} và đang xem xét giao dịch; "
                     "không thu tiền mặt. Khoản này được ghi nhận khi ngân hàng xác nhận.",
    "online_pending": "Bạn có một giao dịch trực tuyến tạo lúc {at}, cổng thanh toán chưa báo kết quả. Nếu bạn đã trả "
                      "tiền, vui lòng chờ: hồ sơ được cập nhật khi cổng thanh toán xác nhận. Nếu chưa trả, bạn có "
                      "thể thanh toán lại.",
    "online_in_review": "Ngân hàng đã trừ tiền cho giao dịch lúc {at} và đang xem xét giao dịch. Vui lòng không thanh "
                        "toán lại: hồ sơ được cập nhật khi ngân hàng xác nhận.",
    "superseded": "Lần nộp phí này đã được thay bằng lần nộp sau, nên không được nhận: cổng thanh toán đã hủy giao "
                  "dịch, tài khoản của bạn không bị trừ tiền.",
    "refund_note": "Ghi cách đã hoàn trả (ví dụ: tiền mặt tại quầy, chuyển khoản số ...), tối đa 255 ký tự.",
    "no_refund_due": "Khoản nộp này không ở tình trạng phải hoàn trả.",
    "refunded": "Đã ghi nhận hoàn trả {amount} đồng: {note}.",
    "desk_paid": "Đã thu {amount} đồng {channel}; biên lai điện tử {receipt} đã được ký số.",
    "desk_paid_no_receipt": "Đã thu {amount} đồng {channel}; chưa ký được biên lai điện tử (cơ quan chưa có khóa ký "
                            "dùng được): ký và cấp biên lai ở bảng «Phí, lệ phí» khi khóa ký sẵn sàng.",
    "receipt_reason": "Thu phí, lệ phí giải quyết thủ tục hành chính",
    "method_online": "Trực tuyến qua cổng thanh toán",
    "method_counter": "Tiền mặt tại Bộ phận Một cửa",
    "method_postal": "Qua dịch vụ bưu chính công ích",
    "fee_line": "Phí, lệ phí giải quyết thủ tục «{procedure}»",
}

DAYBOOK_COLUMNS = ["Thời điểm nộp", "Mã hồ sơ", "Người nộp", "Số tiền (đồng)", "Hình thức", "Mã giao dịch",
                   "Số biên lai", "Cán bộ thu", "Tình trạng"]
# The day's refunds, after the day's payments in the same spreadsheet (daybook.as_csv): the same
# columns where they mean the same, the amount given back negative so the column adds up.
DAYBOOK_REFUNDS_TITLE = ("Đã hoàn trả trong ngày (số tiền ghi số âm: cộng cả cột «Số tiền» được số đã thu trừ số "
                         "đã hoàn trả trong ngày)")
DAYBOOK_REFUND_COLUMNS = ["Thời điểm hoàn trả", "Mã hồ sơ", "Người nộp", "Số tiền (đồng)", "Hình thức đã nộp",
                          "Mã giao dịch", "Số biên lai", "Cán bộ hoàn trả", "Cách hoàn trả", "Thời điểm nộp"]
PAYMENT_STATES = {"pending": "Đang chờ cổng thanh toán", "review": "Ngân hàng đã trừ tiền, đang xem xét giao dịch",
                  "paid": "Đã nộp", "failed": "Không thành công", "refunded": "Đã hoàn trả",
                  "refund_due": "Phải hoàn trả", "superseded": "Đã thay bằng lần nộp sau"}
# Why money is owed back (Quảng Ninh 2022, Điều 13.5.c), by the status its dossier ended with; None:
# it came while the dossier did not wait for it (paid twice, or once the dossier was processed).
REFUND_REASONS = {7: "công dân rút hồ sơ", 8: "hồ sơ dừng xử lý",
                  None: "tiền về khi hồ sơ không còn chờ nộp phí"}
