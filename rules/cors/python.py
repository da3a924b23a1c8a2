"""Permissive-CORS detection for Python (see permissive_cors.py for the rule and its docs).

Three shapes: CORS libraries called with a wildcard, `null`, catch-all or default (allow-all)
origin (Flask-CORS, Sanic-CORS, Starlette/FastAPI, Litestar, Falcon, Quart-CORS, Chalice,
aiohttp-cors); settings that open CORS (django-cors-headers, `CORS_ORIGINS` constants); and
`Access-Control-Allow-Origin` response headers set to `*`, `null` or the request's own Origin
without an allowlist check. Credentials allowed alongside make a finding high severity.
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
    is_trusted,
    permissive_message,
)
from agentguard.rules.document import walk
from agentguard.rules.literals import literal_bool, literal_string
from agentguard.rules.model import Report

if TYPE_CHECKING:
    import tree_sitter

    from agentguard.rules.document import Document
    from agentguard.rules.rule import Context

_CALLS = "(call function: [(identifier) (attribute)] @function arguments: (argument_list) @arguments) @call"
_ASSIGNMENTS = "(assignment left: (identifier) @name) @assignment"
_HEADER_NAMES = (
    '((string) @name (#match? @name "^[rbuRBU]?[\\"\'][Aa]ccess-[Cc]ontrol-[Aa]llow-[Oo]rigin[\\"\']$"))'
)
# How `_HEADER_NAMES` spells the header; the literal start lets a search skip ahead at C speed.
_HEADER_SPELLING = re.compile(
    "ccess-[Cc]ontrol-[Aa]llow-[Oo]rigin(?<=[Aa]ccess-[Cc]ontrol-[Aa]llow-[Oo]rigin)"
)
_SCOPES = frozenset({"function_definition", "lambda", "module"})
_MAX_SHOWN = 60
_MAX_DEPTH = 4  # how far values are followed through names, nesting and `or`/`if` branches

# Libraries whose allow-all is the default, and the keyword that sets their origins.
_FLASK_STYLE = frozenset(
    {
        "flask_cors.CORS",
        "flask_cors.extension.CORS",
        "flask_cors.cross_origin",
        "flask_cors.decorator.cross_origin",
        "sanic_cors.CORS",
        "sanic_cors.extension.CORS",
        "sanic_cors.cross_origin",
        "sanic_cors.decorator.cross_origin",
    }
)
_QUART_CORS = frozenset({"quart_cors.cors", "quart_cors.route_cors", "quart_cors.websocket_cors"})
_POWERTOOLS_CORS = frozenset(
    {
        "aws_lambda_powertools.event_handler.CORSConfig",
        "aws_lambda_powertools.event_handler.api_gateway.CORSConfig",
    }
)
_SOCKETIO_SERVERS = frozenset({"flask_socketio.SocketIO", "socketio.Server", "socketio.AsyncServer"})
_FALCON_APPS = frozenset({"falcon.App", "falcon.API", "falcon.asgi.App"})
_FALCON_MIDDLEWARE = frozenset({"falcon.CORSMiddleware", "falcon.middleware.CORSMiddleware"})
_CORS_MIDDLEWARE_MODULES = ("starlette.", "fastapi.")
_HTTP_CLIENT_MODULES = (
    "requests.",
    "httpx.",
    "aiohttp.ClientSession",
    "aiohttp.request",
    "aiohttp.client",
    "urllib.request",
    "urllib3.",
    "http.client.",
    "tornado.httpclient.",
    # Mocks of third-party servers in tests: the headers are what someone else's server sends.
    "responses.",
    "respx.",
    "httpretty.",
    "aioresponses.",
    "requests_mock.",
    "pytest_httpserver.",
)
_HTTP_CLIENT_METHODS = frozenset(
    {"get", "post", "put", "patch", "delete", "head", "options", "request", "stream", "fetch", "urlopen"}
)
_HEADER_SETTERS = frozenset(
    {
        "set_header",
        "add_header",
        "send_header",
        "append_header",
        "add",
        "set",
        "setdefault",
        "append",
        "__setitem__",
    }
)

# What a call's qualified name ends in for `_library_call` to act on it (see `_candidate_calls`).
_LIBRARY_CALL_NAMES = frozenset(
    {
        name.rpartition(".")[2]
        for name in _FLASK_STYLE | _QUART_CORS | _POWERTOOLS_CORS | _SOCKETIO_SERVERS | _FALCON_APPS
    }
    | {"CORSMiddleware", "CORSConfig", "CORS", "ResourceOptions", "ALLOW_CORS"}
)

# django-cors-headers settings (old and current names) and Flask/Sanic config keys.
_ALLOW_ALL_SETTINGS = frozenset({"CORS_ORIGIN_ALLOW_ALL", "CORS_ALLOW_ALL_ORIGINS"})
_REGEX_SETTINGS = frozenset({"CORS_ALLOWED_ORIGIN_REGEXES", "CORS_ORIGIN_REGEX_WHITELIST"})
_ORIGIN_SETTING = re.compile(
    r"^(?:[A-Z_]*CORS_[A-Z_]*ORIGIN[A-Z_]*|(?:CORS_)?ALLOWED_ORIGINS|ALLOW_ORIGINS)$", re.IGNORECASE
)
_CREDENTIALS_SETTING = re.compile(r"^CORS_(ALLOW|SUPPORTS)_CREDENTIALS$", re.IGNORECASE)
# `CORS_|ALLOW(ED)?_ORIGINS`, case-insensitive, written to start at `_` so a search skips ahead at
# C speed instead of trying every position (it gates the settings query on every file).
_SETTING_NAMES = re.compile(
    r"_(?:(?<=(?i:cors)_)|(?<=(?i:allow)_)(?i:origins)|(?<=(?i:allowed)_)(?i:origins))"
)

# How code reads the request's Origin header, in Flask, Django, Starlette, Tornado, aiohttp, WSGI.
_REQUEST_ORIGIN = re.compile(
    r"""(?:headers|META|environ)["']?\]?\s*(?:\.get\(\s*|\[\s*)[bru]?["'](?:origin|HTTP_ORIGIN)["']"""
    r"""|\b(?:request|req|self\.request)\.origin\b""",
    re.IGNORECASE,
)
_CREDENTIALS_HEADER = re.compile(
    r"""["']access-control-allow-credentials["']\s*[\]:,]?\s*[=:,]?\s*(?:["']true["']|True)"""
    r"""|\.access_control_allow_credentials\s*=\s*True""",
    re.IGNORECASE,
)
_WERKZEUG_PROPERTY = """
(assignment
  left: (attribute attribute: (identifier) @property)
  right: (_) @value
  (#eq? @property "access_control_allow_origin")) @statement
"""
_CONFIGURED_WILDCARD = re.compile(r"origin|allow_all|wildcard|[\"']\*[\"']", re.IGNORECASE)
_ALLOWLIST_CALL = re.compile(
    r"allow|valid|trust|check|match|permit|verif|whitelist|search|endswith|startswith"
)

_FLASK_HINT = (
    'pass the allowed origins explicitly, e.g. `CORS(app, origins=["https://app.example.com"])` '
    "(or read them from configuration); never `*` with `supports_credentials=True`"
)
_STARLETTE_HINT = (
    'list the allowed origins, e.g. `allow_origins=["https://app.example.com"]` (from settings); '
    "a wildcard or catch-all regex must never be combined with `allow_credentials=True`"
)
_DJANGO_HINT = (
    'set `CORS_ALLOWED_ORIGINS = ["https://app.example.com"]` (from the environment) instead of '
    "allowing every origin, especially with `CORS_ALLOW_CREDENTIALS = True`"
)
_SETTING_HINT = (
    'list the trusted origins, e.g. `["https://app.example.com"]`, or read them from the environment'
)
_HEADER_HINT = (
    "send a fixed trusted origin, or echo the request's Origin only after checking it against an "
    "allowlist (`if origin in ALLOWED_ORIGINS:`) and add `Vary: Origin`"
)
_SOCKETIO_HINT = (
    'list the trusted origins, e.g. `cors_allowed_origins=["https://app.example.com"]`; '
    "Socket.IO sends credentials unless `cors_credentials=False`"
)
_AIOHTTP_HINT = (
    'key `defaults`/`cors.add` by trusted origins, e.g. `{"https://app.example.com": ResourceOptions(...)}`, '
    'not `"*"`'
)


@dataclass(frozen=True)
class _Permissive:
    """An origin value that lets any site in: how, and the code that says so."""

    kind: OriginKind
    node: tree_sitter.Node


def detect(ctx: Context) -> Iterator[Report]:
    """Yield a report for each permissive CORS set-up in the document."""
    detector = _PythonCors(ctx)
    yield from detector.library_calls()
    yield from detector.bare_decorators()
    yield from detector.settings()
    yield from detector.response_headers()


class _PythonCors:
    """One document's CORS analysis; caches the assignments used to follow constants."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.doc: Document = ctx.doc
        self._assignments: dict[str, list[tree_sitter.Node]] | None = None

    # -- library calls ---------------------------------------------------------------------

    def library_calls(self) -> Iterator[Report]:
        """CORS libraries configured (or defaulted) to allow any origin."""
        for call in self._candidate_calls():
            function = call.child_by_field_name("function")
            arguments = call.child_by_field_name("arguments")
            if function is None or arguments is None:
                continue
            name = self._qualified(function) or ""
            yield from self._library_call(name, call, function, arguments)

    def _candidate_calls(self) -> list[tree_sitter.Node]:
        """The calls `_library_call` can act on, in document order, without visiting every call.

        Each of its branches needs the callee (or, for middleware, the first argument) to end in
        one of `_LIBRARY_CALL_NAMES` or in `crossdomain`, or a Chalice `.route`: the file's text
        says where such names are, and only those spots of the tree are looked at.
        """
        names = self._local_names(_LIBRARY_CALL_NAMES)
        if self.doc.imports.imports_module("chalice"):
            names.add("route")
        calls: dict[tuple[int, int], tree_sitter.Node] = {}
        for identifier in _identifiers(self.doc, names, suffix="crossdomain"):
            expression = _expression_ending_at(identifier)
            parent = expression.parent
            if (
                parent is not None
                and parent.type == "argument_list"
                and parent.named_children[0] == expression
            ):
                parent = parent.parent
            elif parent is not None and parent.child_by_field_name("function") != expression:
                continue
            if parent is not None and _is_plain_call(parent):
                calls[(parent.start_byte, -parent.end_byte)] = parent
        return [calls[key] for key in sorted(calls)]

    def _local_names(self, finals: frozenset[str]) -> set[str]:
        """`finals`, and the local names imports bind to something ending in one (`CORS as C`)."""
        bindings = self.doc.imports.bindings.items()
        return set(finals) | {local for local, target in bindings if target.rpartition(".")[2] in finals}

    def _library_call(
        self, name: str, call: tree_sitter.Node, function: tree_sitter.Node, arguments: tree_sitter.Node
    ) -> Iterator[Report]:
        if name in _FLASK_STYLE:
            yield from self._flask_cors(call, arguments)
        elif name in _QUART_CORS:
            yield from self._defaulted(call, arguments, "allow_origin", "allow_credentials", _FLASK_HINT)
        elif _is_cors_middleware(name) or self._wraps_cors_middleware(arguments):
            yield from self._starlette(arguments)
        elif (name.startswith("litestar") and name.endswith(".CORSConfig")) or name in _FALCON_MIDDLEWARE:
            yield from self._defaulted(call, arguments, "allow_origins", "allow_credentials", _STARLETTE_HINT)
        elif name in _FALCON_APPS:
            yield from self._switched_on(
                arguments, "cors_enable", "falcon's `cors_enable=True` allows every origin"
            )
        elif name == "chalice.CORSConfig" or name in _POWERTOOLS_CORS:
            yield from self._defaulted(call, arguments, "allow_origin", "allow_credentials", _FLASK_HINT)
        elif self._is_chalice_route(function):
            yield from self._switched_on(arguments, "cors", "Chalice's `cors=True` allows every origin")
        elif name == "falcon_cors.CORS":
            yield from self._switched_on(arguments, "allow_all_origins", "falcon-cors allows every origin")
        elif name == "aiohttp_cors.ResourceOptions":
            yield from self._aiohttp_cors(call, arguments)
        elif name in _SOCKETIO_SERVERS:
            yield from self._socketio(arguments)
        elif name == "robyn.ALLOW_CORS" or self.doc.node_text(function).endswith("crossdomain"):
            yield from self._named_origins(arguments, "origins" if name == "robyn.ALLOW_CORS" else "origin")

    def _qualified(self, function: tree_sitter.Node) -> str | None:
        name = self.doc.imports.resolve_node(self.doc, function)
        if name is None and self.doc.node_text(function) == "CORSMiddleware":
            # Star-imported or re-exported: the class name is distinctive enough on its own.
            return "starlette.middleware.cors.CORSMiddleware"
        return name

    def _is_chalice_route(self, function: tree_sitter.Node) -> bool:
        """`@app.route(..., cors=True)` on a Chalice app."""
        return (
            function.type == "attribute"
            and _attribute_name(self.doc, function) == "route"
            and self.doc.imports.imports_module("chalice")
        )

    def _call_keywords(self, arguments: tree_sitter.Node) -> dict[str, tree_sitter.Node] | None:
        """Keyword arguments, with `**options` expanded when `options` is a dict literal in this file.

        None when a `**splat` cannot be followed: the call cannot be judged.
        """
        keywords = _keywords(self.doc, arguments)
        for splat in arguments.named_children:
            if splat.type != "dictionary_splat":
                continue
            inner = splat.named_children[0] if splat.named_child_count else None
            if inner is not None and inner.type == "identifier":
                inner = self._assigned_value(self.doc.node_text(inner), inner)
            if inner is None or inner.type != "dictionary":
                return None
            keywords = {**_dictionary_options(self.doc, inner), **keywords}
        return keywords

    def _flask_cors(self, call: tree_sitter.Node, arguments: tree_sitter.Node) -> Iterator[Report]:
        keywords = self._call_keywords(arguments)
        init_app = self._init_app_arguments(call)
        init_keywords = self._call_keywords(init_app) if init_app is not None else {}
        if keywords is None or init_keywords is None:
            return
        keywords = {**keywords, **init_keywords}
        credentials = self._true_keyword(keywords, "supports_credentials")
        resources = keywords.get("resources")
        if resources is not None and resources.type == "identifier":
            resources = self._assigned_value(self.doc.node_text(resources), resources)
            if resources is None:
                return
        if resources is not None and resources.type == "dictionary":
            yield from self._flask_resources(resources, keywords, credentials)
            return
        origins = keywords.get("origins")
        if origins is None:
            if "CORS_ORIGINS" in self.doc.text:  # app.config supplies the origins
                return
            target = call if init_app is None else init_app
            shown = _shown(self.doc, call)
            yield self._report(
                target, OriginKind.ANY, f"{shown}` defaults to `origins='*'", credentials, _FLASK_HINT
            )
            return
        permissive = self._permissive_origins(origins)
        if permissive is not None:
            yield self._report(origins.parent or origins, permissive.kind, None, credentials, _FLASK_HINT)

    def _flask_resources(
        self,
        resources: tree_sitter.Node,
        keywords: dict[str, tree_sitter.Node],
        credentials: tree_sitter.Node | None,
    ) -> Iterator[Report]:
        for pair in resources.named_children:
            value = pair.child_by_field_name("value") if pair.type == "pair" else None
            if value is None or value.type != "dictionary":
                continue
            options = _dictionary_options(self.doc, value)
            origins = options.get("origins", keywords.get("origins"))
            resource_credentials = self._true_keyword(options, "supports_credentials") or credentials
            if origins is None and "CORS_ORIGINS" in self.doc.text:
                continue
            if origins is None:
                shown = _shown(self.doc, pair)
                yield self._report(
                    pair,
                    OriginKind.ANY,
                    f"{shown}` has no `origins`, so `*",
                    resource_credentials,
                    _FLASK_HINT,
                )
                continue
            permissive = self._permissive_origins(origins)
            if permissive is not None:
                target = (
                    origins.parent if origins.parent is not None and origins.parent.type == "pair" else pair
                )
                yield self._report(target, permissive.kind, None, resource_credentials, _FLASK_HINT)

    def _init_app_arguments(self, call: tree_sitter.Node) -> tree_sitter.Node | None:
        """`cors = CORS()` configured later by `cors.init_app(app, ...)` in the same file."""
        arguments = call.child_by_field_name("arguments")
        statement = call.parent
        if (
            arguments is None
            or arguments.named_child_count
            or statement is None
            or statement.type != "assignment"
        ):
            return None
        variable = statement.child_by_field_name("left")
        if variable is None or variable.type != "identifier":
            return None
        wanted = f"{self.doc.node_text(variable)}.init_app"
        for _, match in self.doc.matches(_CALLS):
            if self.doc.node_text(match["function"][0]) == wanted:
                return match["arguments"][0]
        return None

    def _defaulted(
        self,
        call: tree_sitter.Node,
        arguments: tree_sitter.Node,
        origin_key: str,
        credentials_key: str,
        hint: str,
    ) -> Iterator[Report]:
        """Libraries whose origins default to `*` (Litestar, Falcon, Quart-CORS, Chalice)."""
        keywords = self._call_keywords(arguments)
        if keywords is None:
            return
        credentials = self._true_keyword(keywords, credentials_key)
        origins = keywords.get(origin_key)
        if origins is None:
            shown = _shown(self.doc, call)
            yield self._report(
                call, OriginKind.ANY, f"{shown}` defaults to `{origin_key}='*'", credentials, hint
            )
            return
        permissive = self._permissive_origins(origins)
        if permissive is not None:
            yield self._report(origins.parent or origins, permissive.kind, None, credentials, hint)

    def _switched_on(self, arguments: tree_sitter.Node, keyword: str, why: str) -> Iterator[Report]:
        value = _keywords(self.doc, arguments).get(keyword)
        if value is not None and literal_bool(self.doc, value) is True:
            node = value.parent or value
            yield Report(
                self.doc.range_of(node),
                f"{why} (`{_shown(self.doc, node)}`)",
                "configure a CORS policy that lists the trusted origins instead",
                severity=cors_severity(False),
            )

    def _wraps_cors_middleware(self, arguments: tree_sitter.Node) -> bool:
        """`app.add_middleware(CORSMiddleware, ...)` / `Middleware(CORSMiddleware, ...)`."""
        first = arguments.named_children[0] if arguments.named_child_count else None
        if first is None or first.type not in {"identifier", "attribute"}:
            return False
        name = self._qualified(first)
        return name is not None and _is_cors_middleware(name)

    def _starlette(self, arguments: tree_sitter.Node) -> Iterator[Report]:
        keywords = self._call_keywords(arguments) or _keywords(self.doc, arguments)
        credentials = self._true_keyword(keywords, "allow_credentials")
        origins = keywords.get("allow_origins")
        if origins is not None:
            permissive = self._permissive_origins(origins, regexes=False)
            if permissive is not None:
                yield self._report(
                    origins.parent or origins, permissive.kind, None, credentials, _STARLETTE_HINT
                )
                return
        regex = keywords.get("allow_origin_regex")
        pattern = self._constant_string(regex) if regex is not None else None
        if regex is not None and pattern is not None and classify_regex(pattern) is OriginKind.CATCH_ALL:
            yield self._report(
                regex.parent or regex, OriginKind.CATCH_ALL, None, credentials, _STARLETTE_HINT
            )

    def _socketio(self, arguments: tree_sitter.Node) -> Iterator[Report]:
        """Socket.IO servers: `cors_allowed_origins="*"`; `cors_credentials` defaults to True."""
        keywords = self._call_keywords(arguments) or _keywords(self.doc, arguments)
        origins = keywords.get("cors_allowed_origins")
        permissive = self._permissive_origins(origins, regexes=False) if origins is not None else None
        if origins is None or permissive is None:
            return
        switch = keywords.get("cors_credentials")
        credentials: tree_sitter.Node | str | None = "cors_credentials defaults to True"
        if switch is not None:
            credentials = switch.parent if self._is_true(switch) else None
        yield self._report(origins.parent or origins, permissive.kind, None, credentials, _SOCKETIO_HINT)

    def _named_origins(self, arguments: tree_sitter.Node, keyword: str) -> Iterator[Report]:
        """`ALLOW_CORS(app, ["*"])` (Robyn) and the classic `@crossdomain(origin="*")` decorator."""
        keywords = self._call_keywords(arguments) or _keywords(self.doc, arguments)
        positional = [
            a for a in arguments.named_children if a.type not in {"keyword_argument", "dictionary_splat"}
        ]
        origins = keywords.get(keyword) or (
            positional[1] if keyword == "origins" and len(positional) > 1 else None
        )
        permissive = self._permissive_origins(origins) if origins is not None else None
        if origins is not None and permissive is not None:
            node = (
                origins.parent
                if origins.parent is not None and origins.parent.type == "keyword_argument"
                else origins
            )
            yield self._report(node, permissive.kind, None, None, _FLASK_HINT)

    def _aiohttp_cors(self, call: tree_sitter.Node, arguments: tree_sitter.Node) -> Iterator[Report]:
        pair = call.parent
        key = pair.child_by_field_name("key") if pair is not None and pair.type == "pair" else None
        origin = self._constant_string(key) if key is not None else None
        if pair is None or origin is None or not self._is_open(classify_origin(origin), origin):
            return
        credentials = self._true_keyword(_keywords(self.doc, arguments), "allow_credentials")
        yield self._report(pair, classify_origin(origin), None, credentials, _AIOHTTP_HINT)

    # -- decorators ------------------------------------------------------------------------

    def bare_decorators(self) -> Iterator[Report]:
        """`@cross_origin` written without parentheses still allows every origin."""
        for identifier in _identifiers(self.doc, self._local_names(frozenset({"cross_origin"}))):
            expression = _expression_ending_at(identifier)
            decorator = expression.parent
            if decorator is None or decorator.type != "decorator":
                continue
            name = self.doc.imports.resolve_node(self.doc, expression)
            if name in _FLASK_STYLE and name is not None and name.endswith("cross_origin"):
                shown = _shown(self.doc, decorator)
                yield self._report(
                    decorator, OriginKind.ANY, f"{shown}` defaults to `origins='*'", None, _FLASK_HINT
                )

    # -- settings --------------------------------------------------------------------------

    def settings(self) -> Iterator[Report]:
        """django-cors-headers settings and `CORS_ORIGINS`-style constants that allow any origin."""
        if not _SETTING_NAMES.search(self.doc.text):
            return
        found = list(self._setting_nodes())
        credentials = next(
            (
                node
                for name, value, node in found
                if _CREDENTIALS_SETTING.match(name) and self._is_true(value)
            ),
            None,
        )
        for name, value, node in found:
            kind = self._setting_kind(name, value)
            if kind is None or self._used_elsewhere(name, node):
                continue
            hint = _DJANGO_HINT if name.upper().startswith("CORS_") else _SETTING_HINT
            yield self._report(node, kind, None, credentials, hint)

    def _setting_nodes(self) -> Iterator[tuple[str, tree_sitter.Node, tree_sitter.Node]]:
        """(setting name, value, statement) for `NAME = v`, `x.NAME = v`, `x["NAME"] = v`, `{"NAME": v}`."""
        query = "[(assignment left: (_) @target right: (_) @value) (pair key: (string) @target value: (_) @value)] @node"
        for _, match in self.doc.matches(query):
            target, value, node = match["target"][0], match["value"][0], match["node"][0]
            name = self._setting_name(target)
            if name is not None and _SETTING_NAMES.search(name):
                yield name, value, node

    def _setting_name(self, target: tree_sitter.Node) -> str | None:
        if target.type == "identifier":
            return self.doc.node_text(target)
        if target.type == "attribute":
            return _attribute_name(self.doc, target)
        if target.type == "subscript":
            index = target.child_by_field_name("subscript")
            return literal_string(self.doc, index) if index is not None else None
        return literal_string(self.doc, target)

    def _setting_kind(self, name: str, value: tree_sitter.Node) -> OriginKind | None:
        upper = name.upper()
        if upper in _ALLOW_ALL_SETTINGS:
            return OriginKind.ANY if self._is_true(value) else None
        if upper in _REGEX_SETTINGS:
            permissive = self._permissive_origins(value, regex_only=True)
            return permissive.kind if permissive else None
        if _ORIGIN_SETTING.match(name) and "CSRF" not in upper:
            permissive = self._permissive_origins(value)
            return permissive.kind if permissive else None
        return None

    def _used_elsewhere(self, name: str, node: tree_sitter.Node) -> bool:
        """A constant that the same file passes on is judged where it is used, not where it is set."""
        if node.type != "assignment" or not name.isidentifier() or name.upper() in _ALLOW_ALL_SETTINGS:
            return False
        uses = re.findall(rf"(?<![\w.\"']){re.escape(name)}\b(?!\s*[:=][^=])", self.doc.text)
        return len(uses) > 0

    # -- response headers ------------------------------------------------------------------

    def response_headers(self) -> Iterator[Report]:
        """`Access-Control-Allow-Origin` response headers set to `*`, `null` or the reflected Origin."""
        for found in self._header_settings():
            statement, value = found
            kind = self._header_kind(value, statement)
            if kind is None or (kind is not OriginKind.REFLECTED and self._configured_choice(statement)):
                continue
            scope = _scope(statement)
            around = (
                statement.parent if statement.type == "pair" and statement.parent is not None else statement
            )
            credentials = _CREDENTIALS_HEADER.search(
                self.doc.node_text(scope if scope.type != "module" else around)
            )
            shown = "Access-Control-Allow-Credentials: true" if credentials else None
            yield Report(
                self.doc.range_of(statement),
                permissive_message(kind, _shown(self.doc, statement), shown),
                _HEADER_HINT,
                severity=cors_severity(credentials is not None),
            )

    def _header_settings(self) -> Iterator[tuple[tree_sitter.Node, tree_sitter.Node]]:
        """(statement, value) for each place the code sets `Access-Control-Allow-Origin`."""
        # The text says whether the queries can match: most files never spell the header.
        if _HEADER_SPELLING.search(self.doc.text):
            for name in self.doc.captures(_HEADER_NAMES).get("name", []):
                found = self._header_value(name)
                if found is not None:
                    yield found
        if "access_control_allow_origin" not in self.doc.text:
            return
        # Werkzeug (Flask) responses expose the header as a property.
        for _, match in self.doc.matches(_WERKZEUG_PROPERTY):
            yield match["statement"][0], match["value"][0]

    def _configured_choice(self, statement: tree_sitter.Node) -> bool:
        """A wildcard chosen by an `if allow_all_origins:` branch: CORS middleware code, configured elsewhere."""
        node = statement.parent
        while node is not None and node.type not in _SCOPES:
            condition = node.child_by_field_name("condition") if node.type == "if_statement" else None
            if condition is not None and _CONFIGURED_WILDCARD.search(self.doc.node_text(condition)):
                return True
            node = node.parent
        return False

    def _header_value(self, name: tree_sitter.Node) -> tuple[tree_sitter.Node, tree_sitter.Node] | None:
        """(the statement that sets the header, the value node) for the ways Python sets headers."""
        parent = name.parent
        if parent is None:
            return None
        if parent.type == "subscript":
            assignment = parent.parent
            if (
                assignment is None
                or assignment.type != "assignment"
                or assignment.child_by_field_name("left") != parent
            ):
                return None
            receiver = parent.child_by_field_name("value")
            value = assignment.child_by_field_name("right")
            if value is None or (receiver is not None and self._is_request_headers(receiver)):
                return None
            return assignment, value
        if parent.type == "pair" and parent.child_by_field_name("key") == name:
            value = parent.child_by_field_name("value")
            dictionary = parent.parent
            if value is None or dictionary is None or self._is_request_dictionary(dictionary):
                return None
            return parent, value
        if (
            parent.type == "argument_list"
            and parent.named_children[0] == name
            and parent.named_child_count >= 2
        ):
            return self._setter_call(parent)
        if parent.type == "tuple" and parent.named_child_count == 2 and parent.named_children[0] == name:
            if self._is_request_dictionary(parent):
                return None
            return parent, parent.named_children[1]
        return None

    def _setter_call(self, arguments: tree_sitter.Node) -> tuple[tree_sitter.Node, tree_sitter.Node] | None:
        call = arguments.parent
        function = call.child_by_field_name("function") if call is not None else None
        if call is None or function is None or function.type != "attribute":
            return None
        if _attribute_name(self.doc, function) not in _HEADER_SETTERS:
            return None
        receiver = function.child_by_field_name("object")
        if receiver is not None and self._is_request_headers(receiver):
            return None
        return call, arguments.named_children[1]

    def _is_request_headers(self, receiver: tree_sitter.Node) -> bool:
        """Headers of an outgoing HTTP request (a client session, a dict sent by a client), not of a response."""
        text = self.doc.node_text(receiver).lower()
        if "response" not in text and any(word in text for word in ("session", "client", "request")):
            return True
        return receiver.type == "identifier" and self._sent_by_client(
            self.doc.node_text(receiver), _scope(receiver)
        )

    def _is_request_dictionary(self, container: tree_sitter.Node) -> bool:
        """A header dictionary sent by an HTTP client call, or compared in a test assertion."""
        node: tree_sitter.Node | None = container
        while node is not None and node.type in {
            "dictionary",
            "list",
            "tuple",
            "keyword_argument",
            "argument_list",
        }:
            node = node.parent
        if node is None:
            return False
        if node.type in {"comparison_operator", "assert_statement"}:
            return True
        if node.type == "call":
            function = node.child_by_field_name("function")
            receiver = function.child_by_field_name("object") if function is not None else None
            return self._is_client_call(node) or (receiver is not None and self._is_request_headers(receiver))
        if node.type == "assignment":
            variable = node.child_by_field_name("left")
            if variable is not None and variable.type == "identifier":
                return self._sent_by_client(self.doc.node_text(variable), _scope(node))
        return False

    def _sent_by_client(self, variable: str, scope: tree_sitter.Node) -> bool:
        pattern = re.compile(rf"(?<![\w.]){re.escape(variable)}\b")
        for _, match in self.doc.matches(_CALLS, scope):
            arguments = match["arguments"][0]
            if pattern.search(self.doc.node_text(arguments)) and self._is_client_call(match["call"][0]):
                return True
        text = self.doc.node_text(scope)
        return re.search(rf"assert\b[^\n]*(?<![\w.]){re.escape(variable)}\b", text) is not None

    def _is_client_call(self, call: tree_sitter.Node) -> bool:
        function = call.child_by_field_name("function")
        if function is None:
            return False
        name = self.doc.imports.resolve_node(self.doc, function) or ""
        if name.startswith(_HTTP_CLIENT_MODULES):
            return True
        return function.type == "attribute" and _attribute_name(self.doc, function) in _HTTP_CLIENT_METHODS

    def _header_kind(
        self, value: tree_sitter.Node, statement: tree_sitter.Node, depth: int = 0
    ) -> OriginKind | None:
        if depth > _MAX_DEPTH:
            return None
        text = self.doc.node_text(value)
        constant = self._constant_string(value)
        if constant is not None:
            return self._open_kind(constant, classify_origin(constant), regex=False)
        if value.type == "conditional_expression":
            return self._conditional_kind(value, statement, depth)
        if value.type == "boolean_operator":
            parts = [value.child_by_field_name("left"), value.child_by_field_name("right")]
            kinds = [self._header_kind(part, statement, depth + 1) for part in parts if part is not None]
            return next((kind for kind in kinds if kind is not None), None)
        if _REQUEST_ORIGIN.search(text) and not self._checked(text, value, statement):
            return OriginKind.REFLECTED
        if value.type == "identifier":
            assigned = self._assigned_value(text, value)
            if assigned is not None and _REQUEST_ORIGIN.search(self.doc.node_text(assigned)):
                return None if self._checked(text, value, statement) else OriginKind.REFLECTED
        return None

    def _conditional_kind(
        self, value: tree_sitter.Node, statement: tree_sitter.Node, depth: int
    ) -> OriginKind | None:
        """`origin if origin in ALLOWED else "*"`: the condition checks the echoed branch, not the other."""
        if value.named_child_count != 3:
            return None
        chosen, condition, fallback = value.named_children
        kinds = [
            self._header_kind(chosen, statement, depth + 1),
            self._header_kind(fallback, statement, depth + 1),
        ]
        names = (self.doc.node_text(chosen), self.doc.node_text(fallback))
        checks = any(
            node.type in {"comparison_operator", "call"} and self._is_origin_check(node, name)
            for node in walk(condition)
            for name in names
        )
        return next((k for k in kinds if k is not None and not (k is OriginKind.REFLECTED and checks)), None)

    def _checked(self, origin: str, value: tree_sitter.Node, statement: tree_sitter.Node) -> bool:
        """Whether the function compares the origin with an allowlist before or around the header."""
        scope = _scope(statement)
        for node in self.doc.captures("[(comparison_operator) (call)] @check", scope).get("check", []):
            if node.start_byte >= statement.end_byte or (
                node.start_byte >= value.start_byte and node.end_byte <= value.end_byte
            ):
                continue
            if self._is_origin_check(node, origin):
                return True
        return False

    def _is_origin_check(self, node: tree_sitter.Node, origin: str) -> bool:
        text = self.doc.node_text(node)
        mentions = origin in text or _REQUEST_ORIGIN.search(text) is not None
        if not mentions:
            return False
        if node.type == "comparison_operator":
            operators = {child.type for child in node.children if not child.is_named}
            if operators & {"in", "not in"}:
                return True
            if operators & {"==", "!="}:
                return not re.search(r"""(==|!=)\s*(None|["']\*?["'])""", text)
            return False
        function = node.child_by_field_name("function")
        name = self.doc.node_text(function).lower() if function is not None else ""
        return _ALLOWLIST_CALL.search(name) is not None and "headers" not in name

    # -- values ----------------------------------------------------------------------------

    def _permissive_origins(
        self, value: tree_sitter.Node, *, regexes: bool = True, regex_only: bool = False, depth: int = 0
    ) -> _Permissive | None:
        """The first wildcard/null/catch-all origin in a string, list, tuple, set or constant."""
        if depth > _MAX_DEPTH:
            return None
        if value.type in {"list", "tuple", "set", "parenthesized_expression"}:
            for element in value.named_children:
                found = self._permissive_origins(
                    element, regexes=regexes, regex_only=regex_only, depth=depth + 1
                )
                if found is not None:
                    return found
            return None
        if value.type == "identifier":
            assigned = self._assigned_value(self.doc.node_text(value), value)
            if assigned is None:
                return None
            found = self._permissive_origins(
                assigned, regexes=regexes, regex_only=regex_only, depth=depth + 1
            )
            return _Permissive(found.kind, value) if found is not None else None
        text = self._pattern_text(value)
        if text is None:
            return None
        kind = classify_regex(text) if regex_only else classify_origin(text)
        open_kind = self._open_kind(text, kind, regex=regexes or regex_only)
        return _Permissive(open_kind, value) if open_kind is not None else None

    def _pattern_text(self, value: tree_sitter.Node) -> str | None:
        """A string constant, or the pattern of `re.compile("...")`."""
        if value.type == "call":
            function = value.child_by_field_name("function")
            arguments = value.child_by_field_name("arguments")
            if (
                function is None
                or arguments is None
                or self.doc.node_text(function) not in {"re.compile", "compile"}
            ):
                return None
            first = arguments.named_children[0] if arguments.named_child_count else None
            return literal_string(self.doc, first) if first is not None else None
        return literal_string(self.doc, value)

    def _open_kind(self, text: str, kind: OriginKind, *, regex: bool) -> OriginKind | None:
        if kind is OriginKind.CATCH_ALL and not regex:
            return None
        return kind if self._is_open(kind, text) else None

    def _is_open(self, kind: OriginKind, text: str) -> bool:
        return kind is not OriginKind.SPECIFIC and not is_trusted(text, self.ctx.config)

    def _constant_string(self, node: tree_sitter.Node, depth: int = 0) -> str | None:
        if node.type == "identifier" and depth < 3:
            assigned = self._assigned_value(self.doc.node_text(node), node)
            return self._constant_string(assigned, depth + 1) if assigned is not None else None
        return literal_string(self.doc, node)

    def _assigned_value(self, name: str, use: tree_sitter.Node) -> tree_sitter.Node | None:
        """The value last assigned to `name` before `use`, in the same function or at module level."""
        scope = _scope(use)
        local = [
            a for a in self._assignments_of(name) if _scope(a) == scope and a.start_byte < use.start_byte
        ]
        module = [a for a in self._assignments_of(name) if _scope(a) == self.doc.root]
        chosen = local or module
        return chosen[-1].child_by_field_name("right") if chosen else None

    def _assignments_of(self, name: str) -> list[tree_sitter.Node]:
        if self._assignments is None:
            self._assignments = {}
            for _, match in self.doc.matches(_ASSIGNMENTS):
                variable = self.doc.node_text(match["name"][0])
                self._assignments.setdefault(variable, []).append(match["assignment"][0])
        return self._assignments.get(name, [])

    def _true_keyword(self, keywords: dict[str, tree_sitter.Node], key: str) -> tree_sitter.Node | None:
        value = keywords.get(key)
        if value is None:
            return None
        # Falcon's `allow_credentials` takes the origins that may send credentials ("*" or a list).
        credentialed = self._is_true(value) or literal_string(self.doc, value) == "*" or value.type == "list"
        if not credentialed:
            return None
        parent = value.parent
        return parent if parent is not None and parent.type in {"keyword_argument", "pair"} else value

    def _is_true(self, value: tree_sitter.Node) -> bool:
        if value.type == "identifier":
            assigned = self._assigned_value(self.doc.node_text(value), value)
            return assigned is not None and literal_bool(self.doc, assigned) is True
        return literal_bool(self.doc, value) is True

    def _report(
        self,
        node: tree_sitter.Node,
        kind: OriginKind,
        shown: str | None,
        credentials: tree_sitter.Node | str | None,
        hint: str,
    ) -> Report:
        """`credentials` is the node that allows them, or an excerpt saying where they come from."""
        excerpt = shown if shown is not None else _shown(self.doc, node)
        credential_excerpt = (
            credentials
            if isinstance(credentials, str) or credentials is None
            else _shown(self.doc, credentials)
        )
        return Report(
            self.doc.range_of(node),
            permissive_message(kind, excerpt, credential_excerpt),
            hint,
            severity=cors_severity(credentials is not None),
        )


def _is_cors_middleware(name: str) -> bool:
    return name.endswith(".CORSMiddleware") and name.startswith(_CORS_MIDDLEWARE_MODULES)


def _identifiers(doc: Document, names: set[str], suffix: str = "") -> list[tree_sitter.Node]:
    """Identifier nodes spelled as one of `names` (or ending in `suffix`), in document order.

    Found by searching the text for each spelling, so a large file costs a few scans at C
    speed, not a visit of every node.
    """
    source, root = doc.source, doc.root
    found: dict[int, tree_sitter.Node] = {}
    for spelling in (*names, suffix) if suffix else names:
        word = spelling.encode()
        start = source.find(word)
        while start != -1:
            node = root.descendant_for_byte_range(start, start + len(word))
            start = source.find(word, start + 1)
            if node is None or node.type != "identifier" or node.start_byte in found:
                continue
            text = doc.node_text(node)
            if text in names or (suffix and text.endswith(suffix)):
                found[node.start_byte] = node
    return [found[start] for start in sorted(found)]


def _expression_ending_at(identifier: tree_sitter.Node) -> tree_sitter.Node:
    """`a.b.C` for the `C` of an attribute access; the identifier itself otherwise."""
    parent = identifier.parent
    if (
        parent is not None
        and parent.type == "attribute"
        and parent.child_by_field_name("attribute") == identifier
    ):
        return parent
    return identifier


def _is_plain_call(node: tree_sitter.Node) -> bool:
    """`f(...)` or `a.b(...)` with an argument list (what `_CALLS` matches)."""
    if node.type != "call":
        return False
    function = node.child_by_field_name("function")
    arguments = node.child_by_field_name("arguments")
    return (
        function is not None
        and function.type in {"identifier", "attribute"}
        and arguments is not None
        and arguments.type == "argument_list"
    )


def _keywords(doc: Document, arguments: tree_sitter.Node) -> dict[str, tree_sitter.Node]:
    """Keyword arguments of a call, by name."""
    found: dict[str, tree_sitter.Node] = {}
    for argument in arguments.named_children:
        if argument.type != "keyword_argument":
            continue
        name = argument.child_by_field_name("name")
        value = argument.child_by_field_name("value")
        if name is not None and value is not None:
            found[doc.node_text(name)] = value
    return found


def _dictionary_options(doc: Document, dictionary: tree_sitter.Node) -> dict[str, tree_sitter.Node]:
    """String-keyed entries of a dict literal (Flask-CORS per-resource options)."""
    found: dict[str, tree_sitter.Node] = {}
    for pair in dictionary.named_children:
        key = pair.child_by_field_name("key") if pair.type == "pair" else None
        value = pair.child_by_field_name("value") if pair.type == "pair" else None
        name = literal_string(doc, key) if key is not None else None
        if name is not None and value is not None:
            found[name] = value
    return found


def _attribute_name(doc: Document, attribute: tree_sitter.Node) -> str | None:
    member = attribute.child_by_field_name("attribute")
    return doc.node_text(member) if member is not None else None


def _scope(node: tree_sitter.Node) -> tree_sitter.Node:
    """The enclosing function (or the module)."""
    current = node.parent
    while current is not None and current.type not in _SCOPES:
        current = current.parent
    return current if current is not None else node


def _shown(doc: Document, node: tree_sitter.Node) -> str:
    """A short, one-line excerpt of the code for messages."""
    text = " ".join(doc.node_text(node).split())
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 3] + "..."
