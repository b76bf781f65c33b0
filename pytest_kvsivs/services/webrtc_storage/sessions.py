"""JoinStorageSession and JoinStorageSessionAsViewer: peers join the storage session of a
channel mapped to a stream (UpdateMediaStorageConfiguration)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...errors import ServiceError
from ...model import KINESISVIDEO, MEDIA, WEBRTC_STORAGE
from ..base import Body, Call, Params
from ..kinesisvideo.channel_endpoints import served_channel
from ..kinesisvideo.identifiers import parse_arn
from ..kinesisvideo.registry import ChannelProtocol
from ..kinesisvideo.resources import Channel
from ..kinesisvideo.state import KinesisVideoState
from ..media.state import MediaState, Until
from .registry import operation
from .state import StorageSession, StorageSessionInfo, WebrtcStorageState

if TYPE_CHECKING:
    from ..runtime import Runtime


@operation("JoinStorageSession")
def join_storage_session(call: Call[WebrtcStorageState], params: Params) -> Body:
    session = _session(call, params["channelArn"])
    session.master_joined_at = call.now
    media: MediaState = call.peer(MEDIA)
    media.ingest(session.stream_arn, call.now, _while_joined(call, session))
    return {}


def _while_joined(call: Call[WebrtcStorageState], session: StorageSession) -> Until:
    """A joined master's ingestion runs while its session is the channel's and the channel
    still stores its media in the session's stream (not deleted, storage not disabled nor
    moved, the stream not deleted)."""
    sessions = call.state.sessions
    kvs: KinesisVideoState = call.peer(KINESISVIDEO)
    parsed = parse_arn(session.channel_arn)
    name = parsed.name if parsed is not None else ""

    def until(now: float) -> float | None:
        channel = kvs.channels.by_arn(session.channel_arn, name, now)
        if channel is None or sessions.get(session.channel_arn) is not session:
            return None
        return now if channel.media_stream_arn == session.stream_arn else None

    return until


@operation("JoinStorageSessionAsViewer")
def join_storage_session_as_viewer(call: Call[WebrtcStorageState], params: Params) -> Body:
    session = _session(call, params["channelArn"])
    session.viewers[params["clientId"]] = call.now
    return {}


def _session(call: Call[WebrtcStorageState], arn: str) -> StorageSession:
    """The channel's session (a new one when there is none, or when the channel now stores
    its media in another stream)."""
    channel = served_channel(call, arn, ChannelProtocol.WEBRTC)
    stream_arn = _mapped_stream(channel)
    sessions = call.state.sessions
    session = sessions.get(channel.arn)
    if session is None or session.stream_arn != stream_arn:
        session = sessions[channel.arn] = StorageSession(channel.arn, stream_arn, call.now)
    return session


def _mapped_stream(channel: Channel) -> str:
    if not channel.media_storage_enabled or channel.media_stream_arn is None:
        raise ServiceError(
            "InvalidArgumentException",
            f"The signaling channel {channel.name} does not store media: map it to a stream "
            "with UpdateMediaStorageConfiguration (Status ENABLED) first.",
        )
    return channel.media_stream_arn


def storage_session(runtime: Runtime, channel_arn: str) -> StorageSessionInfo | None:
    """The channel's storage session, if a peer has joined one (``ValueError`` for what is not
    a channel ARN)."""
    parsed = parse_arn(channel_arn)
    if parsed is None or parsed.kind != "channel":
        raise ValueError(
            f"storage_session: {channel_arn!r} is not a signaling channel ARN "
            "(arn:aws:kinesisvideo:REGION:ACCOUNT:channel/NAME/MS). "
            "See the pytest-kvsivs README, section 'The fixture and KvsFake'."
        )
    state: WebrtcStorageState = runtime.state(WEBRTC_STORAGE, parsed.account, parsed.region)
    session = state.sessions.get(channel_arn)
    kvs: KinesisVideoState = runtime.state(KINESISVIDEO, parsed.account, parsed.region)
    channel = kvs.channels.by_arn(channel_arn, parsed.name, runtime.clock.now())
    # A session ends when its channel is gone or stores its media elsewhere (inferred).
    if session is None or channel is None or channel.media_stream_arn != session.stream_arn:
        return None
    return session.view()
