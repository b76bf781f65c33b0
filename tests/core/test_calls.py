"""The call log and the assertion helpers."""

from __future__ import annotations

from unittest.mock import ANY

import pytest

from pytest_kvsivs.calls import CallLog, CallRecord, format_calls

pytestmark = pytest.mark.kvs_fake(instant=True)


def test_records_carry_everything_the_caller_saw(kvs_fake, kvs):
    arn = kvs.create_signaling_channel(ChannelName="cam", ChannelType="FULL_MESH")["ChannelARN"]
    with pytest.raises(kvs.exceptions.ResourceNotFoundException):
        kvs.describe_signaling_channel(ChannelName="nope")
    first, second = kvs_fake.calls
    assert (first.service, first.operation, first.region, first.account_id) == (
        "kinesisvideo",
        "CreateSignalingChannel",
        "us-west-2",
        "123456789012",
    )
    assert first.params == {"ChannelName": "cam", "ChannelType": "FULL_MESH"}
    assert first.response == {"ChannelARN": arn}
    assert first.error_code is None
    assert (second.response, second.error_code) == (None, "ResourceNotFoundException")


def test_calls_rejected_by_validation_are_recorded(kvs_fake, kvs):
    with pytest.raises(kvs.exceptions.InvalidArgumentException):
        kvs.create_signaling_channel(ChannelName="bad name")
    record = kvs_fake.calls[-1]
    assert (record.operation, record.params, record.error_code) == (
        "CreateSignalingChannel",
        {"ChannelName": "bad name"},
        "InvalidArgumentException",
    )


def test_assert_called_partial_match_times_and_any(kvs_fake, kvs):
    kvs.create_signaling_channel(ChannelName="a", ChannelType="SINGLE_MASTER")
    kvs.create_signaling_channel(ChannelName="b")
    matched = kvs_fake.assert_called("CreateSignalingChannel", times=2)
    assert [r.params["ChannelName"] for r in matched] == ["a", "b"]
    kvs_fake.assert_called("CreateSignalingChannel", ChannelName="a", ChannelType=ANY, times=1)
    kvs_fake.assert_called("CreateSignalingChannel", service="kinesisvideo", ChannelName="b")
    kvs_fake.assert_not_called("DeleteSignalingChannel")
    kvs_fake.assert_called("CreateSignalingChannel", ChannelName="c", times=0)


def test_assert_called_failure_lists_the_calls_made(kvs_fake, kvs):
    kvs.create_signaling_channel(ChannelName="a")
    with pytest.raises(AssertionError) as caught:
        kvs_fake.assert_called("CreateSignalingChannel", ChannelName="z")
    assert str(caught.value) == (
        "expected CreateSignalingChannel(ChannelName='z') to be called at least once, "
        "but it was called 0 time(s).\n"
        "Calls of CreateSignalingChannel (1):\n"
        "  1. kinesisvideo.CreateSignalingChannel(ChannelName='a') -> ok\n"
        "     differing: ChannelName='a', expected 'z'\n"
        "Other calls (0):\n"
        "  (none)"
    )


def test_assert_not_called_failure_lists_the_calls_made(kvs_fake, kvs):
    with pytest.raises(kvs.exceptions.ResourceNotFoundException):
        kvs.describe_signaling_channel(ChannelName="x")
    with pytest.raises(AssertionError) as caught:
        kvs_fake.assert_not_called("DescribeSignalingChannel", service="kinesisvideo")
    assert str(caught.value) == (
        "expected kinesisvideo.DescribeSignalingChannel() not to be called, "
        "but it was called 1 time(s).\n"
        "Calls of DescribeSignalingChannel (1):\n"
        "  1. kinesisvideo.DescribeSignalingChannel(ChannelName='x') -> ResourceNotFoundException\n"
        "Other calls (0):\n"
        "  (none)"
    )


def test_empty_log_says_so(kvs_fake):
    with pytest.raises(AssertionError) as caught:
        kvs_fake.assert_called("ListSignalingChannels")
    assert str(caught.value) == (
        "expected ListSignalingChannels() to be called at least once, "
        "but it was called 0 time(s).\n"
        "Calls of ListSignalingChannels (0):\n"
        "  (none)\n"
        "Other calls (0):\n"
        "  (none)"
    )


def test_long_logs_show_the_latest_calls(kvs_fake, kvs):
    for _ in range(35):
        kvs.list_signaling_channels()
    with pytest.raises(AssertionError) as caught:
        kvs_fake.assert_called("ListSignalingChannels", times=1)
    text = str(caught.value)
    assert (
        "Calls of ListSignalingChannels (35):\n"
        "  ... 5 earlier call(s) not shown\n"
        "  6. kinesisvideo.ListSignalingChannels() -> ok\n"
        "     matches\n"
        "  7. kinesisvideo.ListSignalingChannels() -> ok\n" in text
    )
    assert text.endswith(
        "  35. kinesisvideo.ListSignalingChannels() -> ok\n"
        "      matches\n"
        "Other calls (0):\n"
        "  (none)"
    )


def test_unknown_operation_names_are_refused_with_a_suggestion(kvs_fake):
    with pytest.raises(ValueError, match="has no operation") as caught:
        kvs_fake.assert_called("create_signaling_chanel")
    assert str(caught.value) == (
        "kinesisvideo, ivs or the KVS data-plane services has no operation "
        "'create_signaling_chanel'; did you mean create_signaling_channel or "
        "update_signaling_channel or delete_signaling_channel?"
    )
    with pytest.raises(
        ValueError,
        match=r"^ivs has no operation 'CreateSignalingChannel'; did you mean CreateChannel\?$",
    ):
        kvs_fake.assert_called("CreateSignalingChannel", service="ivs")
    with pytest.raises(
        ValueError,
        match=r"did you mean CreateSignalingChannel or UpdateSignalingChannel or "
        r"DeleteSignalingChannel\?$",
    ):
        kvs_fake.filter("CreateSignallingChannels", service="kinesisvideo")
    with pytest.raises(ValueError, match="unknown service 's3'"):
        kvs_fake.assert_not_called("ListBuckets", service="s3")
    with pytest.raises(ValueError, match="times must be >= 0"):
        kvs_fake.assert_called("ListStreams", times=-1)


def test_filter_and_reset(kvs_fake, kvs):
    kvs.create_signaling_channel(ChannelName="a")
    kvs.list_signaling_channels()
    assert [r.operation for r in kvs_fake.calls.filter("ListSignalingChannels")] == [
        "ListSignalingChannels"
    ]
    kvs_fake.reset()
    assert len(kvs_fake.calls) == 0
    assert kvs.list_signaling_channels()["ChannelInfoList"] == []


def test_as_account_isolates_state_and_is_recorded(kvs_fake, kvs):
    kvs.create_signaling_channel(ChannelName="mine")
    with kvs_fake.as_account("111122223333"):
        assert kvs.list_signaling_channels()["ChannelInfoList"] == []
        arn = kvs.create_signaling_channel(ChannelName="mine")["ChannelARN"]
    assert arn.startswith("arn:aws:kinesisvideo:us-west-2:111122223333:channel/mine/")
    assert [r.account_id for r in kvs_fake.calls] == [
        "123456789012",
        "111122223333",
        "111122223333",
    ]
    with pytest.raises(ValueError, match="an AWS account id is 12 digits, got 'x'"):
        kvs_fake.as_account("x").__enter__()


def test_any_does_not_match_an_absent_parameter(kvs_fake, kvs):
    kvs.create_signaling_channel(ChannelName="a")
    kvs_fake.assert_called("CreateSignalingChannel", ChannelName=ANY)
    with pytest.raises(AssertionError, match=r"ChannelType=<ANY>\) to be called at least once"):
        kvs_fake.assert_called("CreateSignalingChannel", ChannelType=ANY)


def test_params_are_a_snapshot_of_the_call(kvs_fake, kvs):
    tags = [{"Key": "team", "Value": "video"}]
    kvs.create_signaling_channel(ChannelName="cam", Tags=tags)
    tags.append({"Key": "late", "Value": "added"})
    tags[0]["Value"] = "changed"
    assert kvs_fake.calls[0].params == {
        "ChannelName": "cam",
        "Tags": [{"Key": "team", "Value": "video"}],
    }
    with pytest.raises(AssertionError) as caught:
        kvs_fake.assert_called("CreateSignalingChannel", ChannelName="other")
    assert (
        "  1. kinesisvideo.CreateSignalingChannel(ChannelName='cam', "
        "Tags=[{'Key': 'team', 'Value': 'video'}]) -> ok\n" in str(caught.value)
    )


def test_snapshot_copies_every_container_and_keeps_values():
    from pytest_kvsivs.calls import snapshot

    blob = bytearray(b"ab")
    stream = object()
    params = {"A": {"B": [1, {"C": "x"}]}, "T": ({"D": 1},), "Blob": blob, "Body": stream}
    copy = snapshot(params)
    assert copy == params
    assert copy["A"] is not params["A"]
    assert copy["A"]["B"] is not params["A"]["B"]
    assert copy["A"]["B"][1] is not params["A"]["B"][1]
    assert copy["T"][0] is not params["T"][0]
    assert (copy["Blob"] is blob, copy["Body"] is stream) == (False, True)
    flat = {"StreamName": "cam"}
    assert (snapshot(flat), snapshot(flat) is flat) == (flat, False)


def test_assert_called_compares_whole_values_not_prefixes(kvs_fake, kvs):
    kvs.create_signaling_channel(ChannelName="cam-1")
    with pytest.raises(AssertionError):
        kvs_fake.assert_called("CreateSignalingChannel", ChannelName="cam")
    kvs_fake.assert_called("CreateSignalingChannel", ChannelName="cam", times=0)
    kvs_fake.assert_called("CreateSignalingChannel", ChannelName="cam-1", times=1)


def _record(service: str, operation: str, **params) -> CallRecord:
    return CallRecord(service, operation, params, {}, None, "us-west-2", "123456789012", 0.0)


def test_service_narrows_filters_and_assertions():
    log = CallLog()
    log.append(_record("kinesisvideo", "ListStreams"))
    log.append(_record("ivs", "ListStreams", maxResults=5))
    assert [r.service for r in log.filter("ListStreams", service="ivs")] == ["ivs"]
    assert [r.service for r in log.filter(service="kinesisvideo")] == ["kinesisvideo"]
    assert len(log.assert_called("ListStreams", service="ivs", times=1)) == 1
    log.assert_called("ListStreams", service="kinesisvideo", maxResults=5, times=0)
    log.assert_not_called("ListChannels", service="ivs")
    with pytest.raises(AssertionError) as caught:
        log.assert_called("ListStreams", service="ivs", times=2, maxResults=5, nextToken="t")
    assert str(caught.value) == (
        "expected ivs.ListStreams(maxResults=5, nextToken='t') to be called exactly 2 time(s), "
        "but it was called 0 time(s).\n"
        "Calls of ListStreams (1):\n"
        "  2. ivs.ListStreams(maxResults=5) -> ok\n"
        "     missing: nextToken='t'\n"
        "Other calls (1):\n"
        "  1. kinesisvideo.ListStreams() -> ok"
    )
    with pytest.raises(AssertionError) as caught:
        log.assert_not_called("ListStreams", service="ivs")
    assert str(caught.value).startswith(
        "expected ivs.ListStreams() not to be called, but it was called 1 time(s).\n"
    )


def test_the_fake_passes_the_service_on(kvs_fake, kvs):
    kvs.list_streams()
    kvs_fake.assert_called("ListStreams", service="kinesisvideo", times=1)
    kvs_fake.assert_called("ListStreams", service="ivs", times=0)
    with pytest.raises(AssertionError, match=r"^expected ivs\.ListStreams\(\) to be called"):
        kvs_fake.assert_called("ListStreams", service="ivs")


def test_a_log_of_exactly_the_shown_limit_hides_nothing():
    records = [_record("kinesisvideo", "ListStreams") for _ in range(3)]
    assert format_calls(records, limit=3) == "\n".join(
        f"  {i}. kinesisvideo.ListStreams() -> ok" for i in (1, 2, 3)
    )
    assert format_calls(records, limit=2).splitlines()[0] == "  ... 1 earlier call(s) not shown"
