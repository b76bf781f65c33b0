"""What a service package declares about itself, once, and what the core reads from it.

Each package under ``services/`` has a ``spec`` module with one :class:`ServiceSpec`: its
operations, its per-fake simulation controls and settings, its per-account-and-region state,
its delay families, the error code that carries validation failures and the namespace of its
error types. The fake, the plugin and the coverage report iterate over the specs; nothing in
the core names a service's resources.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from ..lifecycle import Family
from ..options import FakeOptions
from .base import Backend, Operations, RegionState

S = TypeVar("S", bound=RegionState)
C = TypeVar("C")


@dataclass(frozen=True)
class ServiceSpec(Generic[S, C]):
    service: str
    """The botocore service name (``"kinesisvideo"``, ``"ivs"``)."""
    operations: Operations
    """The handlers, keyed by the model's operation name."""
    new_controls: Callable[[FakeOptions], C]
    """The service's settings and simulation controls of one fake (shared by every account
    and region of it), made from the fake's options."""
    new_state: Callable[[C], S]
    """The resources of one account and region, given the fake's controls."""
    families: tuple[Family, ...]
    """The delay families of its asynchronous states."""
    validation_error: str
    """The error code the service answers a request that breaks the model's constraints with."""
    error_namespace: str
    """What follows ``Code:`` in the ``x-amzn-ErrorType`` header of its errors."""

    def backend(self, options: FakeOptions) -> Backend[S]:
        """A fresh backend: new controls, no state yet."""
        controls = self.new_controls(options)
        return Backend(self.operations, lambda: self.new_state(controls), controls)


def no_controls(options: FakeOptions) -> None:
    """``new_controls`` of a service with no settings or simulation controls of its own."""
