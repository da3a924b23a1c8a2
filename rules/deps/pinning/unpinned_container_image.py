"""AG408 unpinned-container-image: `image:` in docker-compose files, Kubernetes manifests and
GitHub Actions job containers and services, with no tag or `latest`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from agentguard.rules.deps.pinning.options import REQUIRE_DIGEST
from agentguard.rules.deps.pinning.yaml_documents import (
    compose_documents,
    is_compose_path,
    is_workflow_path,
    mapping_items,
    mapping_value,
    node_range,
    posix_path,
    scalar_text,
    walk_nodes,
)
from agentguard.rules.document import Document
from agentguard.rules.lazy_patterns import LazyPattern
from agentguard.rules.model import Confidence, Report, RuleMeta, Severity
from agentguard.rules.rule import Context, Rule

if TYPE_CHECKING:
    import yaml

_KUBERNETES = LazyPattern(r"^\s*apiVersion\s*:", re.M)
_KIND = LazyPattern(r"^\s*kind\s*:", re.M)
# Kinds whose `image:` keys are data or schema, not a container to pull.
_NOT_WORKLOADS = frozenset({"ConfigMap", "Secret", "CustomResourceDefinition"})


class UnpinnedContainerImage(Rule):
    """## What it does
    Flags `image:` references with no tag or the `latest` tag in docker-compose files
    (`docker-compose*.yml`, `compose*.yaml`; services that `build:` their own image are not
    pulled and not reported), in Kubernetes manifests (any YAML document with `apiVersion`
    and `kind`, multi-document files included) and in GitHub Actions workflows (a job's
    `container:`, short form `container: node:latest` included, and its `services:` images;
    `uses: docker://...` steps are AG407's). `${TAG:-latest}` counts as `latest`; an image
    chosen entirely by a variable or a `${{ }}` expression is not judged; Helm templates that
    are not valid YAML are skipped. With `[tool.agentguard.deps] require-digest = true`, tags
    without a digest are reported too (low severity).

    ## Why is this bad?
    `latest` is re-pointed at every release: two nodes of the same deployment can run different
    code, a rollback "to the same manifest" does not roll back, and whoever controls the
    registry decides what runs in your cluster (CWE-1357).

    ## Example
        services:
          cache:
            image: redis

    ## Use instead
        services:
          cache:
            image: redis:7.2.5-alpine@sha256:<digest>

    ## References
    CWE-1357; OWASP A06:2021 Vulnerable and Outdated Components;
    https://kubernetes.io/docs/concepts/containers/images/#image-names
    """

    META = RuleMeta(
        code="AG408",
        name="unpinned-container-image",
        category="unpinned-dependency",
        severity=Severity.MEDIUM,
        confidence=Confidence.HIGH,
        cwe=(1357,),
        languages=("yaml",),
        summary="A compose file, Kubernetes manifest or workflow job runs an image with no tag or the latest tag",
        owasp=("A06:2021",),
    )
    PREFILTER = LazyPattern(r"\bimage\s*:")

    def applies_to(self, doc: Document) -> bool:
        """Compose files and workflows by name; other YAML only when it looks like a Kubernetes
        manifest."""
        if not super().applies_to(doc):
            return False
        if is_workflow_path(doc.path):
            return _is_workflow(doc.path)
        if is_compose_path(doc.path):
            return True
        return _KUBERNETES.search(doc.text) is not None and _KIND.search(doc.text) is not None

    def check(self, ctx: Context) -> Iterable[Report]:
        """Report each pulled image that is not pinned."""
        documents = compose_documents(ctx.doc.text) or []
        require_digest = ctx.config.get(REQUIRE_DIGEST)
        if is_workflow_path(ctx.doc.path):
            find_images = _workflow_images
        elif is_compose_path(ctx.doc.path):
            find_images = _compose_images
        else:
            find_images = _kubernetes_images
        seen: set[int] = set()  # an anchored image shared by several services is reported once
        for root in documents:
            for node in find_images(root):
                if id(node) not in seen:
                    seen.add(id(node))
                    yield from _check(node, require_digest)


def _compose_images(root: yaml.Node) -> Iterator[yaml.Node]:
    services = mapping_value(root, "services")
    for _, service in mapping_items(services) if services is not None else ():
        image = mapping_value(service, "image")
        if image is not None and mapping_value(service, "build") is None:
            yield image


def _is_workflow(path: str) -> bool:
    """A workflow file, not an action's metadata (`action.yml` has no jobs)."""
    return posix_path(path).name.lower() not in ("action.yml", "action.yaml")


def _workflow_images(root: yaml.Node) -> Iterator[yaml.Node]:
    """Each job's `container:` (a mapping with `image:`, or the image itself) and `services:`."""
    jobs = mapping_value(root, "jobs")
    for _, job in mapping_items(jobs) if jobs is not None else ():
        container = mapping_value(job, "container")
        services = mapping_value(job, "services")
        containers = [container] if container is not None else []
        containers += [service for _, service in mapping_items(services)] if services is not None else []
        for node in containers:
            image = node if scalar_text(node) is not None else mapping_value(node, "image")
            if image is not None:
                yield image


def _kubernetes_images(root: yaml.Node) -> Iterator[yaml.Node]:
    kind = scalar_text(mapping_value(root, "kind"))
    if mapping_value(root, "apiVersion") is None or kind is None or kind in _NOT_WORKLOADS:
        return
    for node in walk_nodes(root):
        for key, value in mapping_items(node):
            if key == "image":
                yield value


def _check(node: yaml.Node, require_digest: bool) -> Iterator[Report]:
    reference = scalar_text(node)
    if reference is None or "{{" in reference or not reference.strip():
        return
    # Imported here: only image references need it, and the registry imports every rule.
    from agentguard.rules.deps.pinning.images import image_problem, substitute

    problem = image_problem(substitute(reference.strip(), {}), require_digest)
    if problem is not None:
        yield Report(
            range=node_range(node), message=problem.message, hint=problem.hint, severity=problem.severity
        )
