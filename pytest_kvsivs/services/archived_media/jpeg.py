"""A minimal baseline JPEG writer (ITU-T T.81, JFIF) for flat frames: no imaging library.

A frame of one colour has, in every 8 x 8 block of every component, one DC coefficient and no
AC coefficient, so the entropy-coded data is the first MCU (the DC values) and then the same
few bits for every other MCU (DC difference 0, end of block). The quantization tables are the
standard ones (Annex K) scaled by the quality as the IJG library scales them, so a decoder
reads the quality back from them; the Huffman tables hold only the symbols a flat frame uses.
Components are YCbCr at full resolution (sampling 1x1).
"""

from __future__ import annotations

import struct

_LUMA = (
    (16, 11, 10, 16, 24, 40, 51, 61), (12, 12, 14, 19, 26, 58, 60, 55),
    (14, 13, 16, 24, 40, 57, 69, 56), (14, 17, 22, 29, 51, 87, 80, 62),
    (18, 22, 37, 56, 68, 109, 103, 77), (24, 35, 55, 64, 81, 104, 113, 92),
    (49, 64, 78, 87, 103, 121, 120, 101), (72, 92, 95, 98, 112, 100, 103, 99),
)  # fmt: skip
"""Annex K.1, luminance, in natural (row-major) order."""
_CHROMA = (
    (17, 18, 24, 47, 99, 99, 99, 99), (18, 21, 26, 66, 99, 99, 99, 99),
    (24, 26, 56, 99, 99, 99, 99, 99), (47, 66, 99, 99, 99, 99, 99, 99),
    *((99,) * 8 for _ in range(4)),
)  # fmt: skip
"""Annex K.2, chrominance."""
_DC_BITS = (0, 1, 5, 1, 1, 1, 1, 1, 1) + (0,) * 7
"""Annex K.3, the luminance DC table: code counts by length 1..16 for categories 0..11."""
_AC_BITS = (1,) + (0,) * 15
"""One AC symbol, end of block (0x00), coded ``0``: a flat block has no AC coefficient."""


def _zigzag() -> list[tuple[int, int]]:
    """(row, column) of each coefficient in zigzag order."""
    cells = [(r, c) for r in range(8) for c in range(8)]
    return sorted(cells, key=lambda rc: (rc[0] + rc[1], rc[0] if (rc[0] + rc[1]) % 2 else rc[1]))


def scaled(quality: int) -> tuple[list[int], list[int]]:
    """The luminance and chrominance tables for ``quality`` 1..100 (IJG scaling), zigzag."""
    scale = 5000 // quality if quality < 50 else 200 - 2 * quality
    order = _zigzag()

    def table(base: tuple[tuple[int, ...], ...]) -> list[int]:
        return [min(255, max(1, (base[r][c] * scale + 50) // 100)) for r, c in order]

    return table(_LUMA), table(_CHROMA)


def _codes(bits: tuple[int, ...]) -> list[str]:
    """The canonical Huffman codes, in symbol order, of a table's code counts."""
    codes, code = [], 0
    for length, count in enumerate(bits, start=1):
        for _ in range(count):
            codes.append(format(code, f"0{length}b"))
            code += 1
        code <<= 1
    return codes


_DC_CODES = _codes(_DC_BITS)
_EOB = _codes(_AC_BITS)[0]


def _dc(difference: int) -> str:
    """A DC difference: its category's code, then the category's bits (T.81 F.1.2.1)."""
    category = abs(difference).bit_length()
    if category == 0:
        return _DC_CODES[0]
    extra = difference if difference > 0 else difference + (1 << category) - 1
    return _DC_CODES[category] + format(extra, f"0{category}b")


def _ycbcr(rgb: tuple[int, int, int]) -> tuple[float, float, float]:
    r, g, b = rgb
    return (
        0.299 * r + 0.587 * g + 0.114 * b,
        128 - 0.168736 * r - 0.331264 * g + 0.5 * b,
        128 + 0.5 * r - 0.418688 * g - 0.081312 * b,
    )


def _segment(marker: int, data: bytes) -> bytes:
    return struct.pack(">HH", marker, len(data) + 2) + data


def _headers(width: int, height: int, tables: tuple[list[int], list[int]]) -> bytes:
    jfif = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    dqt = bytes([0, *tables[0], 1, *tables[1]])
    components = b"".join(bytes([i + 1, 0x11, min(i, 1)]) for i in range(3))
    sof = struct.pack(">BHHB", 8, height, width, 3) + components
    dc = bytes([0x00, *_DC_BITS, *range(12)])
    ac = bytes([0x10, *_AC_BITS, 0x00])
    sos = bytes([3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0])
    return b"".join(
        (
            b"\xff\xd8",
            _segment(0xFFE0, jfif),
            _segment(0xFFDB, dqt),
            _segment(0xFFC0, sof),
            _segment(0xFFC4, dc + ac),
            _segment(0xFFDA, sos),
        )
    )


def flat(width: int, height: int, rgb: tuple[int, int, int], quality: int) -> bytes:
    """A ``width`` x ``height`` baseline JPEG of one colour at ``quality`` (1..100)."""
    tables = scaled(quality)
    steps = (tables[0][0], tables[1][0], tables[1][0])
    dcs = [round(8 * (value - 128) / step) for value, step in zip(_ycbcr(rgb), steps, strict=True)]
    first = "".join(_dc(value) + _EOB for value in dcs)
    rest = (_DC_CODES[0] + _EOB) * 3
    blocks = ((width + 7) // 8) * ((height + 7) // 8)
    bits = first + rest * (blocks - 1)
    bits += "1" * (-len(bits) % 8)
    data = int(bits, 2).to_bytes(len(bits) // 8, "big").replace(b"\xff", b"\xff\x00")
    return _headers(width, height, tables) + data + b"\xff\xd9"
