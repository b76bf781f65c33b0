"""The service packages, and the backends a fake is made of.

The packages read the installed models when they are imported, so they are imported
here on first use (by a fake), never when this package is.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import installed_services
from .base import Backend, Operations, RegionState


class _Unserved:
    """State of a service none of whose operations is served yet."""

    def settle(self, now: float) -> None:
        return None


def backends() -> dict[str, Backend[Any]]:
    """One fresh backend per hooked service the installed botocore has (per fake: no state
    is shared)."""
    from .kinesisvideo import backend as kinesisvideo_backend

    built: dict[str, Backend[Any]] = {"kinesisvideo": kinesisvideo_backend()}
    for service in installed_services():
        if service not in built:
            built[service] = Backend[RegionState](Operations(service), _Unserved)
    return built


def delay_defaults() -> Mapping[str, float]:
    """Every transitional delay the fake knows, by name, with its default seconds."""
    from .kinesisvideo.defaults import DELAYS as KINESISVIDEO_DELAYS

    return {**KINESISVIDEO_DELAYS}
