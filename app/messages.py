"""What the `motcua` command says, in Vietnamese."""

CLI = {
    "help": "Một Cửa: Cổng Dịch vụ công và Hệ thống một cửa điện tử.",
    "up_help": "Cài đặt cơ sở dữ liệu (nếu cần), nạp dữ liệu mẫu lần đầu và chạy toàn bộ hệ thống.",
    "db_help": "Cơ sở dữ liệu: URL SQLAlchemy hoặc đường dẫn tệp SQLite (mặc định instance/motcua.db "
               "hoặc biến MOTCUA_DATABASE_URL).",
    "no_scheduler_help": "Không chạy bộ hẹn giờ trong tiến trình này (khi đã chạy `motcua scheduler`).",
    "scheduler_help": "Chạy các công việc nền (bộ hẹn giờ của quy trình) trong một tiến trình riêng.",
    "db_group_help": "Quản lý cơ sở dữ liệu.",
    "upgrade_help": "Áp dụng các bản nâng cấp cấu trúc cơ sở dữ liệu (Alembic).",
    "demo_help": "Nạp dữ liệu mẫu nếu cơ sở dữ liệu còn trống (chỉ để chạy thử: tài khoản mẫu có mật khẩu công khai).",
    "upgrade_created": "Đã tạo cơ sở dữ liệu {db} ở phiên bản cấu trúc mới nhất ({version}).",
    "upgrade_done": "Đã nâng cấp cơ sở dữ liệu {db} từ phiên bản cấu trúc {old} lên phiên bản mới nhất ({version}).",
    "upgrade_current": "Cơ sở dữ liệu {db} đã ở phiên bản cấu trúc mới nhất ({version}); không có gì phải nâng cấp.",
    "upgrade_demo_loaded": "Đã nạp dữ liệu mẫu (chỉ để chạy thử; các tài khoản mẫu có mật khẩu công khai).",
    "upgrade_demo_kept": "Cơ sở dữ liệu đã có dữ liệu: không nạp dữ liệu mẫu.",
    "calendar_help": "Lịch làm việc của tỉnh.",
    "due_help": "Tính thời hạn theo lịch làm việc, in ra dạng ISO 8601 (+07:00).",
    "from_help": "Thời điểm bắt đầu, ISO 8601 có múi giờ, ví dụ 2026-02-13T16:30:00+07:00.",
    "province_help": "Mã tỉnh (tệp provinces/<mã>.json), mặc định biến MOTCUA_PROVINCE hoặc demo.",
    "bpmn_help": "Sơ đồ quy trình BPMN.",
    "check_help": "Kiểm tra sơ đồ (mặc định mọi tệp trong bpmn/ hoặc thư mục MOTCUA_BPMN_DIR), các mục danh mục "
                  "dùng chúng và tờ khai của các mục đó; mã cơ quan (agency) được so với các cơ quan trong cơ sở "
                  "dữ liệu nếu có; thoát với mã khác 0 nếu có lỗi.",
    "forms_help": "Thư mục biểu mẫu (mặc định forms/ hoặc MOTCUA_FORMS_DIR).",
    "check_db_help": "Cơ sở dữ liệu để đọc danh sách cơ quan của tỉnh (mặc định MOTCUA_DATABASE_URL, hoặc "
                     "instance/motcua.db nếu đã có); không có thì không kiểm tra mã cơ quan.",
    "no_agencies": "(Không đọc được danh sách cơ quan từ cơ sở dữ liệu nên chưa kiểm tra mã cơ quan «agency»; "
                   "dùng --db để chỉ cơ sở dữ liệu của tỉnh.)",
    "timers_help": "Bộ hẹn giờ của quy trình.",
    "fire_help": "Kích hoạt ngay các bộ hẹn giờ đã đến hạn.",
    "fired": "Đã xử lý bộ hẹn giờ của {count} hồ sơ.",
    "error": "Lỗi: {message}",
    "one_amount": "cần đúng một trong --working-days, --working-hours, --calendar-days.",
    "bad_instant": "không đọc được thời điểm «{value}»; dùng ISO 8601, ví dụ 2026-02-13T16:30:00+07:00.",
    "naive_instant": "thời điểm «{value}» thiếu múi giờ; thêm +07:00, ví dụ {value}+07:00.",
    "date_only": "«{value}» chỉ có ngày; cần cả giờ và múi giờ, ví dụ {value}T08:00:00+07:00.",
    "instant_out_of_range": "thời điểm «{value}» nằm ngoài khoảng lịch làm việc tính được (từ năm {first} đến "
                            "năm {last}).",
    "bad_amount": "thời hạn «{value}» không phải là một số; ví dụ --working-days 3 hoặc --working-hours 1,5.",
    "amount_not_positive": "thời hạn «{value}» phải lớn hơn 0.",
    "whole_calendar_days": "--calendar-days phải là số ngày nguyên, không phải «{value}»; ngày làm việc lẻ thì "
                           "dùng --working-days.",
    "working_days_help": "Số ngày làm việc, có thể lẻ (1,5 hoặc 1.5: một ngày rưỡi, tính bằng số giờ làm việc "
                         "của một ngày).",
    "working_hours_help": "Số giờ làm việc, có thể lẻ (ví dụ 0,5).",
    "calendar_days_help": "Số ngày theo lịch (số nguyên): hạn là cuối ngày thứ n, dời sang cuối ngày làm việc kế "
                          "tiếp nếu ngày đó là ngày nghỉ.",
    "no_files": "không có tệp sơ đồ nào để kiểm tra.",
    "no_diagrams_in": "thư mục «{folder}» không có tệp sơ đồ nào (*.bpmn) để kiểm tra.",
    "port_busy": "cổng {port} trên {host} đang được một chương trình khác dùng (có thể là một Một Cửa đang "
                 "chạy). Dừng chương trình đó, hoặc chọn cổng khác: motcua up --port {other}",
    "serving": "Một Cửa đang chạy tại {url} (cơ sở dữ liệu: {db}). Nhấn Ctrl+C để dừng.",
    "demo_loaded": "Đã nạp dữ liệu mẫu. Tài khoản mẫu:",
    "demo_kept": "Tài khoản mẫu (nếu chưa bị thay đổi):",
    "demo_password": "Mật khẩu của mọi tài khoản mẫu: {password}",
    "demo_dossiers": "Đã tạo {count} hồ sơ mẫu ở các bước khác nhau (chờ tiếp nhận, đang xử lý, quá hạn, "
                      "chờ bổ sung, chờ nộp phí, chờ ký duyệt, đã trả kết quả có chữ ký số).",
    "diagram_problem": "Sơ đồ chưa được nạp: {problem}",
    "demo_gateway": "Cổng thanh toán thử nghiệm (không có tiền thật) chạy tại {url}",
    "catalogue_problem": "Thủ tục chưa được nạp: {problem}",
    "roles": {"citizen": "Công dân", "one_stop": "Bộ phận Một cửa", "specialist": "Chuyên viên",
              "leader": "Lãnh đạo", "coordinator": "Điều phối", "admin": "Quản trị"},
}

# Before a command works on the province's database (app/database_check.py). {db}: the path or the
# URL without its password; {command}: what creates or upgrades that database.
DATABASE = {
    "no_file": "không có cơ sở dữ liệu «{db}». Kiểm tra lại đường dẫn --db (hoặc biến MOTCUA_DATABASE_URL); "
               "nếu cần tạo cơ sở dữ liệu mới, chạy: {command}",
    "no_schema": "cơ sở dữ liệu «{db}» chưa có các bảng của Một Cửa. Kiểm tra lại --db (hoặc biến "
                 "MOTCUA_DATABASE_URL); nếu đây là cơ sở dữ liệu mới, tạo các bảng bằng: {command}",
    "old_schema": "cơ sở dữ liệu «{db}» chưa được nâng cấp lên cấu trúc của phiên bản Một Cửa này; chạy: {command}",
    "newer_schema": "cơ sở dữ liệu «{db}» đã được nâng cấp bởi một phiên bản Một Cửa mới hơn (phiên bản cấu trúc "
                    "{version}); dùng phiên bản Một Cửa đó.",
    "unreachable": "không kết nối được tới cơ sở dữ liệu «{db}»: máy chủ không trả lời hoặc từ chối kết nối. "
                   "Kiểm tra máy chủ cơ sở dữ liệu đang chạy, địa chỉ, cổng, tên đăng nhập và mật khẩu trong "
                   "--db (hoặc MOTCUA_DATABASE_URL). Chi tiết: {detail}",
    "unopenable": "không mở được tệp cơ sở dữ liệu «{db}» (không phải tệp SQLite, hoặc không có quyền đọc ghi). "
                  "Chi tiết: {detail}",
    "bad_url": "không dùng được cơ sở dữ liệu «{db}»: cần một URL SQLAlchemy (ví dụ postgresql+psycopg://…) "
               "hoặc đường dẫn tệp SQLite. Chi tiết: {detail}",
}

# `motcua scheduler` (app/scheduler.py): what it runs, by job id, and how often.
SCHEDULER = {
    "started": "Bộ lập lịch đang chạy các công việc nền (nhấn Ctrl+C để dừng):",
    "job_line": "  - {name}: {every}",
    "jobs": {
        "send_mail": "Gửi thư điện tử đang chờ trong hộp thư đi",
        "fire_timers": "Kích hoạt bộ hẹn giờ quy trình đã đến hạn",
        "purge_rate_counters": "Xóa bộ đếm giới hạn truy cập đã cũ",
        "lock_idle_officers": "Khóa tài khoản cán bộ không sử dụng",
        "reconcile_payments": "Hỏi cổng thanh toán về các lần nộp phí trực tuyến chưa có kết quả",
    },
    "every_seconds": "mỗi {count} giây",
    "every_minutes": "mỗi {count} phút",
    "every_hours": "mỗi {count} giờ",
    "every_minute": "mỗi phút",
    "every_hour": "mỗi giờ",
    "waiting": "Một bộ lập lịch khác đang chạy trên cơ sở dữ liệu này; tiến trình này chờ và sẽ thay nó khi nó dừng.",
}
