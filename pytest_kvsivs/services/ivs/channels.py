"""IVS channels: CreateChannel (which also makes the channel's one stream key), GetChannel,
BatchGetChannel, ListChannels, UpdateChannel and DeleteChannel.

A channel is addressed by ARN only (names repeat). It references other resources by ARN
members whose empty string means "none"; a reference must name an existing resource of the
caller's account and region. A live channel (one with a broadcast in ``state.live``) can be
neither updated nor deleted.
"""

from __future__ import annotations

from typing import Any

from ...model import IVS, enum_values, service_model
from ..base import Body, Call, Params
from ..common import ModelEnum, alnum
from . import errors
from .defaults import DEFAULT_NAME, LIST_LIMIT, NONE_ARN
from .identifiers import ingest_endpoint, playback_url, srt_endpoint
from .lookup import answer, batch_get, cut, find, list_page, new_arn, view
from .recording_configurations import current
from .registry import ChannelLatencyMode, ChannelType, RecordingConfigurationState, operation
from .resources import Record
from .state import IvsState
from .stream_keys import add_stream_key, remove_stream_key
from .tagging import new_tags

TranscodePreset = ModelEnum(IVS, "TranscodePreset")


def _enum_value(shape: str, value: str) -> str:
    """``value`` of a model enum, checked against the model where it has the shape (older
    models lack the multitrack and container-format shapes)."""
    if shape in service_model(IVS).shape_names:
        assert value in enum_values(IVS, shape), f"ivs {shape} has no {value}"
    return value


# Defaults
DEFAULT_LATENCY_MODE = ChannelLatencyMode.LOW  # model doc: "Default: LOW"
DEFAULT_TYPE = ChannelType.STANDARD  # model doc: "Default: STANDARD"
DEFAULT_AUTHORIZED = False  # model doc: "Default: false"
DEFAULT_INSECURE_INGEST = False  # model doc: "Default: false"
ADVANCED_TYPES = (ChannelType.ADVANCED_SD, ChannelType.ADVANCED_HD)  # model doc: preset only there
ADVANCED_PRESET = TranscodePreset.HIGHER_BANDWIDTH_DELIVERY  # model doc: ADVANCED_* default
NO_PRESET = ""  # model doc: "For other channel types (BASIC and STANDARD), preset is ''"
DEFAULT_CONTAINER_FORMAT = _enum_value("ContainerFormat", "TS")  # model doc: "Default: TS"
MULTITRACK_CONTAINER = _enum_value("ContainerFormat", "FRAGMENTED_MP4")  # model doc: required
MULTITRACK_TYPE = ChannelType.STANDARD  # model doc: enabled "only if channel type is STANDARD"
DEFAULT_MULTITRACK: dict[str, Any] = {  # seen: a real CreateChannel answer (and CLI examples)
    "enabled": False,
    "maximumResolution": _enum_value("MultitrackMaximumResolution", "FULL_HD"),
    "policy": _enum_value("MultitrackPolicy", "ALLOW"),
}
PASSPHRASE_LENGTH = 79  # seen: the one real SRT passphrase found (79 letters and digits)

REFERENCES = {
    "recordingConfigurationArn": "recording_configurations",
    "playbackRestrictionPolicyArn": "playback_restriction_policies",
    "adConfigurationArn": "ad_configurations",
    "failoverSlateConfigurationArn": "failover_slates",
}
"""The channel's ARN members that name other resources, and the state's store of each."""

SPECIAL = frozenset({"arn", "tags", "type", "preset", "multitrackInputConfiguration"})
"""UpdateChannel members not copied as they come (identification, or derived settings)."""


# -- building and checking channels ----------------------------------------------------------


def new_channel(call: Call[IvsState], params: Params, tags: dict[str, str]) -> Record:
    """The channel a CreateChannel request makes, checked before its id and passphrase are
    drawn (a refused request leaves a seeded fake's later ids as they were)."""
    channel_type = params.get("type", DEFAULT_TYPE)
    preset = _preset(params, channel_type, NO_PRESET)
    multitrack = _multitrack(params, dict(DEFAULT_MULTITRACK))
    container_format = params.get("containerFormat", DEFAULT_CONTAINER_FORMAT)
    settings: Body = {
        "type": channel_type,
        "multitrackInputConfiguration": multitrack,
        "containerFormat": container_format,
    }
    _check_multitrack(cut(settings, "Channel"))
    _check_references(call, params)
    channel_id, arn = new_arn(call, "channel")
    body: Body = {
        "arn": arn,
        "name": params.get("name", DEFAULT_NAME),
        "latencyMode": params.get("latencyMode", DEFAULT_LATENCY_MODE),
        "type": channel_type,
        "recordingConfigurationArn": params.get("recordingConfigurationArn", NONE_ARN),
        "ingestEndpoint": ingest_endpoint(call.account_id, call.region),
        "playbackUrl": playback_url(call.account_id, call.region, channel_id),
        "authorized": params.get("authorized", DEFAULT_AUTHORIZED),
        "tags": tags,
        "insecureIngest": params.get("insecureIngest", DEFAULT_INSECURE_INGEST),
        "preset": preset,
        "srt": {
            "endpoint": srt_endpoint(call.account_id, call.region),
            "passphrase": alnum(call.env.rng, PASSPHRASE_LENGTH),
        },
        "playbackRestrictionPolicyArn": params.get("playbackRestrictionPolicyArn", NONE_ARN),
        "multitrackInputConfiguration": multitrack,
        "containerFormat": container_format,
        "adConfigurationArn": params.get("adConfigurationArn", NONE_ARN),
        "failoverSlateConfigurationArn": params.get("failoverSlateConfigurationArn", NONE_ARN),
    }
    return Record(arn, cut(body, "Channel"))


def _preset(params: Params, channel_type: str, current: str) -> str:
    """The preset a channel of ``channel_type`` ends up with; a preset is selectable only for
    the ADVANCED types, whose default it is (model doc)."""
    advanced = channel_type in ADVANCED_TYPES
    if "preset" in params:
        if not advanced:
            raise errors.validation(
                f"A preset can be selected only for {' and '.join(ADVANCED_TYPES)} channels, "
                f"not {channel_type}."
            )
        preset: str = params["preset"]
        return preset
    if not advanced:
        return NO_PRESET
    return current or ADVANCED_PRESET


def _multitrack(params: Params, current: Body) -> Body:
    """The multitrack input configuration after the request: the given one over the defaults
    (members it leaves out keep their defaults); a given enabled one names both its policy
    and its maximum resolution (model doc)."""
    given: Params | None = params.get("multitrackInputConfiguration")
    if given is None:
        return current
    if given.get("enabled"):
        for member in ("policy", "maximumResolution"):
            if member not in given:
                raise errors.validation(
                    f"multitrackInputConfiguration.{member} is required when multitrack input "
                    "is enabled."
                )
    return {**DEFAULT_MULTITRACK, **given}


def _check_multitrack(body: Body) -> None:
    """Enabled multitrack input needs a STANDARD channel in FRAGMENTED_MP4 (model doc)."""
    config = body.get("multitrackInputConfiguration")
    if not config or not config.get("enabled"):
        return
    if body["type"] != MULTITRACK_TYPE:
        raise errors.validation(
            f"Multitrack input can be enabled only for {MULTITRACK_TYPE} channels, "
            f"not {body['type']}."
        )
    if body.get("containerFormat") != MULTITRACK_CONTAINER:
        raise errors.validation(
            f"containerFormat must be {MULTITRACK_CONTAINER} when multitrack input is enabled."
        )


def _check_references(call: Call[IvsState], params: Params) -> None:
    """Every non-empty reference the request sets names an existing resource here; a
    recording configuration must be ACTIVE to be used."""
    for member, store_name in REFERENCES.items():
        arn = params.get(member, NONE_ARN)
        if arn == NONE_ARN:
            continue
        record = find(getattr(call.state, store_name), arn)
        if member == "recordingConfigurationArn":
            _check_active(call, record)


def _check_active(call: Call[IvsState], recording: Record) -> None:
    state = current(recording, call.now).body["state"]
    if state != RecordingConfigurationState.ACTIVE:
        raise errors.validation(
            f"The recording configuration {recording.arn} is {state}; a channel can use only "
            f"an {RecordingConfigurationState.ACTIVE} one."
        )


def _refuse_if_live(call: Call[IvsState], arn: str) -> None:
    if arn in call.state.live:
        raise errors.conflict(f"the channel {arn} is live; stop its stream first.")


# -- handlers --------------------------------------------------------------------------------


@operation("CreateChannel")
def create_channel(call: Call[IvsState], params: Params) -> Body:
    record = new_channel(call, params, new_tags(params))
    call.state.channels.add(record)
    key = add_stream_key(call, record.arn, {})
    return {"channel": answer(record), "streamKey": answer(key)}


@operation("GetChannel")
def get_channel(call: Call[IvsState], params: Params) -> Body:
    return {"channel": answer(find(call.state.channels, params["arn"]))}


@operation("BatchGetChannel")
def batch_get_channel(call: Call[IvsState], params: Params) -> Body:
    channels, failures = batch_get(call.state.channels, params["arns"])
    return {"channels": channels, "errors": failures}


@operation("ListChannels")
def list_channels(call: Call[IvsState], params: Params) -> Body:
    filters = [m for m in _list_filters() if m in params]
    if len(filters) > 1:
        raise errors.conflict(
            "the ListChannels filters are mutually exclusive; the request sets "
            f"{' and '.join(filters)}."
        )
    keep = None
    scope = ""
    if filters:
        member, value = _filtered_member(filters[0]), params[filters[0]]
        scope = f"{filters[0]}={value}"

        def keep(record: Record) -> bool:
            return bool(record.body.get(member) == value)

    return list_page(
        call,
        call.state.channels,
        params,
        "ListChannels",
        "channels",
        LIST_LIMIT,
        lambda record: view(record, "ChannelSummary"),
        keep,
        scope,
    )


def _list_filters() -> list[str]:
    """ListChannels' filter members, in the model's order (newer models have more)."""
    shape = service_model(IVS).operation_model("ListChannels").input_shape
    assert shape is not None
    return [m for m in shape.members if m.startswith("filterBy")]


def _filtered_member(filter_member: str) -> str:
    """The channel member a filter matches: ``filterByName`` -> ``name``."""
    rest = filter_member.removeprefix("filterBy")
    return rest[0].lower() + rest[1:]


@operation("UpdateChannel")
def update_channel(call: Call[IvsState], params: Params) -> Body:
    record = find(call.state.channels, params["arn"])
    current = record.body
    updated = dict(current)
    updated.update({k: v for k, v in params.items() if k not in SPECIAL})
    updated["type"] = params.get("type", current["type"])
    if "preset" in current:
        updated["preset"] = _preset(params, updated["type"], current["preset"])
    if "multitrackInputConfiguration" in current:
        updated["multitrackInputConfiguration"] = _multitrack(
            params, current["multitrackInputConfiguration"]
        )
    _check_multitrack(updated)
    _check_references(call, params)
    _refuse_if_live(call, record.arn)
    record.body = cut(updated, "Channel")
    return {"channel": answer(record)}


@operation("DeleteChannel")
def delete_channel(call: Call[IvsState], params: Params) -> Body:
    record = find(call.state.channels, params["arn"])
    _refuse_if_live(call, record.arn)
    remove_stream_key(call, record.arn)
    call.state.channels.remove(record.arn)
    call.state.sessions.pop(record.arn, None)  # its stream sessions go with it
    call.state.metadata_times.pop(record.arn, None)
    return {}
