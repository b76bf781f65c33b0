"""The kinesis-video-signaling operation registry."""

from __future__ import annotations

from ...model import SIGNALING
from ..base import Operations

operation = Operations(SIGNALING)
