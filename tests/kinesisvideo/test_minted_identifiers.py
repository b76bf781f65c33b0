"""Every identifier the fake mints passes the model wherever it is sent back."""

from __future__ import annotations

import re

import pytest

from pytest_kvsivs.model import service_model
from pytest_kvsivs.validation.patterns import matcher

pytestmark = pytest.mark.kvs_fake(instant=True)


def _shape(name: str):
    return service_model("kinesisvideo").shape_for(name)


def _passes(shape_name: str, value: str) -> bool:
    meta = _shape(shape_name).metadata
    return bool(matcher(meta["pattern"])(value)) and meta["min"] <= len(value) <= meta["max"]


@pytest.mark.parametrize("name", ["a", "A.b_c-9", "n" * 256])
def test_arn_version_and_token_round_trip(kvs_fake, kvs, name):
    prefix = name[: len(name) // 2] or name
    # A second channel under the same prefix that sorts after ``name`` (``name`` + "z"; at the
    # 256-character limit, its last "n" becomes "z"): a page of one always leaves it for a
    # NextToken.
    other_name = (name[:-1] if len(name) == 256 else name) + "z"
    arn = kvs.create_signaling_channel(ChannelName=name)["ChannelARN"]
    other = kvs.create_signaling_channel(ChannelName=other_name)["ChannelARN"]
    version = kvs.describe_signaling_channel(ChannelARN=arn)["ChannelInfo"]["Version"]
    assert _passes("ResourceARN", arn)
    assert re.fullmatch(r"[a-zA-Z0-9]{20}", version)
    condition = {"ComparisonOperator": "BEGINS_WITH", "ComparisonValue": prefix}
    page = kvs.list_signaling_channels(MaxResults=1, ChannelNameCondition=condition)
    assert [c["ChannelARN"] for c in page["ChannelInfoList"]] == [arn]
    token = page["NextToken"]
    assert _passes("NextToken", token)
    rest = kvs.list_signaling_channels(
        MaxResults=1, NextToken=token, ChannelNameCondition=condition
    )
    assert [c["ChannelARN"] for c in rest["ChannelInfoList"]] == [other]
    assert "NextToken" not in rest
    kvs.tag_resource(ResourceARN=arn, Tags=[{"Key": "k", "Value": "v"}])
    kvs.list_tags_for_resource(ResourceARN=arn)
    kvs.get_signaling_channel_endpoint(ChannelARN=arn)
    kvs.update_signaling_channel(ChannelARN=arn, CurrentVersion=version)
    kvs_fake.settle()
    new_version = kvs.describe_signaling_channel(ChannelARN=arn)["ChannelInfo"]["Version"]
    kvs.delete_signaling_channel(ChannelARN=arn, CurrentVersion=new_version)
    assert other != arn
    assert [r.error_code for r in kvs_fake.calls] == [None] * len(kvs_fake.calls)


def test_longest_name_and_prefix_token_fits_the_token_limit(kvs_fake, kvs):
    base = "p" * 255
    for suffix in "abc":
        kvs.create_signaling_channel(ChannelName=base + suffix)
    condition = {"ComparisonOperator": "BEGINS_WITH", "ComparisonValue": base}
    token = kvs.list_signaling_channels(MaxResults=1, ChannelNameCondition=condition)["NextToken"]
    assert _passes("NextToken", token)
    names = [
        c["ChannelName"]
        for c in kvs.list_signaling_channels(
            MaxResults=5, NextToken=token, ChannelNameCondition=condition
        )["ChannelInfoList"]
    ]
    assert names == [base + "b", base + "c"]


def test_recreated_channel_gets_a_new_arn_even_in_the_same_millisecond(kvs_fake, kvs):
    from freezegun import freeze_time

    with freeze_time("2024-01-01T00:00:00Z"):
        first = kvs.create_signaling_channel(ChannelName="cam")["ChannelARN"]
        kvs.delete_signaling_channel(ChannelARN=first)
        second = kvs.create_signaling_channel(ChannelName="cam")["ChannelARN"]
    assert first == "arn:aws:kinesisvideo:us-west-2:123456789012:channel/cam/1704067200000"
    assert second == "arn:aws:kinesisvideo:us-west-2:123456789012:channel/cam/1704067200001"
    with pytest.raises(kvs.exceptions.ResourceNotFoundException):
        kvs.describe_signaling_channel(ChannelARN=first)
