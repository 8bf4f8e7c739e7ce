"""What `motcua bpmn check` tells a business analyst, kept together for review and translation.

Every message says what is wrong with the element it is attached to (the problem line names the
element by id and name) and how to fix it, with the exact spelling of the property, extension or
element to use instead. SpiffWorkflow's and the BPMN schema's English refusals are translated into
these by engine/diagram_check.py; the English original only ever appears in parentheses.
"""
from __future__ import annotations

KNOWN_PROPERTIES_HELP = (
    "formJsonSchemaFilename (biểu mẫu), formUiSchemaFilename (giao diện biểu mẫu), status (trạng thái "
    "1-10), timeLimit (thời hạn của bước), agency (cơ quan xử lý), marksLate (bộ hẹn giờ đánh dấu trễ hạn), "
    "amount (số tiền phí, lệ phí phải nộp)"
)
DEADLINE_EXAMPLES = "working_hours(8), working_days(3) hoặc calendar_days(5)"
CONDITION_EXAMPLE = 'quyet_dinh == "tiep_nhan"'
SCRIPT_EXAMPLE = "le_phi = so_ban * 8000"

MESSAGES = {
    # The file itself.
    "too_big": "Tệp sơ đồ lớn hơn {limit} MB, quá lớn cho một sơ đồ thủ tục. Kiểm tra xem tệp có bị nhúng "
               "ảnh hay dữ liệu lạ không, rồi lưu lại sơ đồ từ trình vẽ.",
    "xml_empty": "Tệp rỗng. Lưu lại sơ đồ từ trình vẽ (bpmn.io, Camunda Modeler) rồi kiểm tra lại.",
    "not_xml": "Tệp không phải sơ đồ BPMN (nội dung không phải XML). Trong trình vẽ, dùng «Save» hoặc "
               "«Export as BPMN» để có tệp .bpmn; ảnh SVG hay PNG của sơ đồ không dùng được.",
    "xml_truncated": "Tệp bị cắt cụt: nội dung dừng giữa chừng ở dòng {line} (thường do lưu hoặc sao chép "
                     "dở dang). Lấy lại bản đầy đủ, hoặc mở sơ đồ bằng trình vẽ và lưu lại.",
    "xml_encoding": "Tệp không lưu bằng mã UTF-8 (từ dòng {line} có chữ ở bảng mã khác, như Windows-1258 hay "
                     "TCVN3): mở tệp bằng trình soạn thảo, lưu lại với mã hóa UTF-8, rồi kiểm tra lại.",
    "xml_encoding_mislabelled": "Dòng đầu của tệp khai báo encoding=\"{declared}\", nhưng nội dung được lưu bằng mã "
                                "UTF-8: mọi chữ tiếng Việt bị đọc sai (tên «{name}» được đọc thành «{garbled}»). Sửa "
                                "dòng đầu thành <?xml version=\"1.0\" encoding=\"UTF-8\"?>, rồi kiểm tra lại.",
    "xml": "Tệp không phải XML hợp lệ: lỗi cú pháp ở dòng {line}, cột {column}{what}. Tệp có lẽ đã bị sửa tay: "
           "sửa đúng chỗ đó, hoặc mở sơ đồ bằng trình vẽ và lưu lại. (Chi tiết: {detail})",
    # What the XML reader's common refusals mean, said after the place ({what} above).
    "xml_tag_mismatch": ": thẻ đóng không khớp với thẻ mở (tên thẻ gõ sai, hoặc thiếu thẻ đóng của một phần "
                        "tử ở trước); tên thẻ đóng phải viết đúng như thẻ mở, ví dụ </bpmn:definitions>",
    "xml_quote": ": giá trị thuộc tính phải nằm trong cặp dấu nháy kép, ví dụ name=\"Tiếp nhận\"",
    "xml_less_than": ": dấu «<» trong giá trị hay trong chữ phải viết là «&lt;» (và «>» là «&gt;»)",
    "xml_ampersand": ": dấu «&» đứng một mình phải viết là «&amp;»",
    "xml_entity": ": tên thực thể «&…;» không có trong XML (như «&nbsp;» của HTML): gõ thẳng ký tự, "
                  "ví dụ dấu cách",
    "xml_char": ": có ký tự không được phép trong XML (ký tự điều khiển dán từ nơi khác): xóa ký tự đó",
    "xml_prefix": ": tiền tố không gian tên (phần trước dấu «:» của tên thẻ) chưa được khai báo bằng xmlns:… "
                  "ở phần tử gốc",
    "xml_line": " (dòng {line})",
    "xml_doctype": "Tệp có khai báo <!DOCTYPE> hoặc thực thể (<!ENTITY>){where}: sơ đồ BPMN không "
                   "dùng chúng, trình vẽ không bao giờ ghi ra, và hệ thống không đọc chúng (một thực thể có thể "
                   "đọc tệp của máy chủ). Xóa khai báo <!DOCTYPE …> cùng mọi chỗ dùng «&tên;», rồi kiểm tra lại.",
    "xml_too_deep": "Các phần tử trong tệp lồng vào nhau quá sâu (hơn 256 tầng, ở dòng {line}): sơ đồ do "
                    "trình vẽ lưu không bao giờ như vậy. Bỏ phần lồng sâu đó (thường là nội dung dán vào "
                    "documentation), hoặc mở sơ đồ bằng trình vẽ và lưu lại.",
    "not_bpmn": "Tệp là XML nhưng không phải sơ đồ BPMN 2.0: phần tử gốc là «{root}», cần bpmn:definitions "
                "(không gian tên http://www.omg.org/spec/BPMN/20100524/MODEL). Xuất lại sơ đồ từ trình vẽ "
                "dưới dạng BPMN 2.0.",
    "no_process": "Tệp không có quy trình nào. Vẽ quy trình trong một khung (pool): sự kiện bắt đầu, các "
                  "bước trong các làn, sự kiện kết thúc.",
    "not_executable": "Quy trình chưa được đánh dấu là chạy được, nên hệ thống không nạp nó. Chọn khung "
                      "(pool) của quy trình trong trình vẽ và bật «Executable» (trong XML: "
                      "isExecutable=\"true\").",

    # The drawing (diagram interchange, bpmndi): the process still runs, the officer's page does not
    # show what is missing.
    "warning": "Cảnh báo: {message}",
    "di_none": "Sơ đồ không có phần trình bày để vẽ (BPMNDiagram), nên trang hồ sơ của cán bộ không vẽ được "
               "quy trình và không chỉ được hồ sơ đang ở bước nào. Mở sơ đồ bằng một trình vẽ vẽ được nó "
               "(bpmn.io, Camunda Modeler; trình vẽ không hiện được thì vẽ lại) và lưu lại.",
    "di_shape_missing": "{kind} không có hình trong phần trình bày của sơ đồ (BPMNShape), nên sơ đồ trên trang "
                        "hồ sơ của cán bộ không hiện nó, kể cả khi hồ sơ đang ở đây. Mở sơ đồ bằng một trình vẽ "
                        "vẽ được phần tử này (trình vẽ không hiện nó thì xóa và vẽ lại) và lưu lại.",
    "di_edge_missing": "Luồng {flow} không có nét vẽ trong phần trình bày của sơ đồ (BPMNEdge), nên sơ đồ trên "
                       "trang hồ sơ của cán bộ không hiện mũi tên này. Mở sơ đồ bằng một trình vẽ vẽ được nó "
                       "(trình vẽ không hiện nó thì xóa và vẽ lại mũi tên) và lưu lại.",
    "di_dangling": "Hình vẽ trỏ tới phần tử «{ref}» (bpmnElement), nhưng sơ đồ không có phần tử nào mang id đó, "
                   "nên trang hồ sơ của cán bộ bỏ qua hình này (phần tử có lẽ đã bị xóa hay đổi id khi sửa tay "
                   "tệp). Sửa bpmnElement cho đúng id, hoặc mở sơ đồ bằng trình vẽ và lưu lại để bỏ hình thừa.",

    # Lanes and who works a step.
    "unknown_lane": "Làn «{lane}» không ứng với vai trò nào{guess}. Đặt tên làn là một trong: {labels} "
                    "(hoặc mã vai trò: {codes}).",
    "citizen_lane": "Làn «{lane}»: công dân không có làn, vì công dân không làm bước nào trong hộp công việc: "
                    "việc công dân làm sau khi nộp (bổ sung, nộp phí, rút hồ sơ) là tin nhắn chờ ở giữa quy trình "
                    "(mục 5 của hướng dẫn). Bỏ làn này; sự kiện bắt đầu đặt ở làn nào cũng được, bước của cán bộ "
                    "chuyển vào làn của vai trò xử lý.",
    "lane_unnamed": "Làn chưa có tên nên không ứng với vai trò nào{guess}. Đặt tên làn là một trong: {labels} "
                    "(hoặc mã vai trò: {codes}).",
    "task_without_lane": "{kind} không nằm trong làn nào nên không biết vai trò nào xử lý. Kéo bước này "
                         "vào một làn: {labels}.",
    "node_in_two_lanes": "Bước này được xếp vào hai làn, «{first}» và «{second}», nên không rõ vai trò nào xử lý "
                         "(khi chạy, làn ghi sau cùng được dùng). Mỗi bước thuộc đúng một làn: trong trình vẽ, kéo "
                         "bước vào làn đúng; trong tệp XML, xóa dòng <bpmn:flowNodeRef>{id}</bpmn:flowNodeRef> ở làn "
                         "không đúng.",

    # Properties of a step.
    "unknown_property": "Thuộc tính «{prop}» không được hỗ trợ{guess}. Các thuộc tính dùng được (viết đúng "
                        "chữ hoa, chữ thường): " + KNOWN_PROPERTIES_HELP + ".",
    "guess": " (có phải ý bạn là «{name}»?)",
    "or": " hoặc ",
    "and": " và ",
    "nothing": "không có",
    "property_incomplete": "Một thuộc tính của bước thiếu tên (name) hoặc giá trị (value). Mỗi thuộc tính cần "
                           "cả hai, ví dụ name=\"status\" value=\"4\".",
    "property_twice": "Thuộc tính «{prop}» được đặt hai lần với hai giá trị khác nhau («{first}» và "
                      "«{second}»), có thể một lần trong spiffworkflow:properties và một lần trong "
                      "camunda:properties. Giữ lại một.",
    "status": "Thuộc tính status phải là số nguyên từ 1 đến 10 (trạng thái hồ sơ công khai), không phải "
              "«{value}». Các trạng thái: 1 Mới đăng ký, 2 Được tiếp nhận, 3 Không được tiếp nhận, "
              "4 Đang xử lý, 5 Yêu cầu bổ sung giấy tờ, 6 Yêu cầu thực hiện nghĩa vụ tài chính, 7 Công "
              "dân yêu cầu rút hồ sơ, 8 Dừng xử lý, 9 Đã xử lý xong, 10 Đã trả kết quả.",
    "status_spelling": "Thuộc tính status phải viết {fixed}, không viết {value}: trạng thái là một số nguyên từ 1 "
                       "đến 10, viết không có chữ số 0 ở đầu hay dấu cách, để mọi nơi trong hệ thống (trạng thái của "
                       "hồ sơ, kiểm tra sơ đồ, trang công việc của cán bộ) đọc nó như nhau. Sửa thành {fixed}.",
    "end_no_status": "Sự kiện kết thúc của quy trình chưa có thuộc tính status, nên hồ sơ kết thúc ở đây vẫn mang "
                     "trạng thái trước đó (như 1 Mới đăng ký hay 4 Đang xử lý): công dân và cán bộ thấy hồ sơ như vẫn "
                     "đang chờ, dù quy trình đã xong. Đặt status là trạng thái kết thúc của nhánh này, một trong: "
                     "{finals}; ví dụ <spiffworkflow:property name=\"status\" value=\"10\" />.",
    "end_status_not_final": "Sự kiện kết thúc của quy trình có status {value} ({label}), không phải trạng thái kết "
                            "thúc hồ sơ, nên hồ sơ đã xong mà vẫn hiện «{label}» như còn đang giải quyết. Đặt status "
                            "là trạng thái kết thúc của nhánh này, một trong: {finals}{hint}.",
    "end_status_9": " (trạng thái 9 đặt trên sự kiện trước bước «Trả kết quả», như «Đã xử lý xong» của sơ đồ mẫu: "
                    "QT-22)",
    "agency_code_case": "Thuộc tính agency «{value}» phải là mã định danh cơ quan viết chữ in hoa{spaces}, ví dụ "
                        "000.00.30.H99: sửa thành «{fixed}».",
    "agency_and_spaces": ", không có dấu cách ở đầu hay cuối",
    "agency_field_free": "Thuộc tính agency đọc mã cơ quan từ trường «{name}» (biểu mẫu {forms}), mà trường đó "
                         "nhận chữ gõ tùy ý (không có enum, oneOf hay pattern): cán bộ gõ tên («công an tỉnh») thay "
                         "vì mã thì bước này không tới được cơ quan nào, hồ sơ báo lỗi cơ quan và bước về cơ quan giải "
                         "quyết hồ sơ. Cho trường danh sách mã, ví dụ \"oneOf\": [{{\"const\": \"000.00.30.H99\", "
                         "\"title\": \"Công an tỉnh\"}}], hoặc \"pattern\": \"^[0-9A-Z]{{2,4}}(\\\\.[0-9A-Z]{{2,4}}){{2,4}}$\" "
                         "(QT-07).",
    "agency_code_spaces": "Thuộc tính agency «{value}» có dấu cách ở đầu hoặc cuối. Mã định danh cơ quan được đọc "
                          "đúng từng ký tự: có dấu cách, nó không còn là một mã mà bị đọc như một biểu thức, nên hồ sơ "
                          "tới bước này sẽ dừng với lỗi. Xóa dấu cách: «{fixed}».",
    "agency_no_officer": "Thuộc tính agency «{value}» giao bước này cho cơ quan đó, nhưng trong cơ sở dữ liệu cơ quan "
                         "«{value}» không có tài khoản cán bộ nào đang hoạt động với vai trò «{role}» ({code}, vai trò "
                         "của làn «{lane}»){others}: hồ sơ tới bước này sẽ nằm chờ mà không vào hộp công việc của ai. "
                         "Lập tài khoản cán bộ vai trò «{role}» cho cơ quan «{value}» trước khi thủ tục nhận hồ sơ "
                         "(motcua officers add <tên đăng nhập> --role {code} --agency {value} --name … --email …, hoặc "
                         "trang «Cán bộ» › «Thêm cán bộ» của quản trị viên), mở lại tài khoản đã khóa, hoặc sửa mã cơ "
                         "quan hay làn của bước.",
    "entry_agency_no_officer": "Bước không có thuộc tính agency nên thuộc cơ quan giải quyết «{value}» của thủ tục "
                               "({entry}), nhưng trong cơ sở dữ liệu cơ quan «{value}» không có tài khoản cán bộ "
                               "nào đang hoạt động với vai trò «{role}» ({code}, vai trò của làn «{lane}»){others}: "
                               "hồ sơ tới bước này sẽ nằm chờ mà không vào hộp công việc của ai. Lập tài khoản cán "
                               "bộ vai trò «{role}» cho cơ quan «{value}» (motcua officers add <tên đăng nhập> --role "
                               "{code} --agency {value} --name … --email …, hoặc trang «Cán bộ» › «Thêm cán bộ» của "
                               "quản trị viên), đặt bước vào làn của một vai trò cơ quan có, hoặc ghi agency là mã "
                               "cơ quan có cán bộ vai trò đó.",
    "agency_other_roles": "; cơ quan có cán bộ vai trò {roles}",
    "agency_no_roles": "; cơ quan chưa có cán bộ nào đang hoạt động",
    "agency_invalid": "Thuộc tính agency «{value}» không phải mã định danh cơ quan. Ghi mã định danh của cơ "
                      "quan xử lý bước (chữ in hoa), ví dụ 000.00.30.H99, không ghi tên cơ quan; hoặc tên một "
                      "trường dữ liệu hồ sơ chứa mã đó, ví dụ co_quan_phoi_hop.",
    "agency_no_time_limit": "Bước lấy ý kiến cơ quan «{value}» (thuộc tính agency) không có thời hạn riêng "
                            "(timeLimit), nên cơ quan được lấy ý kiến chỉ bị tính theo ngày hẹn trả của cả hồ sơ: hộp "
                            "công việc và Phiếu kiểm soát không cho biết cơ quan đó trả lời trễ. Mỗi lần lấy ý kiến "
                            "có thời hạn riêng: thêm thuộc tính timeLimit cho bước, ví dụ working_days(5) (QT-07).",
    "agency_choice_invalid": "Thuộc tính agency đọc mã cơ quan từ trường «{name}», mà biểu mẫu {form} cho chọn "
                             "«{value}», không phải mã cơ quan (dạng 000.00.30.H99, chữ hoa){fixed}: chọn giá trị "
                             "này thì bước không tới được cơ quan nào và về cơ quan giải quyết hồ sơ. Sửa giá trị "
                             "trong enum (hoặc const của oneOf) thành mã cơ quan; tên cơ quan để ở \"title\" (QT-07).",
    "agency_choice_fixed": ", có phải là «{fixed}»?",
    "agency_choice_unknown": "Thuộc tính agency đọc mã cơ quan từ trường «{name}», mà biểu mẫu {form} cho chọn "
                             "«{value}», không phải mã của cơ quan nào trong hệ thống{guess}: chọn giá trị này thì "
                             "bước không tới được cán bộ nào. Sửa mã trong biểu mẫu, hoặc nạp cơ quan đó trước "
                             "(motcua agencies load) (QT-07).",
    "agency_unknown": "Thuộc tính agency «{value}» không phải mã của cơ quan nào trong hệ thống{guess}, nên bước "
                      "sẽ không tới được cán bộ cơ quan cần lấy ý kiến. Sửa mã, hoặc nạp cơ quan đó trước "
                      "(motcua agencies load).",
    "no_status_2": "Quy trình không có phần tử nào mang status 2 (Được tiếp nhận). Khi hồ sơ đạt trạng thái 2, "
                   "hệ thống cấp mã hồ sơ cho công dân, tính ngày hẹn trả và in Giấy tiếp nhận và hẹn trả kết "
                   "quả (Mẫu 01); thiếu nó, hồ sơ được xử lý mà không có mã, không có hạn giải quyết. Đặt status "
                   "2 trên sự kiện ngay sau khi Bộ phận Một cửa tiếp nhận (ví dụ «Tiếp nhận, cấp mã hồ sơ»).",
    "no_status_9": "Quy trình không có phần tử nào mang status 9 (Đã xử lý xong). Khi hồ sơ đạt trạng thái 9, "
                   "hệ thống tạo và ký số kết quả để trả cho công dân; thiếu nó, công dân không bao giờ nhận "
                   "được kết quả. Đặt status 9 trên bước hoặc sự kiện ngay sau khi lãnh đạo phê duyệt.",
    "marks_late": "Thuộc tính marksLate chỉ nhận giá trị true hoặc false (viết thường), không phải «{value}».",
    "form_schema_file": "biểu mẫu (formJsonSchemaFilename)",
    "form_ui_file": "giao diện biểu mẫu (formUiSchemaFilename)",
    "entry_form_schema_file": "tờ khai (trường form của mục danh mục)",
    "entry_form_ui_file": "giao diện tờ khai (trường ui_schema của mục danh mục)",
    "form_missing": "Không tìm thấy tệp {what} «{path}» trong thư mục forms/{guess}. Đường dẫn tính từ "
                    "thư mục forms/, ví dụ common/tham_dinh.schema.json, và phân biệt chữ hoa, chữ thường.",
    "form_escape": "Đường dẫn {what} «{path}» phải nằm trong thư mục forms/ và viết tương đối, ví dụ "
                   "common/tham_dinh.schema.json (không bắt đầu bằng «/», không có «..»).",
    "form_encoding": "Tệp {what} «{path}» không lưu bằng mã UTF-8. Lưu lại tệp với mã hóa UTF-8.",
    "form_json": "Tệp {what} «{path}» {problem}",
    "json_empty": "là tệp rỗng, không có nội dung JSON nào. Viết nội dung vào tệp (bắt đầu bằng { và kết thúc "
                  "bằng }), lưu lại, rồi kiểm tra lại; hoặc xóa tệp nếu không dùng đến.",
    "json_invalid": "không phải JSON hợp lệ: lỗi ở dòng {line}, cột {column}: {what}. Sửa tệp rồi kiểm tra lại.",
    # What Python's json module says, as an analyst reads it (engine/form_check.py json_problem).
    "json_errors": {
        "Expecting property name enclosed in double quotes": "cần tên khóa trong dấu nháy kép; thường là thừa dấu "
                                                             "phẩy ngay trước dấu }",
        "Expecting value": "thiếu một giá trị; thường là thừa dấu phẩy ngay trước dấu ] hay }, hoặc chữ viết "
                           "không có dấu nháy kép",
        "Expecting ',' delimiter": "thiếu dấu phẩy giữa hai mục",
        "Expecting ':' delimiter": "thiếu dấu hai chấm sau tên khóa",
        "Unterminated string starting at": "mở dấu nháy kép mà không đóng",
        "Invalid control character at": "chuỗi có ký tự xuống dòng hay ký tự điều khiển (viết \\n)",
        "Invalid \\escape": "dấu \\ trong chuỗi phải viết \\\\",
        "Extra data": "còn nội dung sau khi JSON đã kết thúc (thừa dấu ngoặc, hay hai đối tượng liền nhau)",
    },
    "json_property_name": "cần tên khóa trong dấu nháy kép mà gặp «{found}»: thường là thừa dấu ngoặc {{ hay [, "
                          "hoặc tên khóa viết trong dấu nháy đơn hay không có dấu nháy",
    "json_other": "cú pháp sai, thường là thiếu hoặc thừa dấu phẩy, dấu ngoặc, dấu nháy kép (Chi tiết: {detail})",
    "form_schema": "Tệp biểu mẫu «{path}» không phải JSON Schema hợp lệ: {where}: {detail}. Sửa tệp theo "
                   "JSON Schema 2020-12, lấy forms/common/tham_dinh.schema.json làm mẫu.",
    "form_not_object": "Tệp {what} «{path}» không mô tả một biểu mẫu: nội dung phải là một đối tượng JSON "
                       "{shape}.{swap}",
    "form_shape_schema": "có \"type\": \"object\" và \"properties\" (các trường)",
    "form_shape_ui": "({…})",
    "entry_form_swapped": " Có lẽ hai trường form (tệp .schema.json) và ui_schema (tệp .uischema.json) của mục "
                          "danh mục bị đổi chỗ.",
    "form_swapped": " Có lẽ hai thuộc tính formJsonSchemaFilename (tệp .schema.json) và "
                    "formUiSchemaFilename (tệp .uischema.json) bị đổi chỗ.",
    "form_unusable": "Tệp biểu mẫu «{path}» không dùng được để kiểm tra dữ liệu: công dân hay cán bộ gửi "
                     "biểu mẫu sẽ gặp lỗi. Sửa tệp theo JSON Schema 2020-12, lấy forms/common/tham_dinh.schema.json "
                     "làm mẫu. (Chi tiết: {detail})",
    "form_at_root": "Tệp biểu mẫu «{path}»",
    "form_at_field": "Tệp biểu mẫu «{path}», trường «{field}»",
    "form_type": "{at}: kiểu (type) «{value}» không có{guess}, nên khi công dân hay cán bộ gửi biểu mẫu hệ "
                 "thống báo lỗi. Dùng một trong: string (chuỗi), integer (số nguyên), number (số), boolean "
                 "(đúng/sai), array (danh sách), object (nhóm trường).",
    "form_ref": "{at}: «$ref» trỏ tới «{ref}» nhưng trong tệp không có phần đó, nên biểu mẫu không kiểm tra "
                "được dữ liệu. Sửa «$ref» cho đúng một định nghĩa trong cùng tệp (ví dụ #/$defs/dia_chi), "
                "hoặc viết thẳng các trường vào chỗ này.",
    "form_enum_empty": "{at}: danh sách giá trị cho phép (enum) rỗng, nên không giá trị nào nhập được và biểu "
                       "mẫu không bao giờ gửi được. Ghi các giá trị cho phép vào enum, hoặc bỏ enum.",
    "form_format": "{at}: định dạng (format) «{value}» không được hỗ trợ{guess}, nên giá trị không được kiểm "
                   "tra. Dùng một trong: {formats}; hoặc bỏ format và dùng pattern.",
    "form_format_file": "{at}: định dạng (format) «{value}» là ô tải tệp lên, mà biểu mẫu ở đây không nhận tệp. "
                        "Giấy tờ công dân nộp kèm là thành phần hồ sơ: khai nó trong «components» của mục danh mục "
                        "(mã code, tên name, required; QT-62), Cổng và Bộ phận Một cửa nhận tệp của nó; rồi bỏ "
                        "trường này khỏi biểu mẫu.",
    "form_date_bound": "{at}: {key} = {value} không dùng được: nó chỉ đặt trên trường \"format\": \"date\", và "
                       "là một ngày viết YYYY-MM-DD (ví dụ \"1900-01-01\") hoặc \"today\" (hôm nay, ví dụ ngày "
                       "sinh không được sau hôm nay: \"formatMaximum\": \"today\").",
    "form_required_missing": "{at}: trường bắt buộc (required) «{name}» không có trong properties{guess}, mà "
                             "biểu mẫu không nhận trường nào khác (additionalProperties: false), nên không ai "
                             "gửi được biểu mẫu. Thêm «{name}» vào properties, hoặc bỏ nó khỏi required.",
    "form_date_bounds_crossed": "{at}: ngày sớm nhất (formatMinimum = {low}) sau ngày muộn nhất (formatMaximum = "
                                "{high}), nên không chọn được ngày nào và không ai gửi được biểu mẫu. Có lẽ hai giá trị "
                                "bị đổi chỗ: formatMinimum là ngày sớm nhất, formatMaximum là ngày muộn nhất (ví dụ "
                                "ngày sinh: \"formatMinimum\": \"1900-01-01\", \"formatMaximum\": \"today\").",
    "form_related_shape": "{at}: {key} = {value} không dùng được: giới hạn là một giá trị ({example}), hoặc trường "
                          "khác của biểu mẫu viết {{\"$data\": \"1/tên_trường\"}} (trường tên_trường cạnh trường "
                          "này), không có khóa nào khác.",
    "form_related_pointer": "{at}: {key} trỏ tới «{pointer}», không phải một trường của biểu mẫu. Viết số bậc đi "
                            "lên rồi tên trường: \"1/tu_nam\" là trường tu_nam cạnh trường này (cùng nhóm, cùng "
                            "mục danh sách), \"2/ngay_sinh\" là trường ngay_sinh của nhóm chứa nhóm này; hoặc "
                            "\"/ngay_sinh\" là trường ngay_sinh ở gốc biểu mẫu.",
    "form_related_above": "{at}: {key} trỏ tới «{pointer}», đi lên quá gốc biểu mẫu: trường này chỉ có {levels} bậc "
                          "phía trên (mỗi nhóm, mỗi mục danh sách là một bậc). \"1/…\" là trường cạnh trường này; "
                          "\"/…\" là trường ở gốc biểu mẫu.",
    "form_related_own_date": "{at}: {key} so với trường khác ({pointer}), nhưng trường này không phải ngày "
                             "(\"format\": \"date\"): so sánh ngày chỉ đặt trên trường ngày. Với số, dùng minimum "
                             "hoặc maximum.",
    "form_related_meant": " (có phải ý bạn là «{pointer}»?)",
    "form_related_place": "{at}: {key} trỏ tới trường khác ({pointer}), nhưng trường này nằm trong phần mà vị "
                          "trí dữ liệu không biết trước (definitions, patternProperties…). Chỉ đặt giới hạn theo "
                          "trường khác trên trường khai trong properties (hoặc mục của danh sách, items).",
    "form_related_missing": "{at}: {key} trỏ tới «{pointer}», nhưng ở đó biểu mẫu không có trường «{name}»{guess}, "
                            "nên giới hạn này không bao giờ được kiểm tra. Sửa tên trường, hoặc số bậc đi lên "
                            "(\"1/…\" là trường cạnh trường này).",
    "form_related_items": "{at}: {key} trỏ tới «{pointer}», nhưng trong dữ liệu một mục của danh sách được gọi bằng "
                          "số thứ tự (0 là mục đầu), không phải «items», nên giới hạn này không bao giờ được kiểm "
                          "tra. Ghi số của mục, ví dụ «{example}»; để so với trường cùng mục, đặt giới hạn trong "
                          "«items» và đi lên từ đó (\"1/…\").",
    "form_related_kind": "{at}: {key} so với trường «{name}» ({pointer}), nhưng trường đó {kind}. {need}",
    "form_related_need_number": "So sánh số cần trường kia là số (integer hoặc number).",
    "form_related_need_date": "So sánh ngày cần trường kia là ngày (\"format\": \"date\").",
    "form_related_not_number": "không phải số",
    "form_related_not_date": "không phải ngày (\"format\": \"date\")",
    "form_related_examples": {"number": "ví dụ 1900", "date": "ví dụ \"1900-01-01\" hoặc \"today\""},
    "form_today_is": " (hôm nay, {day})",
    "form_keyword_unknown": "{at}: «{key}» không phải từ khóa mà hệ thống đọc (JSON Schema 2020-12, cùng "
                            "errorMessage, formatMinimum, formatMaximum){guess}, nên nó bị bỏ qua khi kiểm tra và khi "
                            "hiện biểu mẫu. Sửa cho đúng tên từ khóa, hoặc xóa nó.",
    "form_keyword_ui": "{at}: «{key}» là thiết lập hiển thị, thuộc tệp giao diện (formUiSchemaFilename của bước, "
                       "ui_schema của mục danh mục) dưới tên trường{instead}, không thuộc tệp biểu mẫu: ở đây nó bị "
                       "bỏ qua.",
    "form_keyword_ui_names": " với tên «ui:enumNames» (hoặc dùng oneOf gồm các {\"const\": …, \"title\": …} "
                             "ngay trong tệp biểu mẫu)",
    "form_keyword_type": "{at}: «{key}» chỉ có tác dụng với trường {applies}, mà trường này có kiểu (type) {kinds}, "
                         "nên nó bị bỏ qua.{instead} Bỏ «{key}», hoặc sửa kiểu của trường.",
    "form_keyword_instead": " Với trường {kind}, từ khóa tương ứng là «{key}».",
    "form_kinds": {"string": "chữ (string)", "integer": "số nguyên (integer)", "number": "số (number)",
                   "boolean": "đúng/sai (boolean)", "array": "danh sách (array)", "object": "nhóm trường (object)",
                   "null": "rỗng (null)"},
    "form_meta_field": "trường «{field}»",
    "form_meta_keyword": "từ khóa «{keyword}»",
    "form_meta": {
        "type": "{value} phải là {kinds}",
        "minimum": "{value} nhỏ hơn mức thấp nhất cho phép, {limit}",
        "minItems": "danh sách {value} phải có ít nhất {limit} mục",
        "uniqueItems": "danh sách {value} ghi một giá trị nhiều lần; mỗi giá trị chỉ ghi một lần",
        "regex": "{value} không phải biểu thức chính quy (pattern) viết đúng: {reason}",
    },
    "form_meta_or": " hoặc ",
    "form_meta_other": "giá trị {value} không đúng cách viết của JSON Schema (Chi tiết: {detail})",
    "regex_errors": {
        "unterminated character set": "mở «[» mà không đóng bằng «]»",
        "missing ), unterminated subpattern": "mở «(» mà không đóng bằng «)»",
        "unbalanced parenthesis": "có «)» không có «(» đi trước",
        "nothing to repeat": "dấu lặp (*, +, ?, {…}) không đứng sau ký tự nào",
        "multiple repeat": "hai dấu lặp (*, +, ?, {…}) đứng liền nhau",
        "bad escape": "dấu «\\» đứng trước một ký tự không dùng được; viết «\\\\» nếu muốn chính dấu «\\»",
        "bad character range": "khoảng ký tự viết ngược (như «[9-0]», phải là «[0-9]»)",
    },
    "regex_at": " (ở ký tự thứ {position})",
    "regex_other": "biểu thức sai cú pháp (Chi tiết: {detail})",
    "ui_at_root": "Tệp giao diện biểu mẫu «{path}»",
    "ui_at_field": "Tệp giao diện biểu mẫu «{path}», trường «{field}»",
    "ui_enum_names_list": "{at}: «ui:enumNames» phải là một danh sách nhãn, mỗi giá trị của enum một nhãn, ví dụ "
                          "[\"Quy mô nhỏ\", \"Quy mô lớn\"], không phải {value}.",
    "ui_enum_names_count": "{at}: «ui:enumNames» có {labels} nhãn nhưng trường có {count} giá trị trong tệp biểu mẫu "
                           "«{schema}» ({values}), nên nhãn bị lệch hoặc thiếu: người dùng có thể chọn một nhãn mà "
                           "gửi đi giá trị khác, hoặc thấy giá trị thô. Ghi đúng {count} nhãn, cùng thứ tự với các "
                           "giá trị đó (trường đúng/sai: nhãn của true rồi nhãn của false).",
    "ui_enum_names_no_enum": "{at}: có «ui:enumNames» nhưng trong tệp biểu mẫu «{schema}» trường này không có danh "
                             "sách giá trị (enum), nên các nhãn không hiện ở đâu{hint}. Thêm \"enum\" với các giá trị "
                             "tương ứng (cùng số, cùng thứ tự với nhãn) vào trường trong tệp biểu mẫu, hoặc bỏ "
                             "«ui:enumNames».",
    "ui_enum_names_one_of": " (trường dùng oneOf: nhãn là title của từng {\"const\": …, \"title\": …})",
    "ui_unknown_field": "{at}: tệp biểu mẫu «{schema}» không có trường «{name}»{guess}, nên các thiết lập giao diện "
                        "ghi cho nó (ui:enumNames, ui:widget…) không được dùng. Sửa cho đúng tên một trường của "
                        "biểu mẫu, hoặc xóa mục «{name}».",
    "ui_confirm_unknown": "{at}: «ui:confirm» đặt câu hỏi cho giá trị {value}, nhưng trường chỉ nhận {values} (tệp "
                          "biểu mẫu «{schema}»){guess}, nên câu hỏi không bao giờ hiện và cán bộ gửi quyết định đó "
                          "mà không được hỏi lại. Sửa cho đúng một giá trị của trường (đúng từng ký tự).",
    "ui_confirm_map": "{at}: «ui:confirm» phải là một đối tượng ghi giá trị và câu hỏi, ví dụ {{\"tu_choi\": \"Từ chối "
                      "tiếp nhận hồ sơ?\"}}, không phải {value}, nên không câu hỏi nào hiện.",
    "ui_shown_when_shape": "{at}: «ui:shownWhen» phải ghi một trường lựa chọn của cùng nhóm và các giá trị làm "
                           "trường này hiện, ví dụ {{\"quyet_dinh\": [\"tu_choi\", \"yeu_cau_bo_sung\"]}}, không phải "
                           "{value}, nên trường luôn hiện.",
    "ui_shown_when_field": "{at}: «ui:shownWhen» dựa vào trường «{name}», nhưng nhóm chứa trường này không có trường "
                           "nào tên như vậy (tệp biểu mẫu «{schema}»){guess}, nên trường luôn hiện. Ghi tên một "
                           "trường lựa chọn cạnh trường này.",
    "ui_shown_when_not_choice": "{at}: «ui:shownWhen» dựa vào trường «{name}», nhưng trường đó không phải trường chọn "
                                "một giá trị (có enum, oneOf hay đúng/sai; danh sách chọn nhiều giá trị không dùng "
                                "được) (tệp biểu mẫu «{schema}»), nên trường này không hiện đúng lúc. Ghi tên một "
                                "trường chọn một giá trị cạnh trường này.",
    "ui_shown_when_always_required": "{at}: «ui:shownWhen» ẩn trường khi «{name}» có giá trị khác, nhưng tệp biểu "
                                     "mẫu «{schema}» luôn bắt buộc trường này (required), nên với những giá trị đó "
                                     "không ai gửi được biểu mẫu. Bỏ «ui:shownWhen», hoặc chỉ bắt buộc trường trong "
                                     "các nhánh if/then của những giá trị làm nó hiện.",
    "ui_shown_when_required": "{at}: «ui:shownWhen» ẩn trường khi «{name}» là {values}, nhưng tệp biểu mẫu «{schema}» "
                              "bắt buộc trường này với giá trị đó (nhánh if/then hay else), nên khi chọn nó không ai gửi "
                              "được biểu mẫu. Thêm giá trị đó vào «ui:shownWhen».",
    "ui_shown_when_self": "{at}: «ui:shownWhen» dựa vào chính trường «{name}», nên trường không bao giờ hiện (nó "
                          "chờ một giá trị mà chỉ nó mới nhận){guess}. Ghi tên một trường lựa chọn khác cạnh trường này.",
    "ui_shown_when_loop": "{at}: «ui:shownWhen» làm các trường dựa vào nhau thành vòng {chain} (tệp biểu mẫu "
                          "«{schema}»): mỗi trường chờ một trường đang ẩn, nên không trường nào trong vòng hiện được. "
                          "Bỏ «ui:shownWhen» của một trường trong vòng để nó luôn hiện.",
    "ui_shown_when_value": "{at}: «ui:shownWhen» cho hiện trường khi «{name}» là {value}, nhưng trường đó chỉ nhận "
                           "{values} (tệp biểu mẫu «{schema}»){guess}, nên với giá trị này trường không bao giờ hiện. "
                           "Sửa cho đúng một giá trị của trường (đúng từng ký tự).",
    "ui_order_list": "{at}: «ui:order» phải là một danh sách tên trường theo thứ tự hiển thị, ví dụ [\"ho_ten\", "
                     "\"so_cccd\", \"*\"], không phải {value}, nên biểu mẫu không hiện theo thứ tự bạn định (với null "
                     "hay một số, biểu mẫu không mở được).",
    "ui_order_form": "tệp biểu mẫu «{schema}»",
    "ui_order_group": "nhóm trường này trong tệp biểu mẫu «{schema}»",
    "ui_order_container_form": "biểu mẫu",
    "ui_order_container_group": "nhóm",
    "ui_order_at_end": "hiện ở cuối {container}, sau các trường «ui:order» liệt kê",
    "ui_order_at_star": "hiện ở chỗ dấu \"*\", cùng các trường «ui:order» không liệt kê",
    "ui_order_fields": "trường {names}",
    "ui_order_unknown": "{at}: «ui:order» ghi «{name}» nhưng {where} không có trường đó{guess}, nên tên này bị bỏ "
                        "qua khi hiện biểu mẫu{gone}. Sửa cho đúng tên một trường, hoặc xóa «{name}» khỏi «ui:order».",
    "ui_order_meant": ", còn trường «{name}» không có trong «ui:order» nên {place}",
    "ui_order_missing": "{at}: «ui:order» không liệt kê {fields} của {where} và không có \"*\", nên {fields} {place} "
                        "(theo thứ tự trong tệp biểu mẫu), có lẽ không đúng chỗ bạn định. Thêm {fields} vào "
                        "«ui:order» ở đúng chỗ, hoặc thêm \"*\" vào chỗ các trường không liệt kê sẽ hiện.",
    "ui_order_twice": "{at}: «ui:order» ghi «{name}» {count} lần, nên {effect}. Chỉ ghi mỗi tên một lần.",
    "ui_order_twice_field": "trường hiện {count} lần trên biểu mẫu",
    "ui_order_twice_star": "biểu mẫu không mở được: chỉ dấu \"*\" đầu tiên đứng cho các trường không liệt kê, dấu "
                           "sau bị đọc như tên một trường không có",
    "task_no_form": "Công việc người dùng (user task) chưa có biểu mẫu, nên cán bộ mở bước chỉ thấy nút "
                    "«Hoàn thành» mà không nhập được gì, và các bước sau không có dữ liệu của bước này. Thêm "
                    "thuộc tính formJsonSchemaFilename, ví dụ common/tham_dinh.schema.json (mục 3 của "
                    "docs/ANALYST.md).",
    "ui_without_form": "Bước có formUiSchemaFilename nhưng thiếu formJsonSchemaFilename. Thêm thuộc tính "
                       "formJsonSchemaFilename chỉ tới tệp JSON Schema của biểu mẫu (ví dụ "
                       "common/tham_dinh.schema.json).",

    # Expressions: deadlines, conditions, scripts.
    "expression": "Biểu thức «{prop}» không hợp lệ: {detail}.{hint}",
    "deadline_hint": " Viết thời hạn bằng một hàm lịch làm việc, ví dụ " + DEADLINE_EXAMPLES + ".",
    "condition_hint": " Viết điều kiện như: " + CONDITION_EXAMPLE + ".",
    "equals_hint": " Sửa thành: {fixed}",
    # Python that runs but does not say what it reads as (QT-63).
    "is_value": "{what}: «{test}» dùng «is» để so với một giá trị viết thẳng. «is» hỏi hai bên có phải cùng một "
                "đối tượng trong bộ nhớ, không hỏi chúng có bằng nhau không, nên với dữ liệu hồ sơ phép thử này luôn "
                "sai (với «is not»: luôn đúng). Sửa thành: {fixed} («is» chỉ dùng với None, True, False).",
    "or_value": "{what}: trong «{test}», {value} đứng một mình giữa các vế của «or», nên luôn được coi là đúng và "
                "cả phép thử luôn đúng: «or» nối hai điều kiện, không nối hai giá trị của một trường.{fix}",
    "or_value_fix": " Viết đủ phép so sánh cho từng giá trị, ví dụ quyet_dinh == \"a\" or quyet_dinh == \"b\", "
                    "hoặc quyet_dinh in [\"a\", \"b\"].",
    "bare_condition": "{what} chỉ là giá trị {value}, không phải một phép so sánh, nên luôn {truth}. Viết một phép "
                      "so sánh với một trường của biểu mẫu, ví dụ {example}.",
    "always_true": "đúng (hồ sơ nào cũng đi nhánh này)",
    "always_false": "sai (không hồ sơ nào đi nhánh này)",
    "unknown_name": "{what} đọc «{name}», nhưng không biểu mẫu nào của thủ tục (tờ khai của công dân trong mục "
                    "danh mục, biểu mẫu các bước) có trường này, không công việc tự động nào gán nó và hệ thống "
                    "không cung cấp nó{guess}, nên hồ sơ tới đây sẽ dừng với lỗi «Không có biến '{name}'». Sửa "
                    "tên cho đúng một trường của biểu mẫu, hoặc thêm trường đó vào biểu mẫu.",
    "unquoted_value": "{what} đọc «{name}» như tên một trường dữ liệu, nhưng «{name}» là một giá trị của trường "
                      "{fields} (biểu mẫu {forms}), không phải tên trường: thiếu dấu ngoặc kép, nên hồ sơ tới đây sẽ "
                      "dừng với lỗi «Không có biến '{name}'». Viết giá trị trong ngoặc kép: {fixed}",
    "name_not_yet": "{what} đọc «{name}»{guess}, nhưng khi hồ sơ tới {where}, dữ liệu của nó chưa thể có «{name}»: "
                    "tờ khai của công dân không có trường này, và «{name}» chỉ được ghi bởi {setters}, mà không nơi "
                    "nào trong đó đi trước {where} trên đường nào của quy trình. Hồ sơ tới đây sẽ dừng với lỗi «Không "
                    "có biến '{name}'»{guarded}. Chỉ đọc dữ liệu mà tờ khai hay các bước đi trước đã ghi{before}; muốn "
                    "xét «{name}» thì đặt phép thử ở sau nơi ghi nó.",
    "name_never_set": "{what} đọc «{name}», nhưng khi hồ sơ tới {where}, không gì có thể đã ghi «{name}»: tờ khai "
                      "của công dân không có trường này, và biểu mẫu có trường «{name}» chỉ gắn với phần tử không "
                      "nhận biểu mẫu (chỉ Công việc người dùng, userTask, hiện biểu mẫu cho cán bộ), hoặc với bước "
                      "không đi trước nơi này. Hồ sơ tới đây sẽ dừng với lỗi «Không có biến '{name}'». Đổi phần tử "
                      "đó thành Công việc người dùng (userTask), hoặc chỉ đọc trường mà các bước đi trước ghi.",
    "name_optional": "{what} đọc «{name}», nhưng «{name}» không bắt buộc trong biểu mẫu {forms}: trường để trống không "
                     "được lưu vào dữ liệu hồ sơ, nên hồ sơ để trống nó tới {where} sẽ dừng với lỗi «Không có biến "
                     "'{name}'». Thêm «{name}» vào danh sách bắt buộc (required) của biểu mẫu, hoặc rẽ nhánh theo "
                     "một trường bắt buộc.",
    "parallel_same_name": "Các nhánh song song sau cổng này cùng ghi «{name}» ({steps}): dữ liệu các nhánh gộp lại ở "
                          "cổng nối, giá trị của nhánh xong sau đè giá trị của nhánh kia, nên một câu trả lời (như ý "
                          "kiến của một cơ quan) mất trước khi các bước sau đọc nó. Dùng tên trường riêng cho mỗi "
                          "nhánh (một biểu mẫu riêng cho mỗi cơ quan, ví dụ dong_y_cong_an và dong_y_xay_dung), rồi "
                          "xét cả hai sau cổng nối.",
    "name_sometimes_required": "{what} đọc «{name}», nhưng biểu mẫu {forms} chỉ bắt buộc «{name}» với một số câu trả "
                               "lời của {choices}, và trên đường tới {where} không có điều kiện nào xét {choices}: "
                               "hồ sơ có câu trả lời không bắt buộc «{name}» mà để trống nó tới đây sẽ dừng với lỗi "
                               "«Không có biến '{name}'». Đặt bước sau một cổng rẽ nhánh theo {choices} (nhánh chỉ "
                               "cho các câu trả lời bắt buộc «{name}»), hoặc thêm «{name}» vào danh sách bắt buộc "
                               "(required) của biểu mẫu.",
    "not_yet_guarded": ", kể cả khi «{name}» đứng sau and, or hay trong một nhánh if: phần đó được đọc mỗi khi phần "
                       "trước nó chưa quyết định được kết quả",
    "at_gateway": "cổng «{gateway}»",
    "at_step": "bước này",
    "at_event": "sự kiện này",
    "set_by_form": "bước «{step}» (biểu mẫu {form})",
    "set_by_script": "công việc tự động «{step}»",
    "set_by_message": "sự kiện «{event}» (khi nhận tin nhắn {message})",
    "set_by_system": "hệ thống khi hồ sơ nhận tin nhắn {message} (sơ đồ không có sự kiện nào chờ tin nhắn đó)",
    "before_steps": " (các bước, sự kiện đi trước có ghi dữ liệu: {steps})",
    "before_none": " (ở đây chỉ có dữ liệu của tờ khai)",
    "compare_type": "{what} so sánh «{name}» với {value} (trong «{test}»), nhưng biểu mẫu {forms} khai «{name}» là "
                    "{field_type}, còn {value} là {value_type}: {effect}. {fix}",
    "compare_type_order": "hai kiểu này không so sánh lớn nhỏ được, nên hồ sơ tới đây sẽ dừng với lỗi «{error}»",
    "compare_type_eq": "giá trị của hai kiểu này không bao giờ bằng nhau, nên phép so sánh luôn sai",
    "compare_type_ne": "giá trị của hai kiểu này không bao giờ bằng nhau, nên phép so sánh luôn đúng",
    "compare_fix_unquote": "Viết số không có dấu ngoặc kép: {fixed}",
    "compare_fix_bool": "Viết True hoặc False, không có dấu ngoặc kép: {fixed}",
    "compare_fix_quote": "Nếu trường chứa chữ, viết giá trị trong ngoặc kép: {fixed}; nếu trường là số, đổi kiểu "
                         "(type) của nó trong biểu mẫu thành \"integer\" hoặc \"number\".",
    "compare_fix_type": "Nếu «{name}» là số, đổi kiểu (type) của trường trong biểu mẫu thành \"integer\" hoặc "
                        "\"number\" (ô nhập khi đó chỉ nhận số); nếu không, đừng so sánh lớn nhỏ nó với một số.",
    "compare_fix_other": "So sánh «{name}» với một giá trị kiểu {type}.",
    "type_integer": "số nguyên (\"integer\")",
    "type_number": "số (\"number\")",
    "type_string": "chuỗi chữ (\"string\")",
    "type_boolean": "đúng/sai (\"boolean\")",
    "type_null": "trống (\"null\")",
    "type_array": "danh sách (\"array\")",
    "type_object": "nhóm trường (\"object\")",
    "hint_triple_equals": "; so sánh bằng viết ==, khác viết != (không viết ===, !==)",
    "hint_upper_words": "; dùng and, or, not, in viết thường thay cho AND, OR, NOT, IN",
    "hint_thousands": "; số {numbers} viết với dấu chấm ngăn cách hàng nghìn, mà trong biểu thức dấu chấm là dấu "
                      "thập phân: viết số liền, không có dấu chấm, như {fixed}",
    "branch_value_unset": "Điều kiện trên nhánh {flow} so sánh «{name}» với {value} (trong «{test}»), nhưng ngay trước "
                          "cổng rẽ nhánh «{gateway}», «{name}» là giá trị mà bước {steps} vừa ghi, và biểu mẫu {forms} "
                          "của bước đó chỉ cho chọn {values}: {value}{origin} không bao giờ có ở đây, nên "
                          "{effect}{guess}. Sửa {value} cho đúng một giá trị của bước trước cổng (đúng từng ký tự), "
                          "hoặc nếu cần xét quyết định của bước khác, đặt cổng rẽ nhánh ngay sau bước đó.",
    "branch_value_elsewhere": " (giá trị của trường cùng tên ở biểu mẫu {forms})",
    "branch_value_in": "phép thử luôn cho cùng một kết quả, vì không giá trị nào trong danh sách có ở đây",
    "names_in": "Biểu thức «{prop}»",
    "names_in_condition": "Điều kiện trên nhánh {flow}",
    "names_in_script": "Mã của công việc tự động",
    "names_in_step_script": "Mã chạy {when} bước (spiffworkflow:{ext})",
    "constant_fails": "{what} có «{part}», phần không đọc dữ liệu nào nên giống nhau với mọi hồ sơ, và phần đó "
                      "luôn gặp lỗi mỗi khi được chạy tới: {error}. Hồ sơ nào chạy tới phần đó đều dừng lại. Sửa "
                      "phần đó (ví dụ chia cho một số khác 0, viết số nhỏ hơn, lấy phần tử có trong danh sách).",
    "enum_literal": "{what} so sánh «{name}» với {value} (trong «{test}»), nhưng trường «{name}» chỉ nhận {values} "
                    "(biểu mẫu {forms}), nên {value} không bao giờ khớp và {effect}{guess}. Sửa {value} cho đúng "
                    "một giá trị của trường (đúng từng ký tự, kể cả chữ hoa, chữ thường và dấu cách), hoặc thêm "
                    "giá trị đó vào enum của trường trong biểu mẫu.",
    "enum_literal_eq": "phép so sánh luôn sai",
    "enum_literal_ne": "phép so sánh luôn đúng",
    "enum_literal_in": "nó đứng trong danh sách mà không có tác dụng",
    "dict_inline": "viết thẳng",
    "dict_key_missing": "{what} tra từ điển {dict} theo «{name}» (trong «{lookup}»), nhưng từ điển không có khóa cho "
                        "giá trị {missing} của trường «{name}» (biểu mẫu {forms}): hồ sơ có «{name}» là {missing_or} "
                        "dừng ở bước này với lỗi «{error}». Từ điển có các khóa {keys}; trường nhận {values}. Thêm "
                        "khóa {missing_or} vào từ điển (đúng từng ký tự, kể cả chữ hoa, chữ thường và dấu cách), "
                        "hoặc tra bằng {getter} nếu các giá trị còn lại dùng chung một mức.",
    "dict_key_unknown": "{what} tra từ điển {dict} theo «{name}» (trong «{lookup}»), nhưng khóa {written} của từ điển "
                        "không phải giá trị nào của trường «{name}», vốn chỉ nhận {values} (biểu mẫu {forms}), nên "
                        "giá trị ghi cho khóa đó không bao giờ được dùng{guess}. Sửa khóa cho đúng một giá trị của "
                        "trường (đúng từng ký tự, kể cả chữ hoa, chữ thường và dấu cách), hoặc xóa khóa đó.",
    "juel": "«{expr}» viết theo cú pháp biểu thức của Camunda (${{…}}). Ở đây viết thẳng biểu thức, không "
            "có ${{ và }}: {bare}",
    "feel": "«{expr}» viết theo cú pháp FEEL của Camunda 8 (bắt đầu bằng dấu =). Ở đây viết thẳng biểu thức, "
            "không có dấu = ở đầu{equals}: {bare}",
    "feel_equals": ", và so sánh bằng viết ==",
    "juel_unsupported": "«{expr}» viết theo cú pháp biểu thức của Camunda (${{…}}), và cách viết bên trong không được "
                        "hỗ trợ ở đây: ngôn ngữ biểu thức của hệ thống không có nó, nên không đổi thẳng được. Viết "
                        "lại bằng ngôn ngữ biểu thức của hệ thống (docs/ANALYST.md, mục 6), không có ${{ và }}, ví dụ "
                        "{example}.",
    "feel_unsupported": "«{expr}» viết theo cú pháp FEEL của Camunda 8 (bắt đầu bằng dấu =), và cách viết này không "
                        "được hỗ trợ ở đây: ngôn ngữ biểu thức của hệ thống không có nó, nên không đổi thẳng được. "
                        "Viết lại bằng ngôn ngữ biểu thức của hệ thống (docs/ANALYST.md, mục 6), không có dấu = ở "
                        "đầu và so sánh bằng viết ==, ví dụ {example}; với danh sách: any(x == \"a\" for x in ds) "
                        "(có một phần tử), all(…) (mọi phần tử).",
    "condition_example": CONDITION_EXAMPLE,
    "deadline_example": DEADLINE_EXAMPLES,
    "iso_time": "«{expr}» là cách viết thời gian ISO 8601 (của Camunda), đếm theo đồng hồ. Ở đây thời hạn "
                "tính theo lịch làm việc: dùng {suggestion}.",
    "iso_hours": "working_hours({n})",
    "iso_days": "working_days({n}) (ngày làm việc) hoặc calendar_days({n}) (ngày lịch)",
    "iso_other": "một hàm lịch làm việc, ví dụ " + DEADLINE_EXAMPLES,
    "timer_kind": "Bộ hẹn giờ dùng {kind}{value}: loại này đếm giờ đồng hồ, còn thời hạn hồ sơ tính theo "
                  "lịch làm việc. Đổi loại hẹn giờ thành «Date» (timeDate) với biểu thức {suggestion}.",
    "timer_empty": "Bộ hẹn giờ chưa có biểu thức thời hạn. Chọn loại «Date» (timeDate) và ghi một hàm lịch "
                   "làm việc, ví dụ " + DEADLINE_EXAMPLES + ".",
    "deadline_start": "Biểu thức «{prop}» tính thời hạn từ mốc «{name}», nhưng trong biểu mẫu {form}, «{name}» là "
                      "{what}, không phải một thời điểm có giờ và múi giờ, nên hồ sơ tới đây sẽ dừng với lỗi «mốc "
                      "thời gian … không phải thời điểm ISO 8601». Đổi trường thành ngày giờ (\"format\": "
                      "\"date-time\"), hoặc bỏ mốc để tính từ lúc bước bắt đầu: {without}.",
    "start_date": "trường ngày (\"format\": \"date\", chỉ có ngày)",
    "start_string": "trường chữ",
    "start_integer": "trường số",
    "start_number": "trường số",
    "start_other": "trường kiểu {type}",
    "deadline_comma": "Biểu thức «{prop}» = «{expr}»: trong {call}, dấu phẩy ngăn hai đối số, nên «{fraction}» "
                      "bị hiểu là mốc thời gian bắt đầu tính, không phải phần lẻ của {whole}. Trong biểu thức, dấu "
                      "thập phân là dấu chấm, dấu phẩy chỉ ngăn các đối số: {fix}.",
    "deadline_comma_fix": "viết {func}({number})",
    "deadline_comma_whole": "calendar_days chỉ đếm ngày trọn, nên viết một số nguyên ngày, hoặc working_days({number}) "
                            "nếu cần tính theo ngày làm việc",
    "timer_eval": "Biểu thức thời hạn «{expr}» không tính được: {detail}.",
    "not_instant": "kết quả không phải một thời điểm; dùng working_hours(…), working_days(…) hoặc "
                   "calendar_days(…)",
    "gateway": "Cổng rẽ nhánh có {count} nhánh ra nhưng không có nhánh mặc định và nhánh {flow} không có "
               "điều kiện, nên không biết đi nhánh nào. Đặt điều kiện cho nhánh {flow} (ví dụ {example}), "
               "hoặc chọn một nhánh làm nhánh mặc định (bấm vào nhánh, biểu tượng cờ lê, «Default flow»).",
    "gateway_lone_condition": "Cổng rẽ nhánh chỉ có một nhánh ra là {flow}, nhánh đó có điều kiện và cổng không "
                              "có nhánh mặc định, nên hồ sơ không thỏa điều kiện sẽ dừng ở cổng này (thường do "
                              "lỡ xóa một nhánh). Vẽ lại nhánh cho các trường hợp còn lại (hoặc chọn một nhánh "
                              "làm nhánh mặc định), hoặc bỏ điều kiện của nhánh {flow} nếu hồ sơ luôn đi tiếp.",
    "gateway_unrouted": "Cổng rẽ nhánh không có nhánh mặc định và mọi nhánh ra chỉ xét «{name}», nhưng không "
                        "nhánh nào nhận {values}, giá trị mà biểu mẫu {forms} cho chọn: hồ sơ có giá trị đó sẽ "
                        "dừng ở cổng này với lỗi. Thêm một nhánh có điều kiện cho {values}, hoặc chọn một nhánh "
                        "làm nhánh mặc định (bấm vào nhánh, biểu tượng cờ lê, «Default flow»).",
    "gateway_default": "Nhánh mặc định «{ref}» của cổng rẽ nhánh không phải một nhánh ra của cổng này. "
                       "Chọn lại nhánh mặc định: bấm vào một nhánh ra, biểu tượng cờ lê, «Default flow».",
    "flow_no_condition": "Nhánh {flow} ra từ cổng rẽ nhánh không có điều kiện và không phải nhánh mặc "
                         "định. Đặt điều kiện cho nó (ví dụ " + CONDITION_EXAMPLE + ") hoặc chọn nó làm "
                         "nhánh mặc định của cổng.",
    "condition_ignored": "Nhánh {flow} có điều kiện nhưng đi ra từ {kind} «{source}», không phải từ cổng rẽ "
                         "nhánh, nên bộ máy quy trình bỏ qua điều kiện: hồ sơ luôn đi theo nhánh này. Chỉ điều kiện "
                         "trên các nhánh ra của cổng rẽ nhánh loại trừ (exclusive gateway) hoặc bao hàm (inclusive "
                         "gateway) mới được xét: thêm một cổng loại trừ (hình thoi dấu X) sau «{source}», nối các "
                         "nhánh từ cổng và chuyển điều kiện sang các nhánh đó; hoặc xóa điều kiện.",
    "condition": "Điều kiện trên nhánh {flow} không hợp lệ: {detail}.{hint}",
    "script_empty": "Công việc tự động (script task) chưa có nội dung. Viết phép tính vào ô Script, ví dụ "
                    + SCRIPT_EXAMPLE + ".",
    "script": "Mã của công việc tự động không hợp lệ: {detail}. Chỉ dùng phép gán, if, for và các hàm được "
              "phép (docs/ANALYST.md, mục 6).",
    "script_format": "Script viết bằng «{format}», nhưng ở đây chỉ chạy ngôn ngữ biểu thức giống Python. "
                     "Đặt Format (scriptFormat) là python và viết lại phép tính, ví dụ " + SCRIPT_EXAMPLE + ".",
    "step_script": "Mã chạy {when} bước (spiffworkflow:{ext}) không hợp lệ: {detail}. Chỉ dùng phép gán, if, "
                   "for và các hàm được phép (docs/ANALYST.md, mục 6).",
    "before": "trước",
    "after": "sau",

    # The shape of the process.
    "start_definition": "Sự kiện bắt đầu của quy trình là sự kiện {kinds}, nhưng công dân nộp hồ sơ "
                        "qua sự kiện bắt đầu thường: mỗi hồ sơ nộp vào sẽ chờ ở đây mãi mà không bước nào mở cho cán "
                        "bộ. Đổi nó thành sự kiện bắt đầu thường (vòng tròn nét mảnh, không có biểu tượng bên trong): "
                        "trong trình vẽ, bấm vào sự kiện, biểu tượng cờ lê, chọn «Start Event»; trong XML, xóa "
                        "{elements}. Việc công dân làm sau khi nộp (bổ sung, rút hồ sơ, nộp phí) là sự kiện chờ tin "
                        "nhắn ở giữa quy trình (mục 5 của docs/ANALYST.md).",
    "start_kind_messageEventDefinition": "tin nhắn (message)",
    "start_kind_timerEventDefinition": "hẹn giờ (timer)",
    "start_kind_signalEventDefinition": "tín hiệu (signal)",
    "start_kind_conditionalEventDefinition": "điều kiện (conditional)",
    "start_kind_errorEventDefinition": "lỗi (error)",
    "start_kind_escalationEventDefinition": "leo thang (escalation)",
    "start_kind_compensateEventDefinition": "bù trừ (compensation)",
    "start_kind_eventDefinitionRef": "tham chiếu tới một định nghĩa sự kiện (eventDefinitionRef)",
    "start_kind_other": "loại {kind}",
    "no_start": "{kind} chưa có sự kiện bắt đầu (start event). Thêm một sự kiện bắt đầu (vòng tròn nét mảnh) "
                "và nối nó tới bước đầu tiên.",
    "many_starts": "{kind} «{where}» đã có sự kiện bắt đầu «{first}»; một hồ sơ chỉ bắt đầu ở một chỗ. Xóa "
                   "sự kiện bắt đầu này và nối bước sau nó từ sự kiện bắt đầu kia (thêm cổng rẽ nhánh nếu "
                   "cần chia nhánh).",
    "no_end": "{kind} chưa có sự kiện kết thúc (end event). Thêm một sự kiện kết thúc (vòng tròn nét đậm) ở "
              "cuối mỗi nhánh bên trong.",
    "start_incoming": "Sự kiện bắt đầu không được có luồng đi vào (ở đây có: {flows}). Nối các luồng đó vào "
                      "bước cần quay lại thay vì vào sự kiện bắt đầu.",
    "end_outgoing": "Sự kiện kết thúc không được có luồng đi ra (ở đây có: {flows}). Nếu quy trình còn đi "
                    "tiếp, đổi nó thành sự kiện trung gian (intermediate event); nếu không, xóa các luồng ra.",
    "no_incoming": "{kind} không có luồng nào đi vào nên không bao giờ được thực hiện. Vẽ một mũi tên "
                   "(sequence flow) từ bước trước tới nó, hoặc xóa nó nếu không dùng.",
    "never_reached": "{kind} không bao giờ được thực hiện: các luồng đi vào nó ({flows}) chỉ đến từ những phần tử mà "
                     "không đường nào từ sự kiện bắt đầu dẫn tới (một vòng khép kín không có lối vào). Vẽ một mũi "
                     "tên (sequence flow) từ bước trước tới vòng đó, hoặc xóa các phần tử không dùng.",
    "no_outgoing": "{kind} không có luồng đi ra: quy trình dừng ở đây mà không qua sự kiện kết thúc. Nối nó "
                   "tới bước tiếp theo hoặc tới một sự kiện kết thúc (end event).",
    "many_outgoing": "{kind} có {count} luồng ra ({flows}); chỉ cổng rẽ nhánh mới chia nhánh. Thêm một cổng "
                     "rẽ nhánh loại trừ (exclusive gateway, hình thoi dấu X) sau bước này, nối các nhánh từ "
                     "cổng và đặt điều kiện cho từng nhánh (cổng song song, dấu +, nếu các nhánh chạy cùng lúc).",
    "flow_source_missing": "Luồng {flow} đi ra từ một phần tử không có: trong cùng quy trình không có phần tử "
                           "nào mang id «{ref}» (sourceRef). Xóa mũi tên này và vẽ lại từ đúng bước.",
    "flow_target_missing": "Luồng {flow} trỏ tới một phần tử không có: trong cùng quy trình không có phần tử "
                           "nào mang id «{ref}» (targetRef). Kéo đầu mũi tên vào đúng bước, hoặc xóa mũi tên "
                           "và vẽ lại.",
    "flow_crosses": "Luồng {flow} nối tới «{ref}» ở bên kia ranh giới của một quy trình con; luồng không "
                    "được vượt qua ranh giới đó. Bên trong quy trình con, đi tới sự kiện kết thúc của nó; bên "
                    "ngoài, nối từ chính khung quy trình con.",
    "flow_between": "từ «{source}» tới «{target}»",
    "boundary_target_missing": "Sự kiện biên gắn vào «{ref}» (attachedToRef), nhưng trong cùng quy trình "
                               "không có công việc hay quy trình con nào mang id đó. Kéo sự kiện thả lại lên "
                               "mép của đúng công việc.",
    "boundary_target_not_step": "Sự kiện biên gắn vào «{name}» ({ref}), nhưng đó là {kind}, không phải một công "
                                "việc hay quy trình con: sự kiện biên chỉ canh chừng một bước đang mở (hẹn giờ, "
                                "tin nhắn, lỗi trong khi bước chạy). Kéo sự kiện thả lên mép của bước cần canh, "
                                "hoặc dùng sự kiện chờ trung gian (intermediate catch event) đặt trên luồng.",
    "boundary_target_elsewhere": "Sự kiện biên gắn vào «{name}» ({ref}), nhưng bước đó nằm trong «{container}» "
                                 "còn sự kiện thì nằm ngoài, nên không canh chừng được. Kéo sự kiện vào trong "
                                 "«{container}» và thả lên mép của «{name}».",
    "boundary_unattached": "Sự kiện biên chưa gắn vào công việc nào (thiếu attachedToRef). Kéo sự kiện thả "
                           "lên mép của công việc hoặc quy trình con mà nó canh chừng.",
    "message_event": "Sự kiện tin nhắn",
    "message_no_ref": "{what} chưa chọn tin nhắn nào (messageRef) nên sẽ chờ mãi. Chọn hoặc tạo "
                      "tin nhắn trong bảng thuộc tính (Message), ví dụ tin nhắn có tên bo_sung, rut_ho_so hoặc "
                      "thanh_toan.",
    "message_ref_missing": "{what} trỏ tới tin nhắn «{ref}», nhưng sơ đồ không khai báo tin nhắn "
                           "nào có id đó. Chọn lại tin nhắn trong bảng thuộc tính (Message).",
    "error_ref_missing": "Sự kiện lỗi trỏ tới lỗi «{ref}» (errorRef), nhưng sơ đồ không khai báo lỗi nào có id đó "
                         "(các lỗi có: {known}). Chọn lại lỗi trong bảng thuộc tính của sự kiện, hoặc tạo lỗi đó với "
                         "một mã lỗi (errorCode), như QT-59 hướng dẫn.",
    "message_no_name": "Tin nhắn «{ref}» mà sự kiện này dùng chưa có tên (name), nên không việc nào của công "
                       "dân gửi tới được. Đặt tên cho tin nhắn trong bảng thuộc tính (Message > Name), ví dụ "
                       "bo_sung (nộp bổ sung), rut_ho_so (rút hồ sơ) hoặc thanh_toan (nộp phí, lệ phí).",
    "message_undeliverable": "Sự kiện chờ tin nhắn «{name}», nhưng hệ thống chỉ gửi được tin nhắn {names} "
                             "(công dân trên Cổng, Bộ phận Một cửa, cổng thanh toán hay API gửi), nên hồ sơ sẽ chờ "
                             "ở đây mãi{guess}. Đặt tên tin nhắn (Message > Name) là bo_sung (nộp bổ sung), "
                             "rut_ho_so (rút hồ sơ) hoặc thanh_toan (nộp phí, lệ phí).",
    "message_spaces": "Tên tin nhắn «{name}» (tin nhắn {ref}) có dấu cách ở đầu hoặc cuối, mà hệ thống gửi tin "
                      "nhắn «{fixed}» đúng từng ký tự, nên hồ sơ sẽ chờ ở đây mãi. Xóa các dấu cách trong tên tin "
                      "nhắn (Message > Name): «{fixed}».",
    "payment_no_amount": "Sự kiện chờ tin nhắn thanh_toan (công dân nộp phí, lệ phí) chưa nói phải nộp bao nhiêu. "
                         "Thêm thuộc tính amount là biểu thức tính số đồng phải nộp, ví dụ le_phi (do một công "
                         "việc tự động tính trước đó) hoặc so_ban * 8000.",
    "payment_status": "Sự kiện chờ tin nhắn thanh_toan phải có thuộc tính status = 6 (Yêu cầu thực hiện nghĩa "
                      "vụ tài chính), không phải «{value}»: công dân thấy hồ sơ đang chờ nộp phí và thời gian "
                      "chờ không tính vào thời hạn giải quyết của cơ quan.",
    "status_final_misplaced": "status {value} ({label}) là trạng thái hồ sơ đã kết thúc, chỉ đặt trên sự kiện kết "
                              "thúc của quy trình; đặt trên {kind} này, công dân thấy «{label}» trong khi hồ sơ vẫn "
                              "đang được giải quyết. Xóa status ở đây (hoặc đặt 4, Đang giải quyết) và đặt {value} "
                              "trên sự kiện kết thúc của nhánh (QT-53).",
    "status_wait_misplaced": "status {value} ({label}) nói hồ sơ đang chờ công dân, nên chỉ đặt trên sự kiện chờ "
                             "tin nhắn {message}; đặt trên {kind} này, công dân thấy «{label}» mà hồ sơ không chờ "
                             "gì ở họ, và thời gian chờ không tính cho cơ quan. Xóa status ở đây (hoặc đặt 4, Đang "
                             "giải quyết) (QT-53).",
    "status_9_before_approval": "status 9 (Đã xử lý xong) ký số và phát hành kết quả ngay khi hồ sơ tới đây, mang tên "
                                "người hoàn thành bước trước đó (QT-22), mà hồ sơ tới đây được từ bước {steps}, không "
                                "phải bước phê duyệt của làn Lãnh đạo: kết quả sẽ được ký trước khi "
                                "lãnh đạo duyệt. Đặt status 9 sau bước phê duyệt của lãnh đạo (như sự kiện «Đã xử lý "
                                "xong» sau tiểu quy trình «Giải quyết hồ sơ» của sơ đồ mẫu), ở đây đặt 4 (QT-53).",
    "status_9_after_wait": "status 9 (Đã xử lý xong) ký số và phát hành kết quả ngay khi hồ sơ tới đây, mang tên "
                           "lãnh đạo vừa hoàn thành bước phê duyệt (QT-22); nhưng hồ sơ còn tới đây được qua {waits}, "
                           "không phải ngay sau bước phê duyệt của làn Lãnh đạo: kết quả sẽ được ký với tên người "
                           "bấm chuyển (thủ quỹ ghi khoản nộp, công dân) hay không được ký, hoặc không cần lãnh đạo "
                           "duyệt. Giữa bước phê duyệt và phần tử mang status 9 chỉ đặt cổng rẽ nhánh, công việc tự "
                           "động và sự kiện ném: chờ nộp phí (QT-40) đặt trước tiểu quy trình «Giải quyết hồ sơ» "
                           "(như sơ đồ mẫu cấp bản sao trích lục, sau «Tiếp nhận, cấp mã hồ sơ»); bộ hẹn giờ hay tin nhắn không "
                           "đưa hồ sơ tới status 9 được, hãy nối nó tới một bước của làn Lãnh đạo (QT-53).",
    "status_2_before_reception": "status 2 (Được tiếp nhận) cấp mã hồ sơ và tính ngày hẹn trả (QT-21) ngay khi hồ sơ "
                                 "tới đây, mà hồ sơ tới {kind} này từ lúc công dân nộp, trước khi Bộ phận Một cửa "
                                 "tiếp nhận (status trên một bước có hiệu lực khi bước mở ra): hồ sơ sẽ được cấp mã "
                                 "và ghi «Được tiếp nhận» ngay lúc nộp, chưa ai xem. Xóa status 2 ở đây (bước tiếp "
                                 "nhận mang 1) và đặt nó trên một sự kiện ném{after} ở nhánh tiếp nhận, như «Tiếp "
                                 "nhận, cấp mã hồ sơ» của sơ đồ mẫu (QT-53).",
    "status_2_before_refusal": "status 2 (Được tiếp nhận) cấp mã hồ sơ và tính ngày hẹn trả (QT-21) ngay khi hồ sơ "
                               "tới {kind} này, mà từ đây hồ sơ vẫn có thể tới {ends}, mang status 3 (Không được "
                               "tiếp nhận): hồ sơ bị từ chối cũng đã có mã và ngày hẹn. Xóa status 2 ở đây và đặt nó trên "
                               "một sự kiện ném ở nhánh tiếp nhận, sau cổng rẽ nhánh theo quyết định, như «Tiếp "
                               "nhận, cấp mã hồ sơ» của sơ đồ mẫu (QT-53).",
    "status_2_in_loop": "status 2 (Được tiếp nhận) cấp mã hồ sơ và tính ngày hẹn trả (QT-21) một lần, khi hồ sơ tới "
                        "{kind} này lần đầu, mà hồ sơ còn quay lại đây qua {way}: như khi chờ bổ sung, hồ sơ chưa đủ "
                        "đã có mã và ngày hẹn tính từ trước khi nhận đủ. Đặt status 2 trên một sự kiện ném ở nhánh "
                        "tiếp nhận, sau cổng rẽ nhánh theo quyết định, nơi hồ sơ chỉ tới một lần (QT-53).",
    "status_2_after": " sau bước «{step}», sau cổng rẽ nhánh theo quyết định",
    "refusal_by_timer": "status 3 (Không được tiếp nhận) in Phiếu từ chối với lý do cán bộ ghi ở bước quyết định "
                        "(QT-24), nhưng hồ sơ tới sự kiện kết thúc này được qua bộ hẹn giờ {waits}: hồ sơ bị từ chối "
                        "tự động, không ai quyết định, không có lý do. Nối bộ hẹn giờ tới một bước của cán bộ (hoặc "
                        "dùng bộ hẹn giờ không ngắt, cancelActivity=\"false\", để đánh dấu trễ hạn như QT-10), để "
                        "chỉ bước quyết định «Không tiếp nhận» đưa hồ sơ tới đây (QT-53).",
    "arrival_kinds": {
        "timerEventDefinition": "bộ hẹn giờ", "messageEventDefinition": "chờ tin nhắn {messages}",
        "errorEventDefinition": "sự kiện bắt lỗi", "startEvent": "lúc công dân nộp hồ sơ, chưa cán bộ nào làm gì",
        "receiveTask": "chờ tin nhắn {messages}", "other": "không cán bộ nào hoàn thành",
    },
    "wait_not_withdrawable": "Trong khi hồ sơ {waits} ở đây, công dân không rút được hồ sơ: không có sự kiện chờ "
                             "tin nhắn rut_ho_so sau cùng một cổng sự kiện (Event-based Gateway) với nó, cũng không có "
                             "sự kiện biên rut_ho_so trên tiểu quy trình chứa nó. Đặt sự kiện này sau một cổng sự kiện "
                             "cùng với một sự kiện chờ rut_ho_so dẫn tới kết thúc status 7 (QT-16).",
    "citizen_waits": {"bo_sung": "chờ công dân nộp bổ sung", "thanh_toan": "chờ công dân nộp phí, lệ phí"},
    "payment_boundary": "Chờ nộp phí không đặt được trên sự kiện biên: hồ sơ phải dừng lại chờ tiền, không chờ "
                        "song song với một bước. Dùng sự kiện trung gian bắt tin nhắn (Intermediate Catch Event) "
                        "thanh_toan, nếu cần thì sau một cổng sự kiện (Event-based Gateway) cùng với rut_ho_so.",
    "property_misplaced": "Thuộc tính {prop} không có tác dụng trên {kind}: hệ thống không đọc nó ở đây. {hint}",
    "misplaced_hints": {
        "formJsonSchemaFilename": "Biểu mẫu chỉ hiện ở một bước cán bộ làm (userTask): chuyển thuộc tính sang bước đó, "
                                  "hoặc xóa nó.",
        "timeLimit": "timeLimit là thời hạn của một bước cán bộ làm (userTask). Để đặt hạn cho cả một đoạn quy trình "
                     "(như thời gian lấy ý kiến cơ quan khác), gắn lên đoạn đó một bộ hẹn giờ biên (boundary timer) "
                     "với timeDate, ví dụ working_days(5) (QT-08).",
        "agency": "agency là cơ quan xử lý một bước cán bộ làm (userTask): đặt nó trên từng bước cơ quan đó làm (QT-07).",
        "status": "status là trạng thái hồ sơ có khi tới một bước, sự kiện hay cổng; trên luồng (sequenceFlow), làn, "
                  "quy trình hay tiểu quy trình thì không bao giờ có hiệu lực (hồ sơ vào tiểu quy trình mang status "
                  "của phần tử đầu tiên bên trong): chuyển nó sang phần tử mà luồng dẫn tới, hay bước đầu tiên trong "
                  "tiểu quy trình (QT-05).",
        "marksLate": "marksLate chỉ dùng trên bộ hẹn giờ (sự kiện có timer, thường là bộ hẹn giờ biên) để khi hết giờ "
                     "hồ sơ bị đánh dấu trễ hạn (QT-10).",
    },
    "amount_misplaced": "Thuộc tính amount (số tiền phải nộp) chỉ dùng trên sự kiện chờ tin nhắn thanh_toan. Xóa "
                        "thuộc tính này ở đây, hoặc chuyển nó sang sự kiện chờ nộp phí.",
    "amount_invalid": "Thuộc tính amount «{value}» không phải biểu thức tính được. Viết tên trường hoặc phép "
                      "tính, ví dụ le_phi hoặc so_ban * 8000.",
    "amount_decimal": "Thuộc tính amount «{value}» có số viết với dấu chấm ({numbers}). Trong biểu thức, dấu "
                      "chấm là dấu thập phân, không phải dấu ngăn cách hàng nghìn: 8.000 là 8 đồng, không phải "
                      "tám nghìn đồng. Viết số đồng liền, không có dấu chấm: {fixed}.",
    "amount_constant": "Thuộc tính amount «{value}» không đọc dữ liệu nào và luôn tính ra «{result}», không phải "
                       "một số đồng nguyên không âm, nên hồ sơ nào tới bước chờ nộp phí này cũng dừng lại. Viết số "
                       "đồng nguyên, không âm, không đặt trong dấu nháy, ví dụ 8000 hoặc so_ban * 8000.",
    "amount_decimal_example": "ví dụ 8000, không viết 8.000",
    "script_amount_decimal": "Công việc tự động gán cho {name} số {number}, viết với dấu chấm, mà {name} là số tiền "
                             "công dân phải nộp (amount của {waits}). Trong biểu thức, dấu chấm là dấu thập phân, "
                             "không phải dấu ngăn cách hàng nghìn: {number} là {read} đồng, không phải {fixed} "
                             "đồng. Viết số đồng liền, không có dấu chấm: {fixed}.",
    "result_unknown_name": "{entry}: nội dung kết quả («result_document») dùng «{{{name}}}», nhưng không "
                           "biểu mẫu nào của thủ tục (quy trình «{process}») có trường này, không công việc tự động "
                           "nào gán nó và hệ thống không cung cấp nó{guess}, nên kết quả ký số sẽ in trống chỗ này. Sửa cho đúng tên một "
                           "trường, hoặc dùng {{ho_ten_nguoi_nop}} (người nộp), {{ma_ho_so}} (mã hồ sơ).",
    "step_name_twice": "Bước «{name}» trùng tên với bước {other}: cán bộ thấy hai bước khác nhau cùng một tên "
                       "trong hộp công việc, trên dòng thời gian và Phiếu kiểm soát (Mẫu 05), và kịch bản kiểm thử "
                       "(lam: {name}) không phân biệt được chúng. Đặt cho mỗi bước một tên riêng nói việc của nó.",
    "fee_never_asked": "Mục danh mục {entries} ghi phí, lệ phí cho thủ tục này, nhưng quy trình không có sự "
                       "kiện chờ tin nhắn thanh_toan: công dân đọc trên Cổng là phải nộp phí mà không bao giờ được "
                       "yêu cầu nộp. Thêm sự kiện chờ nộp phí (xem QT-40 trong docs/ANALYST.md); nếu phí do cơ "
                       "quan khác thu ngoài hệ thống thì có thể bỏ qua cảnh báo này.",
    "fee_not_listed": "Quy trình chờ công dân nộp phí (tin nhắn thanh_toan), nhưng mục danh mục {entries} không ghi "
                      "khoản phí, lệ phí nào lớn hơn 0 đồng: Cổng nói với công dân là không mất phí. Ghi mức phí vào "
                      "«fees» của mục danh mục, hoặc bỏ bước chờ nộp phí nếu thủ tục miễn phí.",
    "call_no_target": "Bước gọi quy trình (call activity) chưa chỉ quy trình được gọi. Ghi mã quy trình vào "
                      "«Called element» (calledElement); các quy trình có trong tệp: {ids}.",
    "call_missing": "Bước gọi quy trình «{called}», nhưng tệp này không có quy trình nào mang mã đó. Các quy "
                    "trình có trong tệp: {ids}. Sửa «Called element» (calledElement), hoặc vẽ quy trình con "
                    "(sub-process) ngay trong sơ đồ.",

    # Element types.
    "unsupported": "{kind} chưa được bộ máy quy trình hỗ trợ. {instead}",
    "instead_gateway": "Dùng cổng loại trừ (exclusive gateway) hoặc cổng bao hàm (inclusive gateway) với điều "
                       "kiện trên từng nhánh.",
    "instead_any": "Thay bằng công việc người dùng (user task), công việc tự động (script task), quy trình "
                   "con, cổng rẽ nhánh hoặc sự kiện.",
    "service_task": "Công việc dịch vụ (service task) không chạy được ở đây: hệ thống không gọi dịch vụ bên "
                    "ngoài từ sơ đồ. Đổi thành công việc tự động (Script task) nếu là phép tính trên dữ liệu "
                    "hồ sơ, hoặc công việc người dùng (User task) trong một làn nếu cán bộ làm việc đó.",
    "error_not_caught": "Sự kiện kết thúc lỗi này ném lỗi mã «{code}», nhưng không sự kiện biên lỗi nào của "
                        "«{sub}» bắt mã đó (các sự kiện biên bắt: {caught}): lỗi bị bỏ qua và hồ sơ đi tiếp như "
                        "khi tiểu quy trình kết thúc bình thường, chẳng hạn tới trả kết quả. Chọn cùng một lỗi "
                        "(errorRef) ở sự kiện kết thúc này và ở sự kiện biên, hoặc sửa errorCode cho trùng.",
    "error_unset": "Sự kiện kết thúc lỗi này chưa chọn lỗi nào (errorRef), và không sự kiện biên lỗi nào của «{sub}» "
                   "bắt mọi lỗi (các sự kiện biên bắt: {caught}): lỗi bị bỏ qua và hồ sơ đi tiếp như khi tiểu quy "
                   "trình kết thúc bình thường, chẳng hạn tới trả kết quả. Chọn lỗi (errorRef) mà sự kiện biên bắt.",
    "error_never_thrown": "Sự kiện biên lỗi này bắt lỗi mã «{code}», nhưng trong «{sub}» không sự kiện kết thúc lỗi "
                          "nào ném mã đó (các mã được ném: {thrown}): nhánh đi từ nó không bao giờ chạy. Chọn cùng "
                          "một lỗi (errorRef) ở sự kiện biên và ở sự kiện kết thúc lỗi bên trong.",
    "error_no_code": "(lỗi không có mã)",
    "join_never_complete": "Cổng song song này chờ đủ {count} nhánh vào ({flows}) rồi mới đi tiếp, nhưng có đường "
                           "đi mà không phải nhánh nào cũng tới (các nhánh rẽ từ một lựa chọn: cổng loại trừ, cổng "
                           "theo sự kiện hay sự kiện biên), nên hồ sơ chờ mãi ở đây, không bước nào mở. Gộp các "
                           "nhánh loại trừ nhau bằng cổng loại trừ (exclusive gateway); cổng song song chỉ gộp các "
                           "nhánh mà một cổng song song đã tách.",
    "flow_play_too_big": "{kind} có quá nhiều cách đi song song để thử hết, nên chưa kiểm tra được cổng song song "
                         "nào chờ mãi hay bước nào bị mở hai lần (QT-60). Chia bớt thành tiểu quy trình, hoặc kiểm "
                         "tra các nhánh song song bằng kịch bản (motcua procedure test).",
    "opened_twice": "{kind} này có thể được mở hai lần cùng lúc cho một hồ sơ: các nhánh do một cổng song song tách "
                    "ra gặp lại ở đây mà không qua cổng song song gộp, hay một nhánh đi hết một vòng lặp quay lại "
                    "trước cổng tách khi nhánh kia chưa xong. Thêm một cổng song song gộp các nhánh đó ngay trước "
                    "phần tử này; vòng lặp thì cho quay lại sau cổng gộp.",
    "opened_twice_join": "Cổng song song gộp này có thể nhận hai lần một nhánh trước khi các nhánh kia tới: một nhánh "
                         "đi hết một vòng lặp quay lại cổng song song tách ra nó khi nhánh kia chưa gộp, nên các bước "
                         "của hai lượt chạy lẫn vào nhau. Cho vòng lặp quay lại sau cổng gộp này, để các nhánh gộp "
                         "xong rồi mới quay lại.",
    "send_task": "Công việc gửi tin (send task) không gửi gì ở đây: hệ thống không gửi tin nhắn từ sơ đồ, nên "
                 "hồ sơ đi qua bước này mà không ai làm. Đổi thành công việc người dùng (User task) trong một làn "
                 "nếu cán bộ làm việc đó (như trả kết quả); công dân được báo qua thư điện tử mỗi khi trạng thái hồ "
                 "sơ đổi, không cần bước gửi tin.",
    "message_throw": "Sự kiện gửi tin nhắn (message throw/end event) không gửi gì ở đây: hệ thống không gửi tin "
                     "nhắn từ sơ đồ. Đổi thành sự kiện thường (bỏ biểu tượng phong bì); công dân được báo qua thư "
                     "điện tử mỗi khi trạng thái hồ sơ đổi.",
    "business_rule": "Bảng quyết định (business rule task, DMN) chưa được hỗ trợ. Dùng cổng rẽ nhánh có điều "
                     "kiện, hoặc công việc tự động (Script task) với if.",
    "data_store": "Kho dữ liệu (data store) «{name}» không được hỗ trợ: dữ liệu hồ sơ nằm trong các trường "
                  "của biểu mẫu. Xóa kho dữ liệu khỏi sơ đồ.",
    "data_association": "Mũi tên dữ liệu (data association, nét đứt) của bước trỏ tới đối tượng dữ liệu không "
                        "có trong quy trình. Xóa mũi tên đó: dữ liệu hồ sơ đi qua các trường biểu mẫu.",
    "multi_instance": "Bước lặp nhiều lần (multi-instance) chưa cho biết lặp bao nhiêu lần. Ghi «Loop "
                      "cardinality» (ví dụ 3) hoặc «Input collection» (tên một danh sách trong dữ liệu hồ sơ).",
    "event_subprocess_timer": "Hẹn giờ này bắt đầu tiểu quy trình theo sự kiện «{sub}»: bộ máy quy trình giữ «{container}» "
                              "mở cho đến khi hẹn giờ tới, nên mọi hồ sơ chờ ở đó dù đã xử lý xong. Xóa tiểu quy "
                              "trình này và gắn một sự kiện hẹn giờ lên biên của bước hay tiểu quy trình cần theo "
                              "dõi (không ngắt, «Non-interrupting», nếu việc vẫn tiếp tục), {example}.",
    "event_subprocess_message": "Tin nhắn này bắt đầu tiểu quy trình theo sự kiện «{sub}», cách chờ tin nhắn mà bộ máy "
                                "quy trình không hỗ trợ: hồ sơ không bao giờ chờ nó (công dân gửi thì Cổng trả lời hồ "
                                "sơ không chờ việc này){held}. Xóa tiểu quy trình này và chờ tin nhắn bằng sự kiện biên trên bước "
                                "hay tiểu quy trình đang chạy khi công dân gửi nó, như sự kiện biên «Công dân rút hồ "
                                "sơ» (rut_ho_so) trên «Tiếp nhận hồ sơ» và trên «Giải quyết hồ sơ» của sơ đồ mẫu "
                                "(QT-12, QT-16).",
    "call_unsupported": "Bước gọi quy trình khác (call activity) «{called}» chưa được hệ thống hỗ trợ: các bước của "
                        "quy trình được gọi không mang làn, biểu mẫu, thời hạn và trạng thái của hồ sơ, nên không "
                        "tới hộp công việc của ai. Vẽ các bước đó trong một tiểu quy trình nhúng (subProcess) ngay "
                        "trong quy trình này, như «Giải quyết hồ sơ» của sơ đồ mẫu.",
    "sub_start_waits": "Sự kiện bắt đầu của tiểu quy trình «{sub}» chờ một sự kiện (tin nhắn, hẹn giờ...), mà tiểu "
                       "quy trình nhúng bắt đầu ngay khi hồ sơ tới: hồ sơ sẽ đứng ở đây, không bước nào mở, chờ thứ "
                       "không ai gửi. Xóa loại sự kiện để sự kiện bắt đầu trống; cần chờ thì đặt sự kiện chờ sau nó "
                       "(QT-12).",
    "conditional_wait": "Sự kiện chờ điều kiện (conditional) không bao giờ xảy ra: hệ thống không tính lại điều kiện "
                        "trong khi hồ sơ chờ, nên hồ sơ đứng ở đây mãi. Dùng cổng rẽ nhánh có điều kiện sau bước ghi "
                        "dữ liệu đó, hoặc bộ hẹn giờ (QT-12, QT-31).",
    "signal_never_sent": "Sự kiện chờ tín hiệu (signal) này không bao giờ xảy ra: không ai ngoài quy trình gửi tín "
                         "hiệu, và sơ đồ không có sự kiện ném tín hiệu đó, nên hồ sơ đứng ở đây mãi. Công dân gửi tin "
                         "nhắn (bo_sung, rut_ho_so, thanh_toan, QT-12): chờ bằng sự kiện chờ tin nhắn.",
    "withdrawal_not_interrupting": "Sự kiện biên chờ rut_ho_so không ngắt (cancelActivity=\"false\"): công dân rút "
                                   "hồ sơ thì bước nó gắn vẫn mở và hồ sơ vẫn được xử lý như chưa rút. Bỏ "
                                   "cancelActivity=\"false\" (hay bỏ chọn «Non-interrupting») để việc rút đóng bước "
                                   "đó và hồ sơ kết thúc ở trạng thái 7 (QT-16).",
    "event_subprocess_held": ", mà vẫn giữ quy trình mở, nên hồ sơ đã trả kết quả cũng không bao giờ kết thúc",
    "timer_example_here": "như hẹn giờ «{timer}» (marksLate) trên «{step}» của sơ đồ này",
    "timer_example_sample": "như hẹn giờ «Quá hạn tiếp nhận» (marksLate) trên bước «Tiếp nhận hồ sơ» của sơ đồ mẫu "
                            "cấp bản sao trích lục",
    "standard_loop": "Bước đánh dấu lặp (dấu vòng «Loop») chưa cho biết khi nào dừng lặp, nên sẽ lặp mãi. Bỏ dấu "
                     "lặp (bấm vào bước, biểu tượng cờ lê, chọn lại bước thường) và vẽ vòng lặp bằng một cổng rẽ "
                     "nhánh có điều kiện quay lại bước này, như «Trả lại» quay về «Thẩm định hồ sơ».",
    "cancel_event": "Sự kiện hủy (cancel) chỉ dùng được trên giao dịch (transaction). Dùng sự kiện lỗi (error), "
                    "như sự kiện dừng xử lý dung_xu_ly.",
    "conditional_event": "Sự kiện điều kiện (conditional event) chưa có điều kiện. Ghi điều kiện (Condition), "
                         "ví dụ " + CONDITION_EXAMPLE + ".",

    # The BPMN 2.0 schema (XSD) that SpiffWorkflow checks the file against.
    "duplicate_id": "Mã (id) «{id}» đã dùng cho {other} (dòng {line} của tệp); mỗi phần tử cần một id riêng. "
                    "Đổi id của một trong hai (bảng thuộc tính, ô ID).",
    "bad_id": "Mã (id) «{id}» không hợp lệ: id phải bắt đầu bằng chữ cái không dấu hoặc dấu _, chỉ gồm chữ "
              "không dấu, số, _, - và dấu chấm, không có dấu cách; ví dụ Task_tham_dinh.",
    "xsd_attribute_missing": "{kind} thiếu thuộc tính bắt buộc «{attr}». Xóa phần tử và vẽ lại bằng trình vẽ.",
    "xsd_attribute_unknown": "Thuộc tính «{attr}» không có trong chuẩn BPMN 2.0 cho {kind} (có lẽ do sửa tay "
                             "tệp, hoặc thiếu tiền tố như camunda:). Xóa thuộc tính này.",
    "xsd_attribute_value": "Giá trị «{value}» của thuộc tính «{attr}» không hợp lệ: cần {expected}.",
    "xsd_boolean": "true hoặc false (viết thường)",
    "xsd_integer": "một số nguyên",
    "xsd_type": "một giá trị kiểu {type} theo chuẩn BPMN 2.0",
    "xsd_enum": "một trong: {values}",
    "xsd_nothing": "không thêm phần tử nào",
    "xsd_unexpected": "Phần tử «{child}» không được đặt ở đây (sai thứ tự, hoặc không thuộc chuẩn BPMN 2.0). "
                      "Ở vị trí này chỉ được có: {expected}. Tệp có lẽ bị sửa tay: xóa phần tử đó hoặc đặt lại "
                      "đúng chỗ (extensionElements luôn đứng đầu), rồi mở bằng trình vẽ và lưu lại.",
    "xsd_missing_child": "{kind} thiếu phần tử con bắt buộc: {expected}. Xóa phần tử và vẽ lại bằng trình vẽ.",
    "xsd_other": "Tệp không đúng chuẩn BPMN 2.0 tại phần tử này (dòng {line}). Mở sơ đồ bằng trình vẽ, sửa "
                 "hoặc vẽ lại phần tử này rồi lưu. (Chi tiết: {detail})",

    # Camunda Modeler's extensions (camunda: for Camunda 7, zeebe: for Camunda 8).
    "camunda_form": "{ext} (biểu mẫu của Camunda) không dùng được ở đây. Khai báo biểu mẫu bằng thuộc tính "
                    "formJsonSchemaFilename (và formUiSchemaFilename) trong «Extension properties», ví dụ "
                    "<{prefix}:property name=\"formJsonSchemaFilename\" value=\"common/tham_dinh.schema.json\"/> "
                    "(hoặc spiffworkflow:property cùng tên), rồi xóa {ext}.",
    "camunda_assignee": "{ext} không dùng được ở đây: làn (lane) quyết định ai xử lý một bước. Xóa {ext} và "
                        "đặt bước vào làn của vai trò xử lý ({labels}); việc giao cho từng cán bộ làm trên hộp "
                        "công việc.",
    "camunda_due": "{ext} không dùng được ở đây. Thời hạn của bước ghi bằng thuộc tính timeLimit với hàm lịch "
                   "làm việc, ví dụ <{prefix}:property name=\"timeLimit\" value=\"working_days(1)\"/>; rồi xóa "
                   "{ext}.",
    "camunda_code": "{ext} gọi mã Java, biểu thức hay dịch vụ của Camunda, không chạy được ở đây. Đổi bước "
                    "thành công việc tự động (Script task) và viết phép tính bằng ngôn ngữ biểu thức (ví dụ "
                    + SCRIPT_EXAMPLE + "), rồi xóa {ext}.",
    "camunda_io": "{ext} (ánh xạ biến của Camunda) không dùng được ở đây: mọi bước đọc và ghi chung dữ liệu "
                  "hồ sơ (các trường của biểu mẫu). Nếu cần tính một giá trị, thêm một công việc tự động "
                  "(Script task); rồi xóa {ext}.",
    "camunda_listener": "{ext} (bộ lắng nghe của Camunda) không chạy được ở đây. Nếu cần tính toán khi bước "
                        "bắt đầu hay kết thúc, thêm một công việc tự động (Script task) trước hoặc sau bước; "
                        "rồi xóa {ext}.",
    "camunda_called": "{ext} không dùng được ở đây: quy trình được gọi ghi trong «Called element» của bước gọi "
                      "quy trình (bpmn:callActivity calledElement=\"mã_quy_trình\"), rồi xóa {ext}.",
    "camunda_result": "{ext} không dùng được ở đây: trong script, gán thẳng vào biến cần giữ (ví dụ "
                      + SCRIPT_EXAMPLE + "), rồi xóa {ext}.",
    "camunda_resource": "{ext} (script ở tệp ngoài) không dùng được ở đây: viết mã ngay trong sơ đồ (Type: "
                        "Inline script), rồi xóa {ext}.",
    "camunda_other": "Phần mở rộng {ext} của Camunda không có tác dụng ở đây nên bị từ chối, để sơ đồ không "
                     "hứa điều hệ thống không làm. Xóa nó trong bảng thuộc tính của Camunda Modeler. Thiết "
                     "lập dùng được là các thuộc tính trong «Extension properties»: " + KNOWN_PROPERTIES_HELP + ".",

    # SpiffWorkflow's own refusals that have no better translation.
    "spiff": "Bộ máy quy trình (SpiffWorkflow) không chấp nhận phần tử này. Kiểm tra loại phần tử, các "
             "thuộc tính và các mũi tên nối với nó; nếu cần, xóa và vẽ lại phần tử bằng trình vẽ. "
             "(Chi tiết: {detail})",
}

# Element kinds as the analyst sees them in a modeler's palette.
KINDS = {
    "task": "Công việc (task)",
    "userTask": "Công việc người dùng (user task)",
    "manualTask": "Công việc thủ công (manual task)",
    "scriptTask": "Công việc tự động (script task)",
    "serviceTask": "Công việc dịch vụ (service task)",
    "sendTask": "Công việc gửi tin nhắn (send task)",
    "receiveTask": "Công việc nhận tin nhắn (receive task)",
    "businessRuleTask": "Bảng quyết định (business rule task)",
    "callActivity": "Bước gọi quy trình (call activity)",
    "subProcess": "Quy trình con (sub-process)",
    "transaction": "Giao dịch (transaction)",
    "adHocSubProcess": "Quy trình con tùy ý (ad-hoc sub-process)",
    "startEvent": "Sự kiện bắt đầu (start event)",
    "endEvent": "Sự kiện kết thúc (end event)",
    "intermediateCatchEvent": "Sự kiện chờ (intermediate catch event)",
    "intermediateThrowEvent": "Sự kiện trung gian (intermediate throw event)",
    "boundaryEvent": "Sự kiện biên (boundary event)",
    "exclusiveGateway": "Cổng rẽ nhánh loại trừ (exclusive gateway)",
    "inclusiveGateway": "Cổng rẽ nhánh bao hàm (inclusive gateway)",
    "parallelGateway": "Cổng song song (parallel gateway)",
    "eventBasedGateway": "Cổng theo sự kiện (event-based gateway)",
    "complexGateway": "Cổng phức hợp (complex gateway)",
    "process": "Quy trình",
    "sequenceFlow": "Luồng (sequence flow)",
    "lane": "Làn (lane)",
    "participant": "Khung (pool)",
    "message": "Tin nhắn (message)",
}
