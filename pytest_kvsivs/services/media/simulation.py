"""The KVS media simulation controls of ``KvsFake`` (a mixin): the producer's part."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..runtime import Runtime


class MediaSimulation:
    """What a test can make a KVS producer do: PutMedia is not a botocore operation."""

    _runtime: Runtime

    if TYPE_CHECKING:

        @property
        def account_id(self) -> str: ...

    def put_media(
        self,
        stream: str,
        *,
        duration: float = 10.0,
        fragment_duration: float = 2.0,
        start: datetime | float | None = None,
        producer_start: datetime | float | None = None,
        width: int = 1280,
        height: int = 720,
        fragments: Sequence[bytes] | None = None,
        region: str | None = None,
    ) -> list[str]:
        """A producer sends media to a stream (a name or ARN of the calling account) with
        PutMedia; returns the fragment numbers, oldest first.

        Back-to-back fragments of ``fragment_duration`` seconds cover ``duration`` seconds
        ending at the fake's now, or starting at ``start`` (server timestamps; a datetime or
        epoch seconds); producer timestamps start at ``producer_start`` (default: the server
        ones). Each is a minimal Matroska fragment with one ``width`` x ``height`` H.264
        track, or, with ``fragments``, the caller's own Matroska fragments (bytes, each one
        lasting ``fragment_duration``; ``duration`` is then not used). ``region``: where the
        stream is (default: the only region of this account holding that name; an ARN names
        its own). The stream keeps them for its DataRetentionInHours (0: none). ``ValueError``
        for an unknown or not-ACTIVE stream, fragments that would end after now or start
        before the stream's newest one ends, and bytes that are not Matroska.
        """
        from .producer import put_media

        runtime = self._runtime
        with runtime.lock:
            return put_media(
                runtime,
                self.account_id,
                stream,
                region,
                (duration, fragment_duration, start, producer_start),
                (width, height),
                fragments,
            )
