"""Dependency rules: pinning. Its rules and its options (section `deps`)."""

from __future__ import annotations

from typing import Any

from agentguard.rules.deps.pinning.options import LIBRARY, REQUIRE_DIGEST
from agentguard.rules.deps.pinning.piped_install_script import PipedInstallScript
from agentguard.rules.deps.pinning.unpinned_action import UnpinnedAction
from agentguard.rules.deps.pinning.unpinned_base_image import UnpinnedBaseImage
from agentguard.rules.deps.pinning.unpinned_container_image import UnpinnedContainerImage
from agentguard.rules.deps.pinning.unpinned_npm_dependency import UnpinnedNpmDependency
from agentguard.rules.deps.pinning.unpinned_package_install import UnpinnedPackageInstall
from agentguard.rules.deps.pinning.unpinned_python_dependency import UnpinnedPythonDependency
from agentguard.rules.deps.pinning.unpinned_requirement import UnpinnedRequirement
from agentguard.rules.options import Option
from agentguard.rules.rule import Rule

RULES: tuple[type[Rule], ...] = (
    UnpinnedRequirement,
    UnpinnedPythonDependency,
    UnpinnedNpmDependency,
    UnpinnedBaseImage,
    UnpinnedPackageInstall,
    PipedInstallScript,
    UnpinnedAction,
    UnpinnedContainerImage,
)
OPTIONS: tuple[Option[Any], ...] = (LIBRARY, REQUIRE_DIGEST)
