"""The one place positions are converted between the engine and the client.

The engine counts 1-based lines split at `\\n` and 1-based columns in code points. LSP counts
0-based lines and columns in the encoding pygls negotiates at `initialize` (UTF-16 unless the
client offers UTF-8 or UTF-32), so a character outside the Basic Multilingual Plane (an emoji) is
two UTF-16 units and up to four UTF-8 bytes.
"""

from __future__ import annotations

from lsprotocol import types

from agentguard.rules.model import Range


class PositionCodec:
    """Converts columns between code points and the negotiated encoding's code units."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding

    def units(self, text: str) -> int:
        """How many code units `text` takes in the negotiated encoding."""
        if self.encoding == types.PositionEncodingKind.Utf32:
            return len(text)
        if self.encoding == types.PositionEncodingKind.Utf8:
            return len(text.encode("utf-8", "surrogatepass"))
        if text.isascii():
            return len(text)
        return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)

    def code_points(self, line: str, units: int) -> int:
        """The code-point column of a code-unit column on `line` (clamped to the line's end;
        a column inside a character rounds down to its start)."""
        if self.encoding == types.PositionEncodingKind.Utf32 or line.isascii():
            return min(units, len(line))
        consumed = 0
        for index, char in enumerate(line):
            consumed += self.units(char)
            if consumed > units:
                return index
        return len(line)

    def to_lsp_position(self, lines: list[str], line: int, column: int) -> types.Position:
        """A 1-based engine (line, code-point column) as an LSP position, clamped to the text."""
        lsp_line, character = self._lsp(lines, line, column)
        return types.Position(line=lsp_line, character=character)

    def to_lsp_range(self, lines: list[str], range_: Range) -> types.Range:
        """An engine range as an LSP range."""
        return types.Range(
            start=self.to_lsp_position(lines, range_.line, range_.column),
            end=self.to_lsp_position(lines, range_.end_line, range_.end_column),
        )

    def to_lsp_json_range(self, lines: list[str], range_: Range) -> dict[str, dict[str, int]]:
        """`to_lsp_range` as LSP JSON (diagnostics are built as JSON, hundreds per keystroke)."""
        start_line, start = self._lsp(lines, range_.line, range_.column)
        end_line, end = self._lsp(lines, range_.end_line, range_.end_column)
        return {
            "start": {"line": start_line, "character": start},
            "end": {"line": end_line, "character": end},
        }

    def _lsp(self, lines: list[str], line: int, column: int) -> tuple[int, int]:
        if line > len(lines):
            return len(lines) - 1, self.units(lines[-1])
        return line - 1, self.units(lines[line - 1][: max(column - 1, 0)])

    def to_offset(self, text: str, line_starts: list[int], position: types.Position) -> int:
        """The code-point offset into `text` of an LSP position (clamped to the text)."""
        if position.line >= len(line_starts):
            return len(text)
        start = line_starts[position.line]
        end = line_starts[position.line + 1] - 1 if position.line + 1 < len(line_starts) else len(text)
        line = text[start:end]
        return start + self.code_points(line, position.character)


def line_starts(text: str) -> list[int]:
    """The code-point offset at which each `\\n`-separated line starts."""
    starts = [0]
    index = text.find("\n")
    while index != -1:
        starts.append(index + 1)
        index = text.find("\n", index + 1)
    return starts


def split_lines(text: str) -> list[str]:
    """The lines of `text` as the engine counts them (split at `\\n`, `\\r` of CRLF dropped)."""
    return [line.removesuffix("\r") for line in text.split("\n")]
