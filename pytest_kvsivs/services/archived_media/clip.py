"""GetClip: an MP4 file of the fragments in the ClipFragmentSelector range.

The clip holds the first 200 fragments or the first 100 MB of them (the model's Payload
doc), one sample per fragment: its token key frame as a 4-byte-length NAL unit, lasting the
fragment's length. The track is the first fragment's (codec, width, height, codec private
data). No fragment in the range: ``ResourceNotFoundException`` (inferred: the model lists it
and a clip of nothing is no MP4).
"""

from __future__ import annotations

from itertools import islice
from typing import Any

from ...errors import ServiceError
from ..base import Call, Output, Params
from ..media import mkv
from ..media.fragments import Fragment
from ..media.streams import check_endpoint, find_stream
from . import mp4
from .playback import VIDEO_CODECS, check_media, check_retention, select, time_range
from .registry import operation

OPERATION = "GetClip"
CONTENT_TYPE = "video/mp4"
MAX_FRAGMENTS = 200
MAX_BYTES = 100 * 1024 * 1024
"""The clip limits the model's Payload doc gives ("the first 100 MB or the first 200
fragments")."""


def _within_limits(fragments: list[Fragment]) -> list[Fragment]:
    kept: list[Fragment] = []
    total = 0
    for fragment in fragments:
        total += len(fragment.media)
        if kept and total > MAX_BYTES:
            break
        kept.append(fragment)
    return kept


def _sample(fragment: Fragment) -> mp4.Sample:
    nal = mkv.FRAME[4:]  # the Annex B start code becomes a length prefix in MP4
    return mp4.Sample(fragment.length_ms, len(nal).to_bytes(4, "big") + nal)


def _track(first: Fragment) -> mp4.VideoTrack:
    track = first.track
    entry = b"hvc1" if track.codec == mkv.HEVC else b"avc1"
    return mp4.VideoTrack(entry, mkv.CODEC_PRIVATE[track.codec], track.width, track.height)


@operation(OPERATION)
def get_clip(call: Call[Any], params: Params) -> Output:
    stream = find_stream(call, params)
    check_endpoint(call, stream, "GET_CLIP", "InvalidArgumentException")
    check_retention(stream, OPERATION)
    selector = params["ClipFragmentSelector"]
    kind: str = selector["FragmentSelectorType"]
    span = time_range(kind, selector["TimestampRange"], stream, call.now)
    fragments = _within_limits(list(islice(select(call, stream, kind, span), MAX_FRAGMENTS)))
    if not fragments:
        raise ServiceError(
            "ResourceNotFoundException",
            f"Stream {stream.name} has no fragment in the requested time range "
            "(ListFragments lists the fragments it keeps).",
        )
    check_media(fragments, OPERATION, VIDEO_CODECS)
    payload = mp4.movie(_track(fragments[0]), [_sample(fragment) for fragment in fragments])
    return Output(headers={"ContentType": CONTENT_TYPE}, payload=payload)
