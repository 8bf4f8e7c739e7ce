"""What the diagram renderer says, in Vietnamese: errors for the administrator and the states a
screen reader announces on the officers' dossier page."""

ERRORS = {
    "xml": "Tệp không phải XML hợp lệ: {detail}",
    "doctype": "Tệp có khai báo DOCTYPE hoặc thực thể (entity); sơ đồ BPMN không cần và không được "
               "chứa khai báo này.",
    "not_bpmn": "Tệp không phải sơ đồ BPMN 2.0 (phần tử gốc phải là definitions của BPMN).",
    "no_diagram": "Tệp không có phần trình bày sơ đồ (BPMNDiagram) nên không vẽ được. Hãy mở và lưu "
                  "lại bằng một công cụ vẽ BPMN (bpmn.io, Camunda Modeler…).",
    "no_diagram_for_process": "Tệp không có sơ đồ nào trình bày quy trình «{process}».",
}

STATES = {
    "done": "Đã hoàn thành",
    "current": "Đang xử lý",
    "late": "Quá hạn",
}

DEFAULT_TITLE = "Sơ đồ quy trình"
