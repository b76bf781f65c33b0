"""IVS live streams and the simulated broadcaster: GetStream, ListStreams, StopStream,
PutMetadata, InsertAdBreak, and the logic of ``KvsFake.start_broadcast`` / ``stop_broadcast``
/ ``set_stream_health``.

A live stream is not a resource of its own: AWS makes one when an encoder connects to a
channel with the channel's stream key (reference 3.1). The controls play the encoder; each
connection opens a stream session (``sessions``), which StopStream or ``stop_broadcast``
closes. An offline channel answers ChannelNotBroadcasting; ``state`` is always LIVE (the
model: do not rely on OFFLINE, the error says the stream is not live).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any

from botocore.utils import parse_to_aware_datetime

from ...model import IVS, service_model
from ..base import Body, Call, Params
from ..common import alnum, model_limit
from ..pagination import mint, page
from ..runtime import Runtime
from . import errors
from .defaults import LIST_LIMIT, NONE_ARN
from .identifiers import iso_time, parse_arn, stream_id
from .lookup import after_token, cut, find, members
from .registry import StreamHealth, StreamState, operation
from .resources import Record, StreamSession
from .sessions import change_health, close_session, open_session
from .state import IvsState

# Defaults
METADATA_MAX_BYTES = 1024
"""PutMetadata payload (model doc: "Maximum: 1 KB per request"; read as 1024 bytes of UTF-8,
the payload's size on the wire; inferred)."""
METADATA_PER_CHANNEL = 5
"""PutMetadata (model doc: "At most 5 requests per second per channel")."""
METADATA_PER_ACCOUNT = 155
"""PutMetadata (model doc: "At most 155 requests per second per account"; per region, as
IVS quotas are)."""
RATE_WINDOW = 1.0
"""The seconds those rates count over: a request is refused while as many accepted requests
are less than a second old (a sliding window; refused requests do not count)."""


# -- the simulated broadcaster ----------------------------------------------------------------


def _channel_for_control(
    runtime: Runtime, control: str, channel_arn: str
) -> tuple[IvsState, Record]:
    arn = parse_arn(channel_arn)
    state: IvsState | None = None
    if arn is not None:
        state = runtime.state(IVS, arn.account, arn.region)
    channel = state.channels.get(channel_arn) if state is not None else None
    if state is None or channel is None:
        raise ValueError(f"{control}: there is no IVS channel {channel_arn}.")
    return state, channel


def _check_health(control: str, health: str) -> None:
    if health not in StreamHealth.values:
        allowed = ", ".join(StreamHealth.values)
        raise ValueError(f"{control}: health must be one of {allowed}; got {health!r}.")


def _check_viewer_count(control: str, viewer_count: int) -> None:
    if isinstance(viewer_count, bool) or not isinstance(viewer_count, int) or viewer_count < -1:
        raise ValueError(
            f"{control}: viewer_count must be an integer, -1 (timed out) or more; "
            f"got {viewer_count!r}."
        )


def _check_broadcast(health: str, viewer_count: int, ingest: Mapping[str, Any] | None) -> None:
    _check_health("start_broadcast", health)
    _check_viewer_count("start_broadcast", viewer_count)
    if ingest is not None:
        _check_members(ingest, "IngestConfiguration", "ingest")


def _check_members(value: Mapping[str, Any], shape: str, where: str) -> None:
    """``start_broadcast(ingest=...)`` is shaped like the model's structure (two levels)."""
    if not isinstance(value, Mapping):
        raise ValueError(f"start_broadcast: {where} must be a dict shaped like {shape}.")
    known = members(shape)
    for name, item in value.items():
        if name not in known:
            listed = ", ".join(sorted(known))
            raise ValueError(
                f"start_broadcast: {where} has no member {name!r} ({shape} has {listed})."
            )
        inner = service_model(IVS).shape_for(known[name])
        if inner.type_name == "structure":
            _check_members(item, known[name], f"{where}[{name!r}]")


def start_broadcast(
    runtime: Runtime,
    channel_arn: str,
    health: str,
    viewer_count: int,
    ingest: Mapping[str, Any] | None,
) -> str:
    """An encoder connects with the channel's stream key; the new session's streamId."""
    state, channel = _channel_for_control(runtime, "start_broadcast", channel_arn)
    _check_broadcast(health, viewer_count, ingest)
    if state.stream_key_of(channel_arn) is None:
        raise ValueError(
            f"start_broadcast: channel {channel_arn} has no stream key to connect with "
            "(CreateStreamKey makes one)."
        )
    live = state.live.get(channel_arn)
    if live is not None:
        raise ValueError(
            f"start_broadcast: channel {channel_arn} is already live (stream {live.stream_id}); "
            "stop_broadcast() it first."
        )
    session = open_session(
        state,
        channel,
        stream_id(runtime.env.rng),
        runtime.clock.now(),
        health=health,
        viewer_count=viewer_count,
        ingest=ingest,
    )
    return session.stream_id


def stop_broadcast(runtime: Runtime, channel_arn: str) -> None:
    """The encoder disconnects: the live session ends."""
    state, _ = _channel_for_control(runtime, "stop_broadcast", channel_arn)
    live = state.live.get(channel_arn)
    if live is None:
        raise ValueError(f"stop_broadcast: channel {channel_arn} is not live.")
    close_session(state, live, runtime.clock.now())


def set_stream_health(
    runtime: Runtime, channel_arn: str, health: str, viewer_count: int | None
) -> None:
    """The live stream's health (and, if given, viewer count) change."""
    control = "set_stream_health"
    state, _ = _channel_for_control(runtime, control, channel_arn)
    _check_health(control, health)
    if viewer_count is not None:
        _check_viewer_count(control, viewer_count)
    live = state.live.get(channel_arn)
    if live is None:
        raise ValueError(f"{control}: channel {channel_arn} is not live.")
    change_health(live, health, runtime.clock.now())
    if viewer_count is not None:
        live.viewer_count = viewer_count


# -- GetStream, ListStreams, StopStream -------------------------------------------------------


def _live(call: Call[IvsState], channel_arn: str) -> tuple[Record, StreamSession]:
    """The channel and its live session: ResourceNotFoundException, ChannelNotBroadcasting."""
    channel = find(call.state.channels, channel_arn)
    session = call.state.live.get(channel.arn)
    if session is None:
        raise errors.not_broadcasting(channel.arn)
    return channel, session


def _summary(session: StreamSession) -> Body:
    """The live stream as ListStreams lists it."""
    return {
        "channelArn": session.channel_arn,
        "streamId": session.stream_id,
        "state": StreamState.LIVE,
        "health": session.health,
        "viewerCount": session.viewer_count,
        "startTime": iso_time(session.start),
    }


@operation("GetStream")
def get_stream(call: Call[IvsState], params: Params) -> Body:
    _, session = _live(call, params["channelArn"])
    return {"stream": {**_summary(session), "playbackUrl": session.channel["playbackUrl"]}}


def _list_key(session: StreamSession) -> str:
    """Live streams are listed in go-live order (the service gives none; inferred)."""
    return f"{session.start:020.6f}/{session.stream_id}"


@operation("ListStreams")
def list_streams(call: Call[IvsState], params: Params) -> Body:
    health = (params.get("filterBy") or {}).get("health")
    start = after_token(params, "ListStreams", health or "")
    by_key = {
        _list_key(session): session
        for session in call.state.live.values()
        if health is None or session.health == health
    }
    limit: int = params.get("maxResults") or LIST_LIMIT
    items, last = page(sorted(by_key), by_key.get, limit, start)
    body: Body = {"streams": [_summary(session) for session in items]}
    if last is not None:
        body["nextToken"] = mint("ListStreams", health or "", last)
    return body


@operation("StopStream")
def stop_stream(call: Call[IvsState], params: Params) -> Body:
    _, session = _live(call, params["channelArn"])
    close_session(call.state, session, call.now)
    return {}


# -- PutMetadata --------------------------------------------------------------------------------


def _recent(times: list[float], now: float) -> list[float]:
    return [t for t in times if t > now - RATE_WINDOW]


def _throttle(call: Call[IvsState], channel_arn: str) -> None:
    """Refuse above the per-channel and per-account rates; else count this request."""
    state, now = call.state, call.now
    mine = state.metadata_times[channel_arn] = _recent(
        state.metadata_times.get(channel_arn, []), now
    )
    if len(mine) >= METADATA_PER_CHANNEL:
        raise errors.throttled(
            f"more than {METADATA_PER_CHANNEL} PutMetadata requests per second "
            f"on channel {channel_arn}."
        )
    in_account = sum(len(_recent(times, now)) for times in state.metadata_times.values())
    if in_account >= METADATA_PER_ACCOUNT:
        raise errors.throttled(
            f"more than {METADATA_PER_ACCOUNT} PutMetadata requests per second "
            f"in account {call.account_id}."
        )
    mine.append(now)


@operation("PutMetadata")
def put_metadata(call: Call[IvsState], params: Params) -> Body:
    """The payload's size is checked first (input, like the model's constraints), then the
    channel (ResourceNotFoundException, ChannelNotBroadcasting), then the rates."""
    if len(params["metadata"].encode("utf-8")) > METADATA_MAX_BYTES:
        raise errors.validation(  # a sensitive member: the service does not echo the value
            "1 validation error detected: Value at 'metadata' failed to satisfy constraint: "
            f"Member must have a size less than or equal to {METADATA_MAX_BYTES} bytes"
        )
    channel, _ = _live(call, params["channelArn"])
    _throttle(call, channel.arn)
    return {}


# -- InsertAdBreak ------------------------------------------------------------------------------


def _epoch(value: datetime | str | float) -> float:
    """A request timestamp as botocore accepts it (datetime, naive meaning UTC, ISO string or
    epoch seconds)."""
    if isinstance(value, datetime):
        aware = value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)
        return aware.timestamp()
    return parse_to_aware_datetime(str(value)).timestamp()


@operation("InsertAdBreak")
def insert_ad_break(call: Call[IvsState], params: Params) -> Body:
    """Needs a live stream (ChannelNotBroadcasting, checked first) and an ad configuration on
    the channel (ConflictException: the channel's state, not the request, is wrong)."""
    channel, _ = _live(call, params["channelArn"])
    if channel.body["adConfigurationArn"] == NONE_ARN:  # a member of every model with ads
        raise errors.conflict(f"channel {channel.arn} has no ad configuration.")
    ad_break_id = params.get("adBreakId") or alnum(
        call.env.rng, model_limit(IVS, "AdBreakId", "max")
    )
    target = params.get("targetStartAt")
    start = _epoch(target) if target is not None else call.now  # no target: the break is now
    answer = {"adBreakId": ad_break_id, "targetStartAt": iso_time(start)}
    return cut(answer, "InsertAdBreakResponse")  # models before targetStartAt: the id only
