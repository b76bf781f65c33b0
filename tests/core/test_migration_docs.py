"""docs/from-moto.md, docs/with-stubber.md and docs/toolkit.md: their examples run, their
claims hold.

Convention of the pages: a fenced block whose info string is exactly ``python`` is a test
file, preceded by ``<!-- outcome: N passed -->``; each is written with pytester and run, and
must end exactly so. ``python with-moto`` blocks are run the same way where moto is installed
(it is not a test dependency). ``python moto`` blocks show moto alone and are not run.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import boto3
import botocore
import pytest
from botocore.exceptions import ParamValidationError
from botocore.stub import StubAssertionError, Stubber, UnStubbedResponseError

from pytest_kvsivs import KvsFake, NotServedError
from pytest_kvsivs.model import enum_values, service_model

ROOT = Path(__file__).resolve().parents[2]
PAGES = ("from-moto.md", "with-stubber.md", "toolkit.md")
REGION = "us-west-2"

BLOCK = re.compile(
    r"(?:<!-- outcome: (?P<outcome>[^>]*?) -->\n)?```(?P<info>[^\n]*)\n(?P<code>.*?)^```$",
    re.M | re.S,
)
RUN = {"python": False, "python with-moto": True}
"""Info strings of the blocks that are run -> whether the block needs moto."""
NOT_RUN = {"python moto", "toml", "sh", "text", ""}


def blocks(page: str) -> list[tuple[str, str | None, str]]:
    """(info string, outcome comment, code) of every fenced block of a page."""
    text = (ROOT / "docs" / page).read_text()
    return [(m["info"].strip(), m["outcome"], m["code"]) for m in BLOCK.finditer(text)]


def measured_with(page: str) -> str:
    """The botocore a page says it was measured (checked) with."""
    found = re.search(r"botocore (\d+\.\d+\.\d+)", (ROOT / "docs" / page).read_text())
    assert found is not None, f"{page} says which botocore it was measured with"
    return found[1]


def _release(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split(".")[:3])


def older_than(page: str) -> bool:
    """Whether the installed botocore is older than the one ``page`` was measured with."""
    return _release(botocore.__version__) < _release(measured_with(page))


def pattern(service: str, shape: str) -> str:
    """The regular expression pattern a string shape of the installed model declares."""
    declared: str = service_model(service).shape_for(shape).metadata["pattern"]
    return declared


QUOTED_PATTERNS = {"from-moto.md-5": [("ivs", "ChannelArn")]}
"""Blocks that quote a model pattern the models of botocore releases spell differently
(1.34.0: ``^...$`` anchors, ``[is]vs``): block id -> the quoted (service, shape)s."""


def run_blocks() -> list[Any]:
    cases = []
    for page in PAGES:
        for number, (info, outcome, code) in enumerate(blocks(page), 1):
            if info in RUN:
                cases.append(pytest.param(page, number, info, outcome, code, id=f"{page}-{number}"))
    return cases


# -- the pages' examples ------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_every_block_is_run_or_declared_not_run(page):
    found = blocks(page)
    infos = [info for info, _, _ in found]
    assert set(infos) <= set(RUN) | NOT_RUN, infos
    for info, outcome, _ in found:
        if info in RUN:
            assert outcome is not None, f"a {info!r} block needs its outcome comment"
            assert re.fullmatch(r"\d+ passed", outcome), (info, outcome)
        else:
            assert outcome is None, f"a {info!r} block is not run; its outcome would not be checked"


def test_the_pages_have_the_examples_they_had():
    """A block whose info string changes silently stops being run: count them."""
    counts = {page: [info for info, _, _ in blocks(page)].count("python") for page in PAGES}
    assert counts == {"from-moto.md": 5, "with-stubber.md": 5, "toolkit.md": 3}
    assert [info for info, _, _ in blocks("from-moto.md")].count("python with-moto") == 1
    assert [info for info, _, _ in blocks("from-moto.md")].count("python moto") == 1


@pytest.mark.parametrize(("page", "number", "info", "outcome", "code"), run_blocks())
def test_example_runs(pytester, page, number, info, outcome, code):
    if RUN[info]:
        pytest.importorskip("moto")
    block = f"{page}-{number}"
    for service, shape in QUOTED_PATTERNS.get(block, []):
        declared = pattern(service, shape)
        if older_than(page) and declared not in code:
            pytest.skip(
                f"{page} quotes botocore {measured_with(page)}'s {service} {shape} pattern; "
                f"botocore {botocore.__version__}'s is {declared}"
            )
    pytester.makepyfile(test_example=code)
    result = pytester.runpytest("-p", "no:randomly", "-o", "kvs_fake_check_responses=true")
    passed = int(outcome.split()[0])
    result.assert_outcomes(passed=passed)


# -- with-stubber.md: which one answers ---------------------------------------------------

STUBBED = {"StreamInfo": {"StreamName": "stubbed", "Status": "ACTIVE"}}


def _stub_describe(client: Any) -> Stubber:
    stubber = Stubber(client)
    stubber.add_response("describe_stream", STUBBED, {"StreamName": "cam"})
    return stubber


def test_a_stubber_activated_before_the_fake_started_answers():
    client = boto3.client("kinesisvideo", region_name=REGION)  # before the fake
    stubber = _stub_describe(client)
    stubber.activate()
    try:
        with KvsFake() as fake:
            assert client.describe_stream(StreamName="cam")["StreamInfo"] == STUBBED["StreamInfo"]
            assert len(fake.calls) == 0
    finally:
        stubber.deactivate()


def test_a_stubber_on_a_client_made_before_the_fake_activated_during_it_answers():
    client = boto3.client("kinesisvideo", region_name=REGION)
    with KvsFake() as fake:
        with _stub_describe(client):
            assert client.describe_stream(StreamName="cam")["StreamInfo"] == STUBBED["StreamInfo"]
        assert len(fake.calls) == 0


def test_a_stubber_on_a_client_made_while_the_fake_is_active_answers(kvs_fake):
    client = boto3.client("kinesisvideo", region_name=REGION)
    with _stub_describe(client):
        assert client.describe_stream(StreamName="cam")["StreamInfo"] == STUBBED["StreamInfo"]
    assert len(kvs_fake.calls) == 0


def test_the_stubber_handler_comes_before_the_fake_s(kvs_fake):
    """Why the Stubber wins: botocore's lookup order for the event."""
    client = boto3.client("kinesisvideo", region_name=REGION)
    handlers = client.meta.events._emitter._handlers  # botocore's prefix trie
    event = "before-call.kinesis-video.DescribeStream"
    names = [getattr(h, "__qualname__", "") for h in handlers.prefix_search(event)]
    assert names[0] == "_serve"
    with Stubber(client):
        names = [getattr(h, "__qualname__", "") for h in handlers.prefix_search(event)]
    assert names[:2] == ["Stubber._get_response_handler", "_serve"]


def test_an_empty_stubber_does_not_fall_back_to_the_fake(kvs_fake):
    client = boto3.client("kinesisvideo", region_name=REGION)
    with Stubber(client), pytest.raises(UnStubbedResponseError) as caught:
        client.create_stream(StreamName="cam")
    assert str(caught.value) == (
        "Error getting response stub for operation CreateStream: Unexpected API Call: "
        "A call was made but no additional calls expected. Either the API Call was not "
        "stubbed or it was called multiple times."
    )
    assert len(kvs_fake.calls) == 0


def test_after_deactivation_the_fake_answers_and_records(kvs_fake):
    client = boto3.client("kinesisvideo", region_name=REGION)
    with _stub_describe(client):
        client.describe_stream(StreamName="cam")
    with pytest.raises(client.exceptions.ResourceNotFoundException) as caught:
        client.describe_stream(StreamName="cam")
    assert caught.value.response["Error"]["Message"] == (
        "The requested stream is not found or not active."
    )
    assert [(c.operation, c.error_code) for c in kvs_fake.calls] == [
        ("DescribeStream", "ResourceNotFoundException")
    ]


# -- with-stubber.md: what is recorded ----------------------------------------------------


def test_a_stubbed_error_is_the_stub_s_and_is_not_recorded(kvs_fake):
    client = boto3.client("kinesisvideo", region_name=REGION)
    with Stubber(client) as stubber:
        stubber.add_client_error(
            "describe_stream", "ResourceNotFoundException", "stubbed message", 404
        )
        with pytest.raises(client.exceptions.ResourceNotFoundException) as caught:
            client.describe_stream(StreamName="cam")
    error = caught.value.response
    assert error["Error"] == {"Code": "ResourceNotFoundException", "Message": "stubbed message"}
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 404
    kvs_fake.assert_not_called("DescribeStream")
    assert kvs_fake.calls.filter("DescribeStream") == []


def test_an_injected_error_waits_for_a_call_the_fake_answers(kvs_fake):
    client = boto3.client("kinesisvideo", region_name=REGION)
    kvs_fake.inject_error("DescribeStream", "ClientLimitExceededException", message="Slow down.")
    with _stub_describe(client):
        assert client.describe_stream(StreamName="cam")["StreamInfo"] == STUBBED["StreamInfo"]
    with pytest.raises(client.exceptions.ClientLimitExceededException) as caught:
        client.describe_stream(StreamName="cam")
    assert caught.value.response["Error"]["Message"] == "Slow down."
    assert [(c.operation, c.error_code) for c in kvs_fake.calls] == [
        ("DescribeStream", "ClientLimitExceededException")
    ]


# -- with-stubber.md: who validates what --------------------------------------------------


def test_expected_params_are_checked_by_the_stubber_before_botocore(kvs_fake):
    client = boto3.client("kinesisvideo", region_name=REGION)
    with Stubber(client) as stubber:
        stubber.add_response("create_stream", {"StreamARN": "x"}, {"StreamName": "cam"})
        with pytest.raises(StubAssertionError) as caught:
            client.create_stream()  # missing StreamName: the Stubber speaks first
    assert str(caught.value) == (
        "Error getting response stub for operation CreateStream: Expected parameters:\n"
        "{'StreamName': 'cam'},\nbut received:\n{}"
    )
    assert len(kvs_fake.calls) == 0


def test_a_queued_answer_is_checked_against_the_output_shape():
    stubber = Stubber(boto3.client("kinesisvideo", region_name=REGION))
    with pytest.raises(ParamValidationError) as caught:
        stubber.add_response("create_stream", {"StreamARN": 5})
    assert str(caught.value) == (
        "Parameter validation failed:\nInvalid type for parameter StreamARN, value: 5, "
        "type: <class 'int'>, valid types: <class 'str'>"
    )


def test_a_queued_answer_is_not_checked_against_enums(kvs_fake):
    """The Stubber takes a status the service never answers: only client-side rules apply."""
    client = boto3.client("kinesisvideo", region_name=REGION)
    with Stubber(client) as stubber:
        stubber.add_response("describe_stream", {"StreamInfo": {"Status": "BOGUS"}})
        assert client.describe_stream(StreamName="cam")["StreamInfo"] == {"Status": "BOGUS"}
    assert len(kvs_fake.calls) == 0


def test_a_stubbed_call_skips_the_service_s_maximums(kvs_fake):
    client = boto3.client("kinesisvideo", region_name=REGION)
    name = "a" * 300
    with Stubber(client) as stubber:
        stubber.add_response("create_stream", {"StreamARN": "x"}, {"StreamName": name})
        assert client.create_stream(StreamName=name)["StreamARN"] == "x"
    with pytest.raises(client.exceptions.InvalidArgumentException) as caught:
        client.create_stream(StreamName=name)
    assert caught.value.response["Error"]["Message"] == (
        f"1 validation error detected: Value '{name}' at 'streamName' failed to satisfy "
        "constraint: Member must have length less than or equal to 256"
    )
    assert [(c.operation, c.error_code) for c in kvs_fake.calls] == [
        ("CreateStream", "InvalidArgumentException")
    ]


# -- with-stubber.md: operations the fake does not serve ----------------------------------
# Every operation of the installed models is served; these make one unserved, as one a newer
# botocore adds would be (tests/conftest.py's unserved_operation).

ARCHIVED_MEDIA = "kinesis-video-archived-media"
DATA_ENDPOINT = "https://b-12345678.kinesisvideo.us-west-2.amazonaws.com"


def _archived_media() -> Any:
    return boto3.client(ARCHIVED_MEDIA, region_name=REGION, endpoint_url=DATA_ENDPOINT)


def test_a_stubbed_unserved_operation_is_answered_by_the_stub(kvs_fake, unserved_operation):
    unserved_operation(ARCHIVED_MEDIA, "GetClip")
    client = _archived_media()
    with Stubber(client) as stubber:
        stubber.add_response("get_clip", {"ContentType": "video/mp4", "Payload": b""})
        clip = client.get_clip(
            StreamName="cam",
            ClipFragmentSelector={
                "FragmentSelectorType": "SERVER_TIMESTAMP",
                "TimestampRange": {"StartTimestamp": 1, "EndTimestamp": 2},
            },
        )
    assert clip["ContentType"] == "video/mp4"
    assert len(kvs_fake.calls) == 0


def test_an_unstubbed_unserved_operation_is_not_served(unserved_operation):
    unserved_operation(ARCHIVED_MEDIA, "GetHLSStreamingSessionURL")
    client = _archived_media()
    # Not the fixture: its teardown would fail this test.
    with KvsFake() as fake, pytest.raises(NotServedError) as caught:
        client.get_hls_streaming_session_url(StreamName="cam")
    assert str(caught.value).startswith(
        "pytest-kvsivs does not serve kinesis-video-archived-media.GetHLSStreamingSessionURL"
    )
    assert [(c.service, c.operation, c.error_code) for c in fake.calls] == [
        (ARCHIVED_MEDIA, "GetHLSStreamingSessionURL", "NotServedByFake")
    ]


def test_teardown_fails_an_unserved_call_unless_it_was_stubbed(pytester, unserved_operation):
    unserved_operation(ARCHIVED_MEDIA, "GetHLSStreamingSessionURL")
    pytester.makepyfile(
        test_planes=f"""
        import boto3
        from botocore.stub import Stubber

        def media():
            return boto3.client(
                "{ARCHIVED_MEDIA}", region_name="{REGION}", endpoint_url="{DATA_ENDPOINT}"
            )

        def test_stubbed(kvs_fake):
            client = media()
            with Stubber(client) as stubber:
                stubber.add_response("get_hls_streaming_session_url", {{}})
                client.get_hls_streaming_session_url(StreamName="cam")

        def test_swallowed(kvs_fake):
            try:
                media().get_hls_streaming_session_url(StreamName="cam")
            except Exception:
                pass
        """
    )
    result = pytester.runpytest("-p", "no:randomly")
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines(
        [
            "*ERROR at teardown of test_swallowed*",
            "*kvs_fake was called for 1 operation call(s) it does not serve;*",
        ]
    )


def test_the_fake_s_get_media_never_ends_with_an_error_tag(kvs_fake):
    """Why the page stubs GetMedia for a stream stopped by an error: the fake cannot say so."""
    kvs = boto3.client("kinesisvideo", region_name=REGION)
    kvs.create_stream(StreamName="cam", DataRetentionInHours=24)
    kvs_fake.settle()
    numbers = kvs_fake.put_media("cam", duration=4)
    url = kvs.get_data_endpoint(StreamName="cam", APIName="GET_MEDIA")["DataEndpoint"]
    media = boto3.client("kinesis-video-media", region_name=REGION, endpoint_url=url)
    selector = {"StartSelectorType": "EARLIEST"}
    payload = media.get_media(StreamName="cam", StartSelector=selector)["Payload"].read()
    assert payload.count(b"AWS_KINESISVIDEO_FRAGMENT_NUMBER") == len(numbers) == 2
    assert b"AWS_KINESISVIDEO_ERROR" not in payload


# -- from-moto.md: claims about mixing with moto (only where moto is installed) -----------


def test_inside_mock_aws_the_fake_answers_kvs_and_moto_the_rest(kvs_fake):
    pytest.importorskip("moto")
    from moto import mock_aws

    with mock_aws():
        kvs = boto3.client("kinesisvideo", region_name=REGION)
        kvs.create_signaling_channel(ChannelName="door")  # moto: "Not yet implemented"
        kvs_fake.settle()
        assert kvs.list_signaling_channels()["ChannelInfoList"][0]["ChannelStatus"] == "ACTIVE"
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="clips")
        assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["clips"]
    assert [c.operation for c in kvs_fake.calls] == [
        "CreateSignalingChannel",
        "ListSignalingChannels",
    ]


# -- from-moto.md: the fake's answers its tables show -------------------------------------


@pytest.mark.parametrize("operation", ["DeleteStream", "UpdateStream", "UpdateDataRetention"])
def test_a_creating_stream_refuses_changes(kvs_fake, operation):
    kvs = boto3.client("kinesisvideo", region_name=REGION)
    arn = kvs.create_stream(StreamName="cam-1")["StreamARN"]
    version = kvs.describe_stream(StreamName="cam-1")["StreamInfo"]["Version"]
    calls = {
        "DeleteStream": lambda: kvs.delete_stream(StreamARN=arn),
        "UpdateStream": lambda: kvs.update_stream(
            StreamName="cam-1", CurrentVersion=version, MediaType="video/h264"
        ),
        "UpdateDataRetention": lambda: kvs.update_data_retention(
            StreamName="cam-1",
            CurrentVersion=version,
            Operation="INCREASE_DATA_RETENTION",
            DataRetentionChangeInHours=1,
        ),
    }
    with pytest.raises(kvs.exceptions.ResourceInUseException) as caught:
        calls[operation]()
    assert caught.value.response["Error"]["Message"] == (
        "The stream cam-1 is CREATING; this operation needs it ACTIVE."
    )
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def _error(call: Any) -> tuple[str, str, int]:
    with pytest.raises(Exception) as caught:  # noqa: PT011 - the code is asserted below
        call()
    response = caught.value.response  # type: ignore[attr-defined]
    text = response["Error"]["Message"] or response.get("exceptionMessage", "")
    return response["Error"]["Code"], text, response["ResponseMetadata"]["HTTPStatusCode"]


VALIDATION = "1 validation error detected: "
MISSING_CONFIGURATION = "arn:aws:ivs:us-west-2:123456789012:recording-configuration/abcdABCD1234"


def _as_on_the_page(message: str) -> str:
    """A validation message from the installed model's constraints; on the botocore the page
    was measured with (or a newer one) the page's table quotes it too."""
    if not older_than("from-moto.md"):
        assert message.removeprefix(VALIDATION) in (ROOT / "docs" / "from-moto.md").read_text()
    return message


@pytest.mark.kvs_fake(instant=True)
def test_the_table_of_values_moto_accepts(kvs_fake):
    """The pages' patterns and enums are botocore 1.44.8's; an older model's are expected
    where they differ (1.34.0's ChannelName pattern is anchored)."""
    kvs = boto3.client("kinesisvideo", region_name=REGION)
    ivs = boto3.client("ivs", region_name=REGION)
    arn = kvs.create_stream(StreamName="cam")["StreamARN"]
    version = kvs.describe_stream(StreamName="cam")["StreamInfo"]["Version"]
    enum = f"[{', '.join(enum_values('kinesisvideo', 'APIName'))}]"
    assert _error(lambda: kvs.get_data_endpoint(StreamName="cam", APIName="GET_VIDEO")) == (
        "InvalidArgumentException",
        _as_on_the_page(
            f"{VALIDATION}Value 'GET_VIDEO' at 'aPIName' failed to satisfy constraint: "
            f"Member must satisfy enum value set: {enum}"
        ),
        400,
    )
    assert _error(lambda: kvs.delete_stream(StreamARN=arn, CurrentVersion="nope")) == (
        "VersionMismatchException",
        f"The stream version nope does not match the current version {version}.",
        400,
    )
    assert _error(lambda: ivs.create_channel(name="s", type="PREMIUM")) == (
        "ValidationException",
        _as_on_the_page(
            f"{VALIDATION}Value 'PREMIUM' at 'type' failed to satisfy constraint: "
            f"Member must satisfy enum value set: [{', '.join(enum_values('ivs', 'ChannelType'))}]"
        ),
        400,
    )
    assert _error(lambda: ivs.create_channel(name="my show!")) == (
        "ValidationException",
        _as_on_the_page(
            f"{VALIDATION}Value 'my show!' at 'name' failed to satisfy constraint: "
            f"Member must satisfy regular expression pattern: {pattern('ivs', 'ChannelName')}"
        ),
        400,
    )
    assert _error(lambda: ivs.create_channel(name="p", preset="HIGHER_BANDWIDTH_DELIVERY")) == (
        "ValidationException",
        "A preset can be selected only for ADVANCED_SD and ADVANCED_HD channels, not STANDARD.",
        400,
    )
    assert _error(
        lambda: ivs.create_channel(name="r", recordingConfigurationArn=MISSING_CONFIGURATION)
    ) == (
        "ResourceNotFoundException",
        f"Request references a resource which does not exist: {MISSING_CONFIGURATION}.",
        404,
    )
    assert _error(
        lambda: ivs.list_channels(
            filterByName="a", filterByRecordingConfigurationArn=MISSING_CONFIGURATION
        )
    ) == (
        "ConflictException",
        "Updating or deleting a resource can cause an inconsistent state: the ListChannels "
        "filters are mutually exclusive; the request sets filterByName and "
        "filterByRecordingConfigurationArn.",
        409,
    )


@pytest.mark.kvs_fake(instant=True)
def test_the_table_of_answers_that_differ(kvs_fake):
    kvs = boto3.client("kinesisvideo", region_name=REGION)
    first = kvs.create_stream(StreamName="cam")["StreamARN"]
    info = kvs.describe_stream(StreamName="cam")["StreamInfo"]
    assert info["DataRetentionInHours"] == 0
    assert info["KmsKeyId"] == "arn:aws:kms:us-west-2:123456789012:alias/aws/kinesisvideo"
    get_media = kvs.get_data_endpoint(StreamName="cam", APIName="GET_MEDIA")["DataEndpoint"]
    put_media = kvs.get_data_endpoint(StreamName="cam", APIName="PUT_MEDIA")["DataEndpoint"]
    assert (get_media[:10], put_media[:10]) == ("https://b-", "https://s-")
    kvs.delete_stream(StreamARN=first)
    assert kvs.create_stream(StreamName="cam")["StreamARN"] != first
    condition = {"ComparisonOperator": "BEGINS_WITH", "ComparisonValue": "zzz"}
    assert kvs.list_streams(StreamNameCondition=condition)["StreamInfoList"] == []
