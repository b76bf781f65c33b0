"""The IVS resources as the fake keeps them (no handlers here: every handler module imports
these, and these import no handler).

A :class:`Record` keeps a resource as its Get operation answers it (the model's structure:
``channel``, ``streamKey``, ``recordingConfiguration``, ...), tags included, so answers are
copies of ``body`` and summaries are ``body`` cut to the summary shape's members.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...lifecycle import Timeline
from ..base import Body


@dataclass(slots=True)
class Record:
    arn: str
    body: dict[str, Any]
    """The resource as Get answers it (wire form: timestamps as ISO 8601 strings where the
    model says iso8601); a status member the timeline decides is filled in when read."""
    timeline: Timeline | None = None
    """For resources with asynchronous states (recording configurations)."""

    @property
    def tags(self) -> dict[str, str]:
        tags: dict[str, str] = self.body.setdefault("tags", {})
        return tags


@dataclass(slots=True)
class StreamSession:
    """One broadcast: from the encoder connecting to its disconnecting."""

    stream_id: str
    channel_arn: str
    channel: Body
    """The channel as it was at go-live."""
    recording_configuration: Body | None
    """The recording configuration as it was at go-live (None: not recorded)."""
    ingest: Body | None
    """The encoder's ingest configuration (``start_broadcast(ingest=...)``)."""
    start: float
    end: float | None = None
    health: str = "HEALTHY"
    viewer_count: int = 0
    events: list[Body] = field(default_factory=list)
    """The session's events, oldest first (answered newest first)."""
    extra: dict[str, Any] = field(default_factory=dict)
    """What the live family keeps beyond the above (one place, so state needs no change)."""
