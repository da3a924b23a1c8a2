"""Which language a file is written in, and the tree-sitter grammar for it (loaded on first use)."""

from __future__ import annotations

import functools
import importlib
import re
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from agentguard.rules.lazy_patterns import LazyPattern

if TYPE_CHECKING:
    import tree_sitter

# Languages parsed with tree-sitter: language id -> (grammar module, function returning the grammar).
TREE_SITTER_GRAMMARS: dict[str, tuple[str, str]] = {
    "python": ("tree_sitter_python", "language"),
    "javascript": ("tree_sitter_javascript", "language"),
    "typescript": ("tree_sitter_typescript", "language_typescript"),
    "tsx": ("tree_sitter_typescript", "language_tsx"),
    "go": ("tree_sitter_go", "language"),
    "java": ("tree_sitter_java", "language"),
}

# Comment syntax per language, for suppressions: (line-comment prefixes, has /* */ blocks).
LINE_COMMENTS: dict[str, tuple[str, ...]] = {
    "python": ("#",),
    "javascript": ("//",),
    "typescript": ("//",),
    "tsx": ("//",),
    "go": ("//",),
    "java": ("//",),
    "dockerfile": ("#",),
    "yaml": ("#",),
    "toml": ("#",),
    "hcl": ("#", "//"),
    "requirements": ("#",),
    "nginx": ("#",),
    "apache": ("#",),
    "dotenv": ("#",),
    "properties": ("#", "!"),
    "ini": ("#", ";"),
    "shell": ("#",),
    "xml": (),
    "json": (),
    "text": ("#", "//"),
}
BLOCK_COMMENT_LANGUAGES = frozenset({"javascript", "typescript", "tsx", "go", "java", "hcl"})

_EXTENSIONS: dict[str, str] = {
    ".py": "python",
    ".pyi": "python",
    ".pyw": "python",
    ".js": "javascript",
    ".mjs": "javascript",
    ".cjs": "javascript",
    ".jsx": "javascript",
    ".ts": "typescript",
    ".mts": "typescript",
    ".cts": "typescript",
    ".tsx": "tsx",
    ".go": "go",
    ".java": "java",
    ".tf": "hcl",  # Terraform, and Packer, Nomad and Vault configuration: HCL
    ".tfvars": "hcl",
    ".hcl": "hcl",
    ".yml": "yaml",
    ".yaml": "yaml",
    ".json": "json",
    ".toml": "toml",
    ".properties": "properties",
    ".ini": "ini",
    ".cfg": "ini",
    ".conf": "text",
    ".env": "dotenv",
    ".sh": "shell",
    ".bash": "shell",
    ".xml": "xml",
    ".ipynb": "json",
    ".in": "text",
    ".txt": "text",
    ".lock": "text",
}

_REQUIREMENTS = LazyPattern(r"(^|[-_.])requirements?([-_.].*)?\.(txt|in)$|^constraints.*\.txt$", re.I)
_DOCKERFILE = LazyPattern(r"^(Dockerfile|Containerfile)([-_.].*)?$|.*\.(dockerfile|containerfile)$", re.I)
_DOTENV = LazyPattern(r"^\.env(\..*)?$|.*\.env$", re.I)
_NGINX = LazyPattern(r"(^|[-_.])nginx([-_.].*)?\.conf$|.*\.nginx$", re.I)
_NGINX_DIRECTORIES = frozenset({"nginx", "conf.d", "sites-available", "sites-enabled", "http.d"})
# Directives only nginx configuration has, for `.conf` files with other names.
_NGINX_TEXT = LazyPattern(r"^\s*(server|location\s+[^\n{]*|upstream\s+\S+|http)\s*\{|^\s*add_header\s", re.M)
_APACHE = LazyPattern(r"^(\.htaccess|(apache2?|httpd)([-_.].*)?\.conf)$", re.I)
_APACHE_DIRECTORIES = frozenset({"apache", "apache2", "httpd", "conf-available", "conf-enabled"})
# Sections only Apache httpd configuration has, for `.conf` files with other names and places.
_APACHE_TEXT = LazyPattern(
    r"^\s*<(VirtualHost|Directory|IfModule|Location|Files|FilesMatch)[\s>]", re.M | re.I
)
_SHEBANG = LazyPattern(r"^#!.*\b(python[0-9.]*|node|bash|sh)\b")


def detect_language(path: str, text: str = "") -> str:
    """The language id for `path`: file name first, then extension, then a `#!` line."""
    posix = PurePosixPath(path.replace("\\", "/"))
    name = posix.name
    if _DOCKERFILE.match(name):
        return "dockerfile"
    if _REQUIREMENTS.search(name):
        return "requirements"
    if _DOTENV.match(name):
        return "dotenv"
    if _is_apache(posix, text):
        return "apache"
    if _is_nginx(posix, text):
        return "nginx"
    if name == "Pipfile":
        return "toml"
    language = _EXTENSIONS.get(posix.suffix.lower())
    if language is not None:
        return language
    first_line = text[:200].split("\n", 1)[0]
    shebang = _SHEBANG.match(first_line)
    if shebang:
        interpreter = shebang.group(1)
        if interpreter.startswith("python"):
            return "python"
        return "javascript" if interpreter == "node" else "shell"
    return "text"


def _is_apache(posix: PurePosixPath, text: str) -> bool:
    """Apache httpd configuration: `.htaccess`, httpd/apache2 `.conf` files by name, place or sections."""
    name = posix.name
    if _APACHE.match(name):
        return True
    if not name.endswith(".conf"):
        return False
    return (
        not _APACHE_DIRECTORIES.isdisjoint(posix.parts[:-1]) or _APACHE_TEXT.search(text[:20_000]) is not None
    )


def _is_nginx(posix: PurePosixPath, text: str) -> bool:
    """nginx configuration: by name, by the directories nginx reads, or by its directives."""
    name = posix.name
    if _NGINX.search(name):
        return True
    in_nginx_directory = not _NGINX_DIRECTORIES.isdisjoint(posix.parts[:-1])
    if in_nginx_directory and (name.endswith(".conf") or "." not in name):
        return True
    return name.endswith(".conf") and _NGINX_TEXT.search(text[:20_000]) is not None


@functools.cache
def grammar(language: str) -> tree_sitter.Language:
    """The tree-sitter grammar for `language`, imported on first use."""
    import tree_sitter

    module_name, function_name = TREE_SITTER_GRAMMARS[language]
    module = importlib.import_module(module_name)
    pointer: object = getattr(module, function_name)()
    return tree_sitter.Language(pointer)


@functools.cache
def parser(language: str) -> tree_sitter.Parser:
    """A parser for `language`; one per language per process."""
    import tree_sitter

    return tree_sitter.Parser(grammar(language))


@functools.cache
def query(language: str, source: str) -> tree_sitter.Query:
    """A compiled tree-sitter query, compiled once per process."""
    import tree_sitter

    compiled: tree_sitter.Query = tree_sitter.Query(grammar(language), source)
    return compiled
