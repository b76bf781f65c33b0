"""The kinesis-video-webrtc-storage operation registry."""

from __future__ import annotations

from ...model import WEBRTC_STORAGE
from ..base import Operations

operation = Operations(WEBRTC_STORAGE)
