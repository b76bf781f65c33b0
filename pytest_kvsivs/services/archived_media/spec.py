"""The kinesis-video-archived-media package as the core sees it."""

from __future__ import annotations

from ...model import ARCHIVED_MEDIA
from ..kinesisvideo.spec import SPEC as KINESISVIDEO_SPEC
from ..media.state import MediaControls
from ..spec import ServiceSpec
from . import fragment_media, list_fragments  # noqa: F401  (each registers its operation)
from .registry import operation
from .state import ArchivedMediaState

SPEC = ServiceSpec(
    service=ARCHIVED_MEDIA,
    operations=operation,
    new_controls=MediaControls.of,
    new_state=ArchivedMediaState,
    families=(),
    # Its model lists InvalidArgumentException (and no ValidationException), as kinesisvideo's.
    validation_error="InvalidArgumentException",
    error_namespace=KINESISVIDEO_SPEC.error_namespace,
)
