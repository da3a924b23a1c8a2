"""What the existence rules share: which files they look at."""

from __future__ import annotations

import functools

from agentguard.rules.deps.existence.findings import SOURCE_ECOSYSTEMS
from agentguard.rules.deps.manifests import manifest_kind
from agentguard.rules.document import Document
from agentguard.rules.rule import Rule


@functools.lru_cache(maxsize=8192)
def is_manifest(path: str) -> bool:
    """Whether `path` names a dependency manifest (asked by five rules per file: remembered)."""
    return manifest_kind(path) is not None


class ExistenceRule(Rule):
    """Runs on dependency manifests (by file name) and on the source languages it claims."""

    def applies_to(self, doc: Document) -> bool:
        """Manifests of any language id (`requirements/base.txt` is text), and source files."""
        if doc.language in SOURCE_ECOSYSTEMS or doc.language == "dockerfile":
            return doc.language in self.META.languages
        return is_manifest(doc.path)
