"""Kinesis Video Streams in a world (``KvsFake.load`` / ``snapshot``): signaling channels
(with their media storage mapping) and streams (with their storage tier, image generation,
notification and edge configurations), in the members DescribeSignalingChannel and
DescribeStream answer.

A section is checked against the model, then built by the Create handlers themselves in a
scratch state that holds the account and region's existing resources (so defaults, minted
values and checks are the handlers'), then committed: all or nothing.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ...errors import ServiceError
from ...lifecycle import GONE, Family, Timeline
from ...model import KINESISVIDEO, service_model
from ...world import (
    Commit,
    Target,
    Where,
    check_members,
    input_members,
    iso_micros,
    iso_seconds,
    parse_time,
    structure_members,
    unknown_members,
)
from ..base import Body, Call
from .defaults import DELETING_UNREACHABLE, EDGE, SIGNALING_CHANNEL, STREAM, SYNCING_UNREACHABLE
from .edge import with_defaults
from .identifiers import make_arn, parse_arn
from .registry import Status, SyncStatus
from .resources import Channel, EdgeState, Stream
from .signaling_channels import KIND as CHANNEL_KIND
from .signaling_channels import create_signaling_channel
from .state import KinesisVideoState
from .storage import DISABLED, ENABLED
from .stream_configurations import check_image_generation
from .streams import KIND as STREAM_KIND
from .streams import create_stream

CHANNELS, STREAMS = "signalingChannels", "streams"
TIMES = ("CreationTime", "LastUpdatedTime")
"""Members read as ISO 8601 times, not checked against the model's (epoch) timestamps."""

NEXT = {Status.CREATING: Status.ACTIVE, Status.UPDATING: Status.ACTIVE, Status.DELETING: GONE}
"""Where a channel or stream goes from a transitional status (the handlers' lifecycle)."""
EDGE_RESTING = SyncStatus.IN_SYNC


# -- the members and their model shapes ------------------------------------------------------


def _optional_input(operation: str, member: str) -> dict[str, str]:
    """``{member: shape}`` of an operation input, if the installed model has it."""
    if operation not in service_model(KINESISVIDEO).operation_names:
        return {}
    shape = input_members(KINESISVIDEO, operation).get(member)
    return {} if shape is None else {member: shape}


@cache
def channel_shapes() -> dict[str, str]:
    return {
        **structure_members(KINESISVIDEO, "ChannelInfo"),
        "Tags": input_members(KINESISVIDEO, "CreateStream")["Tags"],
        **_optional_input("UpdateMediaStorageConfiguration", "MediaStorageConfiguration"),
    }


@cache
def stream_shapes() -> dict[str, str]:
    return {
        **structure_members(KINESISVIDEO, "StreamInfo"),
        **input_members(KINESISVIDEO, "CreateStream"),
        **_optional_input("UpdateImageGenerationConfiguration", "ImageGenerationConfiguration"),
        **_optional_input("UpdateNotificationConfiguration", "NotificationConfiguration"),
        **({"EdgeConfiguration": ""} if _edge_shapes() else {}),
    }


@cache
def _edge_shapes() -> dict[str, str]:
    if "DescribeEdgeConfiguration" not in service_model(KINESISVIDEO).operation_names:
        return {}
    output = service_model(KINESISVIDEO).operation_model("DescribeEdgeConfiguration").output_shape
    assert output is not None
    members = structure_members(KINESISVIDEO, output.name)
    return {m: members[m] for m in ("EdgeConfig", "SyncStatus", *TIMES)}


def _check(entry: Mapping[str, Any], shapes: Mapping[str, str], what: str, where: Where) -> bool:
    known = unknown_members(KINESISVIDEO, entry, shapes, what, where)
    checked = {k: v for k, v in entry.items() if k not in TIMES and shapes.get(k)}
    valid = check_members(KINESISVIDEO, checked, shapes, where)
    times = [parse_time(entry[k], where.at(k)) is not None for k in TIMES if k in entry]
    return known and valid and all(times)


def _check_stream(entry: Mapping[str, Any], where: Where) -> bool:
    ok = _check(entry, stream_shapes(), "a stream", where)
    edge = entry.get("EdgeConfiguration")
    if edge is not None and "EdgeConfiguration" in stream_shapes():
        edge_where = where.at("EdgeConfiguration")
        ok = _check(edge, _edge_shapes(), "an edge configuration", edge_where) and ok
    return ok


# -- building a section ------------------------------------------------------------------------


@dataclass
class _Build:
    target: Target
    real: KinesisVideoState
    scratch: KinesisVideoState
    channels: list[Channel] = field(default_factory=list)
    streams: list[Stream] = field(default_factory=list)

    def call(self, now: float | None = None) -> Call[KinesisVideoState]:
        t = self.target
        return Call(self.scratch, t.account_id, t.region, t.now if now is None else now,
                    t.runtime.env)  # fmt: skip

    def timeline(self, family: Family, status: str) -> Timeline:
        """``status`` entered now: a transitional one goes on after the family's delay."""
        now = self.target.now
        if status not in NEXT:
            return Timeline.starting(now, status)
        delay = self.target.runtime.env.delays.of(family, status)
        return Timeline([(now, status), (now + delay, NEXT[status])])


def _scratch(real: KinesisVideoState) -> KinesisVideoState:
    """A state holding the real one's resources (the same objects: only new ones are added)."""
    scratch = KinesisVideoState(real.controls)
    for channel in real.channels.values():
        scratch.channels.add(channel)
    for stream in real.streams.values():
        scratch.streams.add(stream)
    return scratch


def _creation_ms(
    build: _Build, entry: Mapping[str, Any], name_key: str, arn_key: str, kind: str, where: Where
) -> int | None:
    """The creation time in epoch ms an entry gives (by its ARN and/or CreationTime), or the
    load's time; None (with a problem) when they are wrong or disagree."""
    t = build.target
    by_time = None
    if "CreationTime" in entry:
        micros = parse_time(entry["CreationTime"], where.at("CreationTime"))
        if micros is None:
            return None
        by_time = micros // 1000
    arn = entry.get(arn_key)
    if arn is None:
        return by_time if by_time is not None else int(t.now * 1000)
    parsed = parse_arn(arn)
    name = entry[name_key]
    expected = make_arn(kind, t.region, t.account_id, name, parsed.ms if parsed else 0)
    if parsed is None or arn != expected:
        where.at(arn_key).add(
            f"{arn!r} is not an ARN of the {kind} {name} in account {t.account_id}, region "
            f"{t.region}: {make_arn(kind, t.region, t.account_id, name, 0)[:-1]}"
            "<creation time in epoch milliseconds>"
        )
        return None
    if by_time is not None and by_time != parsed.ms:
        where.at("CreationTime").add(
            f"{entry['CreationTime']} is not the time in the {arn_key} "
            f"({iso_micros(parsed.ms * 1000)})"
        )
        return None
    return parsed.ms


def _created(build: _Build, ms: int, create: Any, params: Body, where: Where) -> bool:
    """Run a Create handler at the creation time (as of ``ms``); False, with its error as
    the problem, when it refuses."""
    try:
        create(build.call((ms + 0.5) / 1000), params)  # +0.5: the handler truncates to ms
    except ServiceError as err:
        where.add(err.message)
        return False
    return True


def _channel(build: _Build, entry: Mapping[str, Any], where: Where) -> None:
    ms = _creation_ms(build, entry, "ChannelName", "ChannelARN", CHANNEL_KIND, where)
    if ms is None:
        return
    params: Body = {k: copy.deepcopy(entry[k]) for k in input_members(
        KINESISVIDEO, "CreateSignalingChannel") if k in entry and k != "Tags"}  # fmt: skip
    params["Tags"] = [{"Key": k, "Value": v} for k, v in entry.get("Tags", {}).items()]
    if not _created(build, ms, create_signaling_channel, params, where):
        return
    channel = build.scratch.channels.get(entry["ChannelName"], build.target.now)
    assert channel is not None
    channel.version = entry.get("Version", channel.version)
    status = entry.get("ChannelStatus", Status.ACTIVE)
    channel.timeline = build.timeline(SIGNALING_CHANNEL, status)
    build.channels.append(channel)


def _stream(build: _Build, entry: Mapping[str, Any], where: Where) -> None:
    ms = _creation_ms(build, entry, "StreamName", "StreamARN", STREAM_KIND, where)
    if ms is None:
        return
    create = input_members(KINESISVIDEO, "CreateStream")
    params = {k: copy.deepcopy(v) for k, v in entry.items() if k in create}
    if not _created(build, ms, create_stream, params, where):
        return
    stream = build.scratch.streams.get(entry["StreamName"], build.target.now)
    assert stream is not None
    stream.version = entry.get("Version", stream.version)
    stream.timeline = build.timeline(STREAM, entry.get("Status", Status.ACTIVE))
    if not _configurations(build, stream, entry, where):
        return
    build.streams.append(stream)


def _configurations(build: _Build, stream: Stream, entry: Mapping[str, Any], where: Where) -> bool:
    image = entry.get("ImageGenerationConfiguration")
    if image is not None:
        try:
            check_image_generation(build.call(), image)
        except ServiceError as err:
            where.at("ImageGenerationConfiguration").add(err.message)
            return False
        stream.image_generation = copy.deepcopy(image)
    stream.notification = copy.deepcopy(entry.get("NotificationConfiguration"))
    edge = entry.get("EdgeConfiguration")
    if edge is not None:
        stream.edge = _edge(build, edge, where.at("EdgeConfiguration"))
    return True


def _edge(build: _Build, edge: Mapping[str, Any], where: Where) -> EdgeState:
    now = build.target.now
    times = [parse_time(edge[k], where.at(k)) if k in edge else None for k in TIMES]
    created = now if times[0] is None else times[0] / 1_000_000
    updated = created if times[1] is None else times[1] / 1_000_000
    config = with_defaults(dict(edge["EdgeConfig"]))
    status = edge.get("SyncStatus", EDGE_RESTING)
    reachable = config["HubDeviceArn"] not in build.real.controls.unreachable_hubs
    timeline = Timeline.starting(now, status)
    timeline.then(now, _edge_path(build, status, reachable))
    return EdgeState(config, created, updated, timeline)


def _edge_path(build: _Build, status: str, reachable: bool) -> list[tuple[str, float]]:
    """The statuses an edge configuration goes through from ``status`` just entered (those of
    StartEdgeConfigurationUpdate and DeleteEdgeConfiguration)."""
    of = build.target.runtime.env.delays.of
    acknowledged = [
        (SyncStatus.ACKNOWLEDGED, of(EDGE, SyncStatus.ACKNOWLEDGED)),
        (SyncStatus.IN_SYNC, 0.0),
    ]
    deleted = [
        (SyncStatus.DELETING_ACKNOWLEDGED, of(EDGE, SyncStatus.DELETING_ACKNOWLEDGED)),
        (GONE, 0.0),
    ]
    if status == SyncStatus.SYNCING and reachable:
        return [(status, of(EDGE, status)), *acknowledged]
    if status == SyncStatus.SYNCING:
        return [(status, of(EDGE, SYNCING_UNREACHABLE)), (SyncStatus.SYNC_FAILED, 0.0)]
    if status == SyncStatus.DELETING and reachable:
        return [(status, of(EDGE, status)), *deleted]
    if status == SyncStatus.DELETING:
        return [(status, of(EDGE, DELETING_UNREACHABLE)), (SyncStatus.DELETE_FAILED, 0.0)]
    if status == SyncStatus.ACKNOWLEDGED:
        return acknowledged
    if status == SyncStatus.DELETING_ACKNOWLEDGED:
        return deleted
    return [(status, 0.0)]


def _media_storage(build: _Build, entry: Mapping[str, Any], where: Where) -> None:
    """Map a built channel to a stream of the same account and region."""
    config = entry.get("MediaStorageConfiguration")
    if config is None or config["Status"] == DISABLED:
        return
    t, now = build.target, build.target.now
    channel = build.scratch.channels.get(entry["ChannelName"], now)
    arn = config.get("StreamARN")
    if channel is None:  # not built: its own problem is reported
        return
    if arn is None:
        where.add(f"Status {ENABLED} needs the StreamARN of the stream that stores the media")
        return
    parsed = parse_arn(arn)
    stream = build.scratch.streams.by_arn(arn, parsed.name, now) if parsed else None
    if stream is None:
        where.at("StreamARN").add(
            f"names no stream of account {t.account_id} in {t.region} (in the world or the fake)"
        )
        return
    for other in build.scratch.channels.values():
        if other.media_stream_arn == arn and other is not channel:
            where.at("StreamARN").add(f"the stream already stores the media of {other.arn}")
            return
    channel.media_storage_enabled, channel.media_stream_arn = True, arn


def load_section(target: Target, section: Mapping[str, Any], where: Where) -> Commit | None:
    """Check and build one account and region's KVS resources; what stores them, or None
    when there are problems (added to ``where``)."""
    channels = section.get(CHANNELS, [])
    streams = section.get(STREAMS, [])
    checks = [_check(e, channel_shapes(), "a signaling channel", where.at(CHANNELS, i))
              for i, e in enumerate(channels)]  # fmt: skip
    checks += [_check_stream(e, where.at(STREAMS, i)) for i, e in enumerate(streams)]
    if not all(checks):
        return None
    real: KinesisVideoState = target.state()
    build = _Build(target, real, _scratch(real))
    before = len(where.problems.found)
    for i, entry in enumerate(streams):
        _stream(build, entry, where.at(STREAMS, i))
    for i, entry in enumerate(channels):
        _channel(build, entry, where.at(CHANNELS, i))
    for i, entry in enumerate(channels):
        _media_storage(build, entry, where.at(CHANNELS, i, "MediaStorageConfiguration"))
    if len(where.problems.found) > before:
        return None
    return lambda: _commit(build)


def _commit(build: _Build) -> None:
    real = build.real
    for channel in build.channels:
        real.channels.add(channel)
        _claim(real.channels.creation_ms, channel.name, channel.arn)
    for stream in build.streams:
        real.streams.add(stream)
        _claim(real.streams.creation_ms, stream.name, stream.arn)


def _claim(creation_ms: Any, name: str, arn: str) -> None:
    """A later incarnation of the name gets a later ARN than this one (as after a create)."""
    parsed = parse_arn(arn)
    assert parsed is not None
    creation_ms(name, (parsed.ms + 0.5) / 1000)


# -- dumping -----------------------------------------------------------------------------------


def _time_of(arn: str) -> str:
    parsed = parse_arn(arn)
    assert parsed is not None
    return iso_micros(parsed.ms * 1000)


@cache
def _has_storage_tiers() -> bool:
    return "StreamStorageConfiguration" in service_model(KINESISVIDEO).shape_names


def _dump_channel(channel: Channel, now: float) -> Body:
    entry = {**channel.info(now), "CreationTime": _time_of(channel.arn), "Tags": dict(channel.tags)}
    if channel.media_storage_enabled:
        entry["MediaStorageConfiguration"] = {"Status": ENABLED,
                                              "StreamARN": channel.media_stream_arn}  # fmt: skip
    return entry


def _dump_stream(stream: Stream, now: float) -> Body:
    entry = {**stream.info(now), "CreationTime": _time_of(stream.arn), "Tags": dict(stream.tags)}
    if _has_storage_tiers():  # botocore 1.34.0's model has no storage tiers
        entry["StreamStorageConfiguration"] = {"DefaultStorageTier": stream.storage_tier}
    if stream.image_generation is not None:
        entry["ImageGenerationConfiguration"] = copy.deepcopy(stream.image_generation)
    if stream.notification is not None:
        entry["NotificationConfiguration"] = copy.deepcopy(stream.notification)
    edge = stream.edge
    if edge is not None and edge.status(now) != GONE:
        entry["EdgeConfiguration"] = {
            "EdgeConfig": copy.deepcopy(edge.config),
            "SyncStatus": edge.status(now),
            "CreationTime": iso_seconds(edge.created_at),
            "LastUpdatedTime": iso_seconds(edge.updated_at),
        }
    return entry


def dump_section(state: KinesisVideoState, account_id: str, region: str, now: float) -> Body:
    """One account and region's KVS resources in the world format (empty lists left out)."""
    channels = sorted(state.channels.values(), key=lambda c: c.name)
    streams = sorted(state.streams.values(), key=lambda s: s.name)
    section: Body = {
        CHANNELS: [_dump_channel(c, now) for c in channels if c.status(now) != GONE],
        STREAMS: [_dump_stream(s, now) for s in streams if s.status(now) != GONE],
    }
    return {key: items for key, items in section.items() if items}
