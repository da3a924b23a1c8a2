"""Reading a call's receiver to judge whether it is a database handle: what the JavaScript, Go and
Java detectors share (each keeps its own words, types and creating calls)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from agentguard.rules.lazy_patterns import LazyPattern, TextPattern

if TYPE_CHECKING:
    import tree_sitter

    from agentguard.rules.document import Document
    from agentguard.rules.sql.language_flow import LanguageFlow

_NAME_WORDS = LazyPattern(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def name_words(name: str) -> set[str]:
    """The words of a name, lower-cased: `userDB` and `user_db` give `user` and `db`."""
    return {word.lower() for word in _NAME_WORDS.findall(name)}


@dataclass(frozen=True)
class ReceiverSyntax:
    """The node types a receiver like `this.db`, `r.db.WithContext(ctx)` is made of in a grammar."""

    # Names that end the chain (an identifier, `this`).
    names: frozenset[str]
    # `a.b`, with the fields of its object and of its name.
    member: str
    member_object: str
    member_name: str
    # Expressions that stand for the one inside them (parentheses, `await`).
    wrappers: frozenset[str]

    def chain(self, doc: Document, receiver: tree_sitter.Node) -> Iterator[tuple[str, tree_sitter.Node]]:
        """The names along a receiver, nearest first: `r.db` gives `db`, then `r`; a call gives
        its callee's (`db.WithContext(ctx)`: `WithContext`, then `db`; `knex("t")`: `knex`)."""
        current: tree_sitter.Node | None = receiver
        while current is not None:
            if current.type in self.names:
                yield doc.node_text(current), current
                return
            if current.type == self.member:
                name = current.child_by_field_name(self.member_name)
                if name is not None:
                    yield doc.node_text(name), name
                current = current.child_by_field_name(self.member_object)
            elif current.type == "call_expression":
                current = current.child_by_field_name("function")
            elif current.type in self.wrappers:
                current = current.named_children[0] if current.named_children else None
            else:
                return


def created_by(flow: LanguageFlow, identifier: tree_sitter.Node, pattern: TextPattern) -> bool:
    """Whether a value the variable may hold is made by a call `pattern` finds (`sql.Open(`)."""
    defs = flow.index.reaching(flow.doc.node_text(identifier), identifier) or []
    return any(pattern.search(flow.doc.node_text(v)) for d in defs for v in d.values)
