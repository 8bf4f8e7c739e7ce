"""What the analysts' commands say, in Vietnamese."""

CLI = {
    "group_help": "Thủ tục hành chính: tạo thủ tục mẫu, chạy kịch bản kiểm thử quy trình.",
}

# `motcua procedure test`: the scenario runner (what each step prints is in engine/scenarios/messages.py).
TEST = {
    "help": "Chạy các kịch bản kiểm thử quy trình (tệp *.kich-ban.yaml, hay thư mục: mọi tệp đó trong thư mục; "
            "mặc định thư mục sơ đồ MOTCUA_BPMN_DIR) trên bộ máy quy trình với đồng hồ giả lập: in từng bước đạt (✓) hay "
            "không (✗) và vì sao, rồi độ phủ của sơ đồ. Dữ liệu công dân của kịch bản (và của mỗi lần "
            "bổ sung) được kiểm tra theo tờ khai của mục danh mục (MOTCUA_CATALOGUE_DIR) như trên Cổng. Thoát với mã 0 khi mọi bước đều đạt, 1 khi không.",
    "coverage_help": "Không đạt nếu các kịch bản của một tệp chưa đi qua mọi luồng trình tự hoặc chưa tới mọi "
                     "sự kiện kết thúc của sơ đồ.",
    "no_files": "không có tệp kịch bản (*.kich-ban.yaml) nào trong {folder}. Ghi tên tệp cần chạy, ví dụ: "
                "motcua procedure test bpmn/cap_ban_sao_trich_luc_ho_tich.kich-ban.yaml",
    "all_passed": "Đạt: cả {count} tệp kịch bản.",
    "some_failed": "Không đạt: {failed}/{count} tệp kịch bản ({files}).",
    "error": "Lỗi: {message}",
}

# `motcua procedure new`: a starter procedure.
NEW = {
    "help": "Tạo một thủ tục mẫu chạy được ngay: sơ đồ quy trình, tờ khai điện tử, mục danh mục và "
            "kịch bản kiểm thử. CODE là mã thủ tục quốc gia, ví dụ 1.001234.",
    "name_help": "Tên thủ tục, tiếng Việt có dấu, đúng như tên đã công bố.",
    "agency_help": "Mã định danh của cơ quan giải quyết, ví dụ 000.00.12.H99 (mặc định: cơ quan đầu tiên "
                   "có Bộ phận Một cửa trong cơ sở dữ liệu).",
    "days_help": "Thời hạn giải quyết, số ngày làm việc (mặc định 5).",
    "missing_code": "thiếu mã thủ tục. Ví dụ: motcua procedure new 1.001234 --name \"Cấp giấy phép tổ chức lễ hội\"",
    "bad_code": "mã thủ tục «{code}» không đúng dạng mã thủ tục quốc gia: một chữ số, dấu chấm, sáu chữ số "
                "(ví dụ 1.001234).",
    "missing_name": "thiếu tên thủ tục: thêm --name \"<tên thủ tục>\", viết tiếng Việt có dấu.",
    "name_control": "tên thủ tục phải viết trên một dòng, không có ký tự điều khiển.",
    "name_long": "tên thủ tục dài {length} ký tự, quá giới hạn {limit} ký tự.",
    "name_letters": "tên thủ tục «{name}» không có chữ cái tiếng Việt nào.",
    "name_accents": "tên thủ tục «{name}» chưa có dấu tiếng Việt; viết đúng như tên đã công bố, ví dụ "
                    "«Cấp giấy phép tổ chức lễ hội».",
    "bad_days": "thời hạn giải quyết --days phải là số nguyên ngày làm việc từ 1 đến {limit}, không phải «{value}».",
    "bad_agency": "mã cơ quan «{code}» không đúng dạng mã định danh (ví dụ 000.00.12.H99).",
    "no_database": "không đọc được danh sách cơ quan từ cơ sở dữ liệu ({db}) để chọn cơ quan giải quyết. "
                   "Thêm --agency <mã định danh của cơ quan>, ví dụ --agency 000.00.12.H99.",
    "no_agency_in_db": "cơ sở dữ liệu ({db}) chưa có cơ quan nào. Chạy motcua up một lần để nạp dữ liệu, hoặc "
                       "thêm --agency <mã định danh của cơ quan>.",
    "agency_unknown": "Cảnh báo: cơ sở dữ liệu hiện tại không có cơ quan mã {code}; motcua up sẽ để thủ tục ngoài "
                      "danh mục cho tới khi có cơ quan này.",
    "missing_common_form": "thư mục biểu mẫu {forms} thiếu tệp {file} (biểu mẫu dùng chung của các bước xử lý mà "
                           "sơ đồ mẫu dùng).",
    "code_taken": "mã thủ tục {code} đã có trong danh mục ({file}). Chọn mã khác, hoặc sửa trực tiếp tệp đó.",
    "name_taken": "đã có thủ tục cùng tên «{name}» ({file}). Mỗi thủ tục chỉ tạo một lần; hãy sửa trực tiếp các "
                  "tệp đã có.",
    "name_folds_alike": " Tên «{given}» khác «{existing}» chỉ ở dấu (hay chữ hoa, dấu cách), mà mã quy trình và so "
                        "sánh tên bỏ dấu, nên hai tên thành một mã quy trình: đặt tên khác hẳn.",
    "file_exists": "tệp {file} đã có; lệnh không ghi đè tệp nào.",
    "starter_invalid": "thủ tục mẫu không đạt kiểm tra, các tệp vừa tạo đã được xóa:\n{problems}",
    "written": "Đã tạo thủ tục «{name}» (mã {code}, quy trình {process_id}):",
    "files": {
        "diagram": "sơ đồ quy trình, mở bằng bpmn.io hoặc Camunda Modeler",
        "scenario": "kịch bản kiểm thử, đi qua mọi nhánh của sơ đồ mẫu",
        "form": "tờ khai điện tử của công dân (JSON Schema)",
        "ui": "cách hiển thị tờ khai",
        "entry": "mục danh mục thủ tục (đã công bố)",
    },
    "agency": "Cơ quan giải quyết: {agency}.",
    "agency_chosen": "Cơ quan giải quyết: {agency}, chọn từ cơ sở dữ liệu (cơ quan đầu tiên có Bộ phận Một "
                     "cửa); dùng --agency để chọn cơ quan khác.",
    "time": "Thời hạn giải quyết: {days} ngày làm việc; trong sơ đồ, thẩm định {appraisal} ngày, phê duyệt "
            "{approval} ngày làm việc.",
    "next": "Việc tiếp theo:",
    "next_steps": (
        ("1. Sửa tờ khai {form} (và {ui}): giữ các trường về người yêu cầu, thay các trường ví dụ bằng "
         "trường riêng của thủ tục."),
        ("2. Sửa mục danh mục {entry}: thay mọi chỗ «[CẦN SỬA]» bằng thông tin đã công bố (ngành, lĩnh vực, "
         "thành phần hồ sơ, phí, căn cứ pháp lý, mẫu kết quả)."),
        ("3. Nếu quy trình nội bộ khác sơ đồ mẫu, sửa {diagram} bằng bpmn.io hoặc Camunda Modeler, rồi sửa "
         "kịch bản {scenario} cho khớp."),
        "4. Kiểm tra sơ đồ: motcua bpmn check {diagram}",
        "5. Chạy kịch bản: motcua procedure test {scenario}",
        ("6. Không cần khởi động lại motcua up: hệ thống đang chạy trên các thư mục này nạp lại trong vài giây sau mỗi "
         "lần lưu, và thủ tục đã công bố nhận hồ sơ ngay (kể cả lúc này, với các chỗ «[CẦN SỬA]»). Muốn "
         "công dân chưa thấy nó khi đang sửa, đặt \"published\": false trong {entry} rồi đổi lại true khi xong."),
    ),
    "participant": "Cơ quan giải quyết",
}
