"""The service packages, and the backends a fake is made of."""

from __future__ import annotations

from typing import Any

from ..model import SERVICES
from .base import Backend, Operations, RegionState
from .kinesisvideo import backend as kinesisvideo_backend
from .kinesisvideo.defaults import DELAYS as KINESISVIDEO_DELAYS


class _Unserved:
    """State of a service none of whose operations is served yet."""

    def settle(self, now: float) -> None:
        return None


def backends() -> dict[str, Backend[Any]]:
    """One fresh backend per hooked service (per fake: no state is shared)."""
    built: dict[str, Backend[Any]] = {"kinesisvideo": kinesisvideo_backend()}
    for service in SERVICES:
        if service not in built:
            built[service] = Backend[RegionState](service, Operations(service), _Unserved)
    return built


DELAY_DEFAULTS = {**KINESISVIDEO_DELAYS}
"""Every transitional delay the fake knows, by name, with its default seconds."""
