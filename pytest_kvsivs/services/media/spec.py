"""The kinesis-video-media package as the core sees it."""

from __future__ import annotations

from ...model import MEDIA
from ..kinesisvideo.spec import SPEC as KINESISVIDEO_SPEC
from ..spec import ServiceSpec
from . import get_media  # noqa: F401  (registers its operation)
from .registry import operation
from .state import MediaControls, MediaState

SPEC = ServiceSpec(
    service=MEDIA,
    operations=operation,
    new_controls=MediaControls.of,
    new_state=MediaState,
    families=(),
    # Its model lists InvalidArgumentException (and no ValidationException), as kinesisvideo's.
    validation_error="InvalidArgumentException",
    error_namespace=KINESISVIDEO_SPEC.error_namespace,
)
