"""Permissive-CORS detection for Java (see permissive_cors.py for the rule and its docs).

Covers Spring (`@CrossOrigin`, `CorsRegistry` chains, `CorsConfiguration`), servlet, JAX-RS and
Spring response headers written by hand, the Jetty/Tomcat CORS filters' init parameters,
Javalin's CORS plugin and Vert.x's `CorsHandler`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from agentguard.rules.cors.origins import (
    OriginKind,
    classify_origin,
    classify_regex,
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

_SPRING_ANNOTATIONS = "org.springframework.web.bind.annotation"
_CROSS_ORIGIN = f"{_SPRING_ANNOTATIONS}.CrossOrigin"
_CROSS_ORIGIN_HINT = 'list the allowed origins: `@CrossOrigin(origins = "https://app.example.com")`'
_REGISTRY_HINT = (
    'list the allowed origins: `registry.addMapping("/**").allowedOrigins("https://app.example.com")`, '
    "or read them from configuration"
)
_CONFIGURATION_HINT = (
    'list the allowed origins: `config.setAllowedOrigins(List.of("https://app.example.com"))`, '
    "or read them from configuration"
)
_HEADER_HINT = (
    "send `Access-Control-Allow-Origin` only for origins in an allowlist "
    "(e.g. `if (ALLOWED.contains(origin)) response.setHeader(...)`), or use Spring's CORS support"
)
_FILTER_HINT = 'set the filter\'s allowed origins to an explicit list: "https://app.example.com"'
_JAVALIN_HINT = 'allow specific hosts: `cors.addRule(it -> it.allowHost("https://app.example.com"))`'
_VERTX_HINT = (
    'pass a pattern for your own origins: `CorsHandler.create().addOrigin("https://app.example.com")`'
)

_ORIGIN_SETTERS = frozenset(
    {"addAllowedOrigin", "setAllowedOrigins", "addAllowedOriginPattern", "setAllowedOriginPatterns"}
)
_REGISTRY_ORIGINS = frozenset({"allowedOrigins", "allowedOriginPatterns"})
_HEADER_METHODS = frozenset(
    {"setHeader", "addHeader", "header", "add", "set", "put", "putSingle", "putHeader"}
)
_MAP_FACTORIES = frozenset({"Map", "ImmutableMap", "java.util.Map"})
_ALLOW_ORIGIN_CONSTANT = "ACCESS_CONTROL_ALLOW_ORIGIN"
_ORIGIN_GETTERS = frozenset(
    {"getHeader", "getHeaderString", "getFirst", "get", "header", "headers", "getRequestHeader"}
)
# Receivers that are HTTP *client* requests or test assertions: a header there is not a policy.
_CLIENT_TYPES = LazyPattern(
    r"^(Http(Get|Post|Put|Patch|Delete|Head|Options|RequestBase|UriRequest|URLConnection|sURLConnection)"
    r"|URLConnection|HttpRequest\.Builder|Request\.Builder|ClientRequestContext|ClientHttpRequest"
    r"|MockHttpServletRequest|RequestSpecification|WebClient.*|HttpEntity.*)$"
)
_CLIENT_CHAINS = LazyPattern(
    r"\b(newBuilder|Request\.Builder|given|then|expect\w*|webTestClient|RestAssured|MockMvcRequestBuilders"
    r"|mockMvc|restTemplate|WebClient|HttpRequest)\b"
)
_LOGGING = LazyPattern(
    r"^(log|logger|LOG|LOGGER|System\.out|System\.err)\.|\.(debug|info|warn|error|trace|println)$"
)
_CHECK_METHODS = frozenset({"equals", "equalsIgnoreCase", "endsWith", "startsWith", "matches", "contains"})
_FUNCTIONS = frozenset({"method_declaration", "constructor_declaration", "lambda_expression"})
_MAX_SHOWN = 60


def detect(ctx: Context) -> Iterator[Report]:
    """Yield a report for each permissive CORS set-up in the document."""
    yield from first_per_position(_Detector(ctx).reports())


@dataclass(frozen=True)
class Grant:
    """What one origin setting allows, and where it is said."""

    kind: OriginKind
    start: tree_sitter.Node
    end: tree_sitter.Node


class _Detector:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.doc: Document = ctx.doc

    def reports(self) -> Iterator[Report]:
        yield from self._cross_origin_annotations()
        query = "(method_invocation name: (identifier) @name arguments: (argument_list) @args) @call"
        javalin = self.doc.imports.imports_module("io.javalin")
        for _, match in self.doc.matches(query):
            name = self.doc.node_text(match["name"][0])
            call, args = match["call"][0], _arguments(match["args"][0])
            yield from self._invocation(name, call, args, javalin)
        if javalin:
            yield from self._javalin_fields()

    def _invocation(
        self, name: str, call: tree_sitter.Node, args: list[tree_sitter.Node], javalin: bool
    ) -> Iterator[Report]:
        if name == "addMapping":
            yield from self._registry_chain(call)
        elif name in _ORIGIN_SETTERS and len(args) == 1:
            yield from self._configuration_origins(name, call, args[0])
        elif name == "applyPermitDefaultValues" and not args:
            yield from self._permit_defaults(call)
        elif name in _HEADER_METHODS and len(args) == 2 and self._names_allow_origin(args[0]):
            yield from self._header(call, args[1])
        elif name == "of" and self._receiver_text(call) in _MAP_FACTORIES and len(args) % 2 == 0:
            for key, value in zip(args[::2], args[1::2], strict=True):
                if self._names_allow_origin(key):
                    yield from self._header(call, value)
        elif name == "setAccessControlAllowOrigin" and len(args) == 1:
            yield from self._header(call, args[0])
        elif name == "setInitParameter" and len(args) == 2:
            yield from self._filter_parameter(call, args)
        elif name == "create" and self._receiver_text(call) == "CorsHandler":
            yield from self._vertx(call, args)
        elif javalin and name in {"anyHost", "enableCorsForAllOrigins"} and not args:
            grant = Grant(OriginKind.ANY, call, call)
            yield self._report(grant, _JAVALIN_HINT, self._javalin_credentials(call))

    # -- Spring --------------------------------------------------------------------------------

    def _cross_origin_annotations(self) -> Iterator[Report]:
        query = "[(annotation name: (_) @name) (marker_annotation name: (_) @name)] @annotation"
        for _, match in self.doc.matches(query):
            if not self._is_cross_origin(match["name"][0]):
                continue
            annotation = match["annotation"][0]
            values = _annotation_values(self.doc, annotation)
            credentials = values.get("allowCredentials")
            enabled = credentials is not None and literal_string(self.doc, credentials) == "true"
            shown_credentials = 'allowCredentials = "true"' if enabled else None
            grant = self._annotation_grant(annotation, values)
            if grant is not None:
                yield self._report(grant, _CROSS_ORIGIN_HINT, shown_credentials)

    def _is_cross_origin(self, name: tree_sitter.Node) -> bool:
        text = self.doc.node_text(name)
        if text == _CROSS_ORIGIN:
            return True
        if text != "CrossOrigin":
            return False
        bound = self.doc.imports.resolve(text)
        return bound == _CROSS_ORIGIN or (bound is None and _SPRING_ANNOTATIONS in self.doc.imports.wildcards)

    def _annotation_grant(
        self, annotation: tree_sitter.Node, values: dict[str, tree_sitter.Node]
    ) -> Grant | None:
        origins = [values[key] for key in ("value", "origins", "originPatterns") if key in values]
        if not origins:
            if self._class_lists_origins(annotation):
                return None
            return Grant(OriginKind.ANY, annotation, annotation)
        for value in origins:
            kind = self._strings_kind(_strings(self.doc, value))
            if kind is not None:
                return Grant(kind, annotation, annotation)
        return None

    def _class_lists_origins(self, annotation: tree_sitter.Node) -> bool:
        """A method's bare `@CrossOrigin` inherits the origins of its class's `@CrossOrigin`."""
        owner = annotation.parent.parent if annotation.parent is not None else None
        if owner is None or owner.type != "method_declaration":
            return False
        current = owner.parent
        while current is not None and current.type not in {"class_declaration", "interface_declaration"}:
            current = current.parent
        modifiers = next((c for c in current.children if c.type == "modifiers"), None) if current else None
        if modifiers is None:
            return False
        for child in modifiers.named_children:
            name = child.child_by_field_name("name")
            if child.type == "annotation" and name is not None and self._is_cross_origin(name):
                values = _annotation_values(self.doc, child)
                if any(key in values for key in ("value", "origins", "originPatterns")):
                    return True
        return False

    def _registry_chain(self, mapping: tree_sitter.Node) -> Iterator[Report]:
        """`registry.addMapping("/**").allowedOrigins("*").allowCredentials(true)`."""
        chain = [mapping]
        current = mapping
        while current.parent is not None and current.parent.type == "method_invocation":
            parent = current.parent
            if parent.child_by_field_name("object") != current:
                break
            chain.append(parent)
            current = parent
        credentials = self._chain_credentials(chain)
        origin_calls = [call for call in chain if self._name(call) in _REGISTRY_ORIGINS]
        for call in origin_calls:
            args = _arguments(call.child_by_field_name("arguments"))
            kind = self._strings_kind([s for arg in args for s in _strings(self.doc, arg)])
            if kind is not None:
                name = call.child_by_field_name("name") or call
                yield self._report(Grant(kind, name, call), _REGISTRY_HINT, credentials)
                return
        statement = current.parent
        if not origin_calls and statement is not None and statement.type == "expression_statement":
            yield self._report(Grant(OriginKind.ANY, mapping, mapping), _REGISTRY_HINT, credentials)

    def _chain_credentials(self, chain: list[tree_sitter.Node]) -> str | None:
        for call in chain:
            args = _arguments(call.child_by_field_name("arguments"))
            if self._name(call) == "allowCredentials" and args and literal_bool(self.doc, args[0]) is True:
                return "allowCredentials(true)"
        return None

    def _configuration_origins(
        self, name: str, call: tree_sitter.Node, arg: tree_sitter.Node
    ) -> Iterator[Report]:
        """`config.addAllowedOrigin("*")`, `config.setAllowedOrigins(List.of("*"))`."""
        kind = self._strings_kind(_strings(self.doc, arg))
        if kind is None:
            return
        method = call.child_by_field_name("name") or call
        start = call.child_by_field_name("object") or method
        yield self._report(
            Grant(kind, start, call), _CONFIGURATION_HINT, self._configuration_credentials(call)
        )

    def _permit_defaults(self, call: tree_sitter.Node) -> Iterator[Report]:
        """`applyPermitDefaultValues()` allows every origin unless origins are set as well."""
        receiver = self._receiver_text(call)
        scope = _enclosing_function(call) or self.doc.root
        setters = "|".join(_ORIGIN_SETTERS)
        if receiver and re.search(
            rf"\b{re.escape(receiver)}\s*\.\s*({setters})\s*\(", self.doc.node_text(scope)
        ):
            return
        if call.parent is not None and call.parent.type == "method_invocation":
            return  # `.applyPermitDefaultValues().setAllowedOrigins(...)`-style chains set origins next
        grant = Grant(OriginKind.ANY, call, call)
        yield self._report(grant, _CONFIGURATION_HINT, self._configuration_credentials(call))

    def _configuration_credentials(self, call: tree_sitter.Node) -> str | None:
        receiver = self._receiver_text(call)
        scope = _enclosing_function(call)
        if not receiver or scope is None or receiver.startswith("new "):
            return None
        pattern = rf"\b{re.escape(receiver)}\s*\.\s*setAllowCredentials\s*\(\s*(true|Boolean\.TRUE)\s*\)"
        return "setAllowCredentials(true)" if re.search(pattern, self.doc.node_text(scope)) else None

    # -- hand-written headers --------------------------------------------------------------------

    def _names_allow_origin(self, node: tree_sitter.Node) -> bool:
        if node.type == "object_creation_expression":  # Undertow's `new HttpString("...")`
            args = _arguments(node.child_by_field_name("arguments"))
            node = args[0] if len(args) == 1 else node
        text = literal_string(self.doc, node)
        if text is not None:
            return text.lower() == "access-control-allow-origin"
        return node.type in {"field_access", "identifier"} and self.doc.node_text(node).endswith(
            _ALLOW_ORIGIN_CONSTANT
        )

    def _header(self, call: tree_sitter.Node, value: tree_sitter.Node) -> Iterator[Report]:
        if self._is_client(call):
            return
        grant = self._header_grant(call, value)
        if grant is not None:
            yield self._report(grant, _HEADER_HINT, _credentials_header(self.doc, call))

    def _header_grant(self, call: tree_sitter.Node, value: tree_sitter.Node) -> Grant | None:
        text = literal_string(self.doc, value)
        if text is None and value.type == "identifier":
            bound = self._local_value(value)
            text = literal_string(self.doc, bound) if bound is not None else None
        if text is not None:
            kind = classify_origin(text)
            if kind is OriginKind.SPECIFIC or is_trusted(text, self.ctx.config):
                return None
            return Grant(kind, _method_start(call), call)
        names = self._reflected_names(value)
        if names and not self._checked(call, names):
            return Grant(OriginKind.REFLECTED, _method_start(call), call)
        return None

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
        """`request.getHeader("Origin")`, `ctx.getHeaderString(HttpHeaders.ORIGIN)`, `headers.getOrigin()`."""
        if node.type != "method_invocation":
            return False
        name = self._name(node)
        args = _arguments(node.child_by_field_name("arguments"))
        if name == "getOrigin" and not args:
            return True
        if name not in _ORIGIN_GETTERS or len(args) != 1:
            return False
        header = literal_string(self.doc, args[0])
        if header is not None:
            return header.lower() == "origin"
        return self.doc.node_text(args[0]).endswith(".ORIGIN")

    def _local_value(self, identifier: tree_sitter.Node) -> tree_sitter.Node | None:
        name = self.doc.node_text(identifier)
        scope = _enclosing_function(identifier)
        while scope is not None:
            for node in walk(scope):
                if node.type == "variable_declarator":
                    target = node.child_by_field_name("name")
                    if target is not None and self.doc.node_text(target) == name:
                        return node.child_by_field_name("value")
            scope = _enclosing_function(scope)
        return None

    def _checked(self, call: tree_sitter.Node, names: set[str]) -> bool:
        scope = _enclosing_function(call)
        while scope is not None:
            if self._compares_origin(scope, names):
                return True
            scope = _enclosing_function(scope)
        return False

    def _compares_origin(self, scope: tree_sitter.Node, names: set[str]) -> bool:
        for node in walk(scope):
            if node.type == "method_invocation" and self._is_check_call(node, names):
                return True
            if node.type in {"switch_expression", "switch_statement"}:
                condition = node.child_by_field_name("condition")
                if condition is not None and self.doc.node_text(condition).strip("() ") in names:
                    return True
        return False

    def _is_check_call(self, call: tree_sitter.Node, names: set[str]) -> bool:
        name = self._name(call)
        args = _arguments(call.child_by_field_name("arguments"))
        receiver = call.child_by_field_name("object")
        if receiver is not None and self.doc.node_text(receiver) in names:
            return name in _CHECK_METHODS
        if not any(self.doc.node_text(arg) in names for arg in args):
            return False
        callee = self.doc.node_text(receiver) + "." + name if receiver is not None else name
        return (
            name not in _HEADER_METHODS
            and _LOGGING.search(callee) is None
            and name != "setAccessControlAllowOrigin"
        )

    def _is_client(self, call: tree_sitter.Node) -> bool:
        """A header on an HTTP client request or in a test assertion, not on a response."""
        receiver = call.child_by_field_name("object")
        if receiver is None:
            return False
        if _CLIENT_CHAINS.search(self.doc.node_text(receiver)):
            return True
        root = receiver
        while root.type in {"method_invocation", "field_access"}:
            inner = root.child_by_field_name("object")
            if inner is None:
                break
            root = inner
        declared = self._declared_type(root) if root.type == "identifier" else None
        return declared is not None and _CLIENT_TYPES.match(declared) is not None

    def _declared_type(self, identifier: tree_sitter.Node) -> str | None:
        name = self.doc.node_text(identifier)
        scope = _enclosing_function(identifier)
        while scope is not None:
            for node in walk(scope):
                if node.type not in {"formal_parameter", "local_variable_declaration"}:
                    continue
                declared = node.child_by_field_name("type")
                names = [node.child_by_field_name("name")] + [
                    d.child_by_field_name("name")
                    for d in node.named_children
                    if d.type == "variable_declarator"
                ]
                if declared is not None and any(
                    n is not None and self.doc.node_text(n) == name for n in names
                ):
                    return self.doc.node_text(declared)
            scope = _enclosing_function(scope)
        return None

    # -- servlet filters, Javalin, Vert.x ----------------------------------------------------------

    def _filter_parameter(self, call: tree_sitter.Node, args: list[tree_sitter.Node]) -> Iterator[Report]:
        """Jetty `CrossOriginFilter.ALLOWED_ORIGINS_PARAM` / Tomcat `cors.allowed.origins` set to `*`."""
        key = literal_string(self.doc, args[0]) or self.doc.node_text(args[0])
        if not (key.endswith("ALLOWED_ORIGINS_PARAM") or key in {"allowedOrigins", "cors.allowed.origins"}):
            return
        value = literal_string(self.doc, args[1])
        kind = self._strings_kind(value.split(",")) if value is not None else None
        if kind is None:
            return
        scope = _enclosing_function(call) or self.doc.root
        pattern = (
            r"""(ALLOW_CREDENTIALS_PARAM|"allowCredentials"|"cors\.support\.credentials")\s*,\s*"true\""""
        )
        credentials = "allowCredentials = true" if re.search(pattern, self.doc.node_text(scope)) else None
        yield self._report(Grant(kind, call, call), _FILTER_HINT, credentials)

    def _javalin_fields(self) -> Iterator[Report]:
        query = "(assignment_expression left: (field_access field: (identifier) @field) right: (_) @value) @assign"
        for _, match in self.doc.matches(query):
            if self.doc.node_text(match["field"][0]) != "reflectClientOrigin":
                continue
            if literal_bool(self.doc, match["value"][0]) is True:
                assign = match["assign"][0]
                yield self._report(
                    Grant(OriginKind.REFLECTED, assign, assign),
                    _JAVALIN_HINT,
                    self._javalin_credentials(assign),
                )

    def _javalin_credentials(self, node: tree_sitter.Node) -> str | None:
        scope = _enclosing_function(node) or self.doc.root
        text = self.doc.node_text(scope)
        return "allowCredentials = true" if re.search(r"\.allowCredentials\s*=\s*true", text) else None

    def _vertx(self, call: tree_sitter.Node, args: list[tree_sitter.Node]) -> Iterator[Report]:
        """`CorsHandler.create("*")` or `CorsHandler.create(".*")` (an origin regex)."""
        kind: OriginKind | None = None
        if not args:
            chain = self.doc.node_text(call.parent) if call.parent is not None else ""
            kind = None if "addOrigin" in chain else OriginKind.ANY
        else:
            pattern = literal_string(self.doc, args[0])
            if pattern is not None and not is_trusted(pattern, self.ctx.config):
                kind = OriginKind.ANY if pattern.strip() == "*" else _regex_kind(pattern)
        if kind is None or kind is OriginKind.SPECIFIC:
            return
        chain_text = self.doc.node_text(_chain_top(call))
        credentials = (
            "allowCredentials(true)" if re.search(r"allowCredentials\(\s*true\s*\)", chain_text) else None
        )
        yield self._report(Grant(kind, call, call), _VERTX_HINT, credentials)

    # -- shared --------------------------------------------------------------------------------------

    def _strings_kind(self, values: list[str]) -> OriginKind | None:
        """The first permissive origin among string values (trusted origins excepted)."""
        for value in values:
            kind = classify_origin(value)
            if kind is not OriginKind.SPECIFIC and not is_trusted(value.strip(), self.ctx.config):
                return kind
        return None

    def _name(self, call: tree_sitter.Node) -> str:
        name = call.child_by_field_name("name")
        return self.doc.node_text(name) if name is not None else ""

    def _receiver_text(self, call: tree_sitter.Node) -> str:
        receiver = call.child_by_field_name("object")
        return self.doc.node_text(receiver) if receiver is not None else ""

    def _report(self, grant: Grant, hint: str, credentials: str | None) -> Report:
        text = self.doc.source[grant.start.start_byte : grant.end.end_byte].decode("utf-8", "replace")
        shown = text.split("\n", 1)[0].strip()
        shown = shown if len(shown) <= _MAX_SHOWN else shown[: _MAX_SHOWN - 3] + "..."
        return Report(
            range=self.doc.range_of(grant.start, grant.end),
            message=permissive_message(grant.kind, shown, credentials),
            hint=hint,
            severity=cors_severity(credentials is not None),
        )


def _annotation_values(doc: Document, annotation: tree_sitter.Node) -> dict[str, tree_sitter.Node]:
    """An annotation's element values by name (a lone unnamed value is `value`)."""
    arguments = annotation.child_by_field_name("arguments")
    found: dict[str, tree_sitter.Node] = {}
    if arguments is None:
        return found
    for child in arguments.named_children:
        if child.type == "element_value_pair":
            key, value = child.child_by_field_name("key"), child.child_by_field_name("value")
            if key is not None and value is not None:
                found[doc.node_text(key)] = value
        elif child.type != "comment":
            found["value"] = child
    return found


def _strings(doc: Document, node: tree_sitter.Node) -> list[str]:
    """The string constants an origin argument holds: `"*"`, `{"*"}`, `List.of("*")`, `CorsConfiguration.ALL`."""
    text = literal_string(doc, node)
    if text is not None:
        return [text]
    if node.type == "field_access" and doc.node_text(node).replace(" ", "") == "CorsConfiguration.ALL":
        return ["*"]
    if node.type in {"element_value_array_initializer", "array_initializer"}:
        return [s for child in node.named_children for s in _strings(doc, child)]
    if node.type == "array_creation_expression":
        value = node.child_by_field_name("value")
        return _strings(doc, value) if value is not None else []
    if node.type == "method_invocation" and re.search(
        r"(List\.of|Set\.of|Arrays\.asList|Collections\.singletonList|Collections\.singleton|Stream\.of)$",
        doc.node_text(node).split("(", 1)[0].replace(" ", ""),
    ):
        return [s for arg in _arguments(node.child_by_field_name("arguments")) for s in _strings(doc, arg)]
    return []


def _arguments(args: tree_sitter.Node | None) -> list[tree_sitter.Node]:
    return [arg for arg in args.named_children if "comment" not in arg.type] if args is not None else []


def _regex_kind(pattern: str) -> OriginKind:
    """An origin regex that also matches an attacker's origin is a catch-all (`.*.`, `https?://.*`)."""
    try:
        matches_anyone = re.fullmatch(pattern, "https://attacker.invalid") is not None
    except re.error:
        matches_anyone = False
    return OriginKind.CATCH_ALL if matches_anyone else classify_regex(pattern)


def _method_start(call: tree_sitter.Node) -> tree_sitter.Node:
    """Where a call in a multi-line chain starts: `response.setHeader`, or `.header` in a chain."""
    receiver = call.child_by_field_name("object")
    if receiver is not None and receiver.type == "method_invocation":
        return call.child_by_field_name("name") or call
    return call


def _chain_top(call: tree_sitter.Node) -> tree_sitter.Node:
    current = call
    while current.parent is not None and current.parent.type == "method_invocation":
        current = current.parent
    return current


def _enclosing_function(node: tree_sitter.Node) -> tree_sitter.Node | None:
    current = node.parent
    while current is not None and current.type not in _FUNCTIONS:
        current = current.parent
    return current


_CREDENTIALS_HEADER = LazyPattern(
    r"""(Access-Control-Allow-Credentials"|ACCESS_CONTROL_ALLOW_CREDENTIALS)\s*,\s*"?true"""
    r"""|setAccessControlAllowCredentials\(\s*true\s*\)""",
    re.I,
)


def _credentials_header(doc: Document, call: tree_sitter.Node) -> str | None:
    scope = _enclosing_function(call) or doc.root
    return (
        "Access-Control-Allow-Credentials: true" if _CREDENTIALS_HEADER.search(doc.node_text(scope)) else None
    )
