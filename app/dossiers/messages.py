"""What dossier services tell users, in Vietnamese, in one place."""
from engine.statuses import PROCESSED, REFUSED, RETURNED, STOPPED, WITHDRAWN

EVENTS = {
    "submitted": "Nộp hồ sơ {channel}",
    "code_issued": "Tiếp nhận hồ sơ, cấp mã {code}",
    "task_completed": "Hoàn thành bước «{name}»",
    "message": "Công dân gửi «{name}»",
    "message_at_desk": "Bộ phận Một cửa nhận «{name}» của công dân {channel}",
    "timer_fired": "Hết thời hạn «{name}»",
    "marked_late": "Hồ sơ bị đánh dấu trễ hạn tại bước «{name}»",
    "task_cancelled": "Bước «{name}» được đóng lại, không còn phải xử lý",
    "claimed": "Nhận xử lý bước «{name}»",
    "released": "Trả lại bước «{name}» cho nhóm",
    "assigned": "Giao bước «{name}» cho {assignee}",
    "back_to_officer": "Bước «{name}» mở lại, chuyển cho {officer}, người đã xử lý bước này",
    "agency_unknown": "Bước «{name}» ghi cơ quan mã «{code}», mã không có trong danh sách cơ quan của tỉnh: "
                      "việc được giao cho cơ quan giải quyết hồ sơ; quản trị cần sửa sơ đồ quy trình",
    "supplement_requested": "Yêu cầu bổ sung, hoàn thiện hồ sơ (lần {number})",
    "supplement_changes": "Nội dung bổ sung: {fields} trường tờ khai, {files} tệp thay đổi",
    "deadline_restarted": "Nhận đủ hồ sơ bổ sung: thời hạn giải quyết được tính lại",
    "handed_next_day": "Hồ sơ giấy rời Bộ phận Một cửa sau giờ chuyển trong ngày: chuyển đến bộ phận giải quyết "
                       "vào đầu giờ làm việc {instant}",
    "fee_requested": "Yêu cầu nộp phí, lệ phí: {amount} đồng",
    "fee_paid": "Đã nộp phí, lệ phí {amount} đồng",
    "fee_refunded": "Hoàn trả {amount} đồng phí, lệ phí đã nhận: {note}",
    "receipt_issued": "Ký số và cấp biên lai điện tử {code} (cấp sau khi thu)",
    "fee_refund_due": "Nhận {amount} đồng phí, lệ phí khi hồ sơ không còn chờ nộp phí: phải hoàn trả",
    "fee_superseded_paid": "Nhận {amount} đồng cho một lần nộp phí trực tuyến đã được thay bằng lần nộp sau: phải "
                           "hoàn trả",
    "fee_refund_owed": "Phải hoàn trả {amount} đồng phí, lệ phí đã nộp vì {reason} trước khi giải quyết xong",
    "fee_mismatch": "Cổng thanh toán báo đã thu {paid} đồng, khác số phải nộp {asked} đồng: không ghi nhận, cần "
                    "đối soát với cổng thanh toán",
    "apology": "Gửi thư xin lỗi và hẹn lại ngày trả kết quả",
    "stop_notice": "Ký Thông báo dừng giải quyết hồ sơ gửi công dân",
    "result_issued": "Ban hành kết quả {code}, ký số bởi {signer}",
    "result_not_issued": "Hồ sơ đã xử lý xong mà không qua bước phê duyệt của lãnh đạo: kết quả điện tử chưa được "
                         "ký và ban hành; quản trị cần sửa sơ đồ quy trình, lãnh đạo ban hành kết quả",
    "result_digitised": "Số hóa kết quả giấy {code}, ký số bởi {signer}",
    "version_moved": "Chuyển hồ sơ sang phiên bản {to_version} của sơ đồ quy trình (từ phiên bản {from_version}), "
                     "để hồ sơ đi tiếp theo sơ đồ đã sửa",
}

# Who acted, as a timeline names them, when it is not simply the person's name: a paper dossier
# is submitted by its applicant but typed in by the desk officer who received it.
ACTORS = {
    "entered_by_desk": "Bộ phận Một cửa nhập: {name}",
}

CHANNEL_WORDS = {"online": "trực tuyến", "counter": "trực tiếp tại Bộ phận Một cửa",
                 "postal": "qua dịch vụ bưu chính công ích"}

MESSAGE_NAMES = {"bo_sung": "Bổ sung hồ sơ", "rut_ho_so": "Yêu cầu rút hồ sơ", "thanh_toan": "Nộp phí, lệ phí"}
# What a citizen can no longer do once the dossier ended, and how it ended (by public status).
MESSAGE_ACTIONS = {"bo_sung": "bổ sung hồ sơ", "rut_ho_so": "rút hồ sơ", "thanh_toan": "nộp phí, lệ phí"}
ENDED_HOW = {REFUSED: "không được tiếp nhận", WITHDRAWN: "đã được rút", STOPPED: "bị dừng xử lý",
             PROCESSED: "đã xử lý xong", RETURNED: "đã trả kết quả"}

ERRORS = {
    "unknown_procedure": "Không tìm thấy thủ tục có mã «{code}».",
    "procedure_unavailable": "Thủ tục «{name}» hiện chưa nhận hồ sơ trực tuyến.",
    "unknown_dossier": "Không tìm thấy hồ sơ «{ref}».",
    "unknown_task": "Không tìm thấy công việc này.",
    "task_taken": "Công việc này đã được {name} nhận xử lý.",
    "task_given": "Công việc này đã được giao cho {name} xử lý.",
    "task_gone": "Công việc này đã được xử lý hoặc không còn mở.",
    "online_unreachable": "Người nộp chưa kích hoạt tài khoản trên Cổng Dịch vụ công nên không nhận được kết quả "
                          "trực tuyến: chọn trả trực tiếp tại Bộ phận Một cửa hoặc qua bưu chính, hoặc hướng dẫn "
                          "người nộp kích hoạt tài khoản trước.",
    "not_claimed": "Công việc này chưa có ai nhận xử lý: không có gì để trả về nhóm.",
    "already_withdrawn": "Hồ sơ đã được rút lúc {at}; không cần ghi nhận lại.",
    "task_done_by": "Công việc này đã được {name} xử lý lúc {at}.",
    "task_ended": "Công việc này không còn mở: hồ sơ chuyển sang «{status}» lúc {at}.",
    "typed_not_kept": " Những gì bạn nhập chưa được ghi.",
    "not_your_task": "Bạn không có quyền xử lý công việc này.",
    "not_owner": "Bạn không có quyền xem hồ sơ này.",
    "not_desk": "Chỉ Bộ phận Một cửa của cơ quan tiếp nhận hồ sơ mới nhận bổ sung hoặc đơn rút hồ sơ thay công dân.",
    "busy": "Hồ sơ đang được người khác cập nhật. Vui lòng thử lại.",
    "invalid_form": "Dữ liệu biểu mẫu chưa hợp lệ. Vui lòng kiểm tra các trường được đánh dấu.",
    "not_waiting": "Hồ sơ hiện không chờ «{name}».",
    "ended": "Hồ sơ đã kết thúc ({how} lúc {at}) nên không thể {action} nữa.",
    "withdrawal_reason": "Ghi lý do rút hồ sơ (tối đa 1.000 ký tự).",
    "supplement_component": "Thiếu thành phần hồ sơ «{name}»: nội dung bổ sung làm thành phần này bắt buộc.",
    "asked_component": "Thiếu tệp mới của thành phần «{name}» mà cơ quan đã yêu cầu bổ sung.",
    "supplement_components": "Hồ sơ bổ sung còn thiếu thành phần; xem lỗi của từng thành phần.",
    "supplement_nothing": "Chưa có nội dung bổ sung: sửa thông tin được yêu cầu hoặc đính kèm ít nhất một tệp.",
    "justification_required": "Ghi rõ lý do phải yêu cầu bổ sung thêm một lần nữa.",
    "late_justification_required": "Ghi rõ lý do phải yêu cầu bổ sung sau thời hạn.",
    "justification_title": "Lý do yêu cầu bổ sung",
    "not_assignable": "Bạn không có quyền giao công việc này.",
    "holder_changed": "Chưa giao việc: trong lúc trang mở, công việc đã do {name} giữ từ {since}. Xem lại trang dưới "
                      "đây; nếu vẫn muốn giao, chọn cán bộ rồi bấm «Giao việc» lần nữa.",
    "holder_released": "Chưa giao việc: trong lúc trang mở, người giữ công việc đã trả về nhóm. Xem lại trang dưới "
                       "đây; nếu vẫn muốn giao, chọn cán bộ rồi bấm «Giao việc» lần nữa.",
    "not_digitiser": "Chỉ cán bộ Bộ phận Một cửa hoặc chuyên viên của cơ quan giải quyết mới số hóa được kết quả.",
    "not_processed": "Chỉ số hóa kết quả của hồ sơ đã xử lý xong hoặc đã trả kết quả.",
    "digitise_field": "Vui lòng nhập {field}.",
    "digitise_date": "Ngày ký không hợp lệ hoặc ở tương lai.",
    "bad_assignee": "Người được giao phải là cán bộ đang hoạt động, có vai trò «{role}» tại {agency}.",
    "assignee_inactive": "Tài khoản của {name} đã bị khóa nên không giao việc được; chọn cán bộ khác.",
    "assignee_unclaimed": "Tài khoản của {name} chưa được kích hoạt (cán bộ chưa đặt mật khẩu) nên không giao việc "
                          "được; chọn cán bộ khác hoặc đợi cán bộ kích hoạt tài khoản.",
}

PRINTOUTS = {
    "receipt": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01)",
    "receipt_restarted": "Giấy tiếp nhận hồ sơ bổ sung và hẹn trả kết quả mới, lần {n} (Mẫu 01)",
    "restart_note": "Tiếp nhận hồ sơ bổ sung lần {n}. Hồ sơ đã tiếp nhận lúc {received}, hẹn trả kết quả "
                    "lúc {original}; thời gian giải quyết được tính lại từ khi nhận đủ hồ sơ bổ sung "
                    "(Nghị định số 61/2018/NĐ-CP, Điều 19 khoản 4).",
    "fee_wait_note": "Thời gian hẹn trả kết quả đã cộng thêm {hours} làm việc chờ nộp phí, lệ phí.",
    "supplement": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ lần {n} (Mẫu 02)",
    "refusal": "Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03)",
    "apology": "Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)",
    "stop_notice": "Thông báo dừng giải quyết hồ sơ",
    "control_slip": "Phiếu kiểm soát quá trình giải quyết hồ sơ (Mẫu 05)",
    "collect_online": "Cổng Dịch vụ công của tỉnh (kết quả điện tử) hoặc Bộ phận Một cửa nơi nộp hồ sơ",
    "collect_desk": "Bộ phận Một cửa, {agency}{address}",
    "applicant_party": "Tổ chức, cá nhân",
    # The register's note (Mẫu 06, cột Ghi chú): what the instants alone do not say.
    "note_withdrawn": "Công dân rút hồ sơ {at}.",
    "note_stopped": "Dừng xử lý {at}.",
    "note_apology": "Đã xin lỗi, hẹn lại; hẹn trả ban đầu {due}.",
    "returned": "Trả kết quả cho tổ chức, cá nhân",
    # The control slip's notes (Mẫu 05, cột Ghi chú): what a step decided, after its name.
    "slip_supplement": "Yêu cầu bổ sung, hoàn thiện hồ sơ lần {n} (Mẫu 02) lúc {at}.",
    "slip_supplement_changes": "Nhận hồ sơ bổ sung lúc {at}.",
    "slip_deadline_restarted": "Nhận đủ hồ sơ bổ sung lúc {at}; thời hạn giải quyết tính lại.",
    "slip_refused": "Từ chối tiếp nhận (Mẫu 03) lúc {at}.",
    "slip_apology": "Xin lỗi, hẹn lại trả kết quả lúc {due} (Mẫu 04, gửi lúc {at}).",
    "slip_stop_notice": "Thông báo dừng giải quyết hồ sơ lúc {at}.",
    "slip_note": "{step}. {notes}",
    "slip_cancelled": "{step} (không thực hiện: bước được đóng lại trước khi xử lý)",
    # Who provides a paper conversion (Bình Định 2020, Biểu mẫu): the province's one-stop system.
    "system_name": "Hệ thống thông tin một cửa điện tử tỉnh {place}",
    "system_name_unplaced": "Hệ thống thông tin một cửa điện tử",
    "result_reason": "Phê duyệt kết quả giải quyết thủ tục hành chính",
    "digitised_reason": "Số hóa kết quả giải quyết thủ tục hành chính bản giấy",
    "result_body": "Kết quả giải quyết thủ tục «{procedure}» của {name}.",
    "digitised_title": "Bản số hóa kết quả: {title}",
}

# A dossier named on a page before the desk issues its code.
LABEL = {"no_code": "số {id} (chưa cấp mã)"}

# E-mails to the applicant: (subject, body) by event kind or status reached.
NOTICES = {
    "code": "mã {code}",
    "no_code": "số {id}, chưa cấp mã",
    "supplement_requested": (
        "Hồ sơ {short}: cần bổ sung, hoàn thiện",
        "Kính gửi {name},\n\nHồ sơ «{procedure}» ({ref}) cần được bổ sung, hoàn thiện. Nội dung cần bổ sung "
        "và Phiếu yêu cầu bổ sung có tại:\n{link}\n\nVui lòng nộp bổ sung trên Cổng Dịch vụ công hoặc tại Bộ phận "
        "Một cửa.\n"),
    "result_issued": (
        "Hồ sơ {short}: đã có kết quả",
        "Kính gửi {name},\n\nHồ sơ «{procedure}» ({ref}) đã có kết quả giải quyết, ký số bởi cơ quan có "
        "thẩm quyền. Kết quả điện tử có trong kho dữ liệu của bạn và tại:\n{link}\n"),
    # An online or postal dossier accepted (a counter applicant holds Mẫu 01 already); with fees
    # to pay at once, the fee's mail says it instead.
    "code_issued": (
        "Hồ sơ {short}: đã được tiếp nhận",
        "Kính gửi {name},\n\nHồ sơ «{procedure}» đã được tiếp nhận, {ref}. Ngày hẹn trả kết quả: {due}.\n"
        "Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01) và tình trạng giải quyết hồ sơ có tại:\n{link}\n"),
    "fee_requested": (
        "Hồ sơ {short}: mời nộp phí, lệ phí",
        "Kính gửi {name},\n\nHồ sơ «{procedure}» ({ref}) đang chờ nộp phí, lệ phí: {amount} đồng. Thời gian chờ "
        "nộp phí không tính vào thời hạn giải quyết. Xem cách nộp (trực tuyến nếu có) tại:\n{link}\nhoặc nộp "
        "tại Bộ phận Một cửa nơi tiếp nhận hồ sơ.\n"),
    "fee_paid": (
        "Hồ sơ {short}: đã nhận phí, lệ phí",
        "Kính gửi {name},\n\nĐã nhận phí, lệ phí của hồ sơ «{procedure}» ({ref}). Thời gian chờ nộp phí không "
        "tính vào thời hạn giải quyết; ngày hẹn trả kết quả: {due}.\nBiên lai điện tử, Giấy tiếp nhận hồ sơ và "
        "hẹn trả kết quả (Mẫu 01) và tình trạng giải quyết hồ sơ có tại:\n{link}\n"),
    "apology": (
        "Hồ sơ {short}: hẹn lại ngày trả kết quả",
        "Kính gửi {name},\n\nCơ quan giải quyết xin lỗi vì hồ sơ «{procedure}» ({ref}) chưa thể trả kết quả "
        "đúng hẹn. Ngày hẹn trả kết quả mới: {due}.\nChi tiết: {link}\n"),
    "deadline_restarted": (
        "Hồ sơ {short}: đã nhận đủ hồ sơ bổ sung, hẹn trả kết quả mới",
        "Kính gửi {name},\n\nĐã nhận đủ hồ sơ bổ sung của hồ sơ «{procedure}» ({ref}). Thời gian giải quyết "
        "được tính lại từ khi nhận đủ hồ sơ bổ sung; ngày hẹn trả kết quả mới: {due}.\nGiấy tiếp nhận hồ sơ bổ sung "
        "và hẹn trả kết quả mới có tại: {link}\n"),
    "status_3": (
        "Hồ sơ {short}: không được tiếp nhận",
        "Kính gửi {name},\n\nHồ sơ «{procedure}» không được tiếp nhận.{reason}\nPhiếu từ chối tiếp nhận "
        "(Mẫu 03) có tại:\n{link}\n"),
    "status_8": (
        "Hồ sơ {short}: dừng xử lý",
        "Kính gửi {name},\n\nHồ sơ «{procedure}» ({ref}) đã dừng xử lý.{reason}\nThông báo dừng giải quyết "
        "hồ sơ có tại:\n{link}\n"),
    "reason": "\nLý do: {reason}",
    # Sent only when the withdrawal made fees paid owed back (notices.py); the refund follows it.
    "status_7": (
        "Hồ sơ {short}: đã rút, phí, lệ phí sẽ được hoàn trả",
        "Kính gửi {name},\n\nHồ sơ «{procedure}» ({ref}) đã được rút theo yêu cầu của ông/bà.\nChi tiết: {link}\n"),
    # After the mail of a dossier stopped or withdrawn whose fees paid are owed back
    # (Quảng Ninh 2022, Điều 13.5.c).
    "refund_owed": "\n{amount} đồng phí, lệ phí đã nộp sẽ được hoàn trả cho ông/bà. Vui lòng liên hệ Bộ phận Một "
                   "cửa của {agency} để nhận lại.\n",
}
