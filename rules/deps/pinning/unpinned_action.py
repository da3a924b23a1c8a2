"""AG407 unpinned-action: GitHub Actions `uses:` not pinned to a full commit SHA."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from agentguard.rules.deps.pinning.versions import is_commit
from agentguard.rules.deps.pinning.yaml_documents import (
    compose_documents,
    is_workflow_path,
    mapping_items,
    node_range,
    scalar_text,
    walk_nodes,
)
from agentguard.rules.document import Document
from agentguard.rules.lazy_patterns import LazyPattern
from agentguard.rules.model import Confidence, Report, RuleMeta, Severity
from agentguard.rules.rule import Context, Rule

if TYPE_CHECKING:
    import yaml

_SHORT_SHA = LazyPattern(r"^[0-9a-f]{7,39}$")
_VERSION_TAG = LazyPattern(r"^v?\d+(\.\d+)*([-.+]\w+)*$")


class UnpinnedAction(Rule):
    """## What it does
    Flags `uses:` in GitHub Actions workflows (`.github/workflows/*.yml`) and composite actions
    (`action.yml`) that are not pinned to a full 40-character commit SHA: `actions/checkout@v4`,
    `owner/repo@main`, reusable workflows `owner/repo/.github/workflows/x.yml@v1`, and
    `docker://image:tag` without a digest. Local actions (`./.github/actions/x`) and
    `docker://image@sha256:...` are fine. A branch reference is high severity; a version tag
    is medium.

    ## Why is this bad?
    A tag or branch is a pointer that the action's owner (or whoever compromises their
    account) can move: in March 2025 the tags of `tj-actions/changed-files` were re-pointed to a
    commit that printed the secrets of every workflow that used them. A commit SHA cannot be
    moved (CWE-1357, CWE-829).

    ## Example
        - uses: actions/checkout@v4
        - uses: tj-actions/changed-files@main

    ## Use instead
        - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2

    Keep the tag as a comment so that Dependabot and Renovate can update the pin.

    ## References
    CWE-1357; CWE-829; OWASP A08:2021 Software and Data Integrity Failures;
    https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions
    """

    META = RuleMeta(
        code="AG407",
        name="unpinned-action",
        category="unpinned-dependency",
        severity=Severity.MEDIUM,
        confidence=Confidence.HIGH,
        cwe=(1357, 829),
        languages=("yaml",),
        summary="A GitHub Actions workflow uses an action by tag or branch instead of a commit SHA",
        owasp=("A08:2021",),
    )
    PREFILTER = LazyPattern(r"\buses\s*:")

    def applies_to(self, doc: Document) -> bool:
        """Only workflow files and action metadata, by path."""
        return is_workflow_path(doc.path) and super().applies_to(doc)

    def check(self, ctx: Context) -> Iterable[Report]:
        """Report every `uses:` reference that is not a commit SHA or a digest."""
        for root in compose_documents(ctx.doc.text) or []:
            for node in walk_nodes(root):
                for key, value in mapping_items(node):
                    reference = scalar_text(value) if key == "uses" else None
                    if reference is not None:
                        yield from _check(reference.strip(), value)


def _check(reference: str, node: yaml.Node) -> Iterator[Report]:
    if reference.startswith(("./", "../", ".\\")) or "${{" in reference:
        return
    if reference.startswith("docker://"):
        # Imported here: only `docker://` steps need it, and the registry imports every rule.
        from agentguard.rules.deps.pinning.images import ImageReference

        image = ImageReference.parse(reference.removeprefix("docker://"))
        if image.digest is None:
            yield Report(
                range=node_range(node),
                message=f"`{reference}` runs a container image by tag, which can be re-pushed",
                hint=f"pin the digest: `docker://{image.repository}@sha256:<digest>`",
            )
        return
    action, _, ref = reference.rpartition("@")
    if not action:
        action, ref = reference, ""
    if is_commit(ref):
        return
    abbreviated = _SHORT_SHA.match(ref) is not None
    branch = not _VERSION_TAG.match(ref) and not abbreviated
    if abbreviated:
        what = f"the abbreviated commit `{ref}` (only a full SHA is immutable)"
    else:
        what = f"branch `{ref}`" if branch and ref else (f"tag `{ref}`" if ref else "no ref")
    comment = f" # {ref}" if ref else ""
    yield Report(
        range=node_range(node),
        message=f"`{reference}` is pinned to {what}, which can be moved to other code"
        if not abbreviated
        else f"`{reference}` is pinned to {what}",
        hint=f"pin the full commit SHA and keep the tag as a comment: `uses: {action}@<40-hex sha>{comment}`",
        severity=Severity.HIGH if branch else None,
    )
