"""Opaque, validated pagination tokens and O(page) paging over sorted keys.

A token carries a short digest of the operation and the filter it was minted under,
and the last key returned. It is base64 (the KVS and IVS token patterns both allow
that alphabet), so a token the fake minted always passes the model's token pattern
when it is sent back; anything else, or a token sent with a different filter or to
another operation, is rejected. The digest keeps tokens short: a 256-character name
under a 256-character prefix still fits the 512-character NextToken of older models.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")


class InvalidTokenError(ValueError):
    """The token was not minted by this operation under this filter."""


def _digest(operation: str, scope: str) -> str:
    return hashlib.blake2s(f"{operation}\x1f{scope}".encode(), digest_size=9).hexdigest()


def mint(operation: str, scope: str, after: str) -> str:
    raw = json.dumps([_digest(operation, scope), after], separators=(",", ":"))
    return base64.b64encode(raw.encode()).decode()


def read(token: str, operation: str, scope: str) -> str:
    """The last key of the previous page, or :class:`InvalidTokenError`."""
    try:
        decoded = json.loads(base64.b64decode(token.encode(), validate=True))
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise InvalidTokenError from exc
    if (
        not isinstance(decoded, list)
        or len(decoded) != 2
        or decoded[0] != _digest(operation, scope)
        or not isinstance(decoded[1], str)
    ):
        raise InvalidTokenError
    return decoded[1]


def after(
    token: str | None, operation: str, scope: str, invalid: Callable[[str], Exception]
) -> str | None:
    """The key a request's token continues from (None without a token); ``invalid(token)``
    (the service's own error) for a token this operation did not mint under this scope."""
    if not token:
        return None
    try:
        return read(token, operation, scope)
    except InvalidTokenError:
        raise invalid(token) from None


def keys_after(keys: Sequence[str], after: str | None, prefix: str) -> Iterator[str]:
    """Sorted ``keys`` greater than ``after`` that start with ``prefix``, lazily."""
    start = bisect.bisect_right(keys, after) if after is not None else 0
    if prefix:
        start = max(start, bisect.bisect_left(keys, prefix))
    for index in range(start, len(keys)):
        key = keys[index]
        if not key.startswith(prefix):
            return
        yield key


def page(
    keys: Sequence[str],
    lookup: Callable[[str], T | None],
    limit: int,
    after: str | None,
    prefix: str = "",
) -> tuple[list[T], str | None]:
    """Up to ``limit`` items after ``after``; the key to continue from, or None at the end.

    ``lookup`` returns None for keys that no longer name a live item (skipped).
    """
    items: list[T] = []
    last: str | None = None
    for key in keys_after(keys, after, prefix):
        item = lookup(key)
        if item is None:
            continue
        if len(items) == limit:
            return items, last
        items.append(item)
        last = key
    return items, None
