"""AG305 password-in-connection-string: URLs and DSNs that carry a literal password
(`postgresql://app:s3cr…@db/app`, `user:pw@tcp(host)/db`, `jdbc:...;password=...`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from urllib.parse import unquote

from agentguard.rules.document import Document
from agentguard.rules.lazy_patterns import LazyPattern
from agentguard.rules.model import Confidence, Report, RuleMeta, Severity, hash_secret, mask_secret
from agentguard.rules.rule import Context, Rule
from agentguard.rules.secrets.scope import (
    candidate_lines,
    is_documentation,
    is_ignored_value,
    is_test_code,
    lowered,
)
from agentguard.rules.secrets.secret_values import is_secret_value

# scheme://user:password@host; the user and password stop at delimiters that end a literal.
_URL_USERINFO = LazyPattern(r"(?P<user>[^\s:/@'\"`<>{}]*):(?P<password>[^\s@/'\"`<>]+)@[^\s/'\"`@]")
# Go's MySQL DSN: user:password@tcp(host:3306)/db.
_GO_DSN = LazyPattern(r"(?P<user>[\w.\-]+):(?P<password>[^\s@/'\"`:]+)@(?:tcp|unix)\(")
# password=... inside a JDBC URL, an ADO.NET or libpq connection string.
_DSN_PARAMETER = LazyPattern(
    r"(?i)(?:[;?&]|\s(?=.*?\b(?:host|dbname|user)=))(?:password|pwd)=(?P<password>[^;&\s'\"`]+)"
)
# What documentation writes where the password goes (`user:secret@`, Oracle's `scott:tiger@`).
_DOCUMENTATION_PASSWORDS = frozenset(
    {"secret", "pass", "password", "passwd", "pwd", "pw", "tiger", "pa55word"}
)
# Oracle's demo user, in countless connection-string examples.
_DOCUMENTATION_USERS = frozenset({"scott"})
_ANCHORS = ("://", "@tcp(", "@unix(", "password=", "pwd=")
_PARAMETER_ANCHORS = ("password=", "Password=", "PASSWORD=", "pwd=", "Pwd=", "PWD=")


def _passwords(line: str) -> Iterator[re.Match[str]]:
    """Password matches on a line: URL userinfo (matched right after each `://`), Go DSNs and
    `password=` parameters. A password equal to its user name is a local default."""
    matches: list[re.Match[str]] = []
    index = line.find("://")
    while index != -1:
        userinfo = _URL_USERINFO.match(line, index + 3)
        if userinfo is not None:
            matches.append(userinfo)
        index = line.find("://", index + 3)
    if "@tcp(" in line or "@unix(" in line:
        matches.extend(_GO_DSN.finditer(line))
    yield from (
        match
        for match in matches
        if match.group("user") != match.group("password") and match.group("user") not in _DOCUMENTATION_USERS
    )
    if "=" in line:
        yield from _DSN_PARAMETER.finditer(line)


class PasswordInConnectionString(Rule):
    """## What it does
    Flags connection URLs and DSNs that carry a literal password, in any file: database, broker
    and cache URLs (`postgresql://`, `mysql://`, `mongodb+srv://`, `amqp://`, `redis://`,
    `https://user:token@host`), Go MySQL DSNs (`user:pw@tcp(host)/db`, e.g. in `sql.Open`),
    JDBC and ADO.NET strings (`;password=...`) and libpq strings (`host=... password=...`).
    Interpolated passwords (`{password}`, `${DB_PASSWORD}`, `%s`), placeholders and a password
    equal to the user name (local defaults such as `guest:guest`) are not reported; test code is
    skipped, and so is prose documentation (`.md`, `.rst`, `.txt`), whose connection strings
    show a format (AG301 and AG302 still report real keys there).

    ## Why is this bad?
    A connection string is copied into logs, error messages and configuration dumps, and the
    password in it grants direct access to the data store (CWE-798, CWE-259).

    ## Example
        engine = create_engine("postgresql://app:Sup3rS3cr…@db.internal:5432/app")

    ## Use instead
        engine = create_engine(os.environ["DATABASE_URL"])

    ## References
    CWE-798, CWE-259; OWASP A07:2021 Identification and Authentication Failures
    """

    META = RuleMeta(
        code="AG305",
        name="password-in-connection-string",
        category="hardcoded-secret",
        severity=Severity.HIGH,
        confidence=Confidence.HIGH,
        cwe=(798, 259),
        languages=("*",),
        summary="A connection URL or DSN carries a literal password",
        owasp=("A07:2021",),
    )

    def applies_to(self, doc: Document) -> bool:
        """Files with a URL, a Go DSN or a `password=` parameter."""
        return "://" in doc.text or "@tcp(" in doc.text or any(a in lowered(doc.text) for a in _ANCHORS[3:])

    def check(self, ctx: Context) -> Iterable[Report]:
        """Judge each password found in a connection string, outside test code."""
        if is_test_code(ctx) or is_documentation(ctx.doc):
            return ()
        return self._reports(ctx)

    def _reports(self, ctx: Context) -> Iterator[Report]:
        text = ctx.doc.text
        lines = dict(candidate_lines(text, _ANCHORS[:3]))
        if "password=" in lowered(text) or "pwd=" in lowered(text):
            lines.update(candidate_lines(text, _PARAMETER_ANCHORS))
        for number, line in sorted(lines.items()):
            for match in _passwords(line):
                password = match.group("password")
                if (
                    password.lower() in _DOCUMENTATION_PASSWORDS
                    or not is_secret_value(unquote(password))
                    or is_ignored_value(ctx, password)
                ):
                    continue
                start, end = match.span("password")
                yield Report(
                    range=ctx.doc.line_range(number, start + 1, end + 1),
                    message=f"connection string carries the password `{mask_secret(password)}`",
                    hint="build the URL from an environment variable or a secret store at run time",
                    identity=hash_secret(password),
                )
