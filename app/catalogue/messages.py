"""What the catalogue pages say, in Vietnamese."""

LEVELS = {"tinh": "Cấp tỉnh", "huyen": "Cấp huyện", "xa": "Cấp xã",
          "trung_uong": "Cơ quan trung ương tại tỉnh"}
# Decree 42/2022/NĐ-CP: a service is fully online (toàn trình) or partly online (một phần).
ONLINE_LEVELS = {"toan_trinh": "Toàn trình", "mot_phan": "Một phần"}
UNITS = {"working_days": "ngày làm việc", "working_hours": "giờ làm việc", "calendar_days": "ngày"}
KINDS = {"ban_chinh": "Bản chính", "ban_sao_chung_thuc": "Bản sao có chứng thực", "ban_chup": "Bản chụp/bản sao"}
REQUIRED = {True: "Bắt buộc", False: "Không bắt buộc", "on_behalf": "Bắt buộc khi nộp thay (ủy quyền)"}
# A component required by the applicant's own answer on the application e-form (catalogue
# "required_when": {"field": …, "in": […]}, ANALYST.md QT-45): the field's title and the labels of
# the values, as the applicant reads them on the form.
WORDLESS = "«{query}» không có chữ hay số nào để tìm; dưới đây là mọi thủ tục. Hãy gõ tên thủ tục, ví dụ «trích lục»."
# A procedure only the person concerned may ask for under some answer ("self_only_when").
SELF_ONLY = "Khi {condition}, người yêu cầu phải tự nộp hồ sơ, không nộp thay người khác được. Chọn «Bản thân tôi», hoặc đổi câu trả lời đó."
SELF_ONLY_NOTE = "Không nộp thay được khi {condition}."
REQUIRED_WHEN = "Bắt buộc khi {condition}"
CONDITION_FIELD = "«{field}» là {values}"
CONDITION_OR = " hoặc "
CONDITION_ON_BEHALF = "nộp thay người khác hoặc tổ chức"
# Appended to "missing component" on the portal and at the counter when the application's answer
# is what makes the component required.
REQUIRED_BECAUSE = "Thành phần này bắt buộc khi {condition}."
UNKNOWN = "Chưa có thông tin"
FEE_UNIT = "đồng"
