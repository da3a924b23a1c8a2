"""What the existence rules share: which files they look at."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import ClassVar

from agentguard.rules.deps.manifests import manifest_kind
from agentguard.rules.document import Document
from agentguard.rules.model import Report
from agentguard.rules.rule import Context, Rule

# Source languages whose imports are checked, and the package ecosystem each imports from.
SOURCE_ECOSYSTEMS = {"python": "pypi", "javascript": "npm", "typescript": "npm", "tsx": "npm", "go": "go"}


@functools.lru_cache(maxsize=8192)
def is_manifest(path: str) -> bool:
    """Whether `path` names a dependency manifest (asked by five rules per file: remembered)."""
    return manifest_kind(path) is not None


class ExistenceRule(Rule):
    """Runs on dependency manifests (by file name) and on the source languages it claims, and
    reports the problems of its `KIND` that one shared analysis of the file finds."""

    KIND: ClassVar[str]

    def applies_to(self, doc: Document) -> bool:
        """Manifests of any language id (`requirements/base.txt` is text), and source files."""
        if doc.language in SOURCE_ECOSYSTEMS or doc.language == "dockerfile":
            return doc.language in self.META.languages
        return is_manifest(doc.path)

    def check(self, ctx: Context) -> Iterable[Report]:
        """Report each problem of this rule's kind in the file."""
        # Imported on first use: the analysis (package index, registry client) is the heaviest
        # part of the rule set, and most files never reach it.
        from agentguard.rules.deps.existence.findings import problems

        for problem in problems(ctx, self.KIND):
            yield Report(problem.range, problem.message, problem.hint)
