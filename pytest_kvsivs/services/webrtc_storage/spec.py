"""The kinesis-video-webrtc-storage package as the core sees it."""

from __future__ import annotations

from ...model import WEBRTC_STORAGE
from ..kinesisvideo.spec import SPEC as KINESISVIDEO_SPEC
from ..spec import ServiceSpec, no_controls
from . import sessions  # noqa: F401  (registers the operations)
from .registry import operation
from .state import new_state

SPEC = ServiceSpec(
    service=WEBRTC_STORAGE,
    operations=operation,
    new_controls=no_controls,
    new_state=new_state,
    families=(),
    # Its model lists no ValidationException; InvalidArgumentException is the modeled error
    # for an invalid input value (reference 1.3).
    validation_error="InvalidArgumentException",
    error_namespace=KINESISVIDEO_SPEC.error_namespace,
)
