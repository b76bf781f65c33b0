"""The assertion vocabulary of unittest.mock and aws-sdk-client-mock, over recorded calls:
both spellings of an operation, ``calls.last``, ``filter`` as a call log, the ``*_with``
assertions, ``assert_has_calls``, ``ANY`` at any depth, and their failure messages."""

from __future__ import annotations

from unittest.mock import ANY

import pytest

from pytest_kvsivs.calls import CallLog, param_diff

pytestmark = pytest.mark.kvs_fake(instant=True)

TAGS = {"team": "video", "env": "prod"}


def _two_channels(kvs) -> None:
    kvs.create_signaling_channel(ChannelName="a", ChannelType="SINGLE_MASTER", Tags=[])
    kvs.create_signaling_channel(
        ChannelName="b", Tags=[{"Key": "team", "Value": "video"}, {"Key": "env", "Value": "prod"}]
    )
    kvs.list_signaling_channels()


def test_both_spellings_name_an_operation_everywhere(kvs_fake, kvs):
    _two_channels(kvs)
    for name in ("CreateSignalingChannel", "create_signaling_channel"):
        assert len(kvs_fake.assert_called(name, times=2)) == 2
        assert [r.params["ChannelName"] for r in kvs_fake.calls.filter(name)] == ["a", "b"]
        kvs_fake.assert_any_call(name, ChannelName="a", ChannelType="SINGLE_MASTER", Tags=[])
    kvs_fake.assert_not_called("delete_signaling_channel")
    kvs_fake.calls.assert_called_once_with("list_signaling_channels")
    injection = kvs_fake.inject_error("describe_signaling_channel", "AccessDeniedException")
    assert (injection.service, injection.operation) == ("kinesisvideo", "DescribeSignalingChannel")
    injection.remove()


def test_last_and_call_count(kvs_fake, kvs):
    with pytest.raises(IndexError, match=r"^no calls were made to kinesisvideo or ivs$"):
        _ = kvs_fake.calls.last
    with pytest.raises(IndexError):
        _ = kvs_fake.last
    _two_channels(kvs)
    assert (kvs_fake.calls.last.operation, kvs_fake.last.operation) == (
        "ListSignalingChannels",
    ) * 2
    assert (kvs_fake.calls.call_count, kvs_fake.call_count, len(kvs_fake.calls)) == (3, 3, 3)
    assert kvs_fake.calls.filter("CreateSignalingChannel").last.params["ChannelName"] == "b"


def test_filter_matches_params_partially_and_returns_a_call_log(kvs_fake, kvs):
    _two_channels(kvs)
    only_a = kvs_fake.calls.filter("CreateSignalingChannel", ChannelName="a")
    assert isinstance(only_a, CallLog)
    assert [r.params["ChannelName"] for r in only_a] == ["a"]
    only_a.assert_called_once_with(
        "CreateSignalingChannel", ChannelName="a", ChannelType="SINGLE_MASTER", Tags=[]
    )
    assert kvs_fake.filter("CreateSignalingChannel", ChannelName="c") == []
    assert len(kvs_fake.calls.filter(service="kinesisvideo")) == 3
    assert kvs_fake.calls.filter(service="ivs") == []
    assert [r.params["ChannelName"] for r in kvs_fake.calls.filter(ChannelName="b")] == ["b"]
    assert kvs_fake.calls.filter() == kvs_fake.calls
    with pytest.raises(ValueError, match=r"^unknown service 's3'"):
        kvs_fake.calls.filter(service="s3")


def test_assert_called_once_with_needs_one_call_with_exactly_these_params(kvs_fake, kvs):
    kvs.list_signaling_channels()
    record = kvs_fake.assert_called_once_with("ListSignalingChannels")
    assert record is kvs_fake.calls[0]
    kvs.create_signaling_channel(ChannelName="a", ChannelType="FULL_MESH")
    kvs_fake.assert_called_once_with("CreateSignalingChannel", ChannelName="a", ChannelType=ANY)
    with pytest.raises(AssertionError) as caught:  # a subset is not enough
        kvs_fake.assert_called_once_with("CreateSignalingChannel", ChannelName="a")
    assert str(caught.value) == (
        "expected CreateSignalingChannel(ChannelName='a') to be called once, with exactly these "
        "params, but it was called with other params.\n"
        "Calls of CreateSignalingChannel (1):\n"
        "  2. kinesisvideo.CreateSignalingChannel(ChannelName='a', ChannelType='FULL_MESH') -> ok\n"
        "     extra: ChannelType='FULL_MESH'\n"
        "Other calls (1):\n"
        "  1. kinesisvideo.ListSignalingChannels() -> ok"
    )
    kvs.list_signaling_channels()
    with pytest.raises(AssertionError) as caught:
        kvs_fake.assert_called_once_with("ListSignalingChannels", service="kinesisvideo")
    assert str(caught.value).splitlines()[:6] == [
        "expected kinesisvideo.ListSignalingChannels() to be called once, with exactly these "
        "params, but it was called 2 times.",
        "Calls of ListSignalingChannels (2):",
        "  1. kinesisvideo.ListSignalingChannels() -> ok",
        "     matches",
        "  3. kinesisvideo.ListSignalingChannels() -> ok",
        "     matches",
    ]
    with pytest.raises(AssertionError, match=r"^expected DeleteStream\(\) .* it was not called\."):
        kvs_fake.assert_called_once_with("DeleteStream")


def test_assert_called_with_checks_the_last_call_of_the_operation(kvs_fake, kvs):
    _two_channels(kvs)
    last = kvs_fake.assert_called_with(
        "CreateSignalingChannel", ChannelName="b", Tags=[{"Key": "team", "Value": ANY}, ANY]
    )
    assert last.params["ChannelName"] == "b"
    with pytest.raises(AssertionError) as caught:
        kvs_fake.calls.assert_called_with(
            "create_signaling_channel", ChannelName="a", ChannelType="SINGLE_MASTER", Tags=[]
        )
    assert str(caught.value) == (
        "expected the last call of CreateSignalingChannel to be CreateSignalingChannel("
        "ChannelName='a', ChannelType='SINGLE_MASTER', Tags=[]), but its last call had other "
        "params.\n"
        "Calls of CreateSignalingChannel (2):\n"
        "  1. kinesisvideo.CreateSignalingChannel(ChannelName='a', ChannelType='SINGLE_MASTER', "
        "Tags=[]) -> ok\n"
        "     matches\n"
        "  2. kinesisvideo.CreateSignalingChannel(ChannelName='b', Tags=[{'Key': 'team', "
        "'Value': 'video'}, {'Key': 'env', 'Value': 'prod'}]) -> ok\n"
        "     differing: ChannelName='b', expected 'a'; Tags=[{'Key': 'team', 'Value': 'video'}, "
        "{'Key': 'env', 'Value': 'prod'}], expected []\n"
        "     missing: ChannelType='SINGLE_MASTER'\n"
        "Other calls (1):\n"
        "  3. kinesisvideo.ListSignalingChannels() -> ok"
    )
    with pytest.raises(
        AssertionError, match=r"^expected the last call of DeleteStream .* but it was not called\."
    ):
        kvs_fake.assert_called_with("DeleteStream")


def test_assert_any_call_needs_one_call_with_exactly_these_params(kvs_fake, kvs):
    _two_channels(kvs)
    first = kvs_fake.assert_any_call(
        "CreateSignalingChannel", ChannelName=ANY, ChannelType="SINGLE_MASTER", Tags=ANY
    )
    assert first.params["ChannelName"] == "a"
    with pytest.raises(AssertionError) as caught:
        kvs_fake.assert_any_call("CreateSignalingChannel", ChannelName="b")
    text = str(caught.value)
    assert text.splitlines()[0] == (
        "expected a call CreateSignalingChannel(ChannelName='b'), with exactly these params, "
        "but none of its 2 call(s) had them."
    )
    assert "     differing: ChannelName='a', expected 'b'\n     extra: ChannelType=" in text
    assert (
        "     extra: Tags=[{'Key': 'team', 'Value': 'video'}, {'Key': 'env', 'Value': 'prod'}]\n"
        in text
    )


def test_any_matches_at_every_depth(kvs_fake, kvs):
    _two_channels(kvs)
    kvs_fake.assert_any_call("CreateSignalingChannel", ChannelName="b", Tags=[ANY, ANY])
    kvs_fake.assert_any_call(
        "CreateSignalingChannel", ChannelName="b", Tags=[ANY, {"Key": "env", "Value": ANY}]
    )
    kvs_fake.assert_called("CreateSignalingChannel", Tags=[{"Key": ANY, "Value": "video"}, ANY])
    with pytest.raises(AssertionError):  # ANY stands for one item, not for any number
        kvs_fake.assert_any_call("CreateSignalingChannel", ChannelName="b", Tags=[ANY])


def test_assert_has_calls_in_order_is_a_subsequence(kvs_fake, kvs):
    _two_channels(kvs)
    found = kvs_fake.assert_has_calls(
        [("CreateSignalingChannel", {"ChannelName": "a"}), ("list_signaling_channels", {})]
    )
    assert [r.operation for r in found] == ["CreateSignalingChannel", "ListSignalingChannels"]
    kvs_fake.calls.assert_has_calls(["CreateSignalingChannel", "CreateSignalingChannel"])
    kvs_fake.assert_has_calls([])
    with pytest.raises(AssertionError) as caught:
        kvs_fake.assert_has_calls(
            [("ListSignalingChannels", {}), ("CreateSignalingChannel", {"ChannelName": "b"})]
        )
    assert str(caught.value) == (
        "expected these calls, in this order (other calls may come between):\n"
        "  1. ListSignalingChannels()\n"
        "  2. CreateSignalingChannel(ChannelName='b')\n"
        "but no call matches 2. CreateSignalingChannel(ChannelName='b'), after the call "
        "matching 1.\n"
        "Calls of CreateSignalingChannel (2):\n"
        "  1. kinesisvideo.CreateSignalingChannel(ChannelName='a', ChannelType='SINGLE_MASTER', "
        "Tags=[]) -> ok\n"
        "     differing: ChannelName='a', expected 'b'\n"
        "  2. kinesisvideo.CreateSignalingChannel(ChannelName='b', Tags=[{'Key': 'team', "
        "'Value': 'video'}, {'Key': 'env', 'Value': 'prod'}]) -> ok\n"
        "     matches\n"
        "Other calls (1):\n"
        "  3. kinesisvideo.ListSignalingChannels() -> ok"
    )


def test_assert_has_calls_in_any_order_uses_each_call_once(kvs_fake, kvs):
    _two_channels(kvs)
    found = kvs_fake.assert_has_calls(
        [
            "ListSignalingChannels",
            ("CreateSignalingChannel", {}),  # could take either create...
            ("CreateSignalingChannel", {"ChannelName": "a"}),  # ...but this one needs "a"
        ],
        any_order=True,
    )
    assert [r.params.get("ChannelName") for r in found] == [None, "b", "a"]
    with pytest.raises(AssertionError) as caught:
        kvs_fake.assert_has_calls(
            ["CreateSignalingChannel", "CreateSignalingChannel", "CreateSignalingChannel"],
            any_order=True,
        )
    assert str(caught.value).splitlines()[:5] == [
        "expected these calls, in any order:",
        "  1. CreateSignalingChannel()",
        "  2. CreateSignalingChannel()",
        "  3. CreateSignalingChannel()",
        "but no call matches 3. CreateSignalingChannel().",
    ]


def test_the_service_narrows_every_assertion(kvs_fake, kvs, ivs):
    kvs.list_streams()
    ivs.list_streams()
    kvs_fake.assert_called_once_with("ListStreams", service="ivs")
    kvs_fake.assert_called_with("list_streams", service="kinesisvideo")
    with pytest.raises(
        AssertionError, match=r"^expected ListStreams\(\) to be called once.* 2 times"
    ):
        kvs_fake.assert_called_once_with("ListStreams")  # in both services
    assert [r.service for r in kvs_fake.filter("ListStreams")] == ["kinesisvideo", "ivs"]
    with pytest.raises(ValueError, match=r"^ivs has no operation 'DescribeStream'"):
        kvs_fake.assert_any_call("DescribeStream", service="ivs")


def test_the_params_diff_names_the_path_of_each_difference():
    actual = {"A": 1, "Tags": {"env": "dev", "team": "video"}, "L": [1, {"K": "x"}], "X": 0}
    expected = {"A": 2, "Tags": {"env": "prod", "owner": "me"}, "L": [1, {"K": "y"}], "M": [1]}
    assert param_diff(actual, expected) == [
        "differing: A=1, expected 2; Tags['env']='dev', expected 'prod'; L[1]['K']='x', "
        "expected 'y'",
        "missing: Tags['owner']='me'; M=[1]",
        "extra: Tags['team']='video'; X=0",
    ]
    assert param_diff(actual, {"A": 1}, exact=False) == []
    assert param_diff({"L": [1, 2]}, {"L": [1]}) == ["differing: L=[1, 2], expected [1]"]
    assert param_diff({"A": ANY}, {"A": 1}) == []
    assert param_diff({"A": 1}, {"A": ANY}) == []


def test_assert_called_once_matches_partially_and_returns_the_call(kvs_fake, kvs):
    _two_channels(kvs)
    record = kvs_fake.assert_called_once("create_signaling_channel", ChannelName="b")
    assert record.params["ChannelName"] == "b"
    with pytest.raises(AssertionError) as caught:
        kvs_fake.calls.assert_called_once("CreateSignalingChannel")
    assert str(caught.value).splitlines()[0] == (
        "expected CreateSignalingChannel() to be called exactly 1 time(s), "
        "but it was called 2 time(s)."
    )


def test_with_assertions_refuse_a_call_that_has_more_params(kvs_fake, kvs):
    kvs.create_signaling_channel(ChannelName="a", ChannelType="SINGLE_MASTER")
    with pytest.raises(AssertionError) as caught:
        kvs_fake.assert_called_with("CreateSignalingChannel", ChannelName="a")
    assert "     extra: ChannelType='SINGLE_MASTER'\n" in str(caught.value)
    with pytest.raises(AssertionError) as caught:
        kvs_fake.assert_any_call("DeleteSignalingChannel", ChannelARN="x")
    assert str(caught.value).splitlines()[0] == (
        "expected a call DeleteSignalingChannel(ChannelARN='x'), with exactly these params, "
        "but it was not called."
    )
