"""What HLS, DASH and GetClip share: the stream must retain data, a fragment selector picks
fragments by their start timestamp, and the media must be something they can package.

Ranges (the model docs): fragments whose start (server or producer timestamp) is in
[StartTimestamp, EndTimestamp]; EndTimestamp later than StartTimestamp and within 24 hours of
it; a SERVER_TIMESTAMP EndTimestamp in the past and inside the retention period (the service's
words for the latter, as ListFragments). PRODUCER_TIMESTAMP ranges are in producer-time order,
and of fragments with the same producer start only the newest (largest number) is kept.

Media (the model's error docs): track 1's CodecID decides UnsupportedStreamMediaTypeException;
the producer's ``fault`` the codec private data errors and InvalidMediaFrameException, each
raised only by the operations whose model lists it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from functools import cache
from typing import Any

from ...errors import ServiceError
from ...model import ARCHIVED_MEDIA, service_model
from ..base import Call, Params
from ..kinesisvideo.resources import Stream
from ..media import mkv
from ..media.fragments import Fragment, FragmentLog
from ..media.streams import (
    check_retained,
    epoch_ms,
    fragments_of,
    horizon_ms,
    invalid_argument,
)

_DAY_MS = 24 * 3_600_000
PRODUCER = "PRODUCER_TIMESTAMP"
"""The selector type every fragment selector enum of the model shares with ListFragments'."""

VIDEO_CODECS = (mkv.CODEC, mkv.HEVC)
"""H.264 and H.265, as Matroska spells their CodecIDs (the model docs write
``V_MPEG/ISO/AVC``, which no Matroska muxer writes)."""
AUDIO_CODEC = "A_AAC"
_FAULT_ERRORS = {
    "missing_codec_private_data": (
        "MissingCodecPrivateDataException",
        "No codec private data was found in track 1 of fragment {number}.",
    ),
    "invalid_codec_private_data": (
        "InvalidCodecPrivateDataException",
        "The codec private data in track 1 of fragment {number} is not valid for {codec}.",
    ),
    "invalid_media_frames": (
        "InvalidMediaFrameException",
        "A frame of fragment {number} could not be parsed as {codec}.",
    ),
}


NO_DATA_RETENTION = "NoDataRetentionException"


def no_data_retention(stream: Stream, operation_name: str) -> ServiceError:
    """NoDataRetentionException where the operation's model lists it; an older model that
    does not (botocore 1.34.0's GetImages) gets InvalidArgumentException, same message."""
    listed = NO_DATA_RETENTION in _errors_of(operation_name)
    return ServiceError(
        NO_DATA_RETENTION if listed else "InvalidArgumentException",
        f"The stream {stream.name} does not retain data (DataRetentionInHours 0); "
        "UpdateDataRetention gives it a retention period.",
    )


def check_retention(stream: Stream, operation_name: str) -> None:
    if not stream.data_retention_hours:
        raise no_data_retention(stream, operation_name)


def time_range(
    kind: str, span: Params, stream: Stream, now: float, *, end_required: bool = True
) -> tuple[float, float]:
    """[start, end] in epoch ms of a TimestampRange (end: +inf when absent and optional)."""
    start = epoch_ms(span["StartTimestamp"])
    given: datetime | float | str | None = span.get("EndTimestamp")
    if given is None:
        if end_required:
            raise invalid_argument("TimestampRange EndTimestamp is required for this request.")
        return start, float("inf")
    end = epoch_ms(given)
    if end <= start:
        raise invalid_argument(
            f"End timestamp {int(end)} must be later than the start timestamp {int(start)}."
        )
    if end - start > _DAY_MS:
        raise invalid_argument(
            f"End timestamp {int(end)} is more than 24 hours after the start timestamp "
            f"{int(start)}."
        )
    if kind != PRODUCER:
        if end > now * 1000:
            raise invalid_argument(f"End timestamp {int(end)} is in the future.")
        check_retained("End", end, stream, now)
    return start, end


def _by_producer(log: FragmentLog, start: float, end: float, horizon: float) -> Iterator[Fragment]:
    """Kept fragments with a producer start in [start, end], one per producer start (the
    newest of those that share it)."""
    keys = log.producer_keys(start, end, None)
    for position in keys:
        fragment = log.by_producer(position)
        newer = position + 1
        if newer < keys.stop and log.by_producer(newer).producer_ms == fragment.producer_ms:
            continue
        if log.alive(fragment, horizon):
            yield fragment


def select(
    call: Call[Any], stream: Stream, kind: str, span: tuple[float, float]
) -> Iterator[Fragment]:
    """The kept fragments whose start is in ``span``, oldest first."""
    log = fragments_of(call, stream)
    horizon = horizon_ms(stream, call.now)
    if kind == PRODUCER:
        yield from _by_producer(log, span[0], span[1], horizon)
        return
    for index in log.server_span(span[0], span[1], horizon):
        yield log.at(index)


@cache
def _errors_of(operation_name: str) -> frozenset[str]:
    model = service_model(ARCHIVED_MEDIA).operation_model(operation_name)
    return frozenset(error.name for error in model.error_shapes)


def check_media(fragments: Sequence[Fragment], operation_name: str, codecs: Sequence[str]) -> None:
    """The first fragment's track 1 must be of one of ``codecs``; then the first fault found
    is answered when the operation's model lists its error."""
    listed = _errors_of(operation_name)
    first = fragments[0].track.codec
    if first not in codecs:
        raise ServiceError(
            "UnsupportedStreamMediaTypeException",
            f"The codec ID of track 1 of fragment {fragments[0].number} is {first}; "
            f"{operation_name} plays {', '.join(codecs)}.",
        )
    for fragment in fragments:
        fault = fragment.track.fault
        if fault is None:
            continue
        code, message = _FAULT_ERRORS[fault]
        if code in listed:
            raise ServiceError(
                code, message.format(number=fragment.number, codec=fragment.track.codec)
            )
