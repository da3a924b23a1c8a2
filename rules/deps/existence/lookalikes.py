"""Does an unknown package name look like a popular one? Typos, separator and affix variants,
swapped parts and glued names, each checked against the popular-name index.

Real but less common packages must not be called typos, so edit-distance matches only count
against names far up the popularity ranking, and edits that only change version digits
(`pyqt4` / `pyqt5`) do not count at all.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from agentguard.rules.deps.existence.package_index import PackageIndex, package_index

# Edit-distance look-alikes only count against names at least this popular (1 = most popular);
# measured on the index's own tail (see tests/test_lookalikes.py).
TARGET_MAX_RANK = {"pypi": 3000, "npm": 3000}
MIN_EDIT_LENGTH = 5
TWO_EDITS_MIN_LENGTH = 10
_SEPARATORS = re.compile(r"[-_.]+")
_DIGITS = re.compile(r"\d+")
_AFFIXES = {
    "pypi": ("python-", "python3-", "py-", "py3-", "-python", "-python3", "-py", "-py3"),
    "npm": ("node-", "nodejs-", "js-", "-js", ".js", "-node", "-nodejs"),
}


@dataclass(frozen=True)
class Lookalike:
    """The popular package an unknown name resembles, and how it resembles it."""

    target: str
    resemblance: str
    likely: str = "a typo, or a typosquat"

    def describe(self, name: str) -> str:
        """`reqeusts` is not a known package but is one letter away from the popular
        `requests`: a typo, or a typosquat."""
        return f"`{name}` is not a known package but {self.resemblance}: {self.likely}"


@functools.lru_cache(maxsize=4096)
def find_lookalike(name: str, ecosystem: str) -> Lookalike | None:
    """The popular package that `name` (canonical, not itself popular) most likely imitates."""
    index = package_index(ecosystem)
    scope, _, bare = name.rpartition("/") if name.startswith("@") else ("", "", name)
    finders = (_separator_variant, _swapped_parts, _affix_variant, _one_edit, _glued, _two_edits)
    for finder in finders:
        found = finder(scope, bare, index)
        if found is not None:
            return found
    return None


@dataclass(frozen=True)
class _Keys:
    """Popular names by their separator-free key (`scikitlearn` -> `scikit-learn`), and
    multi-part names by their sorted parts; the most popular name wins a shared key."""

    by_key: dict[str, str]
    by_parts: dict[tuple[str, ...], str]
    by_head: dict[str, list[str]]
    by_tail: dict[str, list[str]]


@functools.cache
def _keys(ecosystem: str) -> _Keys:
    index = package_index(ecosystem)
    keys = _Keys({}, {}, {}, {})
    for name in index.ranks:  # most popular first
        keys.by_key.setdefault(_key(name), name)
        parts = tuple(sorted(_SEPARATORS.split(name)))
        if len(parts) > 1:
            keys.by_parts.setdefault(parts, name)
        if len(name) >= TWO_EDITS_MIN_LENGTH and index.ranks[name] <= TARGET_MAX_RANK[ecosystem]:
            keys.by_head.setdefault(name[:2], []).append(name)
            keys.by_tail.setdefault(name[-2:], []).append(name)
    return keys


def _key(name: str) -> str:
    return _SEPARATORS.sub("", name)


def _scoped(scope: str, bare: str) -> str:
    return f"{scope}/{bare}" if scope else bare


def _separator_variant(scope: str, bare: str, index: PackageIndex) -> Lookalike | None:
    target = _keys(index.ecosystem).by_key.get(_key(_scoped(scope, bare)))
    if target is None or not _popular_target(target, index):
        return None
    return Lookalike(target, f"differs from the popular `{target}` only in its separators")


def _affix_variant(scope: str, bare: str, index: PackageIndex) -> Lookalike | None:
    """`python-requests`, `requests-py`, `jquery.js`, `node-uuid`; and `dateutil` for
    `python-dateutil`: a language affix added to or dropped from a popular name."""
    found: list[tuple[str, str]] = []
    affixes = _AFFIXES[index.ecosystem]
    for affix in affixes:
        prefix = affix.endswith(("-", "."))
        stripped = _strip_affix(bare, affix)
        if stripped is not None:
            found.append((stripped, f"a `{affix}` {'prefix' if prefix else 'suffix'} added"))
            # `python3-dateutil` for `python-dateutil`: one affix swapped for another.
            found += [(_add_affix(stripped, other), f"`{affix}` for `{other}`") for other in affixes]
        found.append((_add_affix(bare, affix), f"its `{affix}` {'prefix' if prefix else 'suffix'} dropped"))
    found = [
        (_scoped(scope, name), how) for name, how in found if _popular_target(_scoped(scope, name), index)
    ]
    if not found:
        return None
    target, how = min(found, key=lambda item: index.ranks[item[0]])
    return Lookalike(target, f"is the popular `{target}` with {how}")


def _strip_affix(name: str, affix: str) -> str | None:
    if affix.endswith(("-", ".")) and name.startswith(affix) and len(name) > len(affix) + 2:
        return name[len(affix) :]
    if affix.startswith(("-", ".")) and name.endswith(affix) and len(name) > len(affix) + 2:
        return name[: -len(affix)]
    return None


def _add_affix(name: str, affix: str) -> str:
    return affix + name if affix.endswith(("-", ".")) else name + affix


def _popular_target(name: str, index: PackageIndex) -> bool:
    rank = index.ranks.get(name)
    return rank is not None and rank <= TARGET_MAX_RANK[index.ecosystem]


def _swapped_parts(scope: str, bare: str, index: PackageIndex) -> Lookalike | None:
    parts = tuple(sorted(_SEPARATORS.split(bare)))
    if len(parts) < 2 or {"to", "2", "from"} & set(parts):  # `zod-to-json-schema` has a direction
        return None
    target = _keys(index.ecosystem).by_parts.get(parts)
    if target is None or target.rpartition("/")[0] != scope or not _popular_target(target, index):
        return None
    return Lookalike(target, f"is the popular `{target}` with its parts swapped")


def _one_edit(scope: str, bare: str, index: PackageIndex) -> Lookalike | None:
    # A scoped name slips in its scope too (`@type/node`): edit the whole of it.
    name = _scoped(scope, bare)
    # Four letters are enough for a dropped letter (`rgex`); the target itself needs five.
    if len(name) < MIN_EDIT_LENGTH - 1:
        return None
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-" + ("._" if index.ecosystem == "npm" else "")
    found = [
        candidate
        for candidate in _edits(name, alphabet)
        if _edit_target(candidate, name, index) and is_typing_slip(name, candidate)
    ]
    if not found:
        return None
    target = min(found, key=lambda n: index.ranks[n])
    return Lookalike(target, f"is one letter away from the popular `{target}`")


def _edits(word: str, alphabet: str) -> set[str]:
    """Every string one deletion, transposition, substitution or insertion away from `word`."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in alphabet}
    inserts = {a + c + b for a, b in splits for c in alphabet}
    return deletes | transposes | replaces | inserts


def _edit_target(target: str, name: str, index: PackageIndex) -> bool:
    """Whether popular `target` counts as what `name` imitates: popular enough, long enough,
    and not merely another version number (`pyqt4` is not a typo of `pyqt5`)."""
    rank = index.ranks.get(target)
    if rank is None or rank > TARGET_MAX_RANK[index.ecosystem] or target == name:
        return False
    if len(target) < MIN_EDIT_LENGTH:
        return False
    return _DIGITS.sub("", target) != _DIGITS.sub("", name)


_KEYBOARD_ROWS = ("1234567890-", "qwertyuiop", "asdfghjkl", "zxcvbnm")
_LOOKALIKE_CHARACTERS = frozenset(
    {("l", "1"), ("l", "i"), ("i", "1"), ("o", "0"), ("s", "5"), ("-", "_"), ("-", ".")}
)


@functools.cache
def _adjacent_keys() -> frozenset[tuple[str, str]]:
    """Pairs of keys that touch on a QWERTY keyboard (the row below is offset by half a key)."""
    pairs: set[tuple[str, str]] = set()
    for row_number, row in enumerate(_KEYBOARD_ROWS):
        below = _KEYBOARD_ROWS[row_number + 1] if row_number + 1 < len(_KEYBOARD_ROWS) else ""
        for column, key in enumerate(row):
            neighbours = [
                row[column + 1 : column + 2],
                below[column - 1 : column] if column else "",
                below[column : column + 1],
            ]
            pairs.update((key, other) for other in neighbours if other)
    return frozenset(pairs | {(b, a) for a, b in pairs})


def is_typing_slip(name: str, target: str) -> bool:
    """Whether one edit turns `target` into `name` the way fingers slip: two letters swapped,
    a letter doubled, dropped or added after the first, or a neighbouring or look-alike key
    struck instead (`reqeusts`, `expresss`, `numpu`). Other single edits (`scipp` / `scipy`,
    `pymem` / `cymem`) mostly separate real, unrelated packages."""
    if len(name) == len(target):
        diffs = [i for i, (a, b) in enumerate(zip(name, target, strict=True)) if a != b]
        if len(diffs) == 2 and diffs[1] == diffs[0] + 1:
            return name[diffs[0]] == target[diffs[1]] and name[diffs[1]] == target[diffs[0]]
        if len(diffs) != 1 or diffs[0] == 0:
            return False
        pair = (name[diffs[0]], target[diffs[0]])
        return (
            pair in _adjacent_keys() or pair in _LOOKALIKE_CHARACTERS or pair[::-1] in _LOOKALIKE_CHARACTERS
        )
    shorter, longer = sorted((name, target), key=len)
    position = next(
        (i for i, (a, b) in enumerate(zip(shorter, longer, strict=False)) if a != b), len(shorter)
    )
    if len(longer) - len(shorter) != 1 or longer[:position] + longer[position + 1 :] != shorter:
        return False
    if position == len(shorter) and longer == name:
        # A letter added at the end names a variant (`sentinels`, `paramz`) unless it doubles one.
        return longer[-1] == longer[-2]
    return position > 0


def _two_edits(scope: str, bare: str, index: PackageIndex) -> Lookalike | None:
    name = _scoped(scope, bare)
    if len(bare) < TWO_EDITS_MIN_LENGTH:
        return None
    keys = _keys(index.ecosystem)
    nearby = {*keys.by_head.get(name[:2], ()), *keys.by_tail.get(name[-2:], ())}
    found = [
        target
        for target in nearby
        if abs(len(target) - len(name)) <= 2
        and _edit_target(target, name, index)
        and _one_slip_per_part(name, target)
    ]
    if not found:
        return None
    target = min(found, key=lambda n: index.ranks[n])
    return Lookalike(target, f"is two letters away from the popular `{target}`")


def _one_slip_per_part(name: str, target: str) -> bool:
    """`djnago-restframwork`: two slips, but in different hyphen-separated parts."""
    parts, target_parts = _SEPARATORS.split(name), _SEPARATORS.split(target)
    if len(parts) != len(target_parts):
        return False
    slips = [(a, b) for a, b in zip(parts, target_parts, strict=True) if a != b]
    return len(slips) == 2 and all(is_typing_slip(a, b) for a, b in slips)


def _glued(scope: str, bare: str, index: PackageIndex) -> Lookalike | None:
    """`requestsurllib3`: two popular names run together, each part of five letters or more and
    among the most popular."""
    if scope or _SEPARATORS.search(bare):
        return None
    by_key = _keys(index.ecosystem).by_key
    limit = TARGET_MAX_RANK[index.ecosystem] // 3
    for cut in range(5, len(bare) - 4):
        first, second = by_key.get(bare[:cut]), by_key.get(bare[cut:])
        if first and second and index.ranks[first] <= limit and index.ranks[second] <= limit:
            return Lookalike(first, f"glues together the popular `{first}` and `{second}`")
    return None


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (transpositions count once), or `limit + 1` once it
    is certainly above `limit`."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]
