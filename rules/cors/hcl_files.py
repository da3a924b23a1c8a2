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
from typing import TYPE_CHECKING

from agentguard.rules.cors.setting_keys import SettingValue, continued_list, opens_list, setting_reports
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


def detect(ctx: Context) -> Iterator[Report]:
    """Yield a report for each HCL attribute that opens CORS to every origin."""
    return setting_reports(list(_values(ctx.doc.lines)), ctx.config, HINT, _api_gateway_quotes)


def _api_gateway_quotes(text: str) -> str:
    """API Gateway v1 writes static header values in single quotes inside the string: `"'*'"`."""
    return text.replace("'", " ") if text.startswith("\"'") else text


def _values(lines: list[str]) -> Iterator[SettingValue]:
    blocks: list[tuple[str, int]] = []
    opened = 0
    open_list: SettingValue | None = None
    for number, line in enumerate(lines, start=1):
        code = _COMMENT.sub("", line)
        if open_list is not None:
            continued, still_open = continued_list(open_list, number, code)
            yield continued
            open_list = open_list if still_open else None
            continue
        opening = _BLOCK_OPEN.match(code)
        if opening is not None:
            opened += 1
            blocks.append((opening.group("name").strip('"'), opened))
            continue
        if code.strip().startswith("}"):
            if blocks:
                blocks.pop()
            continue
        assignment = _ASSIGNMENT.match(code)
        if assignment is None:
            continue
        key = ".".join([*(name for name, _ in blocks), assignment.group("key").strip('"')])
        scope = str(blocks[-1][1]) if blocks else "0"
        value = SettingValue(number, key, scope, assignment.group("value"), assignment.start("value"))
        if value.text.startswith("{"):
            yield from _inline_map(value)
            continue
        yield value
        if opens_list(value):
            open_list = value


def _inline_map(map_value: SettingValue) -> Iterator[SettingValue]:
    """`response_parameters = { "method.response.header.Access-Control-Allow-Origin" = "'*'" }`."""
    for pair in _INLINE_PAIR.finditer(map_value.text):
        name = pair.group("key").strip('"')
        key = f"{map_value.key}.{name}"
        text = pair.group("value").strip()
        yield SettingValue(map_value.line, key, map_value.scope, text, map_value.offset + pair.start("value"))
