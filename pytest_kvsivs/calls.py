"""The call log: every request the fake served, and assertions over it."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime, timezone
from typing import Any, NamedTuple, overload

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


def _matches(
    record: CallRecord, operation: str, service: str | None, params: Mapping[str, Any]
) -> bool:
    if record.operation != operation or (service is not None and record.service != service):
        return False
    return all(k in record.params and record.params[k] == v for k, v in params.items())


def format_calls(records: Sequence[CallRecord], limit: int = _MAX_SHOWN) -> str:
    if not records:
        return "  (no calls were made to kinesisvideo or ivs)"
    shown = records[-limit:]
    lines = [f"  {i}. {r.describe()}" for i, r in enumerate(shown, len(records) - len(shown) + 1)]
    if len(records) > limit:
        lines.insert(0, f"  ... {len(records) - limit} earlier call(s) not shown")
    return "\n".join(lines)


class CallLog(Sequence[CallRecord]):
    """Thread-safe, append-only list of :class:`CallRecord`."""

    def __init__(self) -> None:
        self._records: list[CallRecord] = []
        self._lock = threading.Lock()

    def append(self, record: CallRecord) -> None:
        self._records.append(record)  # atomic: no lock on the per-call path

    def clear(self) -> None:
        with self._lock:
            self._records.clear()

    def snapshot(self) -> list[CallRecord]:
        with self._lock:
            return list(self._records)

    @overload
    def __getitem__(self, index: int) -> CallRecord: ...
    @overload
    def __getitem__(self, index: slice) -> list[CallRecord]: ...
    def __getitem__(self, index: int | slice) -> CallRecord | list[CallRecord]:
        return self.snapshot()[index]

    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self) -> Iterator[CallRecord]:
        return iter(self.snapshot())

    def __repr__(self) -> str:
        return f"<CallLog of {len(self)} call(s)>"

    def filter(
        self, operation: str | None = None, *, service: str | None = None
    ) -> list[CallRecord]:
        """The calls of one operation (and service), in order."""
        return [
            r
            for r in self.snapshot()
            if (operation is None or r.operation == operation)
            and (service is None or r.service == service)
        ]

    def assert_called(
        self, operation: str, *, service: str | None = None, times: int | None = None, **params: Any
    ) -> list[CallRecord]:
        """Assert ``operation`` was called with ``params`` (a partial match on top-level members).

        ``times=None`` means at least once. Returns the matching calls.
        """
        if times is not None and times < 0:
            raise ValueError(f"times must be >= 0 or None, got {times}")
        records = self.snapshot()
        matching = [r for r in records if _matches(r, operation, service, params)]
        if (times is None and matching) or (times is not None and len(matching) == times):
            return matching
        wanted = _describe_wanted(operation, service, params)
        expected = "at least once" if times is None else f"exactly {times} time(s)"
        raise AssertionError(
            f"expected {wanted} to be called {expected}, "
            f"but it was called {len(matching)} time(s).\n"
            f"Calls made ({len(records)}):\n{format_calls(records)}"
        )

    def assert_not_called(self, operation: str, *, service: str | None = None) -> None:
        """Assert ``operation`` (of ``service``, if given) was never called."""
        records = self.snapshot()
        matching = [r for r in records if _matches(r, operation, service, {})]
        if matching:
            wanted = _describe_wanted(operation, service, {})
            raise AssertionError(
                f"expected {wanted} not to be called, but it was called {len(matching)} time(s).\n"
                f"Calls made ({len(records)}):\n{format_calls(records)}"
            )


def _describe_wanted(operation: str, service: str | None, params: Mapping[str, Any]) -> str:
    prefix = f"{service}." if service else ""
    args = ", ".join(f"{k}={v!r}" for k, v in params.items())
    return f"{prefix}{operation}({args})"
