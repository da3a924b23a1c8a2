"""The contract every rule keeps: metadata, documentation, an optional prefilter and a detector."""

from __future__ import annotations

import importlib
import inspect
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from agentguard.rules.config import Config
    from agentguard.rules.document import Document
    from agentguard.rules.files import FileSource
    from agentguard.rules.lazy_patterns import TextPattern
    from agentguard.rules.model import Report, RuleMeta

DOC_SECTIONS = ("## What it does", "## Why is this bad?", "## Example", "## Use instead", "## References")


@dataclass(frozen=True)
class Context:
    """Everything a detector may look at: the document, its configuration, and other files."""

    doc: Document
    config: Config
    files: FileSource


class RuleSpec:
    """A rule's identity and documentation (its docstring, in the fixed sections above)."""

    META: ClassVar[RuleMeta]

    @classmethod
    def documentation(cls) -> str:
        """The rule's user documentation, from its docstring."""
        return inspect.cleandoc(cls.__doc__ or "")


class Rule(RuleSpec, ABC):
    """A rule with a detector. `PREFILTER`, when set, must match the text for the rule to run:

    it keeps files that cannot contain the flaw from being parsed at all.
    """

    PREFILTER: ClassVar[TextPattern | None] = None

    def applies_to(self, doc: Document) -> bool:
        """Whether this rule looks at `doc` at all (language and prefilter)."""
        if doc.language not in self.META.languages and "*" not in self.META.languages:
            return False
        return self.PREFILTER is None or self.PREFILTER.search(doc.text) is not None

    @abstractmethod
    def check(self, ctx: Context) -> Iterable[Report]:
        """Yield a Report for every flaw in `ctx.doc`."""


class LanguageDispatchRule(Rule):
    """A rule with one detector module per language, each exporting `detect(ctx)`.

    Detector modules are imported the first time a file of their language needs them, so a
    one-file run pays only for the languages it meets.
    """

    DETECTORS: ClassVar[Mapping[str, str]]

    def check(self, ctx: Context) -> Iterable[Report]:
        """Run the detector for the document's language."""
        module = importlib.import_module(self.DETECTORS[ctx.doc.language])
        detect: Callable[[Context], Iterable[Report]] = module.detect
        return detect(ctx)
