"""The kinesis-video-media operation registry and the model's enums it uses."""

from __future__ import annotations

from ...model import MEDIA
from ..base import Operations
from ..common import ModelEnum

operation = Operations(MEDIA)

StartSelectorType = ModelEnum(MEDIA, "StartSelectorType")
