"""Tags, as every service here keeps them: a map per resource, a per-resource limit that
counts merged keys (overwriting a key adds no tag), keys with a reserved prefix refused,
untagging unknown keys ignored. Each service passes in its own errors and limit."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from ..errors import ServiceError

RESERVED_PREFIX = "aws:"
"""Tag keys starting with it (any case) are AWS's (reference 1.6)."""


def check_reserved(keys: Iterable[str], refuse: Callable[[list[str]], ServiceError]) -> None:
    """``refuse(reserved_keys)`` is raised if any key has the reserved prefix."""
    reserved = sorted(k for k in keys if k.lower().startswith(RESERVED_PREFIX))
    if reserved:
        raise refuse(reserved)


def merge(
    tags: dict[str, str],
    new: Mapping[str, str],
    limit: int,
    too_many: Callable[[int], ServiceError],
    reserved: Callable[[list[str]], ServiceError],
) -> None:
    """Add ``new`` to a resource's ``tags``; ``too_many(total)`` past ``limit`` keys."""
    check_reserved(new, reserved)
    total = len(tags.keys() | new.keys())
    if total > limit:
        raise too_many(total)
    tags.update(new)


def untag(tags: dict[str, str], keys: Iterable[str]) -> None:
    for key in keys:
        tags.pop(key, None)
