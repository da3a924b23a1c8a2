"""What counts as a credential name, a plausible secret value, and test code: the judgement every
secrets rule shares, so that code, configuration files and URLs agree on what is a secret."""

from __future__ import annotations

import base64
import functools
import math
import re
from collections import Counter
from pathlib import PurePosixPath

from agentguard.rules.globs import compile_pattern
from agentguard.rules.lazy_patterns import LazyPattern

# Words of a name that make it hold a credential on their own.
_CREDENTIAL_WORDS = frozenset(
    {"password", "passwd", "passwords", "passphrase", "pwd", "secret", "token", "apikey", "credential"}
)
# Qualifiers that turn a trailing `key` into a credential (`api_key`, `SECRET_KEY`, `signingKey`).
_KEY_QUALIFIERS = frozenset((
    "api", "access", "secret", "private", "signing", "sign", "encryption", "encrypt", "crypt", "master",
    "client", "app", "auth", "hmac", "jwt", "license", "subscription", "consumer", "cipher", "aes",
    "webhook", "service", "admin", "account"
))  # fmt: skip
# Last words of names that hold a `user:password` pair (`FLOWER_BASIC_AUTH`, `DB_CREDENTIALS`):
# only a value of that shape is judged, by its password.
_USER_PASSWORD_WORDS = frozenset({"auth", "basicauth", "credentials", "creds", "htpasswd", "userpass"})
# A last word that makes the name name a thing (a field, a URL, a length) instead of holding it.
_NAMING_SUFFIXES = frozenset((
    "type", "types", "field", "fields", "name", "names", "id", "ids", "url", "uri", "urls", "endpoint",
    "path", "paths", "file", "filename", "dir", "directory", "header", "headers", "param", "params",
    "parameter", "prefix", "suffix", "length", "len", "size", "count", "max", "min", "label",
    "placeholder", "pattern", "patterns", "regex", "re", "format", "fmt", "mode", "policy", "env",
    "var", "vars", "variable", "expiry", "expires", "expiration", "exp", "ttl", "timeout", "lifetime",
    "age", "hint", "message", "msg", "error", "errors", "prompt", "template", "column", "col", "attr",
    "attribute", "input", "selector", "algorithm", "algorithms", "alg", "scheme", "kind", "class",
    "cls", "method", "version", "hash", "hashed", "hasher", "digest", "checksum", "sha", "md5",
    "validator", "validators", "reset", "changed", "required", "strength", "help", "widget", "store",
    "storage", "provider", "providers", "backend", "backends", "cache", "location", "source", "ref",
    "arn", "manager", "service", "generator", "factory", "handler", "callback", "fn", "func",
    "function", "getter", "setter", "loader", "reader", "option", "options", "config", "settings",
    "enabled", "disabled", "enable", "set", "list", "map", "dict", "description", "desc", "char",
    "chars", "characters", "separator", "delimiter", "index", "idx", "position", "pos", "offset",
    "flag", "flags", "rule", "rules", "lookup", "locator", "xpath", "prop", "property", "display",
    "text", "title", "keys", "table", "schema", "model", "form", "view", "mask", "masked", "regexp",
    "validation", "validity", "valid", "audience", "issuer", "scope", "scopes", "usage", "kwarg",
    "kwargs", "arg", "args", "command", "cmd", "query", "route", "routes", "lifetime", "duration",
    "interval", "seconds", "minutes", "hours", "days", "ms", "created", "updated", "at", "date", "time",
    "timestamp", "cookie", "cookies", "claim", "claims", "event", "events", "topic", "queue", "channel",
    "bucket", "collection", "namespace", "tag", "tags"
))  # fmt: skip
# A first word that makes the name an action or a question about a credential.
_NAMING_PREFIXES = frozenset((
    "existing", "ref", "is", "has", "num", "max", "min", "use", "should", "enable", "enabled", "show",
    "hide", "get", "set", "validate", "check", "verify", "require", "requires", "allow", "no", "reset",
    "forgot", "change", "update", "must", "can", "needs", "need", "generate", "gen", "create", "make",
    "parse", "load", "read", "fetch", "encode", "decode", "hash", "compare", "match", "on", "handle",
    "print", "log", "render", "format", "test", "expect", "expected"
))  # fmt: skip
# Qualifiers that make `token` mean a position in a sequence or a lexer token, not a credential.
_NON_SECRET_TOKEN_QUALIFIERS = frozenset(
    {"next", "page", "pagination", "continuation", "cursor", "sync", "csrf", "xsrf", "cancel", "cancellation"}
)
_WORDS = LazyPattern(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


@functools.lru_cache(maxsize=8192)
def name_words(name: str) -> tuple[str, ...]:
    """`signingKey`, `SIGNING_KEY`, `x-signing-key` -> ("signing", "key")."""
    return tuple(word.lower() for word in _WORDS.findall(name))


@functools.lru_cache(maxsize=8192)
def credential_kind(name: str) -> str | None:
    """`"strong"` when `name` holds a credential; `"token"` for a token (its value must look
    generated, since lexers and sentinels have tokens too); `"key"` when it is a key of unclear
    kind (its value must look random); `"userpass"` for a name that holds a `user:password`
    pair (`BASIC_AUTH`, `DB_CREDENTIALS`); None when it is not a credential name at all."""
    words = name_words(name)
    if not words or words[0] in _NAMING_PREFIXES or words[-1] in _NAMING_SUFFIXES:
        return None
    if "public" in words or "publishable" in words:
        return None
    joined = "".join(words)
    if joined in {"apikey", "xapikey", "authtoken", "accesstoken"}:
        return "strong"
    last = words[-1]
    if last in {"key", "keys"} and len(words) >= 2:
        return "strong" if words[-2] in _KEY_QUALIFIERS else "key"
    if last == "token" and len(words) >= 2 and words[-2] in _NON_SECRET_TOKEN_QUALIFIERS:
        return None
    if last == "token":
        return "token"
    if last in _CREDENTIAL_WORDS or (last == "pass" and len(words) >= 2):
        return "strong"
    if "secret" in words or "password" in words or "passwd" in words:
        # `client_secret_value`, `password_plain`: the credential word qualifies what is held.
        return "strong"
    if last in _USER_PASSWORD_WORDS:
        return "userpass"
    return None


_PLACEHOLDER = LazyPattern(
    r"""^(?:
        [x*._#•\-=?]+                                   # xxxx, ****, ...
      | .*(?:\.\.\.|…).*                                # elided: sk_live_51H…, Sup3r...
      | <[^<>]*>                                        # <your-api-key>
      | \[[^\[\]]*\]                                    # [password]
      | \{\{.*\}\} | \$\{.*\} | \{[\w.\-]*\} | \$\(.*\) # {{ var }}, ${VAR}, {name}, $(cmd)
      | \$[A-Za-z_]\w* | %[A-Za-z_]\w*% | %\(\w+\)[sd] | %[sd]   # $VAR, %VAR%, %(name)s
      | your[-_ ]?.* | (?:enter|insert|replace|put)[-_ ].*      # your-api-key, insert_key_here
      | .*(?:change[-_ ]?me|change[-_ ]?this|changeit|replace[-_ ]?me|placeholder|dummy|redacted
           |not[-_ ]?(?:a[-_ ]?)?(?:real|set)|fake|xxx|\*\*\*|todo|fixme|tbd).*
      | none|null|nil|undefined|true|false|empty|default|n/?a|unset|unknown|string|str|value
      | test|testing|foo|bar|baz|qux|dev|development|local|sandbox|demo|tiger
    )$""",
    re.I | re.X | re.S,
)
_EXAMPLE = LazyPattern(r"example|sample", re.I)
_REFERENCE = LazyPattern(
    r"^(?:[a-z][a-z0-9+.\-]*://|env:|vault:|secret:|secrets:|arn:aws:|projects/|sm://|op://|enc\[|data:|"
    r"@microsoft\.keyvault|/|\./|\.\./|~/|[a-z]:\\)",
    re.I,
)
_FILE_NAME = LazyPattern(
    r"\.(?:pem|key|crt|cer|der|p12|pfx|jks|keystore|json|txt|env|ya?ml|pub|asc|gpg)$", re.I
)
_CONSTANT_NAME = LazyPattern(r"^[A-Z][A-Z]*(?:_[A-Z0-9]+)*$")
_HEADER_NAME = LazyPattern(r"^[A-Z](?:[a-z]+|[A-Z]*)(?:-[A-Z](?:[a-z]+|[A-Z]*))+$")
_PRIVATE_IDENTIFIER = LazyPattern(r"^_+[A-Za-z]\w*$")
_CREDENTIAL_WORD_VALUES = frozenset(
    {"password", "passwd", "pwd", "pass", "passphrase", "token", "apikey", "api_key", "credentials"}
)
_CONFIG_KEY = LazyPattern(r"^[a-z][a-z0-9_\-]*(?:[./:][a-z0-9_\-]+)+$")
# Keys that are public by design (Stripe publishable keys).
_PUBLIC_KEY_PREFIXES = ("pk_live_", "pk_test_")
_VERSION = LazyPattern(r"^[~^<>=v]*\d+(?:\.\d+)+(?:[-+.][\w.]+)?$")
_HAS_SPACE = LazyPattern(r"\s")
_PASSPHRASE = LazyPattern(r"^[a-z0-9]{3,}(?: [a-z0-9]{3,}){1,3}$")
_WORD_ONLY = LazyPattern(r"^(?:[a-z]+(?:_[a-z]+)*|[A-Z][a-z]+)$")
# A value of letters and separators only (`sk_test_your_key_here`, `ghp_YOUR_TOKEN`): a provider
# prefix followed by words, where a real key has random characters.
_LETTERS_AND_SEPARATORS = LazyPattern(r"^[A-Za-z]+(?:[_\-.][A-Za-z]+)*$")
# Words that tell the reader to put their own value there.
_STAND_IN_WORDS = frozenset(
    {"your", "yours", "here", "replace", "insert", "enter", "put", "goes", "example", "sample", "placeholder"}
)
# Dotted or slashed identifier paths of letters (`dashboard.accessToken`, `auth/refreshToken`).
_IDENTIFIER_PATH = LazyPattern(r"^[a-z][A-Za-z_\-]*(?:[./:][a-z][A-Za-z_\-]*)+$")
# Header, field and storage names (`x-api-key`, `auth_token`, `accessToken`).
_CREDENTIAL_FIELD_NAME = LazyPattern(
    r"^(?:(?i:x-[a-z]+(?:-[a-z]+)*)|[a-z]+(?:[_\-][a-z]+|[A-Z][a-z]+)*(?:[_\-]token|Token))$"
)
# `user:password` (the password free of the delimiters of URLs and lists); base64 of it is what
# Docker's `auth` entries and Basic credentials hold.
_USER_PASSWORD = LazyPattern(r"^(?P<user>[\w.@+\-]{1,64}):(?P<password>[^\s:@,;]{4,})$")
_BASE64 = LazyPattern(r"^[A-Za-z0-9+/]{8,}={0,2}$")


def is_placeholder(value: str) -> bool:
    """Whether `value` stands in for a secret instead of being one (`changeme`, `${VAR}`, `<key>`).

    `example` marks a placeholder only in a made-up looking value: vendors' documented example
    keys (`...EXAMPLEKEY`) are random strings and are reported, as real keys of that shape would be.
    """
    text = value.strip()
    if _PLACEHOLDER.match(text) is not None or is_worded_stand_in(text):
        return True
    return _EXAMPLE.search(text) is not None and not looks_random(text)


def is_worded_stand_in(value: str) -> bool:
    """Whether `value` is words, not random characters, that ask for the reader's own value,
    after any provider prefix: `sk_test_your_key_here`, `xoxb-insert-bot-token`, `ghp_YOUR_TOKEN`."""
    if _LETTERS_AND_SEPARATORS.match(value) is None:
        return False
    return not _STAND_IN_WORDS.isdisjoint(name_words(value))


def is_reference(value: str) -> bool:
    """Whether `value` points at a secret elsewhere: a URL, a file path, a vault or env reference."""
    return _REFERENCE.match(value) is not None or _FILE_NAME.search(value) is not None


def looks_like_name(value: str) -> bool:
    """Whether `value` names something (`DB_PASSWORD`, `jwt.secret`, `prod/db-credentials`,
    `dashboard.accessToken`, `x-api-key`, `auth_token`)."""
    return value.lower() in _CREDENTIAL_WORD_VALUES or any(p.match(value) for p in _NAME_SHAPES)


_NAME_SHAPES = (
    _CONSTANT_NAME,
    _CONFIG_KEY,
    _HEADER_NAME,
    _PRIVATE_IDENTIFIER,
    _IDENTIFIER_PATH,
    _CREDENTIAL_FIELD_NAME,
)


def shannon_entropy(value: str) -> float:
    """Bits per character of `value`'s character distribution."""
    if not value:
        return 0.0
    counts = Counter(value)
    total = len(value)
    return -sum(n / total * math.log2(n / total) for n in counts.values())


def looks_random(value: str) -> bool:
    """Whether `value` looks machine-generated: long, mixed letters and digits, high entropy."""
    has_letter = any(c.isalpha() for c in value)
    has_digit = any(c.isdigit() for c in value)
    return len(value) >= 16 and has_letter and has_digit and shannon_entropy(value) >= 3.3


def is_secret_value(value: str, name: str | None = None, *, kind: str = "strong") -> bool:
    """Whether a literal held by a credential name (or passed as a credential) is a real secret.

    Placeholders, references, names, sentences, and a value that repeats its own name are not.
    A `"key"` kind (a name like `stripe_key`) also needs a random-looking value; a `"userpass"`
    kind (`BASIC_AUTH`) needs a `user:password` value (or its base64) with a real password.
    """
    text = value.strip()
    if kind == "userpass":
        return _holds_user_password(text)
    if len(text) < 4 or is_placeholder(text) or is_reference(text) or _is_prose(text):
        return False
    if looks_like_name(text) or text.startswith(_PUBLIC_KEY_PREFIXES) or _VERSION.match(text):
        return False
    if name is not None and name_words(name) == name_words(text):
        return False
    if kind == "token":
        return len(text) >= 8 and _WORD_ONLY.match(text) is None
    return kind != "key" or looks_random(text)


def _holds_user_password(text: str) -> bool:
    """`admin:Fl0wer-Adm1n-2024` (or its base64), with a password that is not the user name, a
    placeholder, a hash (`$apr1$...`, `{SHA}...`), a port or a plain lower-case word."""
    pair = _USER_PASSWORD.match(text) or _USER_PASSWORD.match(_base64_text(text))
    if pair is None:
        return False
    user, password = pair.group("user"), pair.group("password")
    if password == user or password.startswith(("$", "{")) or password.isdigit():
        return False
    plain_word = password.isalpha() and password.islower()
    return not plain_word and is_secret_value(password)


def _base64_text(text: str) -> str:
    """The UTF-8 text `text` encodes in base64, or "" when it is not base64 of text."""
    if _BASE64.match(text) is None or len(text) % 4:
        return ""
    try:
        return base64.b64decode(text, validate=True).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return ""


def _is_prose(text: str) -> bool:
    """Labels and sentences (`Passwort`, `Enter your password`), unlike a passphrase of a few
    lower-case words (`keyboard cat`)."""
    if _HAS_SPACE.search(text):
        return _PASSPHRASE.match(text) is None
    return text.isalpha() and text.istitle()


# Test code holds credential-named fixtures; provider-shaped keys are still reported there.
DEFAULT_TEST_PATHS = (
    "**/test/**",
    "**/tests/**",
    "**/__tests__/**",
    "**/__mocks__/**",
    "**/testdata/**",
    "**/spec/**",
    "**/e2e/**",
    "**/test_*.py",
    "**/*_test.py",
    "**/conftest.py",
    "**/*_test.go",
    "**/*.test.*",
    "**/*.spec.*",
    "**/*Test.java",
    "**/*Tests.java",
    "**/*IT.java",
)


@functools.lru_cache(maxsize=4096)
def is_test_path(relpath: str, patterns: tuple[str, ...] = DEFAULT_TEST_PATHS) -> bool:
    """Whether a project-relative path is test code."""
    path = PurePosixPath(relpath).as_posix()
    return _test_path_regex(patterns).match("/" + path.lstrip("/")) is not None


@functools.lru_cache(maxsize=16)
def _test_path_regex(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for all patterns, matched against `/`-prefixed paths so that `**/x` also
    matches at the top level."""
    return re.compile("|".join(f"(?:{compile_pattern('/' + p.lstrip('/')).regex.pattern})" for p in patterns))
