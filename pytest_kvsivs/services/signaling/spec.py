"""The kinesis-video-signaling package as the core sees it."""

from __future__ import annotations

from ...model import SIGNALING
from ..kinesisvideo.spec import SPEC as KINESISVIDEO_SPEC
from ..spec import ServiceSpec, no_controls
from . import ice_servers, masters  # noqa: F401  (each module registers its operations)
from .registry import operation
from .state import new_state

SPEC = ServiceSpec(
    service=SIGNALING,
    operations=operation,
    new_controls=no_controls,
    new_state=new_state,
    families=(),
    # As the control plane: the model lists no ValidationException (reference 1.3).
    validation_error="InvalidArgumentException",
    error_namespace=KINESISVIDEO_SPEC.error_namespace,
)
