"""What signing and verification say, in Vietnamese: the `motcua keys` command, the names written
into the demo certificates, the verification results and the public verification page."""

CLI = {
    "keys_help": "Khóa và chứng thư số dùng để ký điện tử kết quả giải quyết thủ tục.",
    "init_help": "Tạo (cho bản chạy thử) chứng thư số gốc của tỉnh và một khóa, chứng thư số cho mỗi "
                 "cơ quan trong cơ sở dữ liệu, lưu vào thư mục MOTCUA_KEYS_DIR (mặc định instance/keys/). "
                 "Không ghi đè khóa đã có, trừ khi dùng --force.",
    "force_help": "Tạo lại tất cả: chứng thư số gốc mới và khóa, chứng thư số mới cho mọi cơ quan. Chứng thư "
                  "số gốc cũ được giữ lại (root.retired-….cert.pem) để văn bản đã ký vẫn xác thực được. "
                  "Hỏi xác nhận trước, trừ khi có --yes.",
    "yes_help": "Không hỏi xác nhận (cho kịch bản tự động).",
    # Asked before --force replaces anything: what changes for documents already signed, and for
    # a production installation whose real keys would give way to test ones.
    "force_confirm": "Lệnh này thay chứng thư số gốc của tỉnh và khóa ký của mọi cơ quan trong {path} bằng khóa "
                     "thử nghiệm mới (không có giá trị pháp lý). Chứng thư số gốc cũ được giữ lại làm chứng thư số "
                     "gốc tin cậy, để các kết quả và biên lai đã ký vẫn xác thực được; nếu xóa tệp đó, chúng sẽ "
                     "báo «chưa xác thực được người ký» trên /xac-thuc. Tiếp tục?",
    "root_retired": "Giữ chứng thư số gốc cũ làm chứng thư số gốc tin cậy (văn bản đã ký vẫn xác thực được): "
                    "{path}",
    "dir_help": "Thư mục lưu khóa (mặc định biến MOTCUA_KEYS_DIR hoặc instance/keys/).",
    # Not `db upgrade --demo` first: on a province's real database that would open the demo's accounts,
    # whose password is public.
    "no_agencies": "Chưa có cơ quan nào trong cơ sở dữ liệu; nạp danh sách cơ quan của tỉnh trước: "
                   "`motcua agencies load agencies.json`. (Chỉ khi chạy thử: `motcua db upgrade --demo` nạp "
                   "dữ liệu mẫu, kèm các tài khoản mẫu có mật khẩu công khai.)",
    "root_created": "Đã tạo chứng thư số gốc: {path}",
    "root_kept": "Giữ nguyên chứng thư số gốc đã có: {path}",
    "created": "  Đã tạo khóa và chứng thư số cho {code} ({name})",
    "kept": "  Giữ nguyên khóa đã có của {code} ({name})",
    "no_root_key": "  Chưa tạo được khóa cho {code} ({name}): thư mục khóa không có đủ khóa bí mật gốc "
                   "(root.key.pem) và chứng thư số gốc (root.cert.pem) để cấp chứng thư số; "
                   "dùng --force để tạo lại tất cả.",
    "status_help": "Kiểm tra khóa ký và chứng thư số của từng cơ quan và các chứng thư số gốc được tin cậy: "
                   "còn hạn, sắp hết hạn (dưới 30 ngày), đã hết hạn, thiếu khóa; ký thử bằng từng khóa, đối chiếu "
                   "khóa với chứng thư số và chứng thư số với chứng thư số gốc. Trả mã lỗi 1 khi có cơ quan "
                   "không ký được.",
    "status_agencies": "Khóa ký của các cơ quan:",
    "status_roots": "Chứng thư số gốc được tin cậy khi xác thực:",
    "status_line": "  [{state}] {label}",
    "status_subject": "        {subject}; hiệu lực đến {until}",
    "status_detail": "        {detail}",
    "states": {"ok": "còn hạn", "expiring": "SẮP HẾT HẠN", "expired": "HẾT HẠN", "not_yet_valid": "CHƯA CÓ HIỆU LỰC",
               "unavailable": "KHÔNG DÙNG ĐƯỢC"},
    "unreadable_file": {"missing": "Không mở được tệp (không có tệp hoặc không có quyền đọc).",
                        "invalid": "Tệp không chứa chứng thư số dạng PEM hoặc DER đọc được."},
    "pkcs11_configured": "Đang dùng thiết bị ký PKCS#11 (MOTCUA_PKCS11_LIB): khóa nằm trong thiết bị, "
                         "lệnh này không tạo khóa tệp.",
    "status_dir_help": "Thư mục khóa cần kiểm tra (mặc định biến MOTCUA_KEYS_DIR hoặc instance/keys/).",
    "dir_unusable": "Không dùng được thư mục khóa {path}: {reason}. Chọn thư mục khác bằng --dir hoặc MOTCUA_KEYS_DIR.",
    "dir_reasons": {"not_a_directory": "một phần của đường dẫn là tệp, không phải thư mục",
                    "missing": "không tạo được thư mục ở đường dẫn này",
                    "permission": "không có quyền tạo hoặc ghi tệp trong thư mục",
                    "other": "lỗi hệ thống tệp ({detail})"},
    "root_unreadable": "Không đọc được khóa bí mật gốc root.key.pem hoặc chứng thư số gốc root.cert.pem trong {path} "
                       "(tệp hỏng hoặc được mã hóa) nên chưa cấp được chứng thư số cho cơ quan nào: chép lại tệp "
                       "đúng, hoặc dùng --force để tạo lại tất cả.",
    "status_failed": "Không kiểm tra được khóa của cơ quan: {detail}",
}

# Names written into the demo certificates (UTF8String). {name}: the top agency of the province.
CERTIFICATES = {
    "root_common_name": "CA thử nghiệm - {name}",
}

ERRORS = {
    "bad_code": "Mã cơ quan «{code}» không hợp lệ.",
    "no_key": "Chưa có khóa ký của cơ quan {code}: cần tệp {key} và {cert} trong thư mục khóa, "
              "hoặc cấu hình thiết bị ký PKCS#11.",
    "cert_expired": "Chứng thư số của cơ quan {code} đã hết hạn từ ngày {until}: chữ ký sẽ không được "
                    "tin cậy nên văn bản chưa được ký. Cần gia hạn chứng thư số trước khi phê duyệt.",
    "cert_not_yet_valid": "Chứng thư số của cơ quan {code} chỉ có hiệu lực từ ngày {since}: văn bản chưa "
                          "được ký.",
    "pkcs11": "Lỗi thiết bị ký PKCS#11 (thẻ «{token}») khi dùng khóa của cơ quan {code}: {detail}. Kiểm tra thiết "
              "bị còn cắm và hoạt động, rồi chạy `motcua keys status`.",
    "pkcs11_module": "Không nạp được mô-đun PKCS#11 {library} (MOTCUA_PKCS11_LIB) để ký cho cơ quan {code}: {detail}. "
                     "Kiểm tra đường dẫn tệp thư viện của thiết bị ký.",
    "pkcs11_none": "không có thẻ nào",
    "pkcs11_no_token": "Mô-đun PKCS#11 {library} không có thẻ nhãn «{token}» (MOTCUA_PKCS11_TOKEN) để ký cho cơ quan "
                       "{code}; các thẻ đang có: {labels}. Cắm thiết bị ký hoặc sửa MOTCUA_PKCS11_TOKEN.",
    "pkcs11_no_tokens": "Mô-đun PKCS#11 {library} không có thẻ nào đã khởi tạo để ký cho cơ quan {code}: cắm thiết bị "
                        "ký (hoặc khởi tạo thẻ) rồi đặt MOTCUA_PKCS11_TOKEN bằng nhãn của thẻ.",
    "pkcs11_which_token": "Mô-đun PKCS#11 {library} có nhiều thẻ ({labels}): đặt MOTCUA_PKCS11_TOKEN bằng nhãn của "
                          "thẻ chứa khóa của cơ quan {code}.",
    # The PIN is not tried again by this process: a real token locks after a few wrong tries.
    "pkcs11_pin": "Thẻ «{token}» từ chối mã PIN MOTCUA_PKCS11_PIN ({reason}) nên chưa ký được cho cơ quan {code}. "
                  "Hệ thống không thử lại mã PIN này để thẻ không bị khóa: sửa MOTCUA_PKCS11_PIN rồi khởi động lại "
                  "dịch vụ (hoặc chạy lại lệnh).",
    "pkcs11_pin_reasons": {"incorrect": "mã PIN sai", "locked": "mã PIN đã bị khóa do nhập sai nhiều lần; cần mở "
                           "khóa bằng mã PIN quản trị (SO PIN) của thẻ", "expired": "mã PIN đã hết hạn, cần đổi",
                           "invalid": "mã PIN không đúng dạng thẻ yêu cầu"},
    "pkcs11_no_key": "Thẻ «{token}» không có khóa bí mật nhãn «{code}» của cơ quan {code}: nạp khóa ký của cơ quan "
                     "vào thẻ với nhãn {code}.",
    "pkcs11_no_key_no_pin": "Không thấy khóa bí mật nhãn «{code}» của cơ quan {code} trên thẻ «{token}»: chưa đặt "
                            "MOTCUA_PKCS11_PIN, mà thẻ chỉ cho thấy khóa bí mật sau khi đăng nhập. Đặt "
                            "MOTCUA_PKCS11_PIN; nếu vẫn không thấy, nạp khóa vào thẻ với nhãn {code}.",
    "pkcs11_many_keys": "Thẻ «{token}» có {count} khóa bí mật cùng nhãn «{code}»: chỉ giữ một khóa ký của cơ quan "
                        "{code} với nhãn đó.",
    "pkcs11_no_cert": "Chưa có chứng thư số của cơ quan {code}: đặt tệp {cert} hoặc nạp chứng thư số vào thẻ "
                      "«{token}» với nhãn {code}.",
    "key_unreadable": "Không đọc được tệp khóa {path} của cơ quan {code}: tệp hỏng hoặc không phải khóa bí mật dạng "
                      "PEM/DER. Chép lại tệp khóa đúng của cơ quan.",
    "key_encrypted": "Tệp khóa {path} của cơ quan {code} được mã hóa: đặt mật khẩu khóa vào MOTCUA_KEYS_PASSPHRASE.",
    "key_wrong_passphrase": "Mật khẩu khóa MOTCUA_KEYS_PASSPHRASE không mở được tệp khóa {path} của cơ quan {code}: "
                            "kiểm tra lại mật khẩu.",
    "key_not_encrypted": "Tệp khóa {path} của cơ quan {code} không được mã hóa nhưng MOTCUA_KEYS_PASSPHRASE có đặt: "
                         "mã hóa tệp khóa bằng mật khẩu đó, hoặc bỏ MOTCUA_KEYS_PASSPHRASE nếu các khóa để dạng "
                         "không mã hóa.",
    "cert_unreadable": "Không đọc được chứng thư số {path} của cơ quan {code}: tệp hỏng hoặc không phải chứng thư số "
                       "dạng PEM/DER. Chép lại chứng thư số đúng của cơ quan.",
    # The checks of a key against its certificate (identity.py), made before anything is signed.
    "cannot_sign": "Khóa của cơ quan {code} không ký thử được ({detail}): kiểm tra khóa và thiết bị ký.",
    "key_mismatch": "Khóa bí mật của cơ quan {code} không khớp với chứng thư số ({cert}): chữ ký tạo ra sẽ không hợp "
                    "lệ nên văn bản chưa được ký. Đặt đúng cặp khóa và chứng thư số của cơ quan {code}.",
    "cert_other_agency": "Chứng thư số ({cert}) đặt cho cơ quan {code} lại được cấp cho «{subject}», mã định danh "
                         "{named}: đặt đúng chứng thư số (và khóa) của cơ quan {code}.",
    "cert_unnamed": "Chứng thư số ({cert}) đặt cho cơ quan {code} không ghi mã định danh {code} "
                    "(organizationIdentifier) mà ghi «{subject}»: dùng chứng thư số cấp cho cơ quan {code}.",
    "cert_untrusted": "Chứng thư số của cơ quan {code} ({cert}) không dẫn tới chứng thư số gốc được tin cậy "
                      "(root.cert.pem của thư mục khóa, MOTCUA_TRUST_ROOTS): {detail}. Chữ ký sẽ không xác thực được; "
                      "thêm chứng thư số trung gian vào {chain} hoặc chứng thư số gốc của tổ chức cấp vào "
                      "MOTCUA_TRUST_ROOTS.",
    "cert_untrusted_reasons": {"no_path": "không tìm thấy tổ chức cấp nào được tin cậy",
                               "invalid_path": "một chứng thư số trong chuỗi không hợp lệ (chữ ký, thời hạn "
                                               "hoặc quyền cấp chứng thư số)"},
    "on_token": "trên thẻ «{token}»",
    # What officers read instead of the messages above: the details (paths, device) are the operator's.
    "no_key_officers": "Chưa có khóa ký số của cơ quan; liên hệ quản trị hệ thống.",
    "bad_key_officers": "Khóa ký số của cơ quan chưa dùng được; liên hệ quản trị hệ thống.",
    "signing_failed": "Không ký được văn bản bằng khóa của cơ quan {code}.",
    "signature_not_valid": "Chữ ký vừa tạo bằng khóa của cơ quan {code} không hợp lệ khi kiểm tra lại nên văn bản "
                           "không được lưu; liên hệ quản trị hệ thống (chạy `motcua keys status`).",
    "unreadable_pdf": "Tệp PDF bị hỏng, không đầy đủ hoặc được đặt mật khẩu, nên không ký số được. Quét hoặc xuất "
                      "lại tệp (không đặt mật khẩu) rồi tải lên lại.",
    "naive_time": "Thời điểm ký phải có múi giờ.",
}

VERIFY = {
    # why a file cannot be checked at all (VerificationError)
    "empty": "Tệp rỗng, không có nội dung để kiểm tra.",
    "too_large": "Tệp vượt quá dung lượng cho phép ({limit} MB) nên không được kiểm tra.",
    "not_pdf": "Tệp không phải là tệp PDF. Chỉ kiểm tra được chữ ký số trong tệp PDF.",
    "damaged": "Tệp PDF bị hỏng hoặc không đầy đủ (có thể tải về chưa xong), không đọc được để kiểm tra chữ ký.",
    "encrypted": "Tệp PDF được đặt mật khẩu nên không kiểm tra được chữ ký số.",
    "broken_signature": "Tệp PDF có chữ ký số nhưng phần dữ liệu chữ ký bị hỏng, không đọc được.",
    # one signature's verdict (the summary sentence)
    "valid": "Chữ ký số hợp lệ của {signer}; tệp không bị thay đổi sau khi ký.",
    "valid_extended": "Chữ ký số hợp lệ của {signer}; {coverage}",
    "not_intact": "Chữ ký số không còn nguyên vẹn: nội dung tệp đã bị sửa sau khi ký. "
                  "Không được tin cậy nội dung tệp này.",
    "bad_crypto": "Chữ ký số không hợp lệ (sai về mặt mật mã). Không được tin cậy nội dung tệp này.",
    "untrusted": "Chữ ký số còn nguyên vẹn nhưng {reason} Chưa xác thực được người ký là {signer}.",
    "expired_since": "Chứng thư số của người ký nay đã hết hạn, nhưng hệ thống ghi nhận đã ký và lưu đúng tệp "
                     "này lúc {at}, khi chứng thư số còn hiệu lực, nên chữ ký vẫn có giá trị.",
    # why a certificate is not trusted
    "untrusted_reasons": {
        "unknown_issuer": "chứng thư số không do tổ chức chứng thực mà hệ thống tin cậy cấp.",
        "expired": "chứng thư số của người ký đã hết hạn.",
        "revoked": "chứng thư số của người ký đã bị thu hồi.",
        "usage": "chứng thư số không được cấp cho mục đích ký văn bản.",
        "ca_signer": "chứng thư số là của tổ chức chứng thực (dùng để cấp chứng thư số cho người khác), không "
                     "phải chứng thư số cấp cho cơ quan, tổ chức để ký văn bản.",
        "other": "không xác minh được chứng thư số của người ký theo tổ chức chứng thực mà hệ thống tin cậy (chứng "
                 "thư có thể do nơi khác cấp dưới cùng một tên, hoặc không còn hiệu lực tại thời điểm kiểm tra).",
    },
    # what happened to the file after the signature (the coverage description)
    "coverage": {
        "none": "Chữ ký bao trùm toàn bộ tệp: tệp không bị thay đổi sau khi ký.",
        "altered": "Nội dung đã ký bị sửa: tệp đã bị thay đổi sau khi ký.",
        "trailing_space": "Chữ ký bao trùm toàn bộ nội dung tệp; sau phần đã ký tệp chỉ có thêm dấu xuống dòng hay "
                          "khoảng trắng (thường do gửi, tải tệp), không thay đổi gì trong văn bản.",
        # pyHanko's level for these also takes a changed document title, author or XMP metadata.
        "lta_updates": "Sau khi ký, tệp chỉ được bổ sung dữ liệu duy trì chữ ký (dấu thời gian, thông tin "
                       "kiểm tra chứng thư số) hoặc sửa thông tin mô tả tệp (tiêu đề, tác giả); nội dung các "
                       "trang đã ký không thay đổi.",
        "form_filling": "Sau khi ký, tệp được bổ sung chữ ký khác hoặc điền vào ô biểu mẫu; "
                        "nội dung đã ký không thay đổi.",
        "unsigned_fields": "Sau khi ký, tệp được thêm hay điền ô biểu mẫu mà không ai ký lại phần thêm đó: "
                           "nội dung hiển thị trên trang có thể khác với nội dung đã ký.",
        "annotations": "Sau khi ký, tệp được thêm ghi chú hoặc chú thích; nội dung đã ký không thay đổi, "
                       "nhưng phần ghi chú không thuộc văn bản đã ký.",
        "other": "Sau khi ký, tệp đã bị sửa đổi thêm; nội dung hiển thị có thể khác với nội dung đã ký.",
        "partial": "Chữ ký chỉ bao trùm một phần tệp; phần còn lại không được bảo đảm.",
        # A file with too many signatures or updates (revisions.py): only its beginning is checked.
        "unchecked": "Sau khi ký, tệp còn được bổ sung nhiều chữ ký hoặc thay đổi khác; hệ thống chỉ kiểm tra "
                     "{limit} chữ ký đầu tiên, phần sau đó không được kiểm tra nên không được bảo đảm.",
    },
    "unknown_signer": "người ký không rõ tên",
}

PAGE = {
    "title": "Xác thực văn bản điện tử",
    "no_signature": "Tệp PDF này không có chữ ký số nào.",
    "no_file": "Vui lòng chọn tệp PDF cần kiểm tra.",
    "unknown_code": "Không tìm thấy kết quả hay biên lai có mã «{code}». Vui lòng kiểm tra lại mã in trên văn bản.",
    "unreadable_title": "Không kiểm tra được tệp",
    "receipt_title": "Biên lai {code}",
    "receipt_intro": "Thông tin hệ thống đã ghi nhận khi thu phí, lệ phí. Hãy đối chiếu với biên lai bản giấy: "
                     "chữ ký số chỉ bảo đảm tệp điện tử; nếu số tiền hay thông tin khác trên bản giấy không "
                     "khớp với thông tin dưới đây thì bản giấy đã bị sửa và không có giá trị.",
    "receipt_fields": {"dossier_code": "Mã hồ sơ", "procedure": "Thủ tục hành chính", "amount": "Số tiền đã nộp",
                       "paid_at": "Thời điểm nộp", "method": "Hình thức nộp", "payer": "Người nộp",
                       "agency": "Đơn vị thu"},
    "no_dossier_code": "chưa cấp (nộp trước khi tiếp nhận hồ sơ)",
    "amount": "{amount} đồng",
    "result_title": "Nội dung kết quả {code} được lưu trong hệ thống",
    "result_intro": "Hãy đối chiếu với văn bản bạn đang có (bản giấy hoặc tệp): chữ ký số chỉ bảo đảm tệp điện tử "
                    "do hệ thống cấp; nếu nội dung trên bản giấy không khớp với nội dung dưới đây thì bản giấy đã "
                    "bị sửa và không có giá trị.",
    "result_fields": {"agency": "Cơ quan cấp", "number": "Số văn bản", "applicant": "Người được cấp",
                      "signer": "Người ký", "signed_at": "Thời điểm ký"},
    # One signature's verdict: what the reader must know first leads (a changed file is not "valid").
    "verdicts": {"valid": "hợp lệ",
                 "changed": "tệp đã bị sửa đổi thêm sau khi ký (phần đã ký còn nguyên vẹn)",
                 "untrusted": "chưa xác thực được người ký",
                 "invalid": "không hợp lệ"},
    "report_fields": {"agency": "Cơ quan, tổ chức ký (theo chứng thư số)", "code": "mã định danh",
                      "name": "Tên người ký ghi kèm chữ ký", "signed_at": "Thời điểm ký", "reason": "Lý do ký",
                      "location": "Nơi ký", "intact": "Chữ ký còn nguyên vẹn",
                      "broken": "Không: nội dung đã ký bị sửa", "trusted": "Chứng thư số được tin cậy",
                      "modified": "Thay đổi sau khi ký", "yes": "Có", "no": "Không"},
    "test_certificate": "Chứng thư số thử nghiệm: do hệ thống tạo khi cài đặt để dùng thử (motcua keys init), "
                        "không phải do tổ chức cung cấp dịch vụ chứng thực chữ ký số cấp. Chữ ký đúng về kỹ thuật "
                        "nhưng văn bản không có giá trị pháp lý.",
    "result_digitised": "Bản giấy đã được số hóa vào kho dữ liệu; thông tin của bản giấy:",
    "result_hidden": "Nội dung của kết quả chỉ hiện khi mở trang này từ mã QR in trên văn bản (mã QR mang khóa "
                     "riêng của văn bản), để người khác không đọc được nội dung khi chỉ biết mã kết quả.",
    "receipt_hidden": "Thông tin đã ghi nhận của biên lai (thủ tục, số tiền, người nộp) chỉ hiện khi mở trang này "
                      "từ mã QR in trên biên lai (mã QR mang khóa riêng của biên lai), để người khác không đọc "
                      "được khi chỉ biết mã biên lai.",
    "bad_code": "Mã đã nhập không phải mã kết quả hay mã biên lai: mã chỉ gồm chữ cái không dấu, chữ số, dấu chấm "
                "và dấu gạch ngang, ví dụ 000.00.12.H99-260213-0001-KQ1. Vui lòng kiểm tra lại mã in trên văn bản.",
    "partly_checked": "Tệp có quá nhiều chữ ký hoặc lần sửa đổi để kiểm tra hết: chỉ {limit} chữ ký đầu tiên "
                      "được kiểm tra. Các chữ ký và thay đổi sau đó không được kiểm tra nên không được bảo đảm; "
                      "không thể coi văn bản này là hợp lệ.",
}
