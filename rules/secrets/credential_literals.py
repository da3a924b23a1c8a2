"""AG303 hardcoded-credential: string literals that code puts into credential-named variables,
attributes, keys and parameters, or into the credential parameter of a known call."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from agentguard.rules.document import Document
from agentguard.rules.model import Confidence, Report, RuleMeta, Severity, hash_secret, mask_secret
from agentguard.rules.rule import Context, Rule
from agentguard.rules.secrets.code_sites import QUERIES, CredentialSite, find_sites
from agentguard.rules.secrets.provider_secrets import is_provider_secret
from agentguard.rules.secrets.scope import is_ignored_value, is_test_code, may_hold_credential_literal
from agentguard.rules.secrets.secret_values import credential_kind, is_secret_value


class HardcodedCredential(Rule):
    """## What it does
    Flags string literals that code puts into a credential: assigned to a variable, attribute,
    field, dictionary or object key named like one (`password`, `db_pass`, `SECRET_KEY`,
    `apiKey`, `client_secret`, `signingKey`, ...), passed as such a keyword argument or setter
    (`password=`, `setPassword(...)`), used as a parameter default (`def connect(password="...")`),
    as the fallback of an environment look-up (`os.environ.get("SECRET_KEY", "...")`,
    `process.env.JWT_SECRET || "..."`), as a Spring `@Value("${jwt.secret:...}")` default, or as
    the key of a known call (`jwt.encode(payload, "...")`, `jwt.sign(payload, "...")`,
    `hmac.new(b"...")`, `smtp.login(user, "...")`, `DriverManager.getConnection(url, user, "...")`,
    `Algorithm.HMAC256("...")`, `token.SignedString([]byte("..."))`), or the bot token of
    discord.py's `client.run("...")` and discord.js's `client.login("...")` (also through a
    module constant: `bot.run(TOKEN)`). A name holding a `user:password` pair (`BASIC_AUTH`,
    `DB_CREDENTIALS`) is reported when its value has that shape with a real password.
    Placeholders (`changeme`, `<your-api-key>`, `${VAR}`, `sk_test_your_key_here`), names
    (`TOKEN_TYPE = "Bearer"`, `PASSWORD_FIELD = "password"`, `"prod/db-credentials"`,
    `TOKEN_STORAGE_KEY = "dashboard.accessToken"`, `"x-api-key"`), references (URLs, file paths) and
    values read at run time are not reported, and test code is skipped (its credentials are
    fixtures). A name that only says `key` (`stripe_key`) needs a random-looking value.

    ## Why is this bad?
    A password or signing key in source code is shared with everyone who can read the code and
    cannot be rotated without a release; a known JWT or session secret lets anyone forge
    sessions (CWE-798, CWE-259, CWE-321).

    ## Example
        app.config["SECRET_KEY"] = "super-secret-key-123"
        token = jwt.encode(claims, "my-jwt-secret", algorithm="HS256")

    ## Use instead
        app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
        token = jwt.encode(claims, settings.jwt_secret, algorithm="HS256")

    ## References
    CWE-798, CWE-259, CWE-321; OWASP A07:2021 Identification and Authentication Failures
    """

    META = RuleMeta(
        code="AG303",
        name="hardcoded-credential",
        category="hardcoded-secret",
        severity=Severity.HIGH,
        confidence=Confidence.MEDIUM,
        cwe=(798, 259, 321),
        languages=tuple(QUERIES),
        summary="A password, secret or key is a string literal in code",
        owasp=("A07:2021",),
    )

    def applies_to(self, doc: Document) -> bool:
        """Code in a parsed language that names a credential somewhere."""
        return doc.language in QUERIES and may_hold_credential_literal(doc.text, doc.language)

    def check(self, ctx: Context) -> Iterable[Report]:
        """Judge every credential site the queries find, outside test code."""
        if is_test_code(ctx):
            return ()
        return self._reports(ctx)

    def _reports(self, ctx: Context) -> Iterator[Report]:
        seen: set[tuple[int, int]] = set()
        for site in find_sites(ctx.doc):
            span = (site.node.start_byte, site.node.end_byte)
            if span in seen or not _is_secret(ctx, site):
                continue
            seen.add(span)
            target = f" `{site.name}`" if site.name is not None else ""
            yield Report(
                range=ctx.doc.range_of(site.node),
                message=f"hardcoded credential `{mask_secret(site.value)}` {site.how}{target}",
                hint="read it from the environment or a secret manager at run time, and rotate it",
                identity=hash_secret(site.value),
            )


def _is_secret(ctx: Context, site: CredentialSite) -> bool:
    if is_ignored_value(ctx, site.value):
        return False
    if site.name is None:
        judged = is_secret_value(site.value, kind=site.kind)
    else:
        kind = credential_kind(site.name)
        judged = kind is not None and is_secret_value(site.value, site.name, kind=kind)
    return judged and not is_provider_secret(ctx.doc.lines[site.node.start_point.row], site.value)
