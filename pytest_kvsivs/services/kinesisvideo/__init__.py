"""Amazon Kinesis Video Streams control plane (``kinesisvideo``), one module per resource family."""

from __future__ import annotations

from ...model import KINESISVIDEO
from ..base import Backend
from . import signaling_channels, tagging  # noqa: F401  (register their operations)
from .registry import operation
from .state import KinesisVideoState


def backend() -> Backend[KinesisVideoState]:
    return Backend(KINESISVIDEO, operation, KinesisVideoState)
