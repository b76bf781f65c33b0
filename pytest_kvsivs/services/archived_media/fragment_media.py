"""GetMediaForFragmentList: the media of the listed fragments, in the order listed.

Each chunk carries the fragment tags (AWS_KINESISVIDEO_FRAGMENT_NUMBER, ..._SERVER_TIMESTAMP,
..._PRODUCER_TIMESTAMP): the model's payload doc spells the timestamps ..._SERVER_SIDE_... and
..._PRODUCER_SIDE_..., but the KVS parser libraries read both operations' payloads with the
GetMedia names, and so does the fake. A number the stream does not hold (never, or no longer:
past retention) is ``ResourceNotFoundException`` naming them (inferred).
"""

from __future__ import annotations

from typing import Any

from ...errors import ServiceError
from ..base import Call, Output, Params
from ..media.streams import (
    CONTENT_TYPE,
    check_endpoint,
    chunk,
    find_stream,
    fragments_of,
    horizon_ms,
)
from .registry import operation


@operation("GetMediaForFragmentList")
def get_media_for_fragment_list(call: Call[Any], params: Params) -> Output:
    stream = find_stream(call, params)
    check_endpoint(call, stream, "GET_MEDIA_FOR_FRAGMENT_LIST", "InvalidArgumentException")
    log = fragments_of(call, stream)
    horizon = horizon_ms(stream, call.now)
    numbers: list[str] = params["Fragments"]
    found = [log.get(number, horizon) for number in numbers]
    missing = [number for number, fragment in zip(numbers, found, strict=True) if fragment is None]
    if missing:
        raise ServiceError(
            "ResourceNotFoundException",
            f"Stream {stream.name} has no fragment {', '.join(missing)} (ListFragments lists "
            "the fragments it keeps).",
        )
    payload = b"".join(chunk(fragment) for fragment in found if fragment is not None)
    return Output(headers={"ContentType": CONTENT_TYPE}, payload=payload)
