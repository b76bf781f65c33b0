"""archived-media reads streams (kinesisvideo) and their fragments (media) through
``call.peer``; it keeps only the streaming sessions it issued."""

from __future__ import annotations

from ..media.state import MediaControls
from .sessions import StreamingSessions


class ArchivedMediaState:
    def __init__(self, controls: MediaControls) -> None:
        self.controls = controls
        self.sessions = StreamingSessions()

    def settle(self, now: float) -> None:
        return None
