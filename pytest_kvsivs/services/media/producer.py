"""The simulated producer: what a PutMedia session leaves in a stream (``KvsFake.put_media``)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from ...model import KINESISVIDEO, MEDIA
from ..kinesisvideo.identifiers import parse_arn
from ..kinesisvideo.registry import Status
from ..kinesisvideo.resources import Stream
from ..kinesisvideo.state import KinesisVideoState
from . import mkv
from .fragments import FAULTS, Fragment, FragmentLog, Track
from .state import MediaState
from .streams import epoch_ms

if TYPE_CHECKING:
    from ..runtime import Runtime

CONTROL = "put_media"
Moment = datetime | float


def _refuse(message: str) -> ValueError:
    return ValueError(
        f"{CONTROL}: {message} (see the pytest-kvsivs README, 'The fixture and KvsFake')"
    )


def _regions_holding(runtime: Runtime, account_id: str, name: str, now: float) -> list[str]:
    found = []
    for (account, region), state in runtime.backends[KINESISVIDEO].regions():
        if account == account_id and state.streams.get(name, now) is not None:
            found.append(region)
    return found


def _region_of(
    runtime: Runtime, account_id: str, stream: str, region: str | None, now: float
) -> tuple[str, str]:
    """(the stream's name, its region): an ARN's region, else ``region``, else the only region
    of this account holding a stream of that name."""
    arn = parse_arn(stream)
    if arn is not None:
        if arn.account != account_id or (region is not None and region != arn.region):
            raise _refuse(
                f"{stream} is not a stream of account {account_id}"
                + (f" in {region}" if region is not None else "")
            )
        return arn.name, arn.region
    if region is not None:
        return stream, region
    regions = _regions_holding(runtime, account_id, stream, now)
    if not regions:
        raise _refuse(f"account {account_id} has no stream named {stream} in any region")
    if len(regions) > 1:
        raise _refuse(
            f"account {account_id} has streams named {stream} in {', '.join(regions)}; "
            "pass region= or the stream's ARN"
        )
    return stream, regions[0]


def _stream(
    runtime: Runtime, account_id: str, stream: str, region: str | None
) -> tuple[Stream, str]:
    now = runtime.clock.now()
    name, where = _region_of(runtime, account_id, stream, region, now)
    state: KinesisVideoState = runtime.state(KINESISVIDEO, account_id, where)
    found = state.streams.get(name, now)
    if found is not None and parse_arn(stream) is not None and found.arn != stream:
        found = None
    if found is None:
        known = sorted(s.name for s in state.streams.values())
        raise _refuse(f"there is no stream {stream} in {where} (streams there: {known or 'none'})")
    status = found.status(now)
    if status != Status.ACTIVE:
        raise _refuse(
            f"stream {found.name} is {status}; a producer can only send media to an ACTIVE "
            "stream (settle() or advance() the fake first)"
        )
    return found, where


def _track(size: tuple[int, int], codec: str, fault: str | None) -> Track:
    if fault is not None and fault not in FAULTS:
        raise _refuse(f"fault={fault!r} is not one of {', '.join(FAULTS)} (or None)")
    if not codec:
        raise _refuse("codec must be a Matroska CodecID such as V_MPEG4/ISO/AVC; got ''")
    return Track(codec, *size, fault)


def _synthesized(at: int, track: Track) -> bytes:
    private = mkv.CODEC_PRIVATE.get(track.codec)
    if track.fault == "missing_codec_private_data":
        private = None
    elif track.fault == "invalid_codec_private_data":
        private = b"\x00\x00"
    frame = b"\xff\xff" if track.fault == "invalid_media_frames" else mkv.FRAME
    return mkv.fragment(at, track.width, track.height, track.codec, private, frame)


def _media(
    fragments: Sequence[bytes] | None, count: int, producer_ms: list[int], track: Track
) -> list[bytes]:
    if fragments is None:
        return [_synthesized(at, track) for at in producer_ms[:count]]
    for index, media in enumerate(fragments):
        if not isinstance(media, bytes | bytearray):
            raise _refuse(f"fragments[{index}] is {type(media).__name__}, not bytes of Matroska")
        try:
            mkv.check_document(bytes(media))
        except ValueError as err:
            raise _refuse(f"fragments[{index}] is not a Matroska fragment: {err}") from None
    return [bytes(media) for media in fragments]


def put_media(
    runtime: Runtime,
    account_id: str,
    stream: str,
    region: str | None,
    timing: tuple[float, float, Moment | None, Moment | None],
    size: tuple[int, int],
    fragments: Sequence[bytes] | None,
    media: tuple[str, str | None] = (mkv.CODEC, None),
) -> list[str]:
    """Store the fragments a producer session sent; their numbers. ``media``: the CodecID of
    track 1 and the fault (one of ``FAULTS``) the media has, if any."""
    duration, fragment_duration, start, producer_start = timing
    track = _track(size, *media)
    target, where = _stream(runtime, account_id, stream, region)
    if fragment_duration <= 0 or (fragments is None and duration <= 0):
        raise _refuse(
            f"duration and fragment_duration must be above 0 seconds; got {duration!r} and "
            f"{fragment_duration!r}"
        )
    now_ms = runtime.clock.now() * 1000
    step = round(fragment_duration * 1000)
    count = len(fragments) if fragments is not None else math.ceil(duration * 1000 / step - 1e-9)
    total = count * step if fragments is not None else round(duration * 1000)
    first = round(now_ms - total) if start is None else round(epoch_ms(start))
    media_state: MediaState = runtime.state(MEDIA, account_id, where)
    log = media_state.log(target.arn)
    _check_start(first, total, now_ms, log.end_ms)
    producer_first = first if producer_start is None else round(epoch_ms(producer_start))
    lengths = [min(step, total - i * step) for i in range(count)]
    producer_ms = [producer_first + i * step for i in range(count)]
    sent = _media(fragments, count, producer_ms, track)
    return _store(log, target, first, step, lengths, producer_ms, (sent, track))


def _check_start(first: int, total: int, now_ms: float, end_ms: int | None) -> None:
    if first + total > now_ms + 0.5:
        raise _refuse(
            f"the fragments would end at {first + total} ms, after the fake's now ({int(now_ms)} "
            "ms): server timestamps are when fragments arrived"
        )
    if end_ms is not None and first < end_ms:
        raise _refuse(
            f"start {first} ms is before the end of the stream's newest fragment ({end_ms} ms): "
            "server timestamps only move forward"
        )


def _store(
    log: FragmentLog,
    stream: Stream,
    first: int,
    step: int,
    lengths: list[int],
    producer_ms: list[int],
    media: tuple[list[bytes], Track],
) -> list[str]:
    sent, track = media
    numbers = []
    for index, (length, produced, data) in enumerate(zip(lengths, producer_ms, sent, strict=True)):
        number = log.mint()
        numbers.append(number)
        if stream.data_retention_hours:  # retention 0: the service keeps nothing
            log.append(Fragment(number, first + index * step, produced, length, data, track))
    return numbers
