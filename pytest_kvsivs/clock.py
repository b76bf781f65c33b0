"""The fake's single time source.

Time is the wall clock plus an offset that :meth:`Clock.advance` grows. The wall
clock is read through ``time.time()`` at every call (never a monotonic clock and
never a cached function reference), so freezegun, pytest-freezer and
time-machine all move the fake's time as they move the application's.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime, timezone


class Clock:
    """Wall-clock time plus an offset; thread-safe."""

    def __init__(self) -> None:
        self._offset = 0.0
        self._lock = threading.Lock()

    def now(self) -> float:
        """Seconds since the epoch, as the fake sees them."""
        return time.time() + self._offset

    def now_datetime(self) -> datetime:
        """The fake's current time as a timezone-aware UTC datetime."""
        return datetime.fromtimestamp(self.now(), timezone.utc)

    @property
    def offset(self) -> float:
        """How far :meth:`advance` has moved the fake ahead of the wall clock."""
        return self._offset

    def advance(self, seconds: float) -> None:
        """Move the fake's time forward by ``seconds`` (>= 0)."""
        if seconds < 0:
            raise ValueError(
                f"advance() takes seconds >= 0, got {seconds!r}: time only moves forward"
            )
        with self._lock:
            self._offset += seconds

    def reset(self) -> None:
        with self._lock:
            self._offset = 0.0
