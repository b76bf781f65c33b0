"""The fragment store of one account and region: a log per stream incarnation (by ARN), and
the ingestions that feed logs on their own (a WebRTC master joined to a storage session)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ...options import FakeOptions
from . import mkv
from .fragments import Fragment, FragmentLog, Track

INGESTED_FRAGMENT_MS = 2000
"""Fragments of a WebRTC storage session last 2 s (inferred: the producer SDK's default
fragment duration; AWS documents none for WebRTC ingestion)."""
INGESTED_SIZE = (1280, 720)
"""The picture size of ingested WebRTC media (inferred: a common camera resolution)."""

Until = Callable[[float], float | None]
"""Given the fake's now, up to when an ingestion has run (epoch s): now while it runs, None
once it has ended (nothing more is ingested)."""


@dataclass(slots=True)
class Ingestion:
    next_ms: int
    """Where the next fragment starts (server and producer time, epoch ms)."""
    until: Until


class MediaControls:
    """kinesis-video-media has no settings of its own."""

    @classmethod
    def of(cls, options: FakeOptions) -> MediaControls:
        return cls()


class MediaState:
    def __init__(self, controls: MediaControls) -> None:
        self.controls = controls
        self._logs: dict[str, FragmentLog] = {}
        self._ingestions: dict[str, Ingestion] = {}

    def log(self, stream_arn: str) -> FragmentLog:
        """The fragments of the stream with this ARN (a re-created stream has a new ARN, so
        it starts empty)."""
        log = self._logs.get(stream_arn)
        if log is None:
            log = self._logs[stream_arn] = FragmentLog(stream_arn)
        return log

    def ingest(self, stream_arn: str, since: float, until: Until) -> None:
        """Media flows into the stream from ``since`` (epoch s) for as long as ``until``
        says; a running ingestion into the same stream continues where it is."""
        running = self._ingestions.get(stream_arn)
        start = round(since * 1000)
        if running is not None and running.until(since) is not None:
            start = running.next_ms
        self._ingestions[stream_arn] = Ingestion(
            max(start, self.log(stream_arn).end_ms or 0), until
        )

    def log_at(self, stream_arn: str, retention_hours: int, now: float) -> FragmentLog:
        """The stream's log with every fragment its ingestion completed by ``now``."""
        log = self.log(stream_arn)
        ingestion = self._ingestions.get(stream_arn)
        if ingestion is None:
            return log
        until = ingestion.until(now)
        if until is None:
            del self._ingestions[stream_arn]
            return log
        while ingestion.next_ms + INGESTED_FRAGMENT_MS <= until * 1000 + 0.5:
            at = ingestion.next_ms
            number = log.mint()
            if retention_hours:  # retention 0: the service keeps nothing
                media = mkv.fragment(at, *INGESTED_SIZE)
                track = Track(mkv.CODEC, *INGESTED_SIZE)
                log.append(Fragment(number, at, at, INGESTED_FRAGMENT_MS, media, track))
            ingestion.next_ms += INGESTED_FRAGMENT_MS
        return log

    def settle(self, now: float) -> None:
        return None
