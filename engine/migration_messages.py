"""What moving a running dossier to another version of its diagram says (engine/migration.py), in
Vietnamese, for the administrator who moves it and the analyst who fixes the diagram. Each reason
names the element by its name and id (the id is what must stay the same in the fixed diagram)."""
from __future__ import annotations

MIGRATION_MESSAGES = {
    "same_version": "Hồ sơ đã chạy trên phiên bản {target}.",
    # Where the dossier is now, gone from the target version.
    "open_removed": "Hồ sơ đang ở bước «{name}» ({element}), nhưng phiên bản {target} không còn phần tử nào có mã "
                    "«{element}». Trong sơ đồ đã sửa, giữ bước này với đúng mã phần tử đó (đổi tên, biểu mẫu, "
                    "điều kiện thì được), rồi lưu và chuyển lại; nếu không, hồ sơ đi tiếp trên phiên bản cũ.",
    "waiting_removed": "Hồ sơ đang chờ «{name}» ({element}), nhưng phiên bản {target} không còn phần tử nào có mã "
                       "«{element}». Trong sơ đồ đã sửa, giữ sự kiện này với đúng mã phần tử đó, rồi lưu và chuyển "
                       "lại; nếu không, hồ sơ đi tiếp trên phiên bản cũ.",
    "inside_removed": "Hồ sơ đang được giải quyết trong «{name}» ({element}), nhưng phiên bản {target} không còn "
                      "phần tử nào có mã «{element}». Trong sơ đồ đã sửa, giữ quy trình con này với đúng mã phần tử "
                      "đó, rồi lưu và chuyển lại; nếu không, hồ sơ đi tiếp trên phiên bản cũ.",
    "kind_changed": "Hồ sơ đang ở «{name}» ({element}): phiên bản cũ là {old}, phiên bản {target} là {new}. Hồ sơ "
                    "không chuyển được từ loại phần tử này sang loại khác; giữ đúng loại cho phần tử đang có hồ sơ "
                    "(hoặc đặt phần tử mới với mã khác), rồi lưu và chuyển lại.",
    "history_removed": "Hồ sơ đã đi qua «{name}» ({element}), nhưng phiên bản {target} không còn phần tử này (cũng "
                       "không có phần tử nào thay đúng chỗ của nó), nên quá trình hồ sơ đã đi không giữ lại được "
                       "khi chuyển. Giữ phần tử này trong sơ đồ đã sửa, hoặc để hồ sơ đi tiếp trên phiên bản cũ.",
    "history_changed": "Hồ sơ đã đi qua «{name}» ({element}), nhưng phiên bản {target} nối phần tử này khác hẳn (như "
                       "bỏ hết các sự kiện gắn biên của nó), nên quá trình hồ sơ đã đi không giữ lại được khi chuyển. "
                       "Giữ các sự kiện gắn trên phần tử này trong sơ đồ đã sửa, hoặc để hồ sơ đi tiếp trên phiên bản cũ.",
    "reads_missing": "Phiên bản {target} đọc {names} ở «{name}» ({element}), mà hồ sơ không có dữ liệu này và trên "
                     "đường tới đó có thể không bước nào ghi nó: chuyển sang, hồ sơ sẽ dừng lại ở đó. Trong sơ đồ "
                     "đã sửa, cho một bước trước đó ghi dữ liệu này (trường biểu mẫu của bước, công việc tự động), "
                     "hoặc chỉ đọc nó trong nhánh dành cho hồ sơ có nó (x if điều_kiện else y); nếu không, hồ sơ đi "
                     "tiếp trên phiên bản cũ.",
    "failed": "Chuyển hồ sơ sang phiên bản {target} không được: {detail}",
}

# What a dossier waits at, when an element keeps its id but changes its kind of event.
EVENT_KINDS = {
    "MessageEventDefinition": "sự kiện chờ tin nhắn (message)",
    "TimerEventDefinition": "sự kiện hẹn giờ (timer)",
    "TimeDateEventDefinition": "sự kiện hẹn giờ (timer)",
    "DurationTimerEventDefinition": "sự kiện hẹn giờ (timer)",
    "CycleTimerEventDefinition": "sự kiện hẹn giờ lặp (timer cycle)",
    "ErrorEventDefinition": "sự kiện bắt lỗi (error)",
    "SignalEventDefinition": "sự kiện chờ tín hiệu (signal)",
    "EscalationEventDefinition": "sự kiện leo thang (escalation)",
    "ConditionalEventDefinition": "sự kiện chờ điều kiện (conditional)",
    "MultipleEventDefinition": "sự kiện chờ nhiều loại (multiple)",
    "NoneEventDefinition": "sự kiện không loại",
}
