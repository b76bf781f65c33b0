"""What every service package builds on: handlers keyed by operation name, and
per-account, per-region state."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from ..lifecycle import Delays
from ..model import service_model

Params = Mapping[str, Any]
Body = dict[str, Any]


class RegionState(Protocol):
    """The resources of one service in one account and region."""

    def settle(self, now: float) -> None:
        """Complete every pending asynchronous transition now."""


S = TypeVar("S", bound=RegionState)


@dataclass(frozen=True)
class Environment:
    """What the fake shares with every handler: timings, randomness, simulation controls."""

    delays: Delays
    rng: random.Random
    controls: dict[str, Any]


@dataclass(slots=True)
class Call(Generic[S]):
    """One request as a handler sees it."""

    state: S
    account_id: str
    region: str
    now: float
    env: Environment


Handler = Callable[[Call[Any], Params], Body]


class Operations:
    """The handlers of one service, keyed by the model's operation name."""

    def __init__(self, service: str) -> None:
        self.service = service
        self._known = frozenset(service_model(service).operation_names)
        self.handlers: dict[str, Handler] = {}

    def __call__(self, operation: str) -> Callable[[Handler], Handler]:
        """Decorator: serve ``operation`` (a name from the service model) with this function."""
        if operation not in self._known:
            raise ValueError(f"{self.service} has no operation {operation!r}")
        if operation in self.handlers:
            raise ValueError(f"{self.service}.{operation} is served twice")

        def register(handler: Handler) -> Handler:
            self.handlers[operation] = handler
            return handler

        return register


class Backend(Generic[S]):
    """One service's state across accounts and regions, and its handlers."""

    def __init__(self, service: str, operations: Operations, new_state: Callable[[], S]) -> None:
        self.service = service
        self.operations = operations
        self._new_state = new_state
        self._states: dict[tuple[str, str], S] = {}
        self._lock = threading.Lock()

    def state(self, account_id: str, region: str) -> S:
        key = (account_id, region)
        with self._lock:
            state = self._states.get(key)
            if state is None:
                state = self._states[key] = self._new_state()
            return state

    def handler(self, operation: str) -> Handler | None:
        return self.operations.handlers.get(operation)

    def settle(self, now: float) -> None:
        with self._lock:
            states = list(self._states.values())
        for state in states:
            state.settle(now)

    def reset(self) -> None:
        with self._lock:
            self._states.clear()
