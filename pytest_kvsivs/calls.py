"""The call log: every request the fake served, and assertions over it."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, NamedTuple, overload

if TYPE_CHECKING:
    from .operation_names import Operation

_MAX_SHOWN = 30


class CallRecord(NamedTuple):
    """One call as the fake saw it (immutable; a named tuple, built on every call)."""

    service: str
    """botocore service name, e.g. ``"kinesisvideo"``."""
    operation: str
    """Operation name as the model spells it, e.g. ``"CreateSignalingChannel"``."""
    params: Mapping[str, Any]
    """Exactly the parameters the caller passed, as they were at call time (:func:`snapshot`)."""
    response: Mapping[str, Any] | None
    """The parsed response the caller received (without ResponseMetadata), or None on error."""
    error_code: str | None
    """The error code the caller received, or None on success."""
    region: str
    account_id: str
    timestamp: float
    """When the fake served it, in seconds since the epoch (fake clock)."""

    @property
    def time(self) -> datetime:
        """When the fake served it (fake clock, timezone-aware UTC)."""
        return datetime.fromtimestamp(self.timestamp, timezone.utc)

    def describe(self) -> str:
        params = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        outcome = f"-> {self.error_code}" if self.error_code else "-> ok"
        return f"{self.service}.{self.operation}({params}) {outcome}"


_CONTAINERS = (dict, list, tuple, bytearray)


def snapshot(params: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of a request's parameters as they are now: every dict, list, tuple and bytearray
    in them is copied, so a caller who later changes its own objects (a ``Tags`` list, say)
    does not change the record. Other values are kept: strings, numbers, bytes and datetimes
    cannot change, and file objects (streaming blobs) cannot be copied.

    Flat parameters (the common case) cost one dict copy.
    """
    for value in params.values():
        if isinstance(value, _CONTAINERS):
            return {key: _copied(value) for key, value in params.items()}
    return dict(params)


def _copied(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _copied(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copied(item) for item in value]
    if isinstance(value, tuple):
        return tuple(_copied(item) for item in value)
    if isinstance(value, bytearray):
        return bytearray(value)
    return value


def format_calls(records: Sequence[CallRecord], limit: int = _MAX_SHOWN) -> str:
    if not records:
        return "  (no calls were made to kinesisvideo or ivs)"
    return "\n".join(_numbered(list(enumerate(records, 1)), limit, lambda record: []))


def _numbered(
    entries: list[tuple[int, CallRecord]],
    limit: int,
    details: Callable[[CallRecord], list[str]],
) -> list[str]:
    """``  N. service.Operation(params) -> outcome`` for the last ``limit`` entries, each
    followed by its ``details`` lines."""
    lines = (
        [] if len(entries) <= limit else [f"  ... {len(entries) - limit} earlier call(s) not shown"]
    )
    for number, record in entries[-limit:]:
        lines.append(f"  {number}. {record.describe()}")
        lines += [f"{' ' * (len(str(number)) + 4)}{line}" for line in details(record)]
    return lines


# -- what a test expects -------------------------------------------------------------------


class _Want(NamedTuple):
    """An expected call: an operation and its params, matched partially (top-level members)
    or exactly."""

    operation: Operation
    named_service: str | None
    """The service the test named (shown as it was written)."""
    params: Mapping[str, Any]
    exact: bool

    @classmethod
    def of(
        cls, operation: str, service: str | None, params: Mapping[str, Any], exact: bool
    ) -> _Want:
        from .operation_names import resolve

        return cls(resolve(operation, service), service, params, exact)

    def of_operation(self, record: CallRecord) -> bool:
        return self.operation.matches(record.service, record.operation)

    def matches(self, record: CallRecord) -> bool:
        if not self.of_operation(record):
            return False
        if self.exact:
            return dict(record.params) == dict(self.params)
        return all(k in record.params and record.params[k] == v for k, v in self.params.items())

    def __str__(self) -> str:
        prefix = f"{self.named_service}." if self.named_service else ""
        args = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"{prefix}{self.operation.name}({args})"


def param_diff(
    actual: Mapping[str, Any], expected: Mapping[str, Any], *, exact: bool = True
) -> list[str]:
    """What differs between a call's params and the expected ones, pytest's way: one line
    each for the differing, the missing and (``exact``) the extra members; nested dicts and
    lists of the same length are compared member by member."""
    found: dict[str, list[str]] = {"differing": [], "missing": [], "extra": []}
    _compare(actual, expected, "", found, top_extra=exact)
    return [f"{kind}: {'; '.join(items)}" for kind, items in found.items() if items]


def _compare(
    actual: Any, expected: Any, path: str, found: dict[str, list[str]], top_extra: bool = True
) -> None:
    if isinstance(actual, Mapping) and isinstance(expected, Mapping):
        for key, value in expected.items():
            where = _path(path, key)
            if key not in actual:
                found["missing"].append(f"{where}={value!r}")
            else:
                _compare(actual[key], value, where, found)
        if top_extra:
            found["extra"] += [
                f"{_path(path, k)}={v!r}" for k, v in actual.items() if k not in expected
            ]
    elif _same_length_lists(actual, expected):
        for index, (item, wanted) in enumerate(zip(actual, expected, strict=True)):
            _compare(item, wanted, f"{path}[{index}]", found)
    elif actual != expected:
        found["differing"].append(f"{path}={actual!r}, expected {expected!r}")


def _same_length_lists(actual: Any, expected: Any) -> bool:
    sequences = (list, tuple)
    return (
        isinstance(actual, sequences)
        and isinstance(expected, sequences)
        and len(actual) == len(expected)
    )


def _path(path: str, key: object) -> str:
    return f"{path}[{key!r}]" if path else str(key)


def _failure(headline: str, records: Sequence[CallRecord], want: _Want, diff: bool = True) -> str:
    """The headline, then each call of the wanted operation (with its params' diff against
    the expected ones) and the other calls, numbered as they were made."""
    numbered = list(enumerate(records, 1))
    of_operation = [entry for entry in numbered if want.of_operation(entry[1])]
    others = [entry for entry in numbered if not want.of_operation(entry[1])]

    def details(record: CallRecord) -> list[str]:
        if not diff:
            return []
        return param_diff(record.params, want.params, exact=want.exact) or ["matches"]

    lines = [headline, f"Calls of {want.operation.name} ({len(of_operation)}):"]
    lines += _numbered(of_operation, _MAX_SHOWN, details) or ["  (none)"]
    lines.append(f"Other calls ({len(others)}):")
    lines += _numbered(others, _MAX_SHOWN, lambda record: []) or ["  (none)"]
    return "\n".join(lines)


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


# -- the assertions ------------------------------------------------------------------------


class CallAssertions:
    """Queries and assertions over recorded calls (of a :class:`CallLog`, or of the fake).

    An operation is named as the model spells it (``"CreateStream"``) or as the boto3
    method is (``"create_stream"``); ``service`` narrows it to one service. Params match
    exactly in the ``*_with`` and ``assert_any_call`` assertions and partially (the given
    top-level members) elsewhere; ``unittest.mock.ANY`` matches anything, at any depth.
    """

    def _records(self) -> list[CallRecord]:
        raise NotImplementedError

    @property
    def last(self) -> CallRecord:
        """The most recent call (IndexError when there is none)."""
        records = self._records()
        if not records:
            raise IndexError("no calls were made to kinesisvideo or ivs")
        return records[-1]

    @property
    def call_count(self) -> int:
        return len(self._records())

    def filter(
        self, operation: str | None = None, *, service: str | None = None, **params: Any
    ) -> CallLog:
        """The calls of ``operation`` (any, if None) and ``service`` whose params include
        ``params`` (top-level members), in order, as a call log of their own."""
        if operation is None:
            from .operation_names import _services

            services = _services(service) if service is not None else None
            return CallLog(
                r
                for r in self._records()
                if (services is None or r.service in services)
                and all(k in r.params and r.params[k] == v for k, v in params.items())
            )
        want = _Want.of(operation, service, params, exact=False)
        return CallLog(r for r in self._records() if want.matches(r))

    def assert_called(
        self, operation: str, *, service: str | None = None, times: int | None = None, **params: Any
    ) -> list[CallRecord]:
        """Assert ``operation`` was called with ``params`` (a partial match on top-level
        members): at least once, or exactly ``times`` times. Returns the matching calls."""
        __tracebackhide__ = True
        if times is not None and times < 0:
            raise ValueError(f"times must be >= 0 or None, got {times}")
        want = _Want.of(operation, service, params, exact=False)
        records = self._records()
        matching = [r for r in records if want.matches(r)]
        if (times is None and matching) or (times is not None and len(matching) == times):
            return matching
        expected = "at least once" if times is None else f"exactly {times} time(s)"
        headline = (
            f"expected {want} to be called {expected}, but it was called {len(matching)} time(s)."
        )
        raise AssertionError(_failure(headline, records, want))

    def assert_called_once(
        self, operation: str, *, service: str | None = None, **params: Any
    ) -> CallRecord:
        """Assert exactly one call of ``operation`` matches ``params`` (partially); returns it."""
        __tracebackhide__ = True
        return self.assert_called(operation, service=service, times=1, **params)[0]

    def assert_not_called(self, operation: str, *, service: str | None = None) -> None:
        """Assert ``operation`` (of ``service``, if given) was never called."""
        __tracebackhide__ = True
        want = _Want.of(operation, service, {}, exact=False)
        records = self._records()
        count = sum(1 for r in records if want.matches(r))
        if count:
            headline = f"expected {want} not to be called, but it was called {count} time(s)."
            raise AssertionError(_failure(headline, records, want, diff=False))

    def assert_called_once_with(
        self, operation: str, *, service: str | None = None, **params: Any
    ) -> CallRecord:
        """Assert ``operation`` was called exactly once, and with exactly ``params``."""
        __tracebackhide__ = True
        want = _Want.of(operation, service, params, exact=True)
        records = self._records()
        calls = [r for r in records if want.of_operation(r)]
        if len(calls) == 1 and want.matches(calls[0]):
            return calls[0]
        if not calls:
            problem = "it was not called"
        elif len(calls) == 1:
            problem = "it was called with other params"
        else:
            problem = f"it was called {_times(len(calls))}"
        headline = f"expected {want} to be called once, with exactly these params, but {problem}."
        raise AssertionError(_failure(headline, records, want))

    def assert_called_with(
        self, operation: str, *, service: str | None = None, **params: Any
    ) -> CallRecord:
        """Assert the last call of ``operation`` had exactly ``params``."""
        __tracebackhide__ = True
        want = _Want.of(operation, service, params, exact=True)
        records = self._records()
        calls = [r for r in records if want.of_operation(r)]
        if calls and want.matches(calls[-1]):
            return calls[-1]
        problem = "it was not called" if not calls else "its last call had other params"
        headline = f"expected the last call of {want.operation.name} to be {want}, but {problem}."
        raise AssertionError(_failure(headline, records, want))

    def assert_any_call(
        self, operation: str, *, service: str | None = None, **params: Any
    ) -> CallRecord:
        """Assert some call of ``operation`` had exactly ``params``; returns the first one."""
        __tracebackhide__ = True
        want = _Want.of(operation, service, params, exact=True)
        records = self._records()
        matching = [r for r in records if want.matches(r)]
        if matching:
            return matching[0]
        calls = sum(1 for r in records if want.of_operation(r))
        problem = "it was not called" if not calls else f"none of its {calls} call(s) had them"
        headline = f"expected a call {want}, with exactly these params, but {problem}."
        raise AssertionError(_failure(headline, records, want))

    def assert_has_calls(
        self,
        expected: Sequence[tuple[str, Mapping[str, Any]] | str],
        *,
        any_order: bool = False,
    ) -> list[CallRecord]:
        """Assert the calls include ``expected``: ``(operation, params)`` pairs (params
        partial, as in :meth:`assert_called`; a bare name means any params), in this order
        with any calls between them, or (``any_order``) in any order, each call matching at
        most one pair. Returns the matching calls, in the order of ``expected``."""
        __tracebackhide__ = True
        wants = [_expected(item) for item in expected]
        records = self._records()
        found = _in_any_order(wants, records) if any_order else _in_order(wants, records)
        if isinstance(found, list):
            return [records[index] for index in found]
        order = "in any order" if any_order else "in this order (other calls may come between)"
        listed = "\n".join(f"  {i}. {want}" for i, want in enumerate(wants, 1))
        after = "" if any_order or found == 0 else f", after the call matching {found}"
        headline = (
            f"expected these calls, {order}:\n{listed}\n"
            f"but no call matches {found + 1}. {wants[found]}{after}."
        )
        raise AssertionError(_failure(headline, records, wants[found]))


def _expected(item: tuple[str, Mapping[str, Any]] | str) -> _Want:
    if isinstance(item, str):
        return _Want.of(item, None, {}, exact=False)
    operation, params = item
    return _Want.of(operation, None, params, exact=False)


def _in_order(wants: list[_Want], records: list[CallRecord]) -> list[int] | int:
    """The earliest records matching ``wants`` as a subsequence, or the first want that has
    none (earliest matches leave the most room for the rest, so this finds one if any)."""
    found: list[int] = []
    start = 0
    for position, want in enumerate(wants):
        index = next((i for i in range(start, len(records)) if want.matches(records[i])), None)
        if index is None:
            return position
        found.append(index)
        start = index + 1
    return found


def _in_any_order(wants: list[_Want], records: list[CallRecord]) -> list[int] | int:
    """A record for every want, each record used once (a bipartite matching: augmenting
    paths, so overlapping partial matches cannot hide a solution), or the first want left
    without one."""
    owner: dict[int, int] = {}  # record index -> want position

    def place(position: int, seen: set[int]) -> bool:
        for index, record in enumerate(records):
            if index in seen or not wants[position].matches(record):
                continue
            seen.add(index)
            if index not in owner or place(owner[index], seen):
                owner[index] = position
                return True
        return False

    for position in range(len(wants)):
        if not place(position, set()):
            return position
    by_want = {position: index for index, position in owner.items()}
    return [by_want[position] for position in range(len(wants))]


class CallLog(CallAssertions, Sequence[CallRecord]):
    """Thread-safe, append-only list of :class:`CallRecord`, with the assertions of
    :class:`CallAssertions`."""

    def __init__(self, records: Iterable[CallRecord] = ()) -> None:
        self._items: list[CallRecord] = list(records)
        self._lock = threading.Lock()

    def _records(self) -> list[CallRecord]:
        return self.snapshot()

    def append(self, record: CallRecord) -> None:
        self._items.append(record)  # atomic: no lock on the per-call path

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def snapshot(self) -> list[CallRecord]:
        with self._lock:
            return list(self._items)

    @overload
    def __getitem__(self, index: int) -> CallRecord: ...
    @overload
    def __getitem__(self, index: slice) -> list[CallRecord]: ...
    def __getitem__(self, index: int | slice) -> CallRecord | list[CallRecord]:
        return self.snapshot()[index]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[CallRecord]:
        return iter(self.snapshot())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (CallLog, list, tuple)):
            return self.snapshot() == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<CallLog of {len(self)} call(s)>"
