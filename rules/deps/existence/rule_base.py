"""What the existence rules share: which files they look at."""

from __future__ import annotations

from agentguard.rules.deps.existence.findings import SOURCE_ECOSYSTEMS
from agentguard.rules.deps.manifests import manifest_kind
from agentguard.rules.document import Document
from agentguard.rules.rule import Rule


class ExistenceRule(Rule):
    """Runs on dependency manifests (by file name) and on the source languages it claims."""

    def applies_to(self, doc: Document) -> bool:
        """Manifests of any language id (`requirements/base.txt` is text), and source files."""
        if manifest_kind(doc.path) is not None:
            return True
        return doc.language in SOURCE_ECOSYSTEMS and doc.language in self.META.languages
