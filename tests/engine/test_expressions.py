"""Tests for engine.expressions and its SpiffWorkflow integration."""

import copy
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from engine.expressions import MESSAGES, ExpressionError, check, evaluate, execute


def working_days(n):
    return date(2024, 5, 1) + timedelta(days=n)


FUNCS = {"working_days": working_days}


def fails(source, names=None, *, mode="eval", functions=FUNCS):
    """Assert refusal with ExpressionError and that ``names`` is untouched."""
    names = {"x": [1, 2], "s": "abc", "d": {"k": 1}} if names is None else names
    before = copy.deepcopy(names)
    with pytest.raises(ExpressionError) as info:
        if mode == "eval":
            evaluate(source, names, functions)
        else:
            execute(source, names, functions)
    assert names == before
    assert str(info.value)  # Vietnamese message present
    return info.value


# ---------------------------------------------------------------- normal use
class TestEvaluate:
    def test_gateway_condition(self):
        data = {"quyet_dinh": "tiep_nhan", "so_ban": 2}
        assert evaluate('quyet_dinh == "tiep_nhan" and so_ban > 0', data) is True
        assert evaluate('quyet_dinh == "tu_choi" or so_ban > 5', data) is False

    def test_arithmetic_and_compare(self):
        assert evaluate("1 + 2 * 3 - 4 / 2 + 7 // 2 + 7 % 3 + 2 ** 10", {}) == 1 + 6 - 2 + 3 + 1 + 1024
        assert evaluate("1 < a <= 3 < b", {"a": 3, "b": 4}) is True
        assert evaluate("1 < a < 2", {"a": 3}) is False
        assert evaluate("a is None and b is not None", {"a": None, "b": 0}) is True
        assert evaluate("'x' in l and 'y' not in l", {"l": ["x"]}) is True
        assert evaluate("not a", {"a": []}) is True
        assert evaluate("-a + +a", {"a": 5}) == 0
        assert evaluate("'co' if a else 'khong'", {"a": 1}) == "co"
        assert evaluate("a or 'mac_dinh'", {"a": ""}) == "mac_dinh"

    def test_containers_and_subscripts(self):
        data = {"hs": {"nguoi_nop": {"ten": "An"}, "giay_to": ["cccd", "so_ho_khau"]}, "s": "abcdef"}
        assert evaluate("hs['nguoi_nop']['ten']", data) == "An"
        assert evaluate("hs['giay_to'][-1]", data) == "so_ho_khau"
        assert evaluate("s[1:4] + s[::-1][:2]", data) == "bcdfe"
        assert evaluate("hs.get('khong_co', 'x')", data) == "x"
        assert evaluate("sorted(hs.keys())", data) == ["giay_to", "nguoi_nop"]
        assert evaluate("[1, (2, 3), {'a': {4}}]", {}) == [1, (2, 3), {"a": {4}}]
        assert evaluate("{**d, 'b': 2}", {"d": {"a": 1}}) == {"a": 1, "b": 2}
        assert evaluate("[*a, *b]", {"a": [1], "b": (2,)}) == [1, 2]

    def test_comprehensions(self):
        data = {"ds": [{"loai": "A", "tien": 10}, {"loai": "B", "tien": 5}, {"loai": "A", "tien": 1}]}
        assert evaluate("[h['tien'] for h in ds if h['loai'] == 'A']", data) == [10, 1]
        assert evaluate("sum(h['tien'] for h in ds)", data) == 16
        assert evaluate("any(h['tien'] > 9 for h in ds)", data) is True
        assert evaluate("all(h['tien'] > 9 for h in ds)", data) is False
        assert evaluate("{h['loai'] for h in ds}", data) == {"A", "B"}
        assert evaluate("{i: h['loai'] for i, h in enumerate(ds)}", data) == {0: "A", 1: "B", 2: "A"}
        assert evaluate("[(i, j) for i in range(3) for j in range(i)]", {}) == [(1, 0), (2, 0), (2, 1)]
        # comprehension variables do not leak, and the first iterable sees the outer name
        assert evaluate("[x for x in x]", {"x": [1, 2]}) == [1, 2]

    def test_builtins(self):
        assert evaluate("len(s), min(l), max(l), abs(-2), round(2.567, 2)", {"s": "ab", "l": [3, 1]}) == (2, 1, 3, 2, 2.57)
        assert evaluate("int('12') + float('0.5') + bool(1)", {}) == 13.5
        assert evaluate("str(12) + str(None)", {}) == "12None"
        assert evaluate("list(zip(a, b))", {"a": [1, 2], "b": "xy"}) == [(1, "x"), (2, "y")]
        assert evaluate("dict(a=1), set([1, 1]), tuple([1]), list(range(2, 8, 3))", {}) == ({"a": 1}, {1}, (1,), [2, 5])
        assert evaluate("sorted(l, reverse=True)", {"l": [1, 3, 2]}) == [3, 2, 1]

    def test_string_methods(self):
        data = {"s": "  Nguyễn Văn An  "}
        assert evaluate("s.strip().upper()", data) == "NGUYỄN VĂN AN"
        assert evaluate("s.split()", data) == ["Nguyễn", "Văn", "An"]
        assert evaluate("'-'.join(s.split()).lower()", data) == "nguyễn-văn-an"
        assert evaluate("s.replace('An', 'Bình').strip().endswith('Bình')", data) is True
        assert evaluate("'123'.isdigit() and 'ab'.title() == 'Ab'", {}) is True

    def test_f_strings(self):
        data = {"ten": "An", "tien": 1234567, "ngay": date(2024, 5, 1), "ty_le": 0.12345}
        assert evaluate("f'Ông/bà {ten}: {tien:,} đồng'", data) == "Ông/bà An: 1,234,567 đồng"
        assert evaluate("f'{ngay:%d/%m/%Y} {ty_le:.2%} {ten!r} {tien:>10}'", data) == \
            "01/05/2024 12.35% 'An'    1234567"

    def test_dates_and_decimal(self):
        data = {"d": datetime(2024, 5, 1, 8, 30), "n": date(2024, 5, 3), "p": Decimal("1.5")}
        assert evaluate("d.year * 10000 + d.month * 100 + d.day", data) == 20240501
        assert evaluate("(d.hour, d.minute, d.weekday(), n.isoformat())", data) == (8, 30, 2, "2024-05-03")
        assert evaluate("(n - m).days", {"n": date(2024, 5, 3), "m": date(2024, 5, 1)}) == 2
        assert evaluate("p * 2", data) == Decimal("3.0")

    def test_whitelisted_functions(self):
        assert evaluate("working_days(3)", {}, FUNCS) == date(2024, 5, 4)
        assert evaluate("working_days(n=2).day", {}, FUNCS) == 3

    def test_names_untouched(self):
        data = {"l": [1], "d": {"a": 1}}
        evaluate("[l + [2], {**d}]", data)
        assert data == {"l": [1], "d": {"a": 1}}


class TestExecute:
    def test_script_task(self):
        data = {"so_ban": 3}
        execute('le_phi = so_ban * 8000\nghi_chu = "Đã kiểm tra"', data)
        assert data == {"so_ban": 3, "le_phi": 24000, "ghi_chu": "Đã kiểm tra"}

    def test_statements(self):
        data = {"ds": [{"tien": 5}, {"tien": 7}, {"tien": 0}], "tong": 0, "d": {}}
        script = """
            for i, h in enumerate(ds):
                if h['tien'] == 0:
                    continue
                elif h['tien'] > 100:
                    break
                else:
                    pass
                tong += h['tien']
                d[str(i)] = h['tien']
            a, (b, c) = 1, [2, 3]
            x = y = 'z'
            ds[0]['tien'] *= 2
            l = []
            l.append(1)
            l.extend([2, 3])
            del d['0']
            tam = 1
            del tam
            cap = (1, 2)
        """
        execute(script, data)
        assert data["tong"] == 12
        assert data["d"] == {"1": 7}
        assert (data["a"], data["b"], data["c"], data["x"], data["y"]) == (1, 2, 3, "z", "z")
        assert data["ds"][0]["tien"] == 10
        assert data["l"] == [1, 2, 3]
        assert "tam" not in data
        assert data["cap"] == [1, 2]  # tuples stored as lists (JSON-like)

    def test_for_else_and_functions(self):
        data = {}
        execute("for i in range(3):\n    pass\nelse:\n    xong = True\nhan = working_days(2).isoformat()", data, FUNCS)
        assert data == {"i": 2, "xong": True, "han": "2024-05-03"}
        assert "working_days" not in data

    def test_atomic_on_failure(self):
        data = {"a": 1, "l": [1]}
        err = fails("a = 2\nl.append(5)\nb = 1 / 0", data, mode="exec")
        assert err.message == MESSAGES["div_zero"]
        assert err.lineno == 3
        assert str(err).startswith("Dòng 3:")
        assert err.__cause__ is not None

    def test_non_json_result_refused(self):
        fails("e = enumerate([1])", {}, mode="exec")
        fails("k = {1: 'a'}", {}, mode="exec")
        fails("l = []\nl.append(l)", {}, mode="exec")

    def test_sets_are_stored_as_sorted_lists(self):
        data = {}
        execute("nhom = set(['b', 'a', 'b'])\nso = {3, 1}\nbo = set()", data)
        assert data == {"nhom": ["a", "b"], "so": [1, 3], "bo": []}

    def test_dates_are_stored(self):
        data = {}
        execute("han = working_days(2)", data, FUNCS)
        assert data == {"han": date(2024, 5, 3)}

    @pytest.mark.parametrize("script, line", [
        ("r = range(2)\nx = 1\ny = 2", 1),  # set on the first line, refused after the last
        ("d = {}\nx = 1\nd['k'] = range(2)\ny = 2", 3),  # changed in place
        ("l = []\nl.append(enumerate([1]))\nx = 1", 2),
        ("x = 1\nfor i in [range(2)]:\n    pass\ny = 2", 2),
    ])
    def test_a_value_that_cannot_be_stored_names_the_line_that_set_it(self, script, line):
        err = fails(script, {}, mode="exec")
        assert err.lineno == line and str(err).startswith(f"Dòng {line}: Giá trị của biến")

    def test_a_value_the_script_did_not_set_is_refused_without_a_line(self):
        err = fails("x = 1\ny = 2", {"r": range(2)}, mode="exec")
        assert err.lineno is None and str(err).startswith("Giá trị của biến 'r'")


class TestErrors:
    def test_unknown_name(self):
        err = fails("so_ban > 0", {})
        assert err.message == "Không có biến 'so_ban' trong dữ liệu hồ sơ"
        assert err.expression == "so_ban > 0"

    @pytest.mark.parametrize("source, key", [
        ("1 / 0", "div_zero"),
        ("1 // z", "div_zero"),
        ("'a' + 1", "binop_type"),
        ("'a' < 1", "compare_type"),
        ("d['khong']", "key_error"),
        ("x[10]", "index_error"),
        ("x['a']", "index_type"),
        ("int('abc')", "bad_arguments"),
        ("len(5)", "bad_arguments"),
        ("-s", "unary_type"),
        ("5[0]", "subscript_type"),
        ("[a for a in 5]", "not_iterable"),
        ("sum(['a'])", "sum_type"),
        ("s.append(1)", "mutation_in_expression"),
    ])
    def test_runtime_errors_are_wrapped(self, source, key):
        err = fails(source, {"x": [1], "s": "abc", "d": {}, "z": 0})
        assert err.message.startswith(MESSAGES[key].split("{")[0])

    def test_caller_function_errors_are_wrapped(self):
        def boom():
            raise ValueError("Ngày không hợp lệ")
        err = fails("boom()", {}, functions={"boom": boom})
        assert "boom" in err.message and "Ngày không hợp lệ" in err.message
        assert isinstance(err.__cause__, ValueError)

    def test_syntax_error(self):
        err = fails("a ==", {})
        assert err.message.startswith("Lỗi cú pháp")


# ------------------------------------------------------------ hostile input
HOSTILE_EXPRESSIONS = [
    "().__class__.__bases__[0].__subclasses__()",
    "__import__('os')",
    "open('/etc/passwd')",
    "eval('1')",
    "exec('x=1')",
    "getattr(x, '__class__')",
    "x.__dict__",
    "\"{0.__class__}\".format(x)",
    "lambda: 1",
    "9**9**9",
    "'a'*10**9",
    "[0]*10**9",
    "10**9*[0]",
    "list(range(10**9))",
    "globals()",
    "locals()",
    "vars()",
    "type(x)",
    "(x for x in ()).gi_frame",
    "[y for y in ()].__class__",
    "str.mro",
    "str.mro()",
    "str.lower('A')",
    "s.format(1)",
    "x.pop()",
    "x.append(1)",
    "d.update({'a': 1})",
    "d.setdefault('a', 1)",
    "working_days.__globals__",
    "working_days.__code__",
    "working_days(1).__class__",
    "working_days(1).replace(year=1)",
    "working_days(1).strftime('%Y')",
    "sorted(x, key=len)",
    "'%s' % s",
    "'%*d' % (10**8, 1)",
    "f'{s:>1000000000}'",
    "f'{s:{s}}'",
    "f'{x!r:>999999999}'",
    "b'abc'",
    "1j",
    "...",
    "(a := 1)",
    "1 << 10000",
    "~1",
    "x @ x",
    "print(1)",
    "breakpoint()",
    "compile('1', '', 'eval')",
    "setattr(x, 'a', 1)",
    "__builtins__",
    "__builtins__['eval']",
    "[c for c in ().__class__.__base__.__subclasses__()]",
    "'a'.replace('', 'b' * 900000)",
    "''.join(['a' * 900000, 'b' * 900000])",
    "str([[0] * 1000000] * 1000)",
    "f'{[s * 1000] * 1000000}'",
    "len([[0] * 1000000 for i in range(100)])",
    "sum([[0]] * 1000, [])",
    "10 ** 400 * 10 ** 400",
    "10.0 ** 400",
    "int('9' * 5000)",
    "len",
    "working_days",
    "[working_days][0](1)",
    "{'f': len}",
    "max(x, key=abs)",
    "range(10**9)",
    "*x",
    "round(5, -10**8)",
    "int(big)",
    "round(big)",
    "f'{big:f}'",
    "yield 1",
    "await x",
]


@pytest.mark.parametrize("source", HOSTILE_EXPRESSIONS)
def test_hostile_expressions_refused(source):
    fails(source, {"x": [1, 2], "s": "abc", "d": {"k": 1}, "big": Decimal("1e999999")})


HOSTILE_SCRIPTS = [
    "import os",
    "from os import system",
    "def f(): pass",
    "class A: pass",
    "while True: pass",
    "x = lambda: 1",
    "len = 1",
    "working_days = 1",
    "for len in x: pass",
    "[len for len in x]\ny = 1",
    "global s",
    "try:\n    pass\nexcept Exception:\n    pass",
    "with open('f') as f: pass",
    "raise ValueError()",
    "assert False",
    "return 1",
    "del x.__class__",
    "x.__class__ = 1",
    "x.a = 1",
    "s.append(1)",
    "a: int = 1",
    "x[0:1] = [5]",
    "__builtins__ = {}",
    "a, *b = x",
    "y = 1\nwhile y: pass",
    "break",
    "for i in range(30):\n    x.append(i)\n    x.extend(x)",
    "l = []\nfor i in range(100000):\n    l.append(i)\n    l.append(i)",
    "for i in range(100000):\n    for j in range(100000):\n        pass",
    "s = 'a' * 500000\nt = s + s + s",
    "l = [0] * 900000\nl.extend(l)",
    "y = x\nfor i in range(50):\n    y = [y, y]",
    "y = s.format(1)",
    "if True:\n    pass\nelse:\n    import os",
    # shared sub-structures: cheap to build, exponential to compare/hash/sort
    "y = [1]\nz = [1]\nfor i in range(60):\n    y = [y, y]\n    z = [z, z]\nr = y == z",
    "t = (1,)\nfor i in range(60):\n    t = (t, t)\nr = {t: 1}",
    "t = (1,)\nfor i in range(60):\n    t = (t, t)\nr = d.get(t)",
    "y = [1]\nfor i in range(60):\n    y = [y, y]\nr = sorted([y, [y]])",
    "y = [1]\nfor i in range(60):\n    y = [y, y]\nr = [y].count([[1]])",
    "y = [1]\nfor i in range(60):\n    y = [y, y]\nr = f'{y}'",
]


@pytest.mark.parametrize("source", HOSTILE_SCRIPTS)
def test_hostile_scripts_refused(source):
    fails(source, mode="exec")


def test_deep_nesting_refused():
    for source in ["-" * 500 + "1", "1" + "+1" * 3000, "(" * 300 + "1" + ")" * 300,
                   "[" * 150 + "]" * 150, "not " * 2000 + "a", "x" + "[0]" * 1500,
                   "f(" * 1000 + ")" * 1000]:
        fails(source)
    fails("if a:\n" + "".join(" " * i + "if a:\n" for i in range(1, 120)) + " " * 120 + "pass",
          {"a": 1}, mode="exec")


def test_long_source_refused():
    err = fails("a" * 20_000)
    assert err.message == MESSAGES["too_long"].format(limit=10_000)
    fails("x = 1\n" * 3000, mode="exec")


def test_step_budget_stops_runaway_input():
    # Refused by the step and allocation budgets, not by a timer: the test asserts the refusal.
    for source in HOSTILE_SCRIPTS[-6:]:
        fails(source, mode="exec")
    fails("[i * j for i in range(100000) for j in range(100000)]")
    fails("sum(1 for l in [x] * 100000 if 99 in l)", {"x": list(range(100000))})


def test_unexecuted_branch_is_still_checked():
    # Static check runs before anything: a forbidden call in a dead branch
    # refuses the whole script, with no side effect.
    fails("a = 1\nif False:\n    eval('1')", {}, mode="exec")


def test_dunder_data_name_refused():
    fails("__class__", {"__class__": 1})


# --------------------------------------------------------------------- check
class TestCheck:
    def test_clean(self):
        assert check('quyet_dinh == "tiep_nhan" and so_ban > 0', "eval") == []
        assert check("le_phi = so_ban * 8000\nghi_chu = 'Đã kiểm tra'", "exec") == []
        assert check("working_days(3)", "eval", ["working_days"]) == []

    @pytest.mark.rule("QT-18")
    @pytest.mark.parametrize("source, mode, message", [
        ("quyet_dinh == 1 && so_ban > 0", "eval",
         "Lỗi cú pháp ở dòng 1, cột 18: viết sai cú pháp; dùng and, or thay cho &&, ||"),
        ("!da_rut", "eval", "Lỗi cú pháp ở dòng 1, cột 1: viết sai cú pháp; dùng not thay cho !"),
        ('=x = "a"', "eval", "Lỗi cú pháp ở dòng 1, cột 1: viết sai cú pháp; bỏ dấu = ở đầu (cách viết FEEL của "
                             "Camunda 8), và so sánh bằng viết =="),
        ('x = "a"', "eval", "Lỗi cú pháp ở dòng 1, cột 3: viết sai cú pháp; dấu = là phép gán, so sánh bằng viết =="),
        ("so_ban => 1", "eval", "Lỗi cú pháp ở dòng 1, cột 8: viết sai cú pháp; lớn hơn hoặc bằng viết >=, nhỏ hơn "
                                "hoặc bằng viết <= (dấu = đứng sau)"),
        ("le_phi = 1\n  so_ban = 2", "exec", "Lỗi cú pháp ở dòng 2, cột 2: dòng thụt lề thừa (bỏ các dấu cách ở đầu dòng)"),
        ("if so_ban > 2:\nle_phi = 1", "exec", "Lỗi cú pháp ở dòng 2, cột 1: sau dòng kết thúc bằng «:» thiếu khối "
                                             "lệnh thụt vào (4 dấu cách)"),
        ("if so_ban > 2\n    le_phi = 1", "exec", "Lỗi cú pháp ở dòng 1, cột 14: thiếu dấu «:»"),
        ('ho_ten == "An', "eval", "Lỗi cú pháp ở dòng 1, cột 11: chuỗi thiếu dấu ngoặc kép đóng"),
        ("working_days(3", "eval", "Lỗi cú pháp ở dòng 1, cột 13: dấu ngoặc mở chưa được đóng"),
        ("[1 2]", "eval", "Lỗi cú pháp ở dòng 1, cột 2: thiếu dấu phẩy giữa các phần tử"),
        ("quyet_dinh == “tiep_nhan”", "eval", "Lỗi cú pháp ở dòng 1, cột 15: có ký tự không dùng được, như dấu ngoặc "
                                           "kép cong"),
    ])
    def test_syntax_errors_are_said_in_vietnamese_with_the_fix(self, source, mode, message):
        [problem] = check(source, mode)
        assert problem.startswith(message), problem
        assert "invalid" not in problem and "expected" not in problem

    def test_problems(self):
        assert check("working_days(3)", "eval") == ["Không được gọi hàm 'working_days'"]
        assert check("a ==", "eval")[0].startswith("Lỗi cú pháp")
        problems = check("import os\nx = 1\nwhile x:\n    eval('1')", "exec")
        assert problems == ["Dòng 1: Không được dùng lệnh import",
                            "Dòng 3: Không được dùng vòng lặp while",
                            "Dòng 4: Không được gọi hàm 'eval'"]
        assert check("x.append(1)", "eval") == [MESSAGES["mutation_in_expression"].format(name="append")]
        assert check("x.append(1)", "exec") == []
        assert check("while x:\n    break", "exec") == ["Dòng 1: Không được dùng vòng lặp while"]
        assert check("", "eval") == [MESSAGES["empty"]]
        assert check("1", "bogus")
        assert check("   \n  a > 1\n ", "eval") == []
        assert check("\n    a = 1\n    b = 2\n", "exec") == []


# -------------------------------------------------------- through SpiffWorkflow
BPMN = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="thu_tuc" isExecutable="true">
    <bpmn:startEvent id="start">
      <bpmn:outgoing>f1</bpmn:outgoing>
    </bpmn:startEvent>
    <bpmn:scriptTask id="tinh_phi" name="Tính phí">
      <bpmn:incoming>f1</bpmn:incoming>
      <bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:script>{script}</bpmn:script>
    </bpmn:scriptTask>
    <bpmn:exclusiveGateway id="gw" default="f_tu_choi">
      <bpmn:incoming>f2</bpmn:incoming>
      <bpmn:outgoing>f_tiep_nhan</bpmn:outgoing>
      <bpmn:outgoing>f_tu_choi</bpmn:outgoing>
    </bpmn:exclusiveGateway>
    <bpmn:scriptTask id="tiep_nhan">
      <bpmn:incoming>f_tiep_nhan</bpmn:incoming>
      <bpmn:outgoing>f3</bpmn:outgoing>
      <bpmn:script>ket_qua = "tiep_nhan"</bpmn:script>
    </bpmn:scriptTask>
    <bpmn:scriptTask id="tu_choi">
      <bpmn:incoming>f_tu_choi</bpmn:incoming>
      <bpmn:outgoing>f4</bpmn:outgoing>
      <bpmn:script>ket_qua = "tu_choi"</bpmn:script>
    </bpmn:scriptTask>
    <bpmn:endEvent id="end1"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="end2"><bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="tinh_phi" />
    <bpmn:sequenceFlow id="f2" sourceRef="tinh_phi" targetRef="gw" />
    <bpmn:sequenceFlow id="f_tiep_nhan" sourceRef="gw" targetRef="tiep_nhan">
      <bpmn:conditionExpression>{condition}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f_tu_choi" sourceRef="gw" targetRef="tu_choi" />
    <bpmn:sequenceFlow id="f3" sourceRef="tiep_nhan" targetRef="end1" />
    <bpmn:sequenceFlow id="f4" sourceRef="tu_choi" targetRef="end2" />
  </bpmn:process>
</bpmn:definitions>
"""


def _workflow(script, condition, data, functions=None):
    from xml.sax.saxutils import escape

    from SpiffWorkflow.bpmn import BpmnWorkflow
    from SpiffWorkflow.spiff.parser import SpiffBpmnParser

    from engine.script_environment import make_script_engine

    parser = SpiffBpmnParser()
    xml = BPMN.format(script=escape(script), condition=escape(condition)).encode("utf-8")
    from lxml import etree
    parser.add_bpmn_xml(etree.fromstring(xml), filename="thu_tuc.bpmn")
    spec = parser.get_spec("thu_tuc")
    wf = BpmnWorkflow(spec, script_engine=make_script_engine(functions if functions is not None else FUNCS))
    start = wf.get_tasks(spec_name="start")[0]
    start.data.update(data)
    return wf


class TestSpiffIntegration:
    def test_script_and_gateway_use_our_evaluator(self):
        wf = _workflow('le_phi = so_ban * 8000\nghi_chu = "Đã kiểm tra"\nhan = working_days(3).isoformat()',
                       'quyet_dinh == "tiep_nhan" and so_ban > 0 and le_phi == 16000',
                       {"quyet_dinh": "tiep_nhan", "so_ban": 2})
        wf.do_engine_steps()
        assert wf.is_completed()
        assert wf.data["ket_qua"] == "tiep_nhan"
        assert wf.data["le_phi"] == 16000
        assert wf.data["ghi_chu"] == "Đã kiểm tra"
        assert wf.data["han"] == "2024-05-04"
        assert "working_days" not in wf.data

    def test_default_branch(self):
        wf = _workflow("le_phi = 0", 'quyet_dinh == "tiep_nhan"', {"quyet_dinh": "tu_choi"})
        wf.do_engine_steps()
        assert wf.data["ket_qua"] == "tu_choi"

    def test_functions_callable_evaluated_each_time(self):
        calls = []

        def provider():
            calls.append(1)
            return {"hom_nay": lambda: date(2024, 1, len(calls))}
        wf = _workflow("ngay = hom_nay().day", "ngay > 0", {}, functions=provider)
        wf.do_engine_steps()
        assert wf.is_completed()
        assert len(calls) >= 2  # once for the script, once for the condition

    def test_hostile_condition_fails_with_our_message(self):
        from SpiffWorkflow.bpmn.exceptions import WorkflowTaskException

        from engine.script_environment import expression_error_of

        wf = _workflow("le_phi = 1", "().__class__.__bases__[0].__subclasses__()", {})
        with pytest.raises(WorkflowTaskException) as info:
            wf.do_engine_steps()
        msg = MESSAGES["private_attr"].format(name="__subclasses__")
        assert msg in str(info.value)
        assert isinstance(info.value.__cause__, ExpressionError)
        assert expression_error_of(info.value).message == msg
        assert "ket_qua" not in wf.data

    def test_hostile_script_fails_with_our_message(self):
        from SpiffWorkflow.bpmn.exceptions import WorkflowTaskException
        from SpiffWorkflow.util.task import TaskState

        wf = _workflow("a = 1\nimport os", "True", {"so_ban": 1})
        with pytest.raises(WorkflowTaskException) as info:
            wf.do_engine_steps()
        assert "Không được dùng lệnh import" in str(info.value)
        task = wf.get_tasks(spec_name="tinh_phi")[0]
        assert task.state == TaskState.ERROR
        assert "a" not in task.data

    def test_runtime_error_in_script_reports_line(self):
        from SpiffWorkflow.bpmn.exceptions import WorkflowTaskException

        wf = _workflow("a = 1\nb = khong_co + 1", "True", {})
        with pytest.raises(WorkflowTaskException) as info:
            wf.do_engine_steps()
        assert info.value.line_number == 2
        assert info.value.error_line == "b = khong_co + 1"
        assert "Không có biến 'khong_co' trong dữ liệu hồ sơ" in str(info.value)
