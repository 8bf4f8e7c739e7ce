"""What the catalogue pages say, in Vietnamese."""

LEVELS = {"tinh": "Cấp tỉnh", "xa": "Cấp xã", "trung_uong": "Cơ quan trung ương tại tỉnh"}
ONLINE_LEVELS = {"toan_trinh": "Toàn trình", "mot_phan": "Một phần"}
UNITS = {"working_days": "ngày làm việc", "working_hours": "giờ làm việc", "calendar_days": "ngày"}
KINDS = {"ban_chinh": "Bản chính", "ban_sao_chung_thuc": "Bản sao có chứng thực", "ban_chup": "Bản chụp hoặc bản sao"}
