from collections import Counter

SEEN: Counter[str] = Counter()


def observe(label: str) -> None:
    SEEN[label] += 1
