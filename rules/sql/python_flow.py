"""Intra-procedural value flow for Python: what each query reaching a SQL sink is built from.

An abstract interpreter over tree-sitter statements, run once per module body and once per
function that holds a sink candidate. It follows assignments in order (the last assignment
before the sink wins), joins the branches of `if`/`match`/`try`, runs loop bodies twice, takes
only the live branch of a condition it can decide (`if 7 * 42 - num > 200`), narrows a value
checked against an allowlist (`if col not in ALLOWED: raise`), and steps into small helpers
defined in the same file (`def build_query(...): return f"..."`). Nothing executes the code.

Python recursion is never driven by the tree's depth: every handler is a generator that yields
the sub-expressions and blocks it needs, and `run()` drives them with an explicit stack.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections import OrderedDict
from collections.abc import Callable, Generator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, ClassVar

from agentguard.rules.imports import dotted_name
from agentguard.rules.literals import literal_string
from agentguard.rules.sql import python_calls
from agentguard.rules.sql.python_sinks import Sink, classify
from agentguard.rules.sql.python_values import (
    OPAQUE,
    SAFE,
    Kind,
    Value,
    collection,
    constant,
    join,
    opaque,
    spliced,
)

if TYPE_CHECKING:
    from agentguard.rules.document import Document
    from agentguard.rules.sql.python_index import FileIndex

Node = Any  # tree_sitter.Node (kept Any so generator signatures stay readable)
Env = dict[str, Value]
Step = Generator[Any, Any, Any]

# Work limits: a pathological file is analysed partly rather than slowly.
MAX_STEPS = 200_000
MAX_CALL_DEPTH = 3
# Only small helpers are stepped into: a long function building SQL is a query builder of its own.
MAX_HELPER_LINES = 40

_NUMERIC_FORMAT_SPEC = re.compile(r"[bcdeEfFgGnoxX%]$")
_PERCENT_CONVERSION = re.compile(
    r"%(?:\((?P<key>[^)]*)\))?[#0\- +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?(?P<type>[diouxXeEfFgGcrsa%])"
)
_NUMERIC_CONVERSIONS = frozenset("diouxXeEfFgG")


class BudgetExceeded(Exception):
    """The analysis took more steps than MAX_STEPS."""


@dataclass(frozen=True)
class Reached:
    """A sink as its finding names it, and the byte span of the query argument it received."""

    label: str
    driver: str
    via: str
    start: int
    end: int

    @staticmethod
    def of(sink: Sink) -> Reached:
        """The sink's reported form (nodes do not outlive their parse; byte offsets do)."""
        return Reached(sink.label, sink.driver, sink.via, sink.query.start_byte, sink.query.end_byte)


# Where a value was observed: the byte span of the sink call (or of the argument handed to a
# same-file helper that runs it), and whether it was such an argument.
Site = tuple[int, int, bool]


@dataclass
class Observations:
    """What the sinks of a file received: per sink site, the sink and the joined query value."""

    sinks: dict[Site, tuple[Reached, Value]] = field(default_factory=dict)

    def record(self, reached: Reached, value: Value, site: Site) -> None:
        """Join one more value that reached a sink."""
        previous = self.sinks.get(site)
        self.sinks[site] = (reached, join(previous[1], value) if previous else value)

    def merge(self, other: Observations, offset: int = 0) -> None:
        """Record everything `other` observed, its byte offsets moved by `offset`."""
        for (start, end, argument), (reached, value) in other.sinks.items():
            moved = replace(reached, start=reached.start + offset, end=reached.end + offset)
            self.record(moved, value, (start + offset, end + offset, argument))


@dataclass(frozen=True)
class _ScopeResult:
    """What analysing one function observed (offsets relative to its start) and its cost."""

    observations: Observations
    steps: int


# Analyses of functions by the digest of everything they read (see FileFlow._scope_key), so an
# editor that re-checks a file on every keystroke re-analyses only the functions an edit touched.
_SCOPE_RESULTS: OrderedDict[bytes, _ScopeResult] = OrderedDict()
_SCOPE_RESULTS_KEPT = 4096


class FileFlow:
    """The flow analysis of one document: module constants, helpers, and what sinks receive."""

    def __init__(self, doc: Document, index: FileIndex) -> None:
        self.doc = doc
        self._index = index
        self.observations = Observations()
        self.module_env: Env = {}
        self._functions: dict[str, list[tuple[Node, int | None]]] | None = None
        self._call_sites: tuple[list[int], list[str]] | None = None
        self.call_stack: list[int] = []
        self.steps = 0
        self._helper_cache: dict[
            tuple[int, tuple[int, ...], tuple[Value, ...]],
            tuple[Value, tuple[tuple[Reached, Value], ...], int],
        ] = {}
        self._class_attributes: dict[tuple[int, str], tuple[Value | None, int]] = {}
        self._private_calls: dict[str, list[Node]] | None = None
        self._classes: dict[int, tuple[dict[str, Node], set[str]]] = {}
        self._numeric_options: frozenset[str] | None = None

    def analyze(self, scopes: list[Node]) -> Observations:
        """Interpret the module body, then each function in `scopes`, recording sink values."""
        try:
            self.module_env = self.run(Interpreter(self, None).body(self.doc.root, {})) or {}
            context = self._context_digest()
            for scope in scopes:
                self._analyze_scope(scope, context)
        except BudgetExceeded:
            pass
        return self.observations

    def _analyze_scope(self, scope: Node, context: bytes) -> None:
        """Interpret one function, or replay an earlier analysis of the same function in the
        same context. A function's analysis depends only on what its key covers, and costs the
        same number of steps in any order (helper results are charged when reused), so a file
        gets the same findings, budget cut-off included, whatever the cache holds."""
        key = self._scope_key(scope, context)
        cached = _SCOPE_RESULTS.get(key) if key is not None else None
        if cached is not None and self.steps + cached.steps <= MAX_STEPS:
            assert key is not None
            _SCOPE_RESULTS.move_to_end(key)
            self.steps += cached.steps
            self.observations.merge(cached.observations, scope.start_byte)
            return
        steps_before = self.steps
        outer, self.observations = self.observations, Observations()
        try:
            interpreter = Interpreter(self, scope)
            self.run(interpreter.body(_body(scope), interpreter.parameters()))
        finally:
            inner, self.observations = self.observations, outer
            self.observations.merge(inner)
        if key is not None:
            relative = Observations()
            relative.merge(inner, -scope.start_byte)
            _SCOPE_RESULTS[key] = _ScopeResult(relative, self.steps - steps_before)
            if len(_SCOPE_RESULTS) > _SCOPE_RESULTS_KEPT:
                _SCOPE_RESULTS.popitem(last=False)

    def _context_digest(self) -> bytes:
        """What every function's analysis may read from the whole file: imports, module-level
        values, argparse's numeric options."""
        imports = self.doc.imports
        context = (
            sorted(imports.bindings.items()),
            sorted({record.module for record in imports.records}),
            imports.wildcards,
            sorted(self.module_env.items()),
            sorted(self.numeric_options()),
        )
        return hashlib.blake2b(repr(context).encode(), digest_size=16).digest()

    def _scope_key(self, scope: Node, context: bytes) -> bytes | None:
        """The digest of everything analysing `scope` reads, or None if it cannot be cached.

        The function's text with its decorators and indentation; the file-wide context; the
        constant arguments its callers pass; the class it belongs to (its constant attributes);
        and the text of every same-file function it may step into, to the depth helpers are
        followed. A subtree with a syntax error is never cached: its parse depends on context.
        """
        outer = _with_decorators(scope)
        if outer.has_error:
            return None
        source = self.doc.source
        digest = hashlib.blake2b(context, digest_size=16)
        digest.update(b"%d:" % outer.start_point[1])
        digest.update(source[outer.start_byte : outer.end_byte])
        digest.update(repr(sorted(self.constant_parameters(scope))).encode())
        spans = [(outer.start_byte, outer.end_byte)]
        owner = _class_of(scope)
        if owner is not None:
            assigned, rebound = self._class_members(owner)
            members = sorted((name, self.doc.node_text(value)) for name, value in assigned.items())
            digest.update(repr((members, sorted(rebound))).encode())
            spans.extend((value.start_byte, value.end_byte) for value in assigned.values())
        seen: set[str] = set()
        for _ in range(MAX_CALL_DEPTH + 1):
            names = set().union(*(self._called_between(start, end) for start, end in spans)) - seen
            if not names:
                break
            seen |= names
            spans = []
            for name in sorted(names):
                for definition, _ in self._definitions()[name]:
                    whole = _with_decorators(definition)
                    digest.update(b"\0%d:" % whole.start_point[1] + source[whole.start_byte : whole.end_byte])
                    spans.append((whole.start_byte, whole.end_byte))
        return digest.digest()

    def run(self, task: Step) -> Any:
        """Drive a generator-based task to completion with an explicit stack (no recursion)."""
        stack: list[Step] = [task]
        result: Any = None
        while stack:
            self.steps += 1
            if self.steps > MAX_STEPS:
                raise BudgetExceeded
            try:
                request = stack[-1].send(result)
            except StopIteration as done:
                stack.pop()
                result = done.value
                continue
            if isinstance(request, Generator):
                stack.append(request)
                result = None
            else:
                result = request
        return result

    def call_helper(self, name: str, call: python_calls.Call, owner: Node | None) -> Value | None:
        """The joined return value of the same-file functions called `name`, or None if none.

        `owner` is the class whose method `self.name(...)` calls, None for a plain function call.
        When a query built by the caller reaches a sink inside the helper, the finding goes to
        the caller's argument: that is where the SQL is built.
        """
        owner_id = owner.id if owner is not None else None
        candidates = [
            definition
            for definition, defined_in in self._definitions().get(name, [])
            if defined_in == owner_id
        ]
        definitions = [
            definition
            for definition in candidates
            if definition.end_point[0] - definition.start_point[0] <= MAX_HELPER_LINES
        ]
        if candidates and not definitions:
            # A large function of this file that assembles SQL (a query builder, Django's schema
            # editor) is checked where it runs a query; its result is the program's own SQL.
            return SAFE
        if not definitions or len(self.call_stack) >= MAX_CALL_DEPTH:
            return None
        value: Value | None = None
        for definition in definitions[:3]:
            if definition.id in self.call_stack:
                return None
            # Keyed by the call stack too: how deep the helper may step depends on it.
            key = (definition.id, tuple(self.call_stack), (*call.positional, *call.keywords.values()))
            cached = self._helper_cache.get(key)
            if cached is None:
                steps_before = self.steps
                returned, sinks = self._interpret_helper(definition, call.positional, call.keywords)
                self._helper_cache[key] = (returned, sinks, self.steps - steps_before)
            else:
                returned, sinks, steps = cached
                self._charge(steps)
            value = join(value, returned)
            self._report_at_call(name, call, sinks)
        return value

    def _charge(self, steps: int) -> None:
        """Count the steps of an analysis reused from this run's caches, as if it ran again."""
        self.steps += steps
        if self.steps > MAX_STEPS:
            raise BudgetExceeded

    def _report_at_call(
        self, name: str, call: python_calls.Call, sinks: tuple[tuple[Reached, Value], ...]
    ) -> None:
        argument = _built_argument(call)
        if argument is None:
            return
        node, value = argument
        for reached, _ in sinks:
            derived = Reached(reached.label, reached.driver, f"{name}()", node.start_byte, node.end_byte)
            self.observations.record(derived, value, (node.start_byte, node.end_byte, True))

    def _interpret_helper(
        self, definition: Node, arguments: list[Value], keywords: dict[str, Value]
    ) -> tuple[Value, tuple[tuple[Reached, Value], ...]]:
        interpreter = Interpreter(self, definition)
        env = interpreter.parameters(arguments, keywords)
        outer, self.observations = self.observations, Observations()
        self.call_stack.append(definition.id)
        try:
            self.run(interpreter.body(_body(definition), env))
        finally:
            self.call_stack.pop()
            inner, self.observations = self.observations, outer
        built = tuple(pair for pair in inner.sinks.values() if pair[1].kind == Kind.BUILT)
        value: Value | None = None
        for returned in interpreter.returns:
            value = join(value, returned)
        return (value or constant(None)), built

    def numeric_options(self) -> frozenset[str]:
        """Command-line options argparse converts to numbers (`add_argument("--days", type=int)`).

        `args.days` is then an int whatever the user typed, so splicing it adds no SQL.
        """
        if self._numeric_options is None:
            names: set[str] = set()
            for match in _ADD_ARGUMENT.finditer(self.doc.text):
                body = match.group("body")
                if _NUMERIC_TYPE.search(body):
                    dest = _OPTION_DEST.search(body) or _OPTION_NAME.search(body)
                    if dest is not None:
                        names.add(dest.group(1).replace("-", "_"))
            self._numeric_options = frozenset(names)
        return self._numeric_options

    def constant_parameters(self, function: Node) -> set[str]:
        """Parameters of a private function that every call in this file passes a literal.

        `def _drop(table): ...` called only as `_drop("tmp_users")` cannot receive outside data;
        a public function can be called from anywhere, so its parameters stay unknown.
        """
        name_node = function.child_by_field_name("name")
        name = self.doc.node_text(name_node) if name_node is not None else ""
        if not name.startswith("_") or name.startswith("__"):
            return set()
        if self._private_calls is None:
            self._private_calls = {}
            for call in self._index.private_calls:
                self._private_calls.setdefault(_called_name(self.doc, call), []).append(call)
        calls = self._private_calls.get(name, [])
        if not calls:
            return set()
        names = _parameter_names(self.doc, function)
        constant_names = set(names)
        for call in calls:
            constant_names &= _literal_arguments(self.doc, call, names)
        return constant_names

    def class_attribute(self, node: Node, name: str) -> Value | None:
        """`self.name` inside a class whose body assigns `name` a constant and no method rebinds it."""
        owner = _class_of(node)
        if owner is None:
            return None
        key = (owner.id, name)
        cached = self._class_attributes.get(key)
        if cached is not None:
            self._charge(cached[1])
            return cached[0]
        assigned, rebound = self._class_members(owner)
        right = assigned.get(name)
        value = None
        steps_before = self.steps
        if right is not None and name not in rebound:
            # Evaluated the same way whichever function asks first: no helper call in progress,
            # and sinks in a class body are not a function's to report.
            stack, self.call_stack = self.call_stack, []
            observations, self.observations = self.observations, Observations()
            try:
                value = self.run(_as_task(Interpreter(self, None).expression(right, {})))
            finally:
                self.call_stack, self.observations = stack, observations
        safe = value if value is not None and value.kind == Kind.SAFE else None
        self._class_attributes[key] = (safe, self.steps - steps_before)
        return safe

    def _class_members(self, owner: Node) -> tuple[dict[str, Node], set[str]]:
        """A class body's `name = value` assignments, and the names methods assign on `self`."""
        cached = self._classes.get(owner.id)
        if cached is not None:
            return cached
        assigned: dict[str, Node] = {}
        body = owner.child_by_field_name("body")
        for statement in body.named_children if body is not None else ():
            assignment = statement.named_children[0] if statement.named_children else None
            if (
                statement.type != "expression_statement"
                or assignment is None
                or assignment.type != "assignment"
            ):
                continue
            left = assignment.child_by_field_name("left")
            right = assignment.child_by_field_name("right")
            if left is not None and right is not None and left.type == "identifier":
                assigned[self.doc.node_text(left)] = right
        rebound = {
            self.doc.node_text(target).split(".", 1)[-1]
            for target in self.doc.captures(_SELF_ASSIGNMENT, owner).get("target", [])
        }
        self._classes[owner.id] = (assigned, rebound)
        return assigned, rebound

    def _called_between(self, start: int, end: int) -> set[str]:
        """The names of this file's functions called (by name, `f(` or `x.f(`) in a byte span."""
        offsets, names = self._definition_calls()
        return set(names[bisect.bisect_left(offsets, start) : bisect.bisect_left(offsets, end)])

    def _definition_calls(self) -> tuple[list[int], list[str]]:
        """Where the file calls one of its own functions by name: offsets and names, in order."""
        if self._call_sites is None:
            defined = {name.encode() for name in self._definitions()}
            offsets: list[int] = []
            names: list[str] = []
            for match in _CALLED_NAME.finditer(self.doc.source):
                if match.group(1) in defined:
                    offsets.append(match.start())
                    names.append(match.group(1).decode())
            self._call_sites = (offsets, names)
        return self._call_sites

    def scopes(self, calls: list[Node]) -> list[Node]:
        """The functions to analyse: those holding a sink call, and their callers in the file.

        Callers matter because a query built in a caller may reach the sink through a small
        helper (`run_query(f"...")`); two rounds of callers cover helpers of helpers.
        """
        found: dict[int, Node] = {}
        frontier = [function for function in map(_enclosing_function, calls) if function is not None]
        for _ in range(3):
            fresh = {function.id: function for function in frontier if function.id not in found}
            found.update(fresh)
            frontier = self._callers(list(fresh.values()))
        return list(found.values())

    def _callers(self, functions: list[Node]) -> list[Node]:
        """Functions in the file that call one of the small `functions` by name."""
        callees: dict[str, list[Node]] = {}
        for function in functions:
            name = function.child_by_field_name("name")
            if name is not None and function.end_point[0] - function.start_point[0] <= MAX_HELPER_LINES:
                callees.setdefault(self.doc.node_text(name), []).append(function)
        callers: list[Node] = []
        for offset, name in zip(*self._definition_calls(), strict=True):
            if name not in callees:
                continue
            node = self.doc.root.descendant_for_byte_range(offset, offset)
            caller = _enclosing_function(node) if node is not None else None
            if caller is not None and all(caller.id != callee.id for callee in callees[name]):
                callers.append(caller)
        return callers

    def _definitions(self) -> dict[str, list[tuple[Node, int | None]]]:
        """Every function in the file by name, with the class it is a method of (queried once)."""
        if self._functions is None:
            self._functions = {}
            for node in self._index.definitions:
                name = node.child_by_field_name("name")
                if name is not None:
                    owner = python_calls.enclosing_class(node)
                    self._functions.setdefault(self.doc.node_text(name), []).append(
                        (node, owner.id if owner is not None else None)
                    )
        return self._functions


class Interpreter:
    """Interprets one function body (or the module body) over abstract values."""

    def __init__(self, flow: FileFlow, function: Node | None) -> None:
        self.flow = flow
        self.doc = flow.doc
        self.function = function
        self.returns: list[Value] = []
        self.loop_exits: list[list[Env]] = []

    # ---- scopes -------------------------------------------------------------------------------

    def parameters(
        self, arguments: list[Value] | None = None, keywords: dict[str, Value] | None = None
    ) -> Env:
        """The entry environment: each parameter bound to its argument's value, or opaque."""
        env: Env = {}
        if self.function is None:
            return env
        parameters = self.function.child_by_field_name("parameters")
        positional = list(arguments or [])
        constants = self.flow.constant_parameters(self.function) if arguments is None else set()
        handler = _is_request_handler(self.doc, self.function)
        for parameter in parameters.named_children if parameters is not None else ():
            name, annotation = _parameter_name(self.doc, parameter)
            if not name or name in {"self", "cls"}:
                continue
            if keywords and name in keywords:
                env[name] = keywords[name]
            elif arguments is not None and positional and parameter.type not in _SPLAT_PARAMETERS:
                env[name] = positional.pop(0)
            elif name in constants:
                env[name] = SAFE
            else:
                value = python_calls.parameter_value(name, annotation)
                opaque_text = value.kind == Kind.OPAQUE and not value.driver
                env[name] = replace(value, parameter=True) if opaque_text and not handler else value
        return env

    def lookup(self, name: str, env: Env) -> Value | None:
        """A name's value in the function, then at module level."""
        value = env.get(name)
        if value is None and self.function is not None:
            value = self.flow.module_env.get(name)
        return value

    # ---- statements ---------------------------------------------------------------------------

    def body(self, block: Node, env: Env) -> Step:
        """Run a block's statements in order; the environment after it (None: unreachable)."""
        current: Env | None = env
        for statement in block.named_children:
            if current is None:
                break
            handler = self._STATEMENTS.get(statement.type)
            if handler is not None:
                current = yield handler(self, statement, current)
        return current

    def _expression_statement(self, statement: Node, env: Env) -> Step:
        for child in statement.named_children:
            yield self.expression(child, env)
            if _never_returns(self.doc, child):
                return None
        return env

    def _return(self, statement: Node, env: Env) -> Step:
        value = constant(None)
        for child in statement.named_children:
            value = yield self.expression(child, env)
        self.returns.append(value)
        return None

    def _raise(self, statement: Node, env: Env) -> Step:
        for child in statement.named_children:
            yield self.expression(child, env)
        return None

    def _loop_jump(self, statement: Node, env: Env) -> Step:
        if self.loop_exits:
            self.loop_exits[-1].append(env)
        return None
        yield  # a generator like every handler

    def _if(self, statement: Node, env: Env) -> Step:
        outcomes: list[Env | None] = []
        current: Env | None = env
        clauses = [(statement.child_by_field_name("condition"), statement.child_by_field_name("consequence"))]
        otherwise: Node | None = None
        for alternative in statement.children_by_field_name("alternative"):
            if alternative.type == "elif_clause":
                clauses.append(
                    (
                        alternative.child_by_field_name("condition"),
                        alternative.child_by_field_name("consequence"),
                    )
                )
            else:
                otherwise = alternative.child_by_field_name("body")
        for condition, consequence in clauses:
            if current is None or condition is None or consequence is None:
                break
            verdict: Value = yield self.expression(condition, current)
            when_true, when_false = self._narrow(condition, current)
            if not (verdict.known and not verdict.constant):
                outcomes.append((yield self.body(consequence, when_true)))
            current = None if verdict.known and verdict.constant else when_false
        if current is not None:
            outcomes.append((yield self.body(otherwise, dict(current))) if otherwise is not None else current)
        return _join_envs(outcomes)

    def _assert(self, statement: Node, env: Env) -> Step:
        condition = statement.named_children[0] if statement.named_children else None
        if condition is None:
            return env
        yield self.expression(condition, env)
        return self._narrow(condition, env)[0]

    def _for(self, statement: Node, env: Env) -> Step:
        target = statement.child_by_field_name("left")
        iterable = statement.child_by_field_name("right")
        block = statement.child_by_field_name("body")
        if target is None or iterable is None or block is None:
            return env
        source: Value = yield self.expression(iterable, env)
        item = _item_of(source, self.doc.node_text(iterable))
        result = yield self._loop(block, env, lambda scope: self.bind(target, item, scope))
        alternative = statement.child_by_field_name("alternative")
        if alternative is not None and result is not None:
            result = yield self.body(alternative.child_by_field_name("body") or alternative, result)
        return result

    def _while(self, statement: Node, env: Env) -> Step:
        condition = statement.child_by_field_name("condition")
        block = statement.child_by_field_name("body")
        if condition is None or block is None:
            return env
        verdict: Value = yield self.expression(condition, env)
        if verdict.known and not verdict.constant:
            return env
        return (yield self._loop(block, env, lambda scope: self._narrow(condition, scope)[0]))

    def _loop(self, block: Node, env: Env, enter: Callable[[Env], Env | None]) -> Step:
        """Run a loop body twice (enough for these values to settle); join every way out."""
        self.loop_exits.append([])
        merged: Env | None = env
        for _ in range(2):
            scope = enter(dict(merged or env)) or dict(merged or env)
            after = yield self.body(block, scope)
            merged = _join_envs([merged, after, *self.loop_exits[-1]])
        exits = self.loop_exits.pop()
        return _join_envs([merged, *exits])

    def _try(self, statement: Node, env: Env) -> Step:
        block = statement.child_by_field_name("body")
        after_body: Env | None = (yield self.body(block, dict(env))) if block is not None else env
        outcomes: list[Env | None] = []
        final: Node | None = None
        handler_entry = _join_envs([env, after_body]) or env
        for clause in statement.named_children:
            if clause.type in {"except_clause", "except_group_clause"}:
                scope = dict(handler_entry)
                alias = _except_alias(clause)
                if alias is not None:
                    scope[self.doc.node_text(alias)] = opaque(self.doc.node_text(alias))
                outcomes.append((yield self.body(_last_block(clause), scope)))
            elif clause.type == "else_clause" and after_body is not None:
                after_body = yield self.body(clause.child_by_field_name("body") or clause, after_body)
            elif clause.type == "finally_clause":
                final = _last_block(clause)
        outcomes.append(after_body)
        result = _join_envs(outcomes)
        if final is not None:
            finished = yield self.body(final, dict(result or handler_entry))
            result = finished if result is not None else None
        return result

    def _with(self, statement: Node, env: Env) -> Step:
        scope = dict(env)
        for clause in statement.named_children:
            if clause.type != "with_clause":
                continue
            for item in clause.named_children:
                value_node = item.child_by_field_name("value")
                if value_node is None:
                    continue
                if value_node.type == "as_pattern":
                    source = value_node.named_children[0]
                    alias = value_node.child_by_field_name("alias")
                    value = yield self.expression(source, scope)
                    if alias is not None and alias.named_children:
                        self.bind(alias.named_children[0], python_calls.entered(value), scope)
                else:
                    yield self.expression(value_node, scope)
        block = statement.child_by_field_name("body")
        return (yield self.body(block, scope)) if block is not None else scope

    def _match(self, statement: Node, env: Env) -> Step:
        subject_node = statement.child_by_field_name("subject")
        block = statement.child_by_field_name("body")
        if subject_node is None or block is None:
            return env
        subject: Value = yield self.expression(subject_node, env)
        outcomes: list[Env | None] = []
        exhausted = False
        for case in block.named_children:
            if case.type != "case_clause":
                continue
            verdict = _case_matches(self.doc, case, subject)
            if verdict is False:
                continue
            consequence = case.child_by_field_name("consequence")
            if consequence is not None:
                outcomes.append((yield self.body(consequence, dict(env))))
            if verdict is True:
                exhausted = True
                break
        if not exhausted:
            outcomes.append(env)
        return _join_envs(outcomes)

    def _definition(self, statement: Node, env: Env) -> Step:
        # Nested functions and classes run later, if ever: their bodies are analysed on their own.
        return env
        yield  # a generator like every handler

    _STATEMENTS: ClassVar[dict[str, Callable[[Interpreter, Node, Env], Step]]] = {
        "expression_statement": _expression_statement,
        "return_statement": _return,
        "raise_statement": _raise,
        "break_statement": _loop_jump,
        "continue_statement": _loop_jump,
        "if_statement": _if,
        "assert_statement": _assert,
        "for_statement": _for,
        "while_statement": _while,
        "try_statement": _try,
        "with_statement": _with,
        "match_statement": _match,
        "function_definition": _definition,
        "class_definition": _definition,
        "decorated_definition": _definition,
    }

    # ---- binding ------------------------------------------------------------------------------

    def bind(self, target: Node, value: Value, env: Env) -> Env:
        """Assign `value` to an assignment target (names, attributes, subscripts, unpacking)."""
        stack = [(target, value)]
        while stack:
            node, current = stack.pop()
            if node.type in {"identifier", "attribute"}:
                key = dotted_name(self.doc, node)
                if key is not None:
                    env[key] = current
            elif node.type == "subscript":
                self._bind_item(node, current, env)
            elif node.type in {"pattern_list", "tuple_pattern", "list_pattern", "tuple", "list"}:
                children = node.named_children
                known = current.constant if isinstance(current.constant, (tuple, list)) else None
                for index, child in enumerate(children):
                    if known is not None and len(known) == len(children):
                        stack.append((child, constant(known[index])))
                    elif current.parts is not None and len(current.parts) == len(children):
                        stack.append((child, current.parts[index]))
                    else:
                        stack.append((child, _item_of(current, "")))
            elif node.type in {"list_splat_pattern", "parenthesized_expression", "as_pattern_target"}:
                for child in node.named_children:
                    stack.append(
                        (child, current if node.type != "list_splat_pattern" else collection([current]))
                    )
        return env

    def _bind_item(self, node: Node, value: Value, env: Env) -> None:
        container = node.child_by_field_name("value")
        key = dotted_name(self.doc, container) if container is not None else None
        if key is None:
            return
        existing = self.lookup(key, env) or collection([])
        index_node = node.child_by_field_name("subscript")
        index = literal_string(self.doc, index_node) if index_node is not None else None
        env[key] = python_calls.with_item(existing, index, value)

    def _assign(self, node: Node, env: Env) -> Step:
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        if right is None:
            annotation = node.child_by_field_name("type")
            if left is not None and annotation is not None:
                env[self.doc.node_text(left)] = python_calls.parameter_value(
                    self.doc.node_text(left), self.doc.node_text(annotation)
                )
            return constant(None)
        if left is not None and right.type in {"expression_list", "tuple"} and left.type in _UNPACKING:
            targets, sources = left.named_children, right.named_children
            if len(targets) == len(sources):
                values = []
                for source in sources:
                    values.append((yield self.expression(source, env)))
                for target, value in zip(targets, values, strict=True):
                    self.bind(target, value, env)
                return collection(values)
        value = yield self.expression(right, env)
        if left is not None:
            self.bind(left, value, env)
        return value

    def _augmented(self, node: Node, env: Env) -> Step:
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        operator = node.child_by_field_name("operator")
        if left is None or right is None or operator is None:
            return OPAQUE
        current = yield self.expression(left, env)
        addition = yield self.expression(right, env)
        symbol = self.doc.node_text(operator).removesuffix("=")
        value = python_calls.binary(symbol, current, addition, right_text=self.doc.node_text(right))
        self.bind(left, value, env)
        return value

    # ---- expressions --------------------------------------------------------------------------

    def expression(self, node: Node, env: Env) -> Value | Step:
        """The value of an expression: a Value at once for leaves, a task for the rest."""
        kind = node.type
        if kind in {"string", "concatenated_string"}:
            text = literal_string(self.doc, node)
            if text is not None:
                return constant(text)
            return self._string(node, env)
        if kind == "identifier":
            return self._name(self.doc.node_text(node), env)
        if kind in {"integer", "float"}:
            return _number(self.doc.node_text(node))
        if kind in {"true", "false", "none"}:
            return constant({"true": True, "false": False, "none": None}[kind])
        handler = self._EXPRESSIONS.get(kind)
        if handler is not None:
            return handler(self, node, env)
        return opaque(_short(self.doc.node_text(node)))

    def _name(self, name: str, env: Env) -> Value:
        value = self.lookup(name, env)
        if value is None:
            return python_calls.free_name(self.doc, name)
        if value.kind == Kind.OPAQUE and not value.driver:
            return value.named(name)
        return value

    def _attribute(self, node: Node, env: Env) -> Step:
        key = dotted_name(self.doc, node)
        if key is not None:
            known = self.lookup(key, env)
            if known is not None:
                return known.named(key) if known.kind == Kind.OPAQUE and not known.driver else known
        target = node.child_by_field_name("object")
        attribute = node.child_by_field_name("attribute")
        owner: Value = (yield self.expression(target, env)) if target is not None else OPAQUE
        name = self.doc.node_text(attribute) if attribute is not None else ""
        return python_calls.attribute(self.doc, node, owner, name, self)

    def _string(self, node: Node, env: Env) -> Step:
        """An f-string (or implicit concatenation holding one): splice each field's value."""
        pieces: list[tuple[Value, str]] = []
        before: list[str] = []
        parts = node.named_children if node.type == "concatenated_string" else [node]
        for part in parts:
            for child in part.children:
                if child.type in {"string_content", "escape_sequence"}:
                    before.append(self.doc.node_text(child))
                elif child.type == "interpolation":
                    expression = child.child_by_field_name("expression")
                    value: Value = (
                        (yield self.expression(expression, env)) if expression is not None else SAFE
                    )
                    spec = child.child_by_field_name("format_specifier")
                    if spec is not None and _NUMERIC_FORMAT_SPEC.search(self.doc.node_text(spec)):
                        value = SAFE
                    pieces.append((value, "".join(before)))
                    before = []
        return spliced(pieces, "an f-string")

    def _binary(self, node: Node, env: Env) -> Step:
        left_node = node.child_by_field_name("left")
        right_node = node.child_by_field_name("right")
        operator = node.child_by_field_name("operator")
        left: Value = yield self.expression(left_node, env)
        symbol = self.doc.node_text(operator) if operator is not None else ""
        if symbol == "%" and isinstance(left.constant, str) and right_node is not None:
            return (yield self._percent_format(left.constant, right_node, env))
        right: Value = yield self.expression(right_node, env)
        return python_calls.binary(symbol, left, right, right_text=self.doc.node_text(right_node))

    def _percent_format(self, template: str, right_node: Node, env: Env) -> Step:
        """`"... %s ..." % args`: each conversion takes its argument; `%d` and friends are safe."""
        conversions = [m for m in _PERCENT_CONVERSION.finditer(template) if m.group("type") != "%"]
        mapping = right_node.type == "dictionary" or any(m.group("key") for m in conversions)
        arguments: list[Value] = []
        if right_node.type == "tuple" and not mapping:
            for child in right_node.named_children:
                arguments.append((yield self.expression(child, env)))
        whole: Value = (yield self.expression(right_node, env)) if not arguments else SAFE
        pieces: list[tuple[Value, str]] = []
        for index, match in enumerate(conversions):
            if match.group("type") in _NUMERIC_CONVERSIONS:
                continue
            if arguments:
                value = arguments[index] if index < len(arguments) else SAFE
            elif mapping:
                value = python_calls.entry(whole, match.group("key"))
                if value.kind == Kind.OPAQUE and not value.origin:
                    value = replace(value, origin=f"{whole.origin or 'mapping'}[{match.group('key')!r}]")
            else:
                value = whole if len(conversions) == 1 else _item_of(whole, whole.origin)
            pieces.append((value, template[: match.start()]))
        return spliced(pieces, "`%` formatting")

    def _call(self, node: Node, env: Env) -> Step:
        function = node.child_by_field_name("function")
        receiver: Value | None = None
        if function is not None and function.type == "attribute":
            target = function.child_by_field_name("object")
            if target is not None:
                receiver = yield self.expression(target, env)
        positional: list[Value] = []
        keywords: dict[str, Value] = {}
        arguments = node.child_by_field_name("arguments")
        for argument in arguments.named_children if arguments is not None else ():
            if argument.type == "keyword_argument":
                name = argument.child_by_field_name("name")
                value_node = argument.child_by_field_name("value")
                if name is not None and value_node is not None:
                    keywords[self.doc.node_text(name)] = yield self.expression(value_node, env)
            elif argument.type in {"list_splat", "dictionary_splat"}:
                inner = argument.named_children[0] if argument.named_children else None
                if inner is not None:
                    positional.append(
                        _item_of((yield self.expression(inner, env)), self.doc.node_text(inner))
                    )
            elif argument.type != "comment":
                positional.append((yield self.expression(argument, env)))
        self._observe(node, receiver, positional, keywords)
        call = python_calls.Call(self.doc, node, function, receiver, positional, keywords, env)
        result = python_calls.evaluate(call, self)
        if isinstance(result, Generator):
            result = yield result
        return result

    def _observe(
        self, node: Node, receiver: Value | None, positional: list[Value], keywords: dict[str, Value]
    ) -> None:
        sink = classify(self.doc, node, receiver)
        if sink is None:
            return
        value = _argument_value(self.doc, node, sink, positional, keywords)
        clause = _whole_clause(self.doc, node, sink)
        if value is not None and clause and value.kind == Kind.OPAQUE and not value.parameter:
            origin = value.origin or _short(self.doc.node_text(sink.query))
            value = Value(
                Kind.BUILT,
                origin=origin,
                shape=f"a whole `{clause}()` clause",
                identifier=clause in _IDENTIFIER_CLAUSES,
            )
        if value is not None:
            if sink.items:
                value = _item_of(value, value.origin)
            elif value.element is not None:
                return  # a list or dict is not a query (a batch API's argument, a misuse)
            self.flow.observations.record(Reached.of(sink), value, (node.start_byte, node.end_byte, False))

    def _subscript(self, node: Node, env: Env) -> Step:
        container_node = node.child_by_field_name("value")
        index_node = node.child_by_field_name("subscript")
        container: Value = yield self.expression(container_node, env)
        index: Value = (yield self.expression(index_node, env)) if index_node is not None else OPAQUE
        return python_calls.subscript(container, index, _short(self.doc.node_text(node)))

    def _slice(self, node: Node, env: Env) -> Step:
        for child in node.named_children:
            yield self.expression(child, env)
        return OPAQUE

    def _sequence(self, node: Node, env: Env) -> Step:
        items: list[Value] = []
        for child in node.named_children:
            value = yield self.expression(child, env)
            items.append(
                _item_of(value, value.origin) if child.type in {"list_splat", "dictionary_splat"} else value
            )
        result = collection(items, ordered=node.type in {"tuple", "expression_list"})
        if all(item.known for item in items):
            return replace(result, constant=tuple(item.constant for item in items))
        return result

    def _dictionary(self, node: Node, env: Env) -> Step:
        keys: list[object] = []
        values: list[Value] = []
        exact = True
        for child in node.named_children:
            if child.type != "pair":
                exact = False
                if child.named_children:
                    values.append((yield self.expression(child.named_children[0], env)).items())
                continue
            key: Value = yield self.expression(child.child_by_field_name("key"), env)
            values.append((yield self.expression(child.child_by_field_name("value"), env)))
            exact = exact and key.known
            keys.append(key.constant)
        return collection(values, keys if exact else None)

    def _comprehension(self, node: Node, env: Env) -> Step:
        scope = dict(env)
        for clause in node.named_children:
            if clause.type == "for_in_clause":
                target = clause.child_by_field_name("left")
                source_node = clause.child_by_field_name("right")
                source: Value = yield self.expression(source_node, scope)
                if target is not None:
                    self.bind(target, _item_of(source, self.doc.node_text(source_node)), scope)
            elif clause.type == "if_clause" and clause.named_children:
                yield self.expression(clause.named_children[0], scope)
                scope = self._narrow(clause.named_children[0], scope)[0]
        body = node.child_by_field_name("body")
        if body is None:
            return collection([])
        if body.type == "pair":
            value = yield self.expression(body.child_by_field_name("value"), scope)
            return collection([value])
        return collection([(yield self.expression(body, scope))])

    def _conditional(self, node: Node, env: Env) -> Step:
        chosen, condition, alternative = [*node.named_children, None, None, None][:3]
        verdict: Value = yield self.expression(condition, env)
        when_true, when_false = self._narrow(condition, env)
        if verdict.known:
            return (yield self.expression(chosen if verdict.constant else alternative, env))
        first = yield self.expression(chosen, when_true)
        second = yield self.expression(alternative, when_false)
        return join(first, second)

    def _boolean(self, node: Node, env: Env) -> Step:
        left: Value = yield self.expression(node.child_by_field_name("left"), env)
        operator = node.child_by_field_name("operator")
        is_and = operator is not None and self.doc.node_text(operator) == "and"
        if left.known and bool(left.constant) != is_and:
            return left
        right: Value = yield self.expression(node.child_by_field_name("right"), env)
        if left.known:
            return right
        return join(left, right)

    def _compare(self, node: Node, env: Env) -> Step:
        values: list[Value] = []
        for child in node.named_children:
            values.append((yield self.expression(child, env)))
        operators = [self.doc.node_text(op) for op in node.children_by_field_name("operators")]
        return python_calls.compare(values, operators)

    def _unary(self, node: Node, env: Env) -> Step:
        argument = node.child_by_field_name("argument")
        value: Value = yield self.expression(argument, env)
        operator = node.child_by_field_name("operator")
        symbol = "not" if node.type == "not_operator" else self.doc.node_text(operator) if operator else ""
        return python_calls.unary(symbol, value)

    def _inner(self, node: Node, env: Env) -> Step:
        value: Value = SAFE
        for child in node.named_children:
            value = yield self.expression(child, env)
        return value

    def _lambda(self, node: Node, env: Env) -> Step:
        """A lambda's body runs later, with its parameters unknown: sinks inside still count."""
        scope = dict(env)
        parameters = node.child_by_field_name("parameters")
        for parameter in parameters.named_children if parameters is not None else ():
            name, _ = _parameter_name(self.doc, parameter)
            if name:
                scope[name] = opaque(name)
        body = node.child_by_field_name("body")
        if body is not None:
            yield self.expression(body, scope)
        return opaque(_short(self.doc.node_text(node)))

    def _assignment_expression(self, node: Node, env: Env) -> Step:
        name = node.child_by_field_name("name")
        value: Value = yield self.expression(node.child_by_field_name("value"), env)
        if name is not None:
            env[self.doc.node_text(name)] = value
        return value

    _EXPRESSIONS: ClassVar[dict[str, Callable[[Interpreter, Node, Env], Step]]] = {
        "attribute": _attribute,
        "binary_operator": _binary,
        "call": _call,
        "subscript": _subscript,
        "slice": _slice,
        "list": _sequence,
        "tuple": _sequence,
        "set": _sequence,
        "expression_list": _sequence,
        "dictionary": _dictionary,
        "list_comprehension": _comprehension,
        "set_comprehension": _comprehension,
        "generator_expression": _comprehension,
        "dictionary_comprehension": _comprehension,
        "conditional_expression": _conditional,
        "boolean_operator": _boolean,
        "comparison_operator": _compare,
        "not_operator": _unary,
        "unary_operator": _unary,
        "parenthesized_expression": _inner,
        "await": _inner,
        "list_splat": _inner,
        "dictionary_splat": _inner,
        "assignment": _assign,
        "augmented_assignment": _augmented,
        "named_expression": _assignment_expression,
        "lambda": _lambda,
    }

    # ---- narrowing ----------------------------------------------------------------------------

    def _narrow(self, condition: Node, env: Env) -> tuple[Env, Env]:
        """The environments where `condition` is true and false, with allowlist checks applied."""
        when_true, when_false = dict(env), dict(env)
        for name, holds in python_calls.checked_names(self.doc, condition, self.lookup_for(env)):
            (when_true if holds else when_false)[name] = SAFE
        return when_true, when_false

    def lookup_for(self, env: Env) -> Callable[[str], Value | None]:
        """A name lookup bound to `env`."""
        return lambda name: self.lookup(name, env)


_SELF_ASSIGNMENT = """
(assignment left: (attribute object: (identifier) @self) @target (#any-of? @self "self" "cls"))
(augmented_assignment left: (attribute object: (identifier) @self) @target (#any-of? @self "self" "cls"))
"""
_ADD_ARGUMENT = re.compile(r"add_argument\((?P<body>[^()]*(?:\([^()]*\)[^()]*)*)\)")
_NUMERIC_TYPE = re.compile(r"\btype\s*=\s*(?:int|float)\b")
_OPTION_DEST = re.compile(r"\bdest\s*=\s*[\"'](\w+)[\"']")
_OPTION_NAME = re.compile(r"[\"'](?:--|(?=[A-Za-z_]))([A-Za-z_][\w-]*)[\"']")
# Query methods whose argument is a whole SQL clause; for the first two, a column name.
_CLAUSE_METHODS = frozenset({"order_by", "group_by", "where", "filter", "having"})
_IDENTIFIER_CLAUSES = frozenset({"order_by", "group_by"})
_ROUTE_DECORATOR = re.compile(
    r"^@[\w.]*\.(route|get|post|put|patch|delete|api_route|websocket)\s*\(|^@(api_view|action|view_config)\b"
)
_REQUEST_PARAMETERS = frozenset({"request", "req", "event"})
_SPLAT_PARAMETERS = frozenset({"list_splat_pattern", "dictionary_splat_pattern"})
_UNPACKING = frozenset({"pattern_list", "tuple_pattern", "list_pattern", "tuple"})


_LITERAL_ARGUMENT_TYPES = frozenset(
    {"string", "concatenated_string", "integer", "float", "true", "false", "none"}
)


def _called_name(doc: Document, call: Node) -> str:
    function = call.child_by_field_name("function")
    if function is not None and function.type == "attribute":
        function = function.child_by_field_name("attribute")
    return doc.node_text(function) if function is not None else ""


def _parameter_names(doc: Document, function: Node) -> list[str]:
    parameters = function.child_by_field_name("parameters")
    names = [_parameter_name(doc, parameter)[0] for parameter in parameters.named_children if parameters]
    return [name for name in names if name and name not in {"self", "cls"}]


def _literal_arguments(doc: Document, call: Node, names: list[str]) -> set[str]:
    """The parameters this call passes a literal (or an UPPER_CASE constant) to."""
    arguments = call.child_by_field_name("arguments")
    literal: set[str] = set()
    index = 0
    for argument in arguments.named_children if arguments is not None else ():
        if argument.type == "keyword_argument":
            name = argument.child_by_field_name("name")
            value = argument.child_by_field_name("value")
            if name is not None and value is not None and _is_literal(doc, value):
                literal.add(doc.node_text(name))
            continue
        if argument.type in {"list_splat", "dictionary_splat"}:
            return literal
        if index < len(names) and _is_literal(doc, argument):
            literal.add(names[index])
        index += 1
    # Parameters left to their defaults get the default, a literal in the signature or not.
    return literal | set(names[index:]) - {
        doc.node_text(a.child_by_field_name("name")) for a in _keywords(arguments)
    }


def _keywords(arguments: Node | None) -> list[Node]:
    if arguments is None:
        return []
    return [argument for argument in arguments.named_children if argument.type == "keyword_argument"]


def _is_literal(doc: Document, node: Node) -> bool:
    if node.type in _LITERAL_ARGUMENT_TYPES:
        return node.type not in {"string", "concatenated_string"} or literal_string(doc, node) is not None
    return node.type == "identifier" and doc.node_text(node).isupper()


def _never_returns(doc: Document, expression: Node) -> bool:
    """`abort(404)`, `sys.exit(1)`, `self.fail(...)`: calls that always raise or exit."""
    if expression.type != "call":
        return False
    function = expression.child_by_field_name("function")
    name = doc.node_text(function).rsplit(".", 1)[-1] if function is not None else ""
    return name in _NO_RETURN


_NO_RETURN = frozenset({"abort", "exit", "_exit", "quit", "fail", "skip", "abort_with_error"})


def _as_task(result: Value | Step) -> Step:
    """A task for `FileFlow.run` from an expression's result (a leaf's Value or a generator)."""
    return (yield result)


def _whole_clause(doc: Document, call: Node, sink: Sink) -> str | None:
    """The query method a SQLAlchemy `text(value)` is handed to whole (`.order_by(text(sort))`).

    A clause that is one opaque value from outside is injectable even though nothing built it.
    """
    function = call.child_by_field_name("function")
    if sink.driver != "sqlalchemy" or function is None or not doc.node_text(function).endswith("text"):
        return None
    arguments = call.parent
    outer = arguments.parent if arguments is not None and arguments.type == "argument_list" else None
    method = outer.child_by_field_name("function") if outer is not None and outer.type == "call" else None
    name = (
        method.child_by_field_name("attribute") if method is not None and method.type == "attribute" else None
    )
    clause = doc.node_text(name) if name is not None else ""
    return clause if clause in _CLAUSE_METHODS else None


def _is_request_handler(doc: Document, function: Node) -> bool:
    """A web route or Lambda handler: its parameters carry request data, not a caller's choice."""
    parent = function.parent
    if parent is not None and parent.type == "decorated_definition":
        for decorator in parent.named_children:
            if decorator.type == "decorator" and _ROUTE_DECORATOR.search(doc.node_text(decorator)):
                return True
    parameters = function.child_by_field_name("parameters")
    for parameter in parameters.named_children if parameters is not None else ():
        name, annotation = _parameter_name(doc, parameter)
        if name in _REQUEST_PARAMETERS or annotation.rsplit(".", 1)[-1] in {"Request", "HttpRequest"}:
            return True
    return False


def _body(scope: Node) -> Node:
    return scope.child_by_field_name("body") or scope


def _parameter_name(doc: Document, parameter: Node) -> tuple[str, str]:
    if parameter.type == "identifier":
        return doc.node_text(parameter), ""
    name = parameter.child_by_field_name("name")
    if name is None and parameter.named_children:
        name = parameter.named_children[0]
    annotation = parameter.child_by_field_name("type")
    if name is None or name.type != "identifier":
        return "", ""
    return doc.node_text(name), doc.node_text(annotation) if annotation is not None else ""


def _join_envs(envs: list[Env | None]) -> Env | None:
    """The environment after paths meet: each name may hold the value of any live path.

    A plain name missing on a path was never bound there, and reading it would raise, so only
    the paths that bind it count; an attribute missing on a path keeps an unknown outside value.
    """
    live = [env for env in envs if env is not None]
    if not live:
        return None
    if len(live) == 1:
        return dict(live[0])
    merged: Env = {}
    for name in set().union(*live):
        value: Value | None = None
        for env in live:
            found = env.get(name)
            if found is None and "." in name:
                found = OPAQUE
            if found is not None:
                value = join(value, found)
        merged[name] = value or OPAQUE
    return merged


def _item_of(value: Value, origin: str) -> Value:
    item = value.items()
    if item.kind == Kind.OPAQUE and not item.origin:
        return item.named(_short(origin))
    return item


def _argument_value(
    doc: Document, call: Node, sink: Sink, positional: list[Value], keywords: dict[str, Value]
) -> Value | None:
    arguments = call.child_by_field_name("arguments")
    if arguments is None:
        return None
    index = 0
    for argument in arguments.named_children:
        if argument.type == "keyword_argument":
            name = argument.child_by_field_name("name")
            if argument.child_by_field_name("value") == sink.query and name is not None:
                return keywords.get(doc.node_text(name))
        elif argument.type != "comment":
            if argument == sink.query:
                return positional[index] if index < len(positional) else None
            index += 1
    return None


def _built_argument(call: python_calls.Call) -> tuple[Node, Value] | None:
    """The first argument of a call whose value is a built query, with that value."""
    arguments = call.node.child_by_field_name("arguments")
    index = 0
    for argument in arguments.named_children if arguments is not None else ():
        if argument.type == "keyword_argument":
            name = argument.child_by_field_name("name")
            value = call.keywords.get(call.doc.node_text(name)) if name is not None else None
            node = argument.child_by_field_name("value")
        elif argument.type == "comment":
            continue
        else:
            value = call.positional[index] if index < len(call.positional) else None
            node = argument
            index += 1
        if value is not None and node is not None and value.kind == Kind.BUILT and value.element is None:
            return node, value
    return None


def _except_alias(clause: Node) -> Node | None:
    for child in clause.named_children:
        if child.type == "as_pattern":
            alias = child.child_by_field_name("alias")
            if alias is not None and alias.named_children:
                return alias.named_children[0]
    return None


def _last_block(clause: Node) -> Node:
    blocks = [child for child in clause.named_children if child.type == "block"]
    return blocks[-1] if blocks else clause


def _case_matches(doc: Document, case: Node, subject: Value) -> bool | None:
    """True: the case surely matches; False: surely not; None: cannot tell."""
    patterns = [child for child in case.named_children if child.type == "case_pattern"]
    if case.child_by_field_name("guard") is not None or len(patterns) != 1:
        return None
    alternatives: list[Node] = []
    stack = [patterns[0]]
    while stack:
        node = stack.pop()
        if node.type in {"case_pattern", "union_pattern"} and node.named_children:
            stack.extend(node.named_children)
        else:
            alternatives.append(node)
    verdict: bool | None = False
    for alternative in alternatives:
        text = doc.node_text(alternative)
        if text == "_" or (alternative.type in {"identifier", "case_pattern"} and text.isidentifier()):
            return True
        literal = literal_string(doc, alternative)
        pattern = constant(literal) if literal is not None else _number(text)
        if not (pattern.known and subject.known):
            verdict = None
        elif pattern.constant == subject.constant:
            return True
    return verdict


def _number(text: str) -> Value:
    try:
        return constant(int(text.replace("_", ""), 0))
    except ValueError:
        pass
    try:
        return constant(float(text.replace("_", "")))
    except ValueError:
        return SAFE


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 40 else flat[:37] + "..."


# A whole name (ASCII or UTF-8 letters) followed by `(`. `(?=(...))\1` takes the name whole, as
# an atomic group would (Python 3.10 has none), so a name not followed by `(` is given up at once
# instead of being retried shorter.
_CALLED_NAME = re.compile(rb"(?<![\w\x80-\xff])(?=([A-Za-z_\x80-\xff][\w\x80-\xff]*))\1[ \t\r\n\\]*\(")


def _with_decorators(function: Node) -> Node:
    """The function's definition with its decorators, if any."""
    parent = function.parent
    return parent if parent is not None and parent.type == "decorated_definition" else function


def _class_of(node: Node) -> Node | None:
    """The innermost class around `node`, at any depth (whose attributes `self.x` may read)."""
    parent = node.parent
    while parent is not None and parent.type != "class_definition":
        parent = parent.parent
    return parent


def _enclosing_function(node: Node) -> Node | None:
    parent = node.parent
    while parent is not None and parent.type != "function_definition":
        parent = parent.parent
    return parent
