"""Model patterns (Java regular expressions) as Python regular expressions.

The services match a pattern against the whole value (the models' patterns are
unanchored), so compiled patterns are used with ``fullmatch``. Java's Unicode
category classes ``\\p{X}`` have no equivalent in Python's ``re``; they are
expanded into the exact code-point ranges of that general category, built from
``unicodedata`` once per process and only for patterns that use them.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable, Mapping
from functools import cache

_CATEGORY = re.compile(r"\\[pP]\{(\w+)\}")

CORRECTIONS: Mapping[str, str] = {
    # IVS ResourceArn (TagResource, UntagResource, ListTagsForResource) allows one
    # character before the slash, so no real ARN (".../channel/abc") matches it; the
    # service accepts real ARNs (reference 1.3).
    "arn:aws:ivs:[a-z0-9-]+:[0-9]+:[a-z-]/[a-zA-Z0-9-]+": (
        "arn:aws:ivs:[a-z0-9-]+:[0-9]+:[a-z-]+/[a-zA-Z0-9-]+"
    ),
    # The same pattern as models before botocore 1.35 wrote it.
    "^arn:aws:[is]vs:[a-z0-9-]+:[0-9]+:[a-z-]/[a-zA-Z0-9-]+$": (
        "^arn:aws:[is]vs:[a-z0-9-]+:[0-9]+:[a-z-]+/[a-zA-Z0-9-]+$"
    ),
}
"""Model patterns that reject what the real service accepts, and what the fake enforces instead."""


def corrected(pattern: str) -> str:
    """The pattern the service really enforces for a model pattern."""
    return CORRECTIONS.get(pattern, pattern)


@cache
def _runs() -> tuple[tuple[int, int, str], ...]:
    """Maximal runs of consecutive code points sharing a general category (one pass)."""
    runs: list[tuple[int, int, str]] = []
    start, current = 0, unicodedata.category("\x00")
    for cp in range(1, sys.maxunicode + 1):
        category = unicodedata.category(chr(cp))
        if category != current:
            runs.append((start, cp - 1, current))
            start, current = cp, category
    runs.append((start, sys.maxunicode, current))
    return tuple(runs)


@cache
def category_ranges(category: str) -> str:
    """A character-class body matching exactly the code points of a general category.

    ``category`` is one letter (``L``, ``N``, ``Z``, ...) or two (``Lu``, ``Nd``, ...).
    """
    ranges: list[tuple[int, int]] = []
    for lo, hi, cat in _runs():
        if cat.startswith(category):
            if ranges and ranges[-1][1] == lo - 1:
                ranges[-1] = (ranges[-1][0], hi)
            else:
                ranges.append((lo, hi))
    if not ranges:
        raise ValueError(f"unknown Unicode general category {category!r}")
    return "".join(_escape(lo) if lo == hi else f"{_escape(lo)}-{_escape(hi)}" for lo, hi in ranges)


def _escape(cp: int) -> str:
    return f"\\U{cp:08x}"


def to_python(pattern: str, categories: Mapping[str, str] | None = None) -> str:
    """Translate a model pattern into Python ``re`` syntax (still unanchored).

    ``categories`` replaces a category's full class body (test generators use a small
    representative subset: every value they draw is then still valid).
    """

    def expand(match: re.Match[str]) -> str:
        name = match.group(1)
        body = categories[name] if categories and name in categories else category_ranges(name)
        inside_class = _inside_class(pattern, match.start())
        if match.group(0)[1] == "P":
            if inside_class:
                raise ValueError(f"negated category inside a class is not supported: {pattern!r}")
            return f"[^{body}]"
        return body if inside_class else f"[{body}]"

    return _CATEGORY.sub(expand, pattern)


def _inside_class(pattern: str, pos: int) -> bool:
    depth, i = 0, 0
    while i < pos:
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]" and depth:
            depth -= 1
        i += 1
    return depth > 0


@cache
def anchored(pattern: str) -> str:
    """The Python pattern matching a whole value the way the service does."""
    return rf"\A(?:{to_python(pattern)})\Z"


@cache
def matcher(pattern: str) -> Callable[[str], object]:
    """``fullmatch`` of the translated pattern (truthy when the whole value matches)."""
    return re.compile(to_python(pattern)).fullmatch
