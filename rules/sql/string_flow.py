"""Where a query string comes from, inside one file: the flow engine shared by the JavaScript,
TypeScript, Go and Java detectors.

A language adapter classifies one expression at a time (`Step`): a constant, an opaque
non-constant value, a *building* operation over parts (template literal, `+`, `Sprintf`,
`StringBuilder.append`...) or a pass-through (a variable's reaching definitions, `.trim()`, a
helper's return values). `trace` follows those steps with an explicit stack and reports the
first non-constant value that reaches the query through a building operation: a value that is
only passed through (a wrapper's `sql` parameter) is not a string built here.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import tree_sitter

# Enough for realistic builders; bounds the work on generated or adversarial code.
_STEP_LIMIT = 600


class Kind(enum.Enum):
    """What one expression contributes to a string."""

    CONSTANT = "constant"
    VALUE = "value"
    BUILD = "build"
    PASS = "pass"


@dataclass(frozen=True)
class Step:
    """An adapter's verdict on one expression."""

    kind: Kind
    parts: tuple[tree_sitter.Node, ...] = ()
    shape: str = ""
    text: str = ""


def constant(text: str = "") -> Step:
    """A constant; `text` is its string value when known (SQL evidence, identifier hints)."""
    return Step(Kind.CONSTANT, text=text)


def value(name: str) -> Step:
    """A value not known at write time: a parameter, request data, an unknown call's result."""
    return Step(Kind.VALUE, text=name)


def build(shape: str, parts: Iterable[tree_sitter.Node]) -> Step:
    """A string assembled from `parts`; `shape` names how ("a template literal")."""
    return Step(Kind.BUILD, tuple(parts), shape=shape)


def passing(parts: Iterable[tree_sitter.Node]) -> Step:
    """An expression whose value is one of `parts` (a variable's definitions, `x.trim()`)."""
    return Step(Kind.PASS, tuple(parts))


@dataclass(frozen=True)
class Flow:
    """A non-constant value that reaches a query through a building operation."""

    value: str
    shape: str
    node: tree_sitter.Node
    builder: tree_sitter.Node
    constants: tuple[str, ...]


def trace(classify: Callable[[tree_sitter.Node], Step], start: tree_sitter.Node) -> Flow | None:
    """The first non-constant value built into the string `start` evaluates to, or None."""
    # (node, innermost building expression above it, its shape, the part directly under it)
    stack: list[tuple[tree_sitter.Node, tree_sitter.Node | None, str, tree_sitter.Node | None]] = [
        (start, None, "", None)
    ]
    seen: set[tuple[int, int, int]] = set()
    constants: list[str] = []
    found: tuple[str, str, tree_sitter.Node, tree_sitter.Node] | None = None
    budget = _STEP_LIMIT
    while stack and budget:
        budget -= 1
        node, builder, shape, origin = stack.pop()
        key = (node.start_byte, node.end_byte, node.kind_id)
        if key in seen:
            continue
        seen.add(key)
        step = classify(node)
        if step.kind is Kind.CONSTANT:
            constants.append(step.text)
        elif step.kind is Kind.VALUE:
            if builder is not None and found is None:
                shown = origin if origin is not None else node
                found = (step.text, shape, shown, builder)
        elif step.kind is Kind.BUILD:
            stack.extend((part, node, step.shape, part) for part in reversed(step.parts))
        else:
            stack.extend((part, builder, shape, origin) for part in reversed(step.parts))
    if found is None:
        return None
    name, shape, shown, builder = found
    return Flow(name, shape, shown, builder, tuple(constants))


@dataclass(frozen=True)
class Definition:
    """One place a name gets a value.

    `anchor` orders definitions (the defined name); `extent` is the whole defining construct (a
    use inside it, as in `q = q + x`, sees only earlier definitions). A killing definition
    replaces the value; a non-killing one (`+=`, `.push`, `.append`) adds to it.
    """

    name: str
    anchor: tree_sitter.Node
    extent: tree_sitter.Node
    values: tuple[tree_sitter.Node, ...]
    kills: bool
    declares: bool
    verdict: Step | None = None


@dataclass
class DefinitionIndex:
    """Every definition in a file, grouped by the scope (function or file) that owns the name."""

    scope_of: Callable[[tree_sitter.Node], tree_sitter.Node]
    block_types: frozenset[str]
    # Scopes whose definitions hold wherever they are written (a Java class's fields).
    hoisted: frozenset[str] = frozenset()
    by_scope: dict[tuple[int, str], list[Definition]] = field(default_factory=dict)
    _declared: set[tuple[int, str]] = field(default_factory=set)

    def add(self, definition: Definition, scope: tree_sitter.Node | None = None) -> None:
        """Record a definition (owned by `scope`, by default the innermost scope around it)."""
        owner = scope if scope is not None else self.scope_of(definition.anchor)
        key = (owner.id, definition.name)
        self.by_scope.setdefault(key, []).append(definition)
        if definition.declares:
            self._declared.add(key)

    def declares(self, scope: tree_sitter.Node, name: str) -> bool:
        """Whether `scope` declares `name` (a declaration or a parameter)."""
        return (scope.id, name) in self._declared

    def owner(self, node: tree_sitter.Node, name: str) -> tree_sitter.Node:
        """The scope an assignment to `name` at `node` writes to: the nearest that declares it."""
        for scope in self.scopes(node):
            if self.declares(scope, name):
                return scope
        return self.scope_of(node)

    def scopes(self, node: tree_sitter.Node) -> list[tree_sitter.Node]:
        """The scopes around `node`, innermost first, ending at the file."""
        chain = [self.scope_of(node)]
        while chain[-1].parent is not None:
            chain.append(self.scope_of(chain[-1].parent))
        return chain

    def reaching(self, name: str, use: tree_sitter.Node) -> list[Definition] | None:
        """The definitions of `name` that may reach `use`, latest first; None if undeclared."""
        for depth, scope in enumerate(self.scopes(use)):
            if not self.declares(scope, name):
                continue
            defs = self.by_scope.get((scope.id, name), [])
            earlier = [
                d for d in defs if d.anchor.start_byte < use.start_byte and not _contains(d.extent, use)
            ]
            if not earlier and depth > 0:
                earlier = defs
            return self._until_killed(sorted(earlier, key=lambda d: d.anchor.start_byte), use)
        return None

    def _until_killed(self, defs: list[Definition], use: tree_sitter.Node) -> list[Definition]:
        reaching: list[Definition] = []
        for definition in reversed(defs):
            reaching.append(definition)
            if definition.kills and _contains(self._block_of(definition.anchor), use):
                break
        return reaching

    def _block_of(self, node: tree_sitter.Node) -> tree_sitter.Node:
        current = node
        while current.parent is not None and current.type not in self.block_types:
            current = current.parent
        return current


def _contains(outer: tree_sitter.Node, inner: tree_sitter.Node) -> bool:
    return outer.start_byte <= inner.start_byte and inner.end_byte <= outer.end_byte


def definitions_step(defs: list[Definition]) -> Step:
    """What a variable evaluates to, given its reaching definitions."""
    parts: list[tree_sitter.Node] = []
    for definition in defs:
        if definition.verdict is not None:
            if definition.verdict.kind is not Kind.CONSTANT:
                return definition.verdict
            continue
        parts.extend(definition.values)
    return passing(parts) if parts else constant()


@dataclass
class Guards:
    """The conditions of each function's `if` statements, to spot allowlist checks of a name
    (`if (!ALLOWED.includes(sort)) throw ...`) that make it safe after them."""

    scope_of: Callable[[tree_sitter.Node], tree_sitter.Node]
    _by_scope: dict[int, list[tuple[int, str]]] = field(default_factory=dict)

    def add(self, node: tree_sitter.Node, text: str) -> None:
        """Record a condition's text."""
        self._by_scope.setdefault(self.scope_of(node).id, []).append((node.start_byte, text))

    def check(self, name: str, use: tree_sitter.Node) -> bool:
        """Whether an earlier condition in the same function checks `name` against an allowlist."""
        conditions = self._by_scope.get(self.scope_of(use).id)
        if not conditions:
            return False
        pattern = guard_pattern(name)
        return any(start < use.start_byte and pattern.search(text) for start, text in conditions)


def guard_pattern(name: str) -> re.Pattern[str]:
    """Text of a condition that checks `name` against an allowlist or a strict pattern."""
    escaped = re.escape(name)
    return re.compile(
        rf"(\b(includes|has|contains|containsKey|indexOf|hasOwnProperty|test|matches|match|Contains|"
        rf"MatchString|ContainsKey|isValid\w*|valid\w*)\s*\((\s*[\w.]+\s*,)?\s*{escaped}\s*(?:(?:\?\?|\|\|)\s*[^,()]*)?[,)]"
        rf"|\b{escaped}\s*\.\s*(matches|match)\s*\(|\[\s*{escaped}\s*\]|\b{escaped}\s+in\s+\w|typeof\s+{escaped}\s*[!=]==?\s*[\"']number"
        rf"|\b(Number\.)?is(Integer|Finite|SafeInteger)\(\s*{escaped}\s*\))"
    )
