"""archived-media keeps nothing of its own: it reads streams (kinesisvideo) and their
fragments (media) through ``call.peer``."""

from __future__ import annotations

from ..media.state import MediaControls


class ArchivedMediaState:
    def __init__(self, controls: MediaControls) -> None:
        self.controls = controls

    def settle(self, now: float) -> None:
        return None
