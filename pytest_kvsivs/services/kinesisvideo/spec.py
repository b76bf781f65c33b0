"""The kinesisvideo package as the core sees it."""

from __future__ import annotations

from ...model import KINESISVIDEO
from ..spec import ServiceSpec
from . import (  # noqa: F401  (each module registers its operations)
    edge,
    signaling_channels,
    storage,
    stream_configurations,
    streams,
    tagging,
)
from .defaults import FAMILIES
from .registry import operation
from .state import KinesisVideoControls, KinesisVideoState

SPEC = ServiceSpec(
    service=KINESISVIDEO,
    operations=operation,
    new_controls=KinesisVideoControls.of,
    new_state=KinesisVideoState,
    families=FAMILIES,
    # The KVS models list no ValidationException; the documented error for an invalid input
    # value is InvalidArgumentException (reference 1.3).
    validation_error="InvalidArgumentException",
    error_namespace="https://kinesisvideo.amazonaws.com/doc/2017-09-30/",
)
