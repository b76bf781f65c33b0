"""The KVS media simulation controls of ``KvsFake`` (a mixin): the producer's part."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..archived_media.delivery import DeliveredImage, Notification
    from ..archived_media.sessions import StreamingSession
    from ..kinesisvideo.resources import Stream
    from ..runtime import Runtime
    from .fragments import FragmentLog
    from .state import MediaState


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
        codec: str = "V_MPEG4/ISO/AVC",
        fault: str | None = None,
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
        its own). ``codec``: the CodecID of track 1 (``V_MPEGH/ISO/HEVC``, ``A_AAC``, ``V_VP8``,
        ...: playback and clips refuse the codecs they do not support); ``fault``: what is
        wrong with the media, ``"missing_codec_private_data"``, ``"invalid_codec_private_data"``
        or ``"invalid_media_frames"`` (None: nothing); with ``fragments`` both describe the
        caller's bytes. The stream keeps them for its DataRetentionInHours (0: none). ``ValueError``
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
                (codec, fault),
            )

    def delivered_images(self, stream: str, *, region: str | None = None) -> list[DeliveredImage]:
        """The images an ENABLED image generation configuration of the stream (a name or ARN
        of the calling account) has written to its S3 destination by now, oldest first: one
        every SamplingInterval ms of each kept fragment, with its time, S3 URI, format and
        size. DISABLED or none: ``[]``. Derived from the fragments and the configuration as
        they are now."""
        from ..archived_media.delivery import delivered_images

        with self._runtime.lock:
            found, account, log, horizon = self._media_of(stream, region)
            return delivered_images(found, account, log, horizon)

    def notifications(self, stream: str, *, region: str | None = None) -> list[Notification]:
        """The SNS messages an ENABLED notification configuration of the stream has published
        by now: one per kept fragment (NotificationType PERSISTED), oldest first."""
        from ..archived_media.delivery import notifications

        with self._runtime.lock:
            found, _, log, horizon = self._media_of(stream, region)
            return notifications(found, log, horizon)

    def _media_of(self, stream: str, region: str | None) -> tuple[Stream, str, FragmentLog, float]:
        """The stream (a name or ARN of this account, as ``put_media`` takes it), its account,
        its fragments (ingestion caught up) and its retention horizon."""
        from ...model import KINESISVIDEO, MEDIA
        from .producer import _refuse, _region_of
        from .streams import horizon_ms

        runtime, account = self._runtime, self.account_id
        now = runtime.clock.now()
        name, where = _region_of(runtime, account, stream, region, now)
        found = runtime.state(KINESISVIDEO, account, where).streams.get(name, now)
        if found is None or (stream.startswith("arn:") and found.arn != stream):
            raise _refuse(f"there is no stream {stream} in {where}")
        media: MediaState = runtime.state(MEDIA, account, where)
        log = media.log_at(found.arn, found.data_retention_hours, now)
        return found, account, log, horizon_ms(found, now)

    def streaming_sessions(self, stream: str) -> list[StreamingSession]:
        """The HLS and DASH sessions issued for the streams of this account with this name or
        ARN (every region; a re-created stream's too), oldest first: ``.protocol``, ``.url``,
        ``.playback_mode``, ``.fragment_selector_type``, ``.options`` (defaults applied),
        ``.fragment_numbers`` (the playlist at creation), ``.created_at``, ``.expires_at``,
        ``.revoked_at`` and ``.status(kvs_fake.now().timestamp())``."""
        from ...model import ARCHIVED_MEDIA

        runtime = self._runtime
        with runtime.lock:
            found = []
            for (account, _), state in runtime.backends[ARCHIVED_MEDIA].regions():
                if account == self.account_id:
                    found += [s for s in state.sessions.issued if _names(s.stream_arn, stream)]
            return sorted(found, key=lambda session: session.created_at)


def _names(arn: str, stream: str) -> bool:
    """Whether ``stream`` (a name or an ARN) names the stream with this ARN."""
    return stream == arn or stream == arn.split("/")[1]
