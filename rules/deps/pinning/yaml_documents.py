"""YAML files the pinning rules read (workflows, composite actions, compose files, Kubernetes
manifests): which paths they are, and their node trees with positions."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from agentguard.rules.lazy_patterns import LazyPattern
from agentguard.rules.model import Range

if TYPE_CHECKING:
    import yaml

# Merged mappings looked into (YAML allows a list of them; a few is what files use).
_MAX_MERGES = 16
_COMPOSE = LazyPattern(r"^(docker-)?compose([-_.][\w.-]*)?\.ya?ml$", re.I)


def posix_path(path: str) -> PurePosixPath:
    """`path` with `/` separators."""
    return PurePosixPath(path.replace("\\", "/"))


def is_workflow_path(path: str) -> bool:
    """A GitHub Actions workflow (`.github/workflows/*.yml`) or action metadata (`action.yml`)."""
    posix = posix_path(path)
    if posix.suffix.lower() not in (".yml", ".yaml"):
        return False
    if posix.name.lower() in ("action.yml", "action.yaml"):
        return True
    parts = [part.lower() for part in posix.parts]
    return len(parts) >= 3 and parts[-3:-1] == [".github", "workflows"]


def is_compose_path(path: str) -> bool:
    """A docker-compose file (`docker-compose*.yml`, `compose*.yaml`)."""
    return _COMPOSE.match(posix_path(path).name) is not None


def compose_documents(text: str) -> list[yaml.Node] | None:
    """The node tree of every document in `text`, or None when it is not valid YAML (a Helm
    template, a file mid-edit)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return [node for node in yaml.compose_all(text, Loader=loader) if node is not None]
    except (yaml.YAMLError, ValueError, RecursionError):
        return None


def mapping_items(node: yaml.Node) -> Iterator[tuple[str, yaml.Node]]:
    """The (key, value node) pairs of a mapping node whose keys are plain strings."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                yield str(key.value), value


def mapping_value(node: yaml.Node, key: str) -> yaml.Node | None:
    """The value node under `key` of a mapping node, if any, looking through `<<: *anchor` merges."""
    import yaml

    merged: list[yaml.Node] = []
    for name, value in mapping_items(node):
        if name == key:
            return value
        if name == "<<":
            merged += value.value if isinstance(value, yaml.SequenceNode) else [value]
    for source in merged[:_MAX_MERGES]:
        if isinstance(source, yaml.MappingNode):
            found = next((value for name, value in mapping_items(source) if name == key), None)
            if found is not None:
                return found
    return None


def scalar_text(node: yaml.Node | None) -> str | None:
    """The string value of a scalar node (None for mappings, sequences and null)."""
    import yaml

    if isinstance(node, yaml.ScalarNode) and node.tag != "tag:yaml.org,2002:null":
        return str(node.value)
    return None


def walk_nodes(root: yaml.Node) -> Iterator[yaml.Node]:
    """Every node under `root`, itself included, with an explicit stack (no recursion)."""
    import yaml

    stack = [root]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        if isinstance(node, yaml.MappingNode):
            stack.extend(value for pair in reversed(node.value) for value in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))


def node_range(node: yaml.Node) -> Range:
    """The 1-based range of a node (PyYAML marks are 0-based, in characters)."""
    start, end = node.start_mark, node.end_mark
    if end.line > start.line:
        return Range(
            start.line + 1, start.column + 1, start.line + 1, start.column + 1 + len(str(node.value))
        )
    return Range(start.line + 1, start.column + 1, end.line + 1, end.column + 1)
