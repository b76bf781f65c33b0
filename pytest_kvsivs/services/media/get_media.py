"""GetMedia: the stream's chunks from a start selector on, as one bounded payload.

A real GetMedia keeps its connection open and streams chunks as the producer sends them; the
fake answers every chunk the stream holds from the selected one to the newest at the time of
the call, then ends the payload (as a real GetMedia ends when the producer is idle). NOW
answers the newest chunk only. Each chunk carries the fragment tags plus
AWS_KINESISVIDEO_CONTINUATION_TOKEN (the fragment's number: a CONTINUATION_TOKEN selector
with it resumes after that chunk) and AWS_KINESISVIDEO_MILLIS_BEHIND_NOW (from this chunk to
the newest one).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..base import Call, Output, Params
from ..kinesisvideo.resources import Stream
from .fragments import Fragment, FragmentLog
from .registry import StartSelectorType, operation
from .streams import (
    CONTENT_TYPE,
    check_endpoint,
    check_retained,
    chunk,
    epoch_ms,
    find_stream,
    fragments_of,
    horizon_ms,
    invalid_argument,
)

_NUMBER = re.compile(r"[0-9]{47}")
_REQUIRED = {
    StartSelectorType.FRAGMENT_NUMBER: "AfterFragmentNumber",
    StartSelectorType.SERVER_TIMESTAMP: "StartTimestamp",
    StartSelectorType.PRODUCER_TIMESTAMP: "StartTimestamp",
    StartSelectorType.CONTINUATION_TOKEN: "ContinuationToken",
}


def _start(call: Call[Any], stream: Stream, log: FragmentLog, selector: Params) -> int:
    """The index of the first chunk the selector names (``len(log)``: none)."""
    kind = selector["StartSelectorType"]
    needed = _REQUIRED.get(kind)
    if needed is not None and selector.get(needed) is None:
        raise invalid_argument(f"StartSelector {needed} is required for StartSelectorType {kind}.")
    horizon = horizon_ms(stream, call.now)
    if kind == StartSelectorType.EARLIEST:
        return log.first(horizon)
    if kind == StartSelectorType.NOW:
        newest = log.newest(horizon)
        return len(log) if newest is None else newest
    if kind == StartSelectorType.FRAGMENT_NUMBER:
        return log.after_number(selector["AfterFragmentNumber"])
    if kind == StartSelectorType.CONTINUATION_TOKEN:
        token: str = selector["ContinuationToken"]
        if not _NUMBER.fullmatch(token):
            raise invalid_argument(f"The ContinuationToken {token} is not valid for this stream.")
        return log.after_number(token)
    at = epoch_ms(selector["StartTimestamp"])
    if kind == StartSelectorType.SERVER_TIMESTAMP:
        check_retained("Start", at, stream, call.now)  # producer clocks are the producer's
        return log.server_containing(at, horizon)
    found = log.producer_containing(at, horizon)
    return len(log) if found is None else log.index_of(found)


def _chunks(fragments: list[Fragment]) -> Iterator[bytes]:
    if not fragments:
        return
    newest = fragments[-1].server_ms
    for fragment in fragments:
        yield chunk(
            fragment,
            [
                ("AWS_KINESISVIDEO_CONTINUATION_TOKEN", fragment.number),
                ("AWS_KINESISVIDEO_MILLIS_BEHIND_NOW", str(newest - fragment.server_ms)),
            ],
        )


@operation("GetMedia")
def get_media(call: Call[Any], params: Params) -> Output:
    stream = find_stream(call, params)
    check_endpoint(call, stream, "GET_MEDIA", "InvalidEndpointException")
    log = fragments_of(call, stream)
    start = _start(call, stream, log, params["StartSelector"])
    fragments = list(log.kept(start, horizon_ms(stream, call.now)))
    payload = b"".join(_chunks(fragments))
    return Output(headers={"ContentType": CONTENT_TYPE}, payload=payload)
