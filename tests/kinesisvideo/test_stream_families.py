"""Streams, data endpoints, configurations, edge and storage through boto3: the behaviours
a provisioning test relies on, one operation family at a time."""

from __future__ import annotations

import re

import pytest
from freezegun import freeze_time

HUB = "arn:aws:iot:us-west-2:123456789012:thing/hub-1"
EDGE = {
    "HubDeviceArn": HUB,
    "RecorderConfig": {
        "MediaSourceConfig": {
            "MediaUriSecretArn": "arn:aws:secretsmanager:us-west-2:123456789012:secret:cam-AbCdEf",
            "MediaUriType": "RTSP_URI",
        }
    },
}
IMAGES = {
    "Status": "ENABLED",
    "ImageSelectorType": "SERVER_TIMESTAMP",
    "DestinationConfig": {"Uri": "s3://bucket/prefix", "DestinationRegion": "us-west-2"},
    "SamplingInterval": 200,
    "Format": "JPEG",
    "FormatConfig": {"JPEGQuality": "80"},
    "WidthPixels": 640,
}
START = "2024-05-01T00:00:00Z"


def _stream(kvs, name: str = "cam", **kwargs) -> str:
    return kvs.create_stream(StreamName=name, **kwargs)["StreamARN"]


def _info(kvs, name: str = "cam") -> dict:
    return kvs.describe_stream(StreamName=name)["StreamInfo"]


def _code(kvs, call) -> str:
    with pytest.raises(kvs.exceptions.ClientError) as caught:
        call()
    return caught.value.response["Error"]["Code"]


def test_create_describe_defaults_and_lifecycle(kvs_fake, kvs):
    with freeze_time(START) as frozen:
        arn = _stream(kvs)
        assert arn == "arn:aws:kinesisvideo:us-west-2:123456789012:stream/cam/1714521600000"
        info = _info(kvs)
        assert {k: v for k, v in info.items() if k not in ("Version", "CreationTime")} == {
            "StreamName": "cam",
            "StreamARN": arn,
            "KmsKeyId": "arn:aws:kms:us-west-2:123456789012:alias/aws/kinesisvideo",
            "Status": "CREATING",
            "DataRetentionInHours": 0,
        }
        frozen.tick(4.999)
        assert _info(kvs)["Status"] == "CREATING"
        assert _code(kvs, lambda: kvs.get_data_endpoint(StreamName="cam", APIName="GET_MEDIA")) == (
            "ResourceNotFoundException"
        )
        frozen.tick(0.001)
        assert _info(kvs)["Status"] == "ACTIVE"
        kvs.delete_stream(StreamARN=arn)
        assert _info(kvs)["Status"] == "DELETING"
        kvs_fake.advance(5)
        assert _code(kvs, lambda: kvs.describe_stream(StreamARN=arn)) == "ResourceNotFoundException"
        assert _stream(kvs) != arn


@pytest.mark.kvs_fake(instant=True)
def test_update_stream_and_retention_arithmetic(kvs):
    _stream(kvs, DeviceName="door-cam", DataRetentionInHours=24, MediaType="video/h264")
    first = _info(kvs)
    assert (first["DeviceName"], first["MediaType"]) == ("door-cam", "video/h264")
    kvs.update_stream(StreamName="cam", CurrentVersion=first["Version"], MediaType="video/h265")
    second = _info(kvs)
    assert second["MediaType"] == "video/h265"
    assert second["Version"] != first["Version"]
    stale = lambda: kvs.update_stream(StreamName="cam", CurrentVersion=first["Version"])  # noqa: E731
    assert _code(kvs, stale) == "VersionMismatchException"
    kvs.update_data_retention(
        StreamName="cam",
        CurrentVersion=second["Version"],
        Operation="DECREASE_DATA_RETENTION",
        DataRetentionChangeInHours=20,
    )
    third = _info(kvs)
    assert third["DataRetentionInHours"] == 4
    assert third["Version"] != second["Version"]
    with pytest.raises(kvs.exceptions.InvalidArgumentException) as caught:
        kvs.update_data_retention(
            StreamName="cam",
            CurrentVersion=third["Version"],
            Operation="DECREASE_DATA_RETENTION",
            DataRetentionChangeInHours=5,
        )
    assert caught.value.response["Error"]["Message"] == (
        "Data retention of -1 hours is outside the allowed range 0 to 87600 hours."
    )
    assert _code(kvs, lambda: _stream(kvs, "big", DataRetentionInHours=87601)) == (
        "InvalidArgumentException"
    )


@pytest.mark.kvs_fake(instant=True, stream_limit=2)
def test_list_streams_duplicates_and_quota(kvs):
    for name in ("b", "a"):
        _stream(kvs, name)
    assert _code(kvs, lambda: _stream(kvs, "a")) == "ResourceInUseException"
    assert _code(kvs, lambda: _stream(kvs, "c")) == "AccountStreamLimitExceededException"
    page = kvs.list_streams(MaxResults=1)
    assert [s["StreamName"] for s in page["StreamInfoList"]] == ["a"]
    rest = kvs.list_streams(MaxResults=1, NextToken=page["NextToken"])
    assert [s["StreamName"] for s in rest["StreamInfoList"]] == ["b"]
    assert "NextToken" not in rest
    condition = {"ComparisonOperator": "BEGINS_WITH", "ComparisonValue": "b"}
    assert [
        s["StreamName"] for s in kvs.list_streams(StreamNameCondition=condition)["StreamInfoList"]
    ] == ["b"]


# GetDataEndpoint host prefix per APIName (reference 2.3, seen in public logs): ``s-`` for
# PUT_MEDIA, ``b-`` for every read API. Every value of the model's enum must be here: a new API
# needs a decision, not a silent default.
ENDPOINT_PREFIXES = {
    "PUT_MEDIA": "s",
    "GET_MEDIA": "b",
    "LIST_FRAGMENTS": "b",
    "GET_MEDIA_FOR_FRAGMENT_LIST": "b",
    "GET_HLS_STREAMING_SESSION_URL": "b",
    "GET_DASH_STREAMING_SESSION_URL": "b",
    "GET_CLIP": "b",
    "GET_IMAGES": "b",
}


def _endpoint_pattern(prefix: str) -> str:
    return rf"https://{prefix}-[0-9a-f]{{8}}\.kinesisvideo\.us-west-2\.amazonaws\.com"


@pytest.mark.kvs_fake(instant=True)
def test_data_endpoints_for_every_api(kvs):
    arn = _stream(kvs)
    _stream(kvs, "other")
    apis = kvs.meta.service_model.shape_for("APIName").enum
    assert set(apis) == ENDPOINT_PREFIXES.keys()

    def endpoint(api: str, **stream: str) -> str:
        return kvs.get_data_endpoint(APIName=api, **stream)["DataEndpoint"]

    put, read = endpoint("PUT_MEDIA", StreamName="cam"), endpoint("GET_MEDIA", StreamName="cam")
    assert re.fullmatch(_endpoint_pattern("s"), put), put
    assert re.fullmatch(_endpoint_pattern("b"), read), read
    expected = {api: put if prefix == "s" else read for api, prefix in ENDPOINT_PREFIXES.items()}
    # One write host and one read host per stream, the same by name and by ARN.
    assert {api: endpoint(api, StreamName="cam") for api in apis} == expected
    assert {api: endpoint(api, StreamARN=arn) for api in apis} == expected
    # Another stream has hosts of its own.
    other_put = endpoint("PUT_MEDIA", StreamName="other")
    other_read = endpoint("GET_IMAGES", StreamName="other")
    assert re.fullmatch(_endpoint_pattern("s"), other_put), other_put
    assert re.fullmatch(_endpoint_pattern("b"), other_read), other_read
    assert other_put != put
    assert other_read != read


@pytest.mark.kvs_fake(instant=True)
def test_stream_tags_as_maps_and_malformed_arns(kvs):
    arn = _stream(kvs, Tags={"team": "video"})
    channel = kvs.create_signaling_channel(ChannelName="ch")["ChannelARN"]
    kvs.tag_stream(StreamARN=arn, Tags={"site": "lobby"})
    kvs.untag_stream(StreamName="cam", TagKeyList=["team", "missing"])
    assert kvs.list_tags_for_stream(StreamName="cam")["Tags"] == {"site": "lobby"}
    assert kvs.list_tags_for_resource(ResourceARN=arn)["Tags"] == {"site": "lobby"}
    with pytest.raises(kvs.exceptions.InvalidResourceFormatException) as caught:
        kvs.list_tags_for_stream(StreamARN=channel)
    assert caught.value.response["Error"]["Message"] == f"{channel} is not the ARN of a stream."
    with pytest.raises(kvs.exceptions.InvalidArgumentException) as caught:
        _stream(kvs, "empty-tags", Tags={})
    assert caught.value.response["Error"]["Message"] == (
        "1 validation error detected: Value '{}' at 'tags' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1"
    )


@pytest.mark.kvs_fake(instant=True)
def test_image_generation_and_notifications_round_trip_and_checks(kvs):
    _stream(kvs, "no-retention")
    _stream(kvs, DataRetentionInHours=1)
    assert kvs.describe_image_generation_configuration(StreamName="cam").keys() == {
        "ResponseMetadata"
    }
    kvs.update_image_generation_configuration(StreamName="cam", ImageGenerationConfiguration=IMAGES)
    stored = kvs.describe_image_generation_configuration(StreamName="cam")
    assert stored["ImageGenerationConfiguration"] == IMAGES
    kvs.update_image_generation_configuration(StreamName="cam")
    assert "ImageGenerationConfiguration" not in kvs.describe_image_generation_configuration(
        StreamName="cam"
    )
    bad = {
        "DestinationRegion eu-west-1 must be the stream's region, us-west-2.": {
            **IMAGES,
            "DestinationConfig": {"Uri": "s3://b/p", "DestinationRegion": "eu-west-1"},
        },
        "SamplingInterval 199 is below the minimum of 200 ms.": {**IMAGES, "SamplingInterval": 199},
        "JPEGQuality '101' must be an integer from 1 to 100.": {
            **IMAGES,
            "FormatConfig": {"JPEGQuality": "101"},
        },
        "FormatConfig (JPEGQuality) applies to the JPEG format only.": {**IMAGES, "Format": "PNG"},
    }
    for message, config in bad.items():
        with pytest.raises(kvs.exceptions.InvalidArgumentException) as caught:
            kvs.update_image_generation_configuration(
                StreamName="cam", ImageGenerationConfiguration=config
            )
        assert caught.value.response["Error"]["Message"] == message
    with pytest.raises(kvs.exceptions.NoDataRetentionException):
        kvs.update_image_generation_configuration(
            StreamName="no-retention", ImageGenerationConfiguration=IMAGES
        )
    note = {"Status": "ENABLED", "DestinationConfig": {"Uri": "arn:aws:sns:us-west-2:1:t"}}
    kvs.update_notification_configuration(StreamName="cam", NotificationConfiguration=note)
    assert (
        kvs.describe_notification_configuration(StreamName="cam")["NotificationConfiguration"]
        == note
    )


def test_edge_configuration_syncs_on_the_fake_clock(kvs_fake, kvs):
    with freeze_time(START) as frozen:
        _stream(kvs, DataRetentionInHours=24)
        frozen.tick(5)  # ACTIVE
        started = kvs.start_edge_configuration_update(StreamName="cam", EdgeConfig=EDGE)
        assert started["SyncStatus"] == "SYNCING"
        assert started["EdgeConfig"]["DeletionConfig"] == {
            "EdgeRetentionInHours": 720,
            "DeleteAfterUpload": True,
        }
        busy = lambda: kvs.start_edge_configuration_update(StreamName="cam", EdgeConfig=EDGE)  # noqa: E731
        assert _code(kvs, busy) == "ResourceInUseException"
        statuses = []
        for _ in range(3):
            statuses.append(kvs.describe_edge_configuration(StreamName="cam")["SyncStatus"])
            frozen.tick(10)
        assert statuses == ["SYNCING", "ACKNOWLEDGED", "IN_SYNC"]
        listed = kvs.list_edge_agent_configurations(HubDeviceArn=HUB)["EdgeConfigs"]
        assert [(c["StreamName"], c["SyncStatus"]) for c in listed] == [("cam", "IN_SYNC")]
        kvs.delete_edge_configuration(StreamName="cam")
        assert kvs.describe_edge_configuration(StreamName="cam")["SyncStatus"] == "DELETING"
        kvs_fake.settle()
        with pytest.raises(kvs.exceptions.StreamEdgeConfigurationNotFoundException) as caught:
            kvs.describe_edge_configuration(StreamName="cam")
        assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_unreachable_hub_fails_after_fifteen_minutes(kvs_fake, kvs):
    kvs_fake.set_hub_reachable(HUB, False)
    with freeze_time(START) as frozen:
        _stream(kvs, DataRetentionInHours=24)
        frozen.tick(5)  # ACTIVE
        kvs.start_edge_configuration_update(StreamName="cam", EdgeConfig=EDGE)
        frozen.tick(899)
        syncing = kvs.describe_edge_configuration(StreamName="cam")
        assert (syncing["SyncStatus"], "FailedStatusDetails" in syncing) == ("SYNCING", False)
        frozen.tick(1)
        failed = kvs.describe_edge_configuration(StreamName="cam")
        assert failed["SyncStatus"] == "SYNC_FAILED"
        assert failed["FailedStatusDetails"] == (
            "The Edge Agent did not acknowledge the configuration within 15 minutes."
        )
        kvs_fake.set_hub_reachable(HUB)
        again = kvs.start_edge_configuration_update(StreamName="cam", EdgeConfig=EDGE)
        assert again["SyncStatus"] == "SYNCING"
        assert again["CreationTime"] == failed["CreationTime"]
        assert again["LastUpdatedTime"] > failed["LastUpdatedTime"]


@pytest.mark.kvs_fake(instant=True)
def test_edge_needs_retention_and_a_configuration(kvs):
    _stream(kvs)
    start = lambda: kvs.start_edge_configuration_update(StreamName="cam", EdgeConfig=EDGE)  # noqa: E731
    assert _code(kvs, start) == "NoDataRetentionException"
    delete = lambda: kvs.delete_edge_configuration(StreamName="cam")  # noqa: E731
    assert _code(kvs, delete) == "StreamEdgeConfigurationNotFoundException"


@pytest.mark.kvs_fake(instant=True)
def test_media_storage_maps_a_channel_to_a_stream(kvs):
    stream = _stream(kvs, DataRetentionInHours=24)
    bare = _stream(kvs, "bare")
    channel = kvs.create_signaling_channel(ChannelName="ch")["ChannelARN"]
    second = kvs.create_signaling_channel(ChannelName="ch2")["ChannelARN"]
    assert kvs.describe_media_storage_configuration(ChannelName="ch")[
        "MediaStorageConfiguration"
    ] == {"Status": "DISABLED"}
    enable = {"StreamARN": stream, "Status": "ENABLED"}
    kvs.update_media_storage_configuration(ChannelARN=channel, MediaStorageConfiguration=enable)
    assert (
        kvs.describe_media_storage_configuration(ChannelARN=channel)["MediaStorageConfiguration"]
        == enable
    )
    assert kvs.describe_mapped_resource_configuration(StreamName="cam")[
        "MappedResourceConfigurationList"
    ] == [{"Type": "SIGNALING_CHANNEL", "ARN": channel}]
    webrtc = kvs.get_signaling_channel_endpoint(
        ChannelARN=channel, SingleMasterChannelEndpointConfiguration={"Protocols": ["WEBRTC"]}
    )["ResourceEndpointList"][0]["ResourceEndpoint"]
    assert re.fullmatch(r"https://w-[0-9a-f]{8}\.kinesisvideo\.us-west-2\.amazonaws\.com", webrtc)
    taken = lambda: kvs.update_media_storage_configuration(  # noqa: E731
        ChannelARN=second, MediaStorageConfiguration=enable
    )
    assert _code(kvs, taken) == "ResourceInUseException"
    no_retention = lambda: kvs.update_media_storage_configuration(  # noqa: E731
        ChannelARN=second, MediaStorageConfiguration={"StreamARN": bare, "Status": "ENABLED"}
    )
    assert _code(kvs, no_retention) == "NoDataRetentionException"
    kvs.delete_stream(StreamARN=stream)
    assert kvs.describe_media_storage_configuration(ChannelARN=channel)[
        "MediaStorageConfiguration"
    ] == {"Status": "DISABLED"}


@pytest.mark.requires_operations(
    "kinesisvideo", "UpdateStreamStorageConfiguration", "DescribeStreamStorageConfiguration"
)
def test_stream_storage_tier_is_versioned_and_asynchronous(kvs_fake, kvs):
    _stream(kvs, StreamStorageConfiguration={"DefaultStorageTier": "WARM"})
    kvs_fake.settle()
    described = kvs.describe_stream_storage_configuration(StreamName="cam")
    assert described["StreamStorageConfiguration"] == {"DefaultStorageTier": "WARM"}
    version = _info(kvs)["Version"]
    kvs.update_stream_storage_configuration(
        StreamName="cam",
        CurrentVersion=version,
        StreamStorageConfiguration={"DefaultStorageTier": "HOT"},
    )
    assert _info(kvs)["Status"] == "UPDATING"
    assert _info(kvs)["Version"] != version
    stale = lambda: kvs.update_stream_storage_configuration(  # noqa: E731
        StreamName="cam",
        CurrentVersion=version,
        StreamStorageConfiguration={"DefaultStorageTier": "WARM"},
    )
    assert _code(kvs, stale) == "ResourceInUseException"
    kvs_fake.settle()
    assert _code(kvs, stale) == "VersionMismatchException"
    assert kvs.describe_stream_storage_configuration(StreamName="cam")[
        "StreamStorageConfiguration"
    ] == {"DefaultStorageTier": "HOT"}
