"""The service packages, and the backends a fake is made of.

Each package declares itself in its ``spec`` module (:class:`~.spec.ServiceSpec`). The
packages read the installed models when they are imported, so they are imported here on
first use (by a fake), never when this package is.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import Any

from ..lifecycle import Family
from ..model import installed_services
from ..names import SERVICES
from ..options import FakeOptions
from .base import Backend, Operations, RegionState

PACKAGES = (
    "kinesisvideo",
    "ivs",
    "archived_media",
    "media",
    "signaling",
    "webrtc_storage",
)
"""The service packages (``services/<package>/spec.py``): a package is named as its botocore
service, or for ``kinesis-video-<rest>`` as ``<rest>`` with underscores (:func:`service_of`)."""

_DATA_PLANE_PREFIX = "kinesis-video-"


def service_of(package: str) -> str:
    """The botocore service a package serves (``archived_media`` ->
    ``kinesis-video-archived-media``)."""
    return package if package in SERVICES else _DATA_PLANE_PREFIX + package.replace("_", "-")


class _Unserved:
    """State of a service none of whose operations is served yet."""

    def settle(self, now: float) -> None:
        return None


@cache
def specs() -> dict[str, Any]:
    """Each package's :class:`~.spec.ServiceSpec`, for the services the installed botocore has."""
    installed = installed_services()
    return {
        service_of(name): importlib.import_module(f"{__name__}.{name}.spec").SPEC
        for name in PACKAGES
        if service_of(name) in installed
    }


def backends(options: FakeOptions | None = None) -> dict[str, Backend[Any]]:
    """One fresh backend per hooked service the installed botocore has (per fake: no state
    is shared); a service with no package gets one that serves nothing."""
    options = options or FakeOptions()
    built: dict[str, Backend[Any]] = {name: spec.backend(options) for name, spec in specs().items()}
    for service in installed_services():
        if service not in built:
            built[service] = Backend[RegionState](Operations(service), _Unserved)
    return built


def delay_families() -> tuple[Family, ...]:
    """Every delay family the fake knows, service by service."""
    return tuple(family for spec in specs().values() for family in spec.families)
