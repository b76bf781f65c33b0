"""Signaling channels: the nine operations of 2019-12-04, with FULL_MESH (2022-05-03)."""

from __future__ import annotations

from typing import Any

from ...lifecycle import GONE
from ..base import Body, Call, Params
from . import errors
from .defaults import (
    DEFAULT_CHANNEL_TYPE,
    DEFAULT_ENDPOINT_PROTOCOLS,
    DEFAULT_ENDPOINT_ROLE,
    DEFAULT_MESSAGE_TTL_SECONDS,
    LIST_SIGNALING_CHANNELS_MAX_RESULTS,
    SIGNALING_CHANNEL,
)
from .identifiers import endpoint, make_arn, new_version
from .lookup import (
    by_arn,
    claim_name,
    creating,
    guard,
    identify,
    list_by_name,
    new_revision,
    require_active,
    transition,
)
from .registry import ChannelProtocol, ChannelRole, Status, operation
from .resources import Channel
from .state import KinesisVideoState
from .tagging import tags_from_list

KIND = "channel"


LABEL = "signaling channel"
QUOTA_ERROR = "AccountChannelLimitExceededException"
FAMILY = SIGNALING_CHANNEL


def _by_arn(call: Call[KinesisVideoState], arn: str) -> Channel:
    return by_arn(call.state.channels, KIND, arn, call.now)


@operation("CreateSignalingChannel")
def create_signaling_channel(call: Call[KinesisVideoState], params: Params) -> Body:
    name: str = params["ChannelName"]
    tags = tags_from_list(params.get("Tags") or [])
    store = call.state.channels
    quota = (call.state.controls.signaling_channel_limit, QUOTA_ERROR)
    ms = claim_name(call, store, name, LABEL, quota)
    single_master = params.get("SingleMasterConfiguration") or {}
    arn = make_arn(KIND, call.region, call.account_id, name, ms)
    channel = Channel(
        name=name,
        arn=arn,
        channel_type=params.get("ChannelType") or DEFAULT_CHANNEL_TYPE,
        message_ttl_seconds=single_master.get("MessageTtlSeconds", DEFAULT_MESSAGE_TTL_SECONDS),
        created_at=ms / 1000,
        version=new_version(call.env.rng),
        timeline=creating(call, FAMILY),
        tags=tags,
    )
    store.add(channel)
    return {"ChannelARN": arn}


@operation("DescribeSignalingChannel")
def describe_signaling_channel(call: Call[KinesisVideoState], params: Params) -> Body:
    channel = identify(call, call.state.channels, KIND, params, "ChannelName", "ChannelARN")
    return {"ChannelInfo": channel.info(call.now)}


@operation("ListSignalingChannels")
def list_signaling_channels(call: Call[KinesisVideoState], params: Params) -> Body:
    return list_by_name(
        call, call.state.channels, "ListSignalingChannels", params, "ChannelNameCondition",
        "ChannelInfoList", LIST_SIGNALING_CHANNELS_MAX_RESULTS,
        lambda channel: channel.info(call.now),
    )  # fmt: skip


@operation("UpdateSignalingChannel")
def update_signaling_channel(call: Call[KinesisVideoState], params: Params) -> Body:
    channel = _by_arn(call, params["ChannelARN"])
    guard(call, channel, LABEL, params["CurrentVersion"])
    single_master: dict[str, Any] = params.get("SingleMasterConfiguration") or {}
    if "MessageTtlSeconds" in single_master:
        channel.message_ttl_seconds = single_master["MessageTtlSeconds"]
    new_revision(call, channel, FAMILY)
    return {}


@operation("DeleteSignalingChannel")
def delete_signaling_channel(call: Call[KinesisVideoState], params: Params) -> Body:
    channel = _by_arn(call, params["ChannelARN"])
    guard(call, channel, LABEL, params.get("CurrentVersion"))
    transition(call, channel, FAMILY, Status.DELETING, GONE)
    return {}


@operation("GetSignalingChannelEndpoint")
def get_signaling_channel_endpoint(call: Call[KinesisVideoState], params: Params) -> Body:
    channel = _by_arn(call, params["ChannelARN"])
    require_active(call, channel, LABEL)
    config = params.get("SingleMasterChannelEndpointConfiguration") or {}
    protocols: list[str] = list(
        dict.fromkeys(config.get("Protocols") or DEFAULT_ENDPOINT_PROTOCOLS)
    )
    role: str = config.get("Role") or DEFAULT_ENDPOINT_ROLE
    if ChannelProtocol.WEBRTC in protocols and not channel.media_storage_enabled:
        raise errors.invalid_argument(
            f"The WEBRTC protocol needs media storage ENABLED on the signaling channel "
            f"{channel.name}; it is not configured for ingestion."
        )
    return {
        "ResourceEndpointList": [
            {"Protocol": protocol, "ResourceEndpoint": _endpoint(call, channel, protocol, role)}
            for protocol in protocols
        ]
    }


def _endpoint(call: Call[KinesisVideoState], channel: Channel, protocol: str, role: str) -> str:
    if protocol == ChannelProtocol.WSS:
        prefix = "m" if role == ChannelRole.MASTER else "v"
        return endpoint("wss", prefix, call.region, call.account_id, channel.arn)
    prefix = "r" if protocol == ChannelProtocol.HTTPS else "w"
    return endpoint("https", prefix, call.region, call.account_id, channel.arn)
