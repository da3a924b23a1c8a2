"""Permissive-CORS detection for HCL: Terraform (and Packer, Nomad) configuration.

Cloud CORS settings written as infrastructure: S3 `cors_rule { allowed_origins = ["*"] }`,
API Gateway v2 and Lambda function URL `cors { allow_origins = ["*"] }` (escalated by
`allow_credentials = true` in the same block), Google Cloud Storage `cors { origin = ["*"] }`,
Azure `cors { allowed_origins = ["*"] }` (escalated by `support_credentials = true`), and API
Gateway v1 response parameters that set `Access-Control-Allow-Origin` to `'*'`. The file is read
line by line with a stack of the blocks around each line, lists across lines included, so every
finding points at the origin itself. References (`var.origins`, `local.x`) are not origins.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from agentguard.rules.cors.setting_keys import (
    SettingKind,
    is_true,
    permissive_origin,
    setting_kind,
    setting_report,
)
from agentguard.rules.lazy_patterns import LazyPattern
from agentguard.rules.model import Report

if TYPE_CHECKING:
    from agentguard.rules.rule import Context

# `cors_rule {`, `resource "aws_s3_bucket_cors_configuration" "site" {`, `cors = {`.
_BLOCK_OPEN = LazyPattern(r"""^\s*(?P<name>[\w-]+)(?:\s+"[^"]*")*\s*=?\s*\{\s*$""")
_ASSIGNMENT = LazyPattern(r"""^\s*(?P<key>[\w-]+|"[^"]+")\s*=\s*(?P<value>.*?)\s*$""")
_INLINE_PAIR = LazyPattern(r"""(?P<key>"[^"]+"|[\w-]+)\s*=\s*(?P<value>"[^"]*"|\[[^\]]*\]|[^,}\s]+)""")
_COMMENT = LazyPattern(r"""\s*(?:#|//)[^"']*$""")
HINT = (
    'list the trusted origins (`allowed_origins = ["https://app.example.com"]`, or a variable '
    "set per environment) instead of `*`, and never allow credentials for a wildcard"
)


@dataclass(frozen=True)
class _Value:
    """One attribute's value (or one line of a list across lines), with where it starts."""

    line: int
    key: str  # the block names around it and the attribute, dotted
    block: int  # which block occurrence it is in (credentials count only in the same one)
    text: str
    offset: int  # 0-based column where `text` starts
    continued: bool = False


def detect(ctx: Context) -> Iterator[Report]:
    """Yield a report for each HCL attribute that opens CORS to every origin."""
    values = list(_values(ctx.doc.lines))
    credentials = {
        value.block: f"{value.key.rsplit('.', 1)[-1]} = {value.text}"
        for value in values
        if setting_kind(value.key) is SettingKind.CREDENTIALS and is_true(value.text)
    }
    for value in values:
        kind = setting_kind(value.key)
        if kind not in {SettingKind.ORIGINS, SettingKind.ORIGIN_REGEX}:
            continue
        # API Gateway v1 writes static header values in single quotes inside the string: "'*'".
        text = value.text.replace("'", " ") if value.text.startswith("\"'") else value.text
        found = permissive_origin(kind, text, value.offset, ctx.config)
        if found is None:
            continue
        origin_kind, origin = found
        leaf = value.key.rsplit(".", 1)[-1]
        shown = f"{leaf} = [..., {origin.value!r}]" if value.continued else f"{leaf} = {value.text}"
        yield setting_report(
            value.line,
            origin.start,
            origin.end,
            origin_kind,
            shown,
            credentials=credentials.get(value.block),
            hint=HINT,
        )


def _values(lines: list[str]) -> Iterator[_Value]:
    blocks: list[tuple[str, int]] = []
    opened = 0
    open_list: _Value | None = None
    for number, line in enumerate(lines, start=1):
        code = _COMMENT.sub("", line)
        if open_list is not None:
            start = len(code) - len(code.lstrip())
            yield _Value(number, open_list.key, open_list.block, code.strip(), start, continued=True)
            open_list = None if code.count("]") > code.count("[") else open_list
            continue
        block = _BLOCK_OPEN.match(code)
        if block is not None:
            opened += 1
            blocks.append((block.group("name").strip('"'), opened))
            continue
        if code.strip().startswith("}"):
            if blocks:
                blocks.pop()
            continue
        assignment = _ASSIGNMENT.match(code)
        if assignment is None:
            continue
        key = ".".join([*(name for name, _ in blocks), assignment.group("key").strip('"')])
        value = _Value(
            number, key, blocks[-1][1] if blocks else 0, assignment.group("value"), assignment.start("value")
        )
        if value.text.startswith("{"):
            yield from _inline_map(value)
            continue
        yield value
        if value.text.startswith("[") and value.text.count("[") > value.text.count("]"):
            open_list = value


def _inline_map(map_value: _Value) -> Iterator[_Value]:
    """`response_parameters = { "method.response.header.Access-Control-Allow-Origin" = "'*'" }`."""
    for pair in _INLINE_PAIR.finditer(map_value.text):
        name = pair.group("key").strip('"')
        key = f"{map_value.key}.{name}"
        text = pair.group("value").strip()
        yield _Value(map_value.line, key, map_value.block, text, map_value.offset + pair.start("value"))
