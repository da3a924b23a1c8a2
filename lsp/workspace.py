"""Which configuration applies to an open file, and which files changing means re-checking.

Configuration is discovered exactly as the CLI does (`ConfigLoader`, nearest file walking up),
with one loader per workspace folder; files outside every folder get a loader of their own.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from agentguard.lsp.settings import Settings
from agentguard.rules.config import CONFIG_FILES, Config, ConfigLoader
from agentguard.rules.registry import all_options

# Files that cross-file rules read (dependency declarations and lock files).
_MANIFEST = re.compile(
    r"^(pyproject\.toml|setup\.cfg|setup\.py|Pipfile(\.lock)?|poetry\.lock|uv\.lock|pdm\.lock"
    r"|package(-lock)?\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|go\.(mod|sum)"
    r"|pom\.xml|build\.gradle(\.kts)?|gradle\.lockfile"
    r"|.*requirements.*\.(txt|in)|constraints.*\.txt)$",
    re.IGNORECASE,
)

# Glob patterns for `workspace/didChangeWatchedFiles`: configuration files and manifests.
WATCHED_GLOBS = (
    "**/{agentguard.toml,.agentguard.toml,pyproject.toml,setup.cfg,setup.py}",
    "**/{Pipfile,Pipfile.lock,poetry.lock,uv.lock,pdm.lock}",
    "**/{package.json,package-lock.json,npm-shrinkwrap.json,yarn.lock,pnpm-lock.yaml}",
    "**/{go.mod,go.sum,pom.xml,build.gradle,build.gradle.kts,gradle.lockfile}",
    "**/*requirements*.{txt,in}",
    "**/constraints*.txt",
)


def is_config_file(path: Path) -> bool:
    """Whether `path` may hold agentguard configuration."""
    return path.name in CONFIG_FILES


def is_manifest(path: Path) -> bool:
    """Whether `path` declares dependencies that cross-file rules read."""
    return _MANIFEST.match(path.name) is not None


class ProjectConfigs:
    """Configuration per open file, cached until a configuration file changes."""

    def __init__(self) -> None:
        self.folders: list[Path] = []
        self._loaders: dict[Path, ConfigLoader] = {}
        self._modified: dict[Path, float] = {}

    def reload(self) -> None:
        """Forget every parsed configuration (a configuration file changed)."""
        self._loaders.clear()
        self._modified.clear()

    def for_path(self, path: Path, settings: Settings) -> Config:
        """The file's configuration with the editor's settings applied; raises ConfigError."""
        config = self._loader(path).for_path(path)
        if config.source is not None and self._stale(config.source):
            # Edited behind our back, by a client that neither watches files nor saves it here.
            self.reload()
            config = self._loader(path).for_path(path)
        config = config.with_overrides(settings.select, settings.ignored)
        return _with_online_setting(config, settings.online)

    def _loader(self, path: Path) -> ConfigLoader:
        root = self._folder_of(path)
        loader = self._loaders.get(root)
        if loader is None:
            loader = self._loaders[root] = ConfigLoader(default_root=_project_root(root))
        return loader

    def _stale(self, source: Path) -> bool:
        try:
            modified = source.stat().st_mtime
        except OSError:
            return True
        return self._modified.setdefault(source, modified) != modified

    def _folder_of(self, path: Path) -> Path:
        containing = [folder for folder in self.folders if folder == path or folder in path.parents]
        return max(containing, key=lambda folder: len(folder.parts), default=path.parent)


def _project_root(folder: Path) -> Path:
    """Where fingerprints are relative to without a configuration file: as the CLI, the
    enclosing git work tree, else the workspace folder."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return folder


def _with_online_setting(config: Config, online: bool) -> Config:
    """Online checks stay off in the editor unless its settings turn them on: then the
    project's configuration decides, as for the CLI."""
    if online:
        return config
    forced = {option.qualified_key: False for option in all_options() if option.key == "online"}
    if not forced:
        return config
    return dataclasses.replace(config, options={**config.options, **forced})
