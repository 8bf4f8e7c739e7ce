"""The parts of an expression or a script that read no data (`1 / 0`, `"a" * 10**9`, `int("x")`,
`so_ban / 0`): the same for every dossier, so one that fails fails for all of them reaching it,
and `motcua bpmn check` can say so before a dossier stops there. Each is run by the sandboxed
evaluator the engine uses, so what is said is what a dossier would meet."""
from __future__ import annotations

import ast

from . import expressions

# Parts worth running: an operation, a lookup or a call. A bare literal cannot fail; a list or a
# dict of them, or an attribute (a method not yet called), is looked into.
_OPERATIONS = (ast.BinOp, ast.UnaryOp, ast.BoolOp, ast.Compare, ast.Subscript, ast.Call, ast.IfExp)
# Run only calls that cost little whatever their arguments (a conversion, a length): a sort or a
# sum over a long literal list would hold the check as long as it would hold a dossier, and a
# method of a literal (`[].append(1)`) may change what a script then uses. Their parts are run.
_CHEAP_CALLS = {"int", "float", "str", "bool", "len", "abs", "round"}
# Builtins giving a lazy sequence: cheap whatever their arguments, and never kept in a dossier
# (engine/expressions.py: what a script sets must be stored), so tried where a script sets a name.
_LAZY_CALLS = {"range", "enumerate", "zip"}
_DIVISIONS = (ast.Div, ast.FloorDiv, ast.Mod)


def failures(source: str, mode: str) -> list[tuple[str, str]]:
    """(the part as written, the evaluator's Vietnamese refusal) of each largest data-free part
    that fails, and of each division by a data-free zero; nothing for a source that does not
    parse (its syntax is reported elsewhere)."""
    tree = _parsed(source, mode)
    if tree is None:
        return []
    reads_nothing = _reader(tree)
    kept = _kept_settings(tree, reads_nothing) if mode == "exec" else set()

    def fails(part: str, run=expressions.evaluate) -> str | None:
        try:
            run(part, {})
        except expressions.ExpressionError as exc:
            return exc.message
        return None

    found: list[tuple[str, str]] = []
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if node in kept:
            # `x = range(3)`, `x = len`, `x = {1: "a"}`: the same for every dossier, refused when kept;
            # `x = range(so_ban)` too, whatever it reads: a range is never kept.
            lazy = _lazy_call(node.value, reads_nothing)
            error = expressions.unstorable_message(node.targets[0].id, lazy) if lazy is not None \
                else fails(ast.unparse(node), expressions.execute)
            if error:
                found.append((ast.unparse(node), error))
            continue
        if isinstance(node, _OPERATIONS) and reads_nothing(node):
            error = fails(ast.unparse(node))
            if error:
                found.append((ast.unparse(node), error))
            continue  # its own parts read nothing either: the largest one is said, once
        if isinstance(node, ast.BinOp) and isinstance(node.op, _DIVISIONS) and reads_nothing(node.right) \
                and not _formatting(node):
            # `so_ban / 0`: whatever the data, the divisor is zero.
            if fails(ast.unparse(ast.BinOp(ast.Constant(1), node.op, node.right))) == expressions.MESSAGES["div_zero"]:
                found.append((ast.unparse(node), expressions.MESSAGES["div_zero"]))
                continue
        stack.extend(reversed(list(ast.iter_child_nodes(node))))
    return found


def constant_value(source: str) -> tuple[bool, object]:
    """(True, what the expression gives) when it reads no data and runs; (False, None) when it
    reads data, does not parse, or fails (said by `failures`)."""
    tree = _parsed(source, "eval")
    if tree is None or not _reader(tree)(tree.body):
        return False, None
    try:
        return True, expressions.evaluate(source, {})
    except expressions.ExpressionError:
        return False, None


def _parsed(source: str, mode: str) -> ast.AST | None:
    try:
        return ast.parse(expressions.prepared(source, mode), mode=mode)
    except (SyntaxError, ValueError):
        return None


def _reader(tree: ast.AST):
    """`reads_nothing(node, calls)`: whether the part `node` of `tree` reads no data and calls
    only `calls`. A builtin reads no data, unless the script assigns its name."""
    assigned = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
    builtins = set(expressions.BUILTIN_FUNCTIONS) - assigned

    def reads_nothing(node: ast.AST, calls=frozenset(_CHEAP_CALLS)) -> bool:
        return not any(isinstance(n, (ast.Lambda, ast.NamedExpr)) or isinstance(n, ast.Name) and n.id not in builtins
                       or isinstance(n, ast.Call) and not (isinstance(n.func, ast.Name) and n.func.id in calls)
                       for n in ast.walk(node))
    return reads_nothing


def _kept_settings(tree: ast.Module, reads_nothing) -> set[ast.Assign]:
    """The script's own statements `name = <what reads no data>` after which nothing sets that
    name again: the value the dossier keeps, whatever its data."""
    settings = [(n.lineno, n.col_offset, n.id) for n in ast.walk(tree)
                if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)]
    kept = set()
    for statement in tree.body:
        if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1
                and isinstance(statement.targets[0], ast.Name)
                and (reads_nothing(statement.value, frozenset(_CHEAP_CALLS | _LAZY_CALLS))
                     or _lazy_call(statement.value, reads_nothing) is not None)):
            continue
        name, end = statement.targets[0].id, (statement.end_lineno, statement.end_col_offset)
        if not any(other == name and (line, column) > end for line, column, other in settings):
            kept.add(statement)
    return kept


def _lazy_call(value: ast.AST, reads_nothing):
    """An empty sample of what `value` gives when it is a call of a lazy builtin (range(so_ban)),
    whatever its arguments read; None otherwise."""
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in _LAZY_CALLS \
            and reads_nothing(value.func):
        return {"range": range(0), "enumerate": enumerate(()), "zip": zip()}[value.func.id]
    return None


def _formatting(node: ast.BinOp) -> bool:
    """`"%s" % so_ban`: a text formatted, not a remainder."""
    return isinstance(node.op, ast.Mod) and isinstance(node.left, (ast.Constant, ast.JoinedStr)) \
        and isinstance(getattr(node.left, "value", ""), str)
