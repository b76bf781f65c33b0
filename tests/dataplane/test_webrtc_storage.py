"""kinesis-video-webrtc-storage through boto3 clients made as real code makes them: the WEBRTC
endpoint from GetSignalingChannelEndpoint."""

from __future__ import annotations

from datetime import datetime, timezone

import boto3
import pytest
from freezegun import freeze_time

from pytest_kvsivs.model import service_model

pytestmark = pytest.mark.kvs_fake(instant=True)

REGION = "us-west-2"
NOT_FOUND = "The requested channel is not found or not active."
T0 = datetime(2024, 5, 1, 12, tzinfo=timezone.utc)
STORAGE = "kinesis-video-webrtc-storage"
AS_VIEWER = "JoinStorageSessionAsViewer"
"""Not in botocore 1.34.0's model: the tests of viewers need a newer one."""
needs_viewers = pytest.mark.requires_operations(STORAGE, AS_VIEWER)


def _stream(kvs, name: str = "store") -> str:
    kvs.create_stream(StreamName=name, DataRetentionInHours=24)
    return kvs.describe_stream(StreamName=name)["StreamInfo"]["StreamARN"]


def _mapped_channel(kvs, name: str = "cam", stream: str = "store") -> tuple[str, str]:
    arn = kvs.create_signaling_channel(ChannelName=name)["ChannelARN"]
    stream_arn = _stream(kvs, stream)
    kvs.update_media_storage_configuration(
        ChannelARN=arn, MediaStorageConfiguration={"Status": "ENABLED", "StreamARN": stream_arn}
    )
    return arn, stream_arn


def _endpoint(kvs, arn: str, protocol: str = "WEBRTC") -> str:
    config = {"Protocols": [protocol], "Role": "MASTER"}
    answer = kvs.get_signaling_channel_endpoint(
        ChannelARN=arn, SingleMasterChannelEndpointConfiguration=config
    )
    endpoint: str = answer["ResourceEndpointList"][0]["ResourceEndpoint"]
    return endpoint


def _storage(kvs, arn: str):
    """A webrtc-storage client as the KVS WebRTC SDKs make one: on the WEBRTC endpoint."""
    return boto3.client(
        "kinesis-video-webrtc-storage", region_name=REGION, endpoint_url=_endpoint(kvs, arn)
    )


def _error(caught) -> tuple[str, str, int]:
    response = caught.value.response
    return (
        response["Error"]["Code"],
        response["Error"]["Message"],
        response["ResponseMetadata"]["HTTPStatusCode"],
    )


def test_a_master_joining_starts_ingestion_into_the_mapped_stream(kvs, kvs_fake):
    with freeze_time(T0) as clock:
        arn, stream_arn = _mapped_channel(kvs)
        client = _storage(kvs, arn)
        assert kvs_fake.storage_session(arn) is None
        response = client.join_storage_session(channelArn=arn)
        assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
        assert set(response) == {"ResponseMetadata"}
        clock.tick(5)
        client.join_storage_session(channelArn=arn)  # the most recent master takes precedence
    session = kvs_fake.storage_session(arn)
    assert session is not None
    assert (session.channel_arn, session.stream_arn) == (arn, stream_arn)
    assert (session.started_at, session.master_joined_at) == (T0, T0.replace(second=5))
    assert dict(session.viewers) == {}
    state = kvs_fake._runtime.state("kinesis-video-webrtc-storage", "123456789012", REGION)
    assert state.ingesting_since(stream_arn) == T0.timestamp() + 5
    assert state.ingesting_since(stream_arn.replace("/store/", "/other/")) is None


@needs_viewers
def test_viewers_join_by_client_id_with_or_without_a_master(kvs, kvs_fake):
    with freeze_time(T0) as clock:
        arn, stream_arn = _mapped_channel(kvs)
        client = _storage(kvs, arn)
        client.join_storage_session_as_viewer(channelArn=arn, clientId="viewer-1")
        clock.tick(1)
        client.join_storage_session_as_viewer(channelArn=arn, clientId="viewer-2")
        clock.tick(1)
        client.join_storage_session_as_viewer(channelArn=arn, clientId="viewer-1")
    session = kvs_fake.storage_session(arn)
    assert session is not None
    assert session.master_joined_at is None
    assert dict(session.viewers) == {
        "viewer-1": T0.replace(second=2),
        "viewer-2": T0.replace(second=1),
    }
    state = kvs_fake._runtime.state("kinesis-video-webrtc-storage", "123456789012", REGION)
    assert state.ingesting_since(stream_arn) is None
    kvs_fake.assert_called("join_storage_session_as_viewer", times=3, channelArn=arn)


def test_a_channel_without_media_storage_cannot_be_joined(kvs):
    arn = kvs.create_signaling_channel(ChannelName="plain")["ChannelARN"]
    client = boto3.client("kinesis-video-webrtc-storage", region_name=REGION)
    calls = [lambda: client.join_storage_session(channelArn=arn)]
    if AS_VIEWER in service_model(STORAGE).operation_names:  # 1.34.0's model lacks it
        calls.append(lambda: client.join_storage_session_as_viewer(channelArn=arn, clientId="v"))
    for call in calls:
        with pytest.raises(client.exceptions.InvalidArgumentException) as caught:
            call()
        assert _error(caught) == (
            "InvalidArgumentException",
            "The signaling channel plain does not store media: map it to a stream with "
            "UpdateMediaStorageConfiguration (Status ENABLED) first.",
            400,
        )
        assert caught.value.response["message"] == _error(caught)[1]  # lower-case key


def test_disabling_media_storage_ends_the_session(kvs, kvs_fake):
    arn, _ = _mapped_channel(kvs)
    client = _storage(kvs, arn)
    client.join_storage_session(channelArn=arn)
    kvs.update_media_storage_configuration(
        ChannelARN=arn, MediaStorageConfiguration={"Status": "DISABLED"}
    )
    assert kvs_fake.storage_session(arn) is None
    with pytest.raises(client.exceptions.InvalidArgumentException):
        client.join_storage_session(channelArn=arn)


def test_deleting_the_stream_or_the_channel_ends_the_session(kvs, kvs_fake):
    arn, stream_arn = _mapped_channel(kvs)
    client = _storage(kvs, arn)
    client.join_storage_session(channelArn=arn)
    kvs.delete_stream(StreamARN=stream_arn)
    assert kvs_fake.storage_session(arn) is None
    other, stream_arn = _mapped_channel(kvs, "other", "store2")
    _storage(kvs, other).join_storage_session(channelArn=other)
    assert kvs_fake.storage_session(other) is not None
    kvs.delete_signaling_channel(ChannelARN=other)
    kvs_fake.settle()
    assert kvs_fake.storage_session(other) is None


@pytest.mark.parametrize("joiner", ["master", pytest.param("viewer", marks=needs_viewers)])
def test_a_new_stream_mapping_starts_a_new_session(kvs, kvs_fake, joiner):
    with freeze_time(T0) as clock:
        arn, _ = _mapped_channel(kvs)
        client = _storage(kvs, arn)
        client.join_storage_session(channelArn=arn)
        clock.tick(10)
        other = _stream(kvs, "other")
        kvs.update_media_storage_configuration(
            ChannelARN=arn, MediaStorageConfiguration={"Status": "ENABLED", "StreamARN": other}
        )
        assert kvs_fake.storage_session(arn) is None
        clock.tick(1)
        if joiner == "viewer":
            client.join_storage_session_as_viewer(channelArn=arn, clientId="v")
        else:
            client.join_storage_session(channelArn=arn)
    session = kvs_fake.storage_session(arn)
    assert session is not None
    joined = T0.replace(second=11)
    assert (session.stream_arn, session.started_at, session.master_joined_at) == (
        other,
        joined,
        None if joiner == "viewer" else joined,
    )
    assert dict(session.viewers) == ({"v": joined} if joiner == "viewer" else {})


def test_unknown_channels_are_not_found_with_a_lower_case_message_key(kvs):
    arn, _ = _mapped_channel(kvs)
    client = _storage(kvs, arn)
    missing = arn.replace("/cam/", "/nope/")
    with pytest.raises(client.exceptions.ResourceNotFoundException) as caught:
        client.join_storage_session(channelArn=missing)
    assert _error(caught) == ("ResourceNotFoundException", NOT_FOUND, 404)
    assert caught.value.response["message"] == NOT_FOUND
    assert "Message" not in caught.value.response


def test_only_the_channels_webrtc_endpoint_is_accepted(kvs):
    arn, _ = _mapped_channel(kvs)
    other, _ = _mapped_channel(kvs, "other", "store2")
    webrtc = _endpoint(kvs, arn)
    wrong = [_endpoint(kvs, arn, "HTTPS"), _endpoint(kvs, arn, "WSS"), _endpoint(kvs, other)]
    for endpoint in wrong:
        client = boto3.client(
            "kinesis-video-webrtc-storage", region_name=REGION, endpoint_url=endpoint
        )
        with pytest.raises(client.exceptions.InvalidArgumentException) as caught:
            client.join_storage_session(channelArn=arn)
        assert _error(caught) == (
            "InvalidArgumentException",
            f"{endpoint} is not the WEBRTC endpoint of the signaling channel {arn}; send the "
            f"request to {webrtc}, the WEBRTC ResourceEndpoint GetSignalingChannelEndpoint "
            "answers for it.",
            400,
        )
    default = boto3.client("kinesis-video-webrtc-storage", region_name=REGION)
    default.join_storage_session(channelArn=arn)  # no endpoint_url: served


def test_the_storage_session_control_needs_a_channel_arn(kvs_fake):
    with pytest.raises(ValueError, match="is not a signaling channel ARN") as caught:
        kvs_fake.storage_session("arn:aws:kinesisvideo:us-west-2:123456789012:stream/s/1")
    assert str(caught.value) == (
        "storage_session: 'arn:aws:kinesisvideo:us-west-2:123456789012:stream/s/1' is not a "
        "signaling channel ARN (arn:aws:kinesisvideo:REGION:ACCOUNT:channel/NAME/MS). "
        "See the pytest-kvsivs README, section 'The fixture and KvsFake'."
    )
