"""GetHLSStreamingSessionURL and GetDASHStreamingSessionURL: a streaming session on the
stream's read endpoint, and its URL.

The URL is the stream's ``b-`` data endpoint, the protocol's path and an opaque SessionToken
(reference 1.5: ``.../hls/v1/getHLSMasterPlaylist.m3u8?SessionToken=CiB...``,
``.../dash/v1/getDASHManifest.mpd?SessionToken=...``): base64url of random bytes from the
fake's generator (a seeded fake repeats them), framed as a protobuf message so that it
starts ``Ci`` as real ones do. The fake keeps each session (``kvs_fake.streaming_sessions``)
with the fragments its playlist or manifest held when it was created and every option with
its default applied; nothing serves the URL itself (a media player's requests are HTTP GETs,
not botocore calls).

Modes (the model docs): LIVE takes the newest fragments, needs one that ended in the last 30
seconds (the ResourceNotFoundException doc) and refuses a TimestampRange; LIVE_REPLAY and
ON_DEMAND need a TimestampRange and take the oldest fragments in it (ON_DEMAND also needs its
EndTimestamp). At most 10 HLS sessions of a stream are active: an eleventh revokes the oldest
(reference 4).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from itertools import islice
from typing import Any

from ...errors import ServiceError
from ...model import ARCHIVED_MEDIA
from ..base import Body, Call, Params
from ..common import ModelEnum, model_limit
from ..kinesisvideo.defaults import READ_ENDPOINT_PREFIX
from ..kinesisvideo.identifiers import endpoint
from ..kinesisvideo.resources import Stream
from ..media.fragments import Fragment
from ..media.streams import (
    check_endpoint,
    find_stream,
    fragments_of,
    horizon_ms,
    invalid_argument,
)
from .playback import (
    AUDIO_CODEC,
    PRODUCER,
    VIDEO_CODECS,
    check_media,
    check_retention,
    select,
    time_range,
)
from .registry import operation
from .sessions import StreamingSession

PlaybackMode = ModelEnum(ARCHIVED_MEDIA, "HLSPlaybackMode")
SelectorType = ModelEnum(ARCHIVED_MEDIA, "HLSFragmentSelectorType")
ContainerFormat = ModelEnum(ARCHIVED_MEDIA, "ContainerFormat")
Discontinuity = ModelEnum(ARCHIVED_MEDIA, "HLSDiscontinuityMode")
Display = ModelEnum(ARCHIVED_MEDIA, "HLSDisplayFragmentTimestamp")
EXPIRES_DEFAULT = model_limit(ARCHIVED_MEDIA, "Expires", "min")
"""Expires without a value: the model doc's default, 300 s, which is its minimum."""
LIVE_MAX_RESULTS, ON_DEMAND_MAX_RESULTS = 5, 1000
"""The fragment count defaults of the model docs (LIVE and LIVE_REPLAY, ON_DEMAND)."""
RECENT_MS = 30_000
"""LIVE needs a fragment in the last 30 s (the model's ResourceNotFoundException doc)."""
HLS_ACTIVE_SESSIONS = 10
"""Active HLS sessions per stream; a new one revokes the oldest (reference 4, the limits
page)."""
CODECS = (*VIDEO_CODECS, AUDIO_CODEC)
"""Track 1 codecs HLS and DASH play (their model docs: H.264, H.265, or AAC audio only)."""


@dataclass(frozen=True, slots=True)
class Protocol:
    name: str
    operation: str
    api: str
    selector: str
    max_results: str
    path: str
    answer: str
    active_limit: int | None


HLS = Protocol(
    "HLS",
    "GetHLSStreamingSessionURL",
    "GET_HLS_STREAMING_SESSION_URL",
    "HLSFragmentSelector",
    "MaxMediaPlaylistFragmentResults",
    "/hls/v1/getHLSMasterPlaylist.m3u8",
    "HLSStreamingSessionURL",
    HLS_ACTIVE_SESSIONS,
)
DASH = Protocol(
    "DASH",
    "GetDASHStreamingSessionURL",
    "GET_DASH_STREAMING_SESSION_URL",
    "DASHFragmentSelector",
    "MaxManifestFragmentResults",
    "/dash/v1/getDASHManifest.mpd",
    "DASHStreamingSessionURL",
    None,
)


def _token(call: Call[Any]) -> str:
    rng = call.env.rng
    message = b"\x0a\x20" + rng.randbytes(32) + b"\x12\x40" + rng.randbytes(64)
    return base64.urlsafe_b64encode(message).rstrip(b"=").decode()


def _live(call: Call[Any], stream: Stream, selector: Params, limit: int) -> list[Fragment]:
    if selector.get("TimestampRange") is not None:
        raise invalid_argument("TimestampRange must not be set for PlaybackMode LIVE.")
    log = fragments_of(call, stream)
    recent = call.now * 1000 - RECENT_MS
    fragments = [
        f for f in log.kept(0, horizon_ms(stream, call.now)) if f.server_ms + f.length_ms >= recent
    ]
    if not fragments:
        raise ServiceError(
            "ResourceNotFoundException",
            f"Stream {stream.name} has no fragments from the last 30 seconds; "
            "PlaybackMode LIVE_REPLAY or ON_DEMAND plays older ones.",
        )
    return fragments[-limit:]


def _archived(
    call: Call[Any], stream: Stream, mode: str, selector: Params, limit: int
) -> list[Fragment]:
    span = selector.get("TimestampRange")
    if span is None or span.get("StartTimestamp") is None:
        raise invalid_argument(
            f"PlaybackMode {mode} needs a fragment selector with a TimestampRange and its "
            "StartTimestamp."
        )
    kind = selector.get("FragmentSelectorType") or SelectorType.SERVER_TIMESTAMP
    ends = mode == PlaybackMode.ON_DEMAND
    found = list(
        islice(
            select(call, stream, kind, time_range(kind, span, stream, call.now, end_required=ends)),
            limit,
        )
    )
    if not found:
        raise ServiceError(
            "ResourceNotFoundException",
            f"Stream {stream.name} has no fragments in the requested time range "
            "(ListFragments lists the fragments it keeps).",
        )
    return found


def _options(protocol: Protocol, params: Params, kind: str, limit: int) -> dict[str, str | int]:
    options: dict[str, str | int] = {
        "DisplayFragmentTimestamp": params.get("DisplayFragmentTimestamp") or Display.NEVER,
        protocol.max_results: limit,
    }
    if protocol is HLS:
        options["ContainerFormat"] = params.get("ContainerFormat") or ContainerFormat.FRAGMENTED_MP4
        by_producer = kind == PRODUCER
        options["DiscontinuityMode"] = params.get("DiscontinuityMode") or (
            Discontinuity.NEVER if by_producer else Discontinuity.ALWAYS
        )
    else:
        options["DisplayFragmentNumber"] = params.get("DisplayFragmentNumber") or Display.NEVER
    return options


def _session(protocol: Protocol, call: Call[Any], params: Params) -> Body:
    stream = find_stream(call, params)
    check_endpoint(call, stream, protocol.api, "InvalidArgumentException")
    check_retention(stream, protocol.operation)
    mode: str = params.get("PlaybackMode") or PlaybackMode.LIVE
    selector: Params = params.get(protocol.selector) or {}
    kind: str = selector.get("FragmentSelectorType") or SelectorType.SERVER_TIMESTAMP
    default = ON_DEMAND_MAX_RESULTS if mode == PlaybackMode.ON_DEMAND else LIVE_MAX_RESULTS
    limit: int = params.get(protocol.max_results) or default
    if mode == PlaybackMode.LIVE:
        fragments = _live(call, stream, selector, limit)
    else:
        fragments = _archived(call, stream, mode, selector, limit)
    check_media(fragments, protocol.operation, CODECS)
    base = endpoint("https", READ_ENDPOINT_PREFIX, call.region, call.account_id, stream.arn)
    url = f"{base}{protocol.path}?SessionToken={_token(call)}"
    expires: int = params.get("Expires") or EXPIRES_DEFAULT
    session = StreamingSession(
        protocol.name,
        stream.arn,
        url,
        mode,
        kind,
        _options(protocol, params, kind, limit),
        tuple(fragment.number for fragment in fragments),
        call.now,
        call.now + expires,
    )
    call.state.sessions.add(session, protocol.active_limit)
    return {protocol.answer: url}


@operation(HLS.operation)
def get_hls_streaming_session_url(call: Call[Any], params: Params) -> Body:
    return _session(HLS, call, params)


@operation(DASH.operation)
def get_dash_streaming_session_url(call: Call[Any], params: Params) -> Body:
    return _session(DASH, call, params)
