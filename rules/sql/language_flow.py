"""The half of a string-flow adapter that reads the same in JavaScript/TypeScript, Go and Java.

`LanguageFlow.classify` is the per-expression step the shared engine (`string_flow.trace`)
follows. It hands an expression to the language's handler for its node type; what has no handler
is a string constant, another constant, a wrapper around one value (parentheses, `await`, a cast)
or an opaque value, by the language's `Grammar` tables. The handlers that are the same logic in
every language (a variable, `+`, `+=`, a ternary, a call of a function of the file) live here;
each language module adds its own (template literals, `fmt.Sprintf`, `StringBuilder`...) and
indexes its definitions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from agentguard.rules.document import walk
from agentguard.rules.lazy_patterns import LazyPattern
from agentguard.rules.literals import literal_string
from agentguard.rules.sql.string_flow import (
    Definition,
    DefinitionIndex,
    Guards,
    Step,
    build,
    constant,
    definitions_step,
    guard_pattern,
    passing,
    value,
)

if TYPE_CHECKING:
    import tree_sitter

    from agentguard.rules.document import Document

Handler = Callable[[Any, "tree_sitter.Node"], Step]
UPPER_CONSTANT = LazyPattern(r"^[A-Z][A-Z0-9_]*$")
# `sort`, `opts.sort`: what an allowlist check can name (`SORTS.includes(opts.sort) ? opts.sort : ...`).
_DOTTED_NAME = LazyPattern(r"^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$")


@dataclass(frozen=True)
class Grammar:
    """The node type names of one language's grammar that the shared steps need."""

    # Functions (and the file, and Java class bodies): what owns a local name.
    scope_types: frozenset[str]
    # Statements a definition is confined to: one in a branch does not kill the others.
    block_types: frozenset[str]
    # String literals and their pieces: constants whose text is SQL evidence.
    string_types: frozenset[str]
    number_types: frozenset[str]
    # Every other constant expression (numbers included).
    constant_types: frozenset[str]
    # Expressions that stand for one value inside them (parentheses, `await`, casts).
    wrapper_types: frozenset[str]
    # A function body that holds statements (an arrow function's or lambda's may be an expression).
    function_body: str
    # Identifiers that are literals (`nil`, `undefined`).
    constant_names: frozenset[str] = frozenset()
    # Scopes whose definitions hold wherever they are written (a Java class's fields).
    hoisted: frozenset[str] = frozenset()
    class_bodies: frozenset[str] = frozenset()
    # What `return a, err` returns in Go: a list whose first value is the one traced.
    value_list: str = ""

    def scope_of(self, node: tree_sitter.Node) -> tree_sitter.Node:
        """The innermost scope around `node` (or the file)."""
        scope_types = self.scope_types  # a local: this runs for every name lookup
        current = node.parent
        while current is not None:
            if current.type in scope_types or current.parent is None:
                return current
            current = current.parent
        return node

    def class_body(self, node: tree_sitter.Node) -> tree_sitter.Node | None:
        """The class body around `node`, if any."""
        current = node.parent
        while current is not None and current.type not in self.class_bodies:
            current = current.parent
        return current


class LanguageFlow:
    """Expression steps and definitions for one document; a subclass per language indexes the
    definitions and supplies the handlers of its own node types."""

    def __init__(self, doc: Document, grammar: Grammar, handlers: Mapping[str, Handler]) -> None:
        self.doc = doc
        self.grammar = grammar
        self.handlers = handlers
        self.index = DefinitionIndex(grammar.scope_of, grammar.block_types, hoisted=grammar.hoisted)
        self.functions: dict[str, list[tree_sitter.Node]] = {}
        self.guards = Guards(grammar.scope_of)

    def add_guard(self, condition: tree_sitter.Node) -> None:
        """Record an `if` condition, which may check a name against an allowlist."""
        self.guards.add(condition, self.doc.node_text(condition))

    def add_function(self, name: tree_sitter.Node, function: tree_sitter.Node) -> None:
        """Record a function of this file, whose return values a call of it evaluates to."""
        self.functions.setdefault(self.doc.node_text(name), []).append(function)

    def definition(
        self,
        name: tree_sitter.Node,
        extent: tree_sitter.Node,
        values: tuple[tree_sitter.Node, ...],
        *,
        kills: bool = True,
        declares: bool = True,
        verdict: Step | None = None,
    ) -> Definition:
        """A definition of the name `name` (which anchors it) by the construct `extent`."""
        return Definition(self.doc.node_text(name), name, extent, values, kills, declares, verdict)

    def growth(self, name: tree_sitter.Node, node: tree_sitter.Node) -> Definition:
        """`q += x`, `sb.append(x)`, `parts.push(x)`: `node` adds to what `name` holds."""
        return self.definition(name, node, (node,), kills=False, declares=False)

    def add_assignments(self, definitions: Iterable[Definition]) -> None:
        """Record assignments, each in the scope that declares its name (a closure may grow an
        outer `sql`): done after every declaration of the file is known."""
        for definition in definitions:
            self.index.add(definition, self.index.owner(definition.anchor, definition.name))

    def classify(self, node: tree_sitter.Node) -> Step:
        """The engine step for one expression."""
        kind = node.type
        handler = self.handlers.get(kind)
        if handler is not None:
            return handler(self, node)
        grammar = self.grammar
        if kind in grammar.string_types:
            return constant(literal_string(self.doc, node) or self.doc.node_text(node))
        if kind in grammar.constant_types:
            return constant()
        if kind in grammar.wrapper_types and node.named_children:
            return passing([self.unwrap(node)])
        return value(self.doc.node_text(node))

    def unwrap(self, node: tree_sitter.Node) -> tree_sitter.Node:
        """The expression a wrapper (of a non-empty node) stands for."""
        return node.named_children[0]

    def returns(self, function: tree_sitter.Node) -> list[tree_sitter.Node]:
        """The values a function returns (its own `return`s, not nested functions'; its expression
        body); a node that is not a function (`Array.from(xs, f)` with `f` a name) as it is."""
        grammar = self.grammar
        if function.type not in grammar.scope_types:
            return [function]
        body = function.child_by_field_name("body")
        if body is None:
            return []
        if body.type != grammar.function_body:
            return [body]
        results: list[tree_sitter.Node] = []
        for node in walk(body):
            if node.type == "return_statement" and grammar.scope_of(node) == function and node.named_children:
                returned = node.named_children[0]
                results.append(
                    returned.named_children[0] if returned.type == grammar.value_list else returned
                )
        return results

    # Steps the same in every language -----------------------------------------------------

    def _identifier(self, node: tree_sitter.Node) -> Step:
        name = self.doc.node_text(node)
        if name in self.grammar.constant_names:
            return constant()
        if UPPER_CONSTANT.match(name) and self.doc.imports.resolve(name) is not None:
            return constant()  # `const { ORDER_COLUMNS } = require("./db")`: an imported constant
        defs = self.index.reaching(name, node)
        if defs is None:
            return self._undeclared(name)
        if self.guards.check(name, node):
            return constant()
        return definitions_step(defs)

    def _undeclared(self, name: str) -> Step:
        """A name this file does not declare: an upper-case constant, or an unknown value."""
        return constant() if UPPER_CONSTANT.match(name) else value(name)

    def _binary(self, node: tree_sitter.Node) -> Step:
        operator = node.child_by_field_name("operator")
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        operands = [part for part in (left, right) if part is not None]
        return self._operation(self.doc.node_text(operator) if operator is not None else "", operands)

    def _operation(self, operator: str, operands: list[tree_sitter.Node]) -> Step:
        """`+` concatenates, unless it adds numbers (`i + 1`: placeholder numbering); other
        operators compute numbers or booleans."""
        if operator != "+":
            return constant()
        kinds = {part.type for part in operands}
        if kinds & self.grammar.number_types and not kinds & self.grammar.string_types:
            return constant()
        return build("string concatenation", operands)

    def _ternary(self, node: tree_sitter.Node) -> Step:
        condition = node.child_by_field_name("condition")
        chosen = node.child_by_field_name("consequence")
        other = node.child_by_field_name("alternative")
        if (
            condition is not None
            and chosen is not None
            and _DOTTED_NAME.match(self.doc.node_text(chosen))
            and guard_pattern(self.doc.node_text(chosen)).search(self.doc.node_text(condition))
        ):
            return passing([other] if other is not None else [])
        return passing([part for part in (chosen, other) if part is not None])

    def _augmented(self, node: tree_sitter.Node) -> Step:
        """`q += x`, as a definition of `q`: what it adds."""
        right = node.child_by_field_name("right")
        return build("`+=` concatenation", [right] if right is not None else [])

    def _helper_call(self, name: str, node: tree_sitter.Node) -> Step:
        """A function of this file: its return values; anything else is an unknown value."""
        functions = self.functions.get(name)
        if not functions:
            return value(self.doc.node_text(node))
        return passing([result for function in functions for result in self.returns(function)])
