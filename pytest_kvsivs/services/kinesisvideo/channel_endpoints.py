"""What the WebRTC data-plane services read of a signaling channel: the channel itself, in the
caller's account and region, and whether a request came to an endpoint GetSignalingChannelEndpoint
issued for it (docs/behaviour.md, "WebRTC")."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from ...model import KINESISVIDEO
from ..base import Call
from . import errors
from .identifiers import endpoint
from .lookup import by_arn
from .registry import ChannelProtocol, Status
from .resources import Channel
from .signaling_channels import KIND, LABEL
from .state import KinesisVideoState

HOST_PREFIXES = {ChannelProtocol.HTTPS: "r", ChannelProtocol.WEBRTC: "w"}
"""The host prefix of the endpoint each data-plane protocol is served on (the one
GetSignalingChannelEndpoint answers; a test keeps the two in step)."""

_DATA_PLANE_HOST = re.compile(r"[a-z]-[0-9a-f]{8}\.kinesisvideo\..+")
"""A host of a KVS data-plane endpoint (``r-1a2b3c4d.kinesisvideo.REGION.amazonaws.com``)."""

SERVED = (Status.ACTIVE, Status.UPDATING)
"""The channel statuses a data-plane request is answered in (inferred)."""


def served_channel(call: Call[Any], arn: str, protocol: str) -> Channel:
    """The channel ``arn`` names, if the data plane answers for it at the request's endpoint:
    ``ResourceNotFoundException`` for an unknown channel or one not ACTIVE (or UPDATING),
    ``InvalidArgumentException`` for a KVS endpoint not issued for it and ``protocol``."""
    state: KinesisVideoState = call.peer(KINESISVIDEO)
    channel = by_arn(state.channels, KIND, arn, call.now)
    if channel.status(call.now) not in SERVED:
        raise errors.not_found(KIND)
    _check_endpoint(call, channel, protocol)
    return channel


def issued_endpoint(call: Call[Any], channel: Channel, protocol: str) -> str:
    """The ``protocol`` endpoint GetSignalingChannelEndpoint answers for the channel."""
    return endpoint("https", HOST_PREFIXES[protocol], call.region, call.account_id, channel.arn)


def _check_endpoint(call: Call[Any], channel: Channel, protocol: str) -> None:
    parts = urlsplit(call.url)
    if not _DATA_PLANE_HOST.fullmatch(parts.hostname or ""):
        return  # botocore's regional default (no endpoint_url) or a host outside KVS
    expected = issued_endpoint(call, channel, protocol)
    given = f"{parts.scheme}://{parts.netloc}"
    if given != expected:
        raise errors.invalid_argument(
            f"{given} is not the {protocol} endpoint of the {LABEL} {channel.arn}; send the "
            f"request to {expected}, the {protocol} ResourceEndpoint GetSignalingChannelEndpoint "
            "answers for it."
        )
