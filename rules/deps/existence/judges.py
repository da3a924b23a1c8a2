"""The Judge of one manifest's names, built once per FileSource and configuration."""

from __future__ import annotations

import datetime
import weakref
from typing import TYPE_CHECKING, Any

from agentguard.rules.deps.existence.known_names import locked_names
from agentguard.rules.deps.existence.options import (
    ALLOW,
    CACHE_DIR,
    CACHE_TTL_HOURS,
    NEW_PACKAGE_DAYS,
    NPM_URL,
    ONLINE,
    PYPI_URL,
)
from agentguard.rules.deps.existence.package_index import canonical_name
from agentguard.rules.deps.existence.verdicts import Judge, OnlineSettings

if TYPE_CHECKING:
    from pathlib import Path

    from agentguard.rules.rule import Context

# Judges per FileSource: the lock files of a project are looked for once, not once per file.
_JUDGES: weakref.WeakKeyDictionary[Any, dict[tuple[Any, ...], Judge]] = weakref.WeakKeyDictionary()


def judge_for(ctx: Context, ecosystem: str, manifest: Path) -> Judge:
    """The judge of `ecosystem` names declared in `manifest`, with the file's options."""
    allowed = frozenset(canonical_name(name, ecosystem) for name in ctx.config.get(ALLOW))
    online = _online_settings(ctx)
    key = (ecosystem, manifest, allowed, online)
    try:
        judges = _JUDGES.setdefault(ctx.files, {})
    except TypeError:  # a FileSource that cannot be weakly referenced: no memory
        judges = {}
    if key not in judges:
        judges[key] = Judge(
            ecosystem, manifest, allowed, locked_names(manifest, ecosystem, ctx.files), ctx.files, online
        )
    return judges[key]


def _online_settings(ctx: Context) -> OnlineSettings | None:
    config = ctx.config
    if not config.get(ONLINE):
        return None
    from agentguard.rules.deps.existence.registry_client import AnswerCache, default_cache_directory

    directory = config.get(CACHE_DIR)
    cache_directory = config.root / directory if directory else default_cache_directory()
    return OnlineSettings(
        pypi_url=config.get(PYPI_URL),
        npm_url=config.get(NPM_URL),
        cache=AnswerCache(cache_directory, config.get(CACHE_TTL_HOURS) * 3600.0),
        new_package_days=config.get(NEW_PACKAGE_DAYS),
        today=datetime.datetime.now(datetime.timezone.utc).date(),
    )
