"""The Matroska (EBML) the KVS data plane carries: minimal fragments as a producer sends them,
and the chunks GetMedia and GetMediaForFragmentList answer (a fragment with the service's
tags added).

A synthesized fragment is one Matroska document: the EBML header and a Segment holding Info
(1 ms timestamp scale), Tracks (one H.264 video track of the given size) and one Cluster (its
timestamp the producer timestamp in ms) with one key-frame SimpleBlock. The service adds a
Tags element to each chunk it answers; :func:`with_tags` appends it to the fragment's
Segment (sized or of unknown size).
"""

from __future__ import annotations

from collections.abc import Iterable

EBML = 0x1A45DFA3
SEGMENT = 0x18538067
_UNKNOWN_SIZE = b"\x01\xff\xff\xff\xff\xff\xff\xff"
CODEC = "V_MPEG4/ISO/AVC"
"""H.264: the CodecID of a synthesized fragment's track (``put_media(codec=...)``)."""
HEVC = "V_MPEGH/ISO/HEVC"
_APP = "pytest-kvsivs"
FRAME = bytes.fromhex("00000001650000")
"""A token frame (an Annex B start code and an IDR slice header byte): no decoder runs here."""
CODEC_PRIVATE = {
    # AVCDecoderConfigurationRecord (ISO/IEC 14496-15): version 1, Baseline 3.0, 4-byte NAL
    # lengths, one token SPS and one token PPS.
    CODEC: bytes.fromhex("0142c01effe100046742c01e01000468ce3c80"),
    # HEVCDecoderConfigurationRecord: version 1, Main profile, level 3.0, no parameter arrays.
    HEVC: bytes.fromhex("0101600000000000000000005af000fcfdf8f800000f00"),
}
"""The codec private data of a synthesized track, by CodecID (other CodecIDs: none)."""


def _id(element_id: int) -> bytes:
    return element_id.to_bytes((element_id.bit_length() + 7) // 8, "big")


def _size(length: int) -> bytes:
    """An EBML variable-size integer: the shortest of 1..8 bytes (all-ones is reserved)."""
    for width in range(1, 9):
        if length < (1 << (7 * width)) - 1:
            return (length | (1 << (7 * width))).to_bytes(width, "big")
    raise ValueError(f"an EBML element of {length} bytes is too large")


def element(element_id: int, data: bytes) -> bytes:
    return _id(element_id) + _size(len(data)) + data


def _uint(element_id: int, value: int) -> bytes:
    return element(element_id, value.to_bytes(max(1, (value.bit_length() + 7) // 8), "big"))


def _text(element_id: int, value: str) -> bytes:
    return element(element_id, value.encode())


def _master(element_id: int, *children: bytes) -> bytes:
    return element(element_id, b"".join(children))


def _header() -> bytes:
    return _master(
        EBML,
        _uint(0x4286, 1),  # EBMLVersion
        _uint(0x42F7, 1),  # EBMLReadVersion
        _uint(0x42F2, 4),  # EBMLMaxIDLength
        _uint(0x42F3, 8),  # EBMLMaxSizeLength
        _text(0x4282, "matroska"),  # DocType
        _uint(0x4287, 4),  # DocTypeVersion
        _uint(0x4285, 2),  # DocTypeReadVersion
    )


def _tracks(width: int, height: int, codec: str, codec_private: bytes | None) -> bytes:
    video = _master(0xE0, _uint(0xB0, width), _uint(0xBA, height))  # PixelWidth, PixelHeight
    private = b"" if codec_private is None else element(0x63A2, codec_private)  # CodecPrivate
    entry = _master(
        0xAE,  # TrackEntry
        _uint(0xD7, 1),  # TrackNumber
        _uint(0x73C5, 1),  # TrackUID
        _uint(0x83, 1),  # TrackType: video
        _text(0x86, codec),  # CodecID
        private,
        video,
    )
    return _master(0x1654AE6B, entry)


def _cluster(timestamp_ms: int, frame: bytes) -> bytes:
    # SimpleBlock: track 1 (size-coded), relative timestamp 0, flags: key frame.
    block = element(0xA3, b"\x81\x00\x00\x80" + frame)
    return _master(0x1F43B675, _uint(0xE7, timestamp_ms), block)  # Cluster: Timestamp


def fragment(
    timestamp_ms: int,
    width: int,
    height: int,
    codec: str = CODEC,
    codec_private: bytes | None = CODEC_PRIVATE[CODEC],
    frame: bytes = FRAME,
) -> bytes:
    """A minimal fragment: one key frame at ``timestamp_ms`` (the producer's clock), valid
    with the defaults (``codec_private`` None: the track has no CodecPrivate element)."""
    info = _master(
        0x1549A966,  # Info
        _uint(0x2AD7B1, 1_000_000),  # TimestampScale: 1 ms
        _text(0x4D80, _APP),  # MuxingApp
        _text(0x5741, _APP),  # WritingApp
    )
    tracks = _tracks(width, height, codec, codec_private)
    segment = _master(SEGMENT, info, tracks, _cluster(timestamp_ms, frame))
    return _header() + segment


def tags(values: Iterable[tuple[str, str]]) -> bytes:
    """A Tags element holding one Tag (no targets: the whole segment) of these SimpleTags."""
    simple = [_master(0x67C8, _text(0x45A3, name), _text(0x4487, value)) for name, value in values]
    return _master(0x1254C367, _master(0x7373, element(0x63C0, b""), *simple))


def _read_vint(data: bytes, at: int, keep_marker: bool) -> tuple[int, int]:
    """An EBML variable-size integer at ``at``: (value, length); -1 for the unknown size."""
    first = data[at]
    width = 9 - first.bit_length() if first else 0
    if not 1 <= width <= 8 or at + width > len(data):
        raise ValueError(f"no EBML variable-size integer at byte {at}")
    raw = data[at : at + width]
    if keep_marker:
        return int.from_bytes(raw, "big"), width
    value = int.from_bytes(raw, "big") & ((1 << (7 * width)) - 1)
    return (-1 if value == (1 << (7 * width)) - 1 else value), width


def check_document(data: bytes) -> None:
    """``ValueError`` unless ``data`` starts with an EBML header followed by a Segment."""
    if len(data) < 4 or int.from_bytes(data[:4], "big") != EBML:
        raise ValueError("it does not start with an EBML header (bytes 1A 45 DF A3)")
    _segment_at(data)


def _segment_at(data: bytes) -> tuple[int, int, int]:
    """(start of the Segment's size, its width, the size: -1 when unknown) after the header."""
    at = 0
    while at < len(data):
        element_id, width = _read_vint(data, at, keep_marker=True)
        size, size_width = _read_vint(data, at + width, keep_marker=False)
        if element_id == SEGMENT:
            return at + width, size_width, size
        if size < 0:
            break
        at += width + size_width + size
    raise ValueError("it holds no Matroska Segment after its EBML header")


def with_tags(document: bytes, added: bytes) -> bytes:
    """``document`` with the element ``added`` as the last child of its Segment."""
    size_at, width, size = _segment_at(document)
    if size < 0:
        return document + added
    end = size_at + width + size
    new_size = _size(size + len(added))
    return document[:size_at] + new_size + document[size_at + width : end] + added + document[end:]
