"""What the moving of running dossiers to the current diagram version tells administrators, on the
procedures page and in `motcua dossiers move-version`, in Vietnamese, in one place."""

MOVE = {
    "title": "Chuyển các hồ sơ đang chạy sang phiên bản hiện hành",
    "intro": "Hồ sơ chạy đến hết trên phiên bản sơ đồ nó đã bắt đầu. Khi phiên bản {version} có lỗi chỉ lộ ra lúc "
             "chạy (như cổng rẽ nhánh không nhánh nào thỏa điều kiện) và sơ đồ đã được sửa, chuyển các hồ sơ đang "
             "chạy của nó sang phiên bản hiện hành {current} để chúng đi tiếp theo sơ đồ đã sửa. Hồ sơ giữ nguyên "
             "dữ liệu, hạn của bước đang làm, người đã nhận xử lý và lịch sử; bước hay sự kiện hồ sơ đang ở phải còn "
             "trong phiên bản hiện hành với đúng mã phần tử.",
    "open": "Xem các hồ sơ chuyển được",
    "heading_count": "{total} hồ sơ đang chạy trên phiên bản {version}: {movable} hồ sơ chuyển được.",
    "dossier": "Hồ sơ",
    "status": "Trạng thái",
    "verdict": "Chuyển sang phiên bản hiện hành",
    "movable": "chuyển được",
    "not_movable": "không chuyển được",
    "no_code": "Hồ sơ số {id} (chưa cấp mã)",
    "confirm_button": "Chuyển {count} hồ sơ sang phiên bản {current}",
    "confirm": "Chuyển {count} hồ sơ đang chạy trên phiên bản {version} sang phiên bản hiện hành {current}? Mỗi hồ "
               "sơ sẽ đi tiếp theo sơ đồ của phiên bản {current}; việc này không hoàn tác được.",
    "nothing_movable": "Không hồ sơ nào chuyển được: sửa sơ đồ theo các lý do trên, lưu lại rồi xem lại trang này.",
    "none_running": "Không còn hồ sơ nào đang chạy trên phiên bản {version}.",
    "is_current": "Phiên bản {version} là phiên bản hiện hành: không có gì để chuyển.",
    "no_current": "Sơ đồ của quy trình này không còn trong thư mục bpmn/, nên không có phiên bản hiện hành để chuyển "
                  "hồ sơ sang.",
    "current_changed": "Phiên bản hiện hành vừa đổi thành {current} (sơ đồ được lưu lại): chưa hồ sơ nào được chuyển. "
                       "Xem lại danh sách dưới đây rồi xác nhận.",
    "moved": "Đã chuyển {moved} hồ sơ sang phiên bản {current}.",
    "left": "{count} hồ sơ không chuyển được, vẫn chạy trên phiên bản {version}: xem lý do dưới đây.",
    "gone": "Hồ sơ đã kết thúc hoặc đã được chuyển sang phiên bản khác trong lúc chờ.",
    "busy": "Không ghi được việc chuyển hồ sơ này (cơ sở dữ liệu báo lỗi); hồ sơ vẫn ở phiên bản cũ. Thử lại sau.",
    # motcua dossiers move-version
    "cli_group_help": "Hồ sơ đang giải quyết.",
    "cli_help": "Chuyển các hồ sơ đang chạy trên một phiên bản cũ của sơ đồ sang phiên bản hiện hành "
                "(docs/ANALYST.md QT-26). Mỗi hồ sơ được chuyển trong một giao dịch riêng; hồ sơ không chuyển "
                "được thì giữ nguyên, kèm lý do.",
    "cli_from_help": "Phiên bản đang chạy cần chuyển (mã băm, hoặc phần đầu của nó như trang Quy trình hiện).",
    "cli_dry_run_help": "Chỉ liệt kê hồ sơ nào chuyển được, không chuyển.",
    "cli_unknown_process": "Không có quy trình «{process_id}».",
    "cli_unknown_version": "Không có hồ sơ nào đang chạy trên phiên bản «{version}» của quy trình «{process_id}».",
    "cli_short_version": "«{version}» quá ngắn để chỉ một phiên bản: ghi ít nhất {shortest} ký tự đầu của mã phiên "
                         "bản như trang Quy trình hiện (10 ký tự), hoặc ghi đủ cả mã.",
    "cli_ambiguous_version": "«{version}» là phần đầu của nhiều phiên bản ({versions}): ghi dài hơn.",
    "cli_line_ok": "{dossier}: chuyển được",
    "cli_line_moved": "{dossier}: đã chuyển",
    "cli_line_refused": "{dossier}: không chuyển được: {reason}",
    "cli_summary_dry": "{movable}/{total} hồ sơ chuyển được sang phiên bản {current} (chưa chuyển: bỏ --dry-run để chuyển).",
    "cli_summary": "Đã chuyển {moved}/{total} hồ sơ sang phiên bản {current}.",
}
