"""What the account pages and mails say, in Vietnamese."""

MESSAGES = {
    "duplicate_id": "Số định danh cá nhân này đã được dùng để đăng ký tài khoản. Hãy đăng nhập hoặc lấy lại mật khẩu.",
    # Held by a registration whose mail was never opened: freed when its link expires.
    "duplicate_pending": "Đã có người đăng ký bằng thông tin này nhưng chưa xác thực thư điện tử. Nếu đó là bạn, hãy "
                         "mở thư xác thực (hoặc gửi lại thư từ trang đăng nhập). Nếu không, thông tin này được giải "
                         "phóng lúc {until} nếu đăng ký kia vẫn chưa xác thực; cần gấp, hãy đến Bộ phận Một cửa.",
    "duplicate_email": "Địa chỉ thư điện tử này đã được dùng cho một tài khoản khác.",
    "login_failed": "Tên đăng nhập hoặc mật khẩu không đúng.",
    # Said only to whoever typed the account's right password.
    "closed": "Tài khoản này đã bị khóa{reason}, nên chưa đăng nhập được. Vui lòng liên hệ quản trị viên hệ thống "
              "(hoặc Bộ phận Một cửa) để mở lại tài khoản.",
    "closed_idle": " vì lâu không sử dụng",
    "login_missing": "Vui lòng nhập tên đăng nhập và mật khẩu.",
    "locked": "Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau {until} hoặc lấy lại mật khẩu.",
    "unverified": "Tài khoản chưa xác thực thư điện tử. Vui lòng mở liên kết trong thư xác thực, hoặc gửi lại thư bên dưới.",
    "verified": "Đã xác thực thư điện tử. Bạn có thể đăng nhập.",
    "email_changed": "Đã xác thực và cập nhật địa chỉ thư điện tử mới.",
    "bad_link": "Liên kết không hợp lệ hoặc đã hết hạn. Vui lòng yêu cầu gửi lại.",
    "email_taken": "Không thể xác thực: địa chỉ thư điện tử này đã thuộc một tài khoản khác.",
    "resent": "Nếu địa chỉ này thuộc một tài khoản chưa xác thực, thư xác thực mới đã được gửi.",
    "logged_in": "Đăng nhập thành công.",
    "logged_out": "Bạn đã đăng xuất.",
    "reset_sent": "Nếu địa chỉ này thuộc một tài khoản, thư hướng dẫn đặt lại mật khẩu đã được gửi (hiệu lực 1 giờ).",
    "reset_done": "Đã đặt mật khẩu mới. Mọi phiên đăng nhập cũ đã kết thúc; vui lòng đăng nhập lại.",
    "activated": "Tài khoản đã được kích hoạt. Mời đăng nhập bằng mật khẩu vừa đặt.",
    "profile_saved": "Đã lưu thông tin cá nhân.",
    "email_pending": "Thư xác thực đã được gửi tới địa chỉ mới; địa chỉ cũ vẫn được dùng cho đến khi bạn xác thực.",
    "password_changed": "Đã đổi mật khẩu. Các phiên đăng nhập khác đã bị đăng xuất.",
    "current_password": "Mật khẩu hiện tại không đúng.",
    "too_many_title": "Quá nhiều yêu cầu",
    "too_many": "Bạn đã thử quá nhiều lần. Vui lòng thử lại sau {seconds} giây.",
    "verify_subject": "Xác thực tài khoản Cổng Dịch vụ công",
    "verify_body": "Kính gửi {name},\n\nĐể xác thực địa chỉ thư điện tử cho tài khoản trên Cổng Dịch vụ công tỉnh Bình An, "
                   "vui lòng mở liên kết sau (hiệu lực 48 giờ):\n\n{link}\n\nNếu bạn không yêu cầu, hãy bỏ qua thư này.",
    "counter_account": "Số định danh này đã có tài khoản do Bộ phận Một cửa lập khi ông/bà nộp hồ sơ tại quầy. "
                       "Nhập đúng địa chỉ thư điện tử đã khai khi nộp hồ sơ để nhận thư kích hoạt tài khoản; nếu khi "
                       "đó chưa khai địa chỉ thư điện tử, đề nghị Bộ phận Một cửa bổ sung.",
    "activation_sent": "Tài khoản của ông/bà đã được Bộ phận Một cửa lập khi nộp hồ sơ tại quầy. Thư kích hoạt đã được "
                       "gửi tới {email}: mở liên kết trong thư để đặt mật khẩu (hiệu lực 7 ngày).",
    "activate_subject": "Kích hoạt tài khoản Cổng Dịch vụ công",
    "activate_body": "Kính gửi {name},\n\n{agency} đã lập tài khoản Cổng Dịch vụ công tỉnh Bình An cho ông/bà khi "
                     "tiếp nhận hồ sơ tại quầy. Tên đăng nhập là {id_label} {id_number}.\n\nĐể theo dõi "
                     "hồ sơ, nhận kết quả điện tử và nộp hồ sơ trực tuyến, vui lòng đặt mật khẩu tại liên kết sau "
                     "(hiệu lực 7 ngày, dùng một lần):\n\n{link}\n\nNếu ông/bà không nộp hồ sơ nào, hãy bỏ qua thư này.",
    "officer_activate_subject": "Kích hoạt tài khoản Hệ thống một cửa điện tử",
    "officer_activate_body": "Kính gửi {name},\n\nQuản trị hệ thống đã lập tài khoản Hệ thống một cửa điện tử cho "
                             "ông/bà: vai trò {role} tại {agency}, tên đăng nhập {username}.\n\nVui lòng đặt mật khẩu "
                             "tại liên kết sau (hiệu lực 7 ngày, dùng một lần):\n\n{link}\n\nNếu đây không phải "
                             "tài khoản của ông/bà, hãy báo cho quản trị hệ thống.",
    "reset_subject": "Đặt lại mật khẩu Cổng Dịch vụ công",
    "reset_body": "Kính gửi {name},\n\nĐể đặt mật khẩu mới, vui lòng mở liên kết sau (hiệu lực 1 giờ, dùng một lần):"
                  "\n\n{link}\n\nNếu bạn không yêu cầu, hãy bỏ qua thư này; mật khẩu hiện tại vẫn giữ nguyên.",
}
