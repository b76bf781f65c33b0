"""A minimal, well-formed MP4 (ISO/IEC 14496-12) of one video track: what GetClip answers.

``ftyp``, then ``moov`` (``mvhd``; one ``trak``: ``tkhd``, ``mdia`` with ``mdhd``, ``hdlr``
``vide`` and ``minf``: ``vmhd``, ``dinf``/``dref``, ``stbl`` with ``stsd`` (``avc1``+``avcC``
or ``hvc1``+``hvcC``, the track's codec private data), ``stts``, ``stsc``, ``stsz``,
``stco``), then ``mdat`` holding every sample in one chunk. Timescale 1000 (ms). Every sample
is a key frame (no ``stss``). No decoder runs here: samples are what the caller passes.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass

TIMESCALE = 1000
_MATRIX = struct.pack(">9I", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)
_LANGUAGE_UND = 0x55C4
"""ISO 639-2 "und" packed in three 5-bit letters."""


@dataclass(frozen=True, slots=True)
class VideoTrack:
    sample_entry: bytes
    """``avc1`` or ``hvc1``."""
    config: bytes
    """The decoder configuration record (``avcC`` or ``hvcC`` box contents)."""
    width: int
    height: int


@dataclass(frozen=True, slots=True)
class Sample:
    duration_ms: int
    data: bytes


def box(kind: bytes, *parts: bytes) -> bytes:
    body = b"".join(parts)
    return struct.pack(">I", 8 + len(body)) + kind + body


def _full(kind: bytes, version: int, flags: int, *parts: bytes) -> bytes:
    return box(kind, struct.pack(">I", (version << 24) | flags), *parts)


def _ftyp() -> bytes:
    return box(b"ftyp", b"isom", struct.pack(">I", 512), b"isomiso2avc1mp41")


def _mvhd(duration: int) -> bytes:
    return _full(
        b"mvhd",
        0,
        0,
        struct.pack(">IIII", 0, 0, TIMESCALE, duration),
        struct.pack(">IH", 0x10000, 0x100),  # rate 1.0, volume 1.0
        bytes(10),
        _MATRIX,
        bytes(24),
        struct.pack(">I", 2),  # next track ID
    )


def _tkhd(duration: int, track: VideoTrack) -> bytes:
    return _full(
        b"tkhd",
        0,
        3,  # enabled, in movie
        struct.pack(">IIII", 0, 0, 1, 0),  # times, track ID 1, reserved
        struct.pack(">I", duration),
        bytes(8),
        struct.pack(">hhhH", 0, 0, 0, 0),  # layer, group, volume, reserved
        _MATRIX,
        struct.pack(">II", track.width << 16, track.height << 16),
    )


def _sample_entry(track: VideoTrack) -> bytes:
    config = b"hvcC" if track.sample_entry == b"hvc1" else b"avcC"
    return box(
        track.sample_entry,
        bytes(6),
        struct.pack(">H", 1),  # data reference index
        bytes(16),
        struct.pack(">HH", track.width, track.height),
        struct.pack(">II", 0x480000, 0x480000),  # 72 dpi
        bytes(4),
        struct.pack(">H", 1),  # frame count
        bytes(32),  # compressor name
        struct.pack(">Hh", 0x18, -1),  # depth, pre-defined
        box(config, track.config),
    )


def _stts(samples: Sequence[Sample]) -> bytes:
    runs: list[list[int]] = []
    for sample in samples:
        if runs and runs[-1][1] == sample.duration_ms:
            runs[-1][0] += 1
        else:
            runs.append([1, sample.duration_ms])
    entries = b"".join(struct.pack(">II", count, delta) for count, delta in runs)
    return _full(b"stts", 0, 0, struct.pack(">I", len(runs)), entries)


def _stbl(track: VideoTrack, samples: Sequence[Sample], offset: int) -> bytes:
    sizes = b"".join(struct.pack(">I", len(sample.data)) for sample in samples)
    return box(
        b"stbl",
        _full(b"stsd", 0, 0, struct.pack(">I", 1), _sample_entry(track)),
        _stts(samples),
        _full(b"stsc", 0, 0, struct.pack(">IIII", 1, 1, len(samples), 1)),
        _full(b"stsz", 0, 0, struct.pack(">II", 0, len(samples)), sizes),
        _full(b"stco", 0, 0, struct.pack(">II", 1, offset)),
    )


def _moov(track: VideoTrack, samples: Sequence[Sample], offset: int) -> bytes:
    duration = sum(sample.duration_ms for sample in samples)
    dinf = box(b"dinf", _full(b"dref", 0, 0, struct.pack(">I", 1), _full(b"url ", 0, 1)))
    minf = box(
        b"minf",
        _full(b"vmhd", 0, 1, bytes(8)),
        dinf,
        _stbl(track, samples, offset),
    )
    mdia = box(
        b"mdia",
        _full(b"mdhd", 0, 0, struct.pack(">IIIIHH", 0, 0, TIMESCALE, duration, _LANGUAGE_UND, 0)),
        _full(b"hdlr", 0, 0, bytes(4), b"vide", bytes(12), b"VideoHandler\x00"),
        minf,
    )
    return box(b"moov", _mvhd(duration), box(b"trak", _tkhd(duration, track), mdia))


def movie(track: VideoTrack, samples: Sequence[Sample]) -> bytes:
    """The MP4 file of these samples, in order, in one chunk."""
    head = _ftyp()
    moov_size = len(_moov(track, samples, 0))  # the chunk offset's value does not change it
    offset = len(head) + moov_size + 8
    mdat = box(b"mdat", *(sample.data for sample in samples))
    return head + _moov(track, samples, offset) + mdat
