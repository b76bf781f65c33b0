"""Where media goes: a channel's media storage (mapped to a stream) and a stream's storage tier."""

from __future__ import annotations

from ...lifecycle import GONE
from ..base import Body, Call, Params
from . import errors
from .defaults import MAPPED_RESOURCE_TYPE
from .lookup import (
    after_token,
    by_arn,
    guard,
    identify,
    new_revision,
    require_active,
)
from .registry import operation
from .resources import Channel
from .signaling_channels import KIND as CHANNEL
from .signaling_channels import LABEL as CHANNEL_LABEL
from .state import KinesisVideoState
from .streams import FAMILY as STREAM_FAMILY
from .streams import KIND as STREAM
from .streams import LABEL as STREAM_LABEL
from .streams import find

ENABLED, DISABLED = "ENABLED", "DISABLED"


def _mapped_channel(call: Call[KinesisVideoState], stream_arn: str) -> Channel | None:
    for channel in call.state.channels.values():
        if channel.media_stream_arn == stream_arn and channel.status(call.now) != GONE:
            return channel
    return None


@operation("UpdateMediaStorageConfiguration")
def update_media_storage_configuration(call: Call[KinesisVideoState], params: Params) -> Body:
    channel = by_arn(call.state.channels, CHANNEL, params["ChannelARN"], call.now)
    require_active(call, channel, CHANNEL_LABEL)
    config = params["MediaStorageConfiguration"]
    if config["Status"] == DISABLED:
        channel.media_storage_enabled, channel.media_stream_arn = False, None
        return {}
    stream_arn = config.get("StreamARN")
    if stream_arn is None:
        raise errors.invalid_argument("Status ENABLED needs the StreamARN to store media in.")
    stream = by_arn(call.state.streams, STREAM, stream_arn, call.now)
    require_active(call, stream, STREAM_LABEL)
    if stream.data_retention_hours == 0:
        raise errors.no_data_retention(stream.name)
    other = _mapped_channel(call, stream.arn)
    if other is not None and other is not channel:
        raise errors.in_use(f"The stream {stream.name} already stores media of {other.arn}.")
    channel.media_storage_enabled, channel.media_stream_arn = True, stream.arn
    return {}


@operation("DescribeMediaStorageConfiguration")
def describe_media_storage_configuration(call: Call[KinesisVideoState], params: Params) -> Body:
    channel = identify(call, call.state.channels, CHANNEL, params, "ChannelName", "ChannelARN")
    if not channel.media_storage_enabled:
        return {"MediaStorageConfiguration": {"Status": DISABLED}}
    config = {"Status": ENABLED, "StreamARN": channel.media_stream_arn}
    return {"MediaStorageConfiguration": config}


@operation("DescribeMappedResourceConfiguration")
def describe_mapped_resource_configuration(call: Call[KinesisVideoState], params: Params) -> Body:
    stream = find(call, params)
    if after_token(params, "DescribeMappedResourceConfiguration", stream.arn) is not None:
        return {"MappedResourceConfigurationList": []}  # at most one item: never minted
    channel = _mapped_channel(call, stream.arn)
    mapped = [] if channel is None else [{"Type": MAPPED_RESOURCE_TYPE, "ARN": channel.arn}]
    return {"MappedResourceConfigurationList": mapped}


@operation("UpdateStreamStorageConfiguration")
def update_stream_storage_configuration(call: Call[KinesisVideoState], params: Params) -> Body:
    stream = find(call, params)
    guard(call, stream, STREAM_LABEL, params["CurrentVersion"])
    stream.storage_tier = params["StreamStorageConfiguration"]["DefaultStorageTier"]
    new_revision(call, stream, STREAM_FAMILY)
    return {}


@operation("DescribeStreamStorageConfiguration")
def describe_stream_storage_configuration(call: Call[KinesisVideoState], params: Params) -> Body:
    stream = find(call, params)
    return {
        "StreamName": stream.name,
        "StreamARN": stream.arn,
        "StreamStorageConfiguration": {"DefaultStorageTier": stream.storage_tier},
    }
