"""Permissive-CORS detection for JavaScript, TypeScript and TSX (see permissive_cors.py for the docs).

Three kinds of places set a CORS policy: a middleware factory called with options (`cors()`,
`@fastify/cors`, `@koa/cors`, `hono/cors`, NestJS `enableCors`, socket.io, Apollo, hapi), a
response header written by hand (`res.setHeader(...)`, `{ "Access-Control-Allow-Origin": "*" }`
in a response's headers, Next.js `headers()` entries), and the values they are given (literals,
same-file constants, origin callbacks, the request's own `Origin` header).
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
from agentguard.rules.lazy_patterns import LazyPattern
from agentguard.rules.literals import is_null, literal_bool, literal_string
from agentguard.rules.model import Report

if TYPE_CHECKING:
    import tree_sitter

    from agentguard.rules.document import Document
    from agentguard.rules.rule import Context

ALLOW_ORIGIN = "access-control-allow-origin"
ALLOW_CREDENTIALS = "access-control-allow-credentials"


@dataclass(frozen=True)
class Middleware:
    """A CORS middleware package: what it allows when no origin is given, and how to fix it."""

    label: str
    default: OriginKind | None
    hint: str


_EXPRESS_HINT = (
    'pass an explicit allowlist, e.g. `cors({ origin: ["https://app.example.com"] })`, '
    "or read it from configuration; never combine `origin: true` or `*` with credentials"
)
_KOA_HINT = (
    "set `origin` to a function that returns the request origin only when it is in your allowlist "
    "(and `false` otherwise)"
)
_FASTIFY_HINT = 'register the plugin with an explicit allowlist: `{ origin: ["https://app.example.com"] }`'
_HONO_HINT = 'pass an explicit allowlist: `cors({ origin: ["https://app.example.com"] })`'
_NEST_HINT = 'pass an explicit allowlist: `app.enableCors({ origin: ["https://app.example.com"] })`'
_SOCKET_HINT = 'give socket.io an explicit allowlist: `cors: { origin: ["https://app.example.com"] }`'
_APOLLO_HINT = 'pass an explicit allowlist: `cors: { origin: ["https://app.example.com"] }`'
_HAPI_HINT = "give hapi an explicit allowlist: `cors: { origin: ['https://app.example.com'] }`"
_HEADER_HINT = (
    "send `Access-Control-Allow-Origin` only for origins in an allowlist "
    "(e.g. `if (allowed.includes(origin)) res.setHeader(...)`), or use a vetted CORS middleware"
)

_ANY_DEFAULT = OriginKind.ANY
MIDDLEWARES: dict[str, Middleware] = {
    "cors": Middleware("`cors()`", _ANY_DEFAULT, _EXPRESS_HINT),
    "@koa/cors": Middleware("`@koa/cors`", _ANY_DEFAULT, _KOA_HINT),
    "kcors": Middleware("`kcors`", OriginKind.REFLECTED, _KOA_HINT),
    "koa-cors": Middleware("`koa-cors`", OriginKind.REFLECTED, _KOA_HINT),
    "koa2-cors": Middleware("`koa2-cors`", _ANY_DEFAULT, _KOA_HINT),
    "@fastify/cors": Middleware("`@fastify/cors`", _ANY_DEFAULT, _FASTIFY_HINT),
    "fastify-cors": Middleware("`fastify-cors`", _ANY_DEFAULT, _FASTIFY_HINT),
    "hono/cors.cors": Middleware("`cors()` from hono", _ANY_DEFAULT, _HONO_HINT),
    "@elysiajs/cors.cors": Middleware("`cors()` from Elysia", OriginKind.REFLECTED, _HONO_HINT),
    "@elysiajs/cors": Middleware("`cors()` from Elysia", OriginKind.REFLECTED, _HONO_HINT),
}
_FASTIFY_PLUGINS = frozenset({"@fastify/cors", "fastify-cors"})
_SOCKET_IO = frozenset({"socket.io", "socket.io.Server"})
_APOLLO = LazyPattern(r"^apollo-server(-[a-z]+)?\.ApolloServer$")
_NEST_FACTORY = "@nestjs/core.NestFactory.create"
_HAPI_MODULES = ("@hapi/hapi", "hapi")

# Client libraries: a header in their request options is a (harmless) client mistake, not a policy.
_CLIENT_CALLEE = LazyPattern(
    r"^(fetch|window\.fetch|axios|got|ky|ofetch|\$fetch|useFetch|superagent|request|\$\.ajax|jQuery\.ajax"
    r"|(axios|got|ky|superagent|request|api|apiClient|client|http|httpClient|this\.http|this\.httpClient"
    r"|\$http|instance|axiosInstance|\$axios)\.(get|post|put|patch|delete|head|request|create|options|extend))$"
)
# Test assertions about headers (`expect(res.headers).toMatchObject({...})`) describe, not set, a policy.
_ASSERTION_CALLEE = LazyPattern(
    r"^(expect|assert)\b|\.(to[A-Z]\w*|deepEqual|deepStrictEqual|strictEqual|equal|eql|include|match)$"
)
_CLIENT_CONSTRUCTORS = frozenset({"HttpHeaders", "XMLHttpRequest", "HttpRequest", "Request"})
# Development servers (webpack, Vite): their headers never reach production.
_DEV_SERVER_KEYS = frozenset({"devServer", "server", "preview"})
_CDK_HINT = (
    'list the allowed origins: `allowOrigins: ["https://app.example.com"]` instead of `Cors.ALL_ORIGINS`'
)
_CDK_ORIGIN_KEYS = frozenset({"allowOrigins", "allowedOrigins"})
_CORS_OPTIONS_NAME = LazyPattern(r"cors", re.I)
_HEADER_SETTERS = frozenset({"setHeader", "header", "set", "append", "setHeaders"})
_FUNCTIONS = frozenset(
    {
        "function_declaration",
        "function_expression",
        "function",
        "arrow_function",
        "method_definition",
        "generator_function_declaration",
        "generator_function",
    }
)
# How code reads the request's Origin header: `req.headers.origin`, `req.get("origin")`,
# `request.headers.get("origin")`, `ctx.get("Origin")`, `event.headers.Origin`.
_ORIGIN_PROPERTY = LazyPattern(
    r"\.(headers?|request\.headers?)(\.origin|\[\s*[\"'`]origin[\"'`]\s*\])$", re.I
)
_ORIGIN_GETTERS = frozenset({"get", "header", "getHeader", "headers.get", "get_header"})
# Conditions that check an origin against an allowlist (an empty-string test is not one).
_CHECK_METHODS = frozenset(
    {
        "includes",
        "has",
        "indexOf",
        "test",
        "match",
        "some",
        "find",
        "endsWith",
        "startsWith",
        "exec",
        "get",
        "contains",
        "matches",
    }
)
# A condition that vets the origin: it reads it, or asks an allowlist (`isAllowed(req)`).
_ORIGIN_CONDITION = LazyPattern(r"origin|allow_?list|allowed|white_?list|trusted", re.I)
_MAX_SHOWN = 60
_MAX_INDIRECTION = 4


def detect(ctx: Context) -> Iterator[Report]:
    """Yield a report for each permissive CORS set-up in the document."""
    yield from first_per_position(_Detector(ctx).reports())


@dataclass(frozen=True)
class Grant:
    """What one origin setting allows, and the code that says so."""

    kind: OriginKind
    node: tree_sitter.Node
    shown: str


class _Detector:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.doc: Document = ctx.doc
        self._constants: dict[str, tree_sitter.Node] | None = None
        self._identifiers: dict[str, list[tree_sitter.Node]] | None = None

    def reports(self) -> Iterator[Report]:
        # Each check first asks the text whether what it looks for can be there at all (a module
        # name, the header's name): most files have none, and the import map and the queries over
        # every call cost more than the rest of the file's checks together.
        source = self.doc.source
        if _names_middleware_module(source):
            yield from self._middleware_calls()
        if b"@angular/common/http" in source and self.doc.imports.imports_module("@angular/common/http"):
            return  # Angular code sets request headers: a client, not a server.
        if ALLOW_ORIGIN.encode() in source.lower():
            yield from self._header_calls()
            yield from self._header_pairs()
            yield from self._header_assignments()
        yield from self._named_cors_options()
        if (b"aws-cdk-lib" in source or b"@aws-cdk/" in source) and any(
            record.module.startswith(("aws-cdk-lib", "@aws-cdk/")) for record in self.doc.imports.records
        ):
            yield from self._cdk_origins()
        if b"hapi" in source and any(self.doc.imports.imports_module(module) for module in _HAPI_MODULES):
            yield from self._hapi_routes()

    # -- middleware factories -------------------------------------------------------------

    def _middleware_calls(self) -> Iterator[Report]:
        query = """
        (call_expression function: (_) @callee arguments: (arguments) @args) @call
        (new_expression constructor: (_) @callee arguments: (arguments) @args) @call
        """
        for _, match in self.doc.matches(query):
            call, callee, args = match["call"][0], match["callee"][0], match["args"][0]
            yield from self._middleware_call(call, callee, args.named_children)

    def _middleware_call(
        self, call: tree_sitter.Node, callee: tree_sitter.Node, args: list[tree_sitter.Node]
    ) -> Iterator[Report]:
        target = self._resolve(callee)
        if target in MIDDLEWARES and call.type == "call_expression":
            yield from self._options(MIDDLEWARES[target], call, args[0] if args else None)
            return
        method = self._method_name(callee)
        if method == "register" and len(args) >= 1 and self._resolve(args[0]) in _FASTIFY_PLUGINS:
            middleware = MIDDLEWARES["@fastify/cors"]
            yield from self._options(middleware, call, args[1] if len(args) > 1 else None)
        elif method == "enableCors" and self._uses_nest():
            nest = Middleware("`enableCors()`", _ANY_DEFAULT, _NEST_HINT)
            yield from self._options(nest, call, args[0] if args else None)
        elif target == _NEST_FACTORY and len(args) > 1:
            yield from self._cors_option(Middleware("`cors`", _ANY_DEFAULT, _NEST_HINT), args[1])
        elif target in _SOCKET_IO and args:
            socket = Middleware("socket.io `cors`", _ANY_DEFAULT, _SOCKET_HINT)
            yield from self._cors_option(socket, args[-1])
        elif target is not None and _APOLLO.match(target) and args:
            yield from self._cors_option(Middleware("Apollo `cors`", _ANY_DEFAULT, _APOLLO_HINT), args[0])

    def _cors_option(self, middleware: Middleware, options: tree_sitter.Node) -> Iterator[Report]:
        """A `cors:` entry inside a server's options: `true` means the middleware's defaults."""
        obj = self._object(options)
        pair = _pair(self.doc, obj, "cors") if obj is not None else None
        if pair is None:
            return
        value = pair.child_by_field_name("value")
        if value is None:
            return
        if literal_bool(self.doc, value) is True and middleware.default is not None:
            grant = Grant(middleware.default, pair, "cors: true")
            yield self._report(grant, middleware.hint, credentials=None)
        elif self._object(value) is not None:
            yield from self._options(middleware, pair, value)

    def _options(
        self, middleware: Middleware, call: tree_sitter.Node, options: tree_sitter.Node | None
    ) -> Iterator[Report]:
        """A middleware called with `options` (or none): report what its origin setting allows."""
        if options is None:
            if middleware.default is not None:
                shown = _first_line(self.doc, call)
                yield self._report(Grant(middleware.default, call, shown), middleware.hint, None)
            return
        obj = self._object(options)
        if obj is None:
            for delegated in self._delegated_options(options):
                yield from self._options(middleware, delegated, delegated)
            return  # otherwise options built elsewhere (imported, computed): cannot tell
        credentials = self._credentials_option(obj)
        origin = _pair(self.doc, obj, "origin") or _pair(self.doc, obj, "origins")
        if origin is None:
            if middleware.default is None or any(c.type == "spread_element" for c in obj.named_children):
                return
            kind = middleware.default
            if credentials and kind is OriginKind.ANY and middleware.label == "`@koa/cors`":
                kind = OriginKind.REFLECTED  # @koa/cors echoes the origin when credentials are on
            yield self._report(Grant(kind, call, _first_line(self.doc, call)), middleware.hint, credentials)
            return
        value = origin if origin.type == "method_definition" else origin.child_by_field_name("value")
        grant = self._origin_value(value, origin) if value is not None else None
        if grant is not None:
            yield self._report(grant, middleware.hint, credentials)

    def _credentials_option(self, obj: tree_sitter.Node) -> str | None:
        pair = _pair(self.doc, obj, "credentials")
        value = pair.child_by_field_name("value") if pair is not None else None
        if pair is not None and value is not None and literal_bool(self.doc, value) is True:
            return _first_line(self.doc, pair)
        return None

    def _origin_value(self, value: tree_sitter.Node, where: tree_sitter.Node, depth: int = 0) -> Grant | None:
        """What an `origin:` option value allows, reported at `where`."""
        shown = _first_line(self.doc, where)
        if depth > _MAX_INDIRECTION:
            return None
        text = literal_string(self.doc, value)
        if text is not None:
            kind = classify_origin(text)
            return self._grant(kind, text, where, shown)
        if value.type == "regex":
            pattern = value.child_by_field_name("pattern")
            source = self.doc.node_text(pattern) if pattern is not None else ""
            return self._grant(classify_regex(source), source, where, shown)
        if literal_bool(self.doc, value) is True:
            return Grant(OriginKind.REFLECTED, where, shown)
        if is_null(self.doc, value) and value.type == "null":
            return Grant(OriginKind.NULL, where, shown)
        if value.type == "array":
            return self._first_grant(value.named_children, where, depth)
        if value.type in _FUNCTIONS:
            return Grant(OriginKind.REFLECTED, where, shown) if self._always_allows(value) else None
        if value.type == "identifier":
            bound = self.constants.get(self.doc.node_text(value))
            return self._origin_value(bound, where, depth + 1) if bound is not None else None
        return None

    def _first_grant(
        self, items: list[tree_sitter.Node], where: tree_sitter.Node, depth: int
    ) -> Grant | None:
        for item in items:
            if item.type in {"string", "regex", "template_string", "identifier"}:
                grant = self._origin_value(item, where, depth + 1)
                if grant is not None and grant.kind is not OriginKind.REFLECTED:
                    return grant
        return None

    def _grant(self, kind: OriginKind, value: str, where: tree_sitter.Node, shown: str) -> Grant | None:
        if kind is OriginKind.SPECIFIC or is_trusted(value, self.ctx.config):
            return None
        return Grant(kind, where, shown)

    # -- options delegates ----------------------------------------------------------------

    def _delegated_options(self, options: tree_sitter.Node) -> list[tree_sitter.Node]:
        """Option objects an options delegate `(req, callback) => callback(null, {...})` hands over.

        The `cors` package accepts such a function in place of the options. Objects the delegate
        picks only after an origin check (`if (allowlist.includes(req.header("Origin")))`) are fine.
        """
        delegate = self._function(options)
        body = delegate.child_by_field_name("body") if delegate is not None else None
        if delegate is None or body is None or len(params := _parameter_names(self.doc, delegate)) < 2:
            return []
        chosen: list[tree_sitter.Node] = []
        for call in _descendants(body, {"call_expression"}):
            args = call.child_by_field_name("arguments")
            values = args.named_children if args is not None else []
            if self._callee_text(call) != params[1] or len(values) < 2 or not is_null(self.doc, values[0]):
                continue
            for value in self._passed_values(values[1], body):
                obj = self._object(value)
                if obj is not None and not _chosen_by_check(self.doc, obj):
                    chosen.append(obj)
        return chosen

    def _function(self, node: tree_sitter.Node) -> tree_sitter.Node | None:
        """A function literal, or the same-file function a name is bound to or declared as."""
        if node.type in _FUNCTIONS:
            return node
        if node.type != "identifier":
            return None
        name = self.doc.node_text(node)
        bound = self.constants.get(name)
        if bound is not None:
            return bound if bound.type in _FUNCTIONS else None
        query = "(function_declaration name: (identifier) @name) @function"
        for _, match in self.doc.matches(query):
            if self.doc.node_text(match["name"][0]) == name:
                return match["function"][0]
        return None

    def _passed_values(self, value: tree_sitter.Node, body: tree_sitter.Node) -> list[tree_sitter.Node]:
        """The values `value` may hold: what a local is declared or assigned, and both arms of a ternary."""
        found: list[tree_sitter.Node] = []
        if value.type == "identifier":
            name = self.doc.node_text(value)
            for node in _descendants(body, {"variable_declarator", "assignment_expression"}):
                target = node.child_by_field_name("name") or node.child_by_field_name("left")
                source = node.child_by_field_name("value") or node.child_by_field_name("right")
                if target is not None and source is not None and self.doc.node_text(target) == name:
                    found.append(source)
        expanded: list[tree_sitter.Node] = []
        for candidate in found or [value]:
            if candidate.type == "ternary_expression":
                arms = [candidate.child_by_field_name(arm) for arm in ("consequence", "alternative")]
                expanded.extend(arm for arm in arms if arm is not None)
            else:
                expanded.append(candidate)
        return expanded

    # -- origin callbacks -----------------------------------------------------------------

    def _always_allows(self, function: tree_sitter.Node) -> bool:
        """An origin callback that never refuses: `(origin, cb) => cb(null, true)`, `o => o`."""
        params = _parameter_names(self.doc, function)
        body = function.child_by_field_name("body")
        if body is None or not params:
            return False
        if len(params) >= 2:
            return self._callback_always_allows(body, params[0], params[1])
        return self._returns_always_allow(body, params[0])

    def _callback_always_allows(self, body: tree_sitter.Node, origin: str, callback: str) -> bool:
        calls = [
            node
            for node in _descendants(body, {"call_expression", "throw_statement", "return_statement"})
            if node.type != "return_statement" or self._returns_refusal(node)
        ]
        callback_calls = [
            node for node in calls if node.type == "call_expression" and self._callee_text(node) == callback
        ]
        if not callback_calls or any(node.type != "call_expression" for node in calls):
            return False
        return all(self._callback_allows(node, origin) for node in callback_calls)

    def _returns_refusal(self, statement: tree_sitter.Node) -> bool:
        value = statement.named_children[0] if statement.named_children else None
        return value is not None and value.type != "call_expression"

    def _callback_allows(self, call: tree_sitter.Node, origin: str) -> bool:
        args = call.child_by_field_name("arguments")
        values = args.named_children if args is not None else []
        if len(values) < 2 or not is_null(self.doc, values[0]):
            return False
        allowed = values[1]
        return (
            literal_bool(self.doc, allowed) is True
            or self.doc.node_text(allowed) == origin
            or literal_string(self.doc, allowed) == "*"
        )

    def _returns_always_allow(self, body: tree_sitter.Node, origin: str) -> bool:
        if body.type != "statement_block":
            return self._allowing_value(body, origin)
        returns = _descendants(body, {"return_statement"})
        if not returns or _descendants(body, {"if_statement", "switch_statement", "ternary_expression"}):
            return False
        return all(
            bool(statement.named_children) and self._allowing_value(statement.named_children[0], origin)
            for statement in returns
        )

    def _allowing_value(self, value: tree_sitter.Node, origin: str) -> bool:
        operator = value.child_by_field_name("operator") if value.type == "binary_expression" else None
        if operator is not None and self.doc.node_text(operator) in {"||", "??"}:
            # `ctx.get("Origin") || "*"`, `allowed(o) && o || "*"`: either side can be the answer.
            return any(
                self._allowing_value(side, origin)
                for side in (value.child_by_field_name("left"), value.child_by_field_name("right"))
                if side is not None
            )
        return (
            self.doc.node_text(value) == origin
            or literal_string(self.doc, value) == "*"
            or literal_bool(self.doc, value) is True
            or self._reads_request_origin(value)
        )

    # -- response headers -----------------------------------------------------------------

    def _header_calls(self) -> Iterator[Report]:
        query = """
        (call_expression
          function: (member_expression property: (property_identifier) @method)
          arguments: (arguments . (_) @name . (_) @value .)) @call
        """
        for _, match in self.doc.matches(query):
            method = self.doc.node_text(match["method"][0])
            name = literal_string(self.doc, match["name"][0])
            if method not in _HEADER_SETTERS or name is None or name.lower() != ALLOW_ORIGIN:
                continue
            call = match["call"][0]
            if self._in_client_request(call) or self._client_headers_object(call):
                continue
            yield from self._header_value(match["value"][0], call)

    def _header_pairs(self) -> Iterator[Report]:
        query = "(pair key: [(string) (property_identifier)] @key value: (_) @value) @pair"
        for _, match in self.doc.matches(query):
            key = match["key"][0]
            name = literal_string(self.doc, key) if key.type == "string" else self.doc.node_text(key)
            if name is None:
                continue
            pair = match["pair"][0]
            if (
                name.lower() == ALLOW_ORIGIN
                and not self._in_client_request(pair)
                and not self._in_dev_server(pair)
            ):
                yield from self._header_value(match["value"][0], pair)
            elif (
                name == "key" and (literal_string(self.doc, match["value"][0]) or "").lower() == ALLOW_ORIGIN
            ):
                yield from self._next_config_entry(pair)

    def _header_assignments(self) -> Iterator[Report]:
        query = "(assignment_expression left: (subscript_expression index: (string) @name) right: (_) @value) @set"
        for _, match in self.doc.matches(query):
            name = literal_string(self.doc, match["name"][0])
            target = match["set"][0]
            if name is None or name.lower() != ALLOW_ORIGIN or "defaults" in self.doc.node_text(target):
                continue
            if not self._in_client_request(target):
                yield from self._header_value(match["value"][0], target)

    def _next_config_entry(self, key_pair: tree_sitter.Node) -> Iterator[Report]:
        """`{ key: "Access-Control-Allow-Origin", value: "*" }` in a Next.js `headers()` list."""
        entry = key_pair.parent
        value_pair = _pair(self.doc, entry, "value") if entry is not None else None
        value = value_pair.child_by_field_name("value") if value_pair is not None else None
        if value is None or value_pair is None:
            return
        yield from self._header_value(value, value_pair, scope=entry.parent if entry is not None else None)

    def _header_value(
        self, value: tree_sitter.Node, where: tree_sitter.Node, scope: tree_sitter.Node | None = None
    ) -> Iterator[Report]:
        """An `Access-Control-Allow-Origin` header written with `value`: `*`, `null` or reflected."""
        grant = self._header_grant(value, where)
        if grant is None:
            return
        region = scope or _enclosing_function(where) or where.parent or where
        credentials = _credentials_header(self.doc, region)
        yield self._report(grant, _HEADER_HINT, credentials)

    def _header_grant(self, value: tree_sitter.Node, where: tree_sitter.Node, depth: int = 0) -> Grant | None:
        shown = _first_line(self.doc, where)
        text = literal_string(self.doc, value)
        if text is not None:
            return self._grant(classify_origin(text), text, where, shown)
        if depth > _MAX_INDIRECTION:
            return None
        if value.type == "binary_expression" and _operator(value) in {"||", "??"}:
            for side in ("left", "right"):
                part = value.child_by_field_name(side)
                grant = self._header_grant(part, where, depth + 1) if part is not None else None
                if grant is not None:
                    return grant
            return None
        if value.type in {"parenthesized_expression", "as_expression", "non_null_expression"} or (
            value.type == "array" and len(value.named_children) == 1
        ):
            inner = value.named_children[0] if value.named_children else None
            return self._header_grant(inner, where, depth + 1) if inner is not None else None
        origin_names = self._reflected_names(value)
        if origin_names and not self._checked(where, origin_names):
            return Grant(OriginKind.REFLECTED, where, shown)
        if value.type == "identifier" and not origin_names:
            bound = self._local_value(value)
            return self._header_grant(bound, where, depth + 1) if bound is not None else None
        return None

    def _reflected_names(self, value: tree_sitter.Node) -> set[str]:
        """The spellings under which `value` holds the request's Origin (empty if it does not)."""
        if self._reads_request_origin(value):
            return {self.doc.node_text(value)}
        if value.type != "identifier":
            return set()
        name = self.doc.node_text(value)
        bound = self._local_value(value)
        if bound is not None and self._reads_request_origin(bound):
            return {name, self.doc.node_text(bound)}
        if bound is not None and bound.type == "binary_expression" and _operator(bound) in {"||", "??"}:
            left = bound.child_by_field_name("left")
            if left is not None and self._reads_request_origin(left):
                return {name, self.doc.node_text(left)}
        if self._destructured_origin(value, name):
            return {name}
        return set()

    def _reads_request_origin(self, node: tree_sitter.Node) -> bool:
        if node.type in {"member_expression", "subscript_expression"}:
            return _ORIGIN_PROPERTY.search(self.doc.node_text(node).replace("?.", ".")) is not None
        if node.type != "call_expression":
            return False
        callee = node.child_by_field_name("function")
        args = node.child_by_field_name("arguments")
        if (
            callee is None
            or args is None
            or len(args.named_children) != 1
            or callee.type != "member_expression"
        ):
            return False
        header = literal_string(self.doc, args.named_children[0])
        method = self.doc.node_text(callee).rsplit(".", 2)
        getter = ".".join(method[-2:]) if method[-1] == "get" and method[-2:-1] == ["headers"] else method[-1]
        return header is not None and header.lower() == "origin" and getter in _ORIGIN_GETTERS

    def _destructured_origin(self, value: tree_sitter.Node, name: str) -> bool:
        """`const { origin } = req.headers`."""
        scope = _enclosing_function(value) or self.doc.root
        for pattern in _descendants(scope, {"variable_declarator"}):
            target = pattern.child_by_field_name("name")
            source = pattern.child_by_field_name("value")
            if target is None or source is None or target.type != "object_pattern":
                continue
            names = {self.doc.node_text(p) for p in target.named_children}
            if name == "origin" and name in names and re.search(r"headers?$", self.doc.node_text(source)):
                return True
        return False

    def _checked(self, where: tree_sitter.Node, names: set[str]) -> bool:
        """Whether the enclosing functions compare the origin against an allowlist in a way that
        covers `where`: anywhere, unless the check is an `if` that `where` is outside of."""
        scope = _enclosing_function(where)
        while scope is not None:
            if any(_covers(check, where) for check in self._origin_checks(scope, names)):
                return True
            scope = _enclosing_function(scope)
        return False

    def _origin_checks(self, scope: tree_sitter.Node, names: set[str]) -> Iterator[tree_sitter.Node]:
        kinds = {"call_expression", "binary_expression", "subscript_expression"}
        return (node for node in _descendants(scope, kinds) if self._is_origin_check(node, names))

    def _is_origin_check(self, node: tree_sitter.Node, names: set[str]) -> bool:
        if node.type == "call_expression":
            return self._is_check_call(node, names)
        if node.type == "binary_expression":
            return self._is_comparison(node, names)
        index = node.child_by_field_name("index")
        return index is not None and self.doc.node_text(index) in names

    def _is_check_call(self, call: tree_sitter.Node, names: set[str]) -> bool:
        args = call.child_by_field_name("arguments")
        callee = call.child_by_field_name("function")
        if args is None or callee is None:
            return False
        if any(self.doc.node_text(arg) in names for arg in args.named_children):
            method = self._method_name(callee)
            return method not in _HEADER_SETTERS and method not in {"log", "info", "debug", "warn", "error"}
        if callee.type == "member_expression":
            receiver = callee.child_by_field_name("object")
            method = self._method_name(callee)
            return receiver is not None and self.doc.node_text(receiver) in names and method in _CHECK_METHODS
        return False

    def _is_comparison(self, node: tree_sitter.Node, names: set[str]) -> bool:
        if _operator(node) not in {"===", "==", "!==", "!="}:
            return False
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if left is None or right is None:
            return False
        for mine, other in ((left, right), (right, left)):
            if self.doc.node_text(mine) in names:
                constant = literal_string(self.doc, other)
                return not (constant == "" or is_null(self.doc, other) or other.type == "undefined")
        return False

    def _client_headers_object(self, call: tree_sitter.Node) -> bool:
        """`headers.append(...)` on a `Headers` object that a client request then sends."""
        callee = call.child_by_field_name("function")
        receiver = callee.child_by_field_name("object") if callee is not None else None
        if receiver is None or receiver.type != "identifier":
            return False
        bound = self._local_value(receiver)
        constructor = bound.child_by_field_name("constructor") if bound is not None else None
        built_here = constructor is not None and self.doc.node_text(constructor) in {"Headers", "HttpHeaders"}
        return built_here and self._used_by_client(self.doc.node_text(receiver))

    def _named_cors_options(self) -> Iterator[Report]:
        """`const corsOptions = { origin: "*" }` or `cors: { origin: "*" }` kept apart from the `cors()` call."""
        for _, value in cors_named_objects(self.doc):
            if value.type != "object" or _chosen_by_check(self.doc, value):
                continue
            origin = _pair(self.doc, value, "origin")
            if origin is None:
                continue
            origin_value = (
                origin if origin.type == "method_definition" else origin.child_by_field_name("value")
            )
            grant = self._origin_value(origin_value, origin) if origin_value is not None else None
            if grant is not None:
                yield self._report(grant, _EXPRESS_HINT, self._credentials_option(value))

    def _cdk_origins(self) -> Iterator[Report]:
        """AWS CDK: `allowOrigins: apigateway.Cors.ALL_ORIGINS` or `["*"]` in a CORS block."""
        query = "(pair key: (property_identifier) @key value: (_) @value) @pair"
        for _, match in self.doc.matches(query):
            if self.doc.node_text(match["key"][0]) not in _CDK_ORIGIN_KEYS:
                continue
            pair, value = match["pair"][0], match["value"][0]
            grant: Grant | None = None
            if self.doc.node_text(value).endswith("Cors.ALL_ORIGINS"):
                grant = Grant(OriginKind.ANY, pair, _first_line(self.doc, pair))
            elif value.type == "array":
                grant = self._first_grant(value.named_children, pair, 0)
            if grant is None or pair.parent is None:
                continue
            credentials = _pair(self.doc, pair.parent, "allowCredentials")
            enabled = credentials is not None and self.doc.node_text(credentials).endswith("true")
            yield self._report(grant, _CDK_HINT, "allowCredentials: true" if enabled else None)

    def _in_dev_server(self, node: tree_sitter.Node) -> bool:
        current = node.parent
        while current is not None:
            if current.type == "pair":
                key = current.child_by_field_name("key")
                if key is not None and self.doc.node_text(key) in _DEV_SERVER_KEYS:
                    return True
            current = current.parent
        return False

    def _in_client_request(self, node: tree_sitter.Node) -> bool:
        """Whether a header sits in an HTTP *client* request (fetch, axios, Angular HttpHeaders)."""
        current = node.parent
        while current is not None and current.type not in _FUNCTIONS:
            if self._is_client_call(current):
                return True
            if current.type == "variable_declarator":
                name = current.child_by_field_name("name")
                return name is not None and self._used_by_client(self.doc.node_text(name))
            current = current.parent
        return False

    def _is_client_call(self, node: tree_sitter.Node) -> bool:
        if node.type == "new_expression":
            constructor = node.child_by_field_name("constructor")
            return constructor is not None and self.doc.node_text(constructor) in _CLIENT_CONSTRUCTORS
        if node.type != "call_expression":
            return False
        callee = node.child_by_field_name("function")
        text = self.doc.node_text(callee) if callee is not None else ""
        return _CLIENT_CALLEE.match(text) is not None or _ASSERTION_CALLEE.search(text) is not None

    def _used_by_client(self, name: str) -> bool:
        """Whether a variable (a headers object) is passed to a client request anywhere."""
        for identifier in self.identifiers.get(name, []):
            current = identifier.parent
            while (
                current is not None
                and current.type not in _FUNCTIONS
                and current.type != "variable_declarator"
            ):
                if self._is_client_call(current):
                    return True
                current = current.parent
        return False

    @property
    def identifiers(self) -> dict[str, list[tree_sitter.Node]]:
        """Every identifier use in the file, by name (built once, on first need)."""
        if self._identifiers is None:
            found: dict[str, list[tree_sitter.Node]] = {}
            query = "[(identifier) (shorthand_property_identifier)] @name"
            for node in self.doc.captures(query).get("name", []):
                found.setdefault(self.doc.node_text(node), []).append(node)
            self._identifiers = found
        return self._identifiers

    # -- hapi --------------------------------------------------------------------------------

    def _hapi_routes(self) -> Iterator[Report]:
        query = "(pair key: (property_identifier) @key value: (_) @value) @pair"
        hapi = Middleware("hapi `cors`", OriginKind.ANY, _HAPI_HINT)
        for _, match in self.doc.matches(query):
            if self.doc.node_text(match["key"][0]) != "cors":
                continue
            pair, value = match["pair"][0], match["value"][0]
            if literal_bool(self.doc, value) is True:
                yield self._report(Grant(OriginKind.ANY, pair, "cors: true"), hapi.hint, None)
            elif value.type == "object":
                yield from self._options(hapi, pair, value)

    # -- shared -------------------------------------------------------------------------------

    @property
    def constants(self) -> dict[str, tree_sitter.Node]:
        """Same-file `const NAME = value` bindings (the last one wins)."""
        if self._constants is None:
            found: dict[str, tree_sitter.Node] = {}
            query = "(variable_declarator name: (identifier) @name value: (_) @value)"
            for _, match in self.doc.matches(query):
                found[self.doc.node_text(match["name"][0])] = match["value"][0]
            self._constants = found
        return self._constants

    def _local_value(self, identifier: tree_sitter.Node) -> tree_sitter.Node | None:
        """The value a name was declared with, in the enclosing function or else the file."""
        name = self.doc.node_text(identifier)
        scope = _enclosing_function(identifier)
        if scope is not None:
            for declarator in _descendants(scope, {"variable_declarator"}):
                target = declarator.child_by_field_name("name")
                if target is not None and target.type == "identifier" and self.doc.node_text(target) == name:
                    return declarator.child_by_field_name("value")
        return self.constants.get(name)

    def _object(self, node: tree_sitter.Node) -> tree_sitter.Node | None:
        """An object literal, directly or through a same-file constant."""
        for _ in range(_MAX_INDIRECTION):
            if node.type == "object":
                return node
            if node.type in {"as_expression", "satisfies_expression", "parenthesized_expression"}:
                node = node.named_children[0]
                continue
            if node.type != "identifier":
                return None
            bound = self.constants.get(self.doc.node_text(node))
            if bound is None:
                return None
            node = bound
        return None

    def _resolve(self, node: tree_sitter.Node) -> str | None:
        """What a callee or argument is: an imported name, or the module of `require("m")`."""
        if node.type in {"call_expression", "await_expression"}:
            call = node if node.type == "call_expression" else (node.named_children or [node])[0]
            function = call.child_by_field_name("function")
            args = call.child_by_field_name("arguments")
            if (
                function is not None
                and args is not None
                and self.doc.node_text(function) in {"require", "import"}
            ):
                first = args.named_children[0] if args.named_children else None
                return literal_string(self.doc, first) if first is not None else None
            return None
        return self.doc.imports.resolve_node(self.doc, node)

    def _method_name(self, callee: tree_sitter.Node) -> str | None:
        if callee.type != "member_expression":
            return None
        prop = callee.child_by_field_name("property")
        return self.doc.node_text(prop) if prop is not None else None

    def _callee_text(self, call: tree_sitter.Node) -> str:
        callee = call.child_by_field_name("function")
        return self.doc.node_text(callee) if callee is not None else ""

    def _uses_nest(self) -> bool:
        return any(record.module.startswith("@nestjs/") for record in self.doc.imports.records)

    def _report(self, grant: Grant, hint: str, credentials: str | None) -> Report:
        return Report(
            range=self.doc.range_of(grant.node),
            message=permissive_message(grant.kind, grant.shown, credentials),
            hint=hint,
            severity=cors_severity(credentials is not None),
        )


# The module names a middleware is imported from end in `cors` (`cors`, `@koa/cors`, `hono/cors`...).
_MIDDLEWARE_MODULE_PARTS = (b"socket.io", b"@nestjs/", b"apollo-server")
_QUOTES = frozenset(b"\"'`")


def _names_middleware_module(source: bytes) -> bool:
    """Whether the text can import a CORS middleware or a server that takes CORS options: a
    string ending in `cors`, or naming socket.io, NestJS or Apollo (module names spelled with
    escape sequences are not looked for)."""
    if any(part in source for part in _MIDDLEWARE_MODULE_PARTS):
        return True
    index = source.find(b"cors")
    while index != -1:
        if source[index + 4 : index + 5] and source[index + 4] in _QUOTES:
            return True
        index = source.find(b"cors", index + 4)
    return False


# `cors` in any case, and with the long s that a case-insensitive `re` match also takes for an `s`.
_CORS_SPELLINGS = (b"cors", "cor\u017f".encode())


def cors_named_objects(doc: Document) -> list[tuple[str, tree_sitter.Node]]:
    """The values of the file's `const` bindings (the last per name, in the order names are first
    bound) and object-valued `key: {...}` pairs whose name contains `cors` in any case.

    Found from where `cors` is written, then confirmed on the tree: the same as the bindings of
    `(variable_declarator name: (identifier) value: (_))` and the pairs of
    `(pair key: (property_identifier) value: (object))`, filtered by name, in the same order.
    """
    lowered = doc.source.lower()
    names: list[tree_sitter.Node] = []
    seen: set[int] = set()
    for spelling in _CORS_SPELLINGS:
        index = lowered.find(spelling)
        while index != -1:
            node = doc.root.named_descendant_for_byte_range(index, index + len(spelling))
            if (
                node is not None
                and node.type in {"identifier", "property_identifier"}
                and node.id not in seen
            ):
                seen.add(node.id)
                names.append(node)
            index = lowered.find(spelling, index + 1)
    names.sort(key=lambda node: node.start_byte)
    constants: dict[str, tree_sitter.Node] = {}
    pairs: list[tuple[str, tree_sitter.Node]] = []
    for name in names:
        parent = name.parent
        value = parent.child_by_field_name("value") if parent is not None else None
        if (
            parent is None
            or value is None
            or parent.child_by_field_name("name" if name.type == "identifier" else "key") != name
        ):
            continue
        text = doc.node_text(name)
        if not _CORS_OPTIONS_NAME.search(text):
            continue
        if name.type == "identifier" and parent.type == "variable_declarator":
            constants[text] = value
        elif name.type == "property_identifier" and parent.type == "pair" and value.type == "object":
            pairs.append((text, value))
    return [*constants.items(), *pairs]


def _pair(doc: Document, obj: tree_sitter.Node, key: str) -> tree_sitter.Node | None:
    """The `key: value` pair (or `key() {}` method) of an object literal, if present."""
    for child in obj.named_children:
        if child.type in {"pair", "method_definition"}:
            name = child.child_by_field_name("key") or child.child_by_field_name("name")
            if name is not None and (literal_string(doc, name) or doc.node_text(name)) == key:
                return child
    return None


def _parameter_names(doc: Document, function: tree_sitter.Node) -> list[str]:
    single = function.child_by_field_name("parameter")
    if single is not None:
        return [doc.node_text(single)]
    params = function.child_by_field_name("parameters")
    if params is None:
        return []
    names: list[str] = []
    for param in params.named_children:
        pattern = param.child_by_field_name("pattern") if param.type != "identifier" else param
        names.append(doc.node_text(pattern) if pattern is not None else "")
    return names


def _operator(node: tree_sitter.Node) -> str | None:
    operator = node.child_by_field_name("operator")
    return operator.type if operator is not None else None


def _covers(check: tree_sitter.Node, where: tree_sitter.Node) -> bool:
    """Whether an origin check protects `where`. A check that is an `if` condition protects only
    what that `if` holds, or what follows it when its branch leaves the function (an early
    `return` or `throw`); any other check (a ternary, a variable, a callback) counts as before."""
    statement = check.parent
    while statement is not None and statement.type not in {"if_statement", "statement_block"}:
        if statement.type in _FUNCTIONS:
            return True
        statement = statement.parent
    if statement is None or statement.type != "if_statement":
        return True
    condition = statement.child_by_field_name("condition")
    if condition is None or not (condition.start_byte <= check.start_byte < condition.end_byte):
        return True
    if statement.start_byte <= where.start_byte < statement.end_byte:
        return True
    consequence = statement.child_by_field_name("consequence")
    leaves = consequence is not None and bool(
        _descendants(consequence, {"return_statement", "throw_statement"})
    )
    return leaves and where.start_byte >= statement.end_byte


def _enclosing_function(node: tree_sitter.Node) -> tree_sitter.Node | None:
    current = node.parent
    while current is not None and current.type not in _FUNCTIONS:
        current = current.parent
    return current


def _chosen_by_check(doc: Document, node: tree_sitter.Node) -> bool:
    """Whether `node` is only reached when a condition about the origin holds, within its function."""
    child, current = node, node.parent
    while current is not None and current.type not in _FUNCTIONS:
        condition = (
            current.child_by_field_name("condition")
            if current.type in {"if_statement", "ternary_expression"}
            else None
        )
        if (
            condition is not None
            and condition != child
            and _ORIGIN_CONDITION.search(doc.node_text(condition))
        ):
            return True
        child, current = current, current.parent
    return False


def _descendants(node: tree_sitter.Node, types: set[str]) -> list[tree_sitter.Node]:
    from agentguard.rules.document import walk

    return [child for child in walk(node) if child.type in types]


_CREDENTIALS_TRUE = LazyPattern(
    r"""access-control-allow-credentials['"`]?\s*[,:=]\s*(\{\s*value\s*:\s*)?['"`]?true\b"""
    r"""|key\s*:\s*['"`]access-control-allow-credentials['"`]\s*,\s*value\s*:\s*['"`]true""",
    re.I,
)


def _credentials_header(doc: Document, region: tree_sitter.Node) -> str | None:
    """`Access-Control-Allow-Credentials: true` written in the same handler (or header list)."""
    match = _CREDENTIALS_TRUE.search(doc.node_text(region))
    return "Access-Control-Allow-Credentials: true" if match else None


def _first_line(doc: Document, node: tree_sitter.Node) -> str:
    text = doc.node_text(node).split("\n", 1)[0].strip()
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 3] + "..."
