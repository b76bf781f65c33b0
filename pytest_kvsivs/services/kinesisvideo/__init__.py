"""Amazon Kinesis Video Streams control plane (``kinesisvideo``), one module per resource family."""

from __future__ import annotations

from ..base import Backend
from . import (  # noqa: F401  (each module registers its operations)
    edge,
    signaling_channels,
    storage,
    stream_configurations,
    streams,
    tagging,
)
from .registry import operation
from .state import KinesisVideoState


def backend() -> Backend[KinesisVideoState]:
    return Backend(operation, KinesisVideoState)
