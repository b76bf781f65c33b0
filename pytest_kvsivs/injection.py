"""Injected errors: modeled error answers a test asks for (``KvsFake.inject_error``), each
with a handle that says how many calls it answered."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .errors import ServiceError

if TYPE_CHECKING:
    from .calls import CallRecord

Predicate = Callable[[Mapping[str, Any]], bool]


class Injection:
    """One injected error: answers matching calls of one operation until it has answered
    ``times`` of them (``times=None``: until removed or the fake is reset)."""

    def __init__(
        self,
        owner: Injections,
        service: str,
        operation: str,
        code: str,
        message: str,
        times: int | None,
        when: Predicate | None,
    ) -> None:
        self._owner = owner
        self.service = service
        self.operation = operation
        self.code = code
        self.message = message
        self.times = times
        self.when = when
        self.used = 0
        """How many calls it has answered."""
        self.removed = False

    @property
    def exhausted(self) -> bool:
        return self.times is not None and self.used >= self.times

    def remove(self) -> None:
        """Answer no more calls (and do not count as unused at teardown)."""
        self._owner.remove(self)

    def describe(self) -> str:
        times = "every call" if self.times is None else f"times={self.times}"
        when = "" if self.when is None else f", when={_name(self.when)}"
        return (
            f"{self.service}.{self.operation} -> {self.code} ({times}{when}, "
            f"answered {self.used} call(s))"
        )

    def __repr__(self) -> str:
        return f"<Injection {self.describe()}>"


def _name(predicate: Predicate) -> str:
    return getattr(predicate, "__qualname__", None) or repr(predicate)


class Injections:
    """The injected errors of one fake, in the order they were made (the first one that
    matches a call answers it)."""

    def __init__(self, lock: threading.RLock) -> None:
        self._lock = lock
        self._made: list[Injection] = []
        self._active: dict[tuple[str, str], list[Injection]] = {}

    def __bool__(self) -> bool:
        return bool(self._active)

    def add(
        self,
        operation: str,
        code: str,
        service: str | None,
        message: str | None,
        times: int | None,
        when: Predicate | None,
    ) -> Injection:
        resolved_service, name = _operation(operation, service)
        _check_code(resolved_service, name, code)
        if times is not None and (isinstance(times, bool) or times < 1):
            raise ValueError(f"times must be a count >= 1, or None for every call; got {times!r}")
        if when is not None and not callable(when):
            raise TypeError(f"when must be a predicate over a call's params, got {when!r}")
        text = message or f"Injected {code} for {name}."
        injection = Injection(self, resolved_service, name, code, text, times, when)
        with self._lock:
            self._made.append(injection)
            self._active.setdefault((resolved_service, name), []).append(injection)
        return injection

    def raise_for(self, service: str, operation: str, params: Mapping[str, Any]) -> None:
        """Raise the error of the first active injection that matches this call, if any."""
        with self._lock:
            for injection in self._active.get((service, operation), ()):
                if injection.when is None or injection.when(params):
                    injection.used += 1
                    if injection.exhausted:
                        self._retire(injection)
                    raise ServiceError(injection.code, injection.message)

    def remove(self, injection: Injection) -> None:
        with self._lock:
            injection.removed = True
            self._retire(injection)

    def _retire(self, injection: Injection) -> None:
        queue = self._active.get((injection.service, injection.operation), [])
        if injection in queue:
            queue.remove(injection)
        if not queue:
            self._active.pop((injection.service, injection.operation), None)

    def unused(self) -> list[Injection]:
        with self._lock:
            return [i for i in self._made if i.used == 0 and not i.removed]

    def clear(self) -> None:
        with self._lock:
            self._made.clear()
            self._active.clear()


def _operation(operation: str, service: str | None) -> tuple[str, str]:
    from .operation_names import resolve

    resolved = resolve(operation, service)
    if resolved.service is None:
        raise ValueError(
            f"{operation} exists in several services; name one with service=... "
            "('kinesisvideo' or 'ivs')"
        )
    return resolved.service, resolved.name


def _check_code(service: str, operation: str, code: str) -> None:
    from .model import operation_model

    listed = sorted(shape.name for shape in operation_model(service, operation).error_shapes)
    if code not in listed:
        raise ValueError(f"{service}.{operation} cannot answer {code!r}; it lists {listed}")


def unused_injections_message(unused: list[Injection], records: Sequence[CallRecord]) -> str:
    from .calls import format_calls

    listed = "\n".join(f"  {injection.describe()}" for injection in unused)
    return (
        f"kvs_fake: {len(unused)} injected error(s) answered no call:\n{listed}\n"
        f"Calls made ({len(records)}):\n{format_calls(records)}\n"
        "Remove the injection, or turn this check off with "
        "@pytest.mark.kvs_fake(assert_all_injected_used=False) or the ini option "
        "kvs_fake_assert_all_injected_used = false."
    )
