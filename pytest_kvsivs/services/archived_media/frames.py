"""The picture a fragment holds, as the fake draws it: one flat colour per fragment (from its
number, so two fragments' images differ) at the size of the fragment's video track, encoded as
the image APIs ask (GetImages, and the images image generation delivers to S3)."""

from __future__ import annotations

import functools

from ..common import stable_hex
from ..media import mkv
from ..media.fragments import Fragment
from . import jpeg, png

_MASTERS = frozenset((mkv.SEGMENT, 0x1654AE6B, 0xAE, 0xE0))
"""Segment, Tracks, TrackEntry, Video: the path to PixelWidth (0xB0) and PixelHeight (0xBA)."""
_WIDTH, _HEIGHT = 0xB0, 0xBA


def colour(fragment: Fragment) -> tuple[int, int, int]:
    digits = stable_hex("frame", fragment.number, length=6)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def _walk(data: bytes, at: int, end: int, found: dict[int, int]) -> None:
    while at < end:
        element_id, width = mkv._read_vint(data, at, keep_marker=True)
        size, size_width = mkv._read_vint(data, at + width, keep_marker=False)
        start = at + width + size_width
        stop = end if size < 0 else min(end, start + size)
        if element_id in _MASTERS:
            _walk(data, start, stop, found)
        elif element_id in (_WIDTH, _HEIGHT):
            found.setdefault(element_id, int.from_bytes(data[start:stop], "big"))
        at = stop


@functools.lru_cache(maxsize=4096)
def _size_of(media: bytes) -> tuple[int, int] | None:
    found: dict[int, int] = {}
    try:
        _walk(media, 0, len(media), found)
    except (ValueError, IndexError):
        return None
    width, height = found.get(_WIDTH), found.get(_HEIGHT)
    return (width, height) if width and height else None


def video_size(fragment: Fragment) -> tuple[int, int] | None:
    """The fragment's picture size (its first video track's PixelWidth x PixelHeight); None
    when it holds no video the fake can read, or frames that do not decode (``put_media(
    fault="invalid_media_frames")``): an image of it is then MEDIA_ERROR."""
    if fragment.track.fault == "invalid_media_frames":
        return None
    return _size_of(fragment.media)


def scaled_size(
    original: tuple[int, int], width: int | None, height: int | None
) -> tuple[int, int]:
    """The size asked for: both given, stretched to them; only one, the other from the
    original aspect ratio; neither, the original size."""
    if width is not None and height is not None:
        return width, height
    if height is not None:
        return max(1, round(height * original[0] / original[1])), height
    if width is not None:
        return width, max(1, round(width * original[1] / original[0]))
    return original


@functools.lru_cache(maxsize=64)
def encode(kind: str, size: tuple[int, int], rgb: tuple[int, int, int], quality: int) -> bytes:
    """A flat frame as ``kind`` (the model's Format: JPEG or PNG)."""
    if kind == "PNG":
        return png.flat(*size, rgb)
    return jpeg.flat(*size, rgb, quality)
