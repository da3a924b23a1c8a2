"""What Python operations do to the abstract values of the SQL flow analysis.

Calls (string methods, `str.format`, `join`, `Template.substitute`, builtins, driver factories,
psycopg `sql` composition, same-file helpers), operators, subscripts, attributes, names that are
not assigned in the file, parameter annotations, and the conditions that narrow a value to an
allowlist (`if col not in ALLOWED: raise`).
"""

from __future__ import annotations

import operator
import re
import string
from collections.abc import Callable, Generator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from agentguard.rules.imports import dotted_name
from agentguard.rules.sql import python_sinks
from agentguard.rules.sql.python_values import (
    OPAQUE,
    SAFE,
    UNKNOWN,
    Kind,
    Value,
    collection,
    constant,
    database,
    join,
    join_all,
    opaque,
    spliced,
)

if TYPE_CHECKING:
    from agentguard.rules.document import Document
    from agentguard.rules.sql.python_flow import Interpreter

Node = Any
Step = Generator[Any, Any, Any]

MAX_CONSTANT_LENGTH = 10_000

_UPPER_CASE = re.compile(r"^_*[A-Z][A-Z0-9_]*$")
# Methods that return (a piece of) their receiver's text, so the receiver's kind carries through.
_TEXT_METHODS = frozenset(
    {
        "strip",
        "lstrip",
        "rstrip",
        "lower",
        "upper",
        "title",
        "casefold",
        "capitalize",
        "swapcase",
        "replace",
        "removeprefix",
        "removesuffix",
        "encode",
        "decode",
        "center",
        "ljust",
        "rjust",
        "expandtabs",
        "zfill",
        "copy",
        "as_string",
    }
)
_SPLIT_METHODS = frozenset({"split", "rsplit", "splitlines", "partition", "rpartition"})
_NUMERIC_METHODS = frozenset({"count", "find", "rfind", "index", "rindex", "bit_length", "toordinal"})
_PREDICATE_METHODS = frozenset(
    {"isdigit", "isnumeric", "isdecimal", "isalnum", "isalpha", "isidentifier", "startswith", "endswith"}
)
_VALIDATING_METHODS = frozenset({"isdigit", "isnumeric", "isdecimal", "isalnum", "isalpha", "isidentifier"})
_REGEX_CHECKS = frozenset({"match", "fullmatch"})
_MUTATORS = frozenset({"append", "extend", "insert", "add", "update", "appendleft", "setdefault"})
# Builtins and stdlib functions whose result cannot carry SQL text.
_SAFE_FUNCTIONS = frozenset(
    {
        "int",
        "float",
        "bool",
        "len",
        "abs",
        "round",
        "hash",
        "ord",
        "sum",
        "isinstance",
        "issubclass",
        "id",
        "callable",
        "hasattr",
        "range",
        "decimal.Decimal",
        "uuid.uuid4",
        "uuid.uuid1",
        "uuid.UUID",
        "math.floor",
        "math.ceil",
        "datetime.date",
        "datetime.datetime",
        "time.time",
    }
)
# ORM schema metadata: table and column names declared in the models, not taken from requests.
_SCHEMA_METADATA = frozenset(
    {
        "_meta",
        "db_table",
        "db_column",
        "attname",
        "db_tablespace",
        "__tablename__",
        "db_type",
        "db_parameters",
    }
)
# Calls that list the database's own tables and columns (SQLAlchemy inspector, Django introspection).
_SCHEMA_LISTINGS = frozenset(
    {"get_table_names", "get_view_names", "get_schema_names", "table_names", "get_columns"}
)
# Dates, times, UUIDs and numbers render as digits and dashes, never as SQL.
_SAFE_MODULES = ("datetime.", "time.", "uuid.", "math.", "decimal.")
_DATE_METHODS = frozenset({"isoformat", "strftime", "timestamp", "date", "today", "now", "utcnow", "hex"})
# Functions that return their first argument's text, reshaped.
_PASS_THROUGH_FUNCTIONS = frozenset(
    {
        "str",
        "repr",
        "format",
        "list",
        "tuple",
        "set",
        "frozenset",
        "sorted",
        "reversed",
        "filter",
        "iter",
        "next",
        "textwrap.dedent",
        "textwrap.indent",
        "textwrap.fill",
        "inspect.cleandoc",
        "string.Template",
    }
)
# Escaping helpers: identifier quoting (`quote_name`, `quote_ident`) and driver literal escaping.
_ESCAPER_NAME = re.compile(
    r"(?i)^_*(?:quote|escape)(?:_\w+)?$|^qn\d?$|quote_name|quote_ident|^literal$|^sql_quote$"
)
# Upper-case attributes that hold request data (Django's `request.GET`), not constants.
_REQUEST_CONTAINERS = frozenset({"GET", "POST", "COOKIES", "FILES", "META", "REQUEST", "DATA", "FORM"})
# Objects whose methods quote identifiers: Django's `connection.ops`, SQLAlchemy's preparer.
_QUOTING_SERVICE = re.compile(r"(?:^|\.)(?:ops|\w*preparer)$")
# Annotations that make a parameter a number, a date or a closed set of strings.
_SAFE_ANNOTATION = re.compile(
    r"^(?:Optional\[|typing\.Optional\[)?(?:int|float|bool|Decimal|decimal\.Decimal|date|datetime|"
    r"datetime\.date|datetime\.datetime|UUID|uuid\.UUID|Literal\[.*\]|typing\.Literal\[.*\])\]?(?:\s*\|\s*None)?$"
)
_ARITHMETIC: dict[str, Callable[[Any, Any], Any]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
    "//": operator.floordiv,
    "%": operator.mod,
}
_NUMERIC_OPERATORS = frozenset({"-", "/", "//", "**", "<<", ">>", "@"})
_COMPARISONS: dict[str, Callable[[Any, Any], Any]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
    "in": lambda a, b: a in b,
    "not in": lambda a, b: a not in b,
    "is": operator.is_,
    "is not": operator.is_not,
}


@dataclass(frozen=True)
class Call:
    """A call being evaluated: its node, callee, receiver value and argument values."""

    doc: Document
    node: Node
    function: Node | None
    receiver: Value | None
    positional: list[Value]
    keywords: dict[str, Value]
    env: dict[str, Value]

    def argument(self, index: int = 0) -> Value:
        """The value of a positional argument (SAFE when missing)."""
        return self.positional[index] if index < len(self.positional) else SAFE

    def all_arguments(self) -> list[Value]:
        """Every argument value, positional then keyword."""
        return [*self.positional, *self.keywords.values()]

    @property
    def text(self) -> str:
        """The call's source, shortened for messages."""
        return _short(self.doc.node_text(self.node))


def evaluate(call: Call, interpreter: Interpreter) -> Value | Step:
    """The value a call returns."""
    function = call.function
    if function is None:
        return opaque(call.text)
    if function.type == "identifier":
        return _function_call(call, call.doc.node_text(function), interpreter)
    if function.type != "attribute":
        return opaque(call.text)
    attribute = function.child_by_field_name("attribute")
    method = call.doc.node_text(attribute) if attribute is not None else ""
    qualified = call.doc.imports.resolve_node(call.doc, function)
    if qualified:
        known = _module_function(call, qualified, method)
        if known is not None:
            return known
    return _method_call(call, method, interpreter)


def _function_call(call: Call, name: str, interpreter: Interpreter) -> Value | Step:
    if _ESCAPER_NAME.search(name):
        return SAFE
    local = interpreter.lookup(name, call.env)
    if local is not None:
        # A handle factory held in a variable: `Session = sessionmaker(...)`, then `Session()`.
        return database(local.driver) if local.driver else opaque(call.text)
    qualified = call.doc.imports.resolve(name)
    if qualified is not None:
        known = _module_function(call, qualified, name)
        return known if known is not None else opaque(call.text)
    helper = interpreter.flow.call_helper(name, call, None)
    if helper is not None:
        return helper if not (helper.kind == Kind.OPAQUE and not helper.origin) else opaque(call.text)
    return _builtin(call, name)


def _builtin(call: Call, name: str) -> Value:
    if name in _SAFE_FUNCTIONS or (
        name in {"min", "max"} and all(v.kind == Kind.SAFE for v in call.positional)
    ):
        return SAFE
    if name in _PASS_THROUGH_FUNCTIONS:
        return _pass_through(call)
    if name in {"enumerate", "zip"}:
        return collection([SAFE, *(value.items() for value in call.positional)])
    if name == "map" and len(call.positional) >= 2:
        mapper = call.doc.node_text(_argument_nodes(call)[0])
        if mapper in {"int", "float", "bool", "len"}:
            return collection([SAFE])
        return collection([call.argument(1).items()])
    if name == "dict":
        return collection(list(call.keywords.values()), list(call.keywords))
    if _ESCAPER_NAME.search(name):
        return SAFE
    if python_sinks.HANDLE_HELPER_NAME.match(name):
        return database("db")
    return opaque(call.text)


def _converts_to_number(call: Call) -> bool:
    """`request.args.get("limit", type=int)`: Flask and argparse convert before returning."""
    converter = call.keywords.get("type")
    return converter is not None and converter.origin in {"int", "float"}


def _pass_through(call: Call) -> Value:
    if not call.positional:
        return constant("")
    value = call.argument(0)
    if value.kind == Kind.OPAQUE and not value.origin:
        return replace(value, origin=call.text)
    return replace(value, driver="")


def _module_function(call: Call, qualified: str, name: str) -> Value | None:
    driver = python_sinks.factory_driver(qualified)
    if driver:
        return database(driver)
    if qualified.startswith(_SAFE_MODULES) or _converts_to_number(call):
        return SAFE
    if qualified.startswith(("psycopg2.sql.", "psycopg.sql.")):
        return Value(Kind.SAFE, composable=True)
    if qualified.startswith(("sqlalchemy", "sqlmodel")):
        return SAFE
    if qualified in _SAFE_FUNCTIONS:
        return SAFE
    if qualified == "contextlib.closing":
        return call.argument(0)
    if qualified in _PASS_THROUGH_FUNCTIONS:
        return _pass_through(call)
    if _ESCAPER_NAME.search(name):
        return SAFE
    return None


def _method_call(call: Call, method: str, interpreter: Interpreter) -> Value | Step:
    receiver = call.receiver or OPAQUE
    target = call.function.child_by_field_name("object") if call.function is not None else None
    if method in _DATE_METHODS or method in _SCHEMA_METADATA or _converts_to_number(call):
        return SAFE
    if method in _MUTATORS and target is not None:
        return _mutate(call, target, method, receiver, interpreter)
    if receiver.driver:
        return _handle_method(call, method, receiver)
    if receiver.composable:
        return Value(Kind.SAFE, composable=True)
    text_result = _text_method(call, method, receiver)
    if text_result is not None:
        return text_result
    collection_result = _collection_method(call, method, receiver)
    if collection_result is not None:
        return collection_result
    if target is not None and call.doc.node_text(target) in {"self", "cls"}:
        owner = enclosing_class(interpreter.function) if interpreter.function is not None else None
        helper = interpreter.flow.call_helper(method, call, owner) if owner else None
        if helper is not None:
            return helper
    if _ESCAPER_NAME.search(method) or (
        target is not None and _QUOTING_SERVICE.search(call.doc.node_text(target))
    ):
        return SAFE
    if (
        method in python_sinks.HANDLE_METHODS
        and target is not None
        and python_sinks.is_database(call.doc, target, receiver)
    ):
        return database(python_sinks.file_driver(call.doc) or "db")
    if python_sinks.HANDLE_HELPER_NAME.match(method):
        return database("db")
    return opaque(call.text)


def _handle_method(call: Call, method: str, receiver: Value) -> Value:
    if method in python_sinks.HANDLE_METHODS or method in {"__enter__", "__aenter__"}:
        return database(receiver.driver)
    return opaque(call.text)


def _text_method(call: Call, method: str, receiver: Value) -> Value | None:
    if method in _TEXT_METHODS:
        value = join_all([receiver, *call.all_arguments()]) if method == "replace" else receiver
        return replace(value, constant=_apply(receiver, method, call.positional))
    if method == "format":
        return _format(call, receiver)
    if method == "format_map":
        return _format_template(receiver, [], {}, call.argument(0))
    if method == "join":
        return _join(call, receiver)
    if method in {"substitute", "safe_substitute"}:
        pieces = [(value, "") for value in call.all_arguments()]
        return join(receiver, spliced(pieces, "`Template.substitute()`"))
    if method in _SPLIT_METHODS:
        return collection([receiver.items()])
    if method in _NUMERIC_METHODS or method in _PREDICATE_METHODS:
        return SAFE
    return None


def _collection_method(call: Call, method: str, receiver: Value) -> Value | None:
    if method == "get" and (receiver.entries is not None or receiver.element is not None):
        found = entry(receiver, _known(call.argument(0)))
        if found.kind == Kind.OPAQUE and not found.origin:
            found = found.named(call.text)
        default = call.argument(1) if len(call.positional) > 1 else constant(None)
        return join(found, default)
    if method in {"pop", "popitem", "popleft"} and receiver.element is not None:
        return receiver.items()
    if method == "keys" and receiver.entries is not None:
        return collection([constant(key) for key, _ in receiver.entries])
    if method in {"keys", "values", "items"} and (receiver.element is not None or receiver.entries):
        return collection([receiver.items()])
    return None


def _mutate(call: Call, target: Node, method: str, receiver: Value, interpreter: Interpreter) -> Value:
    key = dotted_name(call.doc, target)
    if key is None:
        return OPAQUE
    current = interpreter.lookup(key, call.env) or receiver
    if method == "update" and call.positional and call.positional[0].entries is not None:
        added = call.positional[0]
    elif method == "update":
        added = collection(list(call.keywords.values()), list(call.keywords))
    elif method == "extend":
        added = collection([call.argument(0).items()])
    elif method in {"insert", "setdefault"}:
        added = collection([call.argument(1)])
    else:
        added = collection([call.argument(0)])
    merged = join(replace(current, constant=UNKNOWN), added)
    if current.entries is not None and added.entries is not None:
        entries = dict(current.entries)
        entries.update(added.entries)
        merged = replace(merged, entries=tuple(entries.items()))
    call.env[key] = merged
    return constant(None)


def _format(call: Call, receiver: Value) -> Value:
    return _format_template(receiver, call.positional, call.keywords, None)


def _format_template(
    receiver: Value, positional: list[Value], keywords: dict[str, Value], mapping: Value | None
) -> Value:
    """`template.format(...)`: splice each replacement field's argument into the template."""
    if not isinstance(receiver.constant, str):
        arguments = [*positional, *keywords.values(), *([mapping] if mapping else [])]
        pieces = [(value, "") for value in arguments]
        return join(receiver, spliced(pieces, "`.format()`"))
    pieces = []
    automatic = 0
    before = ""
    try:
        fields = list(string.Formatter().parse(receiver.constant))
    except ValueError:
        fields = []
    for literal, name, spec, _ in fields:
        before += literal
        if name is None:
            continue
        head = re.split(r"[.\[]", name, maxsplit=1)[0]
        if head == "":
            value = positional[automatic] if automatic < len(positional) else SAFE
            automatic += 1
        elif head.isdigit():
            index = int(head)
            value = positional[index] if index < len(positional) else SAFE
        else:
            value = keywords.get(head) or (entry(mapping, head) if mapping is not None else OPAQUE)
        if spec and re.search(r"[bcdeEfFgGnoxX%]$", spec):
            value = SAFE
        pieces.append((value, before))
        before = ""
    return spliced(pieces, "`.format()`")


def _join(call: Call, separator: Value) -> Value:
    iterable = call.argument(0)
    if separator.composable:
        return Value(Kind.SAFE, composable=True)
    items = iterable.items()
    if items.kind == Kind.OPAQUE and not items.origin:
        items = replace(items, origin=iterable.origin or _short(call.doc.node_text(_argument_nodes(call)[0])))
    if (
        isinstance(separator.constant, str)
        and isinstance(iterable.constant, tuple)
        and all(isinstance(item, str) for item in iterable.constant)
    ):
        return constant(separator.constant.join(iterable.constant))
    return spliced([(separator, ""), (items, "")], "`join()`")


def entry(container: Value, key: object) -> Value:
    """The value stored under `key` in a dict (the join of all entries when the key is unknown)."""
    if container.entries is not None and key is not UNKNOWN:
        for candidate, value in container.entries:
            if candidate == key:
                return value
    return container.items()


def with_item(container: Value, key: str | None, value: Value) -> Value:
    """A container after `container[key] = value`."""
    if container.entries is not None and key is not None:
        entries = dict(container.entries)
        entries[key] = value
        return collection(list(entries.values()), list(entries))
    return join(replace(container, constant=UNKNOWN), collection([value]))


def subscript(container: Value, index: Value, origin: str) -> Value:
    """`container[index]`."""
    if container.known and index.known:
        try:
            result = container.constant[index.constant]  # type: ignore[index]
        except Exception:  # a wrong index in checked code: nothing to learn
            result = UNKNOWN
        if result is not UNKNOWN:
            return constant(result)
    if container.entries is not None:
        return entry(container, index.constant if index.known else UNKNOWN)
    item = container.items()
    if item.kind == Kind.OPAQUE:
        return replace(item, origin=origin or container.origin, driver="")
    return item


def binary(symbol: str, left: Value, right: Value, *, right_text: str = "") -> Value:
    """`left <symbol> right` for the arithmetic and concatenation operators."""
    folded = _fold(symbol, left, right)
    if folded is not None:
        return folded
    if symbol in {"+", "-"} and (_is_number(left) or _is_number(right)):
        return SAFE
    if symbol == "+":
        if left.element is not None or right.element is not None:
            return join(left, right)
        if _is_text(left) or _is_text(right):
            before = left.constant if isinstance(left.constant, str) else ""
            return spliced([(left, ""), (right, before)], "string concatenation")
    elif symbol == "%":
        if left.kind == Kind.BUILT or (
            left.kind == Kind.SAFE and not isinstance(left.constant, (int, float))
        ):
            return join(left, spliced([(right.items() if right.element else right, "")], "`%` formatting"))
    elif symbol in _NUMERIC_OPERATORS:
        return SAFE
    elif symbol == "*":
        return join(left, right) if left.kind or right.kind else SAFE
    if left.kind == Kind.SAFE and right.kind == Kind.SAFE:
        return SAFE
    return join(left, right)


def compare(values: list[Value], operators: list[str]) -> Value:
    """A chained comparison: its constant when every operand is known, else an unknown bool."""
    if len(values) != len(operators) + 1 or not all(value.known for value in values):
        return SAFE
    try:
        outcome = all(
            _COMPARISONS[symbol](values[index].constant, values[index + 1].constant)
            for index, symbol in enumerate(operators)
        )
    except Exception:  # incomparable constants in checked code
        return SAFE
    return constant(bool(outcome))


def unary(symbol: str, value: Value) -> Value:
    """`not value`, `-value`, `~value`."""
    if not value.known:
        return SAFE
    try:
        if symbol == "not":
            return constant(not value.constant)
        if symbol == "-":
            return constant(-value.constant)  # type: ignore[operator]
        if symbol == "+":
            return constant(+value.constant)  # type: ignore[operator]
    except Exception:  # an operator the constant does not support
        return SAFE
    return SAFE


def attribute(doc: Document, node: Node, owner: Value, name: str, interpreter: Interpreter) -> Value:
    """`owner.name` when the dotted name was never assigned in the function."""
    if owner.driver and name in {"session", "connection", "conn", "cursor", "engine", "db", "bind", "pool"}:
        return database(owner.driver)
    if name in _SCHEMA_METADATA or (owner.kind == Kind.SAFE and owner.origin == "_meta"):
        return Value(Kind.SAFE, origin=name)
    if name in interpreter.flow.numeric_options():
        return SAFE
    qualified = doc.imports.resolve_node(doc, node)
    if qualified:
        driver = python_sinks.factory_driver(qualified)
        if driver:
            return database(driver)
    text = dotted_name(doc, node)
    if _UPPER_CASE.match(name) and name not in _REQUEST_CONTAINERS and _constant_owner(doc, text, owner):
        return SAFE
    if text is not None and text.split(".")[0] in {"self", "cls"}:
        value = interpreter.flow.class_attribute(node, name)
        if value is not None:
            return value
    if text is not None and python_sinks.is_database(doc, node, None):
        return database(python_sinks.file_driver(doc) or "db")
    return opaque(_short(doc.node_text(node)))


def _constant_owner(doc: Document, text: str | None, owner: Value) -> bool:
    """Whether `owner.NAME` reads a configured constant: `settings.X`, `self.X`, `Config.X`."""
    root = text.split(".", 1)[0] if text is not None else ""
    return owner.kind == Kind.SAFE or root in {"self", "cls"} or doc.imports.resolve(root) is not None


def free_name(doc: Document, name: str) -> Value:
    """A name never assigned in the function or at module level: an import, a builtin or a global."""
    qualified = doc.imports.resolve(name)
    if qualified is not None:
        driver = python_sinks.factory_driver(qualified)
        if driver:
            return database(driver)
    if _UPPER_CASE.match(name):
        return SAFE
    return opaque(name)


def parameter_value(name: str, annotation: str) -> Value:
    """A parameter's value on entry: a handle or a number by annotation, else opaque."""
    annotation = annotation.strip("\"' ")
    if annotation and _SAFE_ANNOTATION.match(annotation):
        return SAFE
    if annotation and python_sinks.HANDLE_ANNOTATION.search(annotation):
        return database(_annotation_driver(annotation))
    return opaque(name)


def entered(value: Value) -> Value:
    """The value `with value as name` binds (a handle stays a handle)."""
    return value


def checked_names(
    doc: Document, condition: Node, lookup: Callable[[str], Value | None]
) -> list[tuple[str, bool]]:
    """Names a condition proves safe: (name, True) when it holds if the condition is true.

    Understands `x in ALLOWED`, `x not in ALLOWED`, `x == "asc"`, `x.isdigit()`,
    `re.fullmatch(PATTERN, x)`, `isinstance(x, int)`, `not`, `and`, `or`.
    """
    found: list[tuple[str, bool]] = []
    # (node, negated, which outcomes a fact may be kept for: None = both)
    stack: list[tuple[Node, bool, bool | None]] = [(condition, False, None)]
    while stack:
        node, negated, keep = stack.pop()
        if node.type == "parenthesized_expression" and node.named_children:
            stack.append((node.named_children[0], negated, keep))
        elif node.type == "not_operator":
            argument = node.child_by_field_name("argument")
            if argument is not None:
                stack.append((argument, not negated, keep))
        elif node.type == "boolean_operator":
            symbol = node.child_by_field_name("operator")
            is_and = symbol is not None and doc.node_text(symbol) == "and"
            # `a and b` true means both hold; `a or b` false means both fail.
            outcome = (not negated) if is_and else negated
            if keep is None or keep == outcome:
                for side in ("left", "right"):
                    child = node.child_by_field_name(side)
                    if child is not None:
                        stack.append((child, negated, outcome))
        else:
            for name, holds in _check(doc, node, lookup):
                outcome = holds != negated
                if keep is None or keep == outcome:
                    found.append((name, outcome))
    return found


def _check(doc: Document, node: Node, lookup: Callable[[str], Value | None]) -> list[tuple[str, bool]]:
    if node.type == "comparison_operator":
        return _comparison_check(doc, node, lookup)
    if node.type != "call":
        return []
    function = node.child_by_field_name("function")
    arguments = node.child_by_field_name("arguments")
    arguments_list = arguments.named_children if arguments is not None else []
    if function is None or function.type != "attribute":
        if function is not None and doc.node_text(function) == "isinstance" and arguments_list:
            name = dotted_name(doc, arguments_list[0])
            return [(name, True)] if name is not None else []
        return []
    method_node = function.child_by_field_name("attribute")
    target = function.child_by_field_name("object")
    method = doc.node_text(method_node) if method_node is not None else ""
    if method in _VALIDATING_METHODS and target is not None:
        name = dotted_name(doc, target)
        return [(name, True)] if name is not None else []
    if method in _REGEX_CHECKS and arguments_list:
        subject = arguments_list[-1] if len(arguments_list) >= 2 else arguments_list[0]
        name = dotted_name(doc, subject)
        return [(name, True)] if name is not None else []
    return []


def _comparison_check(
    doc: Document, node: Node, lookup: Callable[[str], Value | None]
) -> list[tuple[str, bool]]:
    operands = node.named_children
    operators = [doc.node_text(op) for op in node.children_by_field_name("operators")]
    if len(operands) != 2 or len(operators) != 1:
        return []
    name = dotted_name(doc, operands[0])
    if name is None:
        return []
    symbol = operators[0]
    if symbol in {"in", "not in"} and _is_fixed_collection(doc, operands[1], lookup):
        return [(name, symbol == "in")]
    if symbol in {"==", "!="} and operands[1].type in {"string", "integer", "float"}:
        return [(name, symbol == "==")]
    return []


def _is_fixed_collection(doc: Document, node: Node, lookup: Callable[[str], Value | None]) -> bool:
    """Whether `x in node` limits `x` to known names: a literal or constant collection, the schema's
    table names, or a collection the code built itself (`{row[0] for row in cur.execute(...)}`).

    A value that passes `if table not in existing: raise` can only be one of those items, wherever
    they were read from at run time, so it is an allowlist check as much as one against a literal.
    """
    if node.type in {"list", "tuple", "set", "dictionary"}:
        return all(child.type in {"string", "integer", "pair"} for child in node.named_children)
    if node.type == "call":
        function = node.child_by_field_name("function")
        target = function.child_by_field_name("object") if function is not None else None
        method = function.child_by_field_name("attribute") if target is not None else None
        if method is not None and doc.node_text(method) in _SCHEMA_LISTINGS:
            return True
        return target is not None and _is_fixed_collection(doc, target, lookup)
    name = dotted_name(doc, node)
    if name is None:
        return False
    value = lookup(name)
    if value is not None:
        return value.kind == Kind.SAFE or value.element is not None or value.entries is not None
    return bool(_UPPER_CASE.match(name.rsplit(".", 1)[-1]))


def enclosing_class(node: Node) -> Node | None:
    """The class a method belongs to (None for functions outside classes or nested in functions)."""
    parent = node.parent
    while parent is not None and parent.type not in {"class_definition", "function_definition"}:
        parent = parent.parent
    return parent if parent is not None and parent.type == "class_definition" else None


def _is_number(value: Value) -> bool:
    return isinstance(value.constant, (int, float)) and not isinstance(value.constant, bool)


def _is_text(value: Value) -> bool:
    return isinstance(value.constant, str) or value.kind == Kind.BUILT


def _fold(symbol: str, left: Value, right: Value) -> Value | None:
    if not (left.known and right.known) or symbol not in _ARITHMETIC:
        return None
    if symbol == "*" and any(isinstance(v.constant, (str, tuple, list)) for v in (left, right)):
        count = right.constant if isinstance(right.constant, int) else left.constant
        if not isinstance(count, int) or count > MAX_CONSTANT_LENGTH:
            return None
    try:
        result = _ARITHMETIC[symbol](left.constant, right.constant)
    except Exception:  # division by zero, mismatched types in checked code
        return None
    if isinstance(result, (str, tuple, list)) and len(result) > MAX_CONSTANT_LENGTH:
        return SAFE
    return constant(result)


def _apply(receiver: Value, method: str, arguments: list[Value]) -> object:
    if not isinstance(receiver.constant, str) or not all(argument.known for argument in arguments):
        return UNKNOWN
    try:
        result = getattr(receiver.constant, method)(*(argument.constant for argument in arguments))
    except Exception:  # wrong arguments in checked code
        return UNKNOWN
    return result if isinstance(result, str) else UNKNOWN


def _known(value: Value) -> object:
    return value.constant if value.known else UNKNOWN


def _argument_nodes(call: Call) -> list[Node]:
    arguments = call.node.child_by_field_name("arguments")
    return list(arguments.named_children) if arguments is not None else [call.node]


def _annotation_driver(annotation: str) -> str:
    for marker, driver in (
        ("sqlite3", "sqlite3"),
        ("aiosqlite", "sqlite3"),
        ("asyncpg", "asyncpg"),
        ("psycopg", "psycopg"),
        ("pymysql", "mysql"),
        ("MySQLdb", "mysql"),
        ("Session", "sqlalchemy"),
        ("Engine", "sqlalchemy"),
        ("CursorWrapper", "django"),
    ):
        if marker in annotation:
            return driver
    return "db"


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 40 else flat[:37] + "..."
