"""The public statuses of a dossier (Thông tư 22/2019, DOMAIN.md; docs/ANALYST.md QT-05): the
numbers a diagram writes in a task's or an end event's `status`, and what they are called."""

SUBMITTED = 1  # from the submission until the diagram sets another
RECEIVED = 2  # reaching it issues the dossier code and the legal due instant
REFUSED = 3
PROCESSING = 4
SUPPLEMENT_REQUESTED = 5
PAYMENT_REQUESTED = 6
WITHDRAWN = 7
STOPPED = 8
PROCESSED = 9  # reaching it signs the electronic result
RETURNED = 10

FINISHED = (REFUSED, WITHDRAWN, STOPPED, PROCESSED, RETURNED)  # the agency's work is over
APPLICANTS_TURN = (SUPPLEMENT_REQUESTED, PAYMENT_REQUESTED)  # the agency's clock does not run
ENDED_WITHOUT_RESULT = (REFUSED, STOPPED)
TERMINAL = (REFUSED, WITHDRAWN, STOPPED, RETURNED)  # only an end event may set them

LABELS = {
    SUBMITTED: "Mới đăng ký",
    RECEIVED: "Được tiếp nhận",
    REFUSED: "Không được tiếp nhận",
    PROCESSING: "Đang xử lý",
    SUPPLEMENT_REQUESTED: "Yêu cầu bổ sung giấy tờ",
    PAYMENT_REQUESTED: "Yêu cầu thực hiện nghĩa vụ tài chính",
    WITHDRAWN: "Công dân yêu cầu rút hồ sơ",
    STOPPED: "Dừng xử lý",
    PROCESSED: "Đã xử lý xong",
    RETURNED: "Đã trả kết quả",
}


def known(value) -> int | None:
    """A status as a filter reads it from an address: one of LABELS, else None (ignored, as any
    other nonsense typed there is, rather than a filter nothing matches)."""
    return value if value in LABELS else None
