"""What the scenario runner says, in Vietnamese: one place, so a translation is possible.

Element names follow `motcua bpmn check`: the diagram id, then the name in «».
"""

MESSAGES = {
    # -- the file itself (model.py) -------------------------------------------------------------
    "unreadable": "Không đọc được tệp kịch bản: {detail}.",
    "os_errors": {"FileNotFoundError": "không có tệp này (kiểm tra đường dẫn và tên tệp)",
                  "PermissionError": "không có quyền đọc tệp",
                  "IsADirectoryError": "đây là một thư mục, không phải tệp kịch bản"},
    "not_scenario": "Đây là {kind}, không phải tệp kịch bản. Lệnh này chạy tệp kịch bản "
                    "«<mã quy trình>.kich-ban.yaml»{beside}.",
    "not_scenario_beside": "; kịch bản của sơ đồ này đặt cạnh nó, chạy bằng «motcua procedure test {scenario}»",
    "kind_xml": "sơ đồ BPMN (XML)",
    "kind_json": "tệp JSON (như biểu mẫu hay mục danh mục thủ tục)",
    "too_large": "Tệp kịch bản lớn {size} byte, vượt giới hạn {limit} byte. Chia kịch bản thành nhiều tệp nhỏ hơn.",
    "not_utf8": "Tệp kịch bản phải được lưu với bảng mã UTF-8.",
    "yaml": "Tệp không phải YAML hợp lệ{where}: {problem}.",
    "yaml_hint": " Kiểm tra thụt lề (chỉ dùng dấu cách, các khóa cùng cấp thẳng hàng) và đặt giá trị có "
                 "dấu «:», «#» hoặc «,» trong ngoặc kép.",
    "yaml_where": " (dòng {line}, cột {column})",
    "withdrawal_reason": "Ghi lý do rút hồ sơ (tối đa 1.000 ký tự): Cổng Dịch vụ công, Bộ phận Một cửa và API chỉ "
                         "nhận yêu cầu rút có lý do. Viết du_lieu: {ly_do_rut: <lý do>} cho bước gui: rut_ho_so.",
    "empty_check": "Bước kiem_tra không kiểm tra điều gì nên luôn đạt. Ghi ít nhất một điều mong đợi: {keys}.",
    "yaml_tag": "Tệp có một giá trị viết kèm thẻ kiểu của YAML (như !!int, !!timestamp) mà giá trị không hợp với "
                "thẻ, nên không đọc được. Bỏ thẻ «!!…» và viết giá trị như trong hướng dẫn, ví dụ "
                "bat_dau: 2026-11-23 08:00, trang_thai: 2.",
    "too_deep": "Tệp kịch bản lồng nhau quá sâu (quá {limit} tầng). Viết dữ liệu phẳng hơn.",
    "too_many_nodes": "Tệp kịch bản có hơn {limit} phần tử (tính cả những phần lặp lại qua tham chiếu YAML & và *). "
                      "Chia thành nhiều tệp nhỏ hơn, bỏ bớt tham chiếu lồng nhau.",
    "cyclic": "Tệp kịch bản có tham chiếu YAML vòng tròn (một neo & chứa chính nó qua *). Bỏ tham chiếu đó.",
    "duplicate_key": "khóa «{key}» được viết hai lần trong cùng một nhóm",
    "empty": "Tệp kịch bản trống. Bắt đầu bằng «quy_trinh: <mã quy trình>» và «kich_ban:».",
    "top_not_mapping": "Tệp kịch bản phải là một nhóm khóa (quy_trinh, kich_ban, ...), không phải {found}.",
    "unknown_keys": "Khóa không dùng được: {keys}. Các khóa dùng được ở đây: {allowed}.",
    "unknown_key": "«{key}»{guess}",
    "not_indented": " «{parent}:» để trống ngay trên «{key}»: nếu «{key}» thuộc «{parent}», thụt dòng của nó vào "
                    "sâu hơn «{parent}:» hai dấu cách.",
    "split_value": " Có lẽ giá trị «{key}: {name}» có dấu phẩy, nên trong {{ }} YAML cắt nó thành {pieces}; viết "
                   "giá trị trong ngoặc kép: {key}: \"{name}\".",
    "leading_zero": "«{value}» bắt đầu bằng số 0 nên YAML đọc nó như một số (số hệ bát phân, hoặc bỏ các số 0 "
                    "đầu), không giữ nguyên dãy số đã viết. Dãy số như số CCCD, số điện thoại thì viết trong ngoặc "
                    "kép: \"{value}\"; nếu là số lượng thì bỏ các số 0 ở đầu.",
    "thousands_split": " Có lẽ số «{key}: {written}» viết dấu phẩy ngăn cách hàng nghìn: YAML coi dấu phẩy là hết "
                       "giá trị, nên đọc thành {key}: {first} và phần sau thành khóa. Viết số liền, không dấu "
                       "ngăn cách: {key}: {number}.",
    "missing_process": "Thiếu khóa «quy_trinh»: ghi mã quy trình trong sơ đồ (thuộc tính id của process), "
                       "ví dụ «quy_trinh: cap_phieu_ly_lich_tu_phap».",
    "bad_text": "Khóa «{key}» phải là một dòng chữ, không phải {found}.",
    "missing_scenarios": "Thiếu khóa «kich_ban»: ghi danh sách các kịch bản, mỗi kịch bản bắt đầu bằng "
                         "«- ten: …».",
    "scenarios_not_list": "Khóa «kich_ban» phải là một danh sách (mỗi kịch bản bắt đầu bằng «- ten: …»), "
                          "không phải {found}.",
    "scenarios_empty": "Khóa «kich_ban» chưa có kịch bản nào: thêm ít nhất một kịch bản, bắt đầu bằng "
                       "«- ten: …».",
    "too_many_steps": "Tệp có {count} bước, vượt giới hạn {limit} bước. Chia kịch bản thành nhiều tệp.",
    "scenario_not_mapping": "Kịch bản phải là một nhóm khóa (ten, bat_dau, du_lieu, buoc), không phải {found}.",
    "missing_name": "Kịch bản chưa có tên: thêm «ten: <mô tả ngắn>».",
    "unnamed": "(chưa có tên)",
    "missing_start": "Kịch bản chưa có thời điểm bắt đầu: thêm «bat_dau: 2026-11-23 08:00».",
    "channel": "Khóa «kenh» (hồ sơ đến bằng cách nào) là một trong {channels}, không phải {found}.",
    "missing_steps": "Kịch bản chưa có bước nào: thêm «buoc:» với danh sách các bước.",
    "steps_not_list": "Khóa «buoc» phải là một danh sách bước (mỗi bước bắt đầu bằng «- »), không phải {found}.",
    "step_not_mapping": "Bước phải là một nhóm khóa như «- lam: Tiếp nhận hồ sơ», không phải {found}.",
    "step_kind": "Mỗi bước cần đúng một trong các khóa kiem_tra, lam, gui, troi_qua; bước này có {found}.",
    "step_kind_none": "Mỗi bước cần đúng một trong các khóa kiem_tra, lam, gui, troi_qua; bước này không có "
                      "khóa nào trong số đó{unknown}.",
    "step_kind_unknown": ", mà có khóa không dùng được: {keys}",
    "error_where": "Khóa «loi» chỉ dùng cùng «lam» hoặc «gui» (mong đợi hệ thống từ chối thao tác đó).",
    "not_mapping": "Khóa «{key}» phải là một nhóm khóa (ví dụ «{key}: {{ten_truong: gia_tri}}»), không phải {found}.",
    "not_list": "Khóa «{key}» phải là một danh sách (ví dụ «{key}: [A, B]»), không phải {found}.",
    "not_bool": "Khóa «{key}» phải là true hoặc false, không phải «{value}».",
    "empty_value": "Khóa «{key}» để trống: ghi giá trị cho nó, hoặc bỏ khóa.",
    "bad_status": "Khóa «trang_thai» phải là số nguyên từ 1 đến 10 (trạng thái công khai của hồ sơ), "
                  "không phải «{value}».",
    "bad_amount": "Khóa «phai_nop» là số đồng phải nộp, một số nguyên không âm viết liền không dấu chấm "
                  "(ví dụ phai_nop: 8000; 0 là không phải nộp gì), không phải «{value}»{guess}.",
    "bad_status_text": "Khóa «trang_thai» phải là số nguyên từ 1 đến 10, viết không có dấu ngoặc kép "
                       "(trang_thai: {value}), không phải chữ «{value}».",
    "bad_data_key": "Tên trường trong «{key}» phải là chữ, không phải {found}.",
    "bad_data_value": "Giá trị của trường «{field}» trong «{key}» có kiểu {kind} không dùng được; "
                      "chỉ dùng chữ, số, true/false, danh sách và nhóm khóa (ngày tháng viết trong ngoặc kép).",
    "bad_number": "Giá trị của trường «{field}» trong «{key}» phải là số hữu hạn.",
    "bad_instant": "Thời điểm «{value}» ở khóa «{key}» không đọc được{guess}. Viết theo giờ địa phương "
                   "«2026-11-23 08:00», hoặc ISO 8601 có múi giờ «2026-11-23T08:00:00+07:00».",
    "bad_duration": "Khoảng thời gian «{value}» ở khóa «troi_qua» không đọc được{guess}. Viết «8 giờ làm việc», "
                    "«2 ngày làm việc», «3 ngày» (ngày lịch) hoặc «{{den: 2026-11-25 09:00}}».",
    "empty_instant": "Khóa «{key}» chưa có thời điểm. Viết theo giờ địa phương «2026-11-23 08:00», "
                     "hoặc ISO 8601 có múi giờ «2026-11-23T08:00:00+07:00».",
    "no_appointment_hint": "Hồ sơ chưa có ngày hẹn trả (chưa được tiếp nhận) thì viết «hen_tra: khong».",
    "bad_calendar_days": "Số ngày lịch «{value}» phải là số nguyên dương.",
    "guess": " (có phải ý bạn là «{name}»?)",
    "needs_time": " (thiếu giờ: viết cả giờ phút, như «{day} 17:00»)",
    "found_nothing": "để trống",
    "found_text": "chữ «{value}»",
    "found_list": "một danh sách",
    "found_mapping": "một nhóm khóa",
    "found_value": "giá trị «{value}»",
    # -- the diagram and the province (diagram.py, runner.py) -----------------------------------
    "province": "Không dùng được hồ sơ tỉnh: {detail} Sửa khóa «tinh» hoặc biến môi trường MOTCUA_PROVINCE.",
    "diagram_problems": "Sơ đồ {file} không nạp được; sửa các lỗi dưới đây (như «motcua bpmn check» báo) rồi chạy lại:",
    "diagram_unreadable": "Không đọc được sơ đồ {file}: {detail}.",
    "diagram_without_process": "Sơ đồ {file} không có quy trình «{process_id}»{guess}; quy trình trong sơ đồ: {found}. "
                               "Sửa khóa «quy_trinh».",
    "no_diagram": "Không tìm thấy sơ đồ nào có quy trình «{process_id}»{guess} (đã tìm trong {here} và {folder}). "
                  "Đặt tệp kịch bản cạnh sơ đồ của nó, cùng tên: <tên sơ đồ>.kich-ban.yaml, hoặc sửa khóa «quy_trinh».",
    "none": "(không có)",
    # -- running the steps (runner.py) ----------------------------------------------------------
    "start": "bắt đầu lúc {at}",
    "start_line": "bắt đầu lúc {at} (dòng {line})",
    "check": "kiểm tra",
    "do": "làm «{task}»",
    "send": "gửi tin nhắn «{message}»",
    "wait": "thời gian trôi qua {amount}",
    "wait_until": "thời gian trôi đến {at}",
    "at": " lúc {at}",
    "scenario_problem": "kịch bản không chạy được",
    "scenario_problem_line": "kịch bản không chạy được (dòng {line})",
    "invalid_step": "bước viết chưa đúng",
    "state": "trạng thái {status}",
    # The diagram set no status there: the app keeps the one the dossier has (1 from submission).
    "status_initial": " (Mới đăng ký: sơ đồ chưa đặt trạng thái nào, hệ thống giữ trạng thái lúc nộp hồ sơ)",
    "status_kept": " (sơ đồ không đặt trạng thái mới ở đây, hệ thống giữ trạng thái trước đó)",
    "open_tasks": "việc đang mở: {tasks}",
    "no_open_task": "không có việc nào đang mở",
    "stuck_at_join": "hồ sơ chờ mãi ở {gateways}: cổng gộp chờ một nhánh không bao giờ tới (xem QT-60 trong "
                     "docs/ANALYST.md; `motcua bpmn check` chỉ ra chỗ sai)",
    "waiting": "chờ tin nhắn: {messages}",
    "finished": "quy trình đã kết thúc",
    "timer_fired": "bộ hẹn giờ {element} kích hoạt lúc {at}{late}",
    "timer_marks_late": " (đánh dấu hồ sơ trễ hạn)",
    "handed_next_day": "hồ sơ giấy được chuyển sau giờ chốt trong ngày: các bước vừa mở tính thời hạn từ {at}",
    "no_timer": "không có bộ hẹn giờ nào đến hạn",
    "too_many_timers": "Các bộ hẹn giờ kích hoạt lặp lại hơn {limit} lần trước {at}: sơ đồ có vòng lặp hẹn giờ? "
                       "Kiểm tra các bộ hẹn giờ trong sơ đồ.",
    "earlier": "Thời điểm {at} sớm hơn thời điểm hiện tại của kịch bản ({now}); đồng hồ chỉ đi tới. "
               "Sửa khóa «luc» hoặc «den» thành {now} hoặc muộn hơn.",
    "duration_failed": "Không tính được khoảng thời gian «{value}»: {detail}",
    "engine_failed": "Bộ máy quy trình báo lỗi: {detail} Sửa dữ liệu của kịch bản hoặc biểu thức trong sơ đồ.",
    "start_failed": "Không bắt đầu được quy trình: {detail} Sửa «du_lieu»/«du_lieu_chung» hoặc biểu thức trong sơ đồ.",
    "unexpected": "Bộ chạy kịch bản gặp lỗi không lường trước ({kind}: {detail}). Hãy báo cho nhóm phát triển "
                  "kèm tệp kịch bản này.",
    "task_not_in_diagram": "Sơ đồ không có việc nào tên «{task}»{guess}. Các việc trong sơ đồ: {tasks}. "
                           "Viết tên việc đúng như trong sơ đồ (có dấu).",
    "task_not_open": "Không có việc «{task}» ({element}) đang mở; {state}. Kiểm tra các bước trước: hồ sơ "
                     "chưa tới việc này hoặc đã qua nó.",
    "task_lane": "Việc {element} thuộc làn «{lane}» (vai trò {role}), không phải «{given}». Sửa «vai_tro» "
                 "thành «{lane}», hoặc chuyển việc sang làn đúng trong sơ đồ.",
    "task_agency": "Việc {element} được giao cho {actual}, không phải cơ quan «{given}». Sửa «co_quan», "
                   "hoặc thuộc tính agency của việc trong sơ đồ.",
    "agency_not_code": "Việc {element} được giao cho cơ quan «{code}», mà đó không phải mã định danh cơ quan (như "
                       "000.00.30.H99): trên hệ thống thật không cơ quan nào có mã đó, việc về cơ quan giải quyết hồ "
                       "sơ. Ghi mã định danh vào trường mà thuộc tính agency đọc (QT-07).",
    "agency_default": "cơ quan giải quyết hồ sơ (sơ đồ không ghi agency riêng)",
    "agency_code": "cơ quan «{code}»",
    "form_missing": "Không mở được biểu mẫu «{form}» của việc {element}: {detail}.",
    "form_refused": "Biểu mẫu «{form}» của việc {element} không nhận dữ liệu của bước này:\n{errors}\n"
                    "Sửa «du_lieu» của bước theo biểu mẫu.",
    "form_error": "- {field}{message}",
    # What the form's own message leaves out: the value written, the allowed ones, the closest name.
    "form_value": " Đã ghi «{value}»; giá trị cho phép: {allowed}{guess}.",
    # What the page takes typed (15/01/1990, 01/12/2026 09:00) a scenario writes as stored.
    "form_format": {"date": " Trong kịch bản, viết ngày như khi lưu: \"1990-01-15\".",
                    "date-time": " Trong kịch bản, viết ngày giờ như khi lưu, có múi giờ: "
                                 "\"2026-12-01T09:00:00+07:00\"."},
    "form_field_guess": " Có phải ý bạn là «{name}» (thay cho «{given}»)?",
    "citizen_refused_start": "Tờ khai «{form}» (mục danh mục {entry}) không nhận dữ liệu công dân của kịch bản "
                             "này («du_lieu_chung» gộp với «du_lieu» của kịch bản), nên Cổng Dịch vụ công sẽ từ "
                             "chối hồ sơ:\n{errors}\nSửa «du_lieu_chung» hoặc «du_lieu» của kịch bản theo tờ khai.",
    "citizen_refused_supplement": "Tờ khai «{form}» (mục danh mục {entry}) không nhận tờ khai sau khi bổ sung "
                                  "(tờ khai đang có gộp với «du_lieu» của bước), nên Cổng Dịch vụ công sẽ từ chối "
                                  "việc bổ sung:\n{errors}\nSửa «du_lieu» của bước theo tờ khai.",
    "catalogue_entry_unreadable": "Mục danh mục {entry} ghi quy trình này nhưng không đọc được ({why}), nên hệ "
                                  "thống không nạp nó và không nhận hồ sơ qua nó. Sửa tệp (như «motcua bpmn check» "
                                  "báo) rồi chạy lại.",
    "citizen_form_unusable": "Tờ khai «{form}» của mục danh mục {entry} không dùng được, nên hệ thống không nhận "
                             "hồ sơ của thủ tục này; sửa các lỗi dưới đây (như «motcua bpmn check» báo) rồi chạy lại:",
    "citizen_form_failed": "Không mở được tờ khai: {detail}. Chạy «motcua bpmn check» để xem tờ khai sai ở đâu.",
    "citizen_form_broke": "Tờ khai «{form}» (mục danh mục {entry}) không kiểm tra được dữ liệu công dân: {detail}. "
                          "Chạy «motcua bpmn check» để xem tờ khai sai ở đâu và sửa tờ khai.",
    "refused_as_expected": "bị từ chối đúng như mong đợi: {detail}",
    "refused_wrongly": "Bị từ chối nhưng thông báo không chứa «{expected}»: {detail}",
    "not_refused": "Mong đợi bị từ chối với thông báo chứa «{expected}», nhưng thao tác đã thành công ({state}). "
                   "Bỏ khóa «loi» nếu thao tác này phải thành công.",
    "payment_amount": "Hệ thống chỉ nhận khoản nộp đúng số tiền hồ sơ đang chờ ({due_words} đồng), không phải "
                      "«{paid}»: cổng thanh toán và Bộ phận Một cửa đều thu đủ một lần. Bỏ «so_tien_da_nop» "
                      "(kịch bản tự nộp đủ) hoặc ghi đúng {due}.",
    "payment_zero_online": "Hồ sơ chờ nộp 0 đồng: không có khoản nào để nộp qua cổng thanh toán (Cổng Dịch vụ công "
                           "không cho nộp trực tuyến), chỉ Bộ phận Một cửa ghi nhận hồ sơ không phải nộp. Ghi "
                           "«hinh_thuc_nop: truc_tiep» ở bước này; nếu hồ sơ được miễn phí không cần chờ, rẽ nhánh "
                           "trước sự kiện chờ (ví dụ le_phi > 0) như QT-40.",
    "payment_method": "«hinh_thuc_nop» là {methods}, không phải «{method}».",
    "payment_unknown_key": "Khoản nộp phí chỉ có «so_tien_da_nop», «hinh_thuc_nop», «ma_giao_dich», không có "
                           "«{key}».",
    "message_not_in_diagram": "Sơ đồ không có tin nhắn «{message}»{guess}. Các tin nhắn trong sơ đồ: {messages}. "
                              "Sửa tên ở khóa «gui».",
    "message_not_waited": "Hồ sơ lúc này không chờ tin nhắn «{message}» (nhận ở {elements}); {state}. "
                          "Kiểm tra các bước trước.",
    "passed_time": "{from_} → {to}; {timers}",
    # -- expectations (kiem_tra) ----------------------------------------------------------------
    "checked": "đạt: {what}",
    "check_status": "trạng thái {value}",
    "check_tasks": "việc đang mở: {tasks}",
    "check_due": "hạn «{task}» {at}",
    "check_messages": "chờ tin nhắn: {messages}",
    "check_completed": "kết thúc: {value}",
    "check_late": "trễ hạn: {value}",
    "check_amount": "phải nộp {value}",
    "money": "{value} đồng",
    "check_data": "{key} = {value}",
    "failed_checks": "Không đạt:\n{lines}",
    "expected_status": "- trạng thái: mong đợi {expected}, thực tế {actual}",
    "expected_tasks": "- việc đang mở: mong đợi {expected}, thực tế {actual}",
    "unknown_task_hint": " (sơ đồ không có việc nào tên {names}{guesses})",
    "unknown_task_guesses": "; có phải ý bạn là {names}?",
    # YAML's flow style ([A, B] and {A, B: …}) cuts a plain name at each comma.
    "split_name": "tên việc «{name}» có dấu phẩy nên YAML tách nó thành {pieces}; trong [ ] hay {{ }} "
                  "viết tên trong ngoặc kép: \"{name}\"",
    "expected_tasks_split": " ({split})",
    "expected_due_split": "- hạn: {split}",
    "expected_due_empty": "- hạn của «{task}»: chưa ghi thời điểm; viết «{task}: 2026-11-25 08:00»",
    "expected_due_closed": "- hạn của «{task}»: việc này không đang mở (việc đang mở: {actual})",
    "expected_due_unknown": "- hạn của «{task}»: sơ đồ không có việc nào tên «{task}»{guess}. Các việc trong sơ đồ: "
                            "{tasks}. Viết tên việc đúng như trong sơ đồ (có dấu).",
    "expected_due_none": "- hạn của {element}: mong đợi {expected}, nhưng việc không có thời hạn: sơ đồ "
                         "không đặt thuộc tính timeLimit, và khi việc mở, hồ sơ chưa có ngày hẹn trả{why}",
    "supplement_file_missing": "Cổng từ chối hồ sơ bổ sung: thiếu tệp mới của thành phần {names} mà cơ quan đã yêu "
                               "cầu bổ sung.",
    "supplement_file_hint": " Trong kịch bản, ghi các thành phần công dân gửi tệp ở khóa «tep» của bước, ví dụ "
                            "«tep: [{codes}]», hoặc thêm «loi» nếu mong đợi Cổng từ chối.",
    "supplement_nothing": "Cổng từ chối hồ sơ bổ sung: chưa có nội dung bổ sung (tờ khai không đổi, không tệp nào).",
    "supplement_nothing_hint": " Trong kịch bản, ghi trường được sửa ở «du_lieu» hay thành phần gửi tệp ở «tep» "
                               "(mã hoặc tên thành phần).",
    "supplement_file_unknown": "Khóa «tep» ghi «{given}», nhưng thủ tục không có thành phần nào như vậy. Các thành "
                               "phần công dân gửi tệp: {components}.",
    "supplement_file_split": "Khóa «tep»: tên thành phần «{name}» có dấu phẩy nên YAML tách nó làm nhiều mục; "
                             "viết tên trong ngoặc kép, \"{name}\", hoặc ghi mã của nó: {code}.",
    "files_not_supplement": "Khóa «tep» chỉ dùng với «gui: bo_sung» (công dân gửi tệp bổ sung), không dùng với "
                            "«gui: {message}».",
    "justification_hint": " Trong kịch bản, ghi lý do ở khóa «giai_trinh» của bước (như cán bộ ghi trên trang), "
                          "hoặc thêm «loi» nếu mong đợi hệ thống từ chối.",
    "check_appointment": "ngày hẹn trả {at}",
    "check_no_appointment": "chưa có ngày hẹn trả",
    "expected_appointment": "- ngày hẹn trả: mong đợi {expected}, thực tế {actual}",
    "appointment_entry": " (các mục danh mục dùng quy trình có thời hạn giải quyết khác nhau; kịch bản tính theo "
                         "{entry})",
    "appointment_none": "chưa có (hồ sơ chưa được tiếp nhận: quy trình chưa tới phần tử mang status 2)",
    "appointment_none_short": "chưa có",
    "appointment_unknown": " (không tính được ngày hẹn trả: không có mục danh mục nào trong catalogue/ dùng quy "
                           "trình «{process}» với thời hạn giải quyết «processing_time» hợp lệ; thêm mục "
                           "danh mục, xem mục 8 của hướng dẫn)",
    "expected_due": "- hạn của {element}: mong đợi {expected}, thực tế {actual}",
    "expected_messages": "- tin nhắn đang chờ: mong đợi {expected}, thực tế {actual}",
    "expected_completed": "- kết thúc: mong đợi {expected}, thực tế {actual}",
    "expected_late": "- trễ hạn: mong đợi {expected}, thực tế {actual}",
    "expected_amount": "- số tiền phải nộp: mong đợi {expected}, thực tế {actual}",
    "expected_data": "- dữ liệu «{key}»: mong đợi {expected}, thực tế {actual}",
    "data_missing": "(không có)",
    "yes": "có",
    "no": "không",
    # -- the report (report.py) -----------------------------------------------------------------
    "file_header": "Tệp kịch bản {file}",
    "file_process": "Quy trình {process_id} «{name}» (sơ đồ {diagram}, tỉnh {province})",
    "scenario_header": "Kịch bản {number}: {name} ({file}:{line})",
    "scenario_header_no_line": "Kịch bản {number}: {name}",
    "ok_mark": "✓",
    "fail_mark": "✗",
    "start_label": "bắt đầu",
    "step_label": "bước {number}",
    "step_line": ", dòng {line}",
    "skipped": "  … bỏ qua {count} bước còn lại của kịch bản vì bước trên không đạt.",
    "coverage": "Độ phủ sơ đồ: đi qua {taken}/{flows} luồng trình tự, tới {ends}/{all_ends} sự kiện kết thúc.",
    "uncovered_flow": "  Luồng chưa đi qua: {flow}, từ {source} đến {target}",
    "uncovered_end": "  Sự kiện kết thúc chưa tới: {element}",
    "coverage_required": "  (--phu-day: kịch bản phải đi qua mọi luồng và tới mọi sự kiện kết thúc)",
    "file_ok": "Kết quả: đạt cả {total} kịch bản ({steps} bước).",
    "file_ok_uncovered": "Kết quả: không đạt vì chưa phủ hết sơ đồ: {total}/{total} kịch bản đạt ({steps} bước), "
                         "nhưng còn {flows} luồng và {ends} sự kiện kết thúc chưa kịch bản nào đi qua (--phu-day).",
    "file_failed": "Kết quả: {failed}/{total} kịch bản không đạt.",
    "file_broken": "Kết quả: không chạy được tệp kịch bản.",
}

# PyYAML explains syntax errors in English; the usual ones, said for an analyst.
YAML_PROBLEMS = {
    "mapping values are not allowed here": "dấu «:» không được phép ở đây (thiếu dấu cách sau «:», "
                                           "hoặc giá trị có «:» chưa đặt trong ngoặc kép)",
    "found character '\\t' that cannot start any token": "YAML không cho thụt lề bằng phím Tab; dùng dấu cách",
    "that cannot start any token": "giá trị không được bắt đầu bằng ký tự này (như @ hay `); đặt giá trị trong "
                                   "ngoặc kép",
    "expected ',' or '}'": "nhóm khóa trong { } thiếu dấu phẩy giữa hai cặp khóa, hoặc thiếu dấu «}» đóng",
    "expected ',' or ']'": "danh sách trong [ ] thiếu dấu phẩy giữa hai mục, hoặc thiếu dấu «]» đóng",
    "expected alphabetic or numeric character": "sau «*» hay «&» phải là tên một neo YAML; giá trị bắt đầu bằng "
                                                "* hay & viết trong ngoặc kép",
    "could not find expected ':'": "thiếu dấu «:» sau tên khóa",
    "did not find expected key": "thụt lề không khớp với các dòng trên",
    "expected <block end>": "thụt lề không khớp với các dòng trên",
    "did not find expected '-' indicator": "thụt lề của danh sách không khớp (các mục «- » phải thẳng hàng)",
    "found undefined alias": "tham chiếu * tới một neo & chưa khai báo",
    "could not determine a constructor for the tag": "thẻ «!…» không được phép: tệp kịch bản chỉ chứa dữ liệu",
    "found unacceptable character": "tệp có ký tự không được phép",
    "while scanning a quoted scalar": "thiếu dấu ngoặc kép đóng",
    "expected <document start>": "tệp có nhiều tài liệu YAML hoặc dòng thừa ở cấp ngoài cùng",
}
