"""A minimal PNG writer (zlib and struct only): flat RGB frames, as GetImages answers them.

The package depends on no imaging library; a frame here is one colour, so every scanline is
the same: filter type Sub (1) makes each row "the colour, then zeros", which zlib compresses
to almost nothing.
"""

from __future__ import annotations

import struct
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"
_RGB, _DEPTH = 2, 8
"""Colour type truecolour, 8 bits per sample."""
_SUB = 1
"""Filter type Sub: each byte minus the byte of the previous pixel."""


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def flat(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A ``width`` x ``height`` PNG of one colour."""
    header = struct.pack(">IIBBBBB", width, height, _DEPTH, _RGB, 0, 0, 0)
    row = bytes((_SUB, *rgb)) + bytes(3 * (width - 1))
    packer = zlib.compressobj(6)
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    return SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", data) + _chunk(b"IEND", b"")
