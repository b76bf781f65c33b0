"""Amazon IVS in a world (``KvsFake.load`` / ``snapshot``): channels, stream keys, recording
configurations, playback key pairs and restriction policies, ad and failover slate
configurations, each in the members its Get operation answers; stream sessions (ended and
live) in the members GetStreamSession and GetStream answer.

A section is checked against the model, then built by the Create handlers themselves in a
scratch state that holds the account and region's existing resources (so defaults, minted
values, references and checks are the handlers'), then committed: all or nothing. Stream
sessions are built last (they name channels, and copy what a channel names at go-live).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ...errors import ServiceError
from ...lifecycle import Timeline
from ...model import IVS, service_model
from ...world import (
    Commit,
    Problems,
    Target,
    Where,
    check_members,
    input_members,
    iso_seconds,
    parse_time,
    structure_members,
    unknown_members,
)
from ..base import Body, Call
from . import ad_configurations, failover_slates, recording_configurations, sessions
from .channels import NO_PRESET, REFERENCES, new_channel
from .defaults import DEFAULT_NAME, NONE_ARN
from .identifiers import make_arn, parse_arn, playback_url, stream_id
from .lookup import answer, new_arn, view
from .playback import (
    KEY_KIND,
    POLICY_KIND,
    create_playback_restriction_policy,
    import_playback_key_pair,
)
from .registry import RecordingConfigurationState, StreamHealth, StreamState
from .resources import Record, StreamSession
from .state import IvsState
from .stream_keys import add_stream_key
from .tagging import new_tags

STREAM_KEYS = "streamKeys"
KEY_MATERIAL = "publicKeyMaterial"
SESSIONS = "streamSessions"
SESSION_TIMES = ("startTime", "endTime")
"""Members read as ISO 8601 times (as are the events' ``eventTime``)."""
RECORDING = "recording"
"""The one member of a session the API does not show: how its recording began."""
LIVE_ONLY = ("state", "health", "viewerCount")
"""GetStream's members: a live session's only."""
GO_LIVE = {
    "recordingConfiguration": ("recordingConfigurationArn", "recording_configurations"),
    "failoverSlateConfiguration": ("failoverSlateConfigurationArn", "failover_slates"),
}
"""What a session copies at go-live: its member -> (the channel's member naming it, store)."""


@dataclass
class _Build:
    target: Target
    real: IvsState
    scratch: IvsState
    new: list[tuple[str, Record]] = field(default_factory=list)
    """(state attribute of the store, record) of every resource built, in order."""
    sessions: dict[str, list[StreamSession]] = field(default_factory=dict)
    """Each channel's stream sessions, the fake's then the world's, oldest first."""
    new_sessions: list[StreamSession] = field(default_factory=list)
    """The sessions built, in order."""

    def sessions_of(self, channel_arn: str) -> list[StreamSession]:
        if channel_arn not in self.sessions:
            self.sessions[channel_arn] = list(self.real.sessions.get(channel_arn, []))
        return self.sessions[channel_arn]

    def call(self) -> Call[IvsState]:
        t = self.target
        return Call(self.scratch, t.account_id, t.region, t.now, t.runtime.env)


Builder = Callable[[_Build, Mapping[str, Any], Where], "Record | None"]


@dataclass(frozen=True)
class Kind:
    """One resource kind of a world's ivs section."""

    key: str
    """Its list in the section (``recordingConfigurations``)."""
    shape: str
    """The model structure its Get operation answers (``RecordingConfiguration``)."""
    arn_kind: str
    """The resource-type segment of its ARNs."""
    store: str
    """The ``IvsState`` attribute of its store."""
    build: Builder
    """Makes the record (stored in the scratch state) as its Create would, or None."""


def _handled(build: _Build, handler: Any, params: Body, where: Where) -> Body | None:
    try:
        body: Body = handler(build.call(), params)
    except ServiceError as err:
        where.add(err.message)
        return None
    return body


def _params(operation: str, entry: Mapping[str, Any]) -> Body:
    """The members of ``entry`` that ``operation``'s request takes."""
    return {k: copy.deepcopy(entry[k]) for k in input_members(IVS, operation) if k in entry}


def _recording(build: _Build, entry: Mapping[str, Any], where: Where) -> Record | None:
    params = _params("CreateRecordingConfiguration", entry)
    body = _handled(build, recording_configurations.create_recording_configuration, params, where)
    if body is None:
        return None
    record = build.scratch.recording_configurations.get(body["recordingConfiguration"]["arn"])
    assert record is not None
    state = entry.get("state", RecordingConfigurationState.ACTIVE)
    if state != RecordingConfigurationState.CREATING:  # CREATING: the handler's timeline
        record.timeline = Timeline.starting(build.target.now, state)
    record.body["state"] = state
    return record


def _policy(build: _Build, entry: Mapping[str, Any], where: Where) -> Record | None:
    params = _params("CreatePlaybackRestrictionPolicy", entry)
    body = _handled(build, create_playback_restriction_policy, params, where)
    if body is None:
        return None
    return build.scratch.playback_restriction_policies.get(body["playbackRestrictionPolicy"]["arn"])


def _stored(build: _Build, store: str, make: Any, operation: str, entry: Any, where: Where) -> Any:
    """A record a family's ``new_record`` makes, stored in the scratch state."""
    try:
        record: Record = make(build.call(), _params(operation, entry))
    except ServiceError as err:
        where.add(err.message)
        return None
    getattr(build.scratch, store).add(record)
    return record


def _ad(build: _Build, entry: Mapping[str, Any], where: Where) -> Record | None:
    new = ad_configurations.new_record
    record: Record | None = _stored(
        build, "ad_configurations", new, "CreateAdConfiguration", entry, where
    )
    return record


def _slate(build: _Build, entry: Mapping[str, Any], where: Where) -> Record | None:
    new = failover_slates.new_record
    record: Record | None = _stored(
        build, "failover_slates", new, "CreateFailoverSlateConfiguration", entry, where
    )
    if record is not None and "state" in entry:
        record.body["state"] = entry["state"]
    return record


def _key_pair(build: _Build, entry: Mapping[str, Any], where: Where) -> Record | None:
    if KEY_MATERIAL in entry:
        body = _handled(build, import_playback_key_pair, _params("ImportPlaybackKeyPair", entry),
                        where)  # fmt: skip
        if body is None:
            return None
        record = build.scratch.playback_key_pairs.get(body["keyPair"]["arn"])
        assert record is not None
        given = entry.get("fingerprint", record.body["fingerprint"])
        if given != record.body["fingerprint"]:
            where.at("fingerprint").add(
                f"is not the fingerprint of the publicKeyMaterial ({record.body['fingerprint']})"
            )
            return None
        return record
    return _key_pair_by_fingerprint(build, entry, where)


def _key_pair_by_fingerprint(
    build: _Build, entry: Mapping[str, Any], where: Where
) -> Record | None:
    store = build.scratch.playback_key_pairs
    for existing in store.values():
        if existing.body["fingerprint"] == entry["fingerprint"]:
            where.at("fingerprint").add(f"is already the fingerprint of {existing.arn}")
            return None
    try:
        tags = new_tags(entry)
    except ServiceError as err:
        where.at("tags").add(err.message)
        return None
    _, arn = new_arn(build.call(), KEY_KIND)
    record = Record(arn, {"arn": arn, "name": entry.get("name", DEFAULT_NAME),
                          "fingerprint": entry["fingerprint"], "tags": tags})  # fmt: skip
    store.add(record)
    return record


def _label(store: str) -> str:
    """``recording_configurations`` -> ``recording configuration``."""
    return store.removesuffix("s").replace("_", " ")


def _channel(build: _Build, entry: Mapping[str, Any], where: Where) -> Record | None:
    t = build.target
    missing = [
        member
        for member, store in REFERENCES.items()
        if entry.get(member) and getattr(build.scratch, store).get(entry[member]) is None
    ]
    for member in missing:
        where.at(member).add(
            f"names no {_label(REFERENCES[member])} of account {t.account_id} in {t.region} "
            "(in the world or the fake)"
        )
    if missing:
        return None
    params = _params("CreateChannel", entry)
    if params.get("preset") == NO_PRESET:  # what GetChannel shows for "none": not selectable
        del params["preset"]
    try:
        record = new_channel(build.call(), params, new_tags(params))
    except ServiceError as err:
        where.add(err.message)
        return None
    _given_channel_identity(build, record, entry)
    build.scratch.channels.add(record)
    return record


def _given_channel_identity(build: _Build, record: Record, entry: Mapping[str, Any]) -> None:
    """A given ARN brings its own playback URL (the id is in it); given endpoints win."""
    t = build.target
    parsed = parse_arn(entry["arn"]) if "arn" in entry else None
    if parsed is not None:
        record.arn = record.body["arn"] = entry["arn"]
        record.body["playbackUrl"] = playback_url(t.account_id, t.region, parsed.id)
    for member in ("ingestEndpoint", "playbackUrl"):
        if member in entry:
            record.body[member] = entry[member]
    if "srt" in entry and "srt" in record.body:
        record.body["srt"] = {**record.body["srt"], **copy.deepcopy(entry["srt"])}


KINDS = (
    Kind("recordingConfigurations", "RecordingConfiguration", recording_configurations.KIND,
         "recording_configurations", _recording),
    Kind("playbackRestrictionPolicies", "PlaybackRestrictionPolicy", POLICY_KIND,
         "playback_restriction_policies", _policy),
    Kind("adConfigurations", "AdConfiguration", ad_configurations.KIND, "ad_configurations",
         _ad),
    Kind("failoverSlateConfigurations", "FailoverSlateConfiguration", failover_slates.KIND,
         "failover_slates", _slate),
    Kind("playbackKeyPairs", "PlaybackKeyPair", KEY_KIND, "playback_key_pairs", _key_pair),
    Kind("channels", "Channel", "channel", "channels", _channel),
)  # fmt: skip
"""In the order they load: what a channel names comes before it."""
STREAM_KEY_KIND = "stream-key"


# -- checking ------------------------------------------------------------------------------------


@cache
def _shapes(shape: str) -> dict[str, str]:
    members = structure_members(IVS, shape)
    if shape == "PlaybackKeyPair":
        members[KEY_MATERIAL] = input_members(IVS, "ImportPlaybackKeyPair")[KEY_MATERIAL]
    return members


def _check(shape: str, entries: list[Mapping[str, Any]], where: Where) -> bool:
    if shape not in service_model(IVS).shape_names:
        from ...model import botocore_version

        where.add(f"the ivs model of botocore {botocore_version()} has no {shape}")
        return False
    results = []
    for i, entry in enumerate(entries):
        shapes = _shapes(shape)
        known = unknown_members(IVS, entry, shapes, f"a {shape}", where.at(i))
        results.append(check_members(IVS, entry, shapes, where.at(i)) and known)
    return all(results)


def _arn_ok(build: _Build, arn: str, kind: str, store: str, where: Where) -> bool:
    """A given ARN is one of this kind, account and region, and no other resource's."""
    t = build.target
    parsed = parse_arn(arn)
    if parsed is None or (parsed.kind, parsed.account, parsed.region) != (
        kind, t.account_id, t.region,
    ):  # fmt: skip
        where.add(
            f"{arn!r} is not the ARN of an IVS {kind} of account {t.account_id} in {t.region}: "
            f"{make_arn(kind, t.region, t.account_id, '<id>')}"
        )
        return False
    if arn in getattr(build.scratch, store):
        where.add(f"another {_label(store)} has the ARN {arn}")
        return False
    return True


def _rekey(build: _Build, kind: Kind, record: Record, arn: str) -> None:
    store = getattr(build.scratch, kind.store)
    store.remove(record.arn)
    record.arn = record.body["arn"] = arn
    store.add(record)


def _load_kind(build: _Build, kind: Kind, entries: list[Mapping[str, Any]], where: Where) -> None:
    for i, entry in enumerate(entries):
        at = where.at(kind.key, i)
        arn = entry.get("arn")
        if arn is not None and not _arn_ok(build, arn, kind.arn_kind, kind.store, at.at("arn")):
            continue
        record = kind.build(build, entry, at)
        if record is None:
            continue
        if arn is not None and record.arn != arn:
            _rekey(build, kind, record, arn)
        build.new.append((kind.store, record))


def _load_stream_keys(build: _Build, entries: list[Mapping[str, Any]], where: Where) -> None:
    scratch, t = build.scratch, build.target
    for i, entry in enumerate(entries):
        at = where.at(STREAM_KEYS, i)
        channel_arn = entry["channelArn"]
        if scratch.channels.get(channel_arn) is None:
            at.at("channelArn").add(
                f"names no channel of account {t.account_id} in {t.region} "
                "(in the world or the fake)"
            )
            continue
        existing = scratch.stream_key_of(channel_arn)
        if existing is not None:
            at.at("channelArn").add(
                f"the channel already has the stream key {existing.arn}; a channel has one"
            )
            continue
        arn = entry.get("arn")
        if arn is not None and not _arn_ok(build, arn, STREAM_KEY_KIND, "stream_keys",
                                           at.at("arn")):  # fmt: skip
            continue
        try:
            record = add_stream_key(build.call(), channel_arn, new_tags(entry))
        except ServiceError as err:
            at.at("tags").add(err.message)
            continue
        _given_key(scratch, record, entry)
        build.new.append(("stream_keys", record))


def _given_key(scratch: IvsState, record: Record, entry: Mapping[str, Any]) -> None:
    if "value" in entry:
        record.body["value"] = entry["value"]
    if "arn" in entry:
        scratch.remove_stream_key(record)
        record.arn = record.body["arn"] = entry["arn"]
        scratch.add_stream_key(record)


# -- stream sessions ------------------------------------------------------------------------------


@cache
def _session_shapes() -> dict[str, str]:
    """GetStreamSession's ``streamSession`` members, and GetStream's ``stream`` members that
    a session holds (its channel's ARN, and a live one's state, health and viewer count)."""
    stream = structure_members(IVS, "Stream")
    live = {m: stream[m] for m in ("channelArn", *LIVE_ONLY)}
    return {**structure_members(IVS, "StreamSession"), **live}


def _check_sessions(entries: list[Mapping[str, Any]], where: Where) -> bool:
    shapes = _session_shapes()
    results = []
    for i, entry in enumerate(entries):
        at = where.at(i)
        known = unknown_members(IVS, entry, [*shapes, RECORDING], "a StreamSession", at)
        checked = {k: v for k, v in entry.items() if k in shapes and k not in SESSION_TIMES}
        valid = check_members(IVS, checked, shapes, at)
        times = [parse_time(entry[k], at.at(k)) is not None for k in SESSION_TIMES if k in entry]
        events = entry.get("truncatedEvents", [])
        times += [
            parse_time(event["eventTime"], at.at("truncatedEvents", j, "eventTime")) is not None
            for j, event in enumerate(events)
        ]
        results.append(known and valid and all(times))
    return all(results)


def _seconds(text: str) -> float:
    """A time the checks have parsed already, in epoch seconds."""
    micros = parse_time(text, Where((), Problems()))
    assert micros is not None
    return micros / 1_000_000


def _times(build: _Build, entry: Mapping[str, Any], where: Where) -> tuple[float, float | None]:
    """The session's start (by default the load's time) and end (None: live); None, with a
    problem, when they are wrong."""
    start = _seconds(entry["startTime"]) if "startTime" in entry else build.target.now
    end = _seconds(entry["endTime"]) if "endTime" in entry else None
    if end is not None and end < start:
        where.at("endTime").add(
            f"is before the startTime ({entry.get('startTime', iso_seconds(start))})"
        )
    for member in LIVE_ONLY if end is not None else ():
        if member in entry:
            where.at(member).add("is a live stream's: a session with an endTime has ended")
    return start, end


def _after_previous(previous: StreamSession | None, start: float, where: Where) -> None:
    """A session comes after the channel's previous one, which has ended."""
    if previous is None:
        return
    if previous.end is None:
        where.add(
            f"the channel is live already (stream {previous.stream_id}): a channel has at most "
            "one live session, its latest"
        )
    elif start < previous.end:
        where.at("startTime").add(
            f"is before the end of the channel's previous session {previous.stream_id} "
            f"({iso_seconds(previous.end)})"
        )


def _stream_id(build: _Build, entry: Mapping[str, Any], earlier: list[StreamSession],
               where: Where) -> str:  # fmt: skip
    given: str | None = entry.get("streamId")
    if given is None:
        return stream_id(build.target.runtime.env.rng)
    if any(session.stream_id == given for session in earlier):
        where.at("streamId").add(f"another session of the channel has the streamId {given}")
    return given


def _go_live_copy(
    build: _Build, entry: Mapping[str, Any], channel: Body, member: str, where: Where
) -> Body | None:
    """What the session's channel named at go-live (``recordingConfiguration``, ...): the
    entry's, else the resource as it is now; None when the channel names none."""
    arn_member, store = GO_LIVE[member]
    named = channel.get(arn_member, NONE_ARN)
    given: Body | None = entry.get(member)
    if given is not None:
        if given["arn"] != named:
            where.at(member, "arn").add(
                f"is not the {arn_member} of the session's channel ({named or 'none'})"
            )
        return copy.deepcopy(given)
    if named == NONE_ARN:
        return None
    found = getattr(build.scratch, store).get(named)
    if found is None:
        where.at("channel", arn_member).add(
            f"names no {_label(store)} of account {build.target.account_id} in "
            f"{build.target.region} (in the world or the fake): give the session's {member}"
        )
        return None
    if store == "recording_configurations":
        return view(
            recording_configurations.current(found, build.target.now), "RecordingConfiguration"
        )
    return answer(found)


def _session_channel(build: _Build, entry: Mapping[str, Any], where: Where) -> Body | None:
    """The channel as it was at go-live: the entry's ``channel`` over the channel now."""
    t, arn = build.target, entry["channelArn"]
    record = build.scratch.channels.get(arn)
    if record is None:
        where.at("channelArn").add(
            f"names no channel of account {t.account_id} in {t.region} (in the world or the fake)"
        )
        return None
    given = entry.get("channel", {})
    if given.get("arn", arn) != arn:
        where.at("channel", "arn").add(f"is not the session's channelArn ({arn})")
    return {**answer(record), **copy.deepcopy(given)}


def _recording_how(
    build: _Build, entry: Mapping[str, Any], configuration: Body | None,
    previous: StreamSession | None, start: float, where: Where,
) -> str | None:  # fmt: skip
    """How the session's recording began: the entry's ``recording``, else as the broadcaster
    decides (continuing ``previous``'s if it can, failing if the bucket is not usable)."""
    how: str | None = entry.get(RECORDING)
    if configuration is None:
        if how is not None:
            where.at(RECORDING).add("the session has no recordingConfiguration: not recorded")
        return None
    can = sessions.can_continue(previous, configuration["arn"], start)
    if how is None:
        return (
            sessions.CONTINUED
            if can
            else sessions.first_recording_start(build.scratch, configuration)
        )
    if how == sessions.CONTINUED and not can:
        where.at(RECORDING).add(
            "CONTINUED needs the channel's previous session to have recorded with the same "
            "configuration (not START_FAILED) and ended less than its "
            "recordingReconnectWindowSeconds before the startTime"
        )
    return how


def _events(entry: Mapping[str, Any], session: StreamSession, how: str | None) -> list[Body]:
    """The session's events, oldest first: the entry's (less the Recording End the fake
    derives), else those a broadcast makes."""
    if "truncatedEvents" not in entry:
        return sessions.broadcast_events(session, how)
    given = [
        {**copy.deepcopy(event), "eventTime": _seconds(event["eventTime"])}
        for event in reversed(entry["truncatedEvents"])
    ]
    return [event for event in given if not sessions.is_recording_end(event)]


def _ingest_configurations(
    session: StreamSession, entry: Mapping[str, Any], now: float, where: Where
) -> None:
    """``ingestConfigurations`` is derived from ``ingestConfiguration``: if given, it is that."""
    if "ingestConfigurations" not in entry:
        return
    derived = sessions.render(session, now).get("ingestConfigurations")
    if entry["ingestConfigurations"] != derived:
        where.at("ingestConfigurations").add(
            f"is not what the fake derives from the ingestConfiguration ({derived})"
        )


def _live_checks(build: _Build, entry: Mapping[str, Any], where: Where) -> None:
    """A live session needs its channel's stream key, as ``start_broadcast`` does."""
    if "endTime" not in entry and build.scratch.stream_key_of(entry["channelArn"]) is None:
        where.at("channelArn").add(
            "the channel has no stream key: a live session needs one to connect with"
        )


def _session(build: _Build, entry: Mapping[str, Any], where: Where) -> StreamSession | None:
    before = len(where.problems.found)
    channel = _session_channel(build, entry, where)
    if channel is None:
        return None
    start, end = _times(build, entry, where)
    earlier = build.sessions_of(entry["channelArn"])
    previous = earlier[-1] if earlier else None
    _after_previous(previous, start, where)
    _live_checks(build, entry, where)
    recording = _go_live_copy(build, entry, channel, "recordingConfiguration", where)
    failover = _go_live_copy(build, entry, channel, "failoverSlateConfiguration", where)
    if len(where.problems.found) > before:
        return None
    how = _recording_how(build, entry, recording, previous, start, where)
    session = StreamSession(
        stream_id=_stream_id(build, entry, earlier, where),
        channel_arn=entry["channelArn"],
        channel=channel,
        recording_configuration=recording,
        ingest=copy.deepcopy(entry.get("ingestConfiguration")),
        start=start,
        end=end,
        health=entry.get("health", StreamHealth.HEALTHY),
        viewer_count=entry.get("viewerCount", 0),
    )
    _ingest_configurations(session, entry, build.target.now, where)
    if len(where.problems.found) > before:
        return None
    if recording is not None and how is not None:
        sessions.attach_recording(session, recording, how, previous)
    if failover is not None:
        sessions.attach_failover(session, failover)
    session.events = _events(entry, session, how)
    return session


def _load_sessions(build: _Build, entries: list[Mapping[str, Any]], where: Where) -> None:
    for i, entry in enumerate(entries):
        session = _session(build, entry, where.at(SESSIONS, i))
        if session is not None:
            build.sessions_of(session.channel_arn).append(session)
            build.new_sessions.append(session)


def _dump_session(session: StreamSession, previous: StreamSession | None, now: float) -> Body:
    """GetStreamSession's ``streamSession`` (times with their microseconds), the channel's
    ARN, a live one's GetStream members, and how its recording began."""
    entry: Body = {"channelArn": session.channel_arn, **sessions.render(session, now)}
    entry["startTime"] = iso_seconds(session.start)
    if session.end is not None:
        entry["endTime"] = iso_seconds(session.end)
    else:
        entry.update(
            state=StreamState.LIVE, health=session.health, viewerCount=session.viewer_count
        )
    entry["truncatedEvents"] = [
        {**event, "eventTime": iso_seconds(event["eventTime"])}
        for event in reversed(sessions.events(session, now))
    ]
    how = sessions.recording_start(session, previous)
    if how is not None:
        entry[RECORDING] = how
    return entry


def _dump_sessions(state: IvsState, now: float) -> list[Body]:
    """Every session, by channel ARN, each channel's oldest first."""
    dumped = []
    for channel_arn in sorted(state.sessions):
        earlier: StreamSession | None = None
        for session in state.sessions[channel_arn]:
            dumped.append(_dump_session(session, earlier, now))
            earlier = session
    return dumped


def _scratch(real: IvsState) -> IvsState:
    """A state holding the real one's resources (the same records: only new ones are added)."""
    scratch = IvsState(real.controls)
    for source, copy_to in zip(real.stores(), scratch.stores(), strict=True):
        if source is not real.stream_keys:
            for record in source.values():
                copy_to.add(record)
    for key in real.stream_keys.values():
        scratch.add_stream_key(key)
    return scratch


def load_section(target: Target, section: Mapping[str, Any], where: Where) -> Commit | None:
    """Check and build one account and region's IVS resources; what stores them, or None
    when there are problems (added to ``where``)."""
    checks = [_check(k.shape, section[k.key], where.at(k.key)) for k in KINDS if k.key in section]
    checks.append(_check("StreamKey", section.get(STREAM_KEYS, []), where.at(STREAM_KEYS)))
    checks.append(_check_sessions(section.get(SESSIONS, []), where.at(SESSIONS)))
    if not all(checks):
        return None
    real: IvsState = target.state()
    build = _Build(target, real, _scratch(real))
    before = len(where.problems.found)
    for kind in KINDS:
        _load_kind(build, kind, section.get(kind.key, []), where)
    _load_stream_keys(build, section.get(STREAM_KEYS, []), where)
    _load_sessions(build, section.get(SESSIONS, []), where)
    if len(where.problems.found) > before:
        return None
    return lambda: _commit(build)


def _commit(build: _Build) -> None:
    for store, record in build.new:
        if store == "stream_keys":
            build.real.add_stream_key(record)
        else:
            getattr(build.real, store).add(record)
    for session in build.new_sessions:
        sessions.store_session(build.real, session)


# -- dumping -----------------------------------------------------------------------------------


def _dump(kind_store: str, record: Record, now: float) -> Body:
    if kind_store == "recording_configurations":
        return view(recording_configurations.current(record, now), "RecordingConfiguration")
    return answer(record)


def dump_section(state: IvsState, account_id: str, region: str, now: float) -> Body:
    """One account and region's IVS resources in the world format (empty lists left out)."""
    stores = [(k.key, k.store) for k in KINDS] + [(STREAM_KEYS, "stream_keys")]
    section: Body = {}
    for key, store in stores:
        records = sorted(getattr(state, store).values(), key=lambda r: r.arn)
        if records:
            section[key] = [_dump(store, record, now) for record in records]
    if state.sessions:
        section[SESSIONS] = _dump_sessions(state, now)
    return section
