"""The shell lines of GitHub Actions `run:` steps, as Dockerfile-like RUN instructions.

A workflow runs its steps' scripts on a CI machine that holds the repository's secrets, so a
script piped from the network there is the same risk as in a Dockerfile. Each logical line of a
`run:` value (a line, or lines joined by a trailing `\\`) becomes one `RUN` instruction whose
offsets map back to the file, so findings point at the line that downloads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from agentguard.rules.deps.pinning.dockerfile import Instruction, line_offsets
from agentguard.rules.deps.pinning.yaml_documents import compose_documents, mapping_items, walk_nodes

if TYPE_CHECKING:
    import yaml


def run_steps(text: str) -> list[Instruction]:
    """Every logical line of every `run:` script in the workflow, in file order."""
    import yaml

    lines = text.split("\n")
    starts = line_offsets(lines)
    found: list[Instruction] = []
    for root in compose_documents(text) or []:
        for node in walk_nodes(root):
            for key, value in mapping_items(node):
                if key == "run" and isinstance(value, yaml.ScalarNode):
                    found.extend(_script_lines(value, text, lines, starts))
    return sorted(found, key=lambda instruction: instruction.segments[0][1])


def _script_lines(node: yaml.ScalarNode, text: str, lines: list[str], starts: list[int]) -> list[Instruction]:
    line = node.start_mark.line
    if node.style not in ("|", ">"):
        if line != node.end_mark.line:
            return []  # a scalar folded over lines: rare for scripts, and its offsets shift
        quoted = 1 if node.style in ("'", '"') else 0
        return [
            Instruction("RUN", node.value, line + 1, ((0, starts[line] + node.start_mark.column + quoted),))
        ]
    instructions: list[Instruction] = []
    pending: list[tuple[int, int]] = []
    for index in range(line + 1, min(node.end_mark.line + 1, len(lines))):
        content = lines[index]
        if not content.strip():
            continue
        pending.append((index, starts[index] + len(content) - len(content.lstrip())))
        if not content.rstrip().endswith("\\"):
            instructions.append(_instruction(pending, text, starts))
            pending = []
    if pending:
        instructions.append(_instruction(pending, text, starts))
    return instructions


def _instruction(located: list[tuple[int, int]], text: str, starts: list[int]) -> Instruction:
    arguments = ""
    segments: list[tuple[int, int]] = []
    for line_index, offset in located:
        segments.append((len(arguments), offset))
        arguments += text[offset : starts[line_index + 1] - 1] + "\n"
    return Instruction("RUN", arguments, located[0][0] + 1, tuple(segments))
