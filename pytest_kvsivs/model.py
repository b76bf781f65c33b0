"""The botocore service models of the installed botocore: the source of truth for shapes."""

from __future__ import annotations

from functools import cache

from botocore.loaders import create_loader
from botocore.model import OperationModel, ServiceModel, StringShape

KINESISVIDEO = "kinesisvideo"
IVS = "ivs"
ARCHIVED_MEDIA = "kinesis-video-archived-media"
MEDIA = "kinesis-video-media"
SIGNALING = "kinesis-video-signaling"
WEBRTC_STORAGE = "kinesis-video-webrtc-storage"

SERVICES: tuple[str, ...] = (KINESISVIDEO, IVS, ARCHIVED_MEDIA, MEDIA, SIGNALING, WEBRTC_STORAGE)
"""Every botocore service the fake answers for while it is active."""


@cache
def service_model(service: str) -> ServiceModel:
    loader = create_loader()
    return ServiceModel(loader.load_service_model(service, "service-2"), service_name=service)


@cache
def operation_model(service: str, operation: str) -> OperationModel:
    return service_model(service).operation_model(operation)


def enum_values(service: str, shape: str) -> tuple[str, ...]:
    """The enum a string shape of ``service`` declares."""
    string = service_model(service).shape_for(shape)
    assert isinstance(string, StringShape)
    return tuple(string.enum)
