"""SendAlexaOfferToMaster, and the master a test connects to a channel (``connect_master``)."""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING

from ...model import KINESISVIDEO, SIGNALING
from ..base import Body, Call, Params
from ..common import model_limit
from ..kinesisvideo.channel_endpoints import SERVED, served_channel
from ..kinesisvideo.identifiers import parse_arn
from ..kinesisvideo.registry import ChannelProtocol
from ..kinesisvideo.state import KinesisVideoState
from .defaults import DEFAULT_ANSWER
from .registry import operation
from .state import Master, SignalingState

if TYPE_CHECKING:
    from ..runtime import Runtime

DOCS = "the pytest-kvsivs README, section 'The fixture and KvsFake'"


@operation("SendAlexaOfferToMaster")
def send_alexa_offer_to_master(call: Call[SignalingState], params: Params) -> Body:
    """The connected master's answer, base64-encoded; with no master connected the offer is
    redelivered until it expires and no answer comes (``Answer`` absent)."""
    arn: str = params["ChannelARN"]
    served_channel(call, arn, ChannelProtocol.HTTPS)
    master = call.state.masters.get(arn)
    if master is None:
        return {}
    return {"Answer": base64.b64encode(master.answer.encode()).decode()}


def connect_master(runtime: Runtime, channel_arn: str, answer: str | None) -> None:
    text = DEFAULT_ANSWER if answer is None else answer
    limit = model_limit(SIGNALING, "Answer")
    if not text or len(base64.b64encode(text.encode())) > limit:
        raise ValueError(
            f"connect_master: the answer must be 1 to {limit} characters once base64-encoded "
            f"(the model's Answer); got {len(text)} characters before encoding. See {DOCS}."
        )
    state = _state(runtime, channel_arn)
    state.masters[channel_arn] = Master(text)


def disconnect_master(runtime: Runtime, channel_arn: str) -> None:
    state = _state(runtime, channel_arn)
    if state.masters.pop(channel_arn, None) is None:
        raise ValueError(
            f"disconnect_master: no master is connected to {channel_arn} "
            f"(connect_master connects one). See {DOCS}."
        )


def _state(runtime: Runtime, channel_arn: str) -> SignalingState:
    """The signaling state of the channel's account and region; ``ValueError`` unless the
    channel exists and is ACTIVE (or UPDATING)."""
    parsed = parse_arn(channel_arn)
    if parsed is not None and parsed.kind == "channel":
        channels: KinesisVideoState = runtime.state(KINESISVIDEO, parsed.account, parsed.region)
        channel = channels.channels.by_arn(channel_arn, parsed.name, runtime.clock.now())
        if channel is not None and channel.status(runtime.clock.now()) in SERVED:
            state: SignalingState = runtime.state(SIGNALING, parsed.account, parsed.region)
            return state
    raise ValueError(
        f"no ACTIVE signaling channel {channel_arn!r} to connect a master to: create it "
        f"(CreateSignalingChannel) and let it become ACTIVE first. See {DOCS}."
    )
