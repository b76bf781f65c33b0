"""Kinesis Video Signaling values the model states only in prose, or not at all, in one place
(sources: the model's documentation and ``shared/reference/aws-behavior.md``; docs/behaviour.md,
"WebRTC")."""

from __future__ import annotations

ICE_TTL_SECONDS = 300
"""IceServer.Ttl: the API reference gives it as a fixed value of 300 (so do real answers)."""

ICE_SERVER_COUNT = 2
"""Real answers hold two TURN servers (seen), each with the three URIs of TURN_URIS."""

TURN_URIS = (
    "turn:{host}:443?transport=udp",
    "turns:{host}:443?transport=udp",
    "turns:{host}:443?transport=tcp",
)
"""The URIs of one TURN server, in the order real answers list them (seen)."""

SESSION_SECONDS = 45 * 60
"""How long a client's session lasts once it is connected (SessionExpiredException's doc)."""

RESERVED_CLIENT_PREFIX = "aws_"
"""A ClientId may not start with ``AWS_``, in any case (WebRTC WebSocket API reference)."""

DEFAULT_ANSWER = (
    '{"type":"answer","sdp":"v=0\\r\\no=- 0 0 IN IP4 127.0.0.1\\r\\ns=-\\r\\nt=0 0\\r\\n"}'
)
"""What a master answers an SDP offer with unless the test says (the shape of the message a
KVS WebRTC master sends: a JSON session description)."""
