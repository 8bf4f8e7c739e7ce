"""What the one-stop system says to officers, in Vietnamese, in one place."""
from ..portal.messages import REPRESENTATION_TEXTS

TABS = {"cua-toi": "Việc của tôi", "cho-nhan": "Chờ nhận xử lý", "nhom": "Tất cả việc của nhóm"}
ADMIN_TABS = {"cua-toi": "Việc của tôi", "cho-nhan": "Chưa có người nhận", "nhom": "Tất cả công việc"}
DUE_FILTERS = {"qua-han": "Đã quá hạn", "hom-nay": "Đến hạn hôm nay", "3-ngay": "Đến hạn trong 3 ngày làm việc",
               "khong-han": "Không có thời hạn"}
CHANNELS = {"online": "Trực tuyến", "counter": "Trực tiếp tại quầy", "postal": "Qua bưu chính công ích"}
# The controls saying how a paper dossier or letter came (workspace/_channel.html), by name.
CHANNEL_FIELDS = {"hinh_thuc": "Hình thức nộp", "so_buu_gui": "Số hiệu bưu gửi (khi nhận qua bưu chính)"}
VERDICTS = {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn", "open_late": "Đang quá hạn",
            "open": "Đang xử lý", "none": "Không quy định thời hạn",
            "cancelled": "Không thực hiện (hồ sơ đã rút hoặc dừng xử lý)"}
# Files the system adds to a dossier, beside the procedure's components.
SYSTEM_COMPONENTS = {"KQ": "Kết quả giải quyết", "BL": "Biên lai thu phí, lệ phí"}
MARK_STATES = {"done": "Đã thực hiện", "current": "Đang thực hiện", "late": "Trễ hạn"}
# The marks on the dossier page's diagram and its legend: a step finished late is still done.
DIAGRAM_STATES = {"done": "Đã hoàn thành", "done_late": "Đã hoàn thành (trễ hạn)", "current": "Đang xử lý",
                  "current_late": "Đang xử lý (quá hạn)"}

MESSAGES = {
    "consulted_limits": "Cơ quan phối hợp xem tờ khai, thành phần hồ sơ, các bước xử lý và phiếu kiểm soát; phí, "
                        "lệ phí, biên lai, kết quả giải quyết và các giấy tờ in khác của hồ sơ do {agency} quản lý.",
    "agency_unknown": "Không có cơ quan nào mang số «{asked}»: trang đang hiện {shown}. Chọn cơ quan trong danh sách.",
    "every_agency": "việc của mọi cơ quan",
    "unsaved": "Nội dung bạn đã nhập (chưa được ghi vào hồ sơ)",
    "result_preview": "Xem trước kết quả sẽ được ký khi phê duyệt (PDF, chưa ký, không có giá trị pháp lý)",
    "claimed": "Đã nhận xử lý «{name}» của hồ sơ {dossier}.",
    "released": "Đã trả «{name}» về nhóm.",
    "assigned": "Đã giao «{name}» cho {assignee}.",
    "completed": "Đã hoàn thành «{name}» của hồ sơ {dossier}.",
    "received": "Đã tiếp nhận hồ sơ, cấp mã {code}. Hẹn trả kết quả: {due}.",
    "handed_next_day": "Hồ sơ giấy rời Bộ phận Một cửa sau giờ chuyển trong ngày: chuyển hồ sơ giấy đến bộ phận giải quyết "
                       "vào đầu giờ làm việc {at}.",
    "supplement_asked": "Đã yêu cầu bổ sung hồ sơ; Phiếu yêu cầu bổ sung (Mẫu 02) đã sẵn sàng để in và gửi công dân.",
    "refused": "Đã từ chối tiếp nhận hồ sơ; Phiếu từ chối (Mẫu 03) đã sẵn sàng để in.",
    "stopped": "Hồ sơ đã dừng xử lý; Thông báo dừng giải quyết hồ sơ đã sẵn sàng để in.",
    "result_signed": "Đã phê duyệt và ký số kết quả {code}.",
    "apology_sent": "Đã gửi thư xin lỗi; ngày hẹn trả kết quả mới: {due}.",
    "digitised": "Đã số hóa kết quả giấy thành {code} và ký số.",
    "digitised_before": "Bản giấy này đã được số hóa thành {code} (biểu mẫu được gửi hai lần); không tạo thêm kết quả.",
    "assign_choose": "Chưa giao việc: chọn cán bộ trong danh sách «Giao cho cán bộ».",
    "assign_nobody": "— chọn cán bộ —",
    "intake_done": "Đã nhập hồ sơ {channel} cho {name}; hồ sơ đang ở bước tiếp nhận.",
    "intake_sent_before": "Biểu mẫu này đã được gửi lúc {at} và đã nhập thành hồ sơ {dossier}; không tạo hồ sơ mới.",
    "intake_sent_other": "Biểu mẫu này đã được gửi lúc {at} và đã nhập thành hồ sơ {dossier}, nhưng nội dung vừa gửi "
                         "khác với hồ sơ đó nên chưa được ghi. Nội dung vừa nhập vẫn còn dưới đây: nếu đây là một hồ sơ "
                         "khác, kiểm tra lại rồi bấm «Nhập hồ sơ và chuyển tiếp nhận» để nhập thành hồ sơ mới; nếu "
                         "muốn sửa hồ sơ {dossier}, mở hồ sơ đó.",
    "intake_no_nonce": "Biểu mẫu gửi lên thiếu mã nhận diện lần gửi hoặc mã không hợp lệ (trang có thể chưa tải hết "
                       "hoặc đã bị sửa), nên chưa nhập hồ sơ. Nội dung vừa nhập vẫn còn dưới đây: kiểm tra lại rồi "
                       "bấm «Nhập hồ sơ và chuyển tiếp nhận».",
    "citizen_found": "Đã tìm thấy công dân {name}.",
    "citizen_created": "Đã tạo hồ sơ công dân {name}. Chưa có địa chỉ thư điện tử nên chưa kích hoạt được tài "
                       "khoản đăng nhập.",
    "citizen_recorded_meanwhile": "Công dân này vừa được ghi nhận (ở quầy khác) với họ tên {name}; thông tin bạn "
                                  "vừa nhập không được lưu. Đối chiếu thông tin dưới đây với giấy tờ và sửa nếu "
                                  "cần.",
    "citizen_created_mailed": "Đã tạo hồ sơ công dân {name} và gửi thư kích hoạt tài khoản tới {email}.",
    "activation_mailed": "Đã lưu địa chỉ và gửi thư kích hoạt tài khoản tới {email}.",
    "corrected": "Đã sửa {fields} của người nộp; lần sửa được ghi lại trong lịch sử sửa thông tin.",
    "correction_mailed": "Đã sửa {fields} của người nộp; thư kích hoạt mới (với tên đăng nhập mới) đã gửi tới "
                         "{email}.",
    "correction_dossiers": "Tờ khai của hồ sơ đang giải quyết {dossiers} vẫn ghi thông tin cũ, và giấy tờ của hồ sơ "
                           "(biên lai, phiếu, kết quả) in theo tờ khai: tờ khai chỉ đổi qua nội dung bổ sung. Kiểm "
                           "tra các hồ sơ này trước khi thu phí hay trả kết quả.",
    "correction_none": "Thông tin không thay đổi: chưa sửa gì.",
    "correction_help": "Chỉ sửa được khi công dân chưa kích hoạt và chưa đăng nhập tài khoản do cơ quan bạn lập "
                       "tại quầy. Thông tin đã sửa được dùng cho hồ sơ nhập từ nay; tờ khai của hồ sơ đã nhập "
                       "giữ nguyên như đã nộp.",
    "passport_form": "Người nộp dùng hộ chiếu nhưng tờ khai của thủ tục này bắt buộc số định danh cá nhân (CCCD): "
                     "đề nghị người xây dựng biểu mẫu bổ sung ô số hộ chiếu trước khi nhập hồ sơ này.",
    "activation_email_help": "Không cần để tiếp nhận hồ sơ: chuyển ngay sang bước 2 nếu công dân không có thư "
                             "điện tử. Có địa chỉ, công dân nhận thư kích hoạt để theo dõi hồ sơ trực tuyến.",
    "required_note": "Các trường có dấu * là bắt buộc.",
    "task_unknown": "Không tìm thấy công việc này.",
    "unassigned": "Chưa có người nhận",
    "steps_title": "Ý kiến, kết quả các bước đã thực hiện",
    "disagreement": "{agency} trả lời «Không» cho «{question}» (bước «{step}»): đọc ý kiến của bước đó dưới đây "
                    "trước khi quyết định.",
    "disagrees_badge": "Trả lời «Không»",
    # A consulted agency answered on the application as it was before a supplement changed it.
    "changed_since": "Tờ khai được bổ sung sau ý kiến này (lúc {at}), đổi: {fields}. Ý kiến trên dựa trên tờ khai "
                     "trước đó: hỏi lại cơ quan này nếu nội dung đổi liên quan đến ý kiến của họ.",
    "steps_help": "Nội dung cán bộ ghi khi hoàn thành từng bước; chỉ cán bộ giải quyết hồ sơ xem được, công dân "
                  "không thấy.",
    "steps_none": "Chưa có bước nào ghi ý kiến hoặc kết quả.",
    "postal_item": "Số hiệu bưu gửi",
    "postal_return": "Trả kết quả",
    "file_removed": "Đã bỏ tệp «{name}».",
    "file_duplicate": "Tệp «{name}» trùng nội dung với tệp đã có của thành phần này: không lưu thêm.",
    "withdrawal_reason": "Lý do rút hồ sơ",
    "no_result_yet": "Chưa có kết quả. Kết quả điện tử được tạo và ký số khi lãnh đạo phê duyệt.",
    "no_result_closed": "Hồ sơ đã kết thúc mà không có kết quả điện tử.",
    "select_first": "Chọn một công việc trước (phím j hoặc k), rồi nhấn n để nhận xử lý.",
    "not_claimable": "Không nhận được công việc đang chọn: công việc đã có người nhận xử lý hoặc không thuộc vai "
                     "trò của bạn. Chọn công việc khác bằng phím j hoặc k.",
    "justification_label": "Lý do phải yêu cầu bổ sung thêm",
    "asked_in_stage": "Ở giai đoạn này, hồ sơ đã được yêu cầu bổ sung {count} lần.",
    "justification_help": "Chỉ cần khi yêu cầu bổ sung thêm một lần nữa: pháp luật yêu cầu hướng dẫn đầy đủ một lần.",
    "late_justification_label": "Lý do yêu cầu bổ sung sau thời hạn",
    "late_justification_help": "Chỉ cần khi yêu cầu bổ sung: đã quá thời hạn yêu cầu bổ sung tính từ khi tiếp nhận "
                                "hồ sơ.",
    "form_too_large": "Nội dung gửi lên quá lớn.",
    "procedure_problems": "Sơ đồ quy trình hoặc mục danh mục chưa nạp được: thủ tục vẫn chạy phiên bản trước "
                          "(nếu có). Sửa tệp rồi lưu lại; kiểm tra trước bằng motcua bpmn check.",
    # Asked by the pages' script (app/web/static/forms.js) before a form whose action cannot be undone is
    # sent (the form's data-confirm); without the script the form sends at once.
    "confirm_apology": "Gửi thư xin lỗi (Mẫu 04) và hẹn ngày trả kết quả mới? Mỗi hồ sơ chỉ được hẹn lại một "
                       "lần; thư đã gửi không sửa hay rút lại được.",
    "confirm_collect": "Xác nhận đã thu {amount} đồng của công dân và ký biên lai điện tử? Biên lai đã ký không "
                       "hủy được.",
    "confirm_refund": "Ghi nhận đã hoàn trả {amount} đồng (lần nộp {number}) cho công dân? Ghi nhận này không sửa "
                      "lại được.",
    "confirm_withdraw": "Nhận đơn rút hồ sơ và dừng giải quyết? Hồ sơ dừng giải quyết ngay (trạng thái 7), không "
                        "hoàn tác được.",
    "diagram_help": "Nét đứt là trễ hạn; khung bao ngoài là bước hồ sơ đang ở. Trạng thái của từng bước hiện khi "
                    "di chuột vào bước đó.",
}

# Documents an officer attaches when completing a step (a consulted agency's reply, a
# verification record): internal to the agencies (app/dossiers/files.py).
ATTACHMENTS = {
    "label": "Văn bản, tài liệu kèm theo",
    "optional": "(không bắt buộc)",
    "help": "{examples} {types}, tối đa {max_mb} MB mỗi tệp; "
            "chọn được nhiều tệp. Tệp được lưu vào hồ sơ khi hoàn thành bước này; chỉ cán bộ giải quyết hồ sơ "
            "xem được, công dân không thấy.",
    # What a step's lane attaches, as an example (a role not listed: the specialist's).
    "examples": {"one_stop": "Ví dụ: biên bản kiểm tra hồ sơ, bản quét giấy tờ nhận thêm tại quầy.",
                 "specialist": "Ví dụ: văn bản trả lời của cơ quan phối hợp, biên bản xác minh.",
                 "leader": "Ví dụ: văn bản chỉ đạo, ý kiến của lãnh đạo bằng văn bản.",
                 "coordinator": "Ví dụ: văn bản chuyển hồ sơ, ý kiến của cơ quan có thẩm quyền."},
    "kept": "Tệp đã chọn, sẽ được lưu khi hoàn thành bước:",
    "remove": "Bỏ tệp «{name}»",
    "completed": "Đã hoàn thành «{name}» của hồ sơ {dossier}, kèm {count} tệp: {files}.",
    "unsaved": "Tệp đã chọn nhưng chưa được lưu vào hồ sơ: {files}.",
    "title": "Văn bản, tài liệu kèm theo các bước xử lý",
    "help_dossier": "Do cán bộ đính kèm khi hoàn thành bước; chỉ cán bộ giải quyết hồ sơ xem được, công dân không "
                    "thấy.",
    "by": "Đính kèm bởi {name}{agency} lúc {at}",
    "file": "Tệp",
    "signature": "Chữ ký số",
    "timeline": "kèm {count} tệp",
}

# What each officer role does and where its work comes from: said where a page is empty, so an
# officer with nothing to do yet knows why and what to do next.
ROLE_WORK = {
    "one_stop": ("Bộ phận Một cửa tiếp nhận hồ sơ, yêu cầu bổ sung hoặc từ chối, và trả kết quả cho người nộp.",
                 "Hồ sơ nộp trực tuyến hiện ở thẻ «Chờ nhận xử lý»; hồ sơ giấy nhập ở trang «Tiếp nhận tại quầy»."),
    "specialist": ("Chuyên viên thẩm định, xác minh hồ sơ và dự thảo kết quả.",
                   "Hồ sơ đến khi Bộ phận Một cửa đã tiếp nhận và chuyển bước cho chuyên viên của cơ quan, hoặc "
                   "khi cơ quan khác lấy ý kiến, đề nghị phối hợp (liên thông) với cơ quan."),
    "leader": ("Lãnh đạo phê duyệt và ký số kết quả, giao việc cho cán bộ, xin lỗi và hẹn lại khi hồ sơ chậm.",
               "Hồ sơ đến khi chuyên viên trình; dùng «Tra cứu hồ sơ» để theo dõi hồ sơ của cơ quan."),
    "coordinator": ("Điều phối (Văn phòng Ủy ban nhân dân tỉnh, Trung tâm Phục vụ hành chính công) làm các bước "
                    "nằm trong làn «Điều phối» của sơ đồ quy trình: phân loại hồ sơ, câu hỏi của người dân và "
                    "chuyển đến cơ quan có thẩm quyền giải quyết, theo dõi việc trả lời đúng hạn.",
                    "Công việc chỉ đến khi một quy trình đang dùng có bước trong làn «Điều phối» giao cho "
                    "{agency}. Nếu cơ quan cần điều phối mà chưa có việc, đề nghị quản trị hệ thống thêm làn "
                    "«Điều phối» vào sơ đồ quy trình của thủ tục."),
}

EMPTY = {
    "inbox": "Chưa có công việc nào cho {role} của {agency}.",
    "dossiers": "{agency} chưa có hồ sơ nào. Trang này tìm hồ sơ do cơ quan của bạn giải quyết hoặc được lấy "
                "ý kiến, theo mã hồ sơ, tên người nộp hay ngày tiếp nhận.",
}

DESK_MESSAGES = {
    "not_waiting": "Hồ sơ này không chờ công dân bổ sung hoặc rút hồ sơ.",
    "too_late_title": "Nội dung bổ sung chưa được ghi",
    "supplement_received_before": "Hồ sơ đã được bổ sung lúc {at} ({who}) trong khi trang này còn mở, nên nội dung "
                                  "bạn vừa gửi chưa được ghi. Hãy mở hồ sơ để đối chiếu với nội dung đã nhận; nếu "
                                  "bản giấy còn điều gì khác, ghi lại những nội dung dưới đây trước khi rời trang.",
    "supplement_not_awaited": "Hồ sơ hiện không chờ công dân bổ sung, nên nội dung bạn vừa gửi chưa được ghi. Hãy mở "
                              "hồ sơ để xem tình trạng; ghi lại những nội dung dưới đây trước khi rời trang.",
    "received_online": "công dân đã gửi trực tuyến",
    "received_by": "cán bộ {name} đã nhận bản giấy",
    "open_dossier": "Mở hồ sơ",
    "nothing": "Chưa có nội dung bổ sung: sửa tờ khai theo bản giấy hoặc đính kèm bản quét giấy tờ bổ sung.",
    "supplement_received": "Đã nhận hồ sơ bổ sung {channel}; hồ sơ tiếp tục được giải quyết.",
    "new_appointment": "Thời hạn giải quyết được tính lại, hẹn trả kết quả {due}: in Giấy tiếp nhận hồ sơ bổ sung và "
                       "hẹn trả kết quả mới (Mẫu 01) giao công dân.",
    "withdrawal_received": "Đã nhận đơn rút hồ sơ {channel}; hồ sơ đã dừng giải quyết theo yêu cầu của công dân.",
    "withdrawal_reason": "Nhập lý do rút hồ sơ ghi trong đơn của công dân (tối đa 1000 ký tự).",
}

INTAKE = {
    "id_number": "Số định danh cá nhân phải gồm đúng 12 chữ số.",
    "full_name": "Vui lòng nhập họ và tên (2–100 ký tự).",
    "date_of_birth": "Ngày sinh không hợp lệ (dùng định dạng ngày/tháng/năm).",
    "phone": "Số điện thoại gồm 10 chữ số, bắt đầu bằng 0.",
    "email": "Địa chỉ thư điện tử không hợp lệ.",
    "address": "Vui lòng nhập địa chỉ (tối đa 500 ký tự).",
    "channel": "Chọn hình thức nộp: trực tiếp hoặc qua bưu chính.",
    "procedure": "Chọn thủ tục hành chính của cơ quan.",
    "missing_component": "Thiếu bản quét thành phần «{name}».",
    "asked_component": "Thiếu bản quét mới của «{name}»: thành phần này đã được yêu cầu bổ sung.",
    "id_taken": "Số định danh này đã thuộc về một tài khoản khác không phải công dân.",
    "email_taken": "Địa chỉ thư điện tử này đã thuộc về tài khoản khác; để trống hoặc dùng địa chỉ khác.",
    "email_missing": "Nhập địa chỉ thư điện tử của công dân.",
    "email_not_yours": "Tài khoản này đã được công dân kích hoạt; công dân tự đổi địa chỉ thư điện tử trong trang "
                       "Tài khoản.",
    "postal_code": "Nhập số hiệu bưu gửi (tối đa 40 ký tự) khi hồ sơ đến qua bưu chính.",
    "component_kind": "Chọn hình thức của «{name}» đã nhận (bản chính, bản sao có chứng thực, bản chụp).",
    "component_copies": "Số bản của «{name}» là một số từ 1 đến {most}.",
    "component_received": "Hình thức đã nhận",
    "component_copies_label": "Số bản",
    "return_legend": "Trả kết quả hồ sơ nhận qua bưu chính",
    "return_help": "Chỉ áp dụng khi hình thức nộp là qua bưu chính; in ở mục 6 Giấy tiếp nhận (Mẫu 01).",
    "return_address": "Địa chỉ người gửi: {address}.",
    "return_buu_chinh": "Gửi qua dịch vụ bưu chính công ích đến địa chỉ người gửi",
    "return_truc_tiep": "Người nộp đến nhận tại Bộ phận Một cửa",
    "return_choice": "Chọn cách trả kết quả cho hồ sơ nhận qua bưu chính.",
    "id_held": "Số giấy tờ này đã thuộc về một tài khoản khác: kiểm tra lại số đã nhập, hoặc tìm người đó ở Bước 1.",
    "correct_not_allowed": "Không sửa được thông tin tài khoản này: chỉ sửa được tài khoản do cơ quan bạn lập tại "
                           "quầy khi công dân chưa kích hoạt, chưa đăng nhập; sau đó công dân tự sửa trong trang "
                           "Tài khoản.",
}

# The "for whom" fieldset at the counter (portal/_representation.html), in the desk's words: the
# person at the counter is the account the dossier is entered for.
COUNTER_REPRESENTATION_LABELS = {
    "self": "Chính người nộp",
    "person": "Người khác (người nộp được ủy quyền)",
    "organisation": "Tổ chức (người nộp là người đại diện hoặc được ủy quyền)",
}
COUNTER_REPRESENTATION = {
    "legend": "Người nộp hồ sơ cho ai",
    "help": "Khi người nộp nộp thay người khác hoặc tổ chức, văn bản ủy quyền là thành phần bắt buộc: quét kèm "
            "ở phần thành phần hồ sơ.",
    "fields": REPRESENTATION_TEXTS["fields"],  # the portal's: the same fields, the same words
}

# The account details the desk corrects, as its trail names them (users/models.py AccountCorrection).
CORRECTED_FIELDS = {"full_name": "Họ và tên", "date_of_birth": "Ngày sinh", "id_kind": "Loại giấy tờ tùy thân",
                    "id_number": "Số giấy tờ tùy thân", "nationality": "Quốc tịch", "address": "Địa chỉ",
                    "phone": "Số điện thoại", "email": "Thư điện tử"}

APOLOGY = {
    "not_allowed": "Chỉ lãnh đạo của cơ quan giải quyết hồ sơ mới gửi được thư xin lỗi và hẹn lại ngày trả kết quả.",
    "not_processing": "Chỉ gửi thư xin lỗi cho hồ sơ đã tiếp nhận và đang giải quyết.",
    "once": "Hồ sơ này đã được hẹn lại ngày trả kết quả lúc {at} (ngày hẹn mới: {due}); pháp luật chỉ cho phép "
            "hẹn lại một lần.",
    "waiting": "Hồ sơ đang chờ công dân bổ sung hồ sơ hoặc nộp phí, lệ phí: thời hạn giải quyết tạm dừng và sẽ được "
               "tính lại khi công dân thực hiện xong. Nếu sau đó vẫn không kịp hạn, hãy gửi thư xin lỗi khi ấy.",
    "too_late": "Thư xin lỗi phải gửi chậm nhất 1 ngày làm việc trước hạn trả kết quả ({due}); nay đã quá thời điểm đó.",
    "new_due": "Ngày hẹn mới phải là một ngày sau ngày hẹn hiện tại ({due}).",
    "not_working_time": "Giờ hẹn mới phải trong giờ làm việc của một ngày làm việc (không vào thứ Bảy, Chủ nhật, ngày "
                        "nghỉ lễ hay giờ nghỉ trưa).",
    "too_far": "Ngày hẹn mới không được quá một năm sau ngày hẹn hiện tại ({due}); kiểm tra lại năm đã nhập.",
    "reason": "Ghi rõ lý do chậm trả kết quả (tối đa 2.000 ký tự).",
    "bad_instant": "Ngày giờ hẹn mới không hợp lệ.",
}

DAYBOOK = {
    "not_understood": "Không hiểu ngày «{text}»: chọn một ngày từ {earliest} đến hôm nay. Đang hiện sổ ngày {today}.",
    "future": "Ngày {day} chưa tới: sổ chỉ có các khoản đã nộp. Đang hiện sổ ngày {today}.",
}

REGISTER = {
    "intro": "{agency}: các hồ sơ được tiếp nhận trong khoảng thời gian chọn, theo thứ tự tiếp nhận.",
    "invalid": "Khoảng thời gian không hợp lệ: ngày bắt đầu phải trước ngày kết thúc, tối đa một năm.",
    "count": "{total} hồ sơ từ ngày {start} đến ngày {end}",
    "page": ", trang {page}/{pages}",
    "print": "In sổ (PDF)",
    "too_many": "Sổ in có mã QR cho từng hồ sơ nên mỗi lần in tối đa {max} hồ sơ; khoảng thời gian này có {total} "
                "hồ sơ. Chọn khoảng ngắn hơn (ví dụ từng tuần) để in.",
    "empty": "Không có hồ sơ nào được tiếp nhận trong khoảng thời gian này.",
    # An agency only ever consulted (liên thông) receives no dossier of its own: the register stays empty.
    "receives_none": "{agency} không tiếp nhận hồ sơ của thủ tục nào nên sổ này luôn trống. Hồ sơ cơ quan được "
                     "hỏi ý kiến (liên thông) tìm ở",
    "search": "Tra cứu hồ sơ",
    "no_agency": "Tài khoản của bạn không thuộc cơ quan nào.",
    "fields": {"tu": "Từ ngày", "den": "Đến ngày"},
    "not_understood": "Không hiểu ngày «{text}» ở ô {field}: nhập một ngày có thật theo dạng năm-tháng-ngày, "
                      "ví dụ 2026-11-01.",
    "out_of_range": "Ngày {day} ở ô {field} nằm ngoài khoảng sổ có thể hiện: chọn một ngày từ {earliest} đến {latest}.",
    "shown_instead": "Đang hiện sổ mặc định, từ ngày {start} đến ngày {end} (từ đầu tháng đến hôm nay).",
}

DIGITISE = {
    "fields": {"trich_yeu": "trích yếu (tên kết quả)", "so_ky_hieu": "số, ký hiệu văn bản",
               "co_quan_ban_hanh": "cơ quan ban hành", "nguoi_ky": "người ký bản giấy", "ngay_ky": "ngày ký"},
    "required": "Vui lòng nhập {field}.",
    "date": "Ngày ký không hợp lệ hoặc ở tương lai.",
    "before_submitted": "Ngày ký {day} trước ngày nộp hồ sơ ({submitted}): kết quả bản giấy không thể được ký trước "
                        "khi hồ sơ mà nó giải quyết được nộp. Kiểm tra lại ngày ký ghi trên bản giấy.",
    "no_file": "Vui lòng chọn tệp bản quét (PDF, JPEG hoặc PNG).",
    "scan_digitised": "Bản quét này đã số hóa thành {code} lúc {at} (cùng tệp, có thể biểu mẫu được gửi lại sau "
                      "khi bấm «Quay lại»); không tạo thêm kết quả. Nếu đây là một bản giấy khác, chọn đúng tệp "
                      "bản quét của bản giấy đó.",
}

PROCEDURES = {
    "title": "Quy trình đang dùng",
    "intro": "Mỗi sơ đồ trong thư mục bpmn/: phiên bản hồ sơ mới chạy, các phiên bản hồ sơ đang giải quyết "
             "còn chạy, và các thủ tục trong danh mục dùng nó. Phiên bản là mã băm nội dung tệp: sửa sơ đồ rồi "
             "lưu là có phiên bản mới; hồ sơ đang chạy đi tiếp trên phiên bản đã bắt đầu.",
    "problems": "Chưa nạp được",
    "file_gone": "không còn trong thư mục bpmn/",
    "file_broken": "Tệp sơ đồ bị lỗi, không nạp được:",
    "file_broken_serving": "Hồ sơ mới vẫn chạy phiên bản hiện hành (phiên bản trước khi tệp bị lỗi) cho đến khi "
                           "sửa xong tệp.",
    "file_broken_none": "Chưa có phiên bản nào của quy trình này để chạy thay: thủ tục dùng sơ đồ tạm ngừng nhận hồ "
                        "sơ cho đến khi sửa xong tệp.",
    "current": "bản hiện hành",
    "not_used": "chưa có hồ sơ",
    "unpublished": "tạm ngừng nhận hồ sơ",
    "no_procedure": "Chưa có thủ tục nào trong danh mục dùng sơ đồ này.",
    "diagram_title": "Sơ đồ quy trình «{name}», phiên bản {version}",
    "no_drawing": "Sơ đồ này không có phần vẽ (BPMN DI) nên không hiển thị được.",
    "steps": "Hồ sơ của phiên bản này đang ở bước nào (tô màu xanh trên sơ đồ)",
}

STAFF = {
    "title": "Cán bộ",
    "new": "Thêm cán bộ",
    "created": "Đã lập tài khoản cho {name} và gửi thư kích hoạt tới {email}.",
    "resent": "Đã gửi lại thư kích hoạt tới {email}.",
    "saved": "Đã lưu thông tin của {name}.",
    "released": "{count} việc cán bộ này đã nhận được trả lại cho nhóm để người khác nhận xử lý.",
    "stranded_now": "Cơ quan không còn cán bộ nào khác đang hoạt động có vai trò cũ của cán bộ này: {count} việc "
                    "đang mở của vai trò đó sẽ không có người nhận. {remedy}",
    "stranded_remedy": {"locked": "Mở lại tài khoản, hoặc giao vai trò đó cho một cán bộ khác của cơ quan.",
                        "moved": "Đặt lại vai trò, cơ quan cũ cho cán bộ này, hoặc giao vai trò đó cho một cán bộ "
                                 "khác của cơ quan cũ."},
    "states": {"active": "Đang hoạt động", "unclaimed": "Chưa kích hoạt", "inactive": "Đã khóa",
               "idle_locked": "Khóa vì lâu không sử dụng"},
    "never": "Chưa đăng nhập",
    "idle_locked": "Hệ thống tự khóa tài khoản lúc {at} vì không được sử dụng quá {days} ngày. Đánh dấu "
                   "«Tài khoản đang hoạt động» và lưu để mở lại; thời gian không sử dụng được tính lại từ lúc đó.",
    "none": "Không có cán bộ nào phù hợp.",
    "active_help": "Bỏ chọn để khóa tài khoản: cán bộ không đăng nhập được nữa, các việc đã nhận được trả lại cho nhóm.",
    "move_help": "Đổi vai trò hoặc cơ quan thì các việc cán bộ đã nhận được trả lại cho nhóm.",
}

# A leader's (or an administrator's) view of how the agency's open work is spread over its officers
# (supervision_pages.py), and the inbox filter its counts lead to.
SUPERVISION = {
    "title": "Theo dõi xử lý",
    "intro": "Công việc đang mở của {agency} theo từng cán bộ, tính đến {at}. Chọn một con số để xem các công "
             "việc đó trong hộp công việc; giao lại việc cho cán bộ khác ở trang của từng công việc.",
    "agency": "Cơ quan",
    "show": "Xem",
    "officer": "Cán bộ",
    "role": "Vai trò",
    "tasks": "Việc đang mở",
    "earliest_due": "Hạn sớm nhất",
    "unclaimed": "Chưa ai nhận",
    # A locked, moved or never activated account can leave a role with no one: its tasks wait for nobody.
    "stranded": "Không còn cán bộ nào có vai trò này đăng nhập được ở cơ quan (tài khoản đang hoạt động và đã kích "
                "hoạt): việc sẽ không có người nhận. Quản trị viên mở lại tài khoản, nhắc cán bộ kích hoạt tài "
                "khoản hoặc giao vai trò này cho một cán bộ.",
    "total": "Tổng cộng",
    "caption": "Việc đang mở của từng cán bộ, việc nhiều quá hạn nhất ở trên",
    "soon_note": "«Đến hạn trong 3 ngày làm việc» gồm cả việc đến hạn hôm nay, không gồm việc đã quá hạn.",
    "no_officers": "{agency} chưa có cán bộ nào đang hoạt động.",
    "no_agency": "Chưa có cơ quan nào.",
    # The inbox, narrowed to one officer's tasks.
    "claimer": "Người xử lý",
    "claimer_all": "Mọi người",
    "claimer_option": "{name} ({role})",
    "claimer_heading": "Công việc {officer} đang xử lý",
    "claimer_other": "Công việc của cán bộ đã chọn",
    "back": "Về trang theo dõi xử lý",
    # The agency's dossiers waiting on another agency's step (liên thông).
    "waits_title": "Hồ sơ đang chờ cơ quan phối hợp",
    "waits_none": "Không hồ sơ nào của {agency} đang chờ cơ quan khác.",
    "waits_count": "{total} bước đang mở ở cơ quan khác trên hồ sơ của {agency}; {overdue} bước đã quá hạn.",
    "waits_more": "Bảng chỉ hiện {shown} bước có hạn sớm nhất.",
    "waits_caption": "Bước đang mở ở cơ quan phối hợp, hạn sớm nhất ở trên",
    "waits_dossier": "Hồ sơ",
    "waits_step": "Bước",
    "waits_agency": "Cơ quan phối hợp",
    "waits_officer": "Người đang xử lý",
    "waits_opened": "Chuyển đến lúc",
    "waits_due": "Hạn của bước",
    "waits_no_due": "Không đặt hạn",
    "waits_overdue": "Quá hạn",
    "waits_stranded": "Ở cơ quan này không còn {role} nào đăng nhập được (tài khoản đang hoạt động và đã kích "
                      "hoạt): bước sẽ không có người nhận. Đề nghị cơ quan đó hoặc quản trị viên giao người.",
    "waits_note": "Cơ quan chủ trì chịu trách nhiệm về thời hạn của cả hồ sơ: đôn đốc cơ quan phối hợp trước khi "
                  "bước của họ quá hạn.",
}
