"""AG304 credential-in-config: credential-named keys with literal values in configuration files
(.env, YAML incl. docker-compose and Kubernetes, properties, JSON incl. notebooks, TOML, INI,
Dockerfile `ENV`/`ARG`, Terraform and other HCL)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from agentguard.rules.document import Document
from agentguard.rules.lazy_patterns import LazyPattern
from agentguard.rules.model import Confidence, Report, RuleMeta, Severity, hash_secret, mask_secret
from agentguard.rules.rule import Context, Rule
from agentguard.rules.secrets import detect_secrets_adapter
from agentguard.rules.secrets.provider_secrets import is_provider_secret
from agentguard.rules.secrets.scope import is_ignored_value, is_test_code, may_name_credentials
from agentguard.rules.secrets.secret_values import credential_kind, is_secret_value


@dataclass(frozen=True)
class _Entry:
    """One key and its literal value, with the value's character span on its line."""

    line: int
    name: str
    value: str
    start: int
    end: int


_KEY_VALUE = {
    "dotenv": LazyPattern(r"^\s*(?:export\s+)?(?P<name>[A-Za-z_][\w.\-]*)\s*=\s*(?P<value>.*)$"),
    "properties": LazyPattern(r"^\s*(?P<name>[\w.\-\[\]]+)\s*[=:]\s*(?P<value>.*)$"),
    "ini": LazyPattern(r"^\s*(?P<name>[\w.\-]+)\s*[=:]\s*(?P<value>.*)$"),
    "toml": LazyPattern(r"^\s*(?P<name>[\w.\-]+|\"[^\"]+\")\s*=\s*(?P<value>.*)$"),
    # HCL (Terraform): only quoted values are literals; `var.x`, `local.y` and calls are not.
    "hcl": LazyPattern(r"^\s*(?P<name>[\w\-]+|\"[^\"]+\")\s*=\s*(?P<value>\".*)$"),
    "yaml": LazyPattern(r"^\s*(?:-\s+)?(?P<name>[\w.\-]+|\"[^\"]+\"|'[^']+')\s*:\s+(?P<value>[^\s#].*)$"),
}
# docker-compose `environment:` lists and Kubernetes-style `KEY=value` items.
_YAML_LIST_ITEM = LazyPattern(r"^\s*-\s+[\"']?(?P<name>[A-Za-z_]\w*)=(?P<value>[^\"']*)[\"']?\s*$")
# Kubernetes `env:` entries: `- name: DB_PASSWORD` then `value: ...`.
_YAML_ENV_NAME = LazyPattern(r"^\s*-\s+name:\s*[\"']?(?P<name>[\w.\-]+)[\"']?\s*$")
_YAML_ENV_VALUE = LazyPattern(r"^\s*value:\s+(?P<value>[^\s#].*)$")
_JSON_PAIR = LazyPattern(r"\"(?P<name>[^\"\\]{1,80})\"\s*:\s*\"(?P<value>(?:[^\"\\]|\\.)*)\"")
# Python source inside a notebook cell, JSON-escaped: `password = \"...\"`.
_NOTEBOOK_ASSIGNMENT = LazyPattern(r"(?P<name>[A-Za-z_]\w*)\s*=\s*\\\"(?P<value>[^\"\\]*)\\\"")
_DOCKER_INSTRUCTION = LazyPattern(r"^\s*(?:ENV|ARG)\s+(?P<rest>.*)$", re.I)
_DOCKER_PAIR = LazyPattern(r"(?P<name>[A-Za-z_][\w.\-]*)=(?P<value>\"[^\"]*\"|'[^']*'|\S*)")
_DOCKER_LEGACY = LazyPattern(r"^(?P<name>[A-Za-z_][\w.\-]*)\s+(?P<value>[^=\s].*)$")
_SPRING_DEFAULT = LazyPattern(r"^\$\{[^:}]+:([^}]*)\}$")
_YAML_NOT_LITERAL = ("|", ">", "&", "*", "!", "[", "{")


def _unquote(raw: str, start: int, comment_prefix: str | None) -> tuple[str, int, int] | None:
    """The literal value inside `raw` (which starts at column `start`), without quotes or a
    trailing comment, with its span; None for an empty value."""
    text = raw.rstrip()
    if text[:1] in {'"', "'"}:
        closing = text.find(text[0], 1)
        if closing == -1:
            return None
        return text[1:closing], start + 1, start + closing
    if comment_prefix is not None:
        cut = text.find(" " + comment_prefix)
        text = text[:cut].rstrip() if cut != -1 else text
    return (text, start, start + len(text)) if text else None


def _entries(doc: Document) -> Iterator[_Entry]:
    language = doc.language
    if language == "json":
        yield from _json_entries(doc)
        return
    if language == "dockerfile":
        yield from _docker_entries(doc)
        return
    pattern = _KEY_VALUE[language]
    comment = None if language == "properties" else "#"
    pending_env: str | None = None
    for number, line in enumerate(doc.lines, start=1):
        if line.lstrip().startswith(("#", ";", "!", "//")):
            continue
        if language == "yaml":
            entry, pending_env = _yaml_entry(number, line, pending_env)
            if entry is not None:
                yield entry
                continue
        match = pattern.match(line)
        if match is None:
            continue
        value = _unquote(match.group("value"), match.start("value"), comment)
        if value is not None and not (language == "yaml" and value[0].startswith(_YAML_NOT_LITERAL)):
            yield _Entry(number, match.group("name").strip("\"'"), *value)


def _yaml_entry(number: int, line: str, pending: str | None) -> tuple[_Entry | None, str | None]:
    """docker-compose list items and Kubernetes `name:`/`value:` pairs; the pending env name."""
    item = _YAML_LIST_ITEM.match(line)
    if item is not None:
        value = item.group("value").strip()
        start = item.start("value")
        return _Entry(number, item.group("name"), value, start, start + len(value)), None
    env_name = _YAML_ENV_NAME.match(line)
    if env_name is not None:
        return None, env_name.group("name")
    env_value = _YAML_ENV_VALUE.match(line)
    if env_value is not None and pending is not None:
        value = _unquote(env_value.group("value"), env_value.start("value"), "#")
        if value is not None and not value[0].startswith(_YAML_NOT_LITERAL):
            return _Entry(number, pending, *value), None
    return None, pending


def _json_entries(doc: Document) -> Iterator[_Entry]:
    for number, line in enumerate(doc.lines, start=1):
        for pattern in (_JSON_PAIR, _NOTEBOOK_ASSIGNMENT):
            for match in pattern.finditer(line):
                yield _Entry(number, match.group("name"), match.group("value"), *match.span("value"))


def _docker_entries(doc: Document) -> Iterator[_Entry]:
    for number, line in enumerate(doc.lines, start=1):
        instruction = _DOCKER_INSTRUCTION.match(line)
        if instruction is None:
            continue
        rest, offset = instruction.group("rest"), instruction.start("rest")
        pairs = list(_DOCKER_PAIR.finditer(rest))
        if not pairs:
            legacy = _DOCKER_LEGACY.match(rest.rstrip())
            if legacy is not None:
                value = _unquote(legacy.group("value"), offset + legacy.start("value"), None)
                if value is not None:
                    yield _Entry(number, legacy.group("name"), *value)
            continue
        for pair in pairs:
            value = _unquote(pair.group("value"), offset + pair.start("value"), None)
            if value is not None:
                yield _Entry(number, pair.group("name"), *value)


def _judged_value(entry: _Entry) -> str | None:
    """The literal to judge: a Spring-style `${VAR:default}` is judged by its default."""
    default = _SPRING_DEFAULT.match(entry.value)
    return default.group(1) if default is not None else entry.value


class CredentialInConfig(Rule):
    """## What it does
    Flags credential-named keys with literal values in configuration files: `.env` files,
    `application.properties`, YAML (docker-compose `environment:`, Kubernetes `env:` entries and
    `Secret` manifests, CI files), JSON (and the code cells of Jupyter notebooks), TOML, INI,
    Terraform/HCL attributes (`password = "..."`) and Dockerfile `ENV`/`ARG` lines, e.g. `DB_PASSWORD=hunter2`, `spring.datasource.password=...`,
    `- name: API_TOKEN` / `value: ...`, and `user:password` pairs under names that hold one
    (`FLOWER_BASIC_AUTH=admin:...`, `*_CREDENTIALS`, `HTPASSWD`, Docker's base64 `auth`; password
    hashes are not reported). References (`${DB_PASSWORD}`, `{{ .Values.x }}`,
    `${{ secrets.X }}`, `secretKeyRef`), placeholders (`sk_test_your_key_here`) and names are not
    reported; a Spring `${VAR:default}` is judged by its default. Files under test paths are
    skipped.

    ## Why is this bad?
    Configuration files are committed, copied into images and printed in CI logs. A password in
    one is shared with everyone who can read any of those, and changing it means a commit
    (CWE-798, CWE-259). A Dockerfile `ENV` or `ARG` also bakes it into the image layers.

    ## Example
        # .env.production
        DATABASE_PASSWORD=Tr0ub4dor&3

    ## Use instead
        # .env.example (committed), with the real file git-ignored
        DATABASE_PASSWORD=

    In Kubernetes use `valueFrom: secretKeyRef:`; in compose files `${DATABASE_PASSWORD}`.

    ## References
    CWE-798, CWE-259; OWASP A05:2021 Security Misconfiguration
    """

    META = RuleMeta(
        code="AG304",
        name="credential-in-config",
        category="hardcoded-secret",
        severity=Severity.HIGH,
        confidence=Confidence.MEDIUM,
        cwe=(798, 259),
        languages=("dotenv", "yaml", "properties", "json", "toml", "ini", "dockerfile", "hcl"),
        summary="A password, secret or token is a literal value in a configuration file",
        owasp=("A05:2021",),
    )

    def applies_to(self, doc: Document) -> bool:
        """Configuration files that name a credential, other than lock files."""
        return (
            doc.language in self.META.languages
            and may_name_credentials(doc.text)
            and not detect_secrets_adapter.is_lock_file(doc.path)
        )

    def check(self, ctx: Context) -> Iterable[Report]:
        """Judge every key/value entry with a credential name, outside test code."""
        if is_test_code(ctx):
            return ()
        return self._reports(ctx)

    def _reports(self, ctx: Context) -> Iterator[Report]:
        for entry in _entries(ctx.doc):
            kind = credential_kind(entry.name)
            value = _judged_value(entry)
            if kind is None or value is None or is_ignored_value(ctx, value):
                continue
            if not is_secret_value(value, entry.name, kind=kind):
                continue
            if is_provider_secret(ctx.doc.lines[entry.line - 1], value):
                continue
            yield Report(
                range=ctx.doc.line_range(entry.line, entry.start + 1, entry.end + 1),
                message=f"hardcoded credential `{mask_secret(value)}` for `{entry.name}`",
                hint="reference it (`${VAR}`, a secret store, `secretKeyRef`) and keep the value out of the repository",
                identity=hash_secret(value),
            )
