"""A Dockerfile read as instructions (continuations joined, comments dropped, heredocs kept), and
RUN arguments split into shell commands, with a way back to positions in the file."""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass

from agentguard.rules.document import Document
from agentguard.rules.lazy_patterns import LazyPattern
from agentguard.rules.model import Range

_INSTRUCTION = LazyPattern(r"^\s*([A-Za-z]+)(?:\s+|$)")
_HEREDOC = LazyPattern(r"<<(-?)[\"']?([A-Za-z_][A-Za-z0-9_]*)[\"']?")
_OPERATORS = frozenset({"&&", "||", ";", "|", "&", "(", ")", ";;", "|&"})
_REDIRECTION = LazyPattern(r"^\d*[<>]")


@dataclass(frozen=True)
class Instruction:
    """One instruction: its keyword (upper case), its arguments as one string, and the map from
    offsets in `arguments` back to character offsets in the file."""

    keyword: str
    arguments: str
    line: int
    segments: tuple[tuple[int, int], ...]

    def text_offset(self, offset: int) -> int:
        """The character offset in the file of `offset` into `arguments`."""
        for start, text_start in reversed(self.segments):
            if offset >= start:
                return text_start + offset - start
        return self.segments[0][1] + offset

    def range(self, doc: Document, start: int, end: int) -> Range:
        """The file range of `arguments[start:end]`."""
        return doc.text_range(self.text_offset(start), self.text_offset(end))

    def find(self, doc: Document, word: str, start: int = 0) -> Range:
        """The range of the first `word` in the arguments at or after `start` (the instruction's
        first line when the word is not written as such).

        A word on a continuation line gets a range that starts at the instruction's first line:
        findings anchor where the instruction starts, as Dockerfile linters report them, so that
        a suppression comment above the instruction covers them.
        """
        index = self.arguments.find(word, start)
        if index == -1:
            return doc.line_range(self.line)
        found = self.range(doc, index, index + len(word))
        if found.line == self.line:
            return found
        return Range(self.line, 1, found.end_line, found.end_column)


def instructions(text: str) -> list[Instruction]:
    """The Dockerfile's instructions, in order (never raises)."""
    found: list[Instruction] = []
    lines = text.split("\n")
    offsets = line_offsets(lines)
    index = 0
    while index < len(lines):
        match = _INSTRUCTION.match(lines[index])
        if match is None or lines[index].lstrip().startswith("#"):
            index += 1
            continue
        instruction, index = _read_instruction(lines, offsets, index, match)
        found.append(instruction)
    return found


def line_offsets(lines: list[str]) -> list[int]:
    """The character offset at which each of `lines` (the text split at `\\n`) starts, and one
    past the end."""
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    return offsets


def _read_instruction(
    lines: list[str], offsets: list[int], index: int, match: re.Match[str]
) -> tuple[Instruction, int]:
    first = index
    pieces: list[str] = []
    segments: list[tuple[int, int]] = []
    column = match.end()
    while index < len(lines):
        line = lines[index].removesuffix("\r")
        if index > first and (not line.strip() or line.lstrip().startswith("#")):
            index += 1
            continue
        content = line[column:]
        segments.append((sum(len(p) for p in pieces), offsets[index] + column))
        column = 0
        index += 1
        if content.rstrip().endswith("\\"):
            pieces.append(content.rstrip()[:-1] + " ")
            continue
        pieces.append(content)
        break
    arguments = "".join(pieces)
    heredoc = _HEREDOC.search(arguments)
    if heredoc and match.group(1).upper() in ("RUN", "COPY", "ADD"):
        while index < len(lines):
            body = lines[index].removesuffix("\r")
            index += 1
            if (body.strip() if heredoc.group(1) else body) == heredoc.group(2):
                break
            segments.append((len(arguments) + 1, offsets[index - 1]))
            arguments += "\n" + body
    keyword = match.group(1).upper()
    return Instruction(keyword, arguments, first + 1, tuple(segments)), index


@dataclass(frozen=True)
class Command:
    """One simple shell command of a RUN instruction: its words (quotes removed), and whether
    its standard input is piped from the command before it."""

    words: tuple[str, ...]
    piped: bool


def shell_commands(arguments: str) -> list[Command]:
    """The simple commands of a RUN instruction (shell or exec form), in order."""
    stripped = arguments.strip()
    if stripped.startswith("["):
        try:
            words = json.loads(stripped)
        except ValueError:
            words = None
        if isinstance(words, list) and all(isinstance(w, str) for w in words):
            if words[:2] in (["sh", "-c"], ["/bin/sh", "-c"], ["bash", "-c"], ["/bin/bash", "-c"]):
                return shell_commands(" ".join(words[2:]))
            return [Command(tuple(words), piped=False)]
    return list(_split_commands(_strip_run_flags(arguments)))


def _strip_run_flags(arguments: str) -> str:
    return re.sub(r"^\s*(?:--[a-z-]+=\S+\s+)+", "", arguments)


def _split_commands(arguments: str) -> Iterator[Command]:
    lexer = shlex.shlex(arguments.replace("\n", " ; "), posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    lexer.commenters = ""
    words: list[str] = []
    piped = False
    try:
        tokens = list(lexer)
    except ValueError:
        tokens = arguments.split()
    skip_next = False
    for token in tokens:
        if skip_next:
            skip_next = False
            continue
        if token in _OPERATORS:
            if words:
                yield Command(tuple(words), piped)
            words, piped = [], token in ("|", "|&")
            continue
        if _REDIRECTION.match(token) and set(token) <= set("0123456789<>&"):
            if words and words[-1].isdigit():
                words.pop()
            skip_next = True
            continue
        words.append(token)
    if words:
        yield Command(tuple(words), piped)
