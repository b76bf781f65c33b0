"""inject_error: handles that report their use, ``times``, ``when``, and what botocore's
retries make of an injected error (the fake answers before botocore's retry handler)."""

from __future__ import annotations

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from pytest_kvsivs import KvsFake

REGION = "us-west-2"


def _code(err: pytest.ExceptionInfo[ClientError]) -> tuple[str, str, int]:
    response = err.value.response
    return (
        response["Error"]["Code"],
        response["Error"]["Message"],
        response["ResponseMetadata"]["HTTPStatusCode"],
    )


def test_times_counts_matching_calls_and_the_handle_says_how_many(kvs_fake, kvs):
    injection = kvs_fake.inject_error(
        "ListStreams", "ClientLimitExceededException", service="kinesisvideo", times=2
    )
    assert (injection.used, injection.times, injection.code) == (
        0,
        2,
        "ClientLimitExceededException",
    )
    for _ in range(2):
        with pytest.raises(ClientError) as caught:
            kvs.list_streams()
        assert _code(caught) == (
            "ClientLimitExceededException",
            "Injected ClientLimitExceededException for ListStreams.",
            400,
        )
    assert kvs.list_streams()["StreamInfoList"] == []
    assert injection.used == 2
    assert [r.error_code for r in kvs_fake.calls] == [
        "ClientLimitExceededException",
        "ClientLimitExceededException",
        None,
    ]
    assert repr(injection) == (
        "<Injection kinesisvideo.ListStreams -> ClientLimitExceededException "
        "(times=2, answered 2 call(s))>"
    )


def test_times_none_answers_every_call_until_removed(kvs_fake, kvs):
    injection = kvs_fake.inject_error(
        "describe_stream", "NotAuthorizedException", message="no", times=None
    )
    for _ in range(3):
        with pytest.raises(kvs.exceptions.NotAuthorizedException) as caught:
            kvs.describe_stream(StreamName="cam")
        assert _code(caught) == ("NotAuthorizedException", "no", 401)
    injection.remove()
    with pytest.raises(kvs.exceptions.ResourceNotFoundException):
        kvs.describe_stream(StreamName="cam")
    assert (injection.used, injection.removed, kvs_fake.unused_injections) == (3, True, [])


def test_removing_a_used_up_injection_is_harmless(kvs_fake, kvs):
    injection = kvs_fake.inject_error("DescribeStream", "NotAuthorizedException")
    with pytest.raises(kvs.exceptions.NotAuthorizedException):
        kvs.describe_stream(StreamName="cam")
    injection.remove()  # it answered its one call already
    assert (injection.used, injection.removed, kvs_fake.unused_injections) == (1, True, [])


@pytest.mark.kvs_fake(instant=True)
def test_when_fails_only_the_calls_it_accepts(kvs_fake, kvs):
    kvs.create_stream(StreamName="cam-1")
    kvs.create_stream(StreamName="cam-2")
    injection = kvs_fake.inject_error(
        "DescribeStream",
        "ClientLimitExceededException",
        times=None,
        when=lambda params: params.get("StreamName") == "cam-2",
    )
    assert kvs.describe_stream(StreamName="cam-1")["StreamInfo"]["StreamName"] == "cam-1"
    with pytest.raises(kvs.exceptions.ClientLimitExceededException):
        kvs.describe_stream(StreamName="cam-2")
    assert kvs.describe_stream(StreamName="cam-1")["StreamInfo"]["Status"] == "ACTIVE"
    assert injection.used == 1
    assert repr(injection) == (
        "<Injection kinesisvideo.DescribeStream -> ClientLimitExceededException (every call, "
        "when=test_when_fails_only_the_calls_it_accepts.<locals>.<lambda>, answered 1 call(s))>"
    )
    kvs_fake.assert_called_with("DescribeStream", StreamName="cam-1")
    assert [r.error_code for r in kvs_fake.calls.filter("DescribeStream")] == [
        None,
        "ClientLimitExceededException",
        None,
    ]


def test_the_first_matching_injection_answers(kvs_fake, kvs):
    for_b = kvs_fake.inject_error(
        "DescribeStream", "NotAuthorizedException", when=lambda p: p.get("StreamName") == "b"
    )
    for_any = kvs_fake.inject_error("DescribeStream", "ClientLimitExceededException")
    with pytest.raises(kvs.exceptions.ClientLimitExceededException):
        kvs.describe_stream(StreamName="a")
    with pytest.raises(kvs.exceptions.NotAuthorizedException):
        kvs.describe_stream(StreamName="b")
    assert (for_b.used, for_any.used) == (1, 1)


def test_an_injected_error_changes_no_state(kvs_fake, kvs):
    kvs_fake.inject_error("CreateStream", "AccountStreamLimitExceededException")
    with pytest.raises(kvs.exceptions.AccountStreamLimitExceededException):
        kvs.create_stream(StreamName="cam")
    assert kvs.list_streams()["StreamInfoList"] == []
    assert kvs_fake.calls[0].response is None


def test_refused_injections_say_what_was_possible(kvs_fake):
    with pytest.raises(ValueError, match="cannot answer") as caught:
        kvs_fake.inject_error("ListStreams", "ResourceNotFoundException", service="kinesisvideo")
    assert str(caught.value) == (
        "kinesisvideo.ListStreams cannot answer 'ResourceNotFoundException'; it lists "
        "['ClientLimitExceededException', 'InvalidArgumentException']"
    )
    with pytest.raises(ValueError, match="several services") as several:
        kvs_fake.inject_error("TagResource", "AccessDeniedException")
    assert str(several.value) == (
        "TagResource exists in several services; name one with service=... "
        "('kinesisvideo' or 'ivs')"
    )
    with pytest.raises(ValueError, match=r"^times must be a count >= 1, or None .* got 0$"):
        kvs_fake.inject_error("ListStreams", "AccessDeniedException", service="ivs", times=0)
    with pytest.raises(ValueError, match=r"^ivs has no operation 'ListStream'"):
        kvs_fake.inject_error("ListStream", "AccessDeniedException", service="ivs")
    with pytest.raises(TypeError, match=r"^when must be a predicate over a call's params"):
        kvs_fake.inject_error("ListStreams", "AccessDeniedException", service="ivs", when="x")
    assert kvs_fake.unused_injections == []


def test_botocore_does_not_retry_what_the_fake_answers(kvs_fake):
    """The fake answers in ``before-call``, before botocore's retry handler (which runs on
    ``needs-retry``, after an HTTP response): a ThrottlingException or a
    ClientLimitExceededException reaches the caller at once, whatever the retry mode."""
    standard = Config(retries={"mode": "standard", "max_attempts": 5})
    ivs = boto3.client("ivs", region_name=REGION, config=standard)
    kvs = boto3.client("kinesisvideo", region_name=REGION, config=standard)
    kvs_fake.inject_error("PutMetadata", "ThrottlingException")
    kvs_fake.inject_error("ListStreams", "ClientLimitExceededException", service="kinesisvideo")
    arn = ivs.create_channel(name="live")["channel"]["arn"]
    with pytest.raises(ivs.exceptions.ThrottlingException) as throttled:
        ivs.put_metadata(channelArn=arn, metadata="hello")
    with pytest.raises(kvs.exceptions.ClientLimitExceededException) as limited:
        kvs.list_streams()
    for caught in (throttled, limited):
        assert caught.value.response["ResponseMetadata"]["RetryAttempts"] == 0
    assert [(r.operation, r.error_code) for r in kvs_fake.calls] == [
        ("CreateChannel", None),
        ("PutMetadata", "ThrottlingException"),
        ("ListStreams", "ClientLimitExceededException"),
    ]


def test_code_that_retries_by_itself_sees_each_attempt(kvs_fake, kvs):
    kvs_fake.inject_error(
        "ListStreams", "ClientLimitExceededException", service="kinesisvideo", times=2
    )

    def list_with_retries(attempts: int) -> list[dict]:
        for _ in range(attempts):
            try:
                return kvs.list_streams()["StreamInfoList"]
            except kvs.exceptions.ClientLimitExceededException:
                continue
        raise RuntimeError("gave up")

    assert list_with_retries(3) == []
    assert kvs_fake.calls.filter("ListStreams").call_count == 3


def _unused_in_a_block(fake: KvsFake, client) -> None:
    with fake:
        fake.inject_error("DescribeStream", "NotAuthorizedException")
        client.list_streams()


def _failing_block(fake: KvsFake) -> None:
    with fake:
        fake.inject_error("DescribeStream", "NotAuthorizedException")
        raise ZeroDivisionError


def test_the_context_manager_fails_on_an_unused_injection(make_client):
    with pytest.raises(AssertionError) as caught:
        _unused_in_a_block(KvsFake(), make_client())
    assert str(caught.value) == (
        "kvs_fake: 1 injected error(s) answered no call:\n"
        "  kinesisvideo.DescribeStream -> NotAuthorizedException (times=1, answered 0 call(s))\n"
        "Calls made (1):\n"
        "  1. kinesisvideo.ListStreams() -> ok\n"
        "Remove the injection, or turn this check off with "
        "@pytest.mark.kvs_fake(assert_all_injected_used=False) or the ini option "
        "kvs_fake_assert_all_injected_used = false."
    )
    with KvsFake(assert_all_injected_used=False) as quiet:
        quiet.inject_error("DescribeStream", "NotAuthorizedException")
    with pytest.raises(ZeroDivisionError):  # the block's own error wins
        _failing_block(KvsFake())


def test_reset_forgets_injections(kvs_fake, kvs):
    injection = kvs_fake.inject_error("ListStreams", "AccessDeniedException", service="ivs")
    kvs_fake.reset()
    assert kvs.list_streams()["StreamInfoList"] == []
    assert (injection.used, kvs_fake.unused_injections) == (0, [])
