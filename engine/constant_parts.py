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
_DIVISIONS = (ast.Div, ast.FloorDiv, ast.Mod)


def failures(source: str, mode: str) -> list[tuple[str, str]]:
    """(the part as written, the evaluator's Vietnamese refusal) of each largest data-free part
    that fails, and of each division by a data-free zero; nothing for a source that does not
    parse (its syntax is reported elsewhere)."""
    try:
        tree = ast.parse(expressions.prepared(source, mode), mode=mode)
    except (SyntaxError, ValueError):
        return []
    # A builtin reads no data, unless the script assigns its name.
    assigned = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
    builtins = set(expressions.BUILTIN_FUNCTIONS) - assigned

    def reads_nothing(node: ast.AST) -> bool:
        return not any(isinstance(n, (ast.Lambda, ast.NamedExpr)) or isinstance(n, ast.Name) and n.id not in builtins
                       or isinstance(n, ast.Call) and not (isinstance(n.func, ast.Name) and n.func.id in _CHEAP_CALLS)
                       for n in ast.walk(node))

    def fails(part: str) -> str | None:
        try:
            expressions.evaluate(part, {})
        except expressions.ExpressionError as exc:
            return exc.message
        return None

    found: list[tuple[str, str]] = []
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
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


def _formatting(node: ast.BinOp) -> bool:
    """`"%s" % so_ban`: a text formatted, not a remainder."""
    return isinstance(node.op, ast.Mod) and isinstance(node.left, (ast.Constant, ast.JoinedStr)) \
        and isinstance(getattr(node.left, "value", ""), str)
