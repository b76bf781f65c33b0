"""The WebRTC storage controls of ``KvsFake`` (a mixin): what a test reads of storage sessions."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..runtime import Runtime
    from .state import StorageSessionInfo


class WebrtcStorageSimulation:
    """What a test can see of WebRTC ingestion."""

    _runtime: Runtime

    def storage_session(self, channel_arn: str) -> StorageSessionInfo | None:
        """The channel's storage session (None until a peer joins one, or once the channel no
        longer stores its media in the session's stream): the stream, since when a master is
        joined (JoinStorageSession: media is ingested since then) and the joined viewers."""
        from .sessions import storage_session

        with self._runtime.lock:
            return storage_session(self._runtime, channel_arn)
