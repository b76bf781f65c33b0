"""The IVS simulation controls of ``KvsFake`` (a mixin: the fake's public methods for IVS).

An encoder is not a botocore call: these controls play its part. The logic lives with the
families (``streams``, ``recording_configurations``); this module only finds the state.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ...names import IVS

if TYPE_CHECKING:
    from ..runtime import Runtime


class IvsSimulation:
    """What a test can make IVS do that no API call can."""

    _runtime: Runtime

    def start_broadcast(
        self,
        channel_arn: str,
        *,
        health: str = "HEALTHY",
        viewer_count: int = 0,
        ingest: Mapping[str, Any] | None = None,
    ) -> str:
        """An encoder connects to the channel with its stream key: the channel goes live.

        Returns the new stream session's ``streamId``. ``ValueError`` if the channel does not
        exist, has no stream key or is live already.
        """
        from .streams import start_broadcast

        runtime = self._runtime
        with runtime.lock:
            return start_broadcast(runtime, channel_arn, health, viewer_count, ingest)

    def stop_broadcast(self, channel_arn: str) -> None:
        """The encoder disconnects: the stream session ends. ``ValueError`` if not live."""
        from .streams import stop_broadcast

        runtime = self._runtime
        with runtime.lock:
            stop_broadcast(runtime, channel_arn)

    def set_stream_health(
        self, channel_arn: str, health: str, *, viewer_count: int | None = None
    ) -> None:
        """The live stream's health changes, as IVS measures the encoder's input.

        GetStream and ListStreams (and its ``filterBy.health``) then show ``health`` (one of
        the model's StreamHealth: HEALTHY, STARVING, UNKNOWN) and, if given, ``viewer_count``
        (-1: the count timed out). Entering STARVING adds a "Starvation Start" event to the
        stream session, leaving it a "Starvation End" (type "IVS Stream Health Change").
        ``ValueError`` if the channel does not exist or is not live, or for another health or
        viewer count.
        """
        from .streams import set_stream_health

        runtime = self._runtime
        with runtime.lock:
            set_stream_health(runtime, channel_arn, health, viewer_count)

    def set_bucket_region(self, bucket_name: str, region: str) -> None:
        """Say where an S3 bucket lives (by default a bucket is in the region of the recording
        configuration that names it); read when a recording configuration is created.
        ``ValueError`` for what is not a bucket name or a region."""
        from .recording_configurations import set_bucket_region

        with self._runtime.lock:
            set_bucket_region(self._runtime.controls(IVS), bucket_name, region)
