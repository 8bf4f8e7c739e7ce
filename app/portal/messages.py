"""What the citizen's pages say, in Vietnamese, in one place."""

REPRESENTATION = {
    "self": "Bản thân tôi",
    "person": "Người khác (tôi được ủy quyền)",
    "organisation": "Tổ chức (tôi là người đại diện hoặc được ủy quyền)",
}
# The words of the "for whom" fieldset (portal/_representation.html): field key → (label, help).
REPRESENTATION_TEXTS = {
    "legend": "Người yêu cầu",
    "help": "Khi nộp thay người khác hoặc tổ chức, cần đính kèm văn bản ủy quyền ở Bước 3.",
    "fields": {"name": ("Họ và tên người ủy quyền", "Chỉ điền khi nộp thay người khác."),
               "id_number": ("Số định danh cá nhân của người ủy quyền", "12 chữ số, chỉ điền khi nộp thay người khác."),
               "organisation_name": ("Tên tổ chức", "Chỉ điền khi nộp cho tổ chức."),
               "tax_code": ("Mã số doanh nghiệp hoặc mã số thuế", "Chỉ điền khi nộp cho tổ chức.")},
}

COMPONENT_KINDS = {
    "ban_chinh": "Bản chính",
    "ban_sao_chung_thuc": "Bản sao có chứng thực",
    "ban_chup": "Bản chụp hoặc bản sao",
}

RATINGS = {3: "Rất hài lòng", 2: "Hài lòng", 1: "Không hài lòng"}

MESSAGES = {
    "draft_saved": "Đã lưu nháp. Bạn có thể quay lại hoàn thiện hồ sơ bất cứ lúc nào trong mục «Hồ sơ của tôi».",
    "draft_deleted": "Đã xóa hồ sơ đang soạn.",
    "file_added": "Đã đính kèm tệp «{name}».",
    "file_removed": "Đã bỏ tệp «{name}».",
    "file_duplicate": "Tệp «{name}» trùng nội dung với tệp đã có của thành phần này: không lưu thêm.",
    "file_reused": "Đã dùng lại tệp «{name}» từ kho dữ liệu.",
    "submitted": "Hồ sơ đã được gửi lúc {submitted}. Hồ sơ được tính là đã nộp từ {counts_from}; "
                 "Bộ phận Một cửa sẽ kiểm tra và trả lời trước {reception_due}.",
    "submitted_outside_hours": "Bạn nộp ngoài giờ làm việc nên thời gian được tính từ giờ làm việc tiếp theo.",
    "just_submitted": "Bạn vừa nộp hồ sơ thủ tục này lúc {at} (xem trong «Hồ sơ của tôi»). Tờ khai dưới đây là "
                      "cho một hồ sơ mới.",
    "sent_lately": "Hồ sơ giống hệt (cùng tờ khai và tệp) đã được nộp lúc {at}; không tạo hồ sơ thứ hai. Đây là "
                   "hồ sơ đó.",
    "already_submitted": "Hồ sơ này đã được gửi trước đó; không tạo hồ sơ mới.",
    "draft_gone_unsaved": "Hồ sơ đang soạn đã được nộp từ một cửa sổ khác ngay trước lần lưu này, nên "
                          "thông tin và tệp vừa gửi chưa được ghi vào đâu. Vui lòng kiểm tra hồ sơ đã nộp và gửi "
                          "lại những gì còn thiếu khi được yêu cầu bổ sung.",
    "draft_replaced": "Bản nháp của trang này đã bị xóa ở một cửa sổ khác; những gì bạn vừa gửi đã được ghi vào "
                      "bản nháp đang soạn của thủ tục này (bản mới, hoặc bản một cửa sổ khác vừa mở).",
    "draft_stale": "Hồ sơ đang soạn này đã được lưu từ một cửa sổ khác lúc {at}, sau khi trang này được mở, nên "
                   "thông tin bạn vừa nhập chưa ghi đè lên bản đó (tệp vừa chọn thì đã được đính kèm). Thông tin "
                   "của bạn vẫn ở nguyên trên trang này: bấm «Lưu nháp» để lưu nó thay cho bản kia, hoặc tải lại "
                   "trang để xem bản đã lưu.",
    "missing_component": "Thiếu thành phần hồ sơ «{name}»: vui lòng đính kèm tệp.",
    "asked_component": "Cơ quan đã yêu cầu bổ sung «{name}»: vui lòng đính kèm tệp mới cho thành phần này.",
    "representation_kind": "Vui lòng chọn bạn nộp hồ sơ cho ai.",
    "principal_name": "Vui lòng nhập họ và tên người ủy quyền (2–100 ký tự, không chứa chữ số hoặc ký hiệu).",
    "principal_id": "Số định danh cá nhân của người ủy quyền phải gồm đúng 12 chữ số.",
    "organisation_name": "Vui lòng nhập tên tổ chức (2–255 ký tự).",
    "tax_code": "Mã số doanh nghiệp/mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số.",
    "form_too_large": "Nội dung gửi lên quá lớn. Vui lòng kiểm tra lại các trường đã nhập.",
    "supplement_not_recorded": "Nội dung bạn vừa gửi ở trang này{files} chưa được ghi vào hồ sơ: hồ sơ đã nhận bổ "
                               "sung từ một cửa sổ khác, hoặc không còn chờ bổ sung. Xem hồ sơ bên dưới; nếu còn "
                               "thiếu gì, hãy chờ yêu cầu bổ sung mới hoặc liên hệ Bộ phận Một cửa.",
    "supplement_not_recorded_files": " và các tệp {names}",
    "supplement_sent": "Đã gửi hồ sơ bổ sung.",  # before reception: no code yet
    "supplement_sent_code": "Đã gửi hồ sơ bổ sung. Mã hồ sơ {code} không thay đổi.",
    "supplement_nothing": "Vui lòng đính kèm ít nhất một tệp hoặc sửa thông tin được yêu cầu bổ sung.",
    "supplement_submit": "Gửi hồ sơ bổ sung",
    # The form's first, hidden button (Enter in a field sends the supplement, never a file's remove
    # button): its own words, so the visible button's stay unique on the page.
    "supplement_enter": "Gửi bổ sung",
    "supplement_kept": "Các tệp đã đính kèm dưới đây được giữ lại, không cần chọn lại; bấm «Bỏ tệp» để bỏ tệp bạn không muốn gửi.",
    # Asked before the withdrawal is sent (app/web/static/forms.js): it cannot be undone.
    "confirm_withdraw": "Rút hồ sơ này? Hồ sơ sẽ dừng giải quyết và không thể tiếp tục; muốn giải quyết lại, "
                        "bạn phải nộp hồ sơ mới.",
    "withdraw_sent": "Đã gửi yêu cầu rút hồ sơ.",
    "withdraw_reason": "Vui lòng ghi lý do rút hồ sơ (tối đa 1.000 ký tự).",
    "rated": "Cảm ơn bạn đã đánh giá mức độ hài lòng.",
    "rating_invalid": "Vui lòng chọn một mức độ hài lòng.",
    "rating_comment": "Góp ý chỉ được có tối đa 1.000 ký tự.",
    "rating_not_allowed": "Chỉ có thể đánh giá sau khi đã nhận kết quả.",
    "rating_done": "Hồ sơ này đã được đánh giá.",
    "not_citizen": "Trang này dành cho tài khoản công dân, tổ chức.",
    "no_code": "Chưa cấp mã",
    "result": "Kết quả giải quyết",
    "paper_result": "In bản chuyển đổi sang giấy",
    "receipt": "Biên lai thu phí, lệ phí",
    "receipts": "Biên lai điện tử",
    "fee_pause": "Thời gian chờ nộp phí không tính vào thời hạn giải quyết hồ sơ.",
    "fee_online_help": "Bạn được chuyển sang cổng thanh toán; sau khi thanh toán, biên lai điện tử có chữ ký số "
                       "có ngay trên trang này.",
    "fee_desk": "Có thể nộp tiền mặt tại Bộ phận Một cửa của {agency}.",
    # Fees given back when the dossier ended unfinished (Quảng Ninh 2022, Điều 13.5.c).
    "refunds": "Hoàn trả phí, lệ phí",
    "refund_owed": "{amount} đồng phí, lệ phí đã nộp sẽ được hoàn trả cho bạn (lý do: {reason}). Vui lòng liên "
                   "hệ Bộ phận Một cửa của {agency} để nhận lại.",
    "refund_given": "{amount} đồng phí, lệ phí đã nộp đã được hoàn trả cho bạn lúc {at}.",
    "days_left": "Còn {days} ngày làm việc",
    "hours_left": "Còn {hours} giờ làm việc",
    "due_passed": "Đã quá hạn",
    # The agency's clock does not run while the applicant has something to do.
    "your_turn": {5: "Đang chờ bạn bổ sung hồ sơ", 6: "Đang chờ bạn nộp phí, lệ phí"},
    "reason_refused": "Lý do không tiếp nhận",
    "reason_stopped": "Lý do dừng xử lý",
    # What the data store names a stored file that is no component of the application.
    "issued_kinds": {"KQ": "Kết quả giải quyết (bản điện tử có chữ ký số)", "BL": "Biên lai thu phí, lệ phí"},
    "notices": "Văn bản cơ quan gửi bạn",
    "due_restarts": "Ngày hẹn mới được tính lại khi cơ quan nhận đủ hồ sơ bổ sung.",
    "due_moves": "Ngày hẹn lùi lại đúng bằng thời gian làm việc chờ bạn nộp phí.",
    "fee_waiting": "Hồ sơ đang chờ bạn nộp phí, lệ phí {amount} đồng: nộp ngay",
    "late": "Trễ hạn",
    "procedure_closed": "Thủ tục «{name}» hiện chưa nhận hồ sơ trực tuyến.",
}
