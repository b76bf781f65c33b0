"""Streams: create, describe, list, update, delete, data retention and data endpoints."""

from __future__ import annotations

from functools import lru_cache

from ...lifecycle import GONE
from ..base import Body, Call, Params
from ..common import partition
from . import errors
from .defaults import (
    DEFAULT_DATA_RETENTION_HOURS,
    DEFAULT_KMS_KEY_ALIAS,
    DEFAULT_STORAGE_TIER,
    LIST_STREAMS_MAX_RESULTS,
    MAX_DATA_RETENTION_HOURS,
    PUT_MEDIA_ENDPOINT_PREFIX,
    READ_ENDPOINT_PREFIX,
    STREAM,
)
from .identifiers import endpoint, make_arn, new_version, parse_arn
from .lookup import (
    after_token,
    by_arn,
    claim_name,
    creating,
    guard,
    identify,
    list_by_name,
    new_revision,
    transition,
)
from .registry import Status, operation
from .resources import Stream
from .state import KinesisVideoState
from .tagging import add_tags, check_tag_keys, remove_tags

KIND = "stream"
FAMILY = STREAM
LABEL = "stream"
QUOTA_ERROR = "AccountStreamLimitExceededException"


def find(call: Call[KinesisVideoState], params: Params) -> Stream:
    """The stream a request names by StreamName or StreamARN (exactly one)."""
    return identify(call, call.state.streams, KIND, params, "StreamName", "StreamARN")


@lru_cache(maxsize=256)
def _default_kms_key(region: str, account_id: str) -> str:
    return f"arn:{partition(region)}:kms:{region}:{account_id}:{DEFAULT_KMS_KEY_ALIAS}"


def _check_retention(hours: int) -> None:
    if not 0 <= hours <= MAX_DATA_RETENTION_HOURS:
        raise errors.invalid_argument(
            f"Data retention of {hours} hours is outside the allowed range "
            f"0 to {MAX_DATA_RETENTION_HOURS} hours."
        )


@operation("CreateStream")
def create_stream(call: Call[KinesisVideoState], params: Params) -> Body:
    name: str = params["StreamName"]
    tags: dict[str, str] = dict(params.get("Tags") or {})
    if tags:
        check_tag_keys(tags)
    retention: int = params.get("DataRetentionInHours", DEFAULT_DATA_RETENTION_HOURS)
    _check_retention(retention)
    store = call.state.streams
    ms = claim_name(call, store, name, LABEL, (call.state.controls.stream_limit, QUOTA_ERROR))
    storage = params.get("StreamStorageConfiguration") or {}
    stream = Stream(
        name=name,
        arn=make_arn(KIND, call.region, call.account_id, name, ms),
        created_at=ms / 1000,
        version=new_version(call.env.rng),
        timeline=creating(call, FAMILY),
        kms_key_id=params.get("KmsKeyId") or _default_kms_key(call.region, call.account_id),
        data_retention_hours=retention,
        storage_tier=storage.get("DefaultStorageTier", DEFAULT_STORAGE_TIER),
        device_name=params.get("DeviceName"),
        media_type=params.get("MediaType"),
        tags=tags,
    )
    store.add(stream)
    return {"StreamARN": stream.arn}


@operation("DescribeStream")
def describe_stream(call: Call[KinesisVideoState], params: Params) -> Body:
    return {"StreamInfo": find(call, params).info(call.now)}


@operation("ListStreams")
def list_streams(call: Call[KinesisVideoState], params: Params) -> Body:
    return list_by_name(
        call, call.state.streams, "ListStreams", params, "StreamNameCondition",
        "StreamInfoList", LIST_STREAMS_MAX_RESULTS, lambda stream: stream.info(call.now),
    )  # fmt: skip


@operation("UpdateStream")
def update_stream(call: Call[KinesisVideoState], params: Params) -> Body:
    stream = find(call, params)
    guard(call, stream, LABEL, params["CurrentVersion"])
    if "DeviceName" in params:
        stream.device_name = params["DeviceName"]
    if "MediaType" in params:
        stream.media_type = params["MediaType"]
    new_revision(call, stream, FAMILY)
    return {}


@operation("DeleteStream")
def delete_stream(call: Call[KinesisVideoState], params: Params) -> Body:
    stream = by_arn(call.state.streams, KIND, params["StreamARN"], call.now)
    guard(call, stream, LABEL, params.get("CurrentVersion"))
    transition(call, stream, FAMILY, Status.DELETING, GONE)
    call.state.unmap_stream(stream.arn)
    return {}


@operation("UpdateDataRetention")
def update_data_retention(call: Call[KinesisVideoState], params: Params) -> Body:
    stream = find(call, params)
    guard(call, stream, LABEL, params["CurrentVersion"])
    change: int = params["DataRetentionChangeInHours"]
    sign = 1 if params["Operation"] == "INCREASE_DATA_RETENTION" else -1
    retention = stream.data_retention_hours + sign * change
    _check_retention(retention)
    stream.data_retention_hours = retention
    new_revision(call, stream, None)  # no status change (inferred)
    return {}


@operation("GetDataEndpoint")
def get_data_endpoint(call: Call[KinesisVideoState], params: Params) -> Body:
    stream = find(call, params)
    if stream.status(call.now) in (Status.CREATING, Status.DELETING):
        # The service's own wording: "The requested stream is not found or not active."
        raise errors.not_found(KIND)
    api: str = params["APIName"]
    prefix = PUT_MEDIA_ENDPOINT_PREFIX if api == "PUT_MEDIA" else READ_ENDPOINT_PREFIX
    return {"DataEndpoint": endpoint("https", prefix, call.region, call.account_id, stream.arn)}


def _tagged_stream(call: Call[KinesisVideoState], params: Params) -> Stream:
    """The stream of a tag operation; an ARN of another resource type is malformed here."""
    arn = params.get("StreamARN")
    if arn is not None:
        parsed = parse_arn(arn)
        if parsed is not None and parsed.kind != KIND:
            raise errors.invalid_resource_format(f"{arn} is not the ARN of a stream.")
    return find(call, params)


@operation("TagStream")
def tag_stream(call: Call[KinesisVideoState], params: Params) -> Body:
    add_tags(_tagged_stream(call, params), dict(params["Tags"]))
    return {}


@operation("UntagStream")
def untag_stream(call: Call[KinesisVideoState], params: Params) -> Body:
    remove_tags(_tagged_stream(call, params), params["TagKeyList"])
    return {}


@operation("ListTagsForStream")
def list_tags_for_stream(call: Call[KinesisVideoState], params: Params) -> Body:
    stream = _tagged_stream(call, params)
    # A stream's tags always fit in one page: the fake never mints a token here.
    after_token(params, "ListTagsForStream", stream.arn)
    return {"Tags": dict(stream.tags)}
