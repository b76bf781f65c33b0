"""Stream changes on the fake clock, tags at the limit, and listings scoped to what they name:
each test pins one AWS-visible result that a plausible bug in the fake would change."""

from __future__ import annotations

import copy
import re

import pytest
from botocore.exceptions import ClientError
from freezegun import freeze_time

START = "2024-05-01T00:00:00Z"
HUB_1 = "arn:aws:iot:us-west-2:123456789012:thing/hub-1"
HUB_2 = "arn:aws:iot:us-west-2:123456789012:thing/hub-2"
SECRET = "arn:aws:secretsmanager:us-west-2:123456789012:secret:cam-AbCdEf"
MISSING_STREAM = "arn:aws:kinesisvideo:us-west-2:123456789012:stream/missing/1714521600000"
MISSING_CHANNEL = "arn:aws:kinesisvideo:us-west-2:123456789012:channel/missing/1714521600000"
STREAM_NOT_FOUND = (
    "ResourceNotFoundException",
    "The requested stream is not found or not active.",
    404,
)
IMAGES = {
    "Status": "ENABLED",
    "ImageSelectorType": "SERVER_TIMESTAMP",
    "DestinationConfig": {"Uri": "s3://bucket/prefix", "DestinationRegion": "us-west-2"},
    "SamplingInterval": 3000,
    "Format": "JPEG",
}


def _edge(hub: str) -> dict:
    source = {"MediaUriSecretArn": SECRET, "MediaUriType": "RTSP_URI"}
    return {"HubDeviceArn": hub, "RecorderConfig": {"MediaSourceConfig": source}}


def _error(call) -> tuple[str, str, int]:
    with pytest.raises(ClientError) as caught:
        call()
    response = caught.value.response
    return (
        response["Error"]["Code"],
        response["Error"]["Message"],
        response["ResponseMetadata"]["HTTPStatusCode"],
    )


def test_update_stream_is_updating_for_two_seconds_then_active(kvs):
    with freeze_time(START) as frozen:
        kvs.create_stream(StreamName="cam")
        frozen.tick(5)
        version = kvs.describe_stream(StreamName="cam")["StreamInfo"]["Version"]
        kvs.update_stream(StreamName="cam", CurrentVersion=version, MediaType="video/h265")
        info = kvs.describe_stream(StreamName="cam")["StreamInfo"]
        assert (info["Status"], info["MediaType"]) == ("UPDATING", "video/h265")
        assert info["Version"] != version
        again = lambda: kvs.update_stream(  # noqa: E731
            StreamName="cam", CurrentVersion=info["Version"], MediaType="video/h264"
        )
        assert _error(again) == (
            "ResourceInUseException",
            "The stream cam is UPDATING; this operation needs it ACTIVE.",
            400,
        )
        frozen.tick(1.999)
        assert kvs.describe_stream(StreamName="cam")["StreamInfo"]["Status"] == "UPDATING"
        frozen.tick(0.001)
        assert kvs.describe_stream(StreamName="cam")["StreamInfo"]["Status"] == "ACTIVE"
        again()
        assert kvs.describe_stream(StreamName="cam")["StreamInfo"]["MediaType"] == "video/h264"


@pytest.mark.kvs_fake(instant=True)
def test_tag_operations_on_unknown_arns_are_not_found(kvs):
    not_found = ("ResourceNotFoundException", "The requested resource is not found or not active.")
    for arn in (MISSING_STREAM, MISSING_CHANNEL):
        tag = lambda arn=arn: kvs.tag_resource(  # noqa: E731
            ResourceARN=arn, Tags=[{"Key": "k", "Value": "v"}]
        )
        assert _error(tag) == (*not_found, 404)
        assert _error(lambda arn=arn: kvs.untag_resource(ResourceARN=arn, TagKeyList=["k"])) == (
            *not_found,
            404,
        )
        assert _error(lambda arn=arn: kvs.list_tags_for_resource(ResourceARN=arn)) == (
            *not_found,
            404,
        )
    missing = lambda: kvs.tag_stream(StreamARN=MISSING_STREAM, Tags={"k": "v"})  # noqa: E731
    assert _error(missing) == STREAM_NOT_FOUND


@pytest.mark.kvs_fake(instant=True)
def test_overwriting_keys_at_the_tag_limit_is_not_counted_as_new_tags(kvs):
    arn = kvs.create_stream(StreamName="cam", Tags={f"k{i}": "old" for i in range(50)})["StreamARN"]
    kvs.tag_resource(ResourceARN=arn, Tags=[{"Key": "k0", "Value": "new"}])
    kvs.tag_stream(StreamName="cam", Tags={"k1": "new", "k2": "new"})
    tags = kvs.list_tags_for_stream(StreamName="cam")["Tags"]
    assert (len(tags), tags["k0"], tags["k1"], tags["k2"], tags["k3"]) == (
        50,
        "new",
        "new",
        "new",
        "old",
    )
    one_more = lambda: kvs.tag_stream(StreamName="cam", Tags={"k0": "x", "k50": "x"})  # noqa: E731
    assert _error(one_more) == (
        "TagsPerResourceExceededLimitException",
        "The resource would have 51 tags; a resource can have at most 50.",
        400,
    )
    assert kvs.list_tags_for_stream(StreamName="cam")["Tags"]["k0"] == "new"


@pytest.mark.kvs_fake(instant=True)
def test_list_tags_for_stream_refuses_a_token_it_never_minted(kvs):
    kvs.create_stream(StreamName="cam", Tags={"a": "1"})
    for token in ("garbage", "eyJhIjogMX0="):
        call = lambda token=token: kvs.list_tags_for_stream(  # noqa: E731
            StreamName="cam", NextToken=token
        )
        assert _error(call) == (
            "InvalidArgumentException",
            f"The NextToken {token!r} is not valid for this request.",
            400,
        )
    answer = kvs.list_tags_for_stream(StreamName="cam")
    del answer["ResponseMetadata"]
    assert answer == {"Tags": {"a": "1"}}


@pytest.mark.kvs_fake(instant=True)
def test_a_handler_keeps_no_object_of_the_callers(kvs):
    stream_tags = {"team": "video"}
    channel_tags = [{"Key": "team", "Value": "video"}]
    arn = kvs.create_signaling_channel(ChannelName="door", Tags=channel_tags)["ChannelARN"]
    kvs.create_stream(StreamName="cam", Tags=stream_tags)
    added = {"site": "berlin"}
    kvs.tag_stream(StreamName="cam", Tags=added)
    stream_tags["team"] = "changed"
    channel_tags[0]["Value"] = "changed"
    added["site"] = "changed"
    assert kvs.list_tags_for_stream(StreamName="cam")["Tags"] == {
        "team": "video",
        "site": "berlin",
    }
    assert kvs.list_tags_for_resource(ResourceARN=arn)["Tags"] == {"team": "video"}


@pytest.mark.kvs_fake(instant=True)
def test_edge_agent_configurations_are_listed_per_hub(kvs):
    for name, hub in (("a-cam", HUB_1), ("b-cam", HUB_2), ("c-cam", HUB_1)):
        kvs.create_stream(StreamName=name, DataRetentionInHours=24)
        kvs.start_edge_configuration_update(StreamName=name, EdgeConfig=_edge(hub))

    def listed(hub: str) -> list[tuple[str, str]]:
        configs = kvs.list_edge_agent_configurations(HubDeviceArn=hub)["EdgeConfigs"]
        return [(c["StreamName"], c["EdgeConfig"]["HubDeviceArn"]) for c in configs]

    assert listed(HUB_1) == [("a-cam", HUB_1), ("c-cam", HUB_1)]
    assert listed(HUB_2) == [("b-cam", HUB_2)]
    assert listed("arn:aws:iot:us-west-2:123456789012:thing/hub-3") == []
    first = kvs.list_edge_agent_configurations(HubDeviceArn=HUB_1, MaxResults=1)
    assert [c["StreamName"] for c in first["EdgeConfigs"]] == ["a-cam"]
    rest = kvs.list_edge_agent_configurations(HubDeviceArn=HUB_1, NextToken=first["NextToken"])
    assert ([c["StreamName"] for c in rest["EdgeConfigs"]], "NextToken" in rest) == (
        ["c-cam"],
        False,
    )
    other_hub = lambda: kvs.list_edge_agent_configurations(  # noqa: E731
        HubDeviceArn=HUB_2, NextToken=first["NextToken"]
    )
    assert _error(other_hub)[0] == "InvalidArgumentException"


def test_edge_updates_need_an_active_stream(kvs):
    with freeze_time(START) as frozen:
        kvs.create_stream(StreamName="cam", DataRetentionInHours=24)
        start = lambda: kvs.start_edge_configuration_update(  # noqa: E731
            StreamName="cam", EdgeConfig=_edge(HUB_1)
        )
        assert _error(start) == (
            "ResourceInUseException",
            "The stream cam is CREATING; this operation needs it ACTIVE.",
            400,
        )
        frozen.tick(5)
        assert start()["SyncStatus"] == "SYNCING"


def test_a_deleting_stream_has_no_data_endpoint(kvs):
    with freeze_time(START) as frozen:
        arn = kvs.create_stream(StreamName="cam")["StreamARN"]
        frozen.tick(5)
        endpoint = kvs.get_data_endpoint(StreamARN=arn, APIName="GET_MEDIA")["DataEndpoint"]
        assert endpoint.startswith("https://b-")
        kvs.delete_stream(StreamARN=arn)
        get = lambda: kvs.get_data_endpoint(StreamARN=arn, APIName="GET_MEDIA")  # noqa: E731
        assert _error(get) == STREAM_NOT_FOUND


@pytest.mark.kvs_fake(instant=True)
def test_configurations_a_stream_cannot_take_say_why(kvs):
    kvs.create_stream(StreamName="bare")
    start = lambda: kvs.start_edge_configuration_update(  # noqa: E731
        StreamName="bare", EdgeConfig=_edge(HUB_1)
    )
    assert _error(start) == (
        "NoDataRetentionException",
        "The stream bare has no data retention; this configuration needs "
        "DataRetentionInHours above 0.",
        400,
    )
    describe = lambda: kvs.describe_edge_configuration(StreamName="bare")  # noqa: E731
    assert _error(describe) == (
        "StreamEdgeConfigurationNotFoundException",
        "The stream bare has no edge configuration.",
        404,
    )


@pytest.mark.kvs_fake(instant=True)
def test_a_hub_made_reachable_again_syncs(kvs_fake, kvs):
    kvs.create_stream(StreamName="cam", DataRetentionInHours=24)
    kvs_fake.set_hub_reachable(HUB_1, False)
    kvs_fake.set_hub_reachable(HUB_2, False)
    kvs.start_edge_configuration_update(StreamName="cam", EdgeConfig=_edge(HUB_1))
    assert kvs.describe_edge_configuration(StreamName="cam")["SyncStatus"] == "SYNC_FAILED"
    kvs_fake.set_hub_reachable(HUB_1)  # reachable is the default argument
    kvs.start_edge_configuration_update(StreamName="cam", EdgeConfig=_edge(HUB_1))
    assert kvs.describe_edge_configuration(StreamName="cam")["SyncStatus"] == "IN_SYNC"
    kvs.start_edge_configuration_update(StreamName="cam", EdgeConfig=_edge(HUB_2))
    assert kvs.describe_edge_configuration(StreamName="cam")["SyncStatus"] == "SYNC_FAILED"


@pytest.mark.kvs_fake(instant=True)
@pytest.mark.parametrize(
    ("region", "partition", "suffix"),
    [
        ("cn-north-1", "aws-cn", "amazonaws.com.cn"),
        ("us-gov-west-1", "aws-us-gov", "amazonaws.com"),
    ],
)
def test_arns_kms_keys_and_endpoints_follow_the_partition(make_client, region, partition, suffix):
    kvs = make_client(region=region)
    with freeze_time(START):
        arn = kvs.create_stream(StreamName="cam")["StreamARN"]
    assert arn == f"arn:{partition}:kinesisvideo:{region}:123456789012:stream/cam/1714521600000"
    assert kvs.describe_stream(StreamARN=arn)["StreamInfo"]["KmsKeyId"] == (
        f"arn:{partition}:kms:{region}:123456789012:alias/aws/kinesisvideo"
    )
    host = rf"\.kinesisvideo\.{re.escape(region)}\.{re.escape(suffix)}"
    for api, prefix in (("GET_MEDIA", "b"), ("PUT_MEDIA", "s")):
        endpoint = kvs.get_data_endpoint(StreamARN=arn, APIName=api)["DataEndpoint"]
        assert re.fullmatch(rf"https://{prefix}-[0-9a-f]{{8}}{host}", endpoint)


def _host(url: str) -> str:
    return url.split("//", 1)[1].split(".", 1)[0]


@pytest.mark.kvs_fake(instant=True)
def test_endpoint_hosts_differ_per_resource_and_per_role(kvs):
    arn = kvs.create_stream(StreamName="cam")["StreamARN"]
    read = kvs.get_data_endpoint(StreamARN=arn, APIName="GET_MEDIA")["DataEndpoint"]
    write = kvs.get_data_endpoint(StreamARN=arn, APIName="PUT_MEDIA")["DataEndpoint"]
    assert _host(read)[2:] != _host(write)[2:]  # not only the b-/s- prefix
    hosts = {}
    for name in ("one", "two"):
        channel = kvs.create_signaling_channel(ChannelName=name)["ChannelARN"]
        listed = kvs.get_signaling_channel_endpoint(
            ChannelARN=channel,
            SingleMasterChannelEndpointConfiguration={
                "Protocols": ["WSS", "HTTPS"],
                "Role": "MASTER",
            },
        )["ResourceEndpointList"]
        hosts[name] = {e["Protocol"]: _host(e["ResourceEndpoint"]) for e in listed}
    assert {protocol: host[:2] for protocol, host in hosts["one"].items()} == {
        "WSS": "m-",
        "HTTPS": "r-",
    }
    for protocol in ("WSS", "HTTPS"):
        assert hosts["one"][protocol] != hosts["two"][protocol]


@pytest.mark.kvs_fake(instant=True)
def test_each_stream_stores_the_media_of_one_channel_at_most(kvs):
    first = kvs.create_stream(StreamName="first", DataRetentionInHours=24)["StreamARN"]
    second = kvs.create_stream(StreamName="second", DataRetentionInHours=24)["StreamARN"]
    a = kvs.create_signaling_channel(ChannelName="a")["ChannelARN"]
    b = kvs.create_signaling_channel(ChannelName="b")["ChannelARN"]
    kvs.update_media_storage_configuration(
        ChannelARN=a, MediaStorageConfiguration={"StreamARN": first, "Status": "ENABLED"}
    )
    kvs.update_media_storage_configuration(
        ChannelARN=b, MediaStorageConfiguration={"StreamARN": second, "Status": "ENABLED"}
    )
    mapped = {
        name: kvs.describe_mapped_resource_configuration(StreamName=name)[
            "MappedResourceConfigurationList"
        ]
        for name in ("first", "second")
    }
    assert mapped == {
        "first": [{"Type": "SIGNALING_CHANNEL", "ARN": a}],
        "second": [{"Type": "SIGNALING_CHANNEL", "ARN": b}],
    }


@pytest.mark.kvs_fake(instant=True)
def test_a_described_configuration_is_the_callers_copy(kvs):
    kvs.create_stream(StreamName="cam", DataRetentionInHours=24)
    config = copy.deepcopy(IMAGES)
    kvs.update_image_generation_configuration(StreamName="cam", ImageGenerationConfiguration=config)
    first = kvs.describe_image_generation_configuration(StreamName="cam")
    first["ImageGenerationConfiguration"]["DestinationConfig"]["Uri"] = "s3://changed"
    config["DestinationConfig"]["Uri"] = "s3://changed-too"
    again = kvs.describe_image_generation_configuration(StreamName="cam")
    assert again["ImageGenerationConfiguration"]["DestinationConfig"] == {
        "Uri": "s3://bucket/prefix",
        "DestinationRegion": "us-west-2",
    }


@pytest.mark.kvs_fake(instant=True)
def test_edge_configurations_are_copies_with_deletion_defaults_filled_in(kvs):
    kvs.create_stream(StreamName="cam", DataRetentionInHours=24)
    config = _edge(HUB_1)
    config["DeletionConfig"] = {"EdgeRetentionInHours": 48}
    started = kvs.start_edge_configuration_update(StreamName="cam", EdgeConfig=config)
    assert started["EdgeConfig"]["DeletionConfig"] == {
        "EdgeRetentionInHours": 48,
        "DeleteAfterUpload": True,
    }
    config["RecorderConfig"]["MediaSourceConfig"]["MediaUriType"] = "FILE_URI"
    config["DeletionConfig"]["EdgeRetentionInHours"] = 1
    started["EdgeConfig"]["RecorderConfig"]["MediaSourceConfig"]["MediaUriType"] = "FILE_URI"
    described = kvs.describe_edge_configuration(StreamName="cam")["EdgeConfig"]
    assert described["RecorderConfig"]["MediaSourceConfig"]["MediaUriType"] == "RTSP_URI"
    assert described["DeletionConfig"]["EdgeRetentionInHours"] == 48
    described["RecorderConfig"]["MediaSourceConfig"]["MediaUriType"] = "FILE_URI"
    again = kvs.describe_edge_configuration(StreamName="cam")["EdgeConfig"]
    assert again["RecorderConfig"]["MediaSourceConfig"]["MediaUriType"] == "RTSP_URI"


def test_a_deleted_edge_configuration_stays_gone_until_started_again(kvs_fake, kvs):
    with freeze_time(START) as frozen:
        kvs.create_stream(StreamName="cam", DataRetentionInHours=24)
        frozen.tick(5)
        first = kvs.start_edge_configuration_update(StreamName="cam", EdgeConfig=_edge(HUB_1))
        kvs_fake.settle()
        kvs.delete_edge_configuration(StreamName="cam")
        kvs_fake.settle()
        describe = lambda: kvs.describe_edge_configuration(StreamName="cam")  # noqa: E731
        for _ in range(2):
            assert _error(describe)[0] == "StreamEdgeConfigurationNotFoundException"
        frozen.tick(60)
        again = kvs.start_edge_configuration_update(StreamName="cam", EdgeConfig=_edge(HUB_1))
        assert again["CreationTime"] > first["CreationTime"]


def test_stream_configurations_say_which_stream_and_why(kvs):
    config = copy.deepcopy(IMAGES)
    with freeze_time(START) as frozen:
        kvs.create_stream(StreamName="cam", DataRetentionInHours=24)
        kvs.create_stream(StreamName="bare")

        def update(name):
            return lambda: kvs.update_image_generation_configuration(
                StreamName=name, ImageGenerationConfiguration=config
            )

        assert _error(update("cam")) == (
            "ResourceInUseException",
            "The stream cam is CREATING; this operation needs it ACTIVE.",
            400,
        )
        frozen.tick(5)
        assert _error(update("bare")) == (
            "NoDataRetentionException",
            "The stream bare has no data retention; this configuration needs "
            "DataRetentionInHours above 0.",
            400,
        )
        update("cam")()


@pytest.mark.kvs_fake(instant=True)
def test_reserved_tag_keys_are_named_in_the_refusal(kvs):
    create = lambda: kvs.create_stream(  # noqa: E731
        StreamName="cam", Tags={"aws:owner": "x", "AWS:team": "y", "ok": "z"}
    )
    assert _error(create) == (
        "InvalidArgumentException",
        "Tag keys starting with 'aws:' are reserved for AWS use: ['AWS:team', 'aws:owner'].",
        400,
    )
    assert kvs.list_streams()["StreamInfoList"] == []


def test_streams_created_in_the_same_millisecond_share_its_time_in_their_arns(kvs):
    with freeze_time(START):
        arns = [kvs.create_stream(StreamName=name)["StreamARN"] for name in ("a", "b")]
    assert [arn.rsplit(":", 1)[1] for arn in arns] == [
        "stream/a/1714521600000",
        "stream/b/1714521600000",
    ]


@pytest.mark.kvs_fake(instant=True)
def test_retention_can_be_exactly_ten_years(kvs):
    kvs.create_stream(StreamName="cam", DataRetentionInHours=87600)
    assert kvs.describe_stream(StreamName="cam")["StreamInfo"]["DataRetentionInHours"] == 87600
    too_long = lambda: kvs.create_stream(StreamName="cam2", DataRetentionInHours=87601)  # noqa: E731
    assert _error(too_long) == (
        "InvalidArgumentException",
        "Data retention of 87601 hours is outside the allowed range 0 to 87600 hours.",
        400,
    )
