"""Loading catalogue entries (catalogue/<code>.json) into the procedures table."""
from __future__ import annotations

import json
import re
from pathlib import Path

from sqlalchemy import select

from engine.catalogue_forms import PROCESSING_UNITS
from engine.diagram_check import AGENCY_CODE, Problem
from engine.diagram_messages import MESSAGES as DIAGRAM_MESSAGES
from engine.form_check import (WrittenFloat, as_written, closest, form_advice, form_problems, guess, json_problem,
                               pair_problems)

from ..agencies.models import Agency
from ..db import db, savepoint
from ..documents.data import COMPONENT_KINDS
from ..dossiers.completeness import ON_BEHALF, answer_condition, same_value
from .entry_keys import ENTRY, unknown_keys
from .models import Procedure
from ..folding import fold

UNITS = PROCESSING_UNITS
UNIT_WORDS = {"working_days": "ngày làm việc", "working_hours": "giờ làm việc", "calendar_days": "ngày lịch"}
UNFINISHED = "[CẦN SỬA]"  # what `motcua procedure new` leaves for the analyst to write
REQUIRED = ("code", "name", "agency_code", "processing_time", "form", "bpmn_process_id")
MESSAGES = {
    "json": "{file}: {problem}",
    "encoding": "{file}: không đọc được: tệp phải lưu với bảng mã UTF-8 (trong trình soạn thảo: Save with "
                "Encoding → UTF-8).",
    "missing": "{file}: thiếu trường bắt buộc «{field}».",
    "missing_slip": " Tệp có khóa «{key}», hệ thống không đọc: có phải là «{field}» viết sai? Sửa tên khóa cho đúng "
                    "từng ký tự.",
    "unfinished": "{file}: Cảnh báo: thủ tục đã công bố (published: true) mà tệp {where} còn {count} chỗ «[CẦN SỬA]»: "
                  "công dân đọc nguyên văn những chỗ này trên Cổng Dịch vụ công, và chỗ nào trong "
                  "«result_document» được in vào kết quả ký số. Viết thông tin thật vào đó, hoặc "
                  "đặt \"published\": false cho đến khi xong.",
    "agency": "{file}: không có cơ quan mã «{code}»{guess}. Sửa «agency_code» cho đúng mã định danh của cơ quan giải "
              "quyết thủ tục, hoặc nạp cơ quan đó trước (motcua agencies load).",
    "agency_written": "{file}: không có cơ quan mã «{code}»: mã định danh cơ quan viết chữ in hoa, không có dấu cách ở "
                      "đầu hay cuối, và được so đúng từng ký tự. Sửa «agency_code» thành «{fixed}» (cơ quan đó có "
                      "trong hệ thống).",
    "agency_case": "{file}: «agency_code» là «{code}», nhưng mã định danh cơ quan viết chữ in hoa, không có dấu cách ở "
                   "đầu hay cuối, và được so đúng từng ký tự: thủ tục sẽ không nạp được. Sửa thành «{fixed}».",
    "processing_time": "{file}: «processing_time» (thời hạn giải quyết) phải là một đối tượng có số và đơn vị, ví dụ "
                       "\"processing_time\": {{\"amount\": 5, \"unit\": \"working_days\"}}, không phải {value}.",
    "unit": "{file}: đơn vị thời hạn giải quyết («processing_time» → «unit») là {value}, không phải đơn vị hệ thống "
            "hiểu{guess}. Viết một trong: {units}, đúng từng ký tự, ví dụ \"unit\": \"{example}\".",
    "unit_missing": "{file}: thời hạn giải quyết («processing_time») thiếu đơn vị «unit». Thêm một trong: {units}, "
                    "ví dụ \"processing_time\": {{\"amount\": 5, \"unit\": \"working_days\"}}.",
    "amount": "{file}: thời hạn giải quyết («processing_time» → «amount») phải là một số dương viết không có "
              "dấu ngoặc kép, ví dụ \"amount\": 5, không phải {value}.",
    "published": "{file}: «published» phải là true hoặc false viết không có dấu ngoặc kép, không phải {value}: hệ "
                 "thống không đoán được ý bạn (một chữ trong ngoặc kép như \"false\" dễ bị hiểu là có, và thủ tục "
                 "vẫn nhận hồ sơ). Viết \"published\": true để nhận hồ sơ trực tuyến, \"published\": false để "
                 "tạm ngừng.",
    "fees": "{file}: «fees» phải là danh sách các khoản phí, lệ phí, mỗi khoản một đối tượng như "
            "{{\"name\": \"Lệ phí …\", \"amount\": 8000, \"unit\": \"đồng/bản\"}}, không phải {value}.",
    "fee_amount": "{file}: số tiền («amount») của khoản phí, lệ phí thứ {n} («{name}») là {value}, không phải một "
                  "số đồng: viết số nguyên không âm, liền, không có dấu ngoặc kép hay dấu chấm, ví dụ \"amount\": "
                  "8000 (trong JSON, 8.000 là 8 đồng). Công dân đọc mức phí này trên Cổng Dịch vụ công.",
    "not_object": "{file}: mục danh mục phải là một đối tượng JSON.",
    "closed": "{file}: vì tờ khai không dùng được, thủ tục tạm ngừng nhận hồ sơ cho đến khi sửa xong.",
    "file_gone": "Thủ tục «{name}» ({code}) không còn tệp mục danh mục trong thư mục catalogue/ (tệp {code}.json đã bị "
                 "xóa hoặc đổi tên): thủ tục ngừng nhận hồ sơ mới; hồ sơ đang giải quyết vẫn đi tiếp. Muốn nhận hồ sơ "
                 "lại, đặt lại tệp vào thư mục; muốn ngừng hẳn, nên giữ tệp và ghi \"published\": false.",
    "process": "{file}: không có quy trình «{process}» trong bpmn/ (hoặc sơ đồ đang lỗi){guess}; "
               "thủ tục được nạp nhưng tạm ngừng nhận hồ sơ. Sửa «bpmn_process_id» cho đúng mã quy trình "
               "(thuộc tính id của thẻ bpmn:process trong sơ đồ).",
    "process_broken": "{file}: sơ đồ {diagram} của quy trình «{process}» bị lỗi nên không nạp được (xem lỗi của "
                      "tệp {diagram}) và chưa có phiên bản nào của quy trình này được lưu để chạy thay; thủ tục "
                      "được nạp nhưng tạm ngừng nhận hồ sơ cho đến khi sửa xong sơ đồ.",
    # A component required by an answer on the application form (ANALYST.md QT-45).
    "when_shape": "{file}: thủ tục {procedure}, thành phần «{code}» ({name}): «required_when» là {value}, hệ "
                  "thống không hiểu nên không biết khi nào đòi thành phần này. Viết \"required_when\": "
                  "\"on_behalf\" (bắt buộc khi nộp thay người khác hoặc tổ chức), hoặc \"required_when\": "
                  "{{\"field\": \"<tên trường của tờ khai>\", \"in\": [<các giá trị>]}} (bắt buộc khi công dân "
                  "chọn một trong các giá trị đó), ví dụ {{\"field\": \"doi_tuong_nop_phi\", \"in\": "
                  "[\"giam\", \"mien\"]}}; bỏ «required_when» nếu thành phần không bao giờ bắt buộc.",
    "when_field": "{file}: thủ tục {procedure}, thành phần «{code}» ({name}): «required_when» đòi thành phần "
                  "theo trường «{field}», nhưng tờ khai «{form}» không có trường này{guess}, nên công dân sẽ nộp "
                  "được hồ sơ thiếu thành phần. Sửa «field» thành tên một trường của tờ khai (một khóa trong "
                  "«properties» ở cấp ngoài cùng, không phải nhãn hiển thị), hoặc thêm trường đó vào tờ khai.",
    "when_choices": "{file}: thủ tục {procedure}, thành phần «{code}» ({name}): «required_when» đòi thành phần "
                    "theo trường «{field}» của tờ khai «{form}», nhưng trường này không phải trường chọn (không có "
                    "danh sách giá trị «enum», hay là trường có/không), nên không biết giá trị nào công dân chọn "
                    "được. Chọn một trường có «enum» trong tờ khai, hoặc thêm «enum» cho trường «{field}».",
    "when_value": "{file}: thủ tục {procedure}, thành phần «{code}» ({name}): «required_when» đòi thành phần "
                  "khi trường «{field}» là {value}, nhưng tờ khai «{form}» không có giá trị đó cho trường này"
                  "{guess}: công dân không chọn được nó, nên thành phần không bao giờ bị đòi vì nó. Các giá trị "
                  "của trường: {values}. Sửa «in» cho đúng, viết mỗi giá trị y như trong «enum» của trường "
                  "(kể cả dấu ngoặc kép).",
    "self_only": "{file}: thủ tục {procedure}: «self_only_when» là {value}, hệ thống không hiểu nên không ngăn "
                 "được ai nộp thay. Viết {{\"field\": <một trường có danh sách giá trị của tờ khai «{form}»>, "
                 "\"in\": [<các giá trị của trường đó>]}}, ví dụ \"self_only_when\": {{\"field\": \"loai_phieu\", "
                 "\"in\": [\"2\"]}}.",
}
# A component's code names its upload field (tep.<code>) and matches a supplement request's items.
COMPONENT_CODE = re.compile(r"[A-Za-z0-9_-]{1,40}")
COMPONENT_MESSAGES = {
    "components": "{file}: «components» (thành phần hồ sơ) phải là danh sách, mỗi thành phần một đối tượng như "
                  "{{\"code\": \"TK\", \"name\": \"Tờ khai …\", \"kind\": \"ban_chinh\", \"copies\": 1, "
                  "\"required\": true}}, không phải {value}.",
    "code": "{file}: thành phần hồ sơ thứ {n} ({name}) {problem}. «code» là mã ngắn của thành phần, dùng để nhận tệp "
            "công dân nộp và đối chiếu yêu cầu bổ sung: viết bằng chữ cái không dấu, chữ số, dấu gạch dưới hay gạch "
            "ngang, không có dấu cách, tối đa 40 ký tự, ví dụ \"code\": \"GTTT\".",
    "code_missing": "thiếu mã «code»",
    "code_written": "có mã «code» là {value}",
    "unnamed": "không tên",
    "name": "{file}: thành phần hồ sơ thứ {n} (mã «{code}») thiếu tên «name», hoặc tên không phải là chữ: công dân "
            "và cán bộ đọc tên này trên trang nộp hồ sơ, trên Giấy tiếp nhận và trong yêu cầu bổ sung. Viết tên đầy "
            "đủ của giấy tờ, ví dụ \"name\": \"Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp\".",
    "duplicate": "{file}: thành phần hồ sơ thứ {first} («{first_name}») và thứ {n} («{name}») cùng mã «{code}»: "
                 "một tệp nộp cho mã đó được tính cho cả hai, nên hồ sơ thiếu một giấy tờ bắt buộc vẫn được nhận. "
                 "Đặt cho mỗi thành phần một mã riêng (mã so không phân biệt chữ hoa, chữ thường).",
    "flag": "{file}: thành phần hồ sơ thứ {n} («{name}»): «{key}» phải là true hoặc false viết không có dấu ngoặc "
            "kép, không phải {value}: hệ thống không đoán được ý bạn (một chữ trong ngoặc kép như \"false\" dễ bị "
            "hiểu là có, và thành phần thành bắt buộc với mọi hồ sơ). Viết \"{key}\": true hoặc \"{key}\": false.",
    "copies": "{file}: thành phần hồ sơ thứ {n} («{name}»): số bản «copies» phải là một số nguyên dương viết không có "
              "dấu ngoặc kép, ví dụ \"copies\": 1, không phải {value}.",
    "kind": "{file}: thành phần hồ sơ thứ {n} («{name}»): loại bản «kind» là {value}, không phải loại hệ thống "
            "hiểu{guess}. Viết một trong: \"ban_chinh\" (bản chính), \"ban_sao_chung_thuc\" (bản sao có chứng "
            "thực), \"ban_chup\" (bản chụp hoặc bản sao).",
}
DETAIL_KEYS = ("sector", "field_code", "level", "online_level")


class CatalogueError(Exception):
    pass


def read_entry(path: Path) -> dict:
    try:
        entry = json.loads(path.read_text(encoding="utf-8-sig"), parse_float=WrittenFloat)
    except json.JSONDecodeError as exc:
        raise CatalogueError(MESSAGES["json"].format(file=path.name, problem=json_problem(exc))) from exc
    except UnicodeDecodeError as exc:
        raise CatalogueError(MESSAGES["encoding"].format(file=path.name)) from exc
    if not isinstance(entry, dict):
        raise CatalogueError(MESSAGES["not_object"].format(file=path.name))
    for field in REQUIRED:
        if not entry.get(field):
            slip = next((key for key in entry if key not in ENTRY and closest(str(key), [field])), None)
            raise CatalogueError(MESSAGES["missing"].format(file=path.name, field=field) + (
                MESSAGES["missing_slip"].format(key=slip, field=field) if slip and field not in entry else ""))
    time = entry["processing_time"]
    if not isinstance(time, dict):
        raise CatalogueError(MESSAGES["processing_time"].format(file=path.name, value=as_written(time)))
    if time.get("unit") not in UNITS:
        raise CatalogueError(_unit_problem(path.name, time))
    if not _is_number(time.get("amount")) or time["amount"] <= 0:
        raise CatalogueError(MESSAGES["amount"].format(file=path.name, value=as_written(time.get("amount"))))
    # "false" in quotes is a true value: the entry would publish what its author meant to close.
    if not isinstance(entry.get("published", True), bool):
        raise CatalogueError(MESSAGES["published"].format(file=path.name, value=as_written(entry["published"])))
    _check_fees(entry.get("fees"), path.name)
    _check_components(entry.get("components"), path.name)
    slips, _ = unknown_keys(entry, path.name)
    if slips:
        raise CatalogueError(slips[0])
    return entry


def _check_components(components, file_name: str) -> None:
    """The documents a dossier is made of, as the portal, the desk and the API read them: a code
    each (its upload field, unique), a name, and flags that are true or false. A slip here passes
    the diagram and its scenarios but refuses or wrongly accepts every citizen's application."""
    if components is None:
        return
    if not isinstance(components, list) or not all(isinstance(c, dict) for c in components):
        raise CatalogueError(COMPONENT_MESSAGES["components"].format(file=file_name, value=as_written(components)))
    seen: dict[str, int] = {}
    for n, component in enumerate(components, 1):
        code, name = component.get("code"), component.get("name")
        where = {"file": file_name, "n": n, "name": name if isinstance(name, str) and name.strip() else ""}
        if not (isinstance(code, str) and COMPONENT_CODE.fullmatch(code)):
            problem = COMPONENT_MESSAGES["code_missing"] if code in (None, "") else \
                COMPONENT_MESSAGES["code_written"].format(value=as_written(code))
            named = f"«{where['name']}»" if where["name"] else COMPONENT_MESSAGES["unnamed"]
            raise CatalogueError(COMPONENT_MESSAGES["code"].format(problem=problem, **{**where, "name": named}))
        if not where["name"]:
            raise CatalogueError(COMPONENT_MESSAGES["name"].format(code=code, **where))
        first = seen.setdefault(fold(code), n)
        if first != n:
            raise CatalogueError(COMPONENT_MESSAGES["duplicate"].format(
                first=first, first_name=components[first - 1]["name"], code=code, **where))
        for key in ("required", "e_form"):
            if key in component and not isinstance(component[key], bool):
                raise CatalogueError(COMPONENT_MESSAGES["flag"].format(key=key, value=as_written(component[key]),
                                                                       **where))
        copies = component.get("copies", 1)
        if isinstance(copies, bool) or not isinstance(copies, int) or copies < 1:
            raise CatalogueError(COMPONENT_MESSAGES["copies"].format(value=as_written(copies), **where))
        kind = component.get("kind")
        if "kind" in component and kind not in COMPONENT_KINDS:
            _, hint = _closest(kind, COMPONENT_KINDS)
            raise CatalogueError(COMPONENT_MESSAGES["kind"].format(value=as_written(kind), guess=hint, **where))


def _unit_problem(file_name: str, time: dict) -> str:
    """What is wrong with `processing_time` → `unit`: missing, or not one of UNITS (the value as
    written, and the unit it is closest to)."""
    units = ", ".join(f"\"{u}\" ({UNIT_WORDS[u]})" for u in UNITS)
    if "unit" not in time:
        return MESSAGES["unit_missing"].format(file=file_name, units=units)
    unit = time["unit"]
    close, hint = _closest(unit, UNITS)
    return MESSAGES["unit"].format(file=file_name, value=as_written(unit), units=units, example=close or UNITS[0],
                                   guess=hint)


def _closest(value, options) -> tuple[str | None, str]:
    """The option a written value was meant to be, and the words saying so ("" for none)."""
    close = closest(value, options) if isinstance(value, str) and value.strip() else None
    return close, DIAGRAM_MESSAGES["guess"].format(name=close) if close else ""


def _agency_problem(file_name: str, code, agencies: set[str]) -> str:
    """An `agency_code` that is no agency of `agencies`, with the one it was meant to be: the
    same code in capitals without spaces, else the closest."""
    fixed = code.strip().upper() if isinstance(code, str) else None
    if fixed in agencies:
        return MESSAGES["agency_written"].format(file=file_name, code=code, fixed=fixed)
    return MESSAGES["agency"].format(file=file_name, code=code, guess=guess(str(code), agencies))


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)  # True is an int in Python


def _check_fees(fees, file_name: str) -> None:
    """The fees the portal shows citizens: whole đồng, written as numbers. A string amount would
    show as written and count as no fee (engine/catalogue_forms.py); 8.000 in JSON is 8 đồng."""
    if fees is None:
        return  # a procedure without fees
    if not isinstance(fees, list) or not all(isinstance(fee, dict) for fee in fees):
        raise CatalogueError(MESSAGES["fees"].format(file=file_name, value=as_written(fees)))
    for n, fee in enumerate(fees, 1):
        amount = fee.get("amount", 0)
        if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:  # 8.000 is read 8.0
            raise CatalogueError(MESSAGES["fee_amount"].format(file=file_name, n=n, name=fee.get("name", ""),
                                                               value=as_written(amount)))


def entry_form_problems(entry: dict, file_name: str, forms_dir: Path, advice: list[str] | None = None) -> list[str]:
    """Why the citizen's form (`form`, `ui_schema`) of an entry cannot be used, with the same
    checks and words as `motcua bpmn check` gives a step's form; [] when it can. What is worth
    fixing but leaves the form usable goes to `advice`, as warnings, when given."""
    found = []
    for key, schema in (("form", True), ("ui_schema", False)):
        relative = entry.get(key)
        if relative is None and not schema:
            continue
        for message in form_problems(Path(forms_dir), str(relative or ""), schema, entry=True):
            found.append(str(Problem(file_name, key, str(relative or ""), message)))
    if not found:
        found.extend(component_problems(entry, file_name, Path(forms_dir)))
        found.extend(self_only_problems(entry, file_name, Path(forms_dir)))
    if advice is not None and not found:
        advice.extend(str(Problem(file_name, "form", str(entry["form"]), DIAGRAM_MESSAGES["warning"].format(message=m)))
                      for m in form_advice(Path(forms_dir), str(entry["form"])))
    if entry.get("ui_schema") is not None and not found:
        ui, advised = str(entry["ui_schema"]), []
        for message in pair_problems(Path(forms_dir), str(entry["form"]), ui, advised):
            found.append(str(Problem(file_name, "ui_schema", ui, message)))
        if advice is not None:
            advice.extend(str(Problem(file_name, "ui_schema", ui, DIAGRAM_MESSAGES["warning"].format(message=m)))
                          for m in advised)
    return found


def component_problems(entry: dict, file_name: str, forms_dir: Path) -> list[str]:
    """What is wrong with the conditions of an entry's components (QT-45): a `required_when`
    that is neither "on_behalf" nor {"field": …, "in": […]}, or one naming a field its usable
    application form (`form`) does not have, a field with no values to choose, or a value the
    field cannot take. Such a component would never be asked for: a citizen meets the mistake."""
    components = entry.get("components")
    if not isinstance(components, list):
        return []
    schema = None
    found = []
    for component in components:
        if not isinstance(component, dict) or component.get("required_when") in (None, ON_BEHALF):
            continue
        when = component["required_when"]
        where = {"file": file_name, "procedure": f"{entry.get('code')} «{entry.get('name')}»",
                 "code": component.get("code", ""), "name": component.get("name", ""), "form": entry["form"]}
        if not (isinstance(when, dict) and set(when) == {"field", "in"} and isinstance(when["field"], str)
                and when["field"] and isinstance(when["in"], list) and when["in"]):
            found.append(MESSAGES["when_shape"].format(value=as_written(when), **where))
            continue
        if schema is None:
            schema = json.loads((forms_dir / entry["form"]).read_text(encoding="utf-8-sig"))
        properties = schema.get("properties") if isinstance(schema.get("properties"), dict) else {}
        field = when["field"]
        spec = properties.get(field)
        if not isinstance(spec, dict):
            found.append(MESSAGES["when_field"].format(field=field, guess=guess(field, properties), **where))
            continue
        if "$ref" in spec:
            continue  # the values are elsewhere in the form: not known for sure here
        values = choices(spec)
        if values is None:
            found.append(MESSAGES["when_choices"].format(field=field, **where))
            continue
        written = [as_written(c) for c in values]
        for value in when["in"]:
            if not any(same_value(value, choice) for choice in values):
                quoted = as_written(str(value))  # 1 for "1": the quotes forgotten
                hint = DIAGRAM_MESSAGES["guess"].format(name=quoted) if quoted in written and quoted != \
                    as_written(value) else guess(as_written(value), written)
                found.append(MESSAGES["when_value"].format(field=field, value=as_written(value),
                                                           values=", ".join(written), guess=hint, **where))
    return found


def self_only_problems(entry: dict, file_name: str, forms_dir: Path) -> list[str]:
    """A `self_only_when` that is no {"field": …, "in": […]} over a field of the application form
    with values it can take: nobody would be kept from applying for someone else."""
    when = entry.get("self_only_when")
    if when is None:
        return []
    condition = answer_condition(when)
    spec = None
    if condition is not None and condition[1]:
        schema = json.loads((forms_dir / entry["form"]).read_text(encoding="utf-8-sig"))
        spec = (schema.get("properties") or {}).get(condition[0]) if isinstance(schema.get("properties"), dict) else None
    values = choices(spec) if isinstance(spec, dict) else None
    if values is not None and all(any(same_value(v, c) for c in values) for v in condition[1]):
        return []
    return [MESSAGES["self_only"].format(file=file_name, procedure=f"{entry.get('code')} «{entry.get('name')}»",
                                         value=as_written(when), form=entry["form"])]


def choices(spec: dict) -> list | None:
    """The values a citizen can choose for a field: its enum or oneOf consts, its items' (a
    multiple choice), or true and false (a yes/no question); None for a field typed freely."""
    kinds = spec.get("type") if isinstance(spec.get("type"), list) else [spec.get("type")]
    for node in (spec, spec.get("items") if "array" in kinds and isinstance(spec.get("items"), dict) else {}):
        if isinstance(node.get("enum"), list):
            return node["enum"]
        options = node.get("oneOf") if isinstance(node.get("oneOf"), list) else []
        consts = [o["const"] for o in options if isinstance(o, dict) and "const" in o]
        if consts:
            return consts
    return [True, False] if "boolean" in kinds else None


def check_entries(directory: Path, forms_dir: Path, process_ids: set[str] | None = None,
                  only: set[str] | None = None, agencies: set[str] | None = None,
                  advice: list[str] | None = None) -> list[str]:
    """`motcua bpmn check` on the catalogue: every problem of every entry (of the entries naming
    a process of `only`, when given): the entry itself, its citizen form, its diagram (among
    `process_ids`, when given) and its agency (among `agencies`, when the province's are known);
    the warnings about their forms in `advice`, when given."""
    problems = []
    for path in sorted(Path(directory).glob("*.json")):
        try:
            entry = read_entry(path)
        except CatalogueError as exc:
            problems.append(str(exc))
            # A slip in the entry's own values (a fee, a component): its form is checked in this
            # same run all the same, so the analyst sees every problem at once, not one per run.
            entry = _named_parts(path)
            if entry is None:
                continue
        # Files named: their entries, and those naming a process close to theirs that no diagram
        # declares (a typo to report); an entry of another diagram is that diagram's business.
        process = entry["bpmn_process_id"]
        if only is not None and process not in only and (process in (process_ids or ()) or not guess(process, only)):
            continue
        problems.extend(entry_form_problems(entry, path.name, forms_dir, advice))
        if advice is not None:
            advice.extend(_unfinished(entry, path.name, forms_dir))
            advice.extend(unknown_keys(entry, path.name)[1])
        if process_ids is not None and entry["bpmn_process_id"] not in process_ids:
            problems.append(_missing_process(path.name, entry["bpmn_process_id"], process_ids))
        code = entry["agency_code"]
        if agencies is not None and code not in agencies:
            problems.append(_agency_problem(path.name, code, agencies))
        elif agencies is None and isinstance(code, str) and not AGENCY_CODE.match(code) \
                and AGENCY_CODE.match(code.strip().upper()):
            problems.append(MESSAGES["agency_case"].format(file=path.name, code=code, fixed=code.strip().upper()))
    return problems


def _named_parts(path: Path) -> dict | None:
    """An entry `read_entry` refused, when what names its diagram, form and agency is readable
    text: enough to check those; else None."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8-sig"))
    except (ValueError, UnicodeDecodeError):
        return None
    names = ("form", "bpmn_process_id", "agency_code")
    if not isinstance(raw, dict) or not all(isinstance(raw.get(k), str) and raw[k] for k in names) \
            or not isinstance(raw.get("ui_schema"), (str, type(None))):
        return None
    return {k: raw[k] for k in (*names, "ui_schema", "published") if k in raw}


def _unfinished(entry: dict, file_name: str, forms_dir: Path) -> list[str]:
    """A warning for a published entry, or its citizen form, still holding the starter's
    «[CẦN SỬA]» (`motcua procedure new`): citizens read those texts as they are on the portal."""
    if entry.get("published", True) is not True:
        return []
    form = Path(forms_dir) / str(entry.get("form") or "")
    texts = {file_name: json.dumps(entry, ensure_ascii=False)}
    if form.is_file():
        texts[str(entry["form"])] = form.read_text(encoding="utf-8", errors="replace")
    return [MESSAGES["unfinished"].format(file=file_name, count=text.count(UNFINISHED), where=where)
            for where, text in texts.items() if UNFINISHED in text]


def _missing_process(file_name: str, process: str, process_ids: set[str],
                     unloaded: dict[str, str] | None = None) -> str:
    """`unloaded`: process id -> the diagram file meant to hold it, which does not load (then the
    entry's process id is not to blame)."""
    if unloaded and process in unloaded:
        return MESSAGES["process_broken"].format(file=file_name, process=process, diagram=unloaded[process])
    return MESSAGES["process"].format(file=file_name, process=process, guess=guess(process, process_ids))


def _close(code: str) -> bool:
    """An entry already loaded stops taking dossiers (its form on disk is no longer usable);
    whether there was one open."""
    procedure = db.session.execute(select(Procedure).where(Procedure.code == code)).scalar_one_or_none()
    if procedure is None or not procedure.published:
        return False
    procedure.published = False
    return True


def upsert(entry: dict, file_name: str) -> Procedure:
    agency = db.session.execute(select(Agency).where(Agency.code == entry["agency_code"])).scalar_one_or_none()
    if agency is None:
        codes = set(db.session.execute(select(Agency.code)).scalars())
        raise CatalogueError(_agency_problem(file_name, entry["agency_code"], codes))
    procedure = db.session.execute(
        select(Procedure).where(Procedure.code == entry["code"])).scalar_one_or_none() or Procedure()
    procedure.code, procedure.name = entry["code"], entry["name"]
    for key in DETAIL_KEYS:
        setattr(procedure, key, entry.get(key))
    procedure.search_text = fold(" ".join([entry["code"], entry["name"], entry.get("sector") or "",
                                           entry.get("field_code") or "", agency.name]))
    procedure.agency_id = agency.id
    procedure.processing_amount = entry["processing_time"]["amount"]
    procedure.processing_unit = entry["processing_time"]["unit"]
    procedure.form, procedure.ui_schema = entry["form"], entry.get("ui_schema")
    procedure.bpmn_process_id = entry["bpmn_process_id"]
    procedure.published = entry.get("published", True)
    procedure.details = {k: v for k, v in entry.items() if k not in REQUIRED + DETAIL_KEYS}
    db.session.add(procedure)
    return procedure


def load_catalogue(directory: Path, forms_dir: Path | None = None,
                   process_ids: set[str] | None = None, unloaded: dict[str, str] | None = None) -> list[str]:
    """Load (insert or update) every entry of the folder; returns the problems of the entries
    that could not be loaded, so one broken file does not keep the others out. With `forms_dir`
    an entry whose citizen form is missing or unusable is left out (closed, if it was loaded
    before: the form on disk is the only one there is); with `process_ids` an entry whose
    diagram is not loaded is kept but closed to new dossiers (`unloaded`: the processes of diagram
    files that do not load, Registry.unloaded, so that the entry is not blamed for them)."""
    problems, codes, unread = [], set(), False
    for path in sorted(Path(directory).glob("*.json")):
        codes.add(path.stem)
        entry = None
        try:
            entry = read_entry(path)
            codes.add(str(entry["code"]))
            unusable = entry_form_problems(entry, path.name, forms_dir) if forms_dir is not None else []
            if unusable:
                problems.extend(unusable)
                with savepoint():
                    if _close(entry["code"]):
                        problems.append(MESSAGES["closed"].format(file=path.name))
                continue
            if process_ids is not None and entry["bpmn_process_id"] not in process_ids:
                problems.append(_missing_process(path.name, entry["bpmn_process_id"], process_ids, unloaded))
                entry = {**entry, "published": False}
            with savepoint():
                upsert(entry, path.name)
        except CatalogueError as exc:
            problems.append(str(exc))
            unread = unread or entry is None
    if codes and not unread:  # a file not read may be any entry's: then none is taken for deleted
        problems.extend(_close_deleted(codes))
    db.session.commit()
    return problems


def _close_deleted(codes: set[str]) -> list[str]:
    """Entries loaded before whose file is no longer in the folder stop taking dossiers (the
    folder is the catalogue: a deleted file is a procedure taken off it), said once, when closed."""
    gone = db.session.execute(select(Procedure).where(Procedure.published.is_(True),
                                                      Procedure.code.not_in(codes))).scalars().all()
    for procedure in gone:
        procedure.published = False
    return [MESSAGES["file_gone"].format(name=p.name, code=p.code) for p in gone]
