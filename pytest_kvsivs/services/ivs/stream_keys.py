"""IVS stream keys: CreateStreamKey, GetStreamKey, BatchGetStreamKey, ListStreamKeys and
DeleteStreamKey; and the key CreateChannel makes (:func:`add_stream_key`).

A channel has at most one stream key: CreateChannel makes it, a second CreateStreamKey is
over the quota, and DeleteStreamKey then CreateStreamKey rotates it (a new ARN and value).
Deleting a key does not end a live broadcast (StopStream does that).
"""

from __future__ import annotations

from ..base import Body, Call, Params
from . import errors
from .defaults import STREAM_KEY_LIST_LIMIT
from .identifiers import stream_key_value
from .lookup import answer, batch_get, find, list_page, new_arn, view
from .registry import operation
from .resources import Record
from .state import IvsState
from .tagging import new_tags

# Defaults
KEYS_PER_CHANNEL = 1  # model doc (CreateStreamKey): "a limit of 1 stream key per channel"


def add_stream_key(call: Call[IvsState], channel_arn: str, tags: dict[str, str]) -> Record:
    """Make and store a new key for the channel (which has none)."""
    _, arn = new_arn(call, "stream-key")
    body: Body = {
        "arn": arn,
        "value": stream_key_value(call.env.rng, call.region),
        "channelArn": channel_arn,
        "tags": tags,
    }
    record = Record(arn, body)
    call.state.add_stream_key(record)
    return record


def remove_stream_key(call: Call[IvsState], channel_arn: str) -> None:
    """Delete the channel's key, if it has one (DeleteChannel)."""
    key = call.state.stream_key_of(channel_arn)
    if key is not None:
        call.state.remove_stream_key(key)


@operation("CreateStreamKey")
def create_stream_key(call: Call[IvsState], params: Params) -> Body:
    tags = new_tags(params)
    channel = find(call.state.channels, params["channelArn"])
    if call.state.stream_key_of(channel.arn) is not None:
        raise errors.quota_exceeded(
            f"the channel {channel.arn} already has a stream key; "
            f"a channel can have {KEYS_PER_CHANNEL}."
        )
    return {"streamKey": answer(add_stream_key(call, channel.arn, tags))}


@operation("GetStreamKey")
def get_stream_key(call: Call[IvsState], params: Params) -> Body:
    return {"streamKey": answer(find(call.state.stream_keys, params["arn"]))}


@operation("BatchGetStreamKey")
def batch_get_stream_key(call: Call[IvsState], params: Params) -> Body:
    keys, failures = batch_get(call.state.stream_keys, params["arns"])
    return {"streamKeys": keys, "errors": failures}


@operation("ListStreamKeys")
def list_stream_keys(call: Call[IvsState], params: Params) -> Body:
    channel = find(call.state.channels, params["channelArn"])

    def of_channel(record: Record) -> bool:
        return bool(record.body["channelArn"] == channel.arn)

    return list_page(
        call,
        call.state.stream_keys,
        params,
        "ListStreamKeys",
        "streamKeys",
        STREAM_KEY_LIST_LIMIT,
        lambda record: view(record, "StreamKeySummary"),
        of_channel,
        channel.arn,
    )


@operation("DeleteStreamKey")
def delete_stream_key(call: Call[IvsState], params: Params) -> Body:
    call.state.remove_stream_key(find(call.state.stream_keys, params["arn"]))
    return {}
