"""GetImages: an image every SamplingInterval ms of [StartTimestamp, EndTimestamp], from the
fragment whose time span holds that moment, or ``NO_MEDIA`` where none does.

Pages hold at most 25 images whatever MaxResults says (the model doc); a NextToken carries the
next moment's index and is bound to the stream, the selector type, the range and the interval.
Each image is the fragment's flat frame (``frames``), as a real base64 JPEG or PNG.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from ..base import Body, Call, Params
from ..kinesisvideo.defaults import MIN_SAMPLING_INTERVAL_MS
from ..kinesisvideo.errors import invalid_token
from ..kinesisvideo.resources import Stream
from ..media.fragments import Fragment, FragmentLog
from ..media.streams import (
    check_endpoint,
    check_retained,
    epoch_ms,
    find_stream,
    fragments_of,
    horizon_ms,
    invalid_argument,
)
from ..pagination import after, mint
from . import frames
from .playback import check_retention
from .registry import ImageError, ImageSelectorType, operation

OPERATION = "GetImages"
PAGE_LIMIT = 25
"""Images per page at most, whatever MaxResults says (GetImages' MaxResults doc)."""
MAX_SPAN_MS = 300_000
"""EndTimestamp at most 300 s after StartTimestamp (EndTimestamp's doc)."""
DEFAULT_JPEG_QUALITY = 80
"""FormatConfig JPEGQuality when not given (FormatConfig's doc)."""
JPEG_QUALITY = range(1, 101)
Span = tuple[str, int, int, int]
"""(ImageSelectorType, start ms, end ms, interval ms): what a token is bound to."""


def _span(params: Params, stream: Stream, now: float) -> Span:
    start, end = epoch_ms(params["StartTimestamp"]), epoch_ms(params["EndTimestamp"])
    if start > end:
        raise invalid_argument(f"StartTimestamp {int(start)} is after EndTimestamp {int(end)}.")
    if end - start > MAX_SPAN_MS:
        raise invalid_argument(
            f"EndTimestamp {int(end)} is {int(end - start)} ms after StartTimestamp "
            f"{int(start)}; GetImages covers at most {MAX_SPAN_MS // 1000} seconds."
        )
    interval: int | None = params.get("SamplingInterval")
    if interval is not None and interval < MIN_SAMPLING_INTERVAL_MS:
        raise invalid_argument(
            f"SamplingInterval {interval} is below the minimum of {MIN_SAMPLING_INTERVAL_MS} ms."
        )
    kind: str = params["ImageSelectorType"]
    if kind == ImageSelectorType.SERVER_TIMESTAMP:
        check_retained("End", end, stream, now)
    # Without SamplingInterval: the image at StartTimestamp only (inferred: no default is
    # documented; a range shorter than the interval answers that one image).
    step = interval if interval is not None else int(end - start) + 1
    return kind, round(start), round(end), step


def _quality(params: Params) -> int:
    given = (params.get("FormatConfig") or {}).get("JPEGQuality")
    if given is None:
        return DEFAULT_JPEG_QUALITY
    if not (given.isdigit() and int(given) in JPEG_QUALITY):
        raise invalid_argument(f"JPEGQuality {given!r} must be an integer from 1 to 100.")
    return int(given)


def _requested_size(params: Params) -> tuple[int | None, int | None]:
    width: int | None = params.get("WidthPixels")
    height: int | None = params.get("HeightPixels")
    if width is not None and height is None:
        raise invalid_argument(
            "WidthPixels needs HeightPixels: give both (stretched to them), HeightPixels "
            "only (the width keeps the aspect ratio) or neither (the original size)."
        )
    return width, height


def _covering(log: FragmentLog, kind: str, at_ms: int, horizon: float) -> Fragment | None:
    if kind == ImageSelectorType.PRODUCER_TIMESTAMP:
        found = log.producer_containing(at_ms, horizon)
        start = None if found is None else found.producer_ms
    else:
        index = log.server_containing(at_ms, horizon)
        found = log.at(index) if index < len(log) else None
        start = None if found is None else found.server_ms
    if found is None or start is None or not start <= at_ms < start + found.length_ms:
        return None
    return found


def _image(
    fragment: Fragment | None, at_ms: int, params: Params, size: tuple[int | None, int | None]
) -> Body:
    image: Body = {"TimeStamp": at_ms / 1000}
    if fragment is None:
        image["Error"] = ImageError.NO_MEDIA
        return image
    original = frames.video_size(fragment)
    if original is None:
        image["Error"] = ImageError.MEDIA_ERROR
        return image
    content = frames.encode(
        params["Format"],
        frames.scaled_size(original, *size),
        frames.colour(fragment),
        _quality(params),
    )
    image["ImageContent"] = base64.b64encode(content).decode()
    return image


def _first_index(params: Params, stream: Stream, span: Span) -> int:
    key = after(params.get("NextToken"), OPERATION, _scope(stream, span), invalid_token)
    if key is None:
        return 0
    if not key.isdigit():
        raise invalid_token(params["NextToken"])
    return int(key)


def _scope(stream: Stream, span: Span) -> str:
    return json.dumps([stream.arn, *span])


@operation(OPERATION)
def get_images(call: Call[Any], params: Params) -> Body:
    stream = find_stream(call, params)
    check_endpoint(call, stream, "GET_IMAGES", "InvalidArgumentException")
    check_retention(stream, OPERATION)
    span = _span(params, stream, call.now)
    size, _ = _requested_size(params), _quality(params)
    kind, start, end, step = span
    first = _first_index(params, stream, span)
    count = (end - start) // step + 1
    limit = min(params.get("MaxResults") or PAGE_LIMIT, PAGE_LIMIT)
    last = min(count, first + limit)
    log = fragments_of(call, stream)
    horizon = horizon_ms(stream, call.now)
    images = []
    for index in range(first, last):
        at_ms = start + index * step
        images.append(_image(_covering(log, kind, at_ms, horizon), at_ms, params, size))
    body: Body = {"Images": images}
    if last < count:
        body["NextToken"] = mint(OPERATION, _scope(stream, span), str(last))
    return body
