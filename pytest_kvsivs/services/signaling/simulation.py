"""The signaling simulation controls of ``KvsFake`` (a mixin): a master client on a channel.

A master is a WebSocket client, not a botocore call: these controls play its part. The logic
lives in ``masters``; this module only takes the fake's lock.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..runtime import Runtime


class SignalingSimulation:
    """What a test can make a signaling channel's master do."""

    _runtime: Runtime

    def connect_master(self, channel_arn: str, *, answer: str | None = None) -> None:
        """A master client joins the signaling channel (an ACTIVE one: ``ValueError``
        otherwise); a master already connected is replaced (the newest one wins).

        ``answer`` is the SDP answer it sends back to an offer, as the master sends it
        (SendAlexaOfferToMaster answers it base64-encoded); by default a minimal JSON session
        description ``{"type":"answer","sdp":...}``.
        """
        from .masters import connect_master

        with self._runtime.lock:
            connect_master(self._runtime, channel_arn, answer)

    def disconnect_master(self, channel_arn: str) -> None:
        """The master leaves the channel (``ValueError`` if none is connected): offers then get
        no answer."""
        from .masters import disconnect_master

        with self._runtime.lock:
            disconnect_master(self._runtime, channel_arn)
