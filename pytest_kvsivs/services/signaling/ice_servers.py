"""GetIceServerConfig: TURN servers and credentials for a signaling channel."""

from __future__ import annotations

import base64
import hashlib

from ...errors import ServiceError
from ..base import Body, Call, Params
from ..common import dns_suffix, stable_hex
from ..kinesisvideo.channel_endpoints import served_channel
from ..kinesisvideo.registry import ChannelProtocol
from .defaults import (
    ICE_SERVER_COUNT,
    ICE_TTL_SECONDS,
    RESERVED_CLIENT_PREFIX,
    SESSION_SECONDS,
    TURN_URIS,
)
from .registry import operation
from .state import SignalingState


@operation("GetIceServerConfig")
def get_ice_server_config(call: Call[SignalingState], params: Params) -> Body:
    arn: str = params["ChannelARN"]
    served_channel(call, arn, ChannelProtocol.HTTPS)
    client_id: str | None = params.get("ClientId")
    if client_id is not None:
        _check_client(call, arn, client_id)
    expiry = int(call.now) + ICE_TTL_SECONDS
    username = _username(expiry, arn, params.get("Username"))
    return {"IceServerList": [_server(call, username) for _ in range(ICE_SERVER_COUNT)]}


def _check_client(call: Call[SignalingState], arn: str, client_id: str) -> None:
    """A ClientId's session starts with its first call and lasts SESSION_SECONDS; the call
    after that is told so and ends it (a client that reconnects starts a new one)."""
    if client_id.lower().startswith(RESERVED_CLIENT_PREFIX):
        raise ServiceError(
            "InvalidClientException",
            f"The client {client_id} is invalid: a ClientId cannot start with AWS_.",
        )
    sessions = call.state.sessions
    started = sessions.setdefault((arn, client_id), call.now)
    if call.now - started >= SESSION_SECONDS:
        del sessions[(arn, client_id)]
        raise ServiceError(
            "SessionExpiredException",
            f"The session of client {client_id} expired {SESSION_SECONDS // 60} minutes after "
            "it connected; reconnect to the channel.",
        )


def _server(call: Call[SignalingState], username: str) -> Body:
    rng = call.env.rng
    address = "-".join(str(rng.randint(1, 254)) for _ in range(4))
    hex8 = stable_hex("t", call.region, call.account_id)
    host = f"{address}.t-{hex8}.kinesisvideo.{call.region}.{dns_suffix(call.region)}"
    return {
        "Uris": [uri.format(host=host) for uri in TURN_URIS],
        "Username": username,
        "Password": _b64(rng.randbytes(32)),
        "Ttl": ICE_TTL_SECONDS,
    }


def _username(expiry: int, arn: str, user: str | None) -> str:
    """``EXPIRY-TOKEN``: real usernames are ``EXPIRY:base64(v1:CHANNEL_ARN)``, which the model's
    pattern for Username (``[a-zA-Z0-9_.-]+``) refuses; the fake keeps to the model."""
    digest = hashlib.sha256(f"v1:{arn}:{user or ''}".encode()).digest()
    return f"{expiry}-{_b64(digest)}"


def _b64(data: bytes) -> str:
    """URL-safe base64 without padding: letters, digits, ``-`` and ``_`` only."""
    return base64.urlsafe_b64encode(data).decode().rstrip("=")
