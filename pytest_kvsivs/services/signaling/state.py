"""Kinesis Video Signaling state of one account and region: connected masters and client
sessions, by channel ARN (the channels themselves belong to ``kinesisvideo``)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Master:
    """A master client connected to a channel (``kvs_fake.connect_master``)."""

    answer: str
    """The SDP answer it sends back to an offer, as it sends it (not base64)."""


@dataclass(slots=True)
class SignalingState:
    masters: dict[str, Master] = field(default_factory=dict)
    """By channel ARN."""
    sessions: dict[tuple[str, str], float] = field(default_factory=dict)
    """When each (channel ARN, ClientId) session started."""

    def settle(self, now: float) -> None:
        return None


def new_state(controls: None) -> SignalingState:
    return SignalingState()
