"""AG305 password-in-connection-string: URLs and DSNs that carry a literal password
(`postgresql://app:s3cret@db/app`, `user:pw@tcp(host)/db`, `jdbc:...;password=...`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from agentguard.rules.document import Document
from agentguard.rules.model import Confidence, Report, RuleMeta, Severity, hash_secret, mask_secret
from agentguard.rules.rule import Context, Rule
from agentguard.rules.secrets.scope import is_ignored_value, is_test_code, lowered
from agentguard.rules.secrets.secret_values import is_secret_value

# scheme://user:password@host; the user and password stop at delimiters that end a literal.
_URL_USERINFO = re.compile(
    r"(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]*)://(?P<user>[^\s:/@'\"`<>{}]*):(?P<password>[^\s@/'\"`<>]+)@(?P<host>[^\s/'\"`@]+)"
)
# Go's MySQL DSN: user:password@tcp(host:3306)/db.
_GO_DSN = re.compile(r"(?P<user>[\w.\-]+):(?P<password>[^\s@/'\"`:]+)@(?:tcp|unix)\(")
# password=... inside a JDBC URL, an ADO.NET or libpq connection string.
_DSN_PARAMETER = re.compile(
    r"(?i)(?:[;?&]|\s(?=.*?\b(?:host|dbname|user)=))(?:password|pwd)=(?P<password>[^;&\s'\"`]+)"
)
_ANCHORS = ("://", "@tcp(", "@unix(", "password=", "pwd=")


def _passwords(line: str) -> Iterator[re.Match[str]]:
    for pattern in (_URL_USERINFO, _GO_DSN):
        for match in pattern.finditer(line):
            if match.group("user") != match.group("password"):
                yield match
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
    skipped.

    ## Why is this bad?
    A connection string is copied into logs, error messages and configuration dumps, and the
    password in it grants direct access to the data store (CWE-798, CWE-259).

    ## Example
        engine = create_engine("postgresql://app:Sup3rS3cret@db.internal:5432/app")

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
        summary="a connection URL or DSN carries a literal password",
        owasp=("A07:2021",),
    )

    def applies_to(self, doc: Document) -> bool:
        """Files with a URL, a Go DSN or a `password=` parameter."""
        return "://" in doc.text or "@tcp(" in doc.text or any(a in lowered(doc.text) for a in _ANCHORS[3:])

    def check(self, ctx: Context) -> Iterable[Report]:
        """Judge each password found in a connection string, outside test code."""
        if is_test_code(ctx):
            return ()
        return self._reports(ctx)

    def _reports(self, ctx: Context) -> Iterator[Report]:
        for number, line in enumerate(ctx.doc.lines, start=1):
            if "@" not in line and "=" not in line:
                continue
            if not any(anchor in line.lower() for anchor in _ANCHORS):
                continue
            for match in _passwords(line):
                password = match.group("password")
                if not is_secret_value(password) or is_ignored_value(ctx, password):
                    continue
                start, end = match.span("password")
                yield Report(
                    range=ctx.doc.line_range(number, start + 1, end + 1),
                    message=f"connection string carries the password `{mask_secret(password)}`",
                    hint="build the URL from an environment variable or a secret store at run time",
                    identity=hash_secret(password),
                )
