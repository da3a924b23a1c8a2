"""AG302 hardcoded-private-key: PEM, OpenSSH, PGP and PuTTY private key blocks with key material."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from agentguard.rules.document import Document
from agentguard.rules.lazy_patterns import LazyPattern
from agentguard.rules.model import Confidence, Report, RuleMeta, Severity, hash_secret
from agentguard.rules.rule import Context, Rule
from agentguard.rules.secrets import detect_secrets_adapter

_HEADER = LazyPattern(r"BEGIN (?:([A-Z0-9 ]+?) )?PRIVATE KEY(?: BLOCK)?|PuTTY-User-Key-File-\d")
# Base64 key material: a header followed by this within a few lines is a real key, a header alone
# is code that looks for keys (`if "BEGIN RSA PRIVATE KEY" in pem:`).
_MATERIAL = LazyPattern(r"[A-Za-z0-9+/]{40,}")
_MATERIAL_WINDOW = 400


class HardcodedPrivateKey(Rule):
    """## What it does
    Flags private key blocks (`-----BEGIN RSA PRIVATE KEY-----`, OpenSSH, EC, DSA, PKCS#8, PGP,
    PuTTY) that carry key material, in any text file, test code included. A header with no
    material after it (code that checks for a header, a documentation stub) is not reported.

    ## Why is this bad?
    Whoever holds the private key can impersonate the server, sign tokens or decrypt traffic.
    A key in the repository is in every clone and in history forever (CWE-321).

    ## Example
        SIGNING_KEY = \"\"\"-----BEGIN RSA PRIVATE KEY-----
        MIIEowIBAAKCAQEA...\"\"\"

    ## Use instead
        SIGNING_KEY = Path(os.environ["SIGNING_KEY_FILE"]).read_text()

    Generate a new key pair: the committed one must be treated as leaked.

    ## References
    CWE-321, CWE-798; OWASP A02:2021 Cryptographic Failures
    """

    META = RuleMeta(
        code="AG302",
        name="hardcoded-private-key",
        category="hardcoded-secret",
        severity=Severity.CRITICAL,
        confidence=Confidence.HIGH,
        cwe=(321, 798),
        languages=("*",),
        summary="A private key block is written into the file",
        owasp=("A02:2021",),
    )

    def applies_to(self, doc: Document) -> bool:
        """Only files with a private-key header."""
        return "PRIVATE KEY" in doc.text or "PuTTY-User-Key-File" in doc.text

    def check(self, ctx: Context) -> Iterable[Report]:
        """Report each header that detect-secrets recognises and key material follows."""
        return self._reports(ctx.doc)

    def _reports(self, doc: Document) -> Iterator[Report]:
        for header in _HEADER.finditer(doc.text):
            line_start = doc.text.rfind("\n", 0, header.start()) + 1
            line_end = doc.text.find("\n", header.end())
            line = doc.text[line_start : line_end if line_end != -1 else len(doc.text)]
            if not detect_secrets_adapter.is_private_key_header(line):
                continue
            window = doc.text[header.end() : header.end() + _MATERIAL_WINDOW].replace("\\n", "\n")
            material = _MATERIAL.search(window)
            if material is None:
                continue
            kind = (header.group(1) or "").strip()
            label = f"{kind} private key" if kind else "private key"
            yield Report(
                range=doc.text_range(header.start(), header.end()),
                message=f"{label} block is hardcoded",
                hint="move the key out of the repository (a secret store or a file outside it) and rotate it",
                identity=hash_secret(material.group()),
            )
