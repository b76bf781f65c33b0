"""What every service package builds on: handlers keyed by operation name, and
per-account, per-region state."""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from ..lifecycle import Delays
from ..model import installed_services, service_model

log = logging.getLogger("pytest_kvsivs")

Params = Mapping[str, Any]
Body = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Output:
    """An answer that is more than a JSON body, by the output shape's member names: ``body``
    (members sent in the JSON body), ``headers`` (members the model binds to HTTP headers,
    e.g. ``{"ContentType": "video/webm"}``) and ``payload`` (the bytes of the streaming payload
    member). ``wire`` sends it as the service would and lets botocore's parser read it, so the
    caller gets what it gets from the network (a ``StreamingBody`` for the payload). A handler
    that answers only a JSON body returns the plain dict (the fast path)."""

    body: Body = field(default_factory=dict)
    headers: Mapping[str, Any] = field(default_factory=dict)
    payload: bytes | None = None


class RegionState(Protocol):
    """The resources of one service in one account and region."""

    def settle(self, now: float) -> None:
        """Complete every pending asynchronous transition now."""


S = TypeVar("S", bound=RegionState)


@dataclass(frozen=True)
class Environment:
    """What the fake shares with every handler of every service: timings and randomness.
    (A service's own settings and controls are on its state: ``call.state.controls``.)"""

    delays: Delays
    rng: random.Random


@dataclass(slots=True)
class Call(Generic[S]):
    """One request as a handler sees it."""

    state: S
    account_id: str
    region: str
    now: float
    env: Environment
    backends: Mapping[str, Backend[Any]] = field(default_factory=dict)
    """Every service's backend in this fake: read through :meth:`peer` only."""
    url: str = ""
    """Where the client sent the request (its ``endpoint_url`` or botocore's default), with
    the operation's path; empty when unknown."""

    def peer(self, service: str) -> Any:
        """Another service's state in the caller's account and region: how a package reads
        resources another package owns (the KVS data plane reads the control plane's streams)
        without either holding the other's state. Read it through the owner's own lookups."""
        return self.backends[service].state(self.account_id, self.region)


Handler = Callable[[Call[Any], Params], Body | Output]


class Operations:
    """The handlers of one service, keyed by the model's operation name.

    What is served is what is implemented and defined by the installed botocore model:
    a handler for an operation the installed model lacks (an older botocore) is kept
    aside in :attr:`not_in_model`, never served and never an error.
    """

    def __init__(self, service: str) -> None:
        self.service = service
        installed = service in installed_services()
        self.known = frozenset(service_model(service).operation_names if installed else ())
        self.handlers: dict[str, Handler] = {}
        self.not_in_model: dict[str, Handler] = {}

    def __call__(self, operation: str) -> Callable[[Handler], Handler]:
        """Decorator: serve ``operation`` (a name from the service model) with this function."""
        if operation in self.handlers or operation in self.not_in_model:
            raise ValueError(f"{self.service}.{operation} is served twice")
        served = operation in self.known
        if not served:
            log.debug(
                "%s.%s: not in the installed botocore model, not served", self.service, operation
            )

        def register(handler: Handler) -> Handler:
            (self.handlers if served else self.not_in_model)[operation] = handler
            return handler

        return register


class Backend(Generic[S]):
    """One service's state across accounts and regions, and its handlers."""

    def __init__(
        self, operations: Operations, new_state: Callable[[], S], controls: object = None
    ) -> None:
        self.operations = operations
        self._new_state = new_state
        self.controls = controls
        """The service's settings and simulation controls in this fake (see ``ServiceSpec``)."""
        self._states: dict[tuple[str, str], S] = {}
        self._lock = threading.Lock()

    def state(self, account_id: str, region: str) -> S:
        key = (account_id, region)
        state = self._states.get(key)
        if state is not None:
            return state
        with self._lock:
            state = self._states.get(key)
            if state is None:
                state = self._states[key] = self._new_state()
            return state

    def regions(self) -> list[tuple[tuple[str, str], S]]:
        """Every (account id, region) that has state, with it, in a stable order."""
        with self._lock:
            return sorted(self._states.items(), key=lambda item: item[0])

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
