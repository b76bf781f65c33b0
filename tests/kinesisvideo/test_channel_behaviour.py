"""Signaling-channel behaviour through boto3: identification, endpoints, listing, isolation."""

from __future__ import annotations

import re

import pytest
from botocore.exceptions import ClientError

pytestmark = pytest.mark.kvs_fake(instant=True)

NOT_FOUND = "The requested channel is not found or not active."


def _create(kvs, name: str, **kwargs) -> str:
    return kvs.create_signaling_channel(ChannelName=name, **kwargs)["ChannelARN"]


def test_describe_shows_defaults_and_the_creation_time_of_the_arn(kvs):
    arn = _create(kvs, "cam")
    info = kvs.describe_signaling_channel(ChannelName="cam")["ChannelInfo"]
    assert re.fullmatch(r"arn:aws:kinesisvideo:us-west-2:123456789012:channel/cam/\d{13}", arn)
    assert info["ChannelARN"] == arn
    assert (info["ChannelType"], info["ChannelStatus"]) == ("SINGLE_MASTER", "ACTIVE")
    assert info["SingleMasterConfiguration"] == {"MessageTtlSeconds": 60}
    assert int(info["CreationTime"].timestamp() * 1000) == int(arn.rsplit("/", 1)[1])
    assert re.fullmatch(r"[a-zA-Z0-9]{20}", info["Version"])


def test_full_mesh_is_accepted_and_shown_everywhere(kvs):
    _create(kvs, "mesh", ChannelType="FULL_MESH")
    assert kvs.describe_signaling_channel(ChannelName="mesh")["ChannelInfo"]["ChannelType"] == (
        "FULL_MESH"
    )
    listed = kvs.list_signaling_channels()["ChannelInfoList"]
    assert [(c["ChannelName"], c["ChannelType"]) for c in listed] == [("mesh", "FULL_MESH")]


def test_identification_by_name_arn_both_or_neither(kvs, kvs_unvalidated):
    arn = _create(kvs, "a")
    other = _create(kvs, "b")
    assert (
        kvs.describe_signaling_channel(ChannelName="a", ChannelARN=arn)["ChannelInfo"][
            "ChannelName"
        ]
        == "a"
    )
    with pytest.raises(kvs.exceptions.InvalidArgumentException) as caught:
        kvs.describe_signaling_channel(ChannelName="a", ChannelARN=other)
    assert caught.value.response["Error"]["Message"] == (
        f"ChannelName a and ChannelARN {other} name different resources."
    )
    with pytest.raises(kvs.exceptions.InvalidArgumentException) as caught:
        kvs_unvalidated.describe_signaling_channel()
    assert caught.value.response["Error"]["Message"] == "Specify either ChannelName or ChannelARN."


def test_unknown_channels_and_foreign_arns_are_not_found(kvs, make_client):
    arn = _create(kvs, "cam")
    elsewhere = make_client(region="eu-west-1")
    for call in (
        lambda: kvs.describe_signaling_channel(ChannelName="nope"),
        lambda: elsewhere.describe_signaling_channel(ChannelARN=arn),
        lambda: elsewhere.describe_signaling_channel(ChannelName="cam"),
        lambda: kvs.describe_signaling_channel(ChannelARN=arn.replace("channel/", "stream/")),
    ):
        with pytest.raises(ClientError) as caught:  # two sessions: two exception classes
            call()
        assert caught.value.response["Error"] == {
            "Code": "ResourceNotFoundException",
            "Message": NOT_FOUND,
        }
        assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_duplicate_name(kvs):
    _create(kvs, "cam")
    with pytest.raises(kvs.exceptions.ResourceInUseException) as caught:
        _create(kvs, "cam")
    assert caught.value.response["Error"]["Message"] == "The signaling channel cam already exists."


@pytest.mark.kvs_fake(instant=False)
def test_refused_while_not_active_then_allowed(kvs_fake, kvs):
    arn = _create(kvs, "cam")
    version = kvs.describe_signaling_channel(ChannelARN=arn)["ChannelInfo"]["Version"]
    for call in (
        lambda: kvs.update_signaling_channel(ChannelARN=arn, CurrentVersion=version),
        lambda: kvs.delete_signaling_channel(ChannelARN=arn),
        lambda: kvs.get_signaling_channel_endpoint(ChannelARN=arn),
    ):
        with pytest.raises(kvs.exceptions.ResourceInUseException) as caught:
            call()
        assert caught.value.response["Error"]["Message"] == (
            "The signaling channel cam is CREATING; this operation needs it ACTIVE."
        )
    kvs_fake.settle()
    kvs.delete_signaling_channel(ChannelARN=arn)
    with pytest.raises(kvs.exceptions.ResourceInUseException):
        _create(kvs, "cam")  # still DELETING: the name is taken
    kvs_fake.advance(3)
    assert _create(kvs, "cam") != arn


def test_versions_guard_updates_and_deletes(kvs):
    arn = _create(kvs, "cam")
    first = kvs.describe_signaling_channel(ChannelARN=arn)["ChannelInfo"]["Version"]
    kvs.update_signaling_channel(
        ChannelARN=arn, CurrentVersion=first, SingleMasterConfiguration={"MessageTtlSeconds": 5}
    )
    info = kvs.describe_signaling_channel(ChannelARN=arn)["ChannelInfo"]
    assert info["Version"] != first
    assert info["SingleMasterConfiguration"] == {"MessageTtlSeconds": 5}
    for call in (
        lambda: kvs.update_signaling_channel(ChannelARN=arn, CurrentVersion=first),
        lambda: kvs.delete_signaling_channel(ChannelARN=arn, CurrentVersion=first),
    ):
        with pytest.raises(kvs.exceptions.VersionMismatchException) as caught:
            call()
        assert caught.value.response["Error"]["Message"] == (
            f"The signaling channel version {first} does not match the current version "
            f"{info['Version']}."
        )
    kvs.delete_signaling_channel(ChannelARN=arn, CurrentVersion=info["Version"])
    with pytest.raises(kvs.exceptions.ResourceNotFoundException):
        kvs.describe_signaling_channel(ChannelARN=arn)


def test_endpoints_per_protocol_and_role(kvs):
    arn = _create(kvs, "cam")
    other = _create(kvs, "cam-2")
    host = r"[0-9a-f]{8}\.kinesisvideo\.us-west-2\.amazonaws\.com"

    def endpoints(channel: str, protocols: list[str] | None = None, role: str | None = None):
        config = {k: v for k, v in (("Protocols", protocols), ("Role", role)) if v}
        kwargs = {"SingleMasterChannelEndpointConfiguration": config} if config else {}
        listed = kvs.get_signaling_channel_endpoint(ChannelARN=channel, **kwargs)
        return [(e["Protocol"], e["ResourceEndpoint"]) for e in listed["ResourceEndpointList"]]

    master = endpoints(arn, ["HTTPS", "WSS"], "MASTER")
    assert [p for p, _ in master] == ["HTTPS", "WSS"]
    assert re.fullmatch(rf"https://r-{host}", master[0][1])
    assert re.fullmatch(rf"wss://m-{host}", master[1][1])
    viewer = endpoints(arn, ["WSS"], "VIEWER")
    assert re.fullmatch(rf"wss://v-{host}", viewer[0][1])
    assert endpoints(arn) == [("WSS", master[1][1]), ("HTTPS", master[0][1])]
    assert endpoints(arn, ["WSS", "HTTPS"], "MASTER") == endpoints(arn)
    assert endpoints(other)[0] != endpoints(arn)[0]
    with pytest.raises(kvs.exceptions.InvalidArgumentException, match="WEBRTC protocol needs"):
        endpoints(arn, ["WEBRTC"])


def test_listing_filters_pages_and_rejects_foreign_tokens(kvs):
    for name in ("cam-b", "door", "cam-a", "cam-c"):
        _create(kvs, name)
    condition = {"ComparisonOperator": "BEGINS_WITH", "ComparisonValue": "cam-"}
    first = kvs.list_signaling_channels(MaxResults=2, ChannelNameCondition=condition)
    assert [c["ChannelName"] for c in first["ChannelInfoList"]] == ["cam-a", "cam-b"]
    rest = kvs.list_signaling_channels(
        MaxResults=2, ChannelNameCondition=condition, NextToken=first["NextToken"]
    )
    assert [c["ChannelName"] for c in rest["ChannelInfoList"]] == ["cam-c"]
    assert "NextToken" not in rest
    everything = kvs.list_signaling_channels()["ChannelInfoList"]
    assert [c["ChannelName"] for c in everything] == ["cam-a", "cam-b", "cam-c", "door"]
    for token in ("garbage", first["NextToken"][:-4]):
        with pytest.raises(kvs.exceptions.InvalidArgumentException):
            kvs.list_signaling_channels(ChannelNameCondition=condition, NextToken=token)
    with pytest.raises(kvs.exceptions.InvalidArgumentException) as caught:
        kvs.list_signaling_channels(NextToken=first["NextToken"])  # minted under another filter
    assert caught.value.response["Error"]["Message"] == (
        f"The NextToken {first['NextToken']!r} is not valid for this request."
    )


@pytest.mark.parametrize("page_size", [1, 2, 3, 7])
def test_paginator_returns_every_channel_once(kvs, page_size):
    names = [f"c{i:02d}" for i in range(10)]
    for name in reversed(names):
        _create(kvs, name)
    pages = kvs.get_paginator("list_signaling_channels").paginate(
        PaginationConfig={"PageSize": page_size}
    )
    assert [c["ChannelName"] for p in pages for c in p["ChannelInfoList"]] == names


def test_regions_and_accounts_are_isolated(kvs_fake, kvs, make_client):
    _create(kvs, "cam")
    assert make_client(region="eu-west-1").list_signaling_channels()["ChannelInfoList"] == []
    with kvs_fake.as_account("111122223333"):
        assert kvs.list_signaling_channels()["ChannelInfoList"] == []
    assert len(kvs.list_signaling_channels()["ChannelInfoList"]) == 1


def test_a_rejected_create_leaves_nothing_behind(kvs):
    with pytest.raises(kvs.exceptions.InvalidArgumentException):
        _create(kvs, "bad name", Tags=[{"Key": "k", "Value": "v"}])
    with pytest.raises(kvs.exceptions.InvalidArgumentException):
        _create(kvs, "ok", Tags=[{"Key": "aws:reserved", "Value": "v"}])
    assert kvs.list_signaling_channels()["ChannelInfoList"] == []


def test_channel_tags_list_form_in_map_form_out_and_the_limit(kvs):
    arn = _create(kvs, "cam", Tags=[{"Key": "a", "Value": "1"}, {"Key": "Größe 名前", "Value": ""}])
    kvs.tag_resource(ResourceARN=arn, Tags=[{"Key": "a", "Value": "2"}, {"Key": "b", "Value": "3"}])
    kvs.untag_resource(ResourceARN=arn, TagKeyList=["b", "never-there"])
    assert kvs.list_tags_for_resource(ResourceARN=arn)["Tags"] == {"a": "2", "Größe 名前": ""}
    kvs.tag_resource(ResourceARN=arn, Tags=[{"Key": f"k{i}", "Value": ""} for i in range(48)])
    with pytest.raises(kvs.exceptions.TagsPerResourceExceededLimitException) as caught:
        kvs.tag_resource(ResourceARN=arn, Tags=[{"Key": "one-more", "Value": ""}])
    assert caught.value.response["Error"]["Message"] == (
        "The resource would have 51 tags; a resource can have at most 50."
    )
    assert len(kvs.list_tags_for_resource(ResourceARN=arn)["Tags"]) == 50
    with pytest.raises(kvs.exceptions.InvalidArgumentException):
        kvs.list_tags_for_resource(ResourceARN=arn, NextToken="garbage")
