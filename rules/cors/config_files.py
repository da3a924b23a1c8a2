"""Permissive-CORS detection for configuration files (see permissive_cors.py for the rule and its docs).

nginx: `add_header` / `more_set_headers` with `Access-Control-Allow-Origin` set to `*`, `null`,
`$http_origin` (reflected) or a variable that carries it unchecked. YAML and JSON: Kubernetes
ingress-nginx CORS annotations, serverless.yml `cors`, SAM / CloudFormation / API Gateway CORS,
S3 and other bucket CORS rules, Traefik and Kong CORS, Spring `allowed-origins`, header maps
(Vercel, Firebase) and `CORS_ORIGINS`-style environment entries, plus nginx snippets embedded
in YAML values. Credentials allowed alongside make a finding high severity.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import yaml

from agentguard.rules.cors.origins import (
    OriginKind,
    classify_origin,
    classify_regex,
    cors_severity,
    is_trusted,
    permissive_message,
)
from agentguard.rules.lazy_patterns import LazyPattern
from agentguard.rules.model import Range, Report

if TYPE_CHECKING:
    from agentguard.rules.config import Config
    from agentguard.rules.rule import Context

# -- nginx ---------------------------------------------------------------------------------

_NGINX_ALLOW_ORIGIN = LazyPattern(
    r"""(?P<directive>add_header\s+["']?access-control-allow-origin["']?\s+(?P<value>"[^"]*"|'[^']*'|[^\s;]+)"""
    r"""|more_set_headers\s+(?P<quote>["'])access-control-allow-origin\s*:\s*(?P<more>[^"';]*)(?P=quote))""",
    re.IGNORECASE,
)
_NGINX_CREDENTIALS = LazyPattern(
    r"""(add_header\s+["']?access-control-allow-credentials["']?\s+["']?true|"""
    r"""more_set_headers\s+["']access-control-allow-credentials\s*:\s*true)""",
    re.IGNORECASE,
)
_NGINX_MAP = LazyPattern(r"map\s+\$http_origin\s+\$(?P<name>\w+)\s*\{(?P<body>[^}]*)\}", re.DOTALL)
_NGINX_TOKEN = LazyPattern(r"""("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|[{};])""")
_NGINX_IF = LazyPattern(
    r"""^if\s*\(\s*!?\s*\$(?P<variable>\w+)\s*(?:(?P<operator>!?~\*?|!?=)\s*(?P<value>.*?))?\s*\)$""",
    re.DOTALL,
)
_NGINX_SET = LazyPattern(r"""set\s+\$(?P<name>\w+)\s+(?P<value>"[^"]*"|'[^']*'|[^\s;]+)""")
_NGINX_HINT = (
    "send one trusted origin (`add_header Access-Control-Allow-Origin https://app.example.com always;`), "
    'or choose it with `map $http_origin $cors_origin { default ""; "https://app.example.com" $http_origin; }`'
)

# -- YAML / JSON ---------------------------------------------------------------------------

_STRUCTURED_PREFILTER = LazyPattern(
    r"allow[-_]?origin|allowed[-_]?origin|access-?control-?allow-?origin|enable-cors|cors[\"']?\s*:|cors_origin"
    r"|origins?[\"']?\s*:",
    re.IGNORECASE,
)
_SKIPPED_FILES = frozenset({"package-lock.json", "npm-shrinkwrap.json", "pnpm-lock.yaml", "composer.lock"})
_MAX_STRUCTURED_SIZE = 1024 * 1024
_INGRESS = "nginx.ingress.kubernetes.io/"
# Keys (lower case, without `-`, `_` and spaces) whose value is a list of allowed origins.
_ORIGIN_KEYS = frozenset(
    {
        "allowedorigins",
        "allowedorigin",
        "alloworigins",
        "alloworigin",
        "allowedoriginpatterns",
        "accesscontrolalloworigin",
        "accesscontrolalloworiginlist",
        "corsalloworigin",
        "corsalloworigins",
        "corsallowedorigins",
        "corsorigin",
        "corsorigins",
        "corsoriginwhitelist",
        "backendcorsorigins",
        "accesscontrolalloworigins",
    }
)
# Any other key that names CORS and ends like an origin list (`HASURA_GRAPHQL_CORS_DOMAIN`).
_CORS_ORIGIN_SUFFIXES = ("origin", "origins", "domain", "domains", "originlist", "originwhitelist")
_REGEX_KEYS = frozenset(
    {
        "accesscontrolalloworiginlistregex",
        "alloworiginregex",
        "allowedoriginregexes",
        "corsallowedoriginregexes",
    }
)
_ALLOW_ALL_KEYS = frozenset({"corsoriginallowall", "corsallowallorigins", "allowallorigins"})
_CORS_SCOPED_KEYS = frozenset({"origin", "origins"})  # only inside a `cors` section
_CREDENTIAL_KEYS = frozenset(
    {
        "allowcredentials",
        "credentials",
        "supportscredentials",
        "accesscontrolallowcredentials",
        "corsallowcredentials",
        "corssupportscredentials",
        "corscredentials",
        "supportcredentials",
    }
)
# Recorded traffic (VCR cassettes, HAR files, API examples): headers someone else's server sent.
_RECORDED = frozenset({"interactions", "request", "entries", "examples", "example"})
# Root keys of recorded-traffic files: VCR cassettes, HAR logs, Postman collections.
_RECORDED_ROOTS = (frozenset({"interactions"}), frozenset({"log"}), frozenset({"info", "item"}))
_DEPENDENCY_SECTIONS = frozenset(
    {
        "dependencies",
        "devdependencies",
        "peerdependencies",
        "optionaldependencies",
        "resolutions",
        "overrides",
    }
)
_TRUE = frozenset({"true", "yes", "on", "'true'", '"true"'})
_TEMPLATE_ENTRY = LazyPattern(
    r"""^\s*(?:-\s+)?["']?(?P<key>[\w.\-/]+)["']?\s*:\s*(?P<value>[^#{]*?)\s*(?:#.*)?$"""
)
_TEMPLATE_ITEM = LazyPattern(r"""^\s*-\s+(?P<value>["']?[^\s#{]+["']?)\s*(?:#.*)?$""")
_KEY_VALUE = LazyPattern(r"^\s*(?P<key>[\w.\-/]+)\s*=\s*(?P<value>.*)$")
_STRUCTURED_HINT = (
    "list the trusted origins (e.g. `https://app.example.com`) instead of `*`, and never allow credentials "
    "for a wildcard"
)
_INGRESS_HINT = (
    'set `nginx.ingress.kubernetes.io/cors-allow-origin: "https://app.example.com"` '
    "(enable-cors alone allows every origin, with credentials by default)"
)
_SERVERLESS_HINT = "configure `cors: { origin: 'https://app.example.com' }` instead of `cors: true`"


def detect(ctx: Context) -> Iterator[Report]:
    """Yield a report for each permissive CORS set-up in the document."""
    if ctx.doc.language == "nginx":
        yield from _nginx(ctx.doc.text, 0, ctx.config)
        return
    name = ctx.doc.path.replace("\\", "/").rsplit("/", 1)[-1]
    text = ctx.doc.text
    if name in _SKIPPED_FILES or len(text) > _MAX_STRUCTURED_SIZE or not _STRUCTURED_PREFILTER.search(text):
        return
    if ctx.doc.language == "json":
        text = text.replace("\t", " ")  # YAML rejects tabs that JSON allows; same length keeps positions
    walker = _StructuredWalker(ctx.config, "cors" in name.lower(), ctx.doc.lines)
    documents, broken_from = _compose_all(text)
    for document in documents:
        yield from walker.document(document)
    if broken_from is not None and ctx.doc.language == "yaml":
        yield from _template_lines(ctx.doc.lines, broken_from, ctx.config)


# -- nginx ---------------------------------------------------------------------------------


def _nginx(text: str, first_line: int, config: Config, indent: int = 0) -> Iterator[Report]:
    """nginx directives in `text`, whose first line is file line `first_line + 1`, indented by `indent`."""
    code = _without_comments(text)
    origins = _NginxOrigins(code, config)
    for match in _NGINX_ALLOW_ORIGIN.finditer(code):
        raw = match.group("value") or match.group("more") or ""
        kind = origins.kind(raw.strip().strip("\"'").strip(), match.start())
        if kind is None:
            continue
        credentials = origins.credentials(match.start())
        credentials_shown = "Access-Control-Allow-Credentials: true" if credentials else None
        line, column = _line_column(code, match.start())
        end_line, end_column = _line_column(code, match.end())
        yield Report(
            Range(first_line + line, indent + column, first_line + end_line, indent + end_column),
            permissive_message(kind, " ".join(match.group(0).split()), credentials_shown),
            _NGINX_HINT,
            severity=cors_severity(credentials),
        )


@dataclass
class _Block:
    """One `{ ... }` block of an nginx file: its header (`location /api/`, `if ($x)`) and extent."""

    header: str
    start: int
    end: int
    parent: _Block | None

    def encloses(self, offset: int) -> bool:
        return self.start < offset < self.end


@dataclass(frozen=True)
class _Condition:
    """The test of an nginx `if ( ... )`: `$variable`, optionally an operator and a value."""

    variable: str
    operator: str | None
    value: str


class _NginxOrigins:
    """What the `Access-Control-Allow-Origin` values of one nginx file allow, given its blocks and checks.

    Echoing `$http_origin` is fine only where an origin check guards it: an enclosing
    `if ($http_origin ~* <specific pattern>)` (or `= <origin>`), an enclosing `if` on a flag that
    such a check or an allowlist `map $http_origin` sets, or a sibling check in an enclosing
    `server`/`location` that `return`s. Any other `if` (`$request_method = OPTIONS`) checks nothing.
    """

    def __init__(self, code: str, config: Config) -> None:
        self.code = code
        self.config = config
        self.blocks = _nginx_blocks(code)
        direct_checks = [block for block in self.blocks if self._tests_origin(block, frozenset())]
        flags = self._origin_flags(direct_checks)
        self.checks = [block for block in self.blocks if self._tests_origin(block, flags)]

    def kind(self, value: str, offset: int, depth: int = 0) -> OriginKind | None:
        """What `value`, used at character `offset`, lets in (None: nothing worth reporting)."""
        if value.lower() == "$http_origin":
            return None if self._checked(offset) else OriginKind.REFLECTED
        if value.startswith("$") and depth < 3:
            return self._variable_kind(value[1:].strip("{}"), depth)
        kind = classify_origin(value)
        if kind in {OriginKind.ANY, OriginKind.NULL} and not is_trusted(value, self.config):
            return kind
        return None

    def credentials(self, offset: int) -> bool:
        """Whether `Access-Control-Allow-Credentials: true` is sent in the `server`/`location` at `offset`."""
        for match in _NGINX_CREDENTIALS.finditer(self.code):
            scope = self._scope(match.start())
            if scope is None or scope.encloses(offset):
                return True
        return False

    def _scope(self, offset: int) -> _Block | None:
        """The innermost block around `offset` that is not an `if` (whose headers go to the same responses)."""
        inner = [
            block for block in self.blocks if block.encloses(offset) and not block.header.startswith("if")
        ]
        return inner[-1] if inner else None

    def _variable_kind(self, name: str, depth: int) -> OriginKind | None:
        """A variable set from `$http_origin`: a `map` allowlist is fine unless its default lets anything in."""
        for mapping in _NGINX_MAP.finditer(self.code):
            if mapping.group("name") == name:
                return _nginx_map_kind(mapping.group("body"))
        for assignment in _NGINX_SET.finditer(self.code):
            if assignment.group("name") == name:
                value = assignment.group("value").strip("\"'")
                kind = self.kind(value, assignment.start(), depth + 1)
                if kind is not None:
                    return kind
        return None

    def _checked(self, offset: int) -> bool:
        for check in self.checks:
            if check.encloses(offset):
                return True
            guards_scope = check.parent is None or check.parent.encloses(offset)
            if guards_scope and re.search(r"\breturn\b", self.code[check.start : check.end]):
                return True
        return False

    def _origin_flags(self, direct_checks: list[_Block]) -> frozenset[str]:
        """Variables that say the origin passed a check: set inside one, or an allowlist `map` result."""
        flags = {
            mapping.group("name")
            for mapping in _NGINX_MAP.finditer(self.code)
            if _nginx_map_kind(mapping.group("body")) is None
        }
        for assignment in _NGINX_SET.finditer(self.code):
            if any(check.encloses(assignment.start()) for check in direct_checks):
                flags.add(assignment.group("name"))
        return frozenset(flags)

    def _tests_origin(self, block: _Block, flags: frozenset[str]) -> bool:
        condition = _if_condition(block.header)
        if condition is None:
            return False
        if condition.variable in flags:
            return True
        if condition.variable != "http_origin" or condition.operator is None:
            return False
        value = condition.value.strip("\"'")
        if "~" in condition.operator:
            return classify_regex(value) is not OriginKind.CATCH_ALL
        return bool(value) and classify_origin(value) is OriginKind.SPECIFIC


def _nginx_blocks(code: str) -> list[_Block]:
    """Every `{ ... }` block, outermost first; an unclosed block runs to the end of the text."""
    blocks: list[_Block] = []
    open_blocks: list[_Block] = []
    statement_start = 0
    for token in _NGINX_TOKEN.finditer(code):
        symbol = token.group(0)
        if symbol[0] in "\"'":
            continue
        if symbol == "{":
            parent = open_blocks[-1] if open_blocks else None
            block = _Block(code[statement_start : token.start()].strip(), token.start(), len(code), parent)
            blocks.append(block)
            open_blocks.append(block)
        elif symbol == "}" and open_blocks:
            open_blocks.pop().end = token.start()
        statement_start = token.end()
    return blocks


def _if_condition(header: str) -> _Condition | None:
    match = _NGINX_IF.match(header)
    if match is None:
        return None
    return _Condition(match.group("variable"), match.group("operator"), match.group("value") or "")


def _nginx_map_kind(body: str) -> OriginKind | None:
    for entry in body.split(";"):
        parts = entry.split()
        if len(parts) != 2:
            continue
        source, result = parts[0].strip("\"'"), parts[1].strip("\"'")
        catch_all = source == "default" or (
            source.startswith("~") and classify_regex(source.lstrip("~*")) is OriginKind.CATCH_ALL
        )
        if catch_all and result.lower() == "$http_origin":
            return OriginKind.REFLECTED
        if catch_all and result == "*":
            return OriginKind.ANY
    return None


def _without_comments(text: str) -> str:
    """The text with `#` comments blanked out (same length, so offsets still match)."""
    return re.sub(
        r"""(?m)(^|[\s;{}])#[^\n]*""", lambda m: m.group(1) + " " * (len(m.group(0)) - len(m.group(1))), text
    )


def _line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


# -- YAML / JSON ---------------------------------------------------------------------------


def _compose_all(text: str) -> tuple[list[yaml.Node], int | None]:
    """The documents that parse, in order, and the 0-based line where an unparsable rest begins."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    documents = yaml.compose_all(text, Loader=loader)
    parsed: list[yaml.Node] = []
    while True:
        try:
            document = next(documents)
        except StopIteration:
            return parsed, None
        except Exception:  # any parser failure (libyaml raises more than YAMLError)
            return parsed, parsed[-1].end_mark.line + 1 if parsed else 0
        if document is not None:
            parsed.append(document)


def _template_lines(lines: list[str], start: int, config: Config) -> Iterator[Report]:
    """Line by line, for YAML that does not parse (Helm and Jinja templates): explicit wildcard origins only."""
    text = "\n".join(lines)
    enabled = re.search(r"enable-cors[\"']?\s*:\s*[\"']?true", text) is not None
    origin_key: str | None = None
    for number, line in enumerate(lines[start:], start=start + 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = _TEMPLATE_ITEM.match(line)
        if item and origin_key is not None:
            value = item.group("value").strip().strip("\"'")
            if classify_origin(value) in {OriginKind.ANY, OriginKind.NULL} and not is_trusted(value, config):
                yield _line_report(number, line, classify_origin(value), f"{origin_key}: [{value!r}]")
            continue
        entry = _TEMPLATE_ENTRY.match(line)
        origin_key = None
        if entry is None or not _is_origin_key(_leaf(entry.group("key"))):
            continue
        key, value = entry.group("key"), entry.group("value").strip().strip("\"'")
        if not value:
            origin_key = key
        elif key.startswith(_INGRESS) and not enabled:
            continue
        elif classify_origin(value) in {OriginKind.ANY, OriginKind.NULL} and not is_trusted(value, config):
            yield _line_report(number, line, classify_origin(value), f"{key}: {value}")


def _line_report(number: int, line: str, kind: OriginKind, shown: str) -> Report:
    start = len(line) - len(line.lstrip())
    return Report(
        Range(number, start + 1, number, len(line.rstrip()) + 1),
        permissive_message(kind, shown),
        _STRUCTURED_HINT,
        severity=cors_severity(False),
    )


def _normalised(key: str) -> str:
    return re.sub(r"[-_\s]", "", key.lower())


def _leaf(key: str) -> str:
    """The last segment of a dotted or slashed key, normalised (`x.headers.accessControlAllowOriginList`)."""
    return _normalised(re.split(r"[./]", key)[-1])


def _scalar(node: yaml.Node | None) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def _is_true(node: yaml.Node | None) -> bool:
    value = _scalar(node)
    return value is not None and value.strip().lower() in _TRUE


def _range(start: yaml.Node, end: yaml.Node | None = None) -> Range:
    last = end or start
    return Range(
        start.start_mark.line + 1,
        start.start_mark.column + 1,
        last.end_mark.line + 1,
        last.end_mark.column + 1,
    )


def _is_origin_key(leaf: str) -> bool:
    return leaf in _ORIGIN_KEYS or ("cors" in leaf and leaf.endswith(_CORS_ORIGIN_SUFFIXES))


def _origin_values(node: yaml.Node) -> Iterator[tuple[str, yaml.Node]]:
    """Each origin in a scalar (comma-separated) or a sequence of scalars, with its node.

    CloudFront's `AccessControlAllowOrigins: {Items: [...]}` wraps the sequence in a mapping.
    """
    if isinstance(node, yaml.MappingNode):
        items = [v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value.lower() == "items"]
        node = items[0] if items else node
    if isinstance(node, yaml.ScalarNode):
        for part in node.value.split(","):
            yield part.strip().strip("'\"").strip(), node
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            if isinstance(item, yaml.ScalarNode):
                yield item.value.strip().strip("'\""), item


@dataclass(frozen=True)
class _Place:
    """Where a mapping sits: the keys above it, and whether a `cors` section encloses it."""

    keys: tuple[str, ...]
    in_cors: bool


class _StructuredWalker:
    """Walks YAML/JSON node trees (without recursion) and reports permissive CORS settings."""

    def __init__(self, config: Config, cors_file: bool, lines: list[str]) -> None:
        self.config = config
        self.cors_file = cors_file
        self.lines = lines
        self.root_keys: frozenset[str] = frozenset()
        self.credentialed_entries: dict[
            int, str
        ] = {}  # header-list entries next to an allow-credentials entry

    def document(self, root: yaml.Node) -> Iterator[Report]:
        """Every finding in one YAML document (or the JSON file)."""
        self.root_keys = (
            frozenset(_normalised(k.value) for k, _ in root.value if isinstance(k, yaml.ScalarNode))
            if isinstance(root, yaml.MappingNode)
            else frozenset()
        )
        if any(keys <= self.root_keys for keys in _RECORDED_ROOTS):
            return
        stack: list[tuple[yaml.Node, _Place]] = [(root, _Place((), self.cors_file))]
        seen: set[int] = set()  # anchors and aliases can make the node graph cyclic
        while stack:
            node, place = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            if isinstance(node, yaml.MappingNode):
                yield from self._mapping(node, place)
                named_cors = _scalar(self._entries(node).get("name", (None, None))[1]) == "cors"
                for key, value in node.value:
                    key_text = _scalar(key) or ""
                    in_cors = place.in_cors or named_cors or "cors" in _normalised(key_text)
                    stack.append((value, _Place((*place.keys, _normalised(key_text)), in_cors)))
            elif isinstance(node, yaml.SequenceNode):
                self._note_header_credentials(node)
                yield from self._key_value_entries(node, place)
                stack.extend((item, place) for item in node.value)
            elif isinstance(node, yaml.ScalarNode) and "access-control-allow-origin" in node.value.lower():
                yield from self._embedded_nginx(node)

    @staticmethod
    def _entries(mapping: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        return {k.value: (k, v) for k, v in mapping.value if isinstance(k, yaml.ScalarNode)}

    def _mapping(self, mapping: yaml.MappingNode, place: _Place) -> Iterator[Report]:
        entries = self._entries(mapping)
        if any(key.startswith(_INGRESS) for key in entries):
            yield from self._ingress(entries)
            return
        if _DEPENDENCY_SECTIONS & set(place.keys):
            return
        credentials = self._credentials(entries)
        for key, (key_node, value) in entries.items():
            yield from self._setting(key, key_node, value, place, credentials)
        yield from self._header_pair(mapping, place)

    def _credentials(self, entries: dict[str, tuple[yaml.Node, yaml.Node]]) -> str | None:
        for key, (_, value) in entries.items():
            if _leaf(key) in _CREDENTIAL_KEYS and _is_true(value):
                return f"{key}: {_scalar(value)}"
        return None

    def _setting(
        self, key: str, key_node: yaml.Node, value: yaml.Node, place: _Place, credentials: str | None
    ) -> Iterator[Report]:
        leaf = _leaf(key)
        bare_header = leaf == "accesscontrolalloworigin" and _normalised(key) == leaf
        if bare_header and _RECORDED & set(place.keys):
            return
        if _is_origin_key(leaf) or (leaf in _CORS_SCOPED_KEYS and place.in_cors):
            yield from self._origins(key, key_node, value, credentials, regex=False)
        elif leaf in _REGEX_KEYS:
            yield from self._origins(key, key_node, value, credentials, regex=True)
        elif leaf in _ALLOW_ALL_KEYS and _is_true(value):
            yield self._report(
                key_node,
                value,
                OriginKind.ANY,
                f"{key}: {_scalar(value)}",
                credentials=credentials,
                hint=_STRUCTURED_HINT,
            )
        elif leaf == "cors":
            yield from self._cors_switch(key, key_node, value, place, credentials)

    def _origins(
        self, key: str, key_node: yaml.Node, value: yaml.Node, credentials: str | None, *, regex: bool
    ) -> Iterator[Report]:
        for origin, node in _origin_values(value):
            kind = classify_regex(origin) if regex else classify_origin(origin)
            if kind is OriginKind.SPECIFIC or is_trusted(origin, self.config):
                continue
            start = key_node if node is value else node
            shown = f"{key}: {origin}" if node is value else f"{key}: [{origin!r}]"
            yield self._report(start, node, kind, shown, credentials=credentials, hint=_STRUCTURED_HINT)
            return

    def _cors_switch(
        self, key: str, key_node: yaml.Node, value: yaml.Node, place: _Place, credentials: str | None
    ) -> Iterator[Report]:
        """serverless.yml `cors: true` (every origin) and SAM `Cors: "'*'"`."""
        serverless = bool(self.root_keys & {"provider", "functions"}) or "events" in place.keys
        cloudformation = bool(
            self.root_keys & {"resources", "globals", "awstemplateformatversion", "transform"}
        )
        if not isinstance(value, yaml.ScalarNode):
            return
        if value.tag.endswith(":bool") and _is_true(value) and (serverless or cloudformation):
            shown = f"{key}: {value.value}"
            yield self._report(
                key_node,
                value,
                OriginKind.ANY,
                f"{shown}` allows `*",
                credentials=credentials,
                hint=_SERVERLESS_HINT,
            )
        elif value.value.strip().strip("'\"") == "*" and not is_trusted("*", self.config):
            yield self._report(
                key_node,
                value,
                OriginKind.ANY,
                f"{key}: {value.value}",
                credentials=credentials,
                hint=_STRUCTURED_HINT,
            )

    def _note_header_credentials(self, sequence: yaml.SequenceNode) -> None:
        """Remember header-list entries that sit beside `{key: Access-Control-Allow-Credentials, value: true}`."""
        mappings = [item for item in sequence.value if isinstance(item, yaml.MappingNode)]
        for item in mappings:
            entries = self._entries(item)
            name = _scalar(entries.get("key", entries.get("name", (None, None)))[1]) or ""
            if name.lower() == "access-control-allow-credentials" and _is_true(
                entries.get("value", (None, None))[1]
            ):
                self.credentialed_entries.update(
                    (id(other), "Access-Control-Allow-Credentials: true") for other in mappings
                )
                return

    def _header_pair(self, mapping: yaml.MappingNode, place: _Place) -> Iterator[Report]:
        """`{key: Access-Control-Allow-Origin, value: "*"}` header lists (Vercel, Firebase hosting)."""
        entries = self._entries(mapping)
        name = _scalar(entries.get("key", entries.get("name", (None, None)))[1])
        if name is None or name.lower() != "access-control-allow-origin" or _RECORDED & set(place.keys):
            return
        key_node, value = entries.get("value", (None, None))
        origin = (_scalar(value) or "").strip()
        kind = classify_origin(origin)
        if key_node is None or value is None or kind not in {OriginKind.ANY, OriginKind.NULL}:
            return
        if is_trusted(origin, self.config):
            return
        credentials = self.credentialed_entries.get(id(mapping))
        shown = f"Access-Control-Allow-Origin: {origin}"
        yield self._report(key_node, value, kind, shown, credentials=credentials, hint=_STRUCTURED_HINT)

    def _key_value_entries(self, sequence: yaml.SequenceNode, place: _Place) -> Iterator[Report]:
        """`- CORS_ORIGINS=*` environment lists and `traefik....accesscontrolalloworiginlist=*` labels."""
        pairs: list[tuple[str, str, yaml.ScalarNode]] = []
        for item in sequence.value:
            match = _KEY_VALUE.match(item.value) if isinstance(item, yaml.ScalarNode) else None
            if match:
                pairs.append((match.group("key"), match.group("value").strip().strip("'\""), item))
        if not pairs or _DEPENDENCY_SECTIONS & set(place.keys):
            return
        credentials = next(
            (f"{k}={v}" for k, v, _ in pairs if _leaf(k) in _CREDENTIAL_KEYS and v.lower() == "true"), None
        )
        for key, value, item in pairs:
            leaf = _leaf(key)
            if leaf in _ALLOW_ALL_KEYS and value.lower() == "true":
                yield self._report(
                    item,
                    item,
                    OriginKind.ANY,
                    f"{key}={value}",
                    credentials=credentials,
                    hint=_STRUCTURED_HINT,
                )
            elif _is_origin_key(leaf) or leaf in _REGEX_KEYS:
                kinds = [
                    classify_regex(v) if leaf in _REGEX_KEYS else classify_origin(v) for v in value.split(",")
                ]
                kind = next((k for k in kinds if k is not OriginKind.SPECIFIC), None)
                if kind is not None and not is_trusted(value, self.config):
                    yield self._report(
                        item, item, kind, f"{key}={value}", credentials=credentials, hint=_STRUCTURED_HINT
                    )

    def _ingress(self, annotations: dict[str, tuple[yaml.Node, yaml.Node]]) -> Iterator[Report]:
        """ingress-nginx: `enable-cors` allows `*` (and credentials) unless `cors-allow-origin` narrows it."""
        enabled = annotations.get(_INGRESS + "enable-cors")
        if enabled is None or not _is_true(enabled[1]):
            return
        credentials_entry = annotations.get(_INGRESS + "cors-allow-credentials")
        credentials = credentials_entry is None or _is_true(credentials_entry[1])
        credentials_shown = (
            "cors-allow-credentials defaults to true"
            if credentials_entry is None
            else (f"cors-allow-credentials: {_scalar(credentials_entry[1])}" if credentials else None)
        )
        origin_entry = annotations.get(_INGRESS + "cors-allow-origin")
        if origin_entry is None:
            key_node, value = enabled
            shown = f"{_INGRESS}enable-cors: {_scalar(value)}` without `cors-allow-origin` allows `*"
            yield self._report(
                key_node, value, OriginKind.ANY, shown, credentials=credentials_shown, hint=_INGRESS_HINT
            )
            return
        key_node, value = origin_entry
        for origin, _ in _origin_values(value):
            kind = classify_origin(origin)
            if kind is not OriginKind.SPECIFIC and not is_trusted(origin, self.config):
                shown = f"cors-allow-origin: {_scalar(value)}"
                yield self._report(
                    key_node, value, kind, shown, credentials=credentials_shown, hint=_INGRESS_HINT
                )
                return

    def _embedded_nginx(self, node: yaml.ScalarNode) -> Iterator[Report]:
        """nginx snippets in YAML values (ingress `configuration-snippet`, ConfigMaps holding nginx.conf)."""
        if node.style in {"|", ">"}:
            first = node.start_mark.line + 1
            content = self.lines[first] if first < len(self.lines) else ""
            yield from _nginx(node.value, first, self.config, len(content) - len(content.lstrip()))
            return
        for report in _nginx(node.value, 0, self.config):
            yield Report(_range(node), report.message, report.hint, severity=report.severity)
            return

    def _report(
        self,
        start: yaml.Node,
        end: yaml.Node,
        kind: OriginKind,
        shown: str,
        *,
        credentials: str | None,
        hint: str,
    ) -> Report:
        return Report(
            _range(start, end),
            permissive_message(kind, shown, credentials),
            hint,
            severity=cors_severity(credentials is not None),
        )
