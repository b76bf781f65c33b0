"""Isolation: two fakes, one after another, share nothing; ``reset()`` forgets everything a
test did (resources, calls, injected errors, clock offset, simulation controls) and keeps the
fake's options."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from botocore.exceptions import ClientError
from freezegun import freeze_time

from pytest_kvsivs import KvsFake

START = "2024-05-01T00:00:00Z"
START_TIME = datetime(2024, 5, 1, tzinfo=timezone.utc)
HUB = "arn:aws:iot:us-west-2:123456789012:thing/hub-1"
SECRET = "arn:aws:secretsmanager:us-west-2:123456789012:secret:cam-AbCdEf"
EDGE = {
    "HubDeviceArn": HUB,
    "RecorderConfig": {
        "MediaSourceConfig": {"MediaUriSecretArn": SECRET, "MediaUriType": "RTSP_URI"}
    },
}


def _use_everything(fake: KvsFake, kvs) -> None:
    """What a test might leave behind: resources, calls, injections, offset, controls."""
    kvs.create_stream(StreamName="cam", DataRetentionInHours=24)
    kvs.create_signaling_channel(ChannelName="door")
    fake.inject_error(
        "ListStreams", "ClientLimitExceededException", service="kinesisvideo", times=None
    )
    fake.set_hub_reachable(HUB, False)
    fake.advance(3600)


def _error_code(call) -> str:
    with pytest.raises(ClientError) as caught:
        call()
    return caught.value.response["Error"]["Code"]


def _assert_fresh(fake: KvsFake, kvs) -> None:
    assert (len(fake.calls), fake.now()) == (0, START_TIME)
    assert kvs.list_streams()["StreamInfoList"] == []  # no resource, no injected error
    assert kvs.list_signaling_channels()["ChannelInfoList"] == []
    kvs.create_stream(StreamName="cam", DataRetentionInHours=24)
    kvs.start_edge_configuration_update(StreamName="cam", EdgeConfig=EDGE)
    # The hub answers again: with instant delays it is IN_SYNC at once (SYNC_FAILED if not).
    assert kvs.describe_edge_configuration(StreamName="cam")["SyncStatus"] == "IN_SYNC"
    assert [record.operation for record in fake.calls] == [
        "ListStreams",
        "ListSignalingChannels",
        "CreateStream",
        "StartEdgeConfigurationUpdate",
        "DescribeEdgeConfiguration",
    ]


def test_two_fakes_one_after_another_share_nothing(make_client):
    kvs = make_client()
    with freeze_time(START):
        with KvsFake(instant=True, stream_limit=1) as first:
            _use_everything(first, kvs)
            assert _error_code(kvs.list_streams) == "ClientLimitExceededException"
        with KvsFake(instant=True) as second:
            _assert_fresh(second, kvs)
            kvs.create_stream(StreamName="second-stream")  # no limit of 1 in this one
        with first:  # and the second left nothing in the first
            assert len(first.calls) == 3
            assert first.now() == datetime(2024, 5, 1, 1, tzinfo=timezone.utc)
            assert _error_code(kvs.list_streams) == "ClientLimitExceededException"
            names = [c["ChannelName"] for c in kvs.list_signaling_channels()["ChannelInfoList"]]
            assert names == ["door"]
            assert _error_code(lambda: kvs.create_stream(StreamName="x")) == (
                "AccountStreamLimitExceededException"
            )


def test_reset_forgets_everything_a_test_did_and_keeps_the_options(make_client):
    kvs = make_client()
    with freeze_time(START), KvsFake(instant=True, stream_limit=2) as fake:
        _use_everything(fake, kvs)
        fake.reset()
        _assert_fresh(fake, kvs)
        kvs.create_stream(StreamName="two")
        assert _error_code(lambda: kvs.create_stream(StreamName="three")) == (
            "AccountStreamLimitExceededException"
        )


def _use_ivs(fake: KvsFake, ivs) -> str:
    """What an IVS test might leave behind: a live channel, a bucket placed elsewhere."""
    channel = ivs.create_channel(name="show")["channel"]["arn"]
    fake.start_broadcast(channel)
    fake.set_bucket_region("archive", "eu-central-1")
    return channel


def _assert_ivs_fresh(fake: KvsFake, ivs, channel: str) -> None:
    assert ivs.list_channels()["channels"] == []
    assert ivs.list_streams()["streams"] == []
    with pytest.raises(ValueError, match="there is no IVS channel") as caught:
        fake.start_broadcast(channel)  # the old channel's broadcast is gone with it
    assert str(caught.value) == f"start_broadcast: there is no IVS channel {channel}."
    # The bucket is back in the configuration's region: the create succeeds and is ACTIVE.
    created = ivs.create_recording_configuration(
        destinationConfiguration={"s3": {"bucketName": "archive"}}
    )
    assert created["recordingConfiguration"]["state"] == "ACTIVE"


def test_two_fakes_share_no_ivs_state_or_controls(make_client):
    ivs = make_client("ivs")
    with KvsFake(instant=True) as first:
        channel = _use_ivs(first, ivs)
    with KvsFake(instant=True) as second:
        _assert_ivs_fresh(second, ivs, channel)
    with first:
        assert [s["channelArn"] for s in ivs.list_streams()["streams"]] == [channel]


def test_reset_forgets_ivs_state_and_controls(make_client):
    ivs = make_client("ivs")
    with KvsFake(instant=True) as fake:
        channel = _use_ivs(fake, ivs)
        fake.reset()
        _assert_ivs_fresh(fake, ivs, channel)
