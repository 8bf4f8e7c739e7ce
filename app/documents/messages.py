"""Every fixed Vietnamese text the printable documents carry.

Wording follows the appendix of Circular 01/2018/TT-VPCP (Mẫu số 01-06) and the "Biểu mẫu" of
Bình Định's 2020 regulation (Điều 16); `{name}` fields are filled by the modules.
"""

COMMON = {
    "country": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "motto": "Độc lập - Tự do - Hạnh phúc",
    "number": "Số: {number}",
    "date_line": "{place}, ngày {day} tháng {month} năm {year}",
    "date_line_no_place": "Ngày {day} tháng {month} năm {year}",
    "date": "ngày {day} tháng {month} năm {year}",
    "datetime": "{hour} giờ {minute} phút, ngày {day} tháng {month} năm {year}",
    "short_date": "{day}/{month}/{year}",
    "short_time": "{hour}:{minute}",
    "creator": "Hệ thống thông tin một cửa điện tử",
    "code": "Mã hồ sơ: {code}",
    "applicant_of": "Tiếp nhận hồ sơ của: {name}",
    "submitted_by": "Người nộp thay: {name} (địa chỉ, số điện thoại, thư điện tử dưới đây là của người nộp thay)",
    "organisation": "Thay mặt tổ chức: {organisation}",
    "address": "Địa chỉ: {address}",
    "phone": "Số điện thoại: {phone}",
    "email": "Email: {email}",
    "request": "Nội dung yêu cầu giải quyết: {procedure}",
    "sign_hint": "(Ký và ghi rõ họ tên)",
    "lookup_code": "Tra cứu tình trạng hồ sơ: quét mã QR hoặc truy cập {url} (mã hồ sơ: {code})",
    # A dossier without a code cannot be looked up publicly: its QR code leads to the applicant's own page.
    # A walk-in applicant may have no account they can log in with: the desk answers by the number.
    "lookup_own": "Người nộp xem hồ sơ trên Cổng Dịch vụ công bằng tài khoản của mình: quét mã QR hoặc truy cập {url}; hoặc hỏi Bộ phận Một cửa, nêu số hồ sơ ghi trên phiếu này",
    "reference": "Hồ sơ số {number} (chưa cấp mã hồ sơ)",
    "reference_refused": "Hồ sơ số {number} (không được tiếp nhận, không cấp mã hồ sơ)",
    "closing": "./.",
    "decimal_comma": ",",
}

DURATION = {
    "working_days": "{amount} ngày làm việc",
    "working_hours": "{amount} giờ làm việc",
    "calendar_days": "{amount} ngày",
}

KINDS = {
    "ban_chinh": "Bản chính",
    "ban_sao_chung_thuc": "Bản sao có chứng thực",
    "ban_chup": "Bản chụp, bản sao",
}

RECEIPT = {
    "doc_title": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    "title": "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
    "components": "1. Thành phần hồ sơ nộp gồm:",
    "col_index": "TT",
    "col_name": "Tên thành phần hồ sơ",
    "col_quantity": "Số lượng",
    "sets": "2. Số lượng hồ sơ: {sets} (bộ)",
    "processing_time": "3. Thời gian giải quyết hồ sơ theo quy định là: {duration}",
    "received_at": "4. Thời gian nhận hồ sơ: {at}",
    "due_at": "5. Thời gian trả kết quả giải quyết hồ sơ: {at}",
    "collect_at": "6. Đăng ký nhận kết quả tại: {place}",
    # A dossier received through the public postal service (BCCI, Quyết định 45/2016/QĐ-TTg).
    "received_by_post": "4. Thời gian nhận hồ sơ: {at}, qua dịch vụ bưu chính công ích",
    "received_by_post_item": "4. Thời gian nhận hồ sơ: {at}, qua dịch vụ bưu chính công ích "
                             "(số hiệu bưu gửi: {item})",
    "collect_by_post": "6. Đăng ký nhận kết quả qua dịch vụ bưu chính công ích, tại địa chỉ: {address}",
    "collect_by_post_sender": "6. Đăng ký nhận kết quả qua dịch vụ bưu chính công ích, tại địa chỉ người gửi "
                              "ghi trên bưu gửi",
    "postal_note": "Hồ sơ nhận qua dịch vụ bưu chính công ích",
    "online_note": "Hồ sơ nộp trực tuyến trên Cổng Dịch vụ công",
    "absent_hint": "(Người nộp không có mặt tại Bộ phận Một cửa nên không ký nhận)",
    "register": "Vào Sổ theo dõi hồ sơ, Quyển số: {book}{gap}Số thứ tự: {entry}",
    "applicant_signs": "NGƯỜI NỘP HỒ SƠ",
    "officer_signs": "NGƯỜI TIẾP NHẬN HỒ SƠ",
}

SUPPLEMENT = {
    "doc_title": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    "title": "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
    "applicant_of": "Hồ sơ của: {name}",
    "items": "Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:",
    "col_index": "TT",
    "col_component": "Thành phần hồ sơ",
    "col_requirement": "Nội dung yêu cầu bổ sung, hoàn thiện",
    "reason": "Lý do: {reason}",
    "contact": "Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, ông/bà liên hệ với {officer} "
               "số điện thoại {phone} để được hướng dẫn./.",
    "contact_no_phone": "Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, ông/bà liên hệ với {officer} "
                        "để được hướng dẫn./.",
    "officer_signs": "NGƯỜI HƯỚNG DẪN",
}

REFUSAL = {
    "doc_title": "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    "title": "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
    "reason_intro": "Qua xem xét, {agency} thông báo không tiếp nhận, giải quyết hồ sơ này "
                    "với lý do cụ thể như sau:",
    "closing": "Xin thông báo để ông/bà được biết và thực hiện./.",
    "officer_signs": "NGƯỜI TIẾP NHẬN HỒ SƠ",
}

# The opening of a letter to the applicant about a received dossier (Mẫu 04, the stop notice).
LETTER = {
    "to": "Kính gửi: {name}",
    "received": "{date}, {agency} tiếp nhận giải quyết hồ sơ của ông/bà/tổ chức {name}.",
    "code": "Mã số hồ sơ: {code}",
}

APOLOGY = {
    "doc_title": "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
    "title": "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
    "original_due": "Ngày hẹn trả kết quả giải quyết hồ sơ: {at}",
    "reason": "Tuy nhiên đến nay, {agency} chưa trả kết quả giải quyết hồ sơ của ông/bà/tổ chức đúng hạn "
              "ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả, lý do:",
    "apology": "Sự chậm trễ này đã gây phiền hà, tốn kém chi phí đi lại của ông/bà/tổ chức. {agency} "
               "xin lỗi ông/bà/tổ chức và sẽ trả kết quả giải quyết hồ sơ cho ông/bà/tổ chức vào {at}.",
    "thanks": "Xin trân trọng cảm ơn./.",
}

STOP_NOTICE = {
    "doc_title": "Thông báo dừng giải quyết hồ sơ",
    "title": "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
    "reason": "Qua xem xét, {agency} thông báo dừng giải quyết hồ sơ của ông/bà/tổ chức với lý do cụ thể "
              "như sau:",
    "no_reason": "(không ghi lý do)",
    "return": "Phí, lệ phí đã nộp (nếu có) được hoàn trả theo quy định; hồ sơ giấy (nếu có) được trả lại "
              "tại Bộ phận Một cửa nơi nộp hồ sơ.",
    "closing": "Xin thông báo để ông/bà/tổ chức được biết./.",
}

CONTROL = {
    "doc_title": "Phiếu kiểm soát quá trình giải quyết hồ sơ",
    "title": "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
    "attached": "(Kèm theo hồ sơ của: {name})",
    "received_at": "Thời gian nhận hồ sơ: {at}",
    "not_received": "Thời gian nhận hồ sơ: — (hồ sơ chưa được tiếp nhận; nộp lúc {at})",
    "not_received_refused": "Thời gian nhận hồ sơ: — (hồ sơ không được tiếp nhận; nộp lúc {at})",
    "due_at": "Thời gian hẹn trả kết quả: {at}",
    "no_due_refused": "Thời gian hẹn trả kết quả: — (hồ sơ không được tiếp nhận)",
    "no_due": "Thời gian hẹn trả kết quả: — (hồ sơ chưa được tiếp nhận)",
    "resolving": "Cơ quan (bộ phận) giải quyết hồ sơ: {agency}",
    "cooperating": "Cơ quan phối hợp giải quyết hồ sơ: {agencies}",
    "col_index": "TT",
    "col_agency": "TÊN CƠ QUAN",
    "col_time": "THỜI GIAN GIAO, NHẬN HỒ SƠ",
    "col_verdict": "KẾT QUẢ GIẢI QUYẾT HỒ SƠ",
    "col_verdict_hint": "(Trước hạn/đúng hạn/quá hạn)",
    "col_note": "GHI CHÚ",
    "give": "Giao: {party}",
    "take": "Nhận: {party}",
    "giver": "Người giao: {person}",
    "taker": "Người nhận: {person}",
    "party_sep": " - ",
    "no_rows": "Chưa có lần giao, nhận hồ sơ.",
    "postal_note": "Ghi chú: Trường hợp hồ sơ được chuyển qua dịch vụ bưu chính thì thời gian giao, nhận hồ sơ "
                   "và việc ký nhận thể hiện trong hóa đơn của cơ quan Bưu chính.",
    "verdicts": {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn"},
}

REGISTER = {
    "doc_title": "Sổ theo dõi hồ sơ",
    "title": "SỔ THEO DÕI HỒ SƠ",
    "period": "Từ ngày {start} đến ngày {end}",
    "col_index": "TT",
    "col_code": "Mã hồ sơ",
    "col_procedure": "Tên thủ tục hành chính",
    "col_sets": "Số lượng hồ sơ (bộ)",
    "col_applicant": "Tên cá nhân, tổ chức",
    "col_contact": "Địa chỉ, số điện thoại",
    "col_agency": "Cơ quan chủ trì giải quyết",
    "col_dates": "Ngày, tháng, năm",
    "col_received": "Nhận hồ sơ",
    "col_due": "Hẹn trả kết quả",
    "col_transferred": "Chuyển hồ sơ đến cơ quan giải quyết",
    "col_result": "Nhận kết quả từ cơ quan giải quyết",
    "col_returned": "Trả kết quả cho cá nhân, tổ chức",
    "col_signature": "Ký nhận",
    "col_note": "Ghi chú",
    "no_rows": "Không có hồ sơ trong kỳ.",
}

RESULT = {
    "result_code": "Mã kết quả: {code}",
    "applicant": "Người yêu cầu: {name}",
    "recipients": "Nơi nhận:",
    "verify": "Quét mã QR hoặc truy cập {url} để xác thực văn bản.",
    "draft": "BẢN XEM TRƯỚC: CHƯA PHÊ DUYỆT, CHƯA KÝ SỐ, KHÔNG CÓ GIÁ TRỊ PHÁP LÝ",
    "draft_title": "Bản xem trước: ",
}

PAPER = {
    "doc_title": "Kết quả giải quyết hồ sơ thủ tục hành chính được chuyển đổi từ văn bản điện tử",
    "address": "- Địa chỉ: {address}",
    "phone": "- Số điện thoại: {phone}",
    "title": "KẾT QUẢ",
    "subtitle": "Giải quyết hồ sơ thủ tục hành chính được chuyển đổi từ văn bản điện tử",
    "section_info": "I. THÔNG TIN VĂN BẢN ĐIỆN TỬ ĐƯỢC CHUYỂN ĐỔI",
    "number": "1. Ký hiệu văn bản: {value}",
    "agency": "2. Cơ quan thẩm quyền ký văn bản: {value}",
    "signer": "3. Họ và tên người ký ban hành: {value}",
    "signed_on": "4. Ngày ký văn bản: {value}",
    "code": "5. Mã số hồ sơ thủ tục hành chính: {value}",
    "section_content": "II. NỘI DUNG VĂN BẢN ĐIỆN TỬ ĐƯỢC CHUYỂN ĐỔI",
    "applicant": "Người yêu cầu: {name}",
    "qr_caption": "Quét mã QR để đối chiếu với Hệ thống",
    "verify": "Đối chiếu văn bản chuyển đổi này tại {url} (mã {code}).",
    "stamp_note": "Văn bản chuyển đổi có giá trị như kết quả giải quyết thủ tục hành chính điện tử. "
                  "Không yêu cầu tổ chức, cá nhân cung cấp văn bản chuyển đổi có đóng dấu của cơ quan có "
                  "thẩm quyền, trừ trường hợp pháp luật chuyên ngành có quy định cụ thể.",
    "provided_by": "Được cung cấp bởi {system}./.",
}

# The page a scanned PDF gets at its end when digitised (An Giang 2023, Điều 28): what the paper
# original is and where to check the signature, since the scan itself has no room for a QR code.
SCAN = {
    "title": "TRANG XÁC THỰC BẢN SỐ HÓA",
    "subtitle": "Bản số hóa từ kết quả giải quyết thủ tục hành chính bản giấy",
    "document": "1. Văn bản: {value}",
    "number": "2. Số, ký hiệu: {value}",
    "agency": "3. Cơ quan ban hành: {value}",
    "signer": "4. Người ký: {value}",
    "signed_on": "5. Ngày ký: {value}",
    "code": "6. Mã kết quả: {value}",
    "digitised": "Số hóa và ký số bởi {officer}, {agency}, {at}.",
    "verify": "Quét mã QR hoặc truy cập {url} để kiểm tra chữ ký số của bản số hóa và thông tin bản giấy gốc.",
}

FEE_RECEIPT = {
    "doc_title": "Biên lai thu phí, lệ phí",
    "title": "BIÊN LAI THU PHÍ, LỆ PHÍ",
    "subtitle": "(Bản thể hiện của biên lai điện tử)",
    "collector_unit": "Đơn vị thu: {agency}",
    "payer": "Người nộp: {name}",
    "id_number": "Số định danh cá nhân: {number}",
    "passport_number": "Số hộ chiếu: {number}",
    "code": "Mã hồ sơ: {code}",
    "procedure": "Thủ tục hành chính: {procedure}",
    "col_index": "STT",
    "col_name": "Nội dung thu",
    "col_amount": "Số tiền (đồng)",
    "total": "Tổng cộng",
    "in_words": "Số tiền bằng chữ: {words}.",
    "method": "Hình thức thanh toán: {method}",
    "transaction": "Mã giao dịch: {number}",
    "signs": "ĐƠN VỊ THU",
    "sign_hint": "(Chữ ký số)",
    "qr_caption": "Quét mã QR để đối chiếu biên lai",
    "verify": "Đối chiếu biên lai điện tử này tại {url}",
}

# How an amount of money is read aloud (số tiền bằng chữ); amount_words.py applies the rules.
AMOUNT_WORDS = {
    "digits": ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"),
    "hundred": "trăm",
    "ten": "mười",            # 10-19: "mười"
    "tens": "mươi",           # 20-99: "hai mươi"
    "zero_tens": "linh",      # 105: "một trăm linh năm"
    "one_after_tens": "mốt",  # 21: "hai mươi mốt"
    "four_after_tens": "tư",  # 24: "hai mươi tư"
    "five_after_ten": "lăm",  # 15, 25: "mười lăm", "hai mươi lăm"
    "thousand": "nghìn",
    "million": "triệu",
    "billion": "tỷ",
    "currency": "đồng",
}
