"""AG201 sql-injection: the rule, its documentation, and the per-language detectors it runs."""

from __future__ import annotations

from agentguard.rules.lazy_patterns import LazyPattern
from agentguard.rules.model import Confidence, RuleMeta, Severity
from agentguard.rules.rule import LanguageDispatchRule

_PACKAGE = "agentguard.rules.sql"
_DETECTORS = {
    "python": f"{_PACKAGE}.python",
    "javascript": f"{_PACKAGE}.javascript",
    "typescript": f"{_PACKAGE}.javascript",
    "tsx": f"{_PACKAGE}.javascript",
    "go": f"{_PACKAGE}.go",
    "java": f"{_PACKAGE}.java",
}


class SqlInjection(LanguageDispatchRule):
    """## What it does
    Flags a SQL query built from non-constant values (f-string, `%`, `+`, `.format`, template
    literal, `fmt.Sprintf`, `String.format`, `StringBuilder`) that reaches a database execution
    call: DB-API `execute`, SQLAlchemy `text()`, Django `raw()`, pg/mysql `query`, knex `raw`,
    `database/sql` `Query`/`Exec`, JDBC `executeQuery`, Spring `JdbcTemplate` and JPA queries.
    The query may be built earlier in the function, grown with `+=`, chosen in branches, or
    returned by a helper in the same file.

    ## Why is this bad?
    A value spliced into SQL text is parsed as SQL: a quote in the input ends the string and the
    rest runs as the attacker's query (read any table, bypass login, drop data). CWE-89.

    ## Example
        cursor.execute(f"SELECT * FROM orders WHERE customer_id = {customer_id}")

    ## Use instead
        cursor.execute("SELECT * FROM orders WHERE customer_id = %s", (customer_id,))

    Identifiers (table or column names) cannot be parameters: pick them from a fixed allowlist.

    ## References
    CWE-89; OWASP A03:2021 Injection;
    https://cheatsheetseries.owasp.org/cheatsheets/Query_Parameterization_Cheat_Sheet.html
    """

    META = RuleMeta(
        code="AG201",
        name="sql-injection",
        category="sql-injection",
        severity=Severity.HIGH,
        confidence=Confidence.HIGH,
        cwe=(89,),
        languages=tuple(_DETECTORS),
        summary="SQL built from non-constant values reaches a database call",
        owasp=("A03:2021",),
    )
    PREFILTER = LazyPattern(
        r"execute|query|raw|mogrify|text\(|read_sql|extra\(|RawSQL|execute_sql|whereRaw|orderByRaw|"
        r"havingRaw|joinRaw|literal\(|prepare|exec|Exec|Query|Prepare|Raw|Where|createQuery|"
        r"createNativeQuery|nativeSQL|addBatch|update\(|queryFor|fetch|copy_expert|SQL\(|read_database|"
        r"sqlite|pg-promise|unsafe\(|batchUpdate|Select\(|Get\(|Order\(|Having\(|Group\(|Joins\(|"
        r"orderBy\(|having\(|where\(",
    )

    DETECTORS = _DETECTORS
