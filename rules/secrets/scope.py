"""What the credential-named rules leave alone: test code, configured values, and files that
cannot name a credential (a keyword prefilter on the lower-cased text)."""

from __future__ import annotations

import functools
from collections.abc import Iterator

from agentguard.rules.document import Document
from agentguard.rules.lazy_patterns import LazyPattern
from agentguard.rules.rule import Context
from agentguard.rules.secrets.options import IGNORED_VALUES, TEST_PATHS
from agentguard.rules.secrets.secret_values import is_test_path

# Lower-case pieces of credential names, and of the known calls that take a key or password.
_NAME_KEYWORDS = (
    "pass",
    "pwd",
    "secret",
    "token",
    "api_key",
    "apikey",
    "api-key",
    "credential",
    "creds",
    "private_key",
    # `BASIC_AUTH`, `REGISTRY_AUTH`: names that hold a `user:password` pair.
    "auth",
)
_JS_CALLS = ("jwt", "jsonwebtoken", "hmac", "discord")
_CALL_KEYWORDS: dict[str, tuple[str, ...]] = {
    "python": (
        "jwt",
        "hmac",
        "login(",
        "fernet",
        "auth(",
        "auth=",
        "auth = (",
        "discord",
        "disnake",
        "nextcord",
    ),
    "javascript": _JS_CALLS,
    "typescript": _JS_CALLS,
    "tsx": _JS_CALLS,
    "go": ("signedstring", "hmac", "auth("),
    "java": ("getconnection", "hmac", "@value(", "signwith", "signingkey"),
}
# What follows a credential name when a literal is put into it: the rest of the name, a closing
# quote or bracket, an optional type, an assignment, comparison, fallback, argument separator or
# call, then (possibly through a bytes conversion) an opening quote.
_LITERAL_FOLLOWS = LazyPattern(
    r"""[\w\-]*["'`]?\]?\)?\s*(?:[:]\s*[\w.\[\]]+\s*)?(?:\s[\w.\[\]]+\s*)?"""
    r"""(?::=|={1,3}|!==?|:|,|\(|\|\||\?\?|\bor\b|\.equals\()\s*(?:[\w.\[\]]+\()?\s*[bru]{0,2}["'`]"""
)


@functools.lru_cache(maxsize=4)
def lowered(text: str) -> str:
    """The lower-cased text, computed once per document for every rule that needs it."""
    return text.lower()


def candidate_lines(text: str, anchors: tuple[str, ...]) -> Iterator[tuple[int, str]]:
    """The (1-based number, text) of each line holding one of `anchors`, in order, found by
    substring search instead of a look at every line."""
    starts: set[int] = set()
    for anchor in anchors:
        index = text.find(anchor)
        while index != -1:
            starts.add(text.rfind("\n", 0, index) + 1)
            line_end = text.find("\n", index)
            if line_end == -1:
                break
            index = text.find(anchor, line_end)
    number, previous = 1, 0
    for start in sorted(starts):
        number += text.count("\n", previous, start)
        previous = start
        end = text.find("\n", start)
        yield number, text[start : end if end != -1 else len(text)].removesuffix("\r")


def may_name_credentials(text: str) -> bool:
    """Whether `text` mentions a credential name at all, in any letter case."""
    lower = lowered(text)
    return any(keyword in lower for keyword in _NAME_KEYWORDS)


def may_hold_credential_literal(text: str, language: str) -> bool:
    """Whether some credential name in `text` is followed by a literal, or a known credential call
    of the language appears: the cheap test before a file is parsed."""
    lower = lowered(text)
    if any(keyword in lower for keyword in _CALL_KEYWORDS.get(language, ())):
        return True
    for keyword in _NAME_KEYWORDS:
        index = lower.find(keyword)
        while index != -1:
            if _LITERAL_FOLLOWS.match(lower, index + len(keyword)):
                return True
            index = lower.find(keyword, index + 1)
    return False


# Prose documentation: its connection strings and headers are demos of a format.
_DOCUMENTATION_SUFFIXES = (".md", ".markdown", ".mdx", ".rst", ".txt", ".adoc", ".asciidoc")


def is_documentation(doc: Document) -> bool:
    """Whether the document is prose documentation (Markdown, reStructuredText, plain text), where
    only provider-shaped tokens and private keys are reported: a `postgres://user:pass@host` or
    `Authorization: Bearer ...` there shows a format, while a provider's key is a key anywhere."""
    return doc.language == "text" and doc.path.lower().endswith(_DOCUMENTATION_SUFFIXES)


def is_test_code(ctx: Context) -> bool:
    """Whether the document is test code, where credential-named literals are fixtures."""
    return is_test_path(ctx.config.relpath(ctx.doc.path), ctx.config.get(TEST_PATHS))


def is_ignored_value(ctx: Context, value: str) -> bool:
    """Whether configuration lists `value` as a known non-secret."""
    return value in ctx.config.get(IGNORED_VALUES)
