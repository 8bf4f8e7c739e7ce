"""Whether the flows of one process or sub-process can hang or run a step twice, found by playing
the token game over its drawing: every branch of a choice is taken in turn, except a branch whose
condition contradicts what an earlier branch of the same token settled (`x == "a"` taken, then a
branch asking `x == "b"` before anything writes x again): diagrams route on the same answer twice.

Two faults a modeler does not show and a test run meets only on the unlucky path (ANALYST.md
QT-60): a parallel gateway joining branches that do not all come (they leave a choice, an
exclusive gateway or a boundary event), where the dossier waits for ever with no step open; and
branches a parallel split started meeting again without a parallel join, where the step after
opens twice. The caller leaves out a container using what the game does not model; one too big
to play out is not judged."""
from __future__ import annotations

import ast
from collections import Counter, deque
from dataclasses import dataclass, field

MAX_MARKINGS = 20000
CHOICES = ("exclusiveGateway", "eventBasedGateway")


@dataclass(frozen=True, eq=False)  # one per element: compared and hashed as itself
class Node:
    id: str
    kind: str  # the BPMN element's local name
    incoming: tuple[str, ...]  # flow ids
    outgoing: tuple[str, ...]
    # Where a token may leave instead of (interrupting) or beside (not) the normal way out: the
    # outgoing flows of each boundary event attached.
    interrupting: tuple[tuple[str, ...], ...] = ()
    beside: tuple[tuple[str, ...], ...] = ()
    terminates: bool = False
    writes: frozenset = frozenset()  # the names completing it may change (None: any)
    settles: dict = field(default_factory=dict)  # outgoing flow id: what its condition requires (settled_by)
    exact: frozenset = frozenset()  # the outgoing flows whose condition is nothing but those
    default: str | None = None  # the gateway's default flow: taken when no condition holds


@dataclass(frozen=True)
class Findings:
    stuck_joins: frozenset[str]  # parallel gateways a dossier can wait at for ever
    opened_twice: frozenset[str]  # nodes a dossier can reach twice at once


def reached(entries, after: dict) -> set:
    """Every element a path from `entries` goes through, `after` giving each element's next
    ones: what is not among them never runs, whatever the conditions say."""
    found, queue = set(), list(entries)
    while queue:
        current = queue.pop()
        if current not in found:
            found.add(current)
            queue.extend(after.get(current, ()))
    return found


def settled_by(condition: str) -> tuple[tuple, bool]:
    """What a condition requires of single names, as (name, "in" or "not in", values), and
    whether it requires nothing else: `a == "x" and b != 2` → ((("a", "in", ("x",)),
    ("b", "not in", (2,))), True); `in` and `not in` a written list too."""
    try:
        tree = ast.parse(condition.strip(), mode="eval").body
    except (SyntaxError, ValueError):
        return (), False
    parts = tree.values if isinstance(tree, ast.BoolOp) and isinstance(tree.op, ast.And) else [tree]
    found = [found for found in map(_requirement, parts) if found is not None]
    return tuple(found), len(found) == len(parts)


_OPS = {ast.Eq: "in", ast.In: "in", ast.NotEq: "not in", ast.NotIn: "not in"}


def _requirement(part) -> tuple | None:
    if not (isinstance(part, ast.Compare) and len(part.ops) == 1 and type(part.ops[0]) in _OPS):
        return None
    left, right, op = part.left, part.comparators[0], type(part.ops[0])
    if op in (ast.Eq, ast.NotEq) and isinstance(right, ast.Name):
        left, right = right, left
    if not isinstance(left, ast.Name):
        return None
    if op in (ast.Eq, ast.NotEq):
        values = [right]
    elif isinstance(right, (ast.List, ast.Tuple, ast.Set)):
        values = right.elts
    else:
        return None
    if not all(isinstance(v, ast.Constant) for v in values):
        return None
    return left.id, _OPS[op], tuple(v.value for v in values)


def _holds(requirement: tuple, value) -> bool:
    _, op, values = requirement
    return (value in values) == (op == "in")


def _pins(requirements: tuple) -> tuple:
    """The values a branch taken settles: its single-valued "in" requirements."""
    return tuple((name, values[0]) for name, op, values in requirements if op == "in" and len(values) == 1)


def play(nodes: list[Node], start: str, choices: dict | None = None) -> Findings | None:
    """The faults of the container whose elements are `nodes` and whose start event is `start`
    (`choices`: the values a name can hold, where known); None when it is not judged."""
    # A parallel split adds tokens that its join takes back, so a diagram whose splits are all
    # joined never holds more than one token per branch. More means a split was passed again (a
    # loop: «Trả lại», a supplement) before its branches were joined, and every turn of the loop
    # adds tokens: played without a bound, such a game would not end. Played first within the
    # bound, which judges every sound diagram whole and, nearly always, finds the step a wrong
    # one opens twice; only if it finds none while some marking went past the bound is the game
    # played again unbounded (as far as MAX_MARKINGS) to find where.
    bound = 1 + sum(len(n.outgoing) - 1 for n in nodes if n.kind not in CHOICES and len(n.outgoing) > 1) \
        + sum(len(extra) for n in nodes for extra in n.beside)
    found, exceeded = _explore(nodes, start, choices or {}, bound)
    if found is None or found.opened_twice or not exceeded:
        return found
    return _explore(nodes, start, choices or {}, None)[0]


def _explore(nodes: list[Node], start: str, choices: dict, bound: int | None) -> tuple[Findings | None, bool]:
    """The token game breadth first, a marking holding more than `bound` tokens not followed;
    with whether one did."""
    by_flow = {flow: node for node in nodes for flow in node.incoming}
    sinks = {flow for flow, node in by_flow.items() if node.kind == "endEvent" and not node.terminates}
    ends_all = {flow for flow, node in by_flow.items() if node.kind == "endEvent" and node.terminates}
    first = next(n for n in nodes if n.id == start)
    seen: set[tuple] = set()
    queue = deque([(_frozen(Counter((flow, ()) for flow in first.outgoing)), 0)])
    stuck, twice, first_twice, exceeded = set(), set(), None, False
    while queue:
        marking, depth = queue.popleft()
        if marking in seen:
            continue
        seen.add(marking)
        if len(seen) > MAX_MARKINGS:
            # What was met is met (a hang or a step opened twice on a path played out); only a
            # clean pass would claim more than the game saw.
            return (Findings(frozenset(stuck), frozenset(twice)) if stuck or twice else None), exceeded
        tokens = Counter(dict(marking))
        per_flow = Counter()
        for (flow, _), n in tokens.items():
            per_flow[flow] += n
        doubled = _doubled(per_flow, by_flow)
        if doubled:
            if first_twice is None or depth == first_twice:  # where branches first meet, not after
                first_twice = depth
                twice |= doubled
            continue  # not safe any more: what follows would only repeat it
        if bound is not None and sum(per_flow.values()) > bound:
            exceeded = True
            continue
        successors = [after for node in {by_flow[f] for f in per_flow if f in by_flow}
                      for after in _fire(node, tokens, choices)]
        if not successors and tokens:
            stuck |= {by_flow[f].id for f in per_flow if f in by_flow and by_flow[f].kind == "parallelGateway"}
        # A token reaching a plain end event is done: dropped at once, so that tokens a timer
        # beside a step sends there as the step is met again do not pile up; one reaching a
        # terminating end (a terminate, an error) ends the container at once, every token with it.
        queue.extend(((() if any(t[0][0] in ends_all for t in after) else tuple(t for t in after if t[0][0] not in sinks)),
                      depth + 1) for after in successors)
    return Findings(frozenset(stuck), frozenset(twice)), exceeded


def _doubled(per_flow: Counter, by_flow: dict) -> set[str]:
    """The elements a marking opens twice: two tokens before one element (on one flow or two),
    or two on one flow into a parallel join, which waits for one on each of its flows: the
    second is a branch come round again (a loop, or branches never joined) before the others.
    Without the second case, tokens would pile up there as a loop turns and the game would never
    end. A plain end event only takes tokens; a terminating one ends everything anyway."""
    per_node = Counter()
    for flow, n in per_flow.items():
        if flow in by_flow:
            per_node[by_flow[flow]] += n
    return {node.id for node, n in per_node.items() if n > 1 and node.kind not in ("endEvent", "parallelGateway")} \
        | {by_flow[flow].id for flow, n in per_flow.items()
           if n > 1 and flow in by_flow and by_flow[flow].kind == "parallelGateway"}


def _fire(node: Node, tokens: Counter, choices: dict) -> list[tuple]:
    """The markings after `node` takes a token (a parallel join: one of each incoming flow), one
    per way it may go."""
    mine = [token for token in tokens if token[0] in node.incoming]
    if node.kind == "parallelGateway":
        taken = [next((t for t in mine if t[0] == flow), None) for flow in node.incoming]
        if None in taken:
            return []
        known = _joined([t[1] for t in taken])
        return [_moved(tokens, taken, [(out, known) for out in node.outgoing])]
    found = []
    for token in mine:
        known = token[1]
        if node.terminates:
            found.append(())
        elif node.kind in CHOICES:
            open_ways = [out for out in node.outgoing if not _contradicts(known, node.settles.get(out, ()))
                         and not (out == node.default and _some_condition_holds(node, known, choices))]
            for out in open_ways or node.outgoing:  # everything contradicted: the game knows too little
                found.append(_moved(tokens, [token], [(out, _joined([known, _pins(node.settles.get(out, ()))]))]))
        else:
            kept = () if node.writes is None else tuple((n, v) for n, v in known if n not in node.writes)
            ways = [node.outgoing, *node.interrupting, *(node.outgoing + extra for extra in node.beside)]
            found += [_moved(tokens, [token], [(out, kept) for out in way]) for way in ways]
    return found


def _some_condition_holds(node: Node, known: tuple, choices: dict) -> bool:
    """Whether, given what is settled, one of the gateway's exact conditions must hold, so its
    default flow is never taken: one fully settled, or conditions on one name together covering
    every value that name can hold (`q == "dong_y"`, `q != "dong_y"`)."""
    values = dict(known)
    covered: dict = {}
    for out in node.exact:
        requirements = node.settles.get(out, ())
        if _contradicts(known, requirements):
            continue  # this condition is false
        left = [r for r in requirements if r[0] not in values]
        if not left:
            return True
        names = {name for name, _, _ in left}
        if len(names) != 1 or next(iter(names)) not in choices:
            continue
        name = next(iter(names))
        meeting = {v for v in choices[name] if all(_holds(r, v) for r in left)}
        covered.setdefault(name, set()).update(meeting)
    return any(set(choices[name]) <= found for name, found in covered.items())


def _contradicts(known: tuple, requirements: tuple) -> bool:
    values = dict(known)
    return any(r[0] in values and not _holds(r, values[r[0]]) for r in requirements)


def _joined(parts: list[tuple]) -> tuple:
    """What several branches settled together; a name they disagree on is not settled."""
    values: dict = {}
    clashes = set()
    for part in parts:
        for name, value in part:
            if name in values and values[name] != value:
                clashes.add(name)
            values.setdefault(name, value)
    return tuple(sorted((n, v) for n, v in values.items() if n not in clashes))


def _moved(tokens: Counter, taken, given) -> tuple:
    after = tokens.copy()
    after.subtract(taken)
    after.update(given)
    return _frozen(after)


def _frozen(tokens: Counter) -> tuple:
    return tuple(sorted(((t, n) for t, n in tokens.items() if n > 0), key=repr))
