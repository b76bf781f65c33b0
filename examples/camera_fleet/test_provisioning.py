"""Tests of the camera fleet module, written the way a user of pytest-kvsivs would."""

from __future__ import annotations

import re
from unittest.mock import ANY

import provisioning
import pytest
from freezegun import freeze_time
from provisioning import (
    decommission_camera,
    describe_camera,
    fleet_cameras,
    provision_camera,
    set_message_ttl,
    viewer_endpoints,
    wait_until_active,
)

from pytest_kvsivs import KvsFake


def test_provisions_a_camera(kvs_fake: KvsFake) -> None:
    arn = provision_camera("1", fleet="lobby")
    kvs_fake.settle()
    kvs_fake.assert_called_once_with(
        "create_signaling_channel",
        ChannelName="cam-1",
        ChannelType="SINGLE_MASTER",
        SingleMasterConfiguration={"MessageTtlSeconds": 60},
        Tags=[{"Key": "fleet", "Value": "lobby"}, {"Key": "camera", "Value": ANY}],
    )
    assert re.fullmatch(r"arn:aws:kinesisvideo:us-east-1:123456789012:channel/cam-1/\d{13}", arn)
    info = describe_camera("1")
    assert (info["ChannelStatus"], info["SingleMasterConfiguration"]) == (
        "ACTIVE",
        {"MessageTtlSeconds": 60},
    )
    tags = provisioning.KVS.list_tags_for_resource(ResourceARN=arn)["Tags"]
    assert tags == {"fleet": "lobby", "camera": "1"}


def test_provisioning_twice_returns_the_same_channel(kvs_fake: KvsFake) -> None:
    first = provision_camera("7")
    assert provision_camera("7") == first
    kvs_fake.assert_called("CreateSignalingChannel", ChannelName="cam-7", times=2)
    assert kvs_fake.calls.filter("CreateSignalingChannel").last.error_code == (
        "ResourceInUseException"
    )
    kvs_fake.assert_has_calls(
        [
            ("CreateSignalingChannel", {"ChannelName": "cam-7"}),
            ("CreateSignalingChannel", {"ChannelName": "cam-7"}),
            ("DescribeSignalingChannel", {"ChannelName": "cam-7"}),
        ]
    )


def test_waits_for_the_channel_to_become_active(kvs_fake: KvsFake) -> None:
    with freeze_time("2025-01-01T00:00:00Z"):
        provision_camera("2")
        info = wait_until_active("2", poll=0.5, sleep=kvs_fake.advance)
    assert info["ChannelStatus"] == "ACTIVE"
    seen = [c.response for c in kvs_fake.calls.filter("DescribeSignalingChannel")]
    statuses = [r["ChannelInfo"]["ChannelStatus"] for r in seen if r is not None]
    assert statuses == ["CREATING", "CREATING", "CREATING", "CREATING", "ACTIVE"]


@pytest.mark.kvs_fake(delays={"kinesisvideo.signaling_channel.CREATING": 120})
def test_gives_up_on_a_channel_that_stays_creating(kvs_fake: KvsFake) -> None:
    with freeze_time("2025-01-01T00:00:00Z"):
        provision_camera("3")
        with pytest.raises(TimeoutError, match="cam-3 is still CREATING"):
            wait_until_active("3", timeout=60, poll=10, sleep=kvs_fake.advance)


@pytest.mark.kvs_fake(instant=True)
def test_viewer_endpoints(kvs_fake: KvsFake) -> None:
    provision_camera("4")
    endpoints = viewer_endpoints("4")
    assert re.fullmatch(
        r"wss://v-[0-9a-f]{8}\.kinesisvideo\.us-east-1\.amazonaws\.com", endpoints["WSS"]
    )
    assert re.fullmatch(
        r"https://r-[0-9a-f]{8}\.kinesisvideo\.us-east-1\.amazonaws\.com", endpoints["HTTPS"]
    )


def test_endpoints_are_refused_while_the_channel_is_creating(kvs_fake: KvsFake) -> None:
    provision_camera("5")
    with pytest.raises(provisioning.KVS.exceptions.ResourceInUseException):
        viewer_endpoints("5")


@pytest.mark.kvs_fake(instant=True)
def test_retries_when_throttled(kvs_fake: KvsFake) -> None:
    throttle = kvs_fake.inject_error(
        "CreateSignalingChannel", "ClientLimitExceededException", times=2
    )
    assert provision_camera("6").startswith("arn:aws:kinesisvideo:")
    assert throttle.used == 2
    assert [c.error_code for c in kvs_fake.calls.filter("CreateSignalingChannel")] == [
        "ClientLimitExceededException",
        "ClientLimitExceededException",
        None,
    ]


@pytest.mark.kvs_fake(instant=True)
def test_ttl_change_and_a_stale_version(kvs_fake: KvsFake) -> None:
    provision_camera("8")
    stale = describe_camera("8")["Version"]
    set_message_ttl("8", 30)
    assert describe_camera("8")["SingleMasterConfiguration"] == {"MessageTtlSeconds": 30}
    with pytest.raises(provisioning.KVS.exceptions.VersionMismatchException):
        provisioning.KVS.update_signaling_channel(
            ChannelARN=describe_camera("8")["ChannelARN"], CurrentVersion=stale
        )


def test_decommission(kvs_fake: KvsFake) -> None:
    provision_camera("9")
    kvs_fake.settle()
    decommission_camera("9")
    assert describe_camera("9")["ChannelStatus"] == "DELETING"
    kvs_fake.settle()
    with pytest.raises(provisioning.KVS.exceptions.ResourceNotFoundException):
        describe_camera("9")


@pytest.mark.kvs_fake(instant=True)
def test_lists_the_whole_fleet_across_pages(kvs_fake: KvsFake) -> None:
    for i in range(12):
        provision_camera(f"{i:02d}")
    provisioning.KVS.create_signaling_channel(ChannelName="doorbell")
    assert list(fleet_cameras(page_size=5)) == [f"{i:02d}" for i in range(12)]
    assert kvs_fake.calls.filter("ListSignalingChannels").call_count == 3
    kvs_fake.assert_called_with(  # the last page's request
        "list_signaling_channels",
        ChannelNameCondition={"ComparisonOperator": "BEGINS_WITH", "ComparisonValue": "cam-"},
        MaxResults=5,
        NextToken=ANY,
    )
