"""The HLS and DASH streaming sessions an account and region was issued (what
``kvs_fake.streaming_sessions`` shows)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(slots=True)
class StreamingSession:
    """One session as the fake issued it."""

    protocol: str
    """``HLS`` or ``DASH``."""
    stream_arn: str
    url: str
    playback_mode: str
    fragment_selector_type: str
    options: Mapping[str, str | int]
    """Every other request option with its default applied (ContainerFormat,
    DiscontinuityMode, DisplayFragmentTimestamp, DisplayFragmentNumber, the max results)."""
    fragment_numbers: tuple[str, ...]
    """The fragments the playlist or manifest held at creation, oldest first."""
    created_at: float
    expires_at: float
    revoked_at: float | None = None

    def status(self, now: float) -> str:
        """``ACTIVE``, ``EXPIRED`` or ``REVOKED`` (by a newer session) at ``now``."""
        if self.revoked_at is not None:
            return "REVOKED"
        return "ACTIVE" if now < self.expires_at else "EXPIRED"


@dataclass(slots=True)
class StreamingSessions:
    """The sessions issued in one account and region, in creation order."""

    issued: list[StreamingSession] = field(default_factory=list)

    def add(self, session: StreamingSession, limit: int | None) -> None:
        if limit is not None:
            active = [
                s
                for s in self.issued
                if s.stream_arn == session.stream_arn
                and s.protocol == session.protocol
                and s.status(session.created_at) == "ACTIVE"
            ]
            for old in active[: max(0, len(active) - limit + 1)]:
                old.revoked_at = session.created_at
        self.issued.append(session)
