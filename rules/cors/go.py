"""Permissive-CORS detection for Go (see permissive_cors.py for the rule and its docs).

Covers the CORS packages by import path (rs/cors, go-chi/cors, gin-contrib/cors, Echo's
middleware, Fiber's cors, gorilla/handlers, beego's cors filter): their all-allowing constructors,
their option structs (literal fields and `config.Field = value` assignments), and headers written
by hand on a response (`w.Header().Set`, gin `c.Header`, Fiber `c.Set`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from agentguard.rules.cors.origins import (
    OriginKind,
    classify_origin,
    cors_severity,
    first_per_position,
    is_trusted,
    permissive_message,
)
from agentguard.rules.document import walk
from agentguard.rules.lazy_patterns import LazyPattern
from agentguard.rules.literals import literal_bool, literal_string
from agentguard.rules.model import Report

if TYPE_CHECKING:
    import tree_sitter

    from agentguard.rules.document import Document
    from agentguard.rules.rule import Context


@dataclass(frozen=True)
class OptionsType:
    """A CORS options struct: its field names, what it allows by default, and the fix."""

    origins: str
    all_origins: str | None
    functions: tuple[str, ...]
    default: OriginKind | None
    hint: str
    comma_separated: bool = False


_RS_HINT = (
    'list the allowed origins: `cors.New(cors.Options{AllowedOrigins: []string{"https://app.example.com"}})`'
)
_GIN_HINT = (
    'list the allowed origins: `cors.New(cors.Config{AllowOrigins: []string{"https://app.example.com"}})`'
)
_ECHO_HINT = (
    "list the allowed origins: `middleware.CORSWithConfig(middleware.CORSConfig{AllowOrigins: "
    '[]string{"https://app.example.com"}})`'
)
_FIBER_HINT = 'list the allowed origins: `cors.New(cors.Config{AllowOrigins: "https://app.example.com"})`'
_GORILLA_HINT = 'pass an allowlist: `handlers.AllowedOrigins([]string{"https://app.example.com"})`'
_HEADER_HINT = (
    "send `Access-Control-Allow-Origin` only for origins in an allowlist "
    "(e.g. `if allowed[origin] { w.Header().Set(...) }`), or use a CORS middleware with explicit origins"
)

_RS_OPTIONS = OptionsType(
    "AllowedOrigins",
    None,
    ("AllowOriginFunc", "AllowOriginRequestFunc", "AllowOriginVaryRequestFunc"),
    OriginKind.ANY,
    _RS_HINT,
)
_GIN_CONFIG = OptionsType(
    "AllowOrigins", "AllowAllOrigins", ("AllowOriginFunc", "AllowOriginWithContextFunc"), None, _GIN_HINT
)
_ECHO_CONFIG = OptionsType("AllowOrigins", None, ("AllowOriginFunc",), OriginKind.ANY, _ECHO_HINT)
_FIBER_CONFIG = OptionsType("AllowOrigins", None, ("AllowOriginsFunc",), OriginKind.ANY, _FIBER_HINT, True)
_BEEGO_OPTIONS = OptionsType("AllowOrigins", "AllowAllOrigins", (), None, _GIN_HINT)

_ECHO_MIDDLEWARE = ("github.com/labstack/echo/v4/middleware", "github.com/labstack/echo/middleware")
_FIBER_CORS = (
    "github.com/gofiber/fiber/v2/middleware/cors",
    "github.com/gofiber/fiber/v3/middleware/cors",
    "github.com/gofiber/fiber/middleware/cors",
)
_RS_CORS = ("github.com/rs/cors", "github.com/go-chi/cors", "github.com/rs/cors/wrapper/gin")
_GIN_CORS = ("github.com/gin-contrib/cors",)
_BEEGO_CORS = ("github.com/beego/beego/v2/server/web/filter/cors", "github.com/astaxie/beego/plugins/cors")
_GORILLA = "github.com/gorilla/handlers"

OPTION_TYPES: dict[str, OptionsType] = {
    **{f"{path}.Options": _RS_OPTIONS for path in _RS_CORS},
    **{f"{path}.Config": _GIN_CONFIG for path in _GIN_CORS},
    **{f"{path}.CORSConfig": _ECHO_CONFIG for path in _ECHO_MIDDLEWARE},
    **{f"{path}.Config": _FIBER_CONFIG for path in _FIBER_CORS},
    **{f"{path}.Options": _BEEGO_OPTIONS for path in _BEEGO_CORS},
}
# Constructors and values that allow every origin by themselves.
ALLOW_ALL: dict[str, OptionsType] = {
    **{f"{path}.AllowAll": _RS_OPTIONS for path in _RS_CORS},
    **{f"{path}.Default": _RS_OPTIONS for path in _RS_CORS},
    **{f"{path}.Default": _GIN_CONFIG for path in _GIN_CORS},
    **{f"{path}.CORS": _ECHO_CONFIG for path in _ECHO_MIDDLEWARE},
    **{f"{path}.DefaultCORSConfig": _ECHO_CONFIG for path in _ECHO_MIDDLEWARE},
}
_FUNCTIONS = frozenset({"function_declaration", "method_declaration", "func_literal"})
_HEADER_METHODS = frozenset({"Set", "Add", "Header", "Append"})
_ORIGIN_CONSTANTS = frozenset({"HeaderOrigin"})
_ALLOW_ORIGIN_CONSTANTS = frozenset({"HeaderAccessControlAllowOrigin", "AccessControlAllowOrigin"})
_ORIGIN_GETTERS = frozenset({"Get", "GetHeader", "Peek", "Values", "GetReqHeaders", "Header"})
_LOGGING = LazyPattern(r"^(log|fmt|slog|logger|zap|logrus|t|b)\.|\.(Print|Debug|Info|Warn|Error|Log)\w*$")
_CREDENTIALS = LazyPattern(
    r"""\.AllowCredentials\s*=\s*true|handlers\.AllowCredentials\(\)""",
    re.I,
)
_MAX_SHOWN = 60
_WILDCARD_OPTION = LazyPattern(r"allow\w*all|all\w*origins|wildcard|\"\*\"", re.I)


def detect(ctx: Context) -> Iterator[Report]:
    """Yield a report for each permissive CORS set-up in the document."""
    yield from first_per_position(_Detector(ctx).reports())


@dataclass(frozen=True)
class Grant:
    """What one origin setting allows, and where it is said."""

    kind: OriginKind
    node: tree_sitter.Node


class _Detector:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.doc: Document = ctx.doc

    def reports(self) -> Iterator[Report]:
        if self.doc.imports.records:
            yield from self._library_calls()
            yield from self._option_literals()
            yield from self._option_assignments()
        yield from self._header_calls()
        yield from self._header_index_assignments()

    # -- CORS libraries -----------------------------------------------------------------------

    def _library_calls(self) -> Iterator[Report]:
        query = (
            "[(call_expression function: (selector_expression) @callee) @call (selector_expression) @value]"
        )
        for _, match in self.doc.matches(query):
            node = (match.get("call") or match["value"])[0]
            callee = match["callee"][0] if "callee" in match else node
            target = self.doc.imports.resolve_node(self.doc, callee)
            if target is None:
                continue
            if (
                target in ALLOW_ALL
                and self._used_as_is(node, target)
                and not _is_wrapper(self.doc, node, target)
            ):
                options = ALLOW_ALL[target]
                shown = _first_line(self.doc, node)
                yield self._report(Grant(OriginKind.ANY, node), shown, options.hint, None)
            elif node.type == "call_expression":
                yield from self._package_call(target, node)

    def _used_as_is(self, node: tree_sitter.Node, target: str) -> bool:
        """A constructor called (`cors.AllowAll()`), or a default config passed straight in."""
        if target.endswith("DefaultCORSConfig"):
            return (
                node.type == "selector_expression"
                and node.parent is not None
                and node.parent.type == "argument_list"
            )
        return node.type == "call_expression"

    def _package_call(self, target: str, call: tree_sitter.Node) -> Iterator[Report]:
        package, _, name = target.rpartition(".")
        args = _arguments(call)
        if package in _FIBER_CORS and name == "New" and not args:
            yield self._report(Grant(OriginKind.ANY, call), "cors.New()", _FIBER_HINT, None)
        elif package == _GORILLA and name == "AllowedOrigins" and args:
            grant = self._origin_list(args[0], call, comma_separated=False)
            if grant is not None:
                yield self._report(grant, _first_line(self.doc, call), _GORILLA_HINT, self._credentials(call))
        elif package == _GORILLA and name == "AllowedOriginValidator" and args:
            if args[0].type == "func_literal" and _always_true(self.doc, args[0]):
                grant = Grant(OriginKind.REFLECTED, call)
                yield self._report(grant, _first_line(self.doc, call), _GORILLA_HINT, self._credentials(call))
        elif package == _GORILLA and name == "CORS" and self._gorilla_without_origins(call, args):
            grant = Grant(OriginKind.REFLECTED, call)
            yield self._report(grant, _first_line(self.doc, call), _GORILLA_HINT, self._credentials(call))

    def _gorilla_without_origins(self, call: tree_sitter.Node, args: list[tree_sitter.Node]) -> bool:
        """`handlers.CORS(...)` with no origin option: gorilla then echoes every origin back."""
        scope = _enclosing_function(call) or self.doc.root
        return re.search(r"\bAllowedOrigin(s|Validator)\(", self.doc.node_text(scope)) is None and all(
            arg.type in {"call_expression", "identifier"} for arg in args
        )

    def _option_literals(self) -> Iterator[Report]:
        query = "(composite_literal type: (qualified_type) @type body: (literal_value) @body) @literal"
        for _, match in self.doc.matches(query):
            target = self.doc.imports.resolve_node(self.doc, match["type"][0])
            if target is None:
                target = self._qualified_type(match["type"][0])
            options = OPTION_TYPES.get(target or "")
            if options is not None:
                yield from self._options(options, match["literal"][0], _fields(self.doc, match["body"][0]))

    def _qualified_type(self, node: tree_sitter.Node) -> str | None:
        package = node.child_by_field_name("package")
        name = node.child_by_field_name("name")
        if package is None or name is None:
            return None
        path = self.doc.imports.resolve(self.doc.node_text(package))
        return f"{path}.{self.doc.node_text(name)}" if path else None

    def _options(
        self, options: OptionsType, literal: tree_sitter.Node, fields: dict[str, tree_sitter.Node]
    ) -> Iterator[Report]:
        credentials = self._credentials_field(fields)
        grant = self._fields_grant(options, fields)
        if grant is None and options.default is not None and not self._sets_origins(options, fields):
            grant = Grant(options.default, literal)
        if grant is not None:
            yield self._report(grant, _first_line(self.doc, grant.node), options.hint, credentials)

    def _sets_origins(self, options: OptionsType, fields: dict[str, tree_sitter.Node]) -> bool:
        names = {options.origins, *options.functions}
        return any(name in fields for name in names)

    def _fields_grant(self, options: OptionsType, fields: dict[str, tree_sitter.Node]) -> Grant | None:
        if options.all_origins and options.all_origins in fields:
            element = fields[options.all_origins]
            if literal_bool(self.doc, _value(element)) is True:
                return Grant(OriginKind.ANY, element)
        if options.origins in fields:
            element = fields[options.origins]
            grant = self._origin_list(_value(element), element, options.comma_separated)
            if grant is not None:
                return grant
        for name in options.functions:
            function = fields.get(name)
            if function is not None and _always_true(self.doc, _value(function)):
                return Grant(OriginKind.REFLECTED, function)
        return None

    def _origin_list(
        self, value: tree_sitter.Node, where: tree_sitter.Node, comma_separated: bool
    ) -> Grant | None:
        """`[]string{"*"}` (or Fiber's `"*"` / `"a, b"` string): the most permissive entry."""
        items = [value]
        if value.type == "composite_literal":
            body = value.child_by_field_name("body")
            items = [_value(child) for child in body.named_children] if body is not None else []
        elif value.type == "identifier":
            bound = self._package_value(self.doc.node_text(value))
            return self._origin_list(bound, where, comma_separated) if bound is not None else None
        for item in items:
            text = literal_string(self.doc, item)
            if text is None:
                continue
            for origin in text.split(",") if comma_separated else [text]:
                kind = classify_origin(origin)
                if kind is not OriginKind.SPECIFIC and not is_trusted(origin.strip(), self.ctx.config):
                    return Grant(kind, where)
        return None

    def _package_value(self, name: str) -> tree_sitter.Node | None:
        """The composite literal a package-level `var name = []string{...}` holds."""
        query = "(var_spec name: (identifier) @name value: (expression_list (composite_literal) @value))"
        for _, match in self.doc.matches(query):
            if self.doc.node_text(match["name"][0]) == name:
                return match["value"][0]
        return None

    def _option_assignments(self) -> Iterator[Report]:
        """`config.AllowAllOrigins = true`, `config.AllowOrigins = []string{"*"}` on an options value."""
        cors_imported = any(
            record.module in {*_GIN_CORS, *_RS_CORS, *_ECHO_MIDDLEWARE, *_FIBER_CORS, *_BEEGO_CORS}
            for record in self.doc.imports.records
        )
        if not cors_imported:
            return
        query = """
        (assignment_statement
          left: (expression_list . (selector_expression field: (field_identifier) @field) .)
          right: (expression_list . (_) @value .)) @assign
        """
        options_by_field = {
            "AllowAllOrigins": _GIN_CONFIG,
            "AllowOrigins": _GIN_CONFIG,
            "AllowedOrigins": _RS_OPTIONS,
        }
        for _, match in self.doc.matches(query):
            field = self.doc.node_text(match["field"][0])
            assign, value = match["assign"][0], match["value"][0]
            options = options_by_field.get(field)
            grant: Grant | None = None
            if field == "AllowAllOrigins" and literal_bool(self.doc, value) is True:
                grant = Grant(OriginKind.ANY, assign)
            elif field in {"AllowOrigins", "AllowedOrigins"}:
                grant = self._origin_list(value, assign, comma_separated=False)
            elif field in {"AllowOriginFunc", "AllowOriginsFunc"} and value.type == "func_literal":
                grant = Grant(OriginKind.REFLECTED, assign) if _always_true(self.doc, value) else None
                options = _GIN_CONFIG
            if grant is not None and options is not None:
                shown = _first_line(self.doc, assign)
                yield self._report(grant, shown, options.hint, self._credentials(assign))

    def _credentials_field(self, fields: dict[str, tree_sitter.Node]) -> str | None:
        element = fields.get("AllowCredentials")
        if element is not None and literal_bool(self.doc, _value(element)) is True:
            return "AllowCredentials: true"
        return None

    def _credentials(self, node: tree_sitter.Node) -> str | None:
        """Credentials switched on in the same function (`AllowCredentials = true`, the header)."""
        scope = _enclosing_function(node) or self.doc.root
        match = _CREDENTIALS.search(self.doc.node_text(scope))
        return " ".join(match.group(0).split()) if match else None

    # -- hand-written headers ------------------------------------------------------------------

    def _header_calls(self) -> Iterator[Report]:
        query = """
        (call_expression
          function: (selector_expression operand: (_) @receiver field: (field_identifier) @method)
          arguments: (argument_list . (_) @name . (_) @value .)) @call
        """
        for _, match in self.doc.matches(query):
            if self.doc.node_text(match["method"][0]) not in _HEADER_METHODS:
                continue
            if not self._names_allow_origin(match["name"][0]) or self._is_request(match["receiver"][0]):
                continue
            yield from self._header_value(match["value"][0], match["call"][0])

    def _header_index_assignments(self) -> Iterator[Report]:
        query = """
        (assignment_statement
          left: (expression_list . (index_expression operand: (_) @headers index: (_) @name) .)
          right: (expression_list . (_) @value .)) @assign
        """
        for _, match in self.doc.matches(query):
            if self._names_allow_origin(match["name"][0]) and not self._is_request(match["headers"][0]):
                value = match["value"][0]
                if value.type == "composite_literal":
                    body = value.child_by_field_name("body")
                    items = [_value(child) for child in body.named_children] if body is not None else []
                    value = items[0] if len(items) == 1 else value
                yield from self._header_value(value, match["assign"][0])

    def _names_allow_origin(self, node: tree_sitter.Node) -> bool:
        text = literal_string(self.doc, node)
        if text is not None:
            return text.lower() == "access-control-allow-origin"
        if node.type == "selector_expression":
            field = node.child_by_field_name("field")
            return field is not None and self.doc.node_text(field) in _ALLOW_ORIGIN_CONSTANTS
        if node.type == "identifier":
            constant = self._package_string(self.doc.node_text(node))
            return constant is not None and constant.lower() == "access-control-allow-origin"
        return False

    def _package_string(self, name: str) -> str | None:
        """The value of a package-level `const name = "..."` (or `var`)."""
        query = """
        [(const_spec name: (identifier) @name value: (expression_list . (_) @value .))
         (var_spec name: (identifier) @name value: (expression_list . (_) @value .))]
        """
        for _, match in self.doc.matches(query):
            if self.doc.node_text(match["name"][0]) == name and _enclosing_function(match["name"][0]) is None:
                return literal_string(self.doc, match["value"][0])
        return None

    def _is_request(self, receiver: tree_sitter.Node) -> bool:
        """A header map on an outgoing or incoming *request* (a client mistake, not a policy)."""
        text = self.doc.node_text(receiver)
        if re.search(r"(^|\.)(Request|Req)(\(\))?\.Header$", text) or text.endswith("RequestHeader"):
            return True
        base = text.split(".", 1)[0]
        scope = _enclosing_function(receiver)
        if scope is None or not text.endswith(".Header"):
            return False
        declared = re.search(
            rf"\b{re.escape(base)}\s+\*?http\.Request\b|\b{re.escape(base)}\s*,\s*\w+\s*:?=\s*http\.NewRequest",
            self.doc.node_text(scope),
        )
        return declared is not None

    def _header_value(self, value: tree_sitter.Node, call: tree_sitter.Node) -> Iterator[Report]:
        grant = self._header_grant(value, call)
        if grant is not None:
            shown = _first_line(self.doc, call)
            yield self._report(grant, shown, _HEADER_HINT, self._credentials_header(call))

    def _header_grant(self, value: tree_sitter.Node, call: tree_sitter.Node) -> Grant | None:
        text = literal_string(self.doc, value)
        if text is not None:
            kind = classify_origin(text)
            if (
                kind is OriginKind.SPECIFIC
                or is_trusted(text, self.ctx.config)
                or self._configured_wildcard(call)
            ):
                return None
            return Grant(kind, call)
        if value.type == "identifier":
            bound = self._local_value(value)
            if bound is not None and literal_string(self.doc, bound) is not None:
                return self._header_grant(bound, call)
            constant = self._package_string(self.doc.node_text(value)) if bound is None else None
            if constant is not None and classify_origin(constant) is not OriginKind.SPECIFIC:
                return (
                    None if is_trusted(constant, self.ctx.config) else Grant(classify_origin(constant), call)
                )
        names = self._reflected_names(value)
        if names and not self._checked(call, names):
            return Grant(OriginKind.REFLECTED, call)
        return None

    def _configured_wildcard(self, call: tree_sitter.Node) -> bool:
        """`if c.allowedOriginsAll { headers.Set(..., "*") }`: a CORS library applying its own options."""
        current = call.parent
        while current is not None and current.type not in _FUNCTIONS:
            condition = current.child_by_field_name("condition") if current.type == "if_statement" else None
            if condition is not None and _WILDCARD_OPTION.search(self.doc.node_text(condition)):
                return True
            current = current.parent
        return False

    def _reflected_names(self, value: tree_sitter.Node) -> set[str]:
        if self._reads_request_origin(value):
            return {self.doc.node_text(value)}
        if value.type != "identifier":
            return set()
        bound = self._local_value(value)
        if bound is not None and self._reads_request_origin(bound):
            return {self.doc.node_text(value), self.doc.node_text(bound)}
        return set()

    def _reads_request_origin(self, node: tree_sitter.Node) -> bool:
        """`r.Header.Get("Origin")`, `c.GetHeader("Origin")`, `string(ctx.Request.Header.Peek("Origin"))`."""
        if node.type == "call_expression" and self.doc.node_text(
            node.child_by_field_name("function") or node
        ) in {
            "string",
            "strings.TrimSpace",
        }:
            args = _arguments(node)
            return len(args) == 1 and self._reads_request_origin(args[0])
        if node.type != "call_expression":
            return False
        callee = node.child_by_field_name("function")
        args = _arguments(node)
        if callee is None or callee.type != "selector_expression" or len(args) != 1:
            return False
        field = callee.child_by_field_name("field")
        if field is None or self.doc.node_text(field) not in _ORIGIN_GETTERS:
            return False
        header = literal_string(self.doc, args[0])
        if header is not None:
            return header.lower() == "origin"
        constant = args[0].child_by_field_name("field") if args[0].type == "selector_expression" else None
        return constant is not None and self.doc.node_text(constant) in _ORIGIN_CONSTANTS

    def _local_value(self, identifier: tree_sitter.Node) -> tree_sitter.Node | None:
        """The value a name is first given in the enclosing function (`origin := ...`)."""
        name = self.doc.node_text(identifier)
        scope = _enclosing_function(identifier)
        if scope is None:
            return None
        for node in walk(scope):
            if node.type not in {"short_var_declaration", "var_spec"}:
                continue
            left = node.child_by_field_name("left") or node.child_by_field_name("name")
            right = node.child_by_field_name("right") or node.child_by_field_name("value")
            if left is None or right is None:
                continue
            names = (
                [self.doc.node_text(n) for n in left.named_children]
                if left.type == "expression_list"
                else [self.doc.node_text(left)]
            )
            values = right.named_children if right.type == "expression_list" else [right]
            if name in names and len(values) == len(names):
                return values[names.index(name)]
        return None

    def _checked(self, call: tree_sitter.Node, names: set[str]) -> bool:
        """Whether the origin is compared against an allowlist anywhere in the enclosing functions."""
        scope = _enclosing_function(call)
        while scope is not None:
            if self._compares_origin(scope, names):
                return True
            scope = _enclosing_function(scope)
        return False

    def _compares_origin(self, scope: tree_sitter.Node, names: set[str]) -> bool:
        for node in walk(scope):
            if node.type == "index_expression":
                index = node.child_by_field_name("index")
                if index is not None and self.doc.node_text(index) in names:
                    return True
            elif (node.type == "call_expression" and self._is_check_call(node, names)) or (
                node.type == "binary_expression" and self._is_comparison(node, names)
            ):
                return True
            elif node.type == "expression_switch_statement":
                value = node.child_by_field_name("value")
                if value is not None and self.doc.node_text(value) in names:
                    return True
        return False

    def _is_check_call(self, call: tree_sitter.Node, names: set[str]) -> bool:
        args = _arguments(call)
        if not any(self.doc.node_text(arg) in names for arg in args):
            return False
        callee = self.doc.node_text(call.child_by_field_name("function") or call)
        method = callee.rsplit(".", 1)[-1]
        return method not in _HEADER_METHODS and _LOGGING.search(callee) is None and callee != "len"

    def _is_comparison(self, node: tree_sitter.Node, names: set[str]) -> bool:
        operator = node.child_by_field_name("operator")
        if operator is None or operator.type not in {"==", "!="}:
            return False
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if left is None or right is None:
            return False
        for mine, other in ((left, right), (right, left)):
            if self.doc.node_text(mine) in names:
                return literal_string(self.doc, other) != "" and other.type != "nil"
        return False

    def _credentials_header(self, call: tree_sitter.Node) -> str | None:
        scope = _enclosing_function(call) or self.doc.root
        text = self.doc.node_text(scope)
        pattern = r"""(Access-Control-Allow-Credentials"|HeaderAccessControlAllowCredentials)\s*,\s*(\[\]string\{)?"true\""""
        return "Access-Control-Allow-Credentials: true" if re.search(pattern, text, re.I) else None

    def _report(self, grant: Grant, shown: str, hint: str, credentials: str | None) -> Report:
        return Report(
            range=self.doc.range_of(grant.node),
            message=permissive_message(grant.kind, shown, credentials),
            hint=hint,
            severity=cors_severity(credentials is not None),
        )


def _is_wrapper(doc: Document, call: tree_sitter.Node, target: str) -> bool:
    """`func AllowAll() ... { return cors.AllowAll() }`: a library re-exporting the constructor."""
    function = _enclosing_function(call)
    name = function.child_by_field_name("name") if function is not None else None
    return name is not None and doc.node_text(name) == target.rsplit(".", 1)[-1]


def _fields(doc: Document, body: tree_sitter.Node) -> dict[str, tree_sitter.Node]:
    """The keyed elements of a struct literal by field name."""
    found: dict[str, tree_sitter.Node] = {}
    for element in body.named_children:
        if element.type != "keyed_element":
            continue
        key = element.child_by_field_name("key") or element.named_children[0]
        found[doc.node_text(key).strip()] = element
    return found


def _value(element: tree_sitter.Node) -> tree_sitter.Node:
    """The value of a keyed or plain literal element, unwrapped."""
    if element.type == "keyed_element":
        value = element.child_by_field_name("value") or element.named_children[-1]
        element = value
    if element.type == "literal_element" and element.named_children:
        return element.named_children[0]
    return element


def _always_true(doc: Document, function: tree_sitter.Node) -> bool:
    """A func literal whose every return says yes: `return true` (Echo: `return true, nil`)."""
    body = function.child_by_field_name("body") if function.type == "func_literal" else None
    if body is None:
        return False
    returns = [node for node in walk(body) if node.type == "return_statement"]
    if not returns:
        return False
    for statement in returns:
        values = statement.named_children[0].named_children if statement.named_children else []
        if not values or literal_bool(doc, values[0]) is not True:
            return False
    return True


def _arguments(call: tree_sitter.Node) -> list[tree_sitter.Node]:
    args = call.child_by_field_name("arguments")
    return [arg for arg in args.named_children if arg.type != "comment"] if args is not None else []


def _enclosing_function(node: tree_sitter.Node) -> tree_sitter.Node | None:
    current = node.parent
    while current is not None and current.type not in _FUNCTIONS:
        current = current.parent
    return current


def _first_line(doc: Document, node: tree_sitter.Node) -> str:
    text = doc.node_text(node).split("\n", 1)[0].strip()
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 3] + "..."
