"""Where code puts a string literal into a credential, per language, found with tree-sitter queries:
assignments, fields, keys, keyword arguments, default parameters, setters, comparisons,
environment fallbacks, Spring `@Value` defaults and the credential parameters of known calls."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from agentguard.rules.lazy_patterns import LazyPattern
from agentguard.rules.literals import literal_string

if TYPE_CHECKING:
    import tree_sitter

    from agentguard.rules.document import Document

# Names worth looking at; the precise judgement is secret_values.credential_kind.
_NAME = '"(?i)(pass|pwd|secret|token|key|credential|auth)"'
# The patterns capture any value (`(_)`); `_has_value_shape` keeps the shapes worth judging
# (literals, and literals converted to bytes). Written into the queries as alternatives, those
# shapes made compiling them cost tens of milliseconds, a large part of a one-file check.


@dataclass(frozen=True)
class CredentialSite:
    """A literal that reaches a credential: under `name`, or (name None) through a call position,
    judged as a credential of `kind` (see secret_values.credential_kind)."""

    name: str | None
    value: str
    node: tree_sitter.Node
    how: str
    kind: str = "strong"


_PYTHON = f"""
(assignment left: [(identifier) @name (attribute attribute: (identifier) @name)] right: (_) @value
  (#match? @name {_NAME}))
(assignment left: (subscript subscript: (string) @name) right: (_) @value (#match? @name {_NAME}))
(keyword_argument name: (identifier) @name value: (_) @value (#match? @name {_NAME}))
(pair key: (string) @name value: (_) @value (#match? @name {_NAME}))
(default_parameter name: (identifier) @name value: (_) @value (#match? @name {_NAME}))
(typed_default_parameter name: (identifier) @name value: (_) @value (#match? @name {_NAME}))
(comparison_operator [(identifier) @name (attribute attribute: (identifier) @name)] (string) @value
  (#match? @name {_NAME}))
(call function: (attribute attribute: (identifier) @setter) arguments: (argument_list . (_) @value .)
  (#match? @setter {_NAME}))
(call function: (_) @fn arguments: (argument_list . (string) @name . (string) @value) (#match? @name {_NAME}))
(call function: (_) @fn arguments: (argument_list . (string) @name
  (keyword_argument name: (identifier) @kw value: (string) @value)) (#eq? @kw "default") (#match? @name {_NAME}))
(boolean_operator left: (call function: (_) @fn arguments: (argument_list . (string) @name)) right: (string) @value
  (#match? @name {_NAME}))
(keyword_argument name: (identifier) @auth value: (tuple . (_) . (string) @value .) (#eq? @auth "auth"))
(call function: [(identifier) @call (attribute attribute: (identifier) @call)] arguments: (argument_list) @args
  (#match? @call "^(encode|decode|new|login|run|Fernet|HTTPBasicAuth|HTTPDigestAuth|BasicAuth)$"))
"""

_JS_COMMON = f"""
(variable_declarator name: (identifier) @name value: (_) @value (#match? @name {_NAME}))
(assignment_expression left: [(identifier) @name (member_expression property: (property_identifier) @name)]
  right: (_) @value (#match? @name {_NAME}))
(assignment_expression left: (subscript_expression index: (string) @name) right: (_) @value (#match? @name {_NAME}))
(pair key: [(property_identifier) (string)] @name value: (_) @value (#match? @name {_NAME}))
(assignment_pattern left: (identifier) @name right: (_) @value (#match? @name {_NAME}))
(object_assignment_pattern left: (shorthand_property_identifier_pattern) @name right: (_) @value
  (#match? @name {_NAME}))
(binary_expression left: [(identifier) @name (member_expression property: (property_identifier) @name)]
  right: (string) @value (#match? @name {_NAME}))
(binary_expression left: [(member_expression) (subscript_expression)] @env right: (string) @value
  (#match? @env "^(process|import\\\\.meta|Deno)\\\\.env"))
(call_expression function: (member_expression property: (property_identifier) @setter)
  arguments: (arguments . (_) @value .) (#match? @setter {_NAME}))
(call_expression function: (_) @fn arguments: (arguments . (string) @name . (string) @value) (#match? @name {_NAME}))
(call_expression function: [(identifier) @call (member_expression property: (property_identifier) @call)]
  arguments: (arguments) @args (#match? @call "^(sign|verify|createHmac|createCipheriv|login)$"))
"""
_JAVASCRIPT = (
    _JS_COMMON
    + f"""
(field_definition property: (property_identifier) @name value: (_) @value (#match? @name {_NAME}))
"""
)
_TYPESCRIPT = (
    _JS_COMMON
    + f"""
(public_field_definition name: (property_identifier) @name value: (_) @value (#match? @name {_NAME}))
(required_parameter pattern: (identifier) @name value: (_) @value (#match? @name {_NAME}))
(optional_parameter pattern: (identifier) @name value: (_) @value (#match? @name {_NAME}))
"""
)
_GO = f"""
(var_spec name: (identifier) @name value: (expression_list . (_) @value) (#match? @name {_NAME}))
(const_spec name: (identifier) @name value: (expression_list . (_) @value) (#match? @name {_NAME}))
(short_var_declaration left: (expression_list . (identifier) @name .) right: (expression_list . (_) @value .)
  (#match? @name {_NAME}))
(assignment_statement left: (expression_list . [(identifier) @name (selector_expression field: (field_identifier) @name)] .)
  right: (expression_list . (_) @value .) (#match? @name {_NAME}))
(keyed_element key: (literal_element [(identifier) (interpreted_string_literal)] @name)
  value: (literal_element (_) @value) (#match? @name {_NAME}))
(binary_expression left: [(identifier) @name (selector_expression field: (field_identifier) @name)]
  right: (interpreted_string_literal) @value (#match? @name {_NAME}))
(call_expression function: (selector_expression field: (field_identifier) @setter)
  arguments: (argument_list . (_) @value .) (#match? @setter {_NAME}))
(call_expression function: (_) @fn arguments: (argument_list . (interpreted_string_literal) @name .
  (interpreted_string_literal) @value) (#match? @name {_NAME}))
(call_expression function: [(identifier) @call (selector_expression field: (field_identifier) @call)]
  arguments: (argument_list) @args
  (#match? @call "^(SignedString|New|PlainAuth|SetBasicAuth|NewStaticCredentials|NewStaticCredentialsProvider)$"))
"""
_JAVA = f"""
(variable_declarator name: (identifier) @name value: (_) @value (#match? @name {_NAME}))
(assignment_expression left: [(identifier) @name (field_access field: (identifier) @name)] right: (_) @value
  (#match? @name {_NAME}))
(method_invocation name: (identifier) @setter arguments: (argument_list . (_) @value .) (#match? @setter {_NAME}))
(method_invocation object: (identifier) @name name: (identifier) @equals arguments: (argument_list . (string_literal) @value .)
  (#eq? @equals "equals") (#match? @name {_NAME}))
(method_invocation name: (identifier) @fn arguments: (argument_list . (string_literal) @name . (string_literal) @value)
  (#match? @name {_NAME}))
(annotation name: (identifier) @spring arguments: (annotation_argument_list (string_literal) @value)
  (#eq? @spring "Value"))
(method_invocation name: (identifier) @call arguments: (argument_list) @args
  (#match? @call "^(getConnection|HMAC256|HMAC384|HMAC512|hmacShaKeyFor|signWith|setSigningKey)$"))
(object_creation_expression type: (_) @call arguments: (argument_list) @args
  (#match? @call "(SecretKeySpec|UsernamePasswordCredentials|PasswordAuthentication|BasicAWSCredentials)$"))
"""
QUERIES = {
    "python": _PYTHON,
    "javascript": _JAVASCRIPT,
    "typescript": _TYPESCRIPT,
    "tsx": _TYPESCRIPT,
    "go": _GO,
    "java": _JAVA,
}

# Callees of the `(name, value)` argument pair pattern: environment look-ups with a fallback and
# key/value setters. Other two-string calls (`replace("token", "tok")`) are not credentials.
_PAIR_CALLEES = LazyPattern(
    r"(?i)^(get|getenv|get_env|getorDefault|getproperty|setdefault|set|put|setproperty|setenv|add|"
    r"addheader|setheader|set_header|add_header|header|config|getattr|env|str|.*env.*|.*default.*)$"
)
_SETTER_VERBS = ("set", "with", "use")
# Known calls: (callee name, required text in the receiver or None) -> secret argument position.
# A negative position counts from the end.
_CREDENTIAL_ARGUMENTS: dict[str, tuple[tuple[str, ...] | None, int]] = {
    "encode": (("jwt", "jose", "jws"), 1),
    "decode": (("jwt", "jose", "jws"), 1),
    "sign": (("jwt", "jsonwebtoken", "jose", "jws"), 1),
    "verify": (("jwt", "jsonwebtoken", "jose", "jws"), 1),
    "new": (("hmac",), 0),
    "New": (("hmac",), 1),
    "createHmac": (None, 1),
    "createCipheriv": (None, 1),
    "login": (None, 1),
    "Fernet": (None, 0),
    "HTTPBasicAuth": (None, 1),
    "HTTPDigestAuth": (None, 1),
    "BasicAuth": (None, 1),
    "SignedString": (None, 0),
    "PlainAuth": (None, 2),
    "SetBasicAuth": (None, 1),
    "NewStaticCredentials": (None, 1),
    "NewStaticCredentialsProvider": (None, 1),
    "getConnection": (None, 2),
    "HMAC256": (None, 0),
    "HMAC384": (None, 0),
    "HMAC512": (None, 0),
    "hmacShaKeyFor": (None, 0),
    "signWith": (None, -1),
    "setSigningKey": (None, 0),
    "SecretKeySpec": (None, 0),
    "UsernamePasswordCredentials": (None, 1),
    "PasswordAuthentication": (None, 1),
    "BasicAWSCredentials": (None, 1),
}
# Calls whose one argument is a bot token in a file that imports the library: discord.py and its
# forks `client.run(token)`, discord.js `client.login(token)`.
_BOT_TOKEN_CALLS: dict[str, tuple[str, ...]] = {
    "run": ("discord", "nextcord", "disnake"),
    "login": ("discord.js",),
}
_SPRING_DEFAULT = LazyPattern(r"^\$\{([^:}]+):([^}]*)\}$")
_COMPARISONS = frozenset({"==", "===", "!=", "!==", "||", "??", "or"})


def find_sites(doc: Document) -> Iterator[CredentialSite]:
    """Every literal that the document puts into a credential-looking name or position."""
    for _, captures in doc.matches(QUERIES[doc.language]):
        site = _site(doc, captures)
        if site is not None:
            yield site


def _site(doc: Document, captures: dict[str, list[tree_sitter.Node]]) -> CredentialSite | None:
    if "args" in captures:
        return _known_call(doc, captures["call"][0], captures["args"][0])
    value_node = captures["value"][0]
    if "spring" in captures:
        return _spring_default(doc, value_node)
    value = secret_literal(doc, value_node)
    if value is None:
        return None
    if "setter" in captures:
        name = _setter_name(doc.node_text(captures["setter"][0]))
        return CredentialSite(name, value, value_node, "passed to") if name else None
    if "env" in captures:
        name = doc.node_text(captures["env"][0]).rsplit(".", 1)[-1].strip("[]\"'`")
        return CredentialSite(name, value, value_node, "used as the fallback for")
    if "auth" in captures:
        return CredentialSite("password", value, value_node, "passed as")
    if not _has_value_shape(doc.language, value_node):
        return None
    name_node = captures["name"][0]
    if "fn" in captures and not _PAIR_CALLEES.match(_last_name(doc.node_text(captures["fn"][0]))):
        return None
    if _is_comparison(doc, value_node) is False:
        return None
    name = literal_string(doc, name_node) if name_node.type in _STRING_NODES else doc.node_text(name_node)
    if name == "pass":
        name = _password_beside_user(doc, value_node)
    if name in _KEY_KEYWORDS and _in_known_call(doc, value_node):
        return CredentialSite(None, value, value_node, f"passed as `{name}=`")
    how = "compared with" if _is_comparison(doc, value_node) else "assigned to"
    return CredentialSite(name, value, value_node, how) if name else None


# Value node types judged as they are, per language.
_LITERAL_VALUES = {
    "python": frozenset({"string", "concatenated_string"}),
    "javascript": frozenset({"string", "template_string"}),
    "typescript": frozenset({"string", "template_string"}),
    "tsx": frozenset({"string", "template_string"}),
    "go": frozenset(
        {"interpreted_string_literal", "raw_string_literal", "type_conversion_expression", "call_expression"}
    ),
    "java": frozenset({"string_literal"}),
}


def _password_beside_user(doc: Document, value_node: tree_sitter.Node) -> str | None:
    """`auth: { user: "...", pass: "..." }` (nodemailer, SMTP and HTTP clients): `pass` next to
    a user name is a password, named after the object that holds it; alone it is just a word."""
    pair = value_node.parent
    holder = pair.parent if pair is not None and pair.type == "pair" else None
    if holder is None or holder.type not in {"object", "dictionary"}:
        return None
    keys = {_pair_key(doc, child) for child in holder.named_children if child.type == "pair"}
    if not keys & {"user", "username", "userName", "login"}:
        return None
    owner = holder.parent
    owner_key = _pair_key(doc, owner) if owner is not None and owner.type == "pair" else None
    return f"{owner_key}.pass" if owner_key else "password"


def _pair_key(doc: Document, pair: tree_sitter.Node) -> str | None:
    key = pair.child_by_field_name("key")
    if key is None:
        return None
    return literal_string(doc, key) if key.type in _STRING_NODES else doc.node_text(key)


def _has_value_shape(language: str, node: tree_sitter.Node) -> bool:
    """Whether a value put under a name is a literal or a conversion of one: Python
    `"k".encode()`, `SecretStr("k")`, `Field(default="k")`; JavaScript `Buffer.from("k")`;
    Java `"k".getBytes()`. (A first or last named child may be a comment, as in the queries.)"""
    if node.type in _LITERAL_VALUES[language]:
        return True
    if language == "python" and node.type == "call":
        return _is_python_conversion(node)
    if language == "java" and node.type == "method_invocation":
        return _field_type(node, "object") == "string_literal"
    if node.type == "call_expression":  # JavaScript and TypeScript; any Go call is a literal type
        arguments = node.child_by_field_name("arguments")
        return arguments is not None and arguments.type == "arguments" and _types(arguments) == ["string"]
    return False


def _is_python_conversion(call: tree_sitter.Node) -> bool:
    function = call.child_by_field_name("function")
    if function is not None and function.type == "attribute":
        return _field_type(function, "object") == "string"
    arguments = call.child_by_field_name("arguments")
    if (
        function is None
        or function.type != "identifier"
        or arguments is None
        or arguments.type != "argument_list"
    ):
        return False
    return _types(arguments)[:1] in (["string"], ["keyword_argument"])


def _field_type(node: tree_sitter.Node, field: str) -> str | None:
    child = node.child_by_field_name(field)
    return child.type if child is not None else None


def _types(node: tree_sitter.Node) -> list[str]:
    return [child.type for child in node.named_children]


# Keyword arguments that carry the key of a known call (`jwt.decode(token, key="...")`).
_KEY_KEYWORDS = frozenset({"key", "secret", "signing_key"})


def _in_known_call(doc: Document, value_node: tree_sitter.Node) -> bool:
    argument = value_node.parent
    call = argument.parent.parent if argument is not None and argument.parent is not None else None
    function = call.child_by_field_name("function") if call is not None else None
    if function is None:
        return False
    callee = function.child_by_field_name("attribute") if function.type == "attribute" else function
    if callee is None:
        return False
    receivers, position = _CREDENTIAL_ARGUMENTS.get(doc.node_text(callee), (None, None))
    return position is not None and (receivers is None or _receiver_matches(doc, callee, receivers))


_STRING_NODES = frozenset({"string", "interpreted_string_literal", "string_literal", "raw_string_literal"})


def _is_comparison(doc: Document, value_node: tree_sitter.Node) -> bool | None:
    """For a value in a binary expression: whether the operator compares or falls back."""
    parent = value_node.parent
    if parent is None or parent.type not in {"binary_expression", "comparison_operator"}:
        return None
    operator = parent.child_by_field_name("operator")
    if operator is None:
        operators = [child for child in parent.children if not child.is_named]
        operator = operators[0] if operators else None
    return operator is not None and doc.node_text(operator) in _COMPARISONS


def _setter_name(method: str) -> str | None:
    """`setPassword` -> `Password`; a builder method named like the credential stays itself."""
    for verb in _SETTER_VERBS:
        if method.startswith(verb) and len(method) > len(verb):
            rest = method[len(verb) :].lstrip("_")
            return rest if rest[:1].isupper() or method[len(verb)] == "_" else None
    return method if method[:1].islower() and "_" not in method and method.isalpha() else None


def _last_name(text: str) -> str:
    return re.split(r"[.\s:]+", text.strip())[-1]


def _known_call(doc: Document, callee: tree_sitter.Node, args: tree_sitter.Node) -> CredentialSite | None:
    name = _last_name(doc.node_text(callee))
    positional = [child for child in args.named_children if child.type not in _NON_POSITIONAL]
    if len(positional) == 1 and _is_bot_token_call(doc, name):
        return _bot_token(doc, name, positional[0])
    receivers, position = _CREDENTIAL_ARGUMENTS.get(name, (None, None))
    if position is None:
        return None
    if receivers is not None and not _receiver_matches(doc, callee, receivers):
        return None
    if not positional or position >= len(positional) or -position > len(positional):
        return None
    value_node = positional[position]
    value = secret_literal(doc, value_node)
    if value is None:
        return None
    return CredentialSite(None, value, value_node, f"passed to `{name}()`")


def _is_bot_token_call(doc: Document, name: str) -> bool:
    return any(doc.imports.imports_module(module) for module in _BOT_TOKEN_CALLS.get(name, ()))


def _bot_token(doc: Document, name: str, argument: tree_sitter.Node) -> CredentialSite | None:
    """The literal bot token given to `run()`/`login()`, written there or in a module constant
    (`bot.run(TOKEN)` with `TOKEN = "..."`)."""
    value_node = _module_constant(doc, doc.node_text(argument)) if argument.type == "identifier" else argument
    value = secret_literal(doc, value_node) if value_node is not None else None
    if value_node is None or value is None:
        return None
    # Bot tokens are generated: a word-like argument is a name, not a token.
    return CredentialSite(None, value, value_node, f"passed as the bot token to `{name}()`", "key")


def _module_constant(doc: Document, name: str) -> tree_sitter.Node | None:
    """The value last assigned to `name` at the top level of the module (Python and JS)."""
    found = None
    for statement in doc.root.named_children:
        for node in (statement, *statement.named_children):
            if node.type == "assignment":
                target, value = node.child_by_field_name("left"), node.child_by_field_name("right")
            elif node.type == "variable_declarator":
                target, value = node.child_by_field_name("name"), node.child_by_field_name("value")
            else:
                continue
            if target is not None and value is not None and doc.node_text(target) == name:
                found = value
    return found


_NON_POSITIONAL = frozenset({"keyword_argument", "comment", "list_splat", "dictionary_splat"})


def _receiver_matches(doc: Document, callee: tree_sitter.Node, receivers: tuple[str, ...]) -> bool:
    parent = callee.parent
    function = parent if parent is not None and parent.type in _MEMBER_ACCESS else callee
    text = doc.node_text(function).lower()
    if "." not in text:
        resolved = doc.imports.resolve(text) or ""
        text = resolved.lower()
    return any(receiver in text for receiver in receivers)


_MEMBER_ACCESS = frozenset({"attribute", "member_expression", "selector_expression"})


def _spring_default(doc: Document, node: tree_sitter.Node) -> CredentialSite | None:
    """`@Value("${jwt.secret:fallback}")`: the fallback is a literal for the property `jwt.secret`."""
    text = literal_string(doc, node)
    match = _SPRING_DEFAULT.match(text or "")
    if match is None:
        return None
    return CredentialSite(match.group(1), match.group(2), node, "used as the default of")


def secret_literal(doc: Document, node: tree_sitter.Node) -> str | None:
    """The constant string a node holds: a string literal, or one converted to bytes
    (`b"k"`, `"k".encode()`, `[]byte("k")`, `"k".getBytes()`, `Buffer.from("k")`)."""
    value = literal_string(doc, node)
    if value is not None:
        return value
    inner = _converted_literal(node)
    return literal_string(doc, inner) if inner is not None else None


def _converted_literal(node: tree_sitter.Node) -> tree_sitter.Node | None:
    if node.type == "type_conversion_expression":
        return node.child_by_field_name("operand")
    if node.type == "method_invocation":
        return node.child_by_field_name("object")
    if node.type not in {"call", "call_expression"}:
        return None
    function = node.child_by_field_name("function")
    arguments = node.child_by_field_name("arguments")
    if function is None or arguments is None or function.text is None:
        return None
    if function.type == "attribute" and not function.text.endswith(_WRAPPERS):
        return function.child_by_field_name("object")
    if not function.text.endswith((*_ENCODERS, *_WRAPPERS)):
        return None
    children = arguments.named_children
    for argument in children:
        keyword = argument.child_by_field_name("name") if argument.type == "keyword_argument" else None
        if keyword is not None and keyword.text == b"default":
            return argument.child_by_field_name("value")
    return children[0] if len(children) == 1 and children[0].type != "keyword_argument" else None


_ENCODERS = (b"Buffer.from", b".encode", b"[]byte")
# Wrappers that hold a secret value (`SecretStr("...")`, pydantic `Field(default="...")`).
_WRAPPERS = (b"SecretStr", b"SecretBytes", b"Secret", b"Field", b"bytes")
