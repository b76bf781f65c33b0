"""Kinesis Video Streams resources of one account and region."""

from __future__ import annotations

from typing import Protocol

from ..store import NamedStore
from .identifiers import parse_arn
from .signaling_channels import Channel


class Tagged(Protocol):
    tags: dict[str, str]


class KinesisVideoState:
    def __init__(self) -> None:
        self.channels: NamedStore[Channel] = NamedStore()

    def settle(self, now: float) -> None:
        self.channels.settle(now)

    def tagged(self, arn: str, now: float) -> Tagged | None:
        """The resource a tagging ARN names, if it exists in this account and region."""
        parsed = parse_arn(arn)
        if parsed is None:
            return None
        if parsed.kind == "channel":
            return self.channels.by_arn(arn, parsed.name, now)
        return None
