"""The kinesis-video-archived-media operation registry and the model's enums it uses."""

from __future__ import annotations

from ...model import ARCHIVED_MEDIA
from ..base import Operations
from ..common import ModelEnum, model_limit

operation = Operations(ARCHIVED_MEDIA)

FragmentSelectorType = ModelEnum(ARCHIVED_MEDIA, "FragmentSelectorType")
LIST_FRAGMENTS_MAX_RESULTS = model_limit(ARCHIVED_MEDIA, "ListFragmentsMaxResults")
"""ListFragments' page size without MaxResults: the model documents no default; its maximum
(inferred)."""

ImageSelectorType = ModelEnum(ARCHIVED_MEDIA, "ImageSelectorType")
ImageError = ModelEnum(ARCHIVED_MEDIA, "ImageError")

# GetImages, GetClip and the HLS and DASH sessions register here (after the names they
# import from this module).
from . import clip, images, streaming_sessions  # noqa: E402, F401
