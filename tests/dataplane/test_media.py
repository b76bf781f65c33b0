"""kinesis-video-media GetMedia: every StartSelector type, the bounded payload, endpoints."""

from __future__ import annotations

from datetime import datetime, timezone

import boto3
import pytest
from botocore.exceptions import ClientError
from botocore.response import StreamingBody
from freezegun import freeze_time
from media_support import REGION, T0, chunks, make_stream, media

from pytest_kvsivs.services.media import mkv

pytestmark = [pytest.mark.kvs_fake(instant=True), pytest.mark.usefixtures("frozen")]


@pytest.fixture
def frozen():
    with freeze_time("2024-05-01T00:00:00Z"):
        yield


def _numbers(selector: dict, client=None) -> list[str]:
    out = (client or media()).get_media(StreamName="cam", StartSelector=selector)
    assert out["ContentType"] == "video/webm"
    assert isinstance(out["Payload"], StreamingBody)
    return [c["tags"]["AWS_KINESISVIDEO_FRAGMENT_NUMBER"] for c in chunks(out["Payload"].read())]


def _error(caught: pytest.ExceptionInfo[ClientError]) -> tuple[str, str, int]:
    response = caught.value.response
    return (
        response["Error"]["Code"],
        response["Error"]["Message"],
        response["ResponseMetadata"]["HTTPStatusCode"],
    )


@pytest.fixture
def numbers(kvs_fake) -> list[str]:
    make_stream()
    # server T0-10 .. T0-2, producer from 5000 s
    return kvs_fake.put_media("cam", duration=10, producer_start=5000.0)


def test_earliest_answers_every_kept_chunk_then_ends(numbers):
    assert _numbers({"StartSelectorType": "EARLIEST"}) == numbers


def test_now_answers_the_newest_chunk(numbers):
    assert _numbers({"StartSelectorType": "NOW"}) == numbers[-1:]


def test_fragment_number_starts_after_it(numbers):
    selector = {"StartSelectorType": "FRAGMENT_NUMBER", "AfterFragmentNumber": numbers[1]}
    assert _numbers(selector) == numbers[2:]


@pytest.mark.parametrize(
    ("at", "first"),
    [(T0 - 7, 1), (T0 - 8, 1), (T0 - 100, 0), (T0 - 0.5, 4), (T0 + 1, 5)],
)
def test_server_timestamp_starts_with_the_chunk_containing_it(numbers, at, first):
    start = datetime.fromtimestamp(at, timezone.utc)
    selector = {"StartSelectorType": "SERVER_TIMESTAMP", "StartTimestamp": start}
    assert _numbers(selector) == numbers[first:]


def test_producer_timestamp_starts_with_the_chunk_containing_it(numbers):
    selector = {"StartSelectorType": "PRODUCER_TIMESTAMP", "StartTimestamp": 5005.5}
    assert _numbers(selector) == numbers[2:]


def test_continuation_token_resumes_after_the_chunk_that_carried_it(numbers):
    out = media().get_media(StreamName="cam", StartSelector={"StartSelectorType": "EARLIEST"})
    tags = [c["tags"] for c in chunks(out["Payload"].read())]
    assert [t["AWS_KINESISVIDEO_MILLIS_BEHIND_NOW"] for t in tags] == [
        "8000", "6000", "4000", "2000", "0",
    ]  # fmt: skip
    token = tags[2]["AWS_KINESISVIDEO_CONTINUATION_TOKEN"]
    selector = {"StartSelectorType": "CONTINUATION_TOKEN", "ContinuationToken": token}
    assert _numbers(selector) == numbers[3:]


def test_each_chunk_has_the_video_as_track_1(numbers):
    out = media().get_media(StreamName="cam", StartSelector={"StartSelectorType": "NOW"})
    (chunk,) = chunks(out["Payload"].read())
    assert (chunk["track"], chunk["codec"], chunk["size"]) == (1, "V_MPEG4/ISO/AVC", (1280, 720))


@pytest.mark.parametrize(
    ("fault", "private"),
    [
        (None, mkv.CODEC_PRIVATE["V_MPEG4/ISO/AVC"]),
        ("missing_codec_private_data", None),
        ("invalid_codec_private_data", b"\x00\x00"),
    ],
)
def test_a_media_fault_is_in_the_media_itself(kvs_fake, fault, private):
    make_stream()
    kvs_fake.put_media("cam", duration=2, fault=fault)
    out = media().get_media(StreamName="cam", StartSelector={"StartSelectorType": "NOW"})
    (chunk,) = chunks(out["Payload"].read())
    assert chunk["private"] == private


def test_an_empty_stream_answers_an_empty_payload(kvs_fake):
    make_stream()
    assert _numbers({"StartSelectorType": "EARLIEST"}) == []


@pytest.mark.parametrize(
    ("kind", "member"),
    [
        ("FRAGMENT_NUMBER", "AfterFragmentNumber"),
        ("SERVER_TIMESTAMP", "StartTimestamp"),
        ("PRODUCER_TIMESTAMP", "StartTimestamp"),
        ("CONTINUATION_TOKEN", "ContinuationToken"),
    ],
)
def test_a_selector_without_its_member(numbers, kind, member):
    with pytest.raises(ClientError) as caught:
        media().get_media(StreamName="cam", StartSelector={"StartSelectorType": kind})
    assert _error(caught) == (
        "InvalidArgumentException",
        f"StartSelector {member} is required for StartSelectorType {kind}.",
        400,
    )


def test_a_start_timestamp_outside_retention(kvs_fake):
    make_stream(retention=1)
    selector = {"StartSelectorType": "SERVER_TIMESTAMP", "StartTimestamp": T0 - 3601}
    with pytest.raises(ClientError) as caught:
        media().get_media(StreamName="cam", StartSelector=selector)
    assert _error(caught) == (
        "InvalidArgumentException",
        f"Start timestamp {int((T0 - 3601) * 1000)} is outside of the stream retention period.",
        400,
    )


def test_an_unknown_stream(kvs_fake):
    make_stream()
    with pytest.raises(ClientError) as caught:
        media().get_media(StreamName="gone", StartSelector={"StartSelectorType": "NOW"})
    assert _error(caught) == (
        "ResourceNotFoundException",
        "The requested stream is not found or not active.",
        404,
    )


def test_the_put_media_endpoint_is_invalid_for_get_media(numbers):
    client = media(api="PUT_MEDIA")
    url = client.meta.endpoint_url
    assert url.startswith("https://s-")
    with pytest.raises(ClientError) as caught:
        client.get_media(StreamName="cam", StartSelector={"StartSelectorType": "NOW"})
    assert _error(caught) == (
        "InvalidEndpointException",
        f"{url} is not the GET_MEDIA endpoint of stream cam. Call GetDataEndpoint with APIName "
        "GET_MEDIA and send GetMedia to the endpoint it returns.",
        400,
    )


def test_a_data_endpoint_the_fake_did_not_issue_is_invalid(numbers):
    url = f"https://b-00000000.kinesisvideo.{REGION}.amazonaws.com"
    client = boto3.client("kinesis-video-media", region_name=REGION, endpoint_url=url)
    with pytest.raises(ClientError) as caught:
        client.get_media(StreamName="cam", StartSelector={"StartSelectorType": "NOW"})
    assert _error(caught)[0] == "InvalidEndpointException"


def test_another_streams_endpoint_is_invalid(numbers):
    make_stream("other")
    client = media(stream="other")
    with pytest.raises(ClientError) as caught:
        client.get_media(StreamName="cam", StartSelector={"StartSelectorType": "NOW"})
    assert _error(caught)[0] == "InvalidEndpointException"


@pytest.mark.parametrize(
    "endpoint_url", [None, "http://localhost:4566", "https://b-12345678.example.invalid"]
)
def test_other_hosts_and_no_endpoint_url_are_served_never_sent(numbers, endpoint_url):
    client = boto3.client("kinesis-video-media", region_name=REGION, endpoint_url=endpoint_url)
    client.meta.events.register("before-send", _never_sent)
    assert _numbers({"StartSelectorType": "NOW"}, client) == numbers[-1:]


def _never_sent(**kwargs: object) -> None:
    raise AssertionError("the request reached the transport")


def test_every_read_endpoint_of_the_stream_serves_get_media(numbers):
    # GetDataEndpoint issues one read endpoint per stream for all its read APIs.
    assert _numbers({"StartSelectorType": "NOW"}, media(api="LIST_FRAGMENTS")) == numbers[-1:]


def test_the_call_log_keeps_the_payload_bytes(kvs_fake, numbers):
    out = media().get_media(StreamName="cam", StartSelector={"StartSelectorType": "NOW"})
    payload = out["Payload"].read()
    assert kvs_fake.calls.last.response == {"ContentType": "video/webm", "Payload": payload}
