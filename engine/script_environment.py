"""SpiffWorkflow script engine that runs diagram code through engine.expressions.

SpiffWorkflow's default ``TaskDataEnvironment`` uses plain ``eval``/``exec``;
uploaded diagrams are untrusted, so every gateway condition, script task and
timer expression goes through our AST interpreter instead.

SpiffWorkflow's ``PythonScriptEngine`` rewraps errors as
``WorkflowTaskException("Error evaluating expression ...")`` (losing our
message) or ``"ExpressionError:..."``; :class:`SafeScriptEngine` instead raises
a ``WorkflowTaskException`` whose message *is* the Vietnamese message, with the
``ExpressionError`` as ``__cause__`` (see :func:`expression_error_of`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Union

from SpiffWorkflow.bpmn.exceptions import WorkflowTaskException
from SpiffWorkflow.bpmn.script_engine import BasePythonScriptEngineEnvironment, PythonScriptEngine
from SpiffWorkflow.exceptions import SpiffWorkflowException

from engine import expressions
from engine.expressions import ExpressionError

FunctionsSource = Union[Mapping[str, Callable[..., Any]], Callable[[], Mapping[str, Callable[..., Any]]]]

__all__ = ["SafeScriptEnvironment", "SafeScriptEngine", "make_script_engine", "expression_error_of"]


class SafeScriptEnvironment(BasePythonScriptEngineEnvironment):
    """Script environment backed by :mod:`engine.expressions`.

    ``functions`` is either a mapping of name -> callable, or a zero-argument
    callable returning such a mapping; the latter is called on every
    evaluation so functions bound to "now" (calendar helpers) stay current.
    """

    def __init__(self, functions: FunctionsSource | None = None):
        super().__init__({})
        self._functions = functions or {}

    def functions(self) -> dict[str, Callable[..., Any]]:
        source = self._functions
        if callable(source) and not isinstance(source, Mapping):
            source = source()
        return dict(source or {})

    def _split_external(self, external_context: Mapping[str, Any] | None) -> tuple[dict, dict]:
        # Spiff passes workflow data objects here (values), and callers may pass
        # extra functions; keep the two namespaces apart.
        functions = self.functions()
        values: dict[str, Any] = {}
        for key, value in (external_context or {}).items():
            if callable(value):
                functions[key] = value
            else:
                values[key] = value
        return functions, values

    def evaluate(self, expression: str, context: dict, external_context: Mapping[str, Any] | None = None) -> Any:
        functions, values = self._split_external(external_context)
        # Task data wins over data objects, as in Spiff's TaskDataEnvironment.
        names = {**values, **context} if values else context
        return expressions.evaluate(expression, names, functions)

    def execute(self, script: str, context: dict, external_context: Mapping[str, Any] | None = None) -> bool:
        functions, values = self._split_external(external_context)
        expressions.execute(script, context, functions, defaults=values or None)
        return True

    def call_service(self, context: dict, **kwargs: Any) -> Any:
        raise NotImplementedError("Service tasks are not supported")


class SafeScriptEngine(PythonScriptEngine):
    """PythonScriptEngine that keeps the Vietnamese ExpressionError message."""

    def __init__(self, environment: SafeScriptEnvironment):
        super().__init__(environment=environment)

    # validate() is inherited on purpose: DMN uses it as a pure syntax probe
    # (expects SyntaxError); the real check happens in evaluate().

    def evaluate(self, task: Any, expression: str, external_context: Mapping[str, Any] | None = None) -> Any:
        try:
            return self.environment.evaluate(expression, task.data, external_context)
        except ExpressionError as err:
            wte = WorkflowTaskException(err.message, task=task, exception=err)
            wte.add_note(f"Biểu thức: {expression}")
            raise wte from err
        except SpiffWorkflowException as err:
            err.add_note(f"Error evaluating expression '{expression}'")
            raise
        except Exception as err:
            raise WorkflowTaskException(f"Error evaluating expression '{expression}'",
                                        task=task, exception=err) from err

    def execute(self, task: Any, script: str, external_context: Mapping[str, Any] | None = None) -> Any:
        try:
            return self.environment.execute(script, task.data, external_context or {})
        except ExpressionError as err:
            line = err.lineno or 0
            lines = script.splitlines()
            error_line = lines[line - 1] if 0 < line <= len(lines) else ""
            raise WorkflowTaskException(str(err), task=task, exception=err,
                                        line_number=line, error_line=error_line) from err
        except Exception as err:
            raise self.create_task_exec_exception(task, script, err) from err


def make_script_engine(functions: FunctionsSource | None = None) -> SafeScriptEngine:
    """Script engine for BpmnWorkflow(spec, script_engine=...)."""
    return SafeScriptEngine(environment=SafeScriptEnvironment(functions))


def expression_error_of(exc: BaseException | None) -> ExpressionError | None:
    """Find the ExpressionError behind a (possibly wrapped) workflow error."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, ExpressionError):
            return exc
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return None
