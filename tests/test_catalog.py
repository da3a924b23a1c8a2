"""The catalog stays whole: unique codes and names, documentation, README, docs and hook manifest
in step with the registry."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from agentguard.hooks.main import rules_markdown, rules_table
from agentguard.rules.config import is_known_selector
from agentguard.rules.languages import LINE_COMMENTS
from agentguard.rules.model import CATEGORIES
from agentguard.rules.registry import all_specs
from agentguard.rules.rule import DOC_SECTIONS

ROOT = Path(__file__).parent.parent
CONTRACT_HOOK_IDS = [
    "agentguard",
    "agentguard-cors",
    "agentguard-sql",
    "agentguard-secrets",
    "agentguard-deps",
]


def test_codes_and_names_are_unique_and_well_formed() -> None:
    specs = all_specs()
    codes = [spec.META.code for spec in specs]
    names = [spec.META.name for spec in specs]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    for spec in specs:
        assert re.fullmatch(r"AG\d{3}", spec.META.code)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", spec.META.name)
        assert spec.META.category in CATEGORIES
        assert spec.META.summary and not spec.META.summary.endswith(".")
        assert set(spec.META.languages) <= {*LINE_COMMENTS, "*"}


def test_every_rule_is_documented_in_the_fixed_sections() -> None:
    for spec in all_specs():
        documentation = spec.documentation()
        positions = [documentation.find(section) for section in DOC_SECTIONS]
        assert all(p >= 0 for p in positions), f"{spec.META.code} lacks a section"
        assert positions == sorted(positions), f"{spec.META.code} sections out of order"


def test_readme_rule_table_equals_the_registry() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert rules_table() in readme, "regenerate with `agentguard rules --format markdown`"


def test_docs_rules_page_is_generated_from_the_registry() -> None:
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert page == rules_markdown() + "\n", "run `agentguard rules --format markdown > docs/rules.md`"


def test_pre_commit_hooks_keep_the_contract() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [hook["id"] for hook in hooks] == CONTRACT_HOOK_IDS
    for hook in hooks:
        assert hook["entry"].startswith("agentguard check")
        assert hook["language"] == "python"
        if "--select" in hook["entry"]:
            selectors = hook["entry"].split("--select", 1)[1].split()[0].split(",")
            assert all(is_known_selector(s) for s in selectors)
        if "files" in hook:
            re.compile(hook["files"])


def test_ci_runs_exactly_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- test-command -->\s*```sh\n(.+?)\n```", readme, re.S)
    assert match, "README must show the test command after <!-- test-command -->"
    command = match.group(1).strip()
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
