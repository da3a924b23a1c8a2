"""The `agentguard` command: check, rules, rule, baseline and server."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from agentguard.rules.model import Severity

if TYPE_CHECKING:
    from agentguard.hooks.runner import Selection


def package_version() -> str:
    """The installed distribution's version (importlib.metadata is imported only when needed)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("agentguard")
    except PackageNotFoundError:  # pragma: no cover - running from an uninstalled tree
        return "0+unknown"


def _selectors(values: list[str] | None) -> tuple[str, ...] | None:
    if values is None:
        return None
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's help layout at the width argparse would pick, found without `shutil`: argparse
    builds a formatter for every `add_argument`, and its default imports shutil (with zlib, bz2
    and lzma), a noticeable share of a one-file check's start-up."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_terminal_columns() - 2)


def _terminal_columns() -> int:
    """`shutil.get_terminal_size().columns`: COLUMNS, else the terminal's width, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    stdout = sys.__stdout__
    try:
        return (os.get_terminal_size(stdout.fileno()).columns if stdout else 0) or 80
    except (ValueError, OSError):  # stdout closed, detached or not a terminal
        return 80


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser (the main one and each command's) that lays help out with _HelpFormatter."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(formatter_class=_HelpFormatter, **kwargs)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="agentguard", description="Catch the security flaws AI coding assistants write most often."
    )
    parser.add_argument("--version", action="store_true", help="show the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    check = commands.add_parser("check", help="check files and directories (default: the current directory)")
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    _add_selection(check)
    check.add_argument("--format", choices=("text", "json", "sarif", "github"), default="text")
    check.add_argument("--stdin-filename", metavar="NAME", help="check standard input as if it were NAME")
    check.add_argument(
        "--jobs", type=int, metavar="N", help="worker processes for large runs (default: CPUs)"
    )
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings fail the run")
    check.add_argument(
        "--baseline", type=Path, metavar="FILE", help="report only findings this baseline file does not list"
    )
    check.add_argument(
        "--online",
        action="store_true",
        help="ask the package registry about unknown dependency names (sends package names only)",
    )

    baseline = commands.add_parser("baseline", help="accept today's findings: write them to a baseline file")
    baseline.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    _add_selection(baseline)
    baseline.add_argument(
        "--output",
        type=Path,
        default=Path(".agentguard-baseline.json"),
        metavar="FILE",
        help="the baseline file to write (default: .agentguard-baseline.json)",
    )
    baseline.add_argument(
        "--prune", action="store_true", help="only drop entries that no longer occur; add nothing new"
    )

    rules = commands.add_parser("rules", help="list every rule")
    rules.add_argument("--format", choices=("text", "json", "markdown"), default="text")

    rule = commands.add_parser("rule", help="show one rule's documentation")
    rule.add_argument("name", metavar="NAME", help="a rule code or name, e.g. AG101 or permissive-cors")

    commands.add_parser("server", help="run the language server over standard input and output")
    return parser


def _add_selection(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--select",
        action="append",
        metavar="RULES",
        help="only these rules: codes, code prefixes, names or categories, comma-separated",
    )
    parser.add_argument(
        "--ignore", action="append", metavar="RULES", help="skip these rules (added to config)"
    )
    parser.add_argument(
        "--fail-on", choices=[s.label for s in Severity], help="lowest severity that fails the run"
    )
    parser.add_argument("--config", type=Path, metavar="FILE", help="use this configuration file only")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 clean, 1 findings, 2 error)."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.version:
            print(f"agentguard {package_version()}")
            return 0
        if args.command == "check":
            return _check(args)
        if args.command == "baseline":
            from agentguard.hooks.baseline import write_baseline

            return write_baseline(args, _selection(args))
        if args.command == "rules":
            return _rules(args.format)
        if args.command == "rule":
            return _rule(args.name)
        if args.command == "server":
            from agentguard.lsp.server import serve

            status: int = serve()
            return status
        parser.print_help()
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`| head`): not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:
        if os.environ.get("AGENTGUARD_DEBUG"):
            raise
        print(
            f"agentguard: internal error: {type(error).__name__}: {error} "
            "(set AGENTGUARD_DEBUG=1 for a traceback)",
            file=sys.stderr,
        )
        return 2


def _selection(args: argparse.Namespace) -> Selection:
    """The rules, failing severity, configuration file and option overrides the command line gave."""
    from agentguard.hooks.runner import Selection
    from agentguard.rules.deps.existence.options import ONLINE

    return Selection(
        select=_selectors(args.select),
        ignore=_selectors(args.ignore) or (),
        fail_on=Severity.parse(args.fail_on) if args.fail_on else None,
        config_file=args.config,
        options=((ONLINE.qualified_key, True),) if getattr(args, "online", False) else (),
    )


def _check(args: argparse.Namespace) -> int:
    from agentguard.hooks.reporters import RENDERERS
    from agentguard.hooks.runner import FileChecker, RunResult, run_paths
    from agentguard.rules.config import is_known_selector

    selection = _selection(args)
    unknown = [s for s in (*(selection.select or ()), *selection.ignore) if not is_known_selector(s)]
    if unknown:
        print(f"agentguard: unknown rule `{unknown[0]}` (see `agentguard rules`)", file=sys.stderr)
        return 2
    if args.config is not None and not args.config.is_file():
        print(f"agentguard: {args.config}: configuration file not found", file=sys.stderr)
        return 2
    baseline = None
    if args.baseline is not None:
        # Imported only with --baseline: most runs have none, and it brings tempfile and json.
        from agentguard.hooks.baseline import load as load_baseline
        from agentguard.rules.baseline import BaselineError

        try:
            baseline = load_baseline(args.baseline)
        except BaselineError as error:
            print(f"agentguard: {error}", file=sys.stderr)
            return 2
    if args.stdin_filename:
        result = RunResult()
        result.add(FileChecker(selection).check_named_bytes(args.stdin_filename, sys.stdin.buffer.read()))
    else:
        result = run_paths(args.paths or [Path()], selection, args.jobs)
    if baseline is not None:
        from agentguard.hooks.baseline import without_baselined

        result = without_baselined(result, baseline, selection)
    # Only the machine formats carry the version; reading it costs a third of a small run's start-up.
    version = package_version() if args.format in {"json", "sarif"} else ""
    sys.stdout.write(RENDERERS[args.format](result, version))
    sys.stdout.flush()
    if result.errors:
        return 2
    return 1 if result.failing and not args.exit_zero else 0


def _rules(output_format: str) -> int:
    from agentguard.rules.registry import all_specs, docs_url

    specs = all_specs()
    if output_format == "json":
        import json  # only this listing and the json/sarif reporters write JSON

        rows = [
            {
                "code": s.META.code,
                "name": s.META.name,
                "category": s.META.category,
                "severity": s.META.severity.label,
                "confidence": s.META.confidence.label,
                "cwe": [f"CWE-{c}" for c in s.META.cwe],
                "languages": list(s.META.languages),
                "summary": s.META.summary,
                "url": docs_url(s.META.code, s.META.name),
            }
            for s in specs
        ]
        print(json.dumps(rows, indent=2))
    elif output_format == "markdown":
        print(rules_markdown())
    else:
        for s in specs:
            print(
                f"{s.META.code}  {s.META.name:<40} {s.META.category:<22} {s.META.severity.label:<8} {s.META.summary}"
            )
    return 0


def rules_table() -> str:
    """The README's rule table, generated from the registry."""
    from agentguard.rules.registry import all_specs

    rows = [
        "| code | name | category | severity | languages | what it reports |",
        "|---|---|---|---|---|---|",
    ]
    for s in all_specs():
        languages = ", ".join(s.META.languages).replace("*", "any")
        rows.append(
            f"| {s.META.code} | `{s.META.name}` | {s.META.category} | {s.META.severity.label} "
            f"| {languages} | {s.META.summary} |"
        )
    return "\n".join(rows)


def rules_markdown() -> str:
    """docs/rules.md: the table, then every rule's documentation."""
    from agentguard.rules.registry import all_specs

    parts = [
        "# agentguard rules",
        "",
        "Generated by `agentguard rules --format markdown`; do not edit.",
        "",
        rules_table(),
        "",
    ]
    for s in all_specs():
        cwe = ", ".join(f"CWE-{c}" for c in s.META.cwe) or "none"
        parts += [
            f"## {s.META.code} {s.META.name}",
            "",
            f"Category `{s.META.category}`, severity {s.META.severity.label}, "
            f"confidence {s.META.confidence.label}, {cwe}.",
            "",
            s.documentation().replace("## ", "### "),
            "",
        ]
    return "\n".join(parts)


def _rule(name: str) -> int:
    from agentguard.rules.registry import docs_url, find_spec

    spec = find_spec(name)
    if spec is None:
        print(f"agentguard: no rule `{name}` (see `agentguard rules`)", file=sys.stderr)
        return 2
    meta = spec.META
    cwe = ", ".join(f"CWE-{c}" for c in meta.cwe) or "none"
    print(f"{meta.code} {meta.name}")
    print(
        f"category: {meta.category}   severity: {meta.severity.label}   confidence: "
        f"{meta.confidence.label}   {cwe}"
    )
    print(f"languages: {', '.join(meta.languages)}")
    print(f"docs: {docs_url(meta.code, meta.name)}")
    print()
    print(spec.documentation())
    return 0
