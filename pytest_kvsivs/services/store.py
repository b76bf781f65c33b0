"""Stores of resources: :class:`NamedStore` (KVS: unique names, ARNs from the creation
time) and :class:`IdStore` (IVS: resources keyed by ARN, with random ids; names repeat).

NamedStore, a store of named resources whose ARN embeds the creation time:

Names are unique per account and region; a re-created resource gets a new ARN
(the creation epoch milliseconds are strictly increasing per name, even under a
frozen clock), and an ARN of an earlier incarnation no longer resolves. Keys are
sorted when first read after a change (a create appends), so creating costs O(1) and
list pages O(page), not O(store).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import Generic, Protocol, TypeVar

from ..lifecycle import GONE, Timeline
from . import pagination


class Named(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def arn(self) -> str: ...
    @property
    def timeline(self) -> Timeline: ...


R = TypeVar("R", bound=Named)
T = TypeVar("T")


class NamedStore(Generic[R]):
    def __init__(self) -> None:
        self._items: dict[str, R] = {}
        self._unsorted_keys: list[str] = []
        self._sorted = True
        self._last_ms: dict[str, int] = {}

    def creation_ms(self, name: str, now: float) -> int:
        """Creation time in epoch ms for a new incarnation of ``name`` (new ARN each time)."""
        ms = max(int(now * 1000), self._last_ms.get(name, -1) + 1)
        self._last_ms[name] = ms
        return ms

    def add(self, item: R) -> None:
        if item.name not in self._items:
            self._unsorted_keys.append(item.name)
            self._sorted = False
        self._items[item.name] = item

    def _alive(self, name: str, now: float) -> R | None:
        item = self._items.get(name)
        if item is None or item.timeline.status_at(now) == GONE:
            return None
        return item

    def get(self, name: str, now: float) -> R | None:
        item = self._alive(name, now)
        if item is None and name in self._items:
            self._remove(name)
        return item

    def by_arn(self, arn: str, name: str, now: float) -> R | None:
        item = self.get(name, now)
        return item if item is not None and item.arn == arn else None

    @property
    def _keys(self) -> list[str]:
        """The names, sorted (timsort of a sorted run plus a few appended ones)."""
        if not self._sorted:
            self._unsorted_keys.sort()
            self._sorted = True
        return self._unsorted_keys

    def _remove(self, name: str) -> None:
        del self._items[name]
        del self._keys[bisect.bisect_left(self._keys, name)]  # a stored name is always a key

    def values(self) -> list[R]:
        """Every stored item, live or not yet purged."""
        return list(self._items.values())

    def count(self, now: float) -> int:
        return sum(1 for name in self._keys if self._alive(name, now) is not None)

    def page(
        self, now: float, limit: int, after: str | None, prefix: str
    ) -> tuple[list[R], str | None]:
        lookup: Callable[[str], R | None] = lambda name: self._alive(name, now)  # noqa: E731
        return pagination.page(self._keys, lookup, limit, after, prefix)

    def page_with(
        self, view: Callable[[str], T | None], limit: int, after: str | None
    ) -> tuple[list[T], str | None]:
        """A page of ``view(name)`` over the sorted names, skipping names it maps to None."""
        return pagination.page(self._keys, view, limit, after)

    def settle(self, now: float) -> None:
        for item in list(self._items.values()):
            item.timeline.settle(now)
        for name in [n for n in self._keys if self._alive(n, now) is None]:
            self._remove(name)


class Keyed(Protocol):
    @property
    def arn(self) -> str: ...


K = TypeVar("K", bound=Keyed)


class IdStore(Generic[K]):
    """Resources keyed by ARN, kept sorted by it (sorted when first read after a change), so
    creating costs O(1) and a list page O(page)."""

    def __init__(self) -> None:
        self._items: dict[str, K] = {}
        self._keys: list[str] = []
        self._sorted = True

    def add(self, item: K) -> None:
        if item.arn not in self._items:
            self._keys.append(item.arn)
            self._sorted = False
        self._items[item.arn] = item

    def get(self, arn: str) -> K | None:
        return self._items.get(arn)

    def remove(self, arn: str) -> K | None:
        item = self._items.pop(arn, None)
        if item is not None:
            keys = self._sorted_keys
            del keys[bisect.bisect_left(keys, arn)]
        return item

    def values(self) -> list[K]:
        return list(self._items.values())

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, arn: object) -> bool:
        return arn in self._items

    @property
    def _sorted_keys(self) -> list[str]:
        if not self._sorted:
            self._keys.sort()
            self._sorted = True
        return self._keys

    def page(
        self, limit: int, after: str | None, keep: Callable[[K], bool] | None = None
    ) -> tuple[list[K], str | None]:
        """Up to ``limit`` items (those ``keep`` accepts) after the ARN ``after``; the ARN to
        continue from, or None at the end."""

        def lookup(arn: str) -> K | None:
            item = self._items[arn]
            return item if keep is None or keep(item) else None

        return pagination.page(self._sorted_keys, lookup, limit, after)
