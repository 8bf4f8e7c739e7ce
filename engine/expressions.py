"""Safe evaluator for expressions and scripts embedded in BPMN diagrams.

Administrators upload diagrams whose gateway conditions, script tasks and
timer expressions are Python-looking text.  Python's own ``eval``/``exec`` (and
RestrictedPython) cannot be made safe against hostile input, so this module
parses the text with :mod:`ast` and walks the tree itself.  Nothing here ever
compiles user text to code objects.

Safety rests on three layers:

1. A static check (:func:`check`) that rejects every construct outside a small
   subset before anything runs, so a forbidden construct in an untaken branch
   is still refused.
2. Separate namespaces: data names (task data) are the only values; functions
   (a builtin whitelist plus those supplied by the caller) can only be *called*
   by name, never read, stored or passed around.  Methods are looked up in a
   per-type table and called as unbound functions -- ``getattr`` is never
   applied to user-chosen names.
3. Resource limits: a step budget, an allocation budget, caps on integer size,
   sequence length, ``range`` length, source length and AST depth.

Public API: :class:`ExpressionError`, :func:`evaluate`, :func:`execute`,
:func:`check`, :func:`unstorable_message`.
"""

from __future__ import annotations

import ast
import copy
import difflib
import functools
import re
import textwrap
import warnings
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal
from types import MappingProxyType
from typing import Any

__all__ = ["ExpressionError", "evaluate", "execute", "check", "names", "BUILTIN_FUNCTIONS"]

# --------------------------------------------------------------------------
# User-facing messages (Vietnamese).  Kept together for review/translation.
# --------------------------------------------------------------------------
MESSAGES: dict[str, str] = {
    "line_prefix": "Dòng {line}: {msg}",
    "syntax": "Lỗi cú pháp ở dòng {line}, cột {col} ({detail})",
    "syntax_said": "Lỗi cú pháp ở dòng {line}, cột {col}: {problem}{hints}",
    "hint_and_or": "; dùng and, or thay cho &&, ||",
    "hint_not": "; dùng not thay cho !",
    "hint_feel": "; bỏ dấu = ở đầu (cách viết FEEL của Camunda 8), và so sánh bằng viết ==",
    "hint_equals": "; dấu = là phép gán, so sánh bằng viết ==",
    "hint_arrow": "; lớn hơn hoặc bằng viết >=, nhỏ hơn hoặc bằng viết <= (dấu = đứng sau)",
    "empty": "Biểu thức rỗng",
    "not_text": "Biểu thức phải là chuỗi ký tự",
    "bad_mode": "Chế độ kiểm tra không hợp lệ: {mode}",
    "too_long": "Mã quá dài (tối đa {limit} ký tự)",
    "too_deep": "Biểu thức lồng nhau quá sâu (tối đa {limit} cấp)",
    "forbidden_node": "Không được dùng {what}",
    "forbidden_call": "Không được gọi hàm '{name}'{guess}",
    "call_guess": " (có phải ý bạn là '{name}'?)",
    "call_form": "Chỉ được gọi hàm theo tên hoặc các phương thức được phép",
    "private_attr": "Không được truy cập thuộc tính bắt đầu bằng '_' ('{name}')",
    "private_name": "Không được dùng tên bắt đầu bằng '__' ('{name}')",
    "forbidden_attr": "Không được truy cập thuộc tính '{name}'",
    "forbidden_method": "Không được gọi phương thức '{name}'",
    "method_not_allowed": "Giá trị kiểu {type} không có phương thức '{name}' được phép dùng",
    "attr_not_allowed": "Giá trị kiểu {type} không có thuộc tính '{name}' được phép dùng",
    "mutation_in_expression": "Biểu thức không được thay đổi dữ liệu (phương thức '{name}')",
    "assign_function": "Không được gán giá trị cho tên hàm '{name}'",
    "assign_target": "Không được gán giá trị vào {what}",
    "del_target": "Chỉ được xóa biến hoặc phần tử của danh sách/từ điển",
    "unknown_name": "Không có biến '{name}' trong dữ liệu hồ sơ",
    "unknown_function": "Không có hàm '{name}'",
    "function_as_value": "Hàm '{name}' chỉ được gọi, không được dùng như một giá trị",
    "loop_keyword": "Lệnh '{kw}' chỉ dùng được trong vòng lặp for",
    "constant": "Không được dùng hằng số kiểu {type}",
    "starred": "Không được dùng dấu * hoặc ** ở vị trí này",
    "format_spec": "Định dạng '{spec}' trong f-string không được phép",
    "format_spec_dynamic": "Định dạng trong f-string phải là hằng số",
    "str_percent": "Không được dùng toán tử % để định dạng chuỗi; hãy dùng f-string",
    "operator": "Không được dùng toán tử {op}",
    "step_budget": "Biểu thức/kịch bản chạy quá nhiều bước (giới hạn {limit} bước)",
    "alloc_budget": "Biểu thức/kịch bản tạo ra quá nhiều dữ liệu (giới hạn {limit} phần tử)",
    "too_big_seq": "Kết quả quá lớn (hơn {limit} phần tử hoặc ký tự)",
    "too_big_int": "Số quá lớn (vượt {limit} bit)",
    "range_too_long": "range() quá dài (tối đa {limit} phần tử)",
    "range_args": "Đối số của range() phải là số nguyên",
    "div_zero": "Phép chia cho 0",
    "binop_type": "Không thực hiện được phép '{op}' giữa {left} và {right}",
    "unary_type": "Không thực hiện được phép '{op}' với {type}",
    "compare_type": "Không so sánh được {left} với {right}",
    "key_error": "Không có khóa {key} trong từ điển",
    "unhashable": "Không dùng được giá trị kiểu {type} làm khóa",
    "index_error": "Chỉ số {index} nằm ngoài phạm vi",
    "index_type": "Chỉ số phải là số nguyên, không phải {type}",
    "subscript_type": "Không lấy phần tử được từ giá trị kiểu {type}",
    "setitem_type": "Không gán phần tử được vào giá trị kiểu {type}",
    "not_iterable": "Giá trị kiểu {type} không duyệt được",
    "unpack": "Số giá trị không khớp khi gán nhiều biến (cần {expected}, có {got})",
    "call_error": "Lỗi khi gọi hàm '{name}': {error}",
    "bad_arguments": "Đối số không hợp lệ khi gọi '{name}'",
    "sum_type": "sum() chỉ cộng được các số",
    "join_type": "join() chỉ nối được các chuỗi",
    "overflow": "Số quá lớn hoặc tràn số",
    "value_error": "Giá trị không hợp lệ",
    "nesting_runtime": "Dữ liệu hoặc biểu thức lồng nhau quá sâu",
    "generic": "Lỗi khi tính biểu thức",
    "not_json": "Giá trị của biến '{name}' không lưu được vào hồ sơ (kiểu {type}); "
                "chỉ dùng số, chuỗi, đúng/sai, None, danh sách, từ điển, ngày",
    "dict_key": "Khóa trong từ điển '{name}' phải là chuỗi (gặp kiểu {type})",
    "cycle": "Dữ liệu của biến '{name}' tự tham chiếu vòng",
    "data_too_deep": "Dữ liệu của biến '{name}' lồng nhau quá sâu",
    "copy_failed": "Không sao chép được dữ liệu hồ sơ để chạy kịch bản",
}

# Python's own syntax errors (3.11), by a piece of their English text, the more precise first; any other keeps its English in parentheses.
SYNTAX_PROBLEMS: tuple[tuple[str, str], ...] = (
    ("invalid syntax. Perhaps you forgot a comma", "thiếu dấu phẩy giữa các phần tử"),
    ("invalid syntax", "viết sai cú pháp"),
    ("unexpected indent", "dòng thụt lề thừa (bỏ các dấu cách ở đầu dòng)"),
    ("unindent does not match", "thụt lề không khớp với các dòng trên (các dòng cùng khối phải thẳng hàng)"),
    ("expected an indented block", "sau dòng kết thúc bằng «:» thiếu khối lệnh thụt vào (4 dấu cách)"),
    ("unterminated string literal", "chuỗi thiếu dấu ngoặc kép đóng"),
    ("unterminated triple-quoted string", "chuỗi thiếu dấu ngoặc kép đóng"),
    ("was never closed", "dấu ngoặc mở chưa được đóng"),
    ("unmatched", "dấu ngoặc đóng thừa, không có ngoặc mở tương ứng"),
    ("closing parenthesis", "dấu ngoặc đóng không cùng loại với dấu ngoặc mở"),
    ("expected ':'", "thiếu dấu «:» ở cuối dòng if, elif, else hay for"),
    ("expected 'else' after 'if' expression", "«x if điều_kiện» thiếu phần «else y»"),
    ("invalid decimal literal", "số viết sai (chữ dính liền sau số, hay tên bắt đầu bằng chữ số)"),
    ("leading zeros in decimal", "số không được bắt đầu bằng chữ số 0 (một mã như \"012\" viết trong ngoặc kép)"),
    ("invalid character", "có ký tự không dùng được, như dấu ngoặc kép cong “ ” hay gạch dài –: gõ lại bằng \" và -"),
    ("invalid non-printable character", "có ký tự ẩn (thường do sao chép từ Word hay trang web): xóa và gõ lại đoạn đó"),
    ("unexpected character after line continuation", "dấu «\\» chỉ được đặt ở cuối dòng"),
    ("cannot assign to", "không gán được vào vế trái này"),
    ("source code string cannot contain null bytes", "có ký tự rỗng (null) trong mã"),
)
# What an analyst brings from other languages, recognised in the text of a syntax error.
SYNTAX_HINTS: tuple[tuple[re.Pattern, str, tuple[str, ...]], ...] = (
    (re.compile(r"&&|\|\|"), "hint_and_or", ("eval", "exec")),
    (re.compile(r"^\s*=(?!=)"), "hint_feel", ("eval",)),
    (re.compile(r"=[<>]"), "hint_arrow", ("eval", "exec")),
    (re.compile(r"^(?!\s*=).*(?<![=!<>])=(?![=<>])", re.DOTALL), "hint_equals", ("eval",)),
    (re.compile(r"!(?!=)"), "hint_not", ("eval", "exec")),
)


def _syntax_message(source: str, mode: str, line: int, col: int, english: str) -> str:
    """A syntax error in the analyst's words, at its line and column, with what to write instead."""
    problem = next((vi for en, vi in SYNTAX_PROBLEMS if en in english), None)
    if problem is None:
        return MESSAGES["syntax"].format(line=line, col=col, detail=english)
    hints = "".join(MESSAGES[key] for pattern, key, modes in SYNTAX_HINTS if mode in modes and pattern.search(source))
    return MESSAGES["syntax_said"].format(line=line, col=col, problem=problem, hints=hints)


# Names used in messages for the forbidden node types; anything not listed
# falls back to the raw class name.
_NODE_NAMES: dict[str, str] = {
    "Import": "lệnh import", "ImportFrom": "lệnh import",
    "Lambda": "hàm lambda", "FunctionDef": "định nghĩa hàm (def)",
    "AsyncFunctionDef": "định nghĩa hàm (def)", "ClassDef": "định nghĩa lớp (class)",
    "While": "vòng lặp while", "Global": "lệnh global", "Nonlocal": "lệnh nonlocal",
    "Try": "lệnh try", "TryStar": "lệnh try", "With": "lệnh with",
    "AsyncWith": "lệnh with", "AsyncFor": "async for", "Raise": "lệnh raise",
    "Assert": "lệnh assert", "Return": "lệnh return", "Yield": "yield",
    "YieldFrom": "yield", "Await": "await", "NamedExpr": "toán tử :=",
    "AnnAssign": "khai báo kiểu (annotation)", "Match": "lệnh match",
}

_TYPE_NAMES: dict[type, str] = {
    str: "chuỗi", int: "số nguyên", float: "số thực", bool: "đúng/sai",
    type(None): "None", list: "danh sách", tuple: "bộ giá trị", dict: "từ điển",
    set: "tập hợp", frozenset: "tập hợp", Decimal: "số thập phân",
    datetime: "ngày giờ", date: "ngày", timedelta: "khoảng thời gian",
    range: "range",
}

_OP_SYMBOLS: dict[type, str] = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//",
    ast.Mod: "%", ast.Pow: "**", ast.MatMult: "@", ast.LShift: "<<",
    ast.RShift: ">>", ast.BitOr: "|", ast.BitXor: "^", ast.BitAnd: "&",
    ast.Invert: "~", ast.Not: "not", ast.USub: "-", ast.UAdd: "+",
}

# --------------------------------------------------------------------------
# Limits
# --------------------------------------------------------------------------
MAX_SOURCE_LENGTH = 10_000
MAX_AST_DEPTH = 100          # each level costs ~3 Python frames in the walker
MAX_STEPS = 100_000          # node evaluations + loop iterations
MAX_ALLOC = 10_000_000       # elements/characters created in one run
MAX_SEQUENCE = 1_000_000     # length of any single str/list/tuple/... built
MAX_RANGE = 100_000
MAX_INT_BITS = 1024          # ~308 decimal digits; money never needs more
MAX_DATA_DEPTH = 100         # nesting of data a script may store
MAX_STORED_WEIGHT = 2_000_000  # size of task data a script may leave (see _weight)
COST_DIVISOR = 100           # O(n) builtins cost n // COST_DIVISOR extra steps

_SIMPLE_SPEC = re.compile(
    r"^(?:.?[<>=^])?[+\- ]?z?#?0?(?P<width>\d{0,3})[,_]?(?:\.(?P<prec>\d{1,2}))?"
    r"[bcdeEfFgGnosxX%]?$"
)
_MAX_SPEC_WIDTH = 200
_MAX_DATE_SPEC = 64

_EMPTY: Mapping[str, Any] = MappingProxyType({})


class ExpressionError(Exception):
    """Refused or failed expression/script.

    ``str(err)`` and ``err.message`` are Vietnamese and safe to show to
    administrators; ``err.detail`` is an English detail for logs; ``err.lineno``
    is the 1-based line in the script when known.
    """

    def __init__(self, message: str, expression: str | None = None,
                 detail: str | None = None, lineno: int | None = None):
        super().__init__(message)
        self.message = message
        self.expression = expression
        self.detail = detail
        self.lineno = lineno
        self.key: str | None = None

    def __str__(self) -> str:
        if self.lineno is not None and self.expression and "\n" in self.expression.strip():
            return MESSAGES["line_prefix"].format(line=self.lineno, msg=self.message)
        return self.message


def _err(_message_key: str, detail: str | None = None, **kw: Any) -> ExpressionError:
    error = ExpressionError(MESSAGES[_message_key].format(**kw), detail=detail)
    error.key = _message_key  # lets a caller tell "unknown data field" from a real mistake
    return error


def _tname(value: Any) -> str:
    for t in type(value).__mro__:
        if t in _TYPE_NAMES:
            return _TYPE_NAMES[t]
    return type(value).__name__


def _short_repr(value: Any, limit: int = 60) -> str:
    if isinstance(value, (str, int, float, bool, Decimal, date)) or value is None:
        text = repr(value) if not isinstance(value, int) or value.bit_length() < 200 else "<số lớn>"
    else:
        text = f"<{_tname(value)}>"
    return text if len(text) <= limit else text[: limit - 3] + "..."


# --------------------------------------------------------------------------
# Whitelisted builtins.  Wrappers bound sizes *before* allocating.
# --------------------------------------------------------------------------
def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float, Decimal))


def _b_range(*args: Any) -> range:
    if not args or not all(isinstance(a, int) for a in args):
        raise _err("range_args")
    r = range(*args)
    try:
        n = len(r)
    except OverflowError:
        n = MAX_RANGE + 1
    if n > MAX_RANGE:
        raise _err("range_too_long", limit=MAX_RANGE)
    return r


def _b_sum(iterable: Any, start: Any = 0) -> Any:
    items = list(iterable)
    # sum() of lists/strings is quadratic concatenation; numbers only.
    if not _is_number(start) or not all(_is_number(i) for i in items):
        raise _err("sum_type")
    return sum(items, start)


def _estimate_text(value: Any, limit: int) -> int:
    """Upper-ish bound of len(str(value)), stopping early once over ``limit``.

    Iterative so self-referencing or deeply nested data cannot blow the stack;
    every visit adds at least 1 so it terminates after ``limit`` visits.
    """
    total = 0
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            total += len(v) + 2
        elif isinstance(v, bool) or v is None:
            total += 5
        elif isinstance(v, int):
            total += v.bit_length() // 3 + 2
        elif isinstance(v, dict):
            total += 2
            for k, item in v.items():
                stack.append(k)
                stack.append(item)
                total += 4
        elif isinstance(v, (list, tuple, set, frozenset)):
            total += 2 + len(v)
            stack.extend(v)
        else:
            total += 40
        if total > limit:
            return total
    return total


def _check_text_size(value: Any) -> None:
    if not isinstance(value, (str, int, float, bool, Decimal, date, timedelta)) and value is not None:
        if _estimate_text(value, MAX_SEQUENCE) > MAX_SEQUENCE:
            raise _err("too_big_seq", limit=MAX_SEQUENCE)


_NESTED = (list, tuple, dict, set, frozenset)
# A nested container costs ~30x a scalar element to scan below; weigh it so
# that the step budget also bounds the scanning time of shared structures.
_CONTAINER_WEIGHT = 10


def _push_nested(stack: list, items: Any) -> None:
    nested = {t for t in set(map(type, items)) if issubclass(t, _NESTED)}
    if nested:
        stack.extend([c for c in items if type(c) in nested])


def _weight(value: Any, limit: int) -> int:
    """Number of nodes Python would visit comparing/hashing ``value``.

    Shared sub-structures are counted each time they appear, because ``==``,
    ``hash()`` and sorting expand them too: ``t = (t, t)`` repeated 50 times is
    cheap to build but 2**50 to compare.  Stops early once over ``limit``.
    """
    if not isinstance(value, _NESTED):
        return 1
    total = 0
    stack = [value]
    while stack:
        v = stack.pop()
        # Scalars are counted in bulk; only containers are pushed.  The type
        # scan runs at C speed (set(map(type, ...))) since this is hot.
        if isinstance(v, dict):
            total += _CONTAINER_WEIGHT + 2 * len(v)
            _push_nested(stack, v.values())
            _push_nested(stack, v.keys())
        else:
            total += _CONTAINER_WEIGHT + len(v)
            _push_nested(stack, v)
        if total > limit:
            break
    return total


def _check_decimal(value: Any) -> None:
    # int(Decimal("1e999999")) or f"{d:f}" would build a million-digit number.
    if isinstance(value, Decimal) and value.is_finite() and abs(value.adjusted()) > 400:
        raise _err("too_big_int", limit=MAX_INT_BITS)


def _b_int(*args: Any, **kwargs: Any) -> int:
    if args:
        _check_decimal(args[0])
    return int(*args, **kwargs)


def _b_round(number: Any, ndigits: Any = None) -> Any:
    _check_decimal(number)
    if ndigits is None:
        return round(number)
    # round(5, -10**8) computes 10**(10**8) internally.
    if not isinstance(ndigits, int) or abs(ndigits) > 100:
        raise _err("bad_arguments", name="round")
    return round(number, ndigits)


def _b_str(value: Any = "") -> str:
    _check_text_size(value)
    return str(value)


BUILTIN_FUNCTIONS: Mapping[str, Callable[..., Any]] = MappingProxyType({
    "len": len, "min": min, "max": max, "sum": _b_sum, "abs": abs, "round": _b_round,
    "int": _b_int, "float": float, "str": _b_str, "bool": bool, "sorted": sorted,
    "any": any, "all": all, "list": list, "dict": dict, "set": set,
    "tuple": tuple, "range": _b_range, "enumerate": enumerate, "zip": zip,
})

# Builtins that build a new container/string: the result size is charged to
# the allocation budget.
_CONSTRUCTING = {"list", "dict", "set", "tuple", "sorted", "str"}


# --------------------------------------------------------------------------
# Whitelisted methods and attributes, per type.  Methods are stored as the
# unbound function of the *base* type so user text never reaches getattr().
# --------------------------------------------------------------------------
def _m_replace(s: str, old: str, new: str, count: int = -1) -> str:
    if not isinstance(old, str) or not isinstance(new, str) or not isinstance(count, int):
        raise _err("bad_arguments", name="replace")
    n = s.count(old) if old else len(s) + 1
    if count >= 0:
        n = min(n, count)
    if len(s) + n * (len(new) - len(old)) > MAX_SEQUENCE:
        raise _err("too_big_seq", limit=MAX_SEQUENCE)
    return s.replace(old, new, count)


def _m_join(sep: str, iterable: Any) -> str:
    items = list(iterable)
    if not all(isinstance(i, str) for i in items):
        raise _err("join_type")
    size = sum(len(i) for i in items) + len(sep) * max(len(items) - 1, 0)
    if size > MAX_SEQUENCE:
        raise _err("too_big_seq", limit=MAX_SEQUENCE)
    return sep.join(items)


def _m_append(lst: list, item: Any) -> None:
    if len(lst) + 1 > MAX_SEQUENCE:
        raise _err("too_big_seq", limit=MAX_SEQUENCE)
    lst.append(item)


def _m_extend(lst: list, iterable: Any) -> None:
    items = list(iterable)
    if len(lst) + len(items) > MAX_SEQUENCE:
        raise _err("too_big_seq", limit=MAX_SEQUENCE)
    lst.extend(items)


# Order matters: datetime before date, bool never matches (no entry).
_METHODS: tuple[tuple[type, Mapping[str, Callable[..., Any]]], ...] = (
    (str, {
        "lower": str.lower, "upper": str.upper, "strip": str.strip,
        "lstrip": str.lstrip, "rstrip": str.rstrip, "startswith": str.startswith,
        "endswith": str.endswith, "split": str.split, "join": _m_join,
        "replace": _m_replace, "title": str.title, "capitalize": str.capitalize,
        "isdigit": str.isdigit,
    }),
    (dict, {"get": dict.get, "keys": dict.keys, "values": dict.values, "items": dict.items}),
    (list, {"count": list.count, "index": list.index, "append": _m_append, "extend": _m_extend}),
    (tuple, {"count": tuple.count, "index": tuple.index}),
    (datetime, {"weekday": datetime.weekday, "isoformat": datetime.isoformat}),
    (date, {"weekday": date.weekday, "isoformat": date.isoformat}),
)
_ATTRIBUTES: tuple[tuple[type, Mapping[str, Callable[[Any], Any]]], ...] = (
    (datetime, {"year": lambda o: o.year, "month": lambda o: o.month, "day": lambda o: o.day,
                "hour": lambda o: o.hour, "minute": lambda o: o.minute}),
    (date, {"year": lambda o: o.year, "month": lambda o: o.month, "day": lambda o: o.day}),
    (timedelta, {"days": lambda o: o.days, "seconds": lambda o: o.seconds}),
)
_ALL_METHODS = frozenset(n for _, table in _METHODS for n in table)
_ALL_ATTRIBUTES = frozenset(n for _, table in _ATTRIBUTES for n in table)
_MUTATING_METHODS = frozenset({"append", "extend"})
# String methods that build a new string/list (charged to the allocation budget).
_STR_BUILDERS = frozenset({"lower", "upper", "strip", "lstrip", "rstrip", "split",
                           "join", "replace", "title", "capitalize"})


def _lookup_member(table: tuple, obj: Any, name: str) -> Callable[..., Any] | None:
    if isinstance(obj, bool):
        return None
    for typ, members in table:
        if isinstance(obj, typ):
            return members.get(name)
    return None


# --------------------------------------------------------------------------
# Parsing and static check
# --------------------------------------------------------------------------
_ALLOWED_BINOPS = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow)
_ALLOWED_UNARY = (ast.Not, ast.USub, ast.UAdd)
_ALLOWED_CONSTANTS = (str, int, float, bool, type(None))


def _prepare(source: Any, mode: str) -> str:
    if not isinstance(source, str):
        raise _err("not_text")
    if mode == "eval":
        # eval() tolerates surrounding whitespace; diagrams often have it.
        return source.strip()
    # Scripts in XML are often indented as a block.
    return textwrap.dedent(source).strip("\n")


prepared = _prepare  # the source as the engine parses it (engine/constant_parts.py reads it too)


def _ast_depth_ok(tree: ast.AST) -> bool:
    # Iterative: the tree may be arbitrarily deep, the walker must not be.
    stack = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_AST_DEPTH:
            return False
        for child in ast.iter_child_nodes(node):
            stack.append((child, depth + 1))
    return True


class _Checker:
    """Static validation of a parsed tree; collects (lineno, message)."""

    def __init__(self, mode: str, functions: frozenset[str]):
        self.mode = mode
        self.functions = functions | frozenset(BUILTIN_FUNCTIONS)
        self.errors: list[tuple[int | None, str]] = []
        self.loop_depth = 0

    def error(self, node: ast.AST | None, key: str, **kw: Any) -> None:
        self.errors.append((getattr(node, "lineno", None), MESSAGES[key].format(**kw)))

    def visit(self, node: ast.AST) -> None:
        method = getattr(self, "visit_" + type(node).__name__, None)
        if method is not None:
            method(node)
        elif isinstance(node, _GENERIC_NODES):
            self.generic(node)
        else:
            name = type(node).__name__
            self.error(node, "forbidden_node", what=_NODE_NAMES.get(name, name))
            self.inside(node)

    def inside(self, node: ast.AST) -> None:
        # Keep reporting problems nested in a refused construct (e.g. the body
        # of a while loop), skipping helper nodes such as ast.arguments.
        is_loop = isinstance(node, ast.While)
        self.loop_depth += is_loop  # no extra "break outside loop" noise
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.expr, ast.stmt)):
                self.visit(child)
            else:
                self.inside(child)
        self.loop_depth -= is_loop

    def generic(self, node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            self.visit(child)

    # -- statements --------------------------------------------------------
    def visit_For(self, node: ast.For) -> None:
        self.target(node.target, allow_subscript=True)
        self.visit(node.iter)
        self.loop_depth += 1
        for stmt in node.body:
            self.visit(stmt)
        self.loop_depth -= 1
        for stmt in node.orelse:
            self.visit(stmt)

    def visit_Break(self, node: ast.AST) -> None:
        if not self.loop_depth:
            self.error(node, "loop_keyword", kw="break")

    def visit_Continue(self, node: ast.AST) -> None:
        if not self.loop_depth:
            self.error(node, "loop_keyword", kw="continue")

    def visit_Assign(self, node: ast.Assign) -> None:
        for t in node.targets:
            self.target(t, allow_subscript=True)
        self.visit(node.value)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        if isinstance(node.target, (ast.Name, ast.Subscript)):
            self.target(node.target, allow_subscript=True)
        else:
            self.error(node, "assign_target", what=type(node.target).__name__)
        self.binop(node, node.op, node.target)
        self.visit(node.value)

    def visit_Delete(self, node: ast.Delete) -> None:
        for t in node.targets:
            if isinstance(t, ast.Name):
                self.name_store(t)
            elif isinstance(t, ast.Subscript) and not isinstance(t.slice, ast.Slice):
                self.visit(t.value)
                self.visit(t.slice)
            else:
                self.error(t, "del_target")

    def target(self, node: ast.AST, allow_subscript: bool) -> None:
        if isinstance(node, ast.Name):
            self.name_store(node)
        elif isinstance(node, (ast.Tuple, ast.List)):
            for elt in node.elts:
                self.target(elt, allow_subscript)
        elif isinstance(node, ast.Subscript) and allow_subscript:
            if isinstance(node.slice, ast.Slice):
                self.error(node, "assign_target", what="lát cắt (slice)")
            self.visit(node.value)
            self.visit(node.slice)
        elif isinstance(node, ast.Attribute):
            self.error(node, "assign_target", what=f"thuộc tính '{node.attr}'")
        elif isinstance(node, ast.Starred):
            self.error(node, "starred")
        else:
            self.error(node, "assign_target", what=type(node).__name__)

    def name_store(self, node: ast.Name) -> None:
        if node.id.startswith("__"):
            self.error(node, "private_name", name=node.id)
        elif node.id in self.functions:
            self.error(node, "assign_function", name=node.id)

    # -- expressions -------------------------------------------------------
    def visit_Name(self, node: ast.Name) -> None:
        if not isinstance(node.ctx, ast.Load):
            self.name_store(node)
        elif node.id.startswith("__"):
            self.error(node, "private_name", name=node.id)

    def visit_Constant(self, node: ast.Constant) -> None:
        v = node.value
        if not isinstance(v, _ALLOWED_CONSTANTS):
            self.error(node, "constant", type=type(v).__name__)
        elif isinstance(v, int) and v.bit_length() > MAX_INT_BITS:
            self.error(node, "too_big_int", limit=MAX_INT_BITS)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        # Reached only outside call position: data attributes only.
        if node.attr.startswith("_"):
            self.error(node, "private_attr", name=node.attr)
        elif not isinstance(node.ctx, ast.Load):
            self.error(node, "assign_target", what=f"thuộc tính '{node.attr}'")
        elif node.attr not in _ALL_ATTRIBUTES:
            self.error(node, "forbidden_attr", name=node.attr)
        self.visit(node.value)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Name):
            if func.id not in self.functions:
                near = difflib.get_close_matches(func.id, sorted(self.functions), n=1, cutoff=0.75)
                self.error(node, "forbidden_call", name=func.id,
                           guess=MESSAGES["call_guess"].format(name=near[0]) if near else "")
        elif isinstance(func, ast.Attribute):
            if func.attr.startswith("_"):
                self.error(node, "private_attr", name=func.attr)
            elif func.attr not in _ALL_METHODS:
                self.error(node, "forbidden_method", name=func.attr)
            elif self.mode == "eval" and func.attr in _MUTATING_METHODS:
                self.error(node, "mutation_in_expression", name=func.attr)
            self.visit(func.value)
        else:
            self.error(node, "call_form")
            self.visit(func)
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                self.error(arg, "starred")
            self.visit(arg.value if isinstance(arg, ast.Starred) else arg)
        for kw in node.keywords:
            if kw.arg is None:
                self.error(kw, "starred")
            self.visit(kw.value)

    def visit_List(self, node: ast.List) -> None:
        if not isinstance(node.ctx, ast.Load):
            self.target(node, allow_subscript=True)
            return
        for elt in node.elts:  # [*a, *b] is fine in a display
            self.visit(elt.value if isinstance(elt, ast.Starred) else elt)

    def visit_Tuple(self, node: ast.Tuple) -> None:
        self.visit_List(node)  # type: ignore[arg-type]

    def visit_Set(self, node: ast.Set) -> None:
        for elt in node.elts:
            self.visit(elt.value if isinstance(elt, ast.Starred) else elt)

    def visit_Dict(self, node: ast.Dict) -> None:
        for k, v in zip(node.keys, node.values):
            if k is not None:  # None key means {**other}
                self.visit(k)
            self.visit(v)

    def visit_comprehension(self, node: ast.comprehension) -> None:
        if node.is_async:
            self.error(node.target, "forbidden_node", what="async for")
        self.target(node.target, allow_subscript=False)
        self.visit(node.iter)
        for cond in node.ifs:
            self.visit(cond)

    def visit_BinOp(self, node: ast.BinOp) -> None:
        self.binop(node, node.op, node.left)
        self.visit(node.left)
        self.visit(node.right)

    def binop(self, node: ast.AST, op: ast.operator, left: ast.AST) -> None:
        if not isinstance(op, _ALLOWED_BINOPS):
            self.error(node, "operator", op=_OP_SYMBOLS.get(type(op), type(op).__name__))
        elif isinstance(op, ast.Mod) and (
                isinstance(left, ast.JoinedStr)
                or (isinstance(left, ast.Constant) and isinstance(left.value, str))):
            self.error(node, "str_percent")

    def visit_UnaryOp(self, node: ast.UnaryOp) -> None:
        if not isinstance(node.op, _ALLOWED_UNARY):
            self.error(node, "operator", op=_OP_SYMBOLS.get(type(node.op), type(node.op).__name__))
        self.visit(node.operand)

    def visit_FormattedValue(self, node: ast.FormattedValue) -> None:
        self.visit(node.value)
        spec = node.format_spec
        if spec is None:
            return
        if not (isinstance(spec, ast.JoinedStr)
                and all(isinstance(v, ast.Constant) and isinstance(v.value, str) for v in spec.values)):
            self.error(node, "format_spec_dynamic")
            return
        text = "".join(v.value for v in spec.values)  # type: ignore[attr-defined]
        if len(text) > _MAX_DATE_SPEC:
            self.error(node, "format_spec", spec=text[:20])

    def visit_Starred(self, node: ast.Starred) -> None:
        self.error(node, "starred")


_GENERIC_NODES = (
    ast.Module, ast.Expression, ast.Expr, ast.If, ast.Pass,
    ast.BoolOp, ast.And, ast.Or, ast.Compare, ast.cmpop, ast.IfExp,
    ast.Subscript, ast.Slice, ast.JoinedStr, ast.keyword,
    ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp,
    ast.Load, ast.Store, ast.Del,
)


@functools.lru_cache(maxsize=1024)
def _compile_checked(source: str, mode: str, functions: frozenset[str]) -> tuple[ast.AST | None, tuple[str, ...]]:
    """Parse + static check.  Cached: the same diagram text is evaluated often."""
    multiline = "\n" in source

    def located(lineno: int | None, msg: str) -> str:
        if multiline and lineno is not None:
            return MESSAGES["line_prefix"].format(line=lineno, msg=msg)
        return msg

    if len(source) > MAX_SOURCE_LENGTH:
        return None, (MESSAGES["too_long"].format(limit=MAX_SOURCE_LENGTH),)
    if mode == "eval" and not source:
        return None, (MESSAGES["empty"],)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(source, mode=mode)
    except SyntaxError as exc:
        return None, (_syntax_message(source, mode, exc.lineno or 1, exc.offset or 0, exc.msg),)
    except (RecursionError, MemoryError):
        return None, (MESSAGES["too_deep"].format(limit=MAX_AST_DEPTH),)
    except ValueError as exc:  # e.g. null bytes
        return None, (_syntax_message(source, mode, 1, 0, str(exc)),)
    if not _ast_depth_ok(tree):
        return None, (MESSAGES["too_deep"].format(limit=MAX_AST_DEPTH),)
    checker = _Checker(mode, functions)
    checker.visit(tree)
    seen: dict[str, None] = {}
    for lineno, msg in checker.errors:
        seen.setdefault(located(lineno, msg), None)
    return (tree if not seen else None), tuple(seen)


def check(source: str, mode: str = "eval", known_functions: Iterable[str] = ()) -> list[str]:
    """Static check without running: syntax errors and forbidden constructs.

    Returns Vietnamese messages (empty list when the text is acceptable).
    ``known_functions`` are the names the runtime will provide (e.g. calendar
    functions) in addition to the builtin whitelist.
    """
    if mode not in ("eval", "exec"):
        return [MESSAGES["bad_mode"].format(mode=mode)]
    try:
        text = _prepare(source, mode)
    except ExpressionError as exc:
        return [exc.message]
    _, errors = _compile_checked(text, mode, frozenset(known_functions))
    return list(errors)


def names(source: str, mode: str = "eval", known_functions: Iterable[str] = ()) -> tuple[frozenset[str], frozenset[str]]:
    """The names a valid expression or script reads, and the names it sets (assignments, `for`
    and comprehension variables); a name it both sets and reads is only set. Empty for a text
    `check` refuses: its problems are said there."""
    try:
        tree, _ = _compile_checked(_prepare(source, mode), mode, frozenset(known_functions))
    except ExpressionError:
        return frozenset(), frozenset()
    if tree is None:
        return frozenset(), frozenset()
    called = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    found = [n for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id not in called]
    stored = frozenset(n.id for n in found if not isinstance(n.ctx, ast.Load))
    return frozenset(n.id for n in found if isinstance(n.ctx, ast.Load)) - stored, stored


def read_first(source: str, known_functions: Iterable[str] = ()) -> frozenset[str]:
    """The names a valid script reads before it sets them, statement by statement: `x = x + 1`
    and `x += 1` read x, `x = 1` then `y = x` does not (where `names` says x is only set)."""
    try:
        tree, _ = _compile_checked(_prepare(source, "exec"), "exec", frozenset(known_functions))
    except ExpressionError:
        return frozenset()
    if tree is None:
        return frozenset()
    read, stored = set(), set()
    for statement in getattr(tree, "body", [tree]):
        called = {n.func.id for n in ast.walk(statement) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
        found = [n for n in ast.walk(statement) if isinstance(n, ast.Name) and n.id not in called]
        augmented = {n.target.id for n in ast.walk(statement) if isinstance(n, ast.AugAssign)
                     and isinstance(n.target, ast.Name)}
        # A loop's or a comprehension's own variable is set before its body reads it.
        looped = {n.id for node in ast.walk(statement) if isinstance(node, (ast.For, ast.comprehension))
                  for n in ast.walk(node.target) if isinstance(n, ast.Name)}
        read |= {n.id for n in found if isinstance(n.ctx, ast.Load) or n.id in augmented} - stored - looped
        stored |= {n.id for n in found if not isinstance(n.ctx, ast.Load)}
    return frozenset(read)


def _parse_or_raise(source: Any, mode: str, functions: Mapping[str, Any]) -> tuple[str, ast.AST]:
    text = _prepare(source, mode)
    tree, errors = _compile_checked(text, mode, frozenset(functions))
    if errors:
        raise ExpressionError(errors[0], expression=source, detail="; ".join(errors))
    assert tree is not None
    return text, tree


# --------------------------------------------------------------------------
# Interpreter
# --------------------------------------------------------------------------
class _LoopBreak(Exception):
    pass


class _LoopContinue(Exception):
    pass


_ITERABLE_TYPES = (str, list, tuple, dict, set, frozenset, range, enumerate, zip,
                   type({}.keys()), type({}.values()), type({}.items()))
_CONTAINER_TYPES = _ITERABLE_TYPES


class _Interpreter:
    def __init__(self, names: Mapping[str, Any], functions: Mapping[str, Callable[..., Any]],
                 defaults: Mapping[str, Any] | None = None, readonly: bool = True):
        self.names = names
        self.defaults = defaults or _EMPTY
        self.functions = functions
        self.readonly = readonly
        self.scopes: list[dict[str, Any]] = []   # comprehension scopes
        self.steps = 0
        self.alloc = 0
        self.lineno: int | None = None
        # The line each data name was last set or changed on, to say where a value that cannot
        # be stored came from (it is only refused once the script has run).
        self.changed_on: dict[str, int | None] = {}

    # -- budgets -----------------------------------------------------------
    def tick(self, n: int = 1) -> None:
        self.steps += n
        if self.steps > MAX_STEPS:
            raise _err("step_budget", limit=MAX_STEPS)

    def allocate(self, n: int) -> None:
        if n > MAX_SEQUENCE:
            raise _err("too_big_seq", limit=MAX_SEQUENCE)
        self.alloc += n
        if self.alloc > MAX_ALLOC:
            raise _err("alloc_budget", limit=MAX_ALLOC)

    def check_result(self, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_INT_BITS:
            raise _err("too_big_int", limit=MAX_INT_BITS)
        if isinstance(value, (str, list, tuple, dict, set, frozenset)) and len(value) > MAX_SEQUENCE:
            raise _err("too_big_seq", limit=MAX_SEQUENCE)
        return value

    # -- statements --------------------------------------------------------
    def run_block(self, body: list[ast.stmt]) -> None:
        for stmt in body:
            self.exec_stmt(stmt)

    def exec_stmt(self, node: ast.stmt) -> None:
        self.tick()
        self.lineno = getattr(node, "lineno", self.lineno)
        if isinstance(node, ast.Expr):
            self.eval(node.value)
        elif isinstance(node, ast.Assign):
            value = self.eval(node.value)
            for target in node.targets:
                self.assign(target, value)
        elif isinstance(node, ast.AugAssign):
            self.aug_assign(node)
        elif isinstance(node, ast.If):
            self.run_block(node.body if self.truth(self.eval(node.test)) else node.orelse)
        elif isinstance(node, ast.For):
            self.exec_for(node)
        elif isinstance(node, ast.Pass):
            pass
        elif isinstance(node, ast.Break):
            raise _LoopBreak
        elif isinstance(node, ast.Continue):
            raise _LoopContinue
        elif isinstance(node, ast.Delete):
            for target in node.targets:
                self.delete(target)
        else:  # unreachable after the static check; defence in depth
            raise _err("forbidden_node", what=type(node).__name__)

    def exec_for(self, node: ast.For) -> None:
        for item in self.iterate(self.eval(node.iter)):
            self.tick()
            self.assign(node.target, item)
            try:
                self.run_block(node.body)
            except _LoopBreak:
                return
            except _LoopContinue:
                continue
        self.run_block(node.orelse)

    def aug_assign(self, node: ast.AugAssign) -> None:
        target = node.target
        if isinstance(target, ast.Name):
            current = self.lookup(target.id)
            self.store_name(target.id, self.binop(node.op, current, self.eval(node.value)))
        else:
            assert isinstance(target, ast.Subscript)
            container = self.eval(target.value)
            key = self.eval(target.slice)
            current = self.getitem(container, key)
            self.setitem(container, key, self.binop(node.op, current, self.eval(node.value)))
            self.changed(target)

    def assign(self, target: ast.AST, value: Any) -> None:
        if isinstance(target, ast.Name):
            self.store_name(target.id, value)
        elif isinstance(target, (ast.Tuple, ast.List)):
            items = self.iterate(value)
            if len(items) != len(target.elts):
                raise _err("unpack", expected=len(target.elts), got=len(items))
            for elt, item in zip(target.elts, items):
                self.assign(elt, item)
        elif isinstance(target, ast.Subscript):
            self.setitem(self.eval(target.value), self.eval(target.slice), value)
            self.changed(target)
        else:
            raise _err("assign_target", what=type(target).__name__)

    def changed(self, node: ast.AST) -> None:
        """A data name changed in place (`d["k"] = v`, `l.append(v)`) on the current line."""
        while isinstance(node, (ast.Subscript, ast.Attribute)):
            node = node.value
        if isinstance(node, ast.Name) and not any(node.id in scope for scope in self.scopes):
            self.changed_on[node.id] = self.lineno

    def store_name(self, name: str, value: Any) -> None:
        if self.scopes:
            self.scopes[-1][name] = value
        elif self.readonly:
            raise _err("mutation_in_expression", name=name)
        else:
            self.names[name] = value  # type: ignore[index]
            self.changed_on[name] = self.lineno

    def delete(self, target: ast.AST) -> None:
        if self.readonly:
            raise _err("del_target")
        if isinstance(target, ast.Name):
            if target.id not in self.names:
                raise _err("unknown_name", name=target.id)
            del self.names[target.id]  # type: ignore[attr-defined]
            return
        assert isinstance(target, ast.Subscript)
        container = self.eval(target.value)
        key = self.eval(target.slice)
        self.getitem(container, key)  # same error messages as reading
        if not isinstance(container, (dict, list)):
            raise _err("setitem_type", type=_tname(container))
        del container[key]

    # -- expressions -------------------------------------------------------
    def eval(self, node: ast.AST) -> Any:
        self.tick()
        handler = _EVAL_DISPATCH.get(type(node))
        if handler is None:
            raise _err("forbidden_node", what=type(node).__name__)
        return handler(self, node)

    def truth(self, value: Any) -> bool:
        return bool(value)

    def lookup(self, name: str) -> Any:
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        if name in self.names:
            return self.names[name]
        if name in self.defaults:
            return self.defaults[name]
        if name in self.functions or name in BUILTIN_FUNCTIONS:
            raise _err("function_as_value", name=name)
        raise _err("unknown_name", name=name)

    def iterate(self, value: Any) -> tuple:
        # Snapshot: mutating the iterable inside the loop cannot extend the loop.
        if not isinstance(value, _ITERABLE_TYPES):
            raise _err("not_iterable", type=_tname(value))
        items = tuple(value)
        self.tick(len(items) // COST_DIVISOR)
        return items

    def e_constant(self, node: ast.Constant) -> Any:
        return node.value

    def e_name(self, node: ast.Name) -> Any:
        return self.lookup(node.id)

    def e_list(self, node: ast.List | ast.Tuple | ast.Set) -> Any:
        items: list[Any] = []
        for elt in node.elts:
            if isinstance(elt, ast.Starred):
                items.extend(self.iterate(self.eval(elt.value)))
            else:
                items.append(self.eval(elt))
        self.allocate(len(items))
        if isinstance(node, ast.Tuple):
            return tuple(items)
        if isinstance(node, ast.Set):
            return self.hashing(set, items)
        return items

    def e_dict(self, node: ast.Dict) -> dict:
        result: dict[Any, Any] = {}
        for k, v in zip(node.keys, node.values):
            if k is None:
                other = self.eval(v)
                if not isinstance(other, dict):
                    raise _err("starred")
                result.update(other)
            else:
                key = self.eval(k)
                self.hashable(key)
                result[key] = self.eval(v)
        self.allocate(len(result))
        return result

    def charge(self, *values: Any) -> None:
        """Charge steps for operations that walk whole values (==, in, hash, sort)."""
        for value in values:
            if isinstance(value, _NESTED):
                weight = _weight(value, MAX_SEQUENCE)
                if weight > MAX_SEQUENCE:
                    raise _err("too_big_seq", limit=MAX_SEQUENCE)
                self.tick(weight // COST_DIVISOR)

    def hashable(self, key: Any) -> None:
        if isinstance(key, tuple):
            self.charge(key)
        try:
            hash(key)
        except TypeError as exc:
            raise _err("unhashable", detail=str(exc), type=_tname(key)) from exc

    def hashing(self, factory: Callable[[list], Any], items: list) -> Any:
        for item in items:
            self.hashable(item)
        return factory(items)

    def comprehension(self, generators: list[ast.comprehension], emit: Callable[[], None]) -> None:
        # The first iterable is evaluated in the enclosing scope, as in Python.
        first = self.iterate(self.eval(generators[0].iter))
        self.scopes.append({})
        try:
            self.comp_loop(generators, 0, first, emit)
        finally:
            self.scopes.pop()

    def comp_loop(self, gens: list[ast.comprehension], i: int, items: tuple | None,
                  emit: Callable[[], None]) -> None:
        gen = gens[i]
        if items is None:
            items = self.iterate(self.eval(gen.iter))
        for item in items:
            self.tick()
            self.assign(gen.target, item)
            if all(self.truth(self.eval(cond)) for cond in gen.ifs):
                if i + 1 == len(gens):
                    emit()
                else:
                    self.comp_loop(gens, i + 1, None, emit)

    def e_listcomp(self, node: ast.ListComp | ast.SetComp | ast.GeneratorExp) -> Any:
        out: list[Any] = []

        def emit() -> None:
            self.allocate(1)
            out.append(self.eval(node.elt))
        self.comprehension(node.generators, emit)
        if isinstance(node, ast.SetComp):
            return self.hashing(set, out)
        # Generator expressions are materialised: no generator objects (and
        # their gi_frame etc.) ever exist, and they only feed any()/sum()/...
        return out

    def e_dictcomp(self, node: ast.DictComp) -> dict:
        out: dict[Any, Any] = {}

        def emit() -> None:
            self.allocate(1)
            key = self.eval(node.key)
            self.hashable(key)
            out[key] = self.eval(node.value)
        self.comprehension(node.generators, emit)
        return out

    def e_boolop(self, node: ast.BoolOp) -> Any:
        value: Any = None
        for operand in node.values:
            value = self.eval(operand)
            truth = self.truth(value)
            if isinstance(node.op, ast.And) and not truth:
                return value
            if isinstance(node.op, ast.Or) and truth:
                return value
        return value

    def e_binop(self, node: ast.BinOp) -> Any:
        return self.binop(node.op, self.eval(node.left), self.eval(node.right))

    def binop(self, op: ast.operator, a: Any, b: Any) -> Any:
        sym = _OP_SYMBOLS.get(type(op), "?")
        seq = (str, list, tuple)
        if isinstance(op, ast.Add) and isinstance(a, seq) and isinstance(b, seq):
            self.allocate(len(a) + len(b))
        elif isinstance(op, ast.Mult):
            for s, n in ((a, b), (b, a)):
                if isinstance(s, seq) and isinstance(n, int):
                    self.allocate(len(s) * max(n, 0))
            if isinstance(a, int) and isinstance(b, int) and \
                    a.bit_length() + b.bit_length() > MAX_INT_BITS + 1:
                raise _err("too_big_int", limit=MAX_INT_BITS)
        elif isinstance(op, ast.Pow):
            if isinstance(a, int) and isinstance(b, int) and b > 0 and abs(a) > 1 \
                    and (abs(a).bit_length() - 1) * b > MAX_INT_BITS:
                raise _err("too_big_int", limit=MAX_INT_BITS)
            if isinstance(b, int) and abs(b) > 10_000 and isinstance(a, Decimal):
                raise _err("overflow")
        elif isinstance(op, ast.Mod) and isinstance(a, str):
            raise _err("str_percent")
        try:
            result = _BINOPS[type(op)](a, b)
        except ZeroDivisionError as exc:
            raise _err("div_zero", detail=str(exc)) from exc
        except TypeError as exc:
            raise _err("binop_type", detail=str(exc), op=sym, left=_tname(a), right=_tname(b)) from exc
        except OverflowError as exc:
            raise _err("overflow", detail=str(exc)) from exc
        except ArithmeticError as exc:  # decimal.InvalidOperation and friends
            raise _err("value_error", detail=repr(exc)) from exc
        return self.check_result(result)

    def e_unaryop(self, node: ast.UnaryOp) -> Any:
        value = self.eval(node.operand)
        if isinstance(node.op, ast.Not):
            return not self.truth(value)
        if not _is_number(value) or isinstance(value, (date, timedelta)):
            raise _err("unary_type", op=_OP_SYMBOLS[type(node.op)], type=_tname(value))
        return -value if isinstance(node.op, ast.USub) else +value

    def e_compare(self, node: ast.Compare) -> bool:
        left = self.eval(node.left)
        for op, comparator in zip(node.ops, node.comparators):
            right = self.eval(comparator)
            if not self.compare(op, left, right):
                return False
            left = right
        return True

    def compare(self, op: ast.cmpop, a: Any, b: Any) -> bool:
        if isinstance(op, (ast.In, ast.NotIn)):
            if not isinstance(b, _CONTAINER_TYPES):
                raise _err("not_iterable", type=_tname(b))
            if isinstance(b, str):
                self.tick(len(b) // COST_DIVISOR)
        if not isinstance(op, (ast.Is, ast.IsNot)):
            self.charge(a, b)
        try:
            return bool(_COMPARE[type(op)](a, b))
        except TypeError as exc:
            raise _err("compare_type", detail=str(exc), left=_tname(a), right=_tname(b)) from exc

    def e_ifexp(self, node: ast.IfExp) -> Any:
        return self.eval(node.body if self.truth(self.eval(node.test)) else node.orelse)

    def e_subscript(self, node: ast.Subscript) -> Any:
        container = self.eval(node.value)
        if isinstance(node.slice, ast.Slice):
            if not isinstance(container, (str, list, tuple)):
                raise _err("subscript_type", type=_tname(container))
            bounds = []
            for part in (node.slice.lower, node.slice.upper, node.slice.step):
                v = None if part is None else self.eval(part)
                if v is not None and not isinstance(v, int):
                    raise _err("index_type", type=_tname(v))
                bounds.append(v)
            if bounds[2] == 0:
                raise _err("value_error", detail="slice step cannot be zero")
            result = container[slice(*bounds)]
            self.allocate(len(result))
            return result
        return self.getitem(container, self.eval(node.slice))

    def getitem(self, container: Any, key: Any) -> Any:
        if isinstance(container, dict):
            self.hashable(key)
            try:
                return container[key]
            except KeyError as exc:
                raise _err("key_error", detail=repr(exc), key=_short_repr(key)) from exc
        if isinstance(container, (str, list, tuple)):
            if not isinstance(key, int):
                raise _err("index_type", type=_tname(key))
            try:
                return container[key]
            except IndexError as exc:
                raise _err("index_error", detail=str(exc), index=key) from exc
        raise _err("subscript_type", type=_tname(container))

    def setitem(self, container: Any, key: Any, value: Any) -> None:
        if self.readonly:
            raise _err("mutation_in_expression", name="[]")
        if isinstance(container, dict):
            self.hashable(key)
            if key not in container:
                self.allocate(1)
            container[key] = value
        elif isinstance(container, list):
            if not isinstance(key, int):
                raise _err("index_type", type=_tname(key))
            try:
                container[key] = value
            except IndexError as exc:
                raise _err("index_error", detail=str(exc), index=key) from exc
        else:
            raise _err("setitem_type", type=_tname(container))

    def e_attribute(self, node: ast.Attribute) -> Any:
        obj = self.eval(node.value)
        if node.attr.startswith("_"):
            raise _err("private_attr", name=node.attr)
        getter = _lookup_member(_ATTRIBUTES, obj, node.attr)
        if getter is None:
            raise _err("attr_not_allowed", type=_tname(obj), name=node.attr)
        return getter(obj)

    def e_joinedstr(self, node: ast.JoinedStr) -> str:
        parts: list[str] = []
        size = 0
        for value in node.values:
            if isinstance(value, ast.Constant):
                text = value.value
            elif isinstance(value, ast.FormattedValue):
                text = self.formatted(value)
            else:
                raise _err("forbidden_node", what=type(value).__name__)
            size += len(text)
            if size > MAX_SEQUENCE:
                raise _err("too_big_seq", limit=MAX_SEQUENCE)
            parts.append(text)
        self.allocate(size)
        return "".join(parts)

    def formatted(self, node: ast.FormattedValue) -> str:
        value = self.eval(node.value)
        _check_text_size(value)
        if node.conversion == ord("r"):
            value = repr(value)
        elif node.conversion == ord("a"):
            value = ascii(value)
        elif node.conversion == ord("s"):
            value = str(value)
        spec = ""
        if node.format_spec is not None:
            spec = "".join(v.value for v in node.format_spec.values)  # type: ignore[attr-defined]
        self.check_spec(value, spec)
        try:
            return format(value, spec)
        except (ValueError, TypeError) as exc:
            raise _err("format_spec", detail=str(exc), spec=spec) from exc

    def check_spec(self, value: Any, spec: str) -> None:
        if not spec:
            return
        _check_decimal(value)
        if isinstance(value, date):
            # strftime: output bounded by a small multiple of the spec length.
            if len(spec) <= _MAX_DATE_SPEC:
                return
        else:
            m = _SIMPLE_SPEC.match(spec)
            if m and int(m.group("width") or 0) <= _MAX_SPEC_WIDTH:
                return
        raise _err("format_spec", spec=spec[:20])

    def e_call(self, node: ast.Call) -> Any:
        func = node.func
        if isinstance(func, ast.Attribute):
            obj = self.eval(func.value)
            args, kwargs = self.call_args(node)
            result = self.call_method(obj, func.attr, args, kwargs)
            if func.attr in _MUTATING_METHODS:
                self.changed(func.value)
            return result
        if not isinstance(func, ast.Name):
            raise _err("call_form")
        name = func.id
        args, kwargs = self.call_args(node)
        if name in self.functions:
            try:
                return self.functions[name](*args, **kwargs)
            except ExpressionError:
                raise
            except Exception as exc:  # caller functions are trusted, their errors are not ours
                raise _err("call_error", detail=repr(exc), name=name, error=exc) from exc
        fn = BUILTIN_FUNCTIONS.get(name)
        if fn is None:
            raise _err("unknown_function", name=name)
        self.charge(*args, *kwargs.values())
        for arg in args:
            if isinstance(arg, str):
                self.tick(len(arg) // COST_DIVISOR)
        try:
            result = fn(*args, **kwargs)
        except ExpressionError:
            raise
        except Exception as exc:
            raise self.translate(exc, name) from exc
        if name in _CONSTRUCTING and hasattr(result, "__len__"):
            self.allocate(len(result))
        return self.check_result(result)

    def call_args(self, node: ast.Call) -> tuple[list[Any], dict[str, Any]]:
        args = [self.eval(a) for a in node.args]
        kwargs: dict[str, Any] = {}
        for kw in node.keywords:
            if kw.arg is None:
                raise _err("starred")
            kwargs[kw.arg] = self.eval(kw.value)
        return args, kwargs

    def call_method(self, obj: Any, name: str, args: list[Any], kwargs: dict[str, Any]) -> Any:
        if name.startswith("_"):
            raise _err("private_attr", name=name)
        if self.readonly and name in _MUTATING_METHODS:
            raise _err("mutation_in_expression", name=name)
        method = _lookup_member(_METHODS, obj, name)
        if method is None:
            raise _err("method_not_allowed", type=_tname(obj), name=name)
        if isinstance(obj, (list, tuple)) and name in ("count", "index"):
            self.charge(obj)
        self.charge(*args)
        size_before = len(obj) if isinstance(obj, list) else 0
        try:
            result = method(obj, *args, **kwargs)
        except ExpressionError:
            raise
        except Exception as exc:
            raise self.translate(exc, name) from exc
        if name in _MUTATING_METHODS:
            self.allocate(len(obj) - size_before)
        elif isinstance(obj, str) and name in _STR_BUILDERS:
            self.allocate(len(result))
        return self.check_result(result)

    @staticmethod
    def translate(exc: Exception, name: str) -> ExpressionError:
        if isinstance(exc, ZeroDivisionError):
            return _err("div_zero", detail=repr(exc))
        if isinstance(exc, OverflowError):
            return _err("overflow", detail=repr(exc))
        if isinstance(exc, RecursionError):
            return _err("nesting_runtime", detail=repr(exc))
        if isinstance(exc, (TypeError, ValueError, KeyError, IndexError, ArithmeticError)):
            return _err("bad_arguments", detail=repr(exc), name=name)
        return _err("generic", detail=repr(exc))


_BINOPS: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b, ast.Div: lambda a, b: a / b,
    ast.FloorDiv: lambda a, b: a // b, ast.Mod: lambda a, b: a % b,
    ast.Pow: lambda a, b: a ** b,
}
_COMPARE: dict[type, Callable[[Any, Any], Any]] = {
    ast.Eq: lambda a, b: a == b, ast.NotEq: lambda a, b: a != b,
    ast.Lt: lambda a, b: a < b, ast.LtE: lambda a, b: a <= b,
    ast.Gt: lambda a, b: a > b, ast.GtE: lambda a, b: a >= b,
    ast.Is: lambda a, b: a is b, ast.IsNot: lambda a, b: a is not b,
    ast.In: lambda a, b: a in b, ast.NotIn: lambda a, b: a not in b,
}
_EVAL_DISPATCH: dict[type, Callable[[_Interpreter, Any], Any]] = {
    ast.Constant: _Interpreter.e_constant, ast.Name: _Interpreter.e_name,
    ast.List: _Interpreter.e_list, ast.Tuple: _Interpreter.e_list, ast.Set: _Interpreter.e_list,
    ast.Dict: _Interpreter.e_dict, ast.ListComp: _Interpreter.e_listcomp,
    ast.SetComp: _Interpreter.e_listcomp, ast.GeneratorExp: _Interpreter.e_listcomp,
    ast.DictComp: _Interpreter.e_dictcomp, ast.BoolOp: _Interpreter.e_boolop,
    ast.BinOp: _Interpreter.e_binop, ast.UnaryOp: _Interpreter.e_unaryop,
    ast.Compare: _Interpreter.e_compare, ast.IfExp: _Interpreter.e_ifexp,
    ast.Subscript: _Interpreter.e_subscript, ast.Attribute: _Interpreter.e_attribute,
    ast.JoinedStr: _Interpreter.e_joinedstr, ast.Call: _Interpreter.e_call,
}


def _wrap_unexpected(exc: BaseException, source: str, lineno: int | None) -> ExpressionError:
    if isinstance(exc, RecursionError):
        err = _err("nesting_runtime", detail=repr(exc))
    elif isinstance(exc, MemoryError):
        err = _err("too_big_seq", detail=repr(exc), limit=MAX_SEQUENCE)
    else:
        err = _Interpreter.translate(exc, "?")  # type: ignore[arg-type]
        if err.message == MESSAGES["bad_arguments"].format(name="?"):
            err = _err("generic", detail=repr(exc))
    err.expression = source
    err.lineno = lineno
    return err


# --------------------------------------------------------------------------
# JSON-likeness of stored results
# --------------------------------------------------------------------------
_SCALARS = (str, int, float, bool, Decimal, date, type(None))


def _normalize(value: Any, name: str, budget: list[int], path: list[int] | None = None) -> Any:
    """Return a JSON-like copy (tuples and sets become lists) or raise ExpressionError.

    ``budget`` counts visited nodes across the whole commit: shared
    sub-structures are expanded (as JSON serialisation would), so a DAG like
    ``y = [y, y]`` repeated must not explode here or later in storage.
    ``path`` holds the ids of the containers being visited, to detect cycles.
    """
    budget[0] -= 1
    if budget[0] < 0:
        raise _err("too_big_seq", limit=MAX_SEQUENCE)
    if isinstance(value, _SCALARS):
        return value
    path = [] if path is None else path
    if len(path) >= MAX_DATA_DEPTH:
        raise _err("data_too_deep", name=name)
    if id(value) in path:
        raise _err("cycle", name=name)
    path.append(id(value))
    try:
        if isinstance(value, (list, tuple)):
            return [_normalize(v, name, budget, path) for v in value]
        if isinstance(value, (set, frozenset)):
            return [_normalize(v, name, budget, path) for v in _in_order(value)]
        if isinstance(value, dict):
            out = {}
            for k, v in value.items():
                if not isinstance(k, str):
                    raise _err("dict_key", name=name, type=_tname(k))
                out[k] = _normalize(v, name, budget, path)
            return out
    finally:
        path.pop()
    raise _err("not_json", name=name, type=_tname(value))


def _in_order(items: set | frozenset) -> list:
    """A set's items sorted when they compare, so the stored list does not depend on hashing."""
    try:
        return sorted(items)
    except TypeError:
        return list(items)


def _committed(work: dict, changed_on: Mapping[str, int | None], script: str) -> dict:
    """The script's data as it will be stored. A value that cannot be is refused at the line
    that last set or changed it, not at the last line run (at none if the script never did)."""
    budget = [MAX_SEQUENCE]
    committed = {}
    for key, value in work.items():
        try:
            committed[key] = _normalize(value, key, budget)
        except ExpressionError as exc:
            exc.expression, exc.lineno = script, changed_on.get(key)
            raise
        except Exception as exc:  # MemoryError and the like, as while running
            raise _wrap_unexpected(exc, script, changed_on.get(key)) from exc
    return committed


def unstorable_message(name: str, value: Any) -> str:
    """What to say of data the dossier cannot keep, wherever it came from."""
    return MESSAGES["not_json"].format(name=name, type=_tname(value))


# --------------------------------------------------------------------------
# Public entry points
# --------------------------------------------------------------------------
def evaluate(expression: str, names: Mapping[str, Any],
             functions: Mapping[str, Callable[..., Any]] = _EMPTY) -> Any:
    """Evaluate a single expression against ``names`` (read-only).

    Raises :class:`ExpressionError` with a Vietnamese message on any refusal
    or failure.
    """
    functions = functions or _EMPTY
    text, tree = _parse_or_raise(expression, "eval", functions)
    interp = _Interpreter(names, functions, readonly=True)
    try:
        return interp.eval(tree.body)  # type: ignore[attr-defined]
    except ExpressionError as exc:
        exc.expression = expression
        raise
    except Exception as exc:
        raise _wrap_unexpected(exc, expression, None) from exc


def execute(script: str, names: dict, functions: Mapping[str, Callable[..., Any]] = _EMPTY,
            *, defaults: Mapping[str, Any] | None = None) -> None:
    """Run a script, updating ``names`` in place.

    All-or-nothing: the script runs on a deep copy that is committed only on
    success, so a failed script leaves ``names`` untouched.  Stored values must
    be JSON-like (plus date/datetime/Decimal); tuples and sets are stored as lists.
    ``defaults`` are read-only fallback names (e.g. workflow data objects).
    """
    functions = functions or _EMPTY
    text, tree = _parse_or_raise(script, "exec", functions)
    try:
        work = copy.deepcopy(dict(names))
    except Exception as exc:
        raise ExpressionError(MESSAGES["copy_failed"], expression=script, detail=repr(exc)) from exc
    interp = _Interpreter(work, functions, defaults=defaults, readonly=False)
    try:
        interp.run_block(tree.body)  # type: ignore[attr-defined]
        # Cheap iterative size check first; _normalize is recursive and slower.
        if sum(_weight(v, MAX_STORED_WEIGHT) for v in work.values()) > MAX_STORED_WEIGHT:
            raise _err("too_big_seq", limit=MAX_SEQUENCE)
    except ExpressionError as exc:
        exc.expression = script
        if exc.lineno is None:
            exc.lineno = interp.lineno
        raise
    except (_LoopBreak, _LoopContinue) as exc:  # unreachable: static check
        raise _wrap_unexpected(exc, script, interp.lineno) from exc
    except Exception as exc:
        raise _wrap_unexpected(exc, script, interp.lineno) from exc
    committed = _committed(work, interp.changed_on, script)
    for key in [k for k in names if k not in committed]:
        del names[key]
    names.update(committed)
