"""The botocore service models of the installed botocore: the source of truth for shapes.

Models are loaded on first use, never at import: the plugin is imported by every
pytest run, and most never start a fake.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import botocore
import botocore.session
from botocore.loaders import Loader
from botocore.model import OperationModel, ServiceModel, StringShape

from .names import (
    ARCHIVED_MEDIA,
    EVENT_NAMES,
    IVS,
    KINESISVIDEO,
    MEDIA,
    SERVICES,
    SIGNALING,
    WEBRTC_STORAGE,
)

__all__ = [
    "ARCHIVED_MEDIA",
    "EVENT_NAMES",
    "IVS",
    "KINESISVIDEO",
    "MEDIA",
    "SERVICES",
    "SIGNALING",
    "WEBRTC_STORAGE",
    "botocore_version",
    "endpoint_data",
    "enum_values",
    "installed_services",
    "operation_model",
    "service_model",
]


def botocore_version() -> str:
    return str(botocore.__version__)


@cache
def _loader() -> Loader:
    """The loader a default botocore session uses: the same search path as the clients'
    (``AWS_DATA_PATH``, ``~/.aws/models``, botocore's own data)."""
    loader: Loader = botocore.session.Session().get_component("data_loader")
    return loader


@cache
def installed_services() -> tuple[str, ...]:
    """The services of :data:`SERVICES` whose model the installed botocore has."""
    available = set(_loader().list_available_services("service-2"))
    return tuple(service for service in SERVICES if service in available)


@cache
def endpoint_data() -> dict[str, Any]:
    """botocore's endpoint data (``endpoints.json``): partitions, their regions and DNS suffixes."""
    data: dict[str, Any] = _loader().load_data("endpoints")
    return data


@cache
def service_model(service: str) -> ServiceModel:
    data = _loader().load_service_model(service, "service-2")
    return ServiceModel(data, service_name=service)


@cache
def operation_model(service: str, operation: str) -> OperationModel:
    return service_model(service).operation_model(operation)


def enum_values(service: str, shape: str) -> tuple[str, ...]:
    """The enum a string shape of ``service`` declares."""
    string = service_model(service).shape_for(shape)
    assert isinstance(string, StringShape)
    return tuple(string.enum)
