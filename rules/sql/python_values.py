"""The abstract values the Python SQL flow analysis computes: is this text safe to run as SQL?

Three kinds, ordered: SAFE (a constant, or a value that cannot change the query's meaning: an
int by construction, an identifier from a fixed allowlist, a psycopg `sql` object), OPAQUE (a
value we know nothing about: a parameter, a call result; passing it whole to a driver is not
building SQL) and BUILT (text assembled from OPAQUE values: the flaw, once it reaches a sink).
Joining two values keeps the worse kind, so a query built in any branch stays BUILT.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, replace

# SQL text that ends where an identifier must follow: a value spliced here is a table or column.
IDENTIFIER_KEYWORD_BEFORE = re.compile(
    r"(?is)\b(?:from|into|update|join|table|exists|order\s+by|group\s+by|partition\s+by|"
    r"alter\s+column|column|index|on\s+conflict\s*\(|returning|distinct)\s*[\"`\[(]?\s*$|"
    r"\b(?:select|by)\s+(?:[\w.]+\s*,\s*)*[\"`\[]?$|\.[\"`\[]?$|(?:asc|desc)\s*,\s*$"
)
# Names that say a value is an identifier or a sort direction (`sort_by`, `table_name`, `cols`).
IDENTIFIER_NAME = re.compile(
    r"(?i)(?:^|_)(?:cols?|columns?|tables?|tbl|sort|sort_?by|order_?by|sort_?field|sort_?key|"
    r"sort_?order|sort_?column|direction|dir|schema|identifier|ident|field_?name|field)$|column|table_?name"
)


class Kind(enum.IntEnum):
    """How much a value can change the SQL it is spliced into (ordered: joins keep the max)."""

    SAFE = 0
    OPAQUE = 1
    BUILT = 2


class _Unknown:
    """The marker for a value whose exact constant is not known."""

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: object = _Unknown()


@dataclass(frozen=True, slots=True)
class Value:
    """What the analysis knows about one expression's value.

    `constant` is the exact Python value when known (used to decide conditions such as
    `if 7 * 42 - num > 200`); `origin` names the opaque value that flowed in; `shape` says how
    text was assembled ("an f-string"); `identifier` marks an opaque value spliced where SQL
    expects a table or column name. Collections keep the join of their items in `element` and,
    for dicts with constant keys, each entry; tuples written out keep each item in `parts`, so
    `query, params = build()` unpacks them apart. `driver` marks a database handle and says which
    driver made it ("sqlite3", "asyncpg", ...; "" when not a handle, "db" when unknown).
    `parameter` marks the untouched parameter of a function that is no request handler: its
    callers decide what it holds, so a generic helper's `text(sql)` is not taken for request data.
    """

    kind: Kind
    constant: object = UNKNOWN
    origin: str = ""
    shape: str = ""
    identifier: bool = False
    element: Value | None = None
    entries: tuple[tuple[object, Value], ...] | None = None
    driver: str = ""
    composable: bool = False
    parts: tuple[Value, ...] | None = None
    parameter: bool = False

    def named(self, origin: str) -> Value:
        """The same value, named after the expression it was read from (cheaper than `replace`)."""
        if origin == self.origin:
            return self
        return Value(
            self.kind,
            self.constant,
            origin,
            self.shape,
            self.identifier,
            self.element,
            self.entries,
            self.driver,
            self.composable,
            self.parts,
            self.parameter,
        )

    @property
    def known(self) -> bool:
        """Whether the exact constant is known."""
        return self.constant is not UNKNOWN

    def items(self) -> Value:
        """The value of an item taken from this collection (itself when not a collection)."""
        if self.entries is not None and self.entries:
            values = [entry for _, entry in self.entries]
            return join_all(values)
        if self.element is not None:
            return self.element
        if isinstance(self.constant, (str, tuple, list, frozenset)):
            return SAFE
        return OPAQUE if self.kind == Kind.OPAQUE else replace(self, constant=UNKNOWN)


SAFE = Value(Kind.SAFE)
OPAQUE = Value(Kind.OPAQUE)


def constant(value: object) -> Value:
    """A SAFE value whose exact constant is known."""
    return Value(Kind.SAFE, constant=value)


def opaque(origin: str) -> Value:
    """An unknown value, named by the source text it came from."""
    return Value(Kind.OPAQUE, origin=origin)


def database(driver: str) -> Value:
    """A database handle (connection, cursor, session, pool) from `driver`."""
    return Value(Kind.OPAQUE, driver=driver)


def collection(items: list[Value], keys: list[object] | None = None, *, ordered: bool = False) -> Value:
    """A list, tuple, set or dict; `keys` (for dicts) are the constant keys, if all are known.

    `ordered` keeps each item apart (`parts`), for tuples that will be unpacked.
    """
    element = join_all(items) if items else SAFE
    entries = tuple(zip(keys, items, strict=True)) if keys is not None else None
    parts = tuple(items) if ordered else None
    return Value(element.kind, element=element, entries=entries, parts=parts)


def join(first: Value | None, second: Value | None) -> Value:
    """The value that may be either (the worse kind; facts kept only when both agree)."""
    if first is None or first is second:
        return second or OPAQUE
    if second is None:
        return first
    worse, other = (first, second) if first.kind >= second.kind else (second, first)
    return Value(
        worse.kind,
        constant=first.constant if _same_constant(first, second) else UNKNOWN,
        origin=worse.origin or other.origin,
        shape=worse.shape or other.shape,
        identifier=first.identifier or second.identifier,
        element=_join_elements(first, second),
        entries=_join_entries(first.entries, second.entries),
        driver=first.driver or second.driver,
        composable=first.composable and second.composable,
        parts=_join_parts(first.parts, second.parts),
        parameter=_join_parameter(first, second),
    )


def join_all(values: list[Value]) -> Value:
    """The join of several values (SAFE for none)."""
    result: Value | None = None
    for value in values:
        result = join(result, value)
    return result or SAFE


def spliced(pieces: list[tuple[Value, str]], shape: str) -> Value:
    """The text made by splicing `pieces` into constant SQL, each with the SQL text before it.

    Any OPAQUE piece makes the text BUILT (named after that piece); BUILT pieces stay BUILT.
    """
    built: list[Value] = []
    for piece, before in pieces:
        if piece.kind == Kind.OPAQUE:
            identifier = bool(
                IDENTIFIER_KEYWORD_BEFORE.search(before) or IDENTIFIER_NAME.search(_last_name(piece.origin))
            )
            built.append(Value(Kind.BUILT, origin=piece.origin, shape=shape, identifier=identifier))
        elif piece.kind == Kind.BUILT:
            built.append(piece)
    if not built:
        return SAFE
    return Value(
        Kind.BUILT,
        origin=built[0].origin,
        shape=built[0].shape,
        identifier=any(piece.identifier for piece in built),
    )


def _last_name(origin: str) -> str:
    return origin.rsplit(".", 1)[-1].strip("()[]'\" ")


def _same_constant(first: Value, second: Value) -> bool:
    if not (first.known and second.known):
        return False
    try:
        return type(first.constant) is type(second.constant) and bool(first.constant == second.constant)
    except Exception:  # an exotic constant's __eq__; treat as different
        return False


def _join_parameter(first: Value, second: Value) -> bool:
    """Still just a parameter when every non-constant side is one (`sort or "name"`)."""
    sides = [side for side in (first, second) if side.kind != Kind.SAFE]
    return bool(sides) and all(side.parameter for side in sides)


def _join_elements(first: Value, second: Value) -> Value | None:
    """The items of a value that may be either: a side that is no collection contributes what
    taking an item of it gives (`event.get("q") or {}` holds opaque items, not none)."""
    if first.element is None and second.element is None:
        return None
    return join(
        first.items() if first.element is None else first.element,
        second.items() if second.element is None else second.element,
    )


def _join_parts(
    first: tuple[Value, ...] | None, second: tuple[Value, ...] | None
) -> tuple[Value, ...] | None:
    if first is None or second is None or len(first) != len(second):
        return None
    return tuple(join(a, b) for a, b in zip(first, second, strict=True))


def _join_entries(
    first: tuple[tuple[object, Value], ...] | None, second: tuple[tuple[object, Value], ...] | None
) -> tuple[tuple[object, Value], ...] | None:
    if first is None or second is None:
        return None
    merged: dict[object, Value] = dict(first)
    for key, value in second:
        merged[key] = join(merged.get(key), value)
    return tuple(merged.items())
