"""Kinesis Video Streams resources of one account and region, and the fake's KVS controls."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from ...options import FakeOptions
from ..store import NamedStore
from .identifiers import parse_arn
from .resources import Channel, Stream


class Tagged(Protocol):
    tags: dict[str, str]


@dataclass(slots=True)
class KinesisVideoControls:
    """The KVS settings and simulation controls of one fake (every account and region)."""

    signaling_channel_limit: int | None = None
    """Signaling channels an account may hold; None: no limit."""
    stream_limit: int | None = None
    """Streams an account may hold; None: no limit."""
    unreachable_hubs: set[str] = field(default_factory=set)
    """Hub devices (IoT thing ARNs) whose Edge Agent does not answer."""

    @classmethod
    def of(cls, options: FakeOptions) -> KinesisVideoControls:
        return cls(options.signaling_channel_limit, options.stream_limit)


class KinesisVideoState:
    def __init__(self, controls: KinesisVideoControls) -> None:
        self.controls = controls
        self.channels: NamedStore[Channel] = NamedStore()
        self.streams: NamedStore[Stream] = NamedStore()

    def settle(self, now: float) -> None:
        for stream in self.streams.values():
            if stream.edge is not None:
                stream.edge.timeline.settle(now)
        self.channels.settle(now)
        self.streams.settle(now)

    def tagged(self, arn: str, now: float) -> Tagged | None:
        """The resource a tagging ARN names, if it exists in this account and region."""
        parsed = parse_arn(arn)
        if parsed is None:
            return None
        if parsed.kind == "channel":
            return self.channels.by_arn(arn, parsed.name, now)
        if parsed.kind == "stream":
            return self.streams.by_arn(arn, parsed.name, now)
        return None

    def unmap_stream(self, stream_arn: str) -> None:
        """A deleted stream is no longer any channel's media storage."""
        for channel in self.channels.values():
            if channel.media_stream_arn == stream_arn:
                channel.media_stream_arn = None
                channel.media_storage_enabled = False
