"""WebRTC storage sessions of one account and region, by channel ARN (the channels and their
media storage mapping belong to ``kinesisvideo``).

A master joined to a session "starts ingestion into that stream": :meth:`WebrtcStorageState.
ingesting_since` says since when a stream receives a channel's media, for whatever produces
its fragments.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from types import MappingProxyType


@dataclass(slots=True)
class StorageSession:
    """The storage session of one channel, into the stream it was mapped to when it started."""

    channel_arn: str
    stream_arn: str
    started_at: float
    master_joined_at: float | None = None
    """The latest JoinStorageSession (the most recent master takes precedence); None until one."""
    viewers: dict[str, float] = field(default_factory=dict)
    """When each viewer (clientId) last joined (a new join of the same clientId wins)."""

    def view(self) -> StorageSessionInfo:
        return StorageSessionInfo(
            self.channel_arn,
            self.stream_arn,
            _time(self.started_at),
            None if self.master_joined_at is None else _time(self.master_joined_at),
            MappingProxyType({client: _time(at) for client, at in self.viewers.items()}),
        )


@dataclass(frozen=True, slots=True)
class StorageSessionInfo:
    """What ``kvs_fake.storage_session(channel_arn)`` shows of a channel's storage session."""

    channel_arn: str
    stream_arn: str
    """The stream the session's media is stored in."""
    started_at: datetime
    master_joined_at: datetime | None
    """Since when a master is joined (media is ingested into the stream since then)."""
    viewers: Mapping[str, datetime]
    """The joined viewers by clientId, with when each joined."""


@dataclass(slots=True)
class WebrtcStorageState:
    sessions: dict[str, StorageSession] = field(default_factory=dict)
    """By channel ARN."""

    def settle(self, now: float) -> None:
        return None

    def ingesting_since(self, stream_arn: str) -> float | None:
        """Since when a joined master ingests media into the stream (epoch seconds), if one is."""
        for session in self.sessions.values():
            if session.stream_arn == stream_arn and session.master_joined_at is not None:
                return session.master_joined_at
        return None


def _time(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, timezone.utc)


def new_state(controls: None) -> WebrtcStorageState:
    return WebrtcStorageState()
