"""The Kinesis Video Streams resources as the fake keeps them (no handlers here: every
handler module imports these, and these import no handler)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...lifecycle import Timeline
from ..base import Body


@dataclass(slots=True)
class Channel:
    name: str
    arn: str
    channel_type: str
    message_ttl_seconds: int
    created_at: float
    version: str
    timeline: Timeline
    tags: dict[str, str] = field(default_factory=dict)
    media_storage_enabled: bool = False
    media_stream_arn: str | None = None

    def status(self, now: float) -> str:
        return self.timeline.status_at(now)

    def info(self, now: float) -> Body:
        return {
            "ChannelName": self.name,
            "ChannelARN": self.arn,
            "ChannelType": self.channel_type,
            "ChannelStatus": self.status(now),
            "CreationTime": self.created_at,
            "SingleMasterConfiguration": {"MessageTtlSeconds": self.message_ttl_seconds},
            "Version": self.version,
        }


@dataclass(slots=True)
class EdgeState:
    config: dict[str, Any]
    created_at: float
    updated_at: float
    timeline: Timeline

    def status(self, now: float) -> str:
        return self.timeline.status_at(now)


@dataclass(slots=True)
class Stream:
    name: str
    arn: str
    created_at: float
    version: str
    timeline: Timeline
    kms_key_id: str
    data_retention_hours: int
    storage_tier: str
    device_name: str | None = None
    media_type: str | None = None
    tags: dict[str, str] = field(default_factory=dict)
    image_generation: dict[str, Any] | None = None
    notification: dict[str, Any] | None = None
    edge: EdgeState | None = None  # set by StartEdgeConfigurationUpdate

    def status(self, now: float) -> str:
        return self.timeline.status_at(now)

    def info(self, now: float) -> Body:
        info: Body = {
            "StreamName": self.name,
            "StreamARN": self.arn,
            "KmsKeyId": self.kms_key_id,
            "Version": self.version,
            "Status": self.status(now),
            "CreationTime": self.created_at,
            "DataRetentionInHours": self.data_retention_hours,
        }
        if self.device_name is not None:
            info["DeviceName"] = self.device_name
        if self.media_type is not None:
            info["MediaType"] = self.media_type
        return info
