"""What a service package's simulation controls reach of the fake that owns them."""

from __future__ import annotations

import threading
from typing import Any

from ..clock import Clock
from .base import Backend, Environment


class Runtime:
    """One fake's lock, clock, randomness and backends, as its simulation controls see them.

    Made anew by ``reset()``, with the backends.
    """

    def __init__(
        self,
        lock: threading.RLock,
        clock: Clock,
        env: Environment,
        backends: dict[str, Backend[Any]],
    ) -> None:
        self.lock = lock
        self.clock = clock
        self.env = env
        self.backends = backends

    def controls(self, service: str) -> Any:
        """The service's settings and controls in this fake (its ``ServiceSpec.new_controls``)."""
        return self.backends[service].controls

    def state(self, service: str, account_id: str, region: str) -> Any:
        """The service's resources of one account and region."""
        return self.backends[service].state(account_id, region)
