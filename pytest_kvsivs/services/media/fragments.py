"""The fragments a stream holds, as KVS keeps them: per stream, in ingestion order.

Fragment numbers and server timestamps both grow with ingestion, so one list in that order
answers lookups by number and by server time by bisection; a second, sorted by producer
timestamp (a producer may restart its clock), answers producer-time ranges. Retention is
read at each lookup (``horizon``: fragments whose server timestamp is not after it are gone),
so a change of DataRetentionInHours applies at once; expired fragments are dropped from the
front as lookups pass them.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass

from ..base import Body
from ..common import stable_hex

FAULTS = ("missing_codec_private_data", "invalid_codec_private_data", "invalid_media_frames")
"""What ``put_media(fault=...)`` can make wrong in the media: no codec private data, codec
private data that does not parse, frames that do not parse."""

NUMBER_DIGITS = 47
"""Real fragment numbers have about 47 digits (reference 1.5); ours all have exactly 47, so
that their string order is their numeric order."""
_NUMBER_PREFIX = 91343852333181
"""The leading digits of real fragment numbers (reference 1.5)."""


@dataclass(frozen=True, slots=True)
class Track:
    """Track 1 of a fragment as the producer described it (what playback and clips read)."""

    codec: str
    width: int
    height: int
    fault: str | None = None
    """One of :data:`FAULTS`, or None: the media is well-formed."""


@dataclass(frozen=True, slots=True)
class Fragment:
    number: str
    server_ms: int
    producer_ms: int
    length_ms: int
    media: bytes
    """The fragment's Matroska as the producer sent it (the service's tags are added when it
    is answered)."""
    track: Track

    def info(self) -> Body:
        """The fragment as ListFragments answers it (timestamps: epoch seconds on the wire)."""
        return {
            "FragmentNumber": self.number,
            "FragmentSizeInBytes": len(self.media),
            "ProducerTimestamp": self.producer_ms / 1000,
            "ServerTimestamp": self.server_ms / 1000,
            "FragmentLengthInMilliseconds": self.length_ms,
        }


class FragmentLog:
    """The fragments of one stream (one incarnation: the log is keyed by the stream's ARN)."""

    def __init__(self, stream_arn: str) -> None:
        seed = int(stable_hex("fragments", stream_arn, length=20), 16)
        width = NUMBER_DIGITS - len(str(_NUMBER_PREFIX))
        self._next = _NUMBER_PREFIX * 10**width + seed * 10**8 + seed % 10**8
        self._step = 1 + seed % 997
        self._fragments: list[Fragment] = []
        self._server: list[int] = []
        self._numbers: list[str] = []
        self._by_producer: list[tuple[int, str]] = []
        self._index: dict[str, Fragment] = {}
        self._first = 0
        """Index of the oldest fragment not known to be gone."""

    def mint(self) -> str:
        """The next fragment number (increasing, never reused), stored or not."""
        number = f"{self._next:0{NUMBER_DIGITS}d}"
        self._next += self._step
        return number

    @property
    def end_ms(self) -> int | None:
        """Where the newest fragment ends on the server's clock (None: none ever stored)."""
        if not self._fragments:
            return None
        last = self._fragments[-1]
        return last.server_ms + last.length_ms

    def append(self, fragment: Fragment) -> None:
        """Store a fragment ingested after every stored one."""
        self._fragments.append(fragment)
        self._server.append(fragment.server_ms)
        self._numbers.append(fragment.number)
        self._index[fragment.number] = fragment
        bisect.insort(self._by_producer, (fragment.producer_ms, fragment.number))

    def first(self, horizon_ms: float) -> int:
        """The index of the oldest fragment still kept (fragments up to the horizon are gone)."""
        self._first = max(self._first, bisect.bisect_right(self._server, horizon_ms))
        return self._first

    def alive(self, fragment: Fragment, horizon_ms: float) -> bool:
        return fragment.server_ms > horizon_ms

    def get(self, number: str, horizon_ms: float) -> Fragment | None:
        fragment = self._index.get(number)
        return fragment if fragment is not None and self.alive(fragment, horizon_ms) else None

    def __len__(self) -> int:
        return len(self._fragments)

    def at(self, index: int) -> Fragment:
        return self._fragments[index]

    def after_number(self, number: str) -> int:
        """The index of the first fragment with a greater number."""
        return bisect.bisect_right(self._numbers, number)

    def index_of(self, fragment: Fragment) -> int:
        return bisect.bisect_left(self._numbers, fragment.number)

    def server_span(self, start_ms: float, end_ms: float, horizon_ms: float) -> range:
        """Indices of the kept fragments whose server timestamp is in [start, end]."""
        low = max(self.first(horizon_ms), bisect.bisect_left(self._server, start_ms))
        return range(low, max(low, bisect.bisect_right(self._server, end_ms)))

    def server_containing(self, at_ms: float, horizon_ms: float) -> int:
        """The index of the kept fragment that contains server time ``at_ms``, or else of the
        first one after it (``len(self)`` when none is)."""
        first = self.first(horizon_ms)
        index = bisect.bisect_right(self._server, at_ms) - 1
        if index >= first and at_ms < self._server[index] + self._fragments[index].length_ms:
            return index
        return max(first, index + 1)

    def producer_keys(self, start_ms: float, end_ms: float, after: tuple[int, str] | None) -> range:
        """Positions in producer order of the fragments whose producer timestamp is in
        [start, end], after the key ``after``: kept or not (check :meth:`alive`)."""
        low = bisect.bisect_left(self._by_producer, (start_ms, ""))
        if after is not None:
            low = max(low, bisect.bisect_right(self._by_producer, after))
        high = bisect.bisect_right(self._by_producer, (end_ms, "~"))
        return range(low, max(low, high))

    def by_producer(self, position: int) -> Fragment:
        return self._index[self._by_producer[position][1]]

    def producer_containing(self, at_ms: float, horizon_ms: float) -> Fragment | None:
        """The kept fragment whose producer time span contains ``at_ms``, or else the first
        kept one that starts after it."""
        position = bisect.bisect_right(self._by_producer, (at_ms, "~")) - 1
        if position >= 0:
            fragment = self.by_producer(position)
            if at_ms < fragment.producer_ms + fragment.length_ms and self.alive(
                fragment, horizon_ms
            ):
                return fragment
        for later in range(position + 1, len(self._by_producer)):
            fragment = self.by_producer(later)
            if self.alive(fragment, horizon_ms):
                return fragment
        return None

    def newest(self, horizon_ms: float) -> int | None:
        """The index of the newest kept fragment."""
        last = len(self._fragments) - 1
        return last if last >= self.first(horizon_ms) else None

    def kept(self, start: int, horizon_ms: float) -> Iterator[Fragment]:
        """The kept fragments from index ``start`` on, in ingestion order."""
        for index in range(max(start, self.first(horizon_ms)), len(self._fragments)):
            yield self._fragments[index]
