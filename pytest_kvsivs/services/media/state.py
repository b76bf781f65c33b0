"""The fragment store of one account and region: a log per stream incarnation (by ARN)."""

from __future__ import annotations

from ...options import FakeOptions
from .fragments import FragmentLog


class MediaControls:
    """kinesis-video-media has no settings of its own."""

    @classmethod
    def of(cls, options: FakeOptions) -> MediaControls:
        return cls()


class MediaState:
    def __init__(self, controls: MediaControls) -> None:
        self.controls = controls
        self._logs: dict[str, FragmentLog] = {}

    def log(self, stream_arn: str) -> FragmentLog:
        """The fragments of the stream with this ARN (a re-created stream has a new ARN, so
        it starts empty)."""
        log = self._logs.get(stream_arn)
        if log is None:
            log = self._logs[stream_arn] = FragmentLog(stream_arn)
        return log

    def settle(self, now: float) -> None:
        return None
