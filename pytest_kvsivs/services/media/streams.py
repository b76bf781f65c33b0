"""What every KVS data-plane handler shares: the stream a request names (read from the
control plane's state through ``call.peer``), its fragments, its retention window, and the
data-plane errors.

The kinesisvideo package owns streams and knows nothing of the data plane; the data plane
reads them with kinesisvideo's own lookups, so "not found" means what it means there.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit

from botocore import xform_name
from botocore.utils import parse_to_aware_datetime

from ...errors import ServiceError
from ...model import ARCHIVED_MEDIA, KINESISVIDEO, MEDIA, service_model
from ..base import Call, Params
from ..kinesisvideo import errors as kvs_errors
from ..kinesisvideo.defaults import READ_ENDPOINT_PREFIX
from ..kinesisvideo.identifiers import endpoint
from ..kinesisvideo.lookup import by_arn
from ..kinesisvideo.registry import Status
from ..kinesisvideo.resources import Stream
from ..kinesisvideo.state import KinesisVideoState
from . import mkv
from .fragments import Fragment, FragmentLog
from .state import MediaState

KIND = "stream"
CONTENT_TYPE = "video/webm"
"""What GetMedia answers as ContentType (seen in a public capture: producer-sdk-java #47)."""
_HOUR_MS = 3_600_000
_DATA_ENDPOINT = re.compile(r"https://[a-z]-[0-9a-f]{8}\.kinesisvideo\.")
"""The form of the data endpoints GetDataEndpoint issues (reference 1.5)."""


def invalid_argument(message: str) -> ServiceError:
    return kvs_errors.invalid_argument(message)


def find_stream(call: Call[Any], params: Params) -> Stream:
    """The stream named by StreamName or StreamARN (exactly one; both when they agree), as
    the control plane holds it; CREATING or DELETING streams are not found, as for
    GetDataEndpoint."""
    streams = _control_plane(call).streams
    name: str | None = params.get("StreamName")
    arn: str | None = params.get("StreamARN")
    if name is None and arn is None:
        raise kvs_errors.one_of("StreamName", "StreamARN")
    if arn is not None:
        stream = by_arn(streams, KIND, arn, call.now)
        if name is not None and name != stream.name:
            raise invalid_argument(f"StreamName {name} and StreamARN {arn} name different streams.")
    else:
        assert name is not None
        found = streams.get(name, call.now)
        if found is None:
            raise kvs_errors.not_found(KIND)
        stream = found
    if stream.status(call.now) in (Status.CREATING, Status.DELETING):
        raise kvs_errors.not_found(KIND)
    return stream


def check_endpoint(call: Call[Any], stream: Stream, api: str, code: str) -> None:
    """A KVS data endpoint other than the stream's read endpoint (its PUT_MEDIA endpoint,
    another stream's, one never issued) is refused with ``code``, naming what to call; any
    other host (botocore's default endpoint, a proxy, a test's own URL) is served."""
    parts = urlsplit(call.url)
    base = f"{parts.scheme}://{parts.netloc}"
    if not _DATA_ENDPOINT.match(base + "/"):
        return
    expected = endpoint("https", READ_ENDPOINT_PREFIX, call.region, call.account_id, stream.arn)
    if base != expected:
        operation = _operation_of(api)
        raise ServiceError(
            code,
            f"{base} is not the {api} endpoint of stream {stream.name}. Call GetDataEndpoint "
            f"with APIName {api} and send {operation} to the endpoint it returns.",
        )


def _operation_of(api: str) -> str:
    """The data-plane operation an APIName is for (``GET_HLS_STREAMING_SESSION_URL`` ->
    ``GetHLSStreamingSessionURL``), as the models spell it."""
    names = (*service_model(MEDIA).operation_names, *service_model(ARCHIVED_MEDIA).operation_names)
    return next(name for name in names if xform_name(name).upper() == api)


def _control_plane(call: Call[Any]) -> KinesisVideoState:
    state: KinesisVideoState = call.peer(KINESISVIDEO)
    return state


def fragments_of(call: Call[Any], stream: Stream) -> FragmentLog:
    """The stream's fragments, with those its ingestion (WebRTC) completed by now."""
    media: MediaState = call.peer(MEDIA)
    return media.log_at(stream.arn, stream.data_retention_hours, call.now)


def horizon_ms(stream: Stream, now: float) -> float:
    """Fragments whose server timestamp is not after this (epoch ms) are past retention."""
    return now * 1000 - stream.data_retention_hours * _HOUR_MS


def epoch_ms(value: datetime | str | float) -> float:
    """A request timestamp as botocore accepts it (datetime, naive meaning UTC, ISO string or
    epoch seconds), in epoch milliseconds."""
    if isinstance(value, datetime):
        aware = value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)
        return aware.timestamp() * 1000
    if isinstance(value, int | float):
        return float(value) * 1000
    return parse_to_aware_datetime(str(value)).timestamp() * 1000


def check_retained(label: str, at_ms: float, stream: Stream, now: float) -> None:
    """A timestamp before the stream's retention period is ``InvalidArgumentException``, in
    the service's words (reference 4: "End timestamp 1724080162000 is outside of the stream
    retention period."). Streams without retention keep nothing: there is no period to be
    outside of, and their lookups simply find nothing."""
    if stream.data_retention_hours and at_ms <= horizon_ms(stream, now):
        raise invalid_argument(
            f"{label} timestamp {int(at_ms)} is outside of the stream retention period."
        )


def _seconds(ms: int) -> str:
    return f"{ms // 1000}.{ms % 1000:03d}"


def fragment_tags(fragment: Fragment) -> list[tuple[str, str]]:
    """The tags the service adds to each chunk it answers: the fragment number and the
    server and producer timestamps as epoch seconds with milliseconds (the form the KVS
    parser libraries read: ``Double.parseDouble`` then seconds to ms)."""
    return [
        ("AWS_KINESISVIDEO_FRAGMENT_NUMBER", fragment.number),
        ("AWS_KINESISVIDEO_SERVER_TIMESTAMP", _seconds(fragment.server_ms)),
        ("AWS_KINESISVIDEO_PRODUCER_TIMESTAMP", _seconds(fragment.producer_ms)),
    ]


def chunk(fragment: Fragment, extra: list[tuple[str, str]] | None = None) -> bytes:
    """A fragment as the service answers it: its Matroska with the service's Tags added."""
    return mkv.with_tags(fragment.media, mkv.tags(fragment_tags(fragment) + (extra or [])))
