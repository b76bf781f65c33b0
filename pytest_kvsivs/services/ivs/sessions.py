"""IVS stream sessions: every broadcast (an encoder connecting until it disconnects) is one
session, kept after it ends: GetStreamSession and ListStreamSessions.

A session keeps the channel and its recording configuration as they were at go-live
(copies: later changes do not reach it), the encoder's ingest configuration, its start and end
times and its events (EventBridge names, reference 3.5). ``streams`` opens and closes sessions
(the broadcaster and StopStream); this module knows what a session holds and shows.

Recording reconnect window (``recordingReconnectWindowSeconds`` > 0, 2022-08-31 changelog):
every connection is its own session with its own streamId; a reconnect less than the window
after the disconnect continues the same recording: the new session has no "Recording Start",
and the earlier one never gets a "Recording End". A recording that is not continued ends the
window's length after the disconnect ("Recording End" at that time, on the session that
disconnected); with no window it ends at the disconnect.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from ..base import Body, Call, Params
from ..pagination import mint, page
from . import errors
from .defaults import LIST_LIMIT, NONE_ARN
from .identifiers import iso_time, parse_arn
from .lookup import after_token, answer, find, members, view
from .recording_configurations import bucket_region, current
from .registry import StreamHealth, operation
from .resources import Record, StreamSession
from .state import IvsState

STREAM_STATE = "IVS Stream State Change"
RECORDING_STATE = "IVS Recording State Change"
HEALTH_CHANGE = "IVS Stream Health Change"
"""EventBridge detail-types of stream sessions' events (IVS User Guide, reference 3.5)."""
ERROR_EVENTS = frozenset({"Stream Failure", "Recording Start Failure", "Recording End Failure"})
"""Events that make ``hasErrorEvent`` true (model doc: "a quota breach or failure"; the
failure events of reference 3.5; the fake makes only "Recording Start Failure")."""

_RECORDING = "recording"
"""``StreamSession.extra`` key: the session's recording (a :class:`_Recording`), if any."""
_CONTINUED = "continued"
"""``StreamSession.extra`` key: True once a reconnect continued this session's recording."""
_FAILOVER = "failover"
"""``StreamSession.extra`` key: the failover slate configuration as it was at go-live."""


# -- what a session is made of --------------------------------------------------------------


def _event(name: str, kind: str, at: float) -> Body:
    return {"name": name, "type": kind, "eventTime": at}


class _Recording:
    """One recording: a broadcast's media going to S3, possibly across reconnects."""

    __slots__ = ("arn", "failed", "window")

    def __init__(self, arn: str, window: int, failed: bool) -> None:
        self.arn = arn
        self.window = window
        self.failed = failed


def _recording_of(session: StreamSession) -> _Recording | None:
    found = session.extra.get(_RECORDING)
    return found if isinstance(found, _Recording) else None


def _recording_snapshot(state: IvsState, channel: Body, now: float) -> Body | None:
    """The channel's recording configuration as GetRecordingConfiguration answers it now."""
    found = state.recording_configurations.get(channel["recordingConfigurationArn"])
    if found is None:  # "" (recording off) names none
        return None
    return view(current(found, now), "RecordingConfiguration")


def _bucket_usable(state: IvsState, configuration: Body) -> bool:
    """A recording can start while its bucket is in the configuration's region (a bucket
    ``set_bucket_region`` has put elsewhere since the configuration was made is not)."""
    arn = parse_arn(configuration["arn"])
    assert arn is not None  # a stored configuration's own ARN
    bucket = configuration["destinationConfiguration"]["s3"]["bucketName"]
    return bucket_region(state, bucket, arn.region) == arn.region


def _failover_snapshot(state: IvsState, channel: Body) -> Body | None:
    """The channel's failover slate configuration (older models: no such member)."""
    found = state.failover_slates.get(channel.get("failoverSlateConfigurationArn", NONE_ARN))
    return None if found is None else answer(found)


def _continuable(last: StreamSession, configuration_arn: str, now: float) -> _Recording | None:
    """The recording of ``last`` that a connection at ``now`` continues: ``last``
    disconnected less than its recording's reconnect window ago, recording with this
    configuration."""
    recording = _recording_of(last)
    if recording is None or recording.failed or recording.arn != configuration_arn:
        return None
    if last.end is None or now - last.end >= recording.window:
        return None
    return recording


def _continued_recording(
    state: IvsState, channel_arn: str, configuration: Body, now: float
) -> _Recording | None:
    """The recording a connection now continues (that of the channel's last session)."""
    earlier = state.sessions.get(channel_arn)
    if not earlier:
        return None
    last = earlier[-1]
    assert last.end is not None  # a live channel cannot connect again (start_broadcast)
    recording = _continuable(last, configuration["arn"], now)
    if recording is not None:
        last.extra[_CONTINUED] = True
    return recording


def _start_recording(
    state: IvsState, session: StreamSession, configuration: Body | None, now: float
) -> None:
    if configuration is None:
        return
    continued = _continued_recording(state, session.channel_arn, configuration, now)
    if continued is not None:
        session.extra[_RECORDING] = continued
        return
    failed = not _bucket_usable(state, configuration)
    window = configuration["recordingReconnectWindowSeconds"]
    session.extra[_RECORDING] = _Recording(configuration["arn"], window, failed)
    name = "Recording Start Failure" if failed else "Recording Start"
    session.events.append(_event(name, RECORDING_STATE, now))


def open_session(
    state: IvsState,
    channel: Record,
    stream_id: str,
    now: float,
    *,
    health: str,
    viewer_count: int,
    ingest: Mapping[str, Any] | None,
) -> StreamSession:
    """An encoder connected: the channel's new session, live from ``now``."""
    snapshot = answer(channel)
    configuration = _recording_snapshot(state, snapshot, now)
    session = StreamSession(
        stream_id=stream_id,
        channel_arn=channel.arn,
        channel=snapshot,
        recording_configuration=configuration,
        ingest=copy.deepcopy(dict(ingest)) if ingest is not None else None,
        start=now,
        health=health,
        viewer_count=viewer_count,
    )
    failover = _failover_snapshot(state, snapshot)
    if failover is not None:
        session.extra[_FAILOVER] = failover
    session.events.append(_event("Session Created", STREAM_STATE, now))
    session.events.append(_event("Stream Start", STREAM_STATE, now))
    if health == StreamHealth.STARVING:  # the stream enters STARVING as it starts
        session.events.append(_event("Starvation Start", HEALTH_CHANGE, now))
    _start_recording(state, session, configuration, now)
    state.sessions.setdefault(channel.arn, []).append(session)
    state.live[channel.arn] = session
    return session


def change_health(session: StreamSession, health: str, now: float) -> None:
    """The live stream's health is now ``health``: entering STARVING is a "Starvation Start"
    event, leaving it a "Starvation End" (reference 3.5); other changes are no event."""
    if health == session.health:
        return
    if health == StreamHealth.STARVING:
        session.events.append(_event("Starvation Start", HEALTH_CHANGE, now))
    elif session.health == StreamHealth.STARVING:
        session.events.append(_event("Starvation End", HEALTH_CHANGE, now))
    session.health = health


def close_session(state: IvsState, session: StreamSession, now: float) -> None:
    """The encoder disconnected (or StopStream disconnected it): the session ends ``now``."""
    session.end = now
    session.events.append(_event("Stream End", STREAM_STATE, now))
    session.events.append(_event("Session Ended", STREAM_STATE, now))
    del state.live[session.channel_arn]


# -- what a session shows -------------------------------------------------------------------


def _recording_end(session: StreamSession, now: float) -> Body | None:
    """The "Recording End" of a session whose recording was not continued, once it is due."""
    recording = _recording_of(session)
    if recording is None or recording.failed or session.end is None:
        return None
    if session.extra.get(_CONTINUED):
        return None
    at = session.end + recording.window
    return _event("Recording End", RECORDING_STATE, at) if at <= now else None


def events(session: StreamSession, now: float) -> list[Body]:
    """The session's events by now, oldest first (event times in epoch seconds)."""
    ended = _recording_end(session, now)
    return [*session.events, ended] if ended is not None else list(session.events)


def _wire_events(session: StreamSession, now: float) -> list[Body]:
    """Newest first (a session has a handful of events: the model's 500 is never reached)."""
    newest_first = reversed(events(session, now))
    return [{**event, "eventTime": iso_time(event["eventTime"])} for event in newest_first]


def _ingest(session: StreamSession, body: Body) -> None:
    if session.ingest is None:
        return
    body["ingestConfiguration"] = copy.deepcopy(session.ingest)
    if "ingestConfigurations" in members("StreamSession"):
        video, audio = session.ingest.get("video"), session.ingest.get("audio")
        body["ingestConfigurations"] = {
            "videoConfigurations": [copy.deepcopy(video)] if video is not None else [],
            "audioConfigurations": [copy.deepcopy(audio)] if audio is not None else [],
        }


def render(session: StreamSession, now: float) -> Body:
    """The session as GetStreamSession answers it."""
    body: Body = {
        "streamId": session.stream_id,
        "startTime": iso_time(session.start),
        "channel": copy.deepcopy(session.channel),
        "truncatedEvents": _wire_events(session, now),
    }
    if session.end is not None:
        body["endTime"] = iso_time(session.end)
    _ingest(session, body)
    if session.recording_configuration is not None:
        body["recordingConfiguration"] = copy.deepcopy(session.recording_configuration)
    failover = session.extra.get(_FAILOVER)
    if failover is not None:  # only models with failover slates let a channel name one
        body["failoverSlateConfiguration"] = copy.deepcopy(failover)
    return body


def summary(session: StreamSession, now: float) -> Body:
    """The session as ListStreamSessions lists it."""
    body: Body = {
        "streamId": session.stream_id,
        "startTime": iso_time(session.start),
        "hasErrorEvent": any(event["name"] in ERROR_EVENTS for event in events(session, now)),
    }
    if session.end is not None:
        body["endTime"] = iso_time(session.end)
    return body


# -- sessions in a world (``KvsFake.load`` / ``snapshot``) --------------------------------------

STARTED, START_FAILED, CONTINUED = "STARTED", "START_FAILED", "CONTINUED"
"""How a session's recording began (a world's ``recording``): with a "Recording Start", with a
"Recording Start Failure", or continuing the recording of the channel's session before it (a
reconnect within its reconnect window)."""


def recording_start(session: StreamSession, previous: StreamSession | None) -> str | None:
    """How the session's recording began (None: not recorded); ``previous`` is the channel's
    session before it."""
    recording = _recording_of(session)
    if recording is None:
        return None
    if previous is not None and _recording_of(previous) is recording:
        return CONTINUED
    return START_FAILED if recording.failed else STARTED


def can_continue(previous: StreamSession | None, configuration_arn: str, start: float) -> bool:
    """A connection at ``start`` recording with that configuration continues the recording
    of ``previous`` (the channel's session before it), as the broadcaster decides."""
    return previous is not None and _continuable(previous, configuration_arn, start) is not None


def first_recording_start(state: IvsState, configuration: Body) -> str:
    """How a recording that continues none begins: START_FAILED when its bucket is not usable."""
    if "s3" not in configuration["destinationConfiguration"]:  # a world's copy may name none
        return STARTED
    return STARTED if _bucket_usable(state, configuration) else START_FAILED


def attach_recording(
    session: StreamSession, configuration: Body, how: str, previous: StreamSession | None
) -> None:
    """Give a session being loaded its recording, begun ``how`` (CONTINUED: the recording of
    ``previous``, which :func:`can_continue`)."""
    if how == CONTINUED:
        assert previous is not None
        recording = _continuable(previous, configuration["arn"], session.start)
        assert recording is not None
    else:
        window = configuration.get("recordingReconnectWindowSeconds", 0)
        recording = _Recording(configuration["arn"], window, how == START_FAILED)
    session.extra[_RECORDING] = recording


def attach_failover(session: StreamSession, configuration: Body) -> None:
    """Give a session being loaded its failover slate configuration (as at go-live)."""
    session.extra[_FAILOVER] = configuration


def broadcast_events(session: StreamSession, how: str | None) -> list[Body]:
    """The events a broadcast makes at the session's start (with its health, its recording
    begun ``how``) and end, oldest first."""
    start, end = session.start, session.end
    made = [
        _event("Session Created", STREAM_STATE, start),
        _event("Stream Start", STREAM_STATE, start),
    ]
    if end is None and session.health == StreamHealth.STARVING:
        made.append(_event("Starvation Start", HEALTH_CHANGE, start))
    if how in (STARTED, START_FAILED):
        name = "Recording Start" if how == STARTED else "Recording Start Failure"
        made.append(_event(name, RECORDING_STATE, start))
    if end is not None:
        made.append(_event("Stream End", STREAM_STATE, end))
        made.append(_event("Session Ended", STREAM_STATE, end))
    return made


def is_recording_end(event: Mapping[str, Any]) -> bool:
    """A "Recording End": never stored, :func:`events` adds it when it is due."""
    return bool(event.get("name") == "Recording End" and event.get("type") == RECORDING_STATE)


def store_session(state: IvsState, session: StreamSession) -> None:
    """Add a loaded session as its channel's latest, as ``open_session`` (and, if it has
    ended, ``close_session``) leave one; one continuing the recording of the session before
    it marks that one continued."""
    sessions = state.sessions.setdefault(session.channel_arn, [])
    recording = _recording_of(session)
    if sessions and recording is not None and _recording_of(sessions[-1]) is recording:
        sessions[-1].extra[_CONTINUED] = True
    sessions.append(session)
    if session.end is None:
        state.live[session.channel_arn] = session


# -- handlers -----------------------------------------------------------------------------------


def _session(state: IvsState, channel_arn: str, stream_id: str | None) -> StreamSession:
    sessions = state.sessions.get(channel_arn, [])
    if stream_id is None:
        if not sessions:
            raise errors.not_found(f"channel {channel_arn} has never been live")
        return sessions[-1]
    for session in reversed(sessions):
        if session.stream_id == stream_id:
            return session
    raise errors.not_found(f"stream session {stream_id} of channel {channel_arn}")


@operation("GetStreamSession")
def get_stream_session(call: Call[IvsState], params: Params) -> Body:
    channel = find(call.state.channels, params["channelArn"])
    session = _session(call.state, channel.arn, params.get("streamId"))
    return {"streamSession": render(session, call.now)}


_TOP = 10**12 - 1
"""Page keys of ListStreamSessions: ``_TOP - index`` (index oldest first), so keys ascend
newest first and a session that starts between two pages does not shift the second one."""


def _key(index: int) -> str:
    return f"{_TOP - index:012d}"


@operation("ListStreamSessions")
def list_stream_sessions(call: Call[IvsState], params: Params) -> Body:
    """Newest first; a token is only good for the channel it was minted for."""
    channel = find(call.state.channels, params["channelArn"])
    start = after_token(params, "ListStreamSessions", channel.arn)
    sessions = call.state.sessions.get(channel.arn, [])
    keys = [_key(index) for index in reversed(range(len(sessions)))]
    limit: int = params.get("maxResults") or LIST_LIMIT
    items, last = page(keys, lambda key: sessions[_TOP - int(key)], limit, start)
    body: Body = {"streamSessions": [summary(session, call.now) for session in items]}
    if last is not None:
        body["nextToken"] = mint("ListStreamSessions", channel.arn, last)
    return body
