"""AG306 hardcoded-authorization-header: `Authorization: Bearer <literal>` (and `Basic`, `Token`)
headers written with the credential in them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from agentguard.rules.document import Document
from agentguard.rules.lazy_patterns import LazyPattern
from agentguard.rules.model import Confidence, Report, RuleMeta, Severity, hash_secret, mask_secret
from agentguard.rules.rule import Context, Rule
from agentguard.rules.secrets.provider_secrets import find_provider_secrets
from agentguard.rules.secrets.scope import (
    candidate_lines,
    is_documentation,
    is_ignored_value,
    is_test_code,
)
from agentguard.rules.secrets.secret_values import is_secret_value

_SCHEME_AND_CREDENTIAL = LazyPattern(
    r"\b(?P<scheme>Bearer|Basic|Token)\s+(?P<credential>[A-Za-z0-9\-._~+/]{16,}=*)(?![\w{$%…])"
)
# The scheme opens a string literal (`"Bearer abc..."`) or the line talks about Authorization.
_SCHEMES = ("Bearer ", "Basic ", "Token ")
_IN_LITERAL = LazyPattern(r"[\"'`](?:Bearer|Basic|Token)\s")


class HardcodedAuthorizationHeader(Rule):
    """## What it does
    Flags `Authorization` header values written with the credential in them:
    `{"Authorization": "Bearer 9f8e..."}`, `-H "Authorization: Basic dXNlcjpw..."`,
    `req.Header.Set("Authorization", "Token ...")`, in any file outside test code and prose
    documentation (`.md`, `.rst`, `.txt`, where headers show a format). Interpolated
    credentials (`f"Bearer {token}"`, `` `Bearer ${token}` ``, `"Bearer " + token`) and
    placeholders are not reported; JSON Web Tokens are reported by AG301 instead.

    ## Why is this bad?
    The header value *is* the credential: anyone who reads the code can call the API as its
    owner until the token is revoked (CWE-798).

    ## Example
        headers = {"Authorization": "Bearer 0d1e2f3a4b5c6d7e…"}

    ## Use instead
        headers = {"Authorization": f"Bearer {os.environ['API_TOKEN']}"}

    ## References
    CWE-798; OWASP A07:2021 Identification and Authentication Failures
    """

    META = RuleMeta(
        code="AG306",
        name="hardcoded-authorization-header",
        category="hardcoded-secret",
        severity=Severity.HIGH,
        confidence=Confidence.MEDIUM,
        cwe=(798,),
        languages=("*",),
        summary="An Authorization header is written with its token or password",
        owasp=("A07:2021",),
    )

    def applies_to(self, doc: Document) -> bool:
        """Files that mention a Bearer, Basic or Token credential."""
        return any(scheme in doc.text for scheme in _SCHEMES)

    def check(self, ctx: Context) -> Iterable[Report]:
        """Judge each literal credential after an authorization scheme, outside test code."""
        if is_test_code(ctx) or is_documentation(ctx.doc):
            return ()
        return self._reports(ctx)

    def _reports(self, ctx: Context) -> Iterator[Report]:
        for number, line in candidate_lines(ctx.doc.text, _SCHEMES):
            if "authorization" not in line.lower() and _IN_LITERAL.search(line) is None:
                continue
            for match in _SCHEME_AND_CREDENTIAL.finditer(line):
                credential = match.group("credential")
                if not _is_literal_credential(ctx, credential):
                    continue
                start, end = match.span("credential")
                yield Report(
                    range=ctx.doc.line_range(number, start + 1, end + 1),
                    message=f"{match.group('scheme')} credential `{mask_secret(credential)}` is hardcoded in an Authorization header",
                    hint="build the header from a token read at run time (environment, secret store)",
                    identity=hash_secret(credential),
                )


def _is_literal_credential(ctx: Context, credential: str) -> bool:
    if is_ignored_value(ctx, credential) or find_provider_secrets(credential):
        return False
    mixed = any(c.isdigit() for c in credential) or (credential.lower() != credential != credential.upper())
    return is_secret_value(credential) and mixed
