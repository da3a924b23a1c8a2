"""Permissive-CORS detection for YAML: the general detector plus framework settings it does not read.

config_files.py reads YAML CORS settings by key (Spring `allowed-origins`, ingress annotations,
serverless `cors: true`, ...). This adds, from the same dotted-key rules as `.properties` files:
Micronaut's wide-open `micronaut.server.cors.enabled: true` and its `allowed-origins-regex`,
Quarkus origin regexes written between slashes (`/.*/`) and its `%dev` profile exclusion, and
Spring `${NAME:*}` placeholders whose default is `*`. A line the general detector already
reported is not reported twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import yaml

from agentguard.rules.cors import config_files
from agentguard.rules.cors.properties import Entry, entry_reports, without_profile
from agentguard.rules.lazy_patterns import LazyPattern
from agentguard.rules.model import Report

if TYPE_CHECKING:
    from agentguard.rules.rule import Context

_FRAMEWORK_TEXT = LazyPattern(r"micronaut|quarkus|\$\{[^}:]+:[^}]*\*[^}]*\}", re.I)
_FRAMEWORK_KEY = LazyPattern(r"^(micronaut|quarkus)\.")
_PLACEHOLDER_WILDCARD = LazyPattern(r"^\$\{[^}:]+:[^}]*\*[^}]*\}$")
_MAX_SIZE = 1024 * 1024


def detect(ctx: Context) -> Iterator[Report]:
    """The general YAML reports, then framework settings on lines it did not report."""
    reported: set[int] = set()
    for report in config_files.detect(ctx):
        reported.add(report.range.line)
        yield report
    text = ctx.doc.text
    if len(text) > _MAX_SIZE or not _FRAMEWORK_TEXT.search(text):
        return
    for document in _documents(text):
        entries = [
            e
            for e in _flattened(document)
            if _FRAMEWORK_KEY.match(e.key) or _PLACEHOLDER_WILDCARD.match(e.value)
        ]
        for report in entry_reports(entries, ctx.config):
            if report.range.line not in reported:
                yield report


def _documents(text: str) -> list[yaml.Node]:
    """The YAML documents in the text; none when it does not parse."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return [d for d in yaml.compose_all(text, Loader=loader) if d is not None]
    except Exception:  # a template or a broken file: the general detector reads what it can
        return []


def _flattened(document: yaml.Node) -> Iterator[Entry]:
    """Every scalar (and scalar list item) of one YAML document, under its dotted key."""
    stack: list[tuple[yaml.Node, str]] = [(document, "")]
    seen: set[int] = set()  # anchors and aliases can make the node graph cyclic
    while stack:
        node, key = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for child_key, child in reversed(node.value):
                if isinstance(child_key, yaml.ScalarNode):
                    name = str(child_key.value)
                    path = without_profile(f"{key}.{name}" if key else name)
                    if path is not None:
                        stack.append((child, path))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, key) for item in reversed(node.value))
        elif isinstance(node, yaml.ScalarNode) and key and "\n" not in node.value:
            quoted = 1 if node.style in {'"', "'"} else 0
            yield Entry(node.start_mark.line + 1, key, str(node.value), node.start_mark.column + quoted)
