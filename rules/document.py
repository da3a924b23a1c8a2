"""A file being checked: its text, language, one lazily built parse tree and its imports."""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING

from agentguard.rules.languages import TREE_SITTER_GRAMMARS, detect_language, parser, query
from agentguard.rules.model import Range

if TYPE_CHECKING:
    import tree_sitter

    from agentguard.rules.imports import ImportMap


class Document:
    """Text and path in; positions, the parse tree and the import map out, each built once.

    Positions are 1-based lines and 1-based columns counted in characters (code points).
    """

    def __init__(
        self, path: str, text: str, language: str | None = None, *, previous: Document | None = None
    ) -> None:
        """`previous` is an earlier version of the same file (an editor's buffer before an
        edit): its tree, if it was built, is reused so that only the edited part is re-parsed."""
        self.path = path
        self.text = text
        self.language = language or detect_language(path, text)
        self._reusable: tuple[tree_sitter.Tree, bytes] | None = None
        if previous is not None and previous.language == self.language and "tree" in previous.__dict__:
            self._reusable = (previous.tree, previous.source)

    @functools.cached_property
    def source(self) -> bytes:
        """The UTF-8 bytes tree-sitter parses; node offsets index into these."""
        return self.text.encode("utf-8", "surrogatepass")

    @functools.cached_property
    def lines(self) -> list[str]:
        """The text split at `\\n` (as tree-sitter counts rows), without line endings."""
        return [line.removesuffix("\r") for line in self.text.split("\n")]

    @functools.cached_property
    def line_starts(self) -> list[int]:
        """The byte offset at which each line starts."""
        starts = [0]
        index = self.source.find(b"\n")
        while index != -1:
            starts.append(index + 1)
            index = self.source.find(b"\n", index + 1)
        return starts

    @property
    def parsed(self) -> bool:
        """Whether this document's language has a tree-sitter grammar."""
        return self.language in TREE_SITTER_GRAMMARS

    @functools.cached_property
    def tree(self) -> tree_sitter.Tree:
        """The tree-sitter tree (error-tolerant: code that does not compile still parses)."""
        reusable, self._reusable = self._reusable, None
        if reusable is None:
            return parser(self.language).parse(self.source)
        old_tree, old_source = reusable
        return parser(self.language).parse(self.source, _edited(old_tree, old_source, self.source))

    @property
    def root(self) -> tree_sitter.Node:
        """The root node of the tree."""
        return self.tree.root_node

    @functools.cached_property
    def imports(self) -> ImportMap:
        """What each imported name in this file refers to."""
        from agentguard.rules.imports import build_import_map

        return build_import_map(self)

    def captures(
        self, query_source: str, node: tree_sitter.Node | None = None
    ) -> dict[str, list[tree_sitter.Node]]:
        """Run a tree-sitter query (compiled once per process) and return its captures by name."""
        import tree_sitter

        cursor = tree_sitter.QueryCursor(query(self.language, query_source))
        return cursor.captures(node or self.root)

    def matches(
        self, query_source: str, node: tree_sitter.Node | None = None
    ) -> list[tuple[int, dict[str, list[tree_sitter.Node]]]]:
        """Run a tree-sitter query and return its matches (pattern index, captures by name)."""
        import tree_sitter

        cursor = tree_sitter.QueryCursor(query(self.language, query_source))
        return cursor.matches(node or self.root)

    def node_text(self, node: tree_sitter.Node) -> str:
        """The source text of a node."""
        return self.source[node.start_byte : node.end_byte].decode("utf-8", "replace")

    def position(self, byte_offset: int) -> tuple[int, int]:
        """The 1-based (line, character column) of a byte offset."""
        line_index = bisect.bisect_right(self.line_starts, byte_offset) - 1
        start = self.line_starts[line_index]
        column = len(self.source[start:byte_offset].decode("utf-8", "replace"))
        return line_index + 1, column + 1

    def range_of(self, node: tree_sitter.Node, end: tree_sitter.Node | None = None) -> Range:
        """The range from the start of `node` to the end of `end` (or of `node`)."""
        return self.byte_range(node.start_byte, (end or node).end_byte)

    def byte_range(self, start: int, end: int) -> Range:
        """The range between two byte offsets."""
        line, column = self.position(start)
        end_line, end_column = self.position(end)
        return Range(line, column, end_line, end_column)

    def text_range(self, start: int, end: int) -> Range:
        """The range between two character offsets into `text` (for rules that scan text)."""
        return self.byte_range(
            len(self.text[:start].encode("utf-8", "surrogatepass")),
            len(self.text[:end].encode("utf-8", "surrogatepass")),
        )

    def line_range(self, line: int, start_column: int = 1, end_column: int | None = None) -> Range:
        """A range on one 1-based line; by default the whole line."""
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        return Range(line, start_column, line, end_column or len(text) + 1)

    def snippet(self, range_: Range) -> str:
        """The text of the lines a range covers (the fingerprint's content)."""
        return "\n".join(self.lines[range_.line - 1 : range_.end_line])


def _edited(tree: tree_sitter.Tree, old: bytes, new: bytes) -> tree_sitter.Tree:
    """A copy of `tree` (parsed from `old`) told about the one span where `new` differs."""
    start = _common_prefix(old, new)
    tail = _common_prefix(old[start:][::-1], new[start:][::-1])
    edited = tree.copy()
    edited.edit(
        start_byte=start,
        old_end_byte=len(old) - tail,
        new_end_byte=len(new) - tail,
        start_point=_point(old, start),
        old_end_point=_point(old, len(old) - tail),
        new_end_point=_point(new, len(new) - tail),
    )
    return edited


def _common_prefix(first: bytes, second: bytes) -> int:
    """The length of the longest common prefix, by bisection over slice comparisons (memcmp)."""
    low, high = 0, min(len(first), len(second))
    while low < high:
        middle = (low + high + 1) // 2
        if first[:middle] == second[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _point(source: bytes, offset: int) -> tuple[int, int]:
    """The (row, byte column) of a byte offset, as tree-sitter counts them."""
    row = source.count(b"\n", 0, offset)
    return row, offset - (source.rfind(b"\n", 0, offset) + 1)


def walk(node: tree_sitter.Node) -> Iterator[tree_sitter.Node]:
    """Every node under `node` (itself included), in document order, without recursion."""
    cursor = node.walk()
    depth = 0
    while True:
        current = cursor.node
        assert current is not None
        yield current
        if cursor.goto_first_child():
            depth += 1
            continue
        while depth > 0:
            if cursor.goto_next_sibling():
                break
            cursor.goto_parent()
            depth -= 1
        else:
            return
