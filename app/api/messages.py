"""What the API says, in Vietnamese, in one place."""

ERRORS = {
    "bad_json": "Nội dung yêu cầu phải là JSON hợp lệ.",
    "invalid": "Dữ liệu gửi lên chưa hợp lệ.",
    "unknown_component": "Phần tệp {names} không ứng với thành phần hồ sơ nào của thủ tục; tên phần tệp là "
                         "tep.<mã thành phần>: {fields}.",
    "no_files": "Yêu cầu này không nhận tệp; tệp thành phần hồ sơ gửi kèm hồ sơ hoặc hồ sơ bổ sung.",
    "unknown_part": "Phần {name} không dùng được: yêu cầu multipart/form-data gồm phần {body} (JSON) và các phần "
                    "tệp tep.<mã thành phần>: {fields}.",
    "file_as_text": "Phần {name} phải là một tệp (gửi kèm tên tệp, filename), không phải chữ; chưa có gì được lưu.",
    "file_without_name": "Phần tệp {name} không có tên tệp (filename); gửi lại kèm tên tệp, ví dụ «can-cuoc.pdf».",
    "missing_component": "Thiếu thành phần hồ sơ «{name}»: gửi tệp trong phần {field} (yêu cầu multipart/form-data).",
    "components_missing": "Hồ sơ thiếu thành phần bắt buộc; xem lỗi của từng phần tệp.",
    "no_body": "Yêu cầu multipart/form-data thiếu phần «body»: một phần chữ (không phải tệp) chứa JSON của yêu cầu.",
    "body_as_file": "Phần «body» phải là phần chữ chứa JSON của yêu cầu, không phải một tệp.",
    "body_twice": "Yêu cầu có nhiều phần «body»; chỉ gửi một phần chứa JSON của yêu cầu.",
    "files_refused": "Có tệp thành phần hồ sơ không nhận được; xem lỗi của từng phần tệp.",
    "required": "Trường này là bắt buộc.",
    "type_string": "Trường này phải là chuỗi ký tự.",
    "type_object": "Trường này phải là một đối tượng JSON.",
    "unknown_field": "Trường không được hỗ trợ.",
    "length": "Độ dài phải từ {low} đến {high} ký tự.",
    "login_failed": "Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đang tạm khóa.",
    "unverified": "Tài khoản chưa xác thực thư điện tử. Vui lòng mở thư xác thực đã được gửi khi đăng ký.",
    "no_token": "Cần đăng nhập: thiếu mã truy cập (Authorization: Bearer ...).",
    "bad_token": "Mã truy cập không hợp lệ hoặc đã hết hạn. Vui lòng đăng nhập lại.",
    "forbidden": "Tài khoản của bạn không có quyền thực hiện thao tác này.",
    "not_found": "Không tìm thấy tài nguyên được yêu cầu.",
    "method": "Phương thức không được hỗ trợ cho địa chỉ này.",
    "too_large": "Nội dung gửi lên quá lớn: một yêu cầu tối đa {limit} MB (kể cả tệp), phần «body» của yêu cầu "
                 "multipart tối đa {body} MB; chưa có gì được lưu.",
    "server": "Hệ thống gặp lỗi. Dữ liệu của bạn chưa bị thay đổi; vui lòng thử lại sau.",
    "busy": "Hồ sơ đang được cập nhật bởi người khác. Vui lòng thử lại.",
    "rate_limited": "Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau {seconds} giây.",
    "login_limited": "Đăng nhập sai quá nhiều lần từ địa chỉ này. Vui lòng thử lại sau {seconds} giây.",
    "one_of": "Giá trị phải là một trong: {values}.",
    "positive_integer": "Giá trị phải là số nguyên dương.",
    "unknown_procedure": "Không có thủ tục mã «{code}».",
    "unknown_lookup": "Không tìm thấy hồ sơ có mã «{code}».",
    "desk_channel": "Bộ phận một cửa ghi nhận thay công dân phải nói đã nhận thế nào: channel là "
                    "«counter» (tại quầy) hoặc «postal» (qua bưu chính).",
    "desk_postal_code": "Nhận qua bưu chính cần số hiệu bưu gửi (postal_code, tối đa 40 ký tự).",
}
