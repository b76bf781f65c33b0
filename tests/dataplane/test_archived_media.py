"""kinesis-video-archived-media: ListFragments and GetMediaForFragmentList, black-box through
boto3 clients created on the endpoint GetDataEndpoint issues."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from botocore.exceptions import ClientError
from botocore.response import StreamingBody
from freezegun import freeze_time
from media_support import T0, archived, chunks, make_stream

pytestmark = [pytest.mark.kvs_fake(instant=True), pytest.mark.usefixtures("frozen")]


@pytest.fixture
def frozen():
    with freeze_time("2024-05-01T00:00:00Z"):
        yield


def _at(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, timezone.utc)


def _selector(kind: str, start: float, end: float) -> dict:
    return {
        "FragmentSelectorType": kind,
        "TimestampRange": {"StartTimestamp": _at(start), "EndTimestamp": _at(end)},
    }


def _error(caught: pytest.ExceptionInfo[ClientError]) -> tuple[str, str, int]:
    response = caught.value.response
    return (
        response["Error"]["Code"],
        response["Error"]["Message"],
        response["ResponseMetadata"]["HTTPStatusCode"],
    )


def test_server_timestamp_range_is_inclusive_of_fragment_starts(kvs_fake):
    make_stream()
    numbers = kvs_fake.put_media("cam", duration=8)  # starts T0-8, -6, -4, -2
    got = archived().list_fragments(
        StreamName="cam", FragmentSelector=_selector("SERVER_TIMESTAMP", T0 - 7, T0 - 4)
    )
    assert [f["FragmentNumber"] for f in got["Fragments"]] == numbers[1:3]
    assert "NextToken" not in got


def test_producer_timestamp_range(kvs_fake):
    make_stream()
    kvs_fake.put_media("cam", duration=4, start=T0 - 100, producer_start=1000.0)
    newer = kvs_fake.put_media("cam", duration=4, producer_start=500.0)  # a restarted clock
    got = archived().list_fragments(
        StreamName="cam", FragmentSelector=_selector("PRODUCER_TIMESTAMP", 500, 502)
    )
    assert [f["FragmentNumber"] for f in got["Fragments"]] == newer


def test_pages_with_max_results_and_next_token(kvs_fake):
    make_stream()
    numbers = kvs_fake.put_media("cam", duration=20)
    client = archived()
    selector = _selector("SERVER_TIMESTAMP", T0 - 3600, T0)
    seen, token, pages = [], None, 0
    while True:
        kwargs = {"NextToken": token} if token else {}
        page = client.list_fragments(
            StreamName="cam", MaxResults=3, FragmentSelector=selector, **kwargs
        )
        seen += [f["FragmentNumber"] for f in page["Fragments"]]
        pages += 1
        token = page.get("NextToken")
        if token is None:
            break
    assert (seen, pages) == (numbers, 4)


def test_botocores_paginator_and_a_token_without_the_selector(kvs_fake):
    make_stream()
    numbers = kvs_fake.put_media("cam", duration=10)
    client = archived()
    paginator = client.get_paginator("list_fragments")
    pages = paginator.paginate(
        StreamName="cam",
        FragmentSelector=_selector("PRODUCER_TIMESTAMP", 0, T0),
        PaginationConfig={"PageSize": 2},
    )
    assert [f["FragmentNumber"] for p in pages for f in p["Fragments"]] == numbers
    first = client.list_fragments(StreamName="cam", MaxResults=4)
    rest = client.list_fragments(StreamName="cam", NextToken=first["NextToken"])
    assert [f["FragmentNumber"] for f in first["Fragments"] + rest["Fragments"]] == numbers


def test_a_token_for_another_selector_or_stream_is_invalid(kvs_fake):
    make_stream()
    make_stream("other")
    kvs_fake.put_media("cam", duration=10)
    client = archived()
    token = client.list_fragments(StreamName="cam", MaxResults=1)["NextToken"]
    for on, kwargs in (
        (archived("other"), {"StreamName": "other"}),
        (client, {"StreamName": "cam", "FragmentSelector": _selector("SERVER_TIMESTAMP", 0, T0)}),
    ):
        with pytest.raises(ClientError) as caught:
            on.list_fragments(NextToken=token, **kwargs)
        assert _error(caught) == (
            "InvalidArgumentException",
            f"The NextToken {token!r} is not valid for this request.",
            400,
        )


def test_end_timestamp_outside_retention_in_the_services_words(kvs_fake):
    make_stream(retention=1)
    with pytest.raises(ClientError) as caught:
        archived().list_fragments(
            StreamName="cam", FragmentSelector=_selector("SERVER_TIMESTAMP", 0, T0 - 7200)
        )
    assert _error(caught) == (
        "InvalidArgumentException",
        f"End timestamp {int((T0 - 7200) * 1000)} is outside of the stream retention period.",
        400,
    )


def test_start_after_end_is_invalid(kvs_fake):
    make_stream()
    with pytest.raises(ClientError) as caught:
        archived().list_fragments(
            StreamName="cam", FragmentSelector=_selector("SERVER_TIMESTAMP", T0, T0 - 1)
        )
    assert _error(caught)[0] == "InvalidArgumentException"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"StreamName": "nope"},
        {"StreamARN": "arn:aws:kinesisvideo:us-west-2:123456789012:stream/nope/1714521600000"},
    ],
)
def test_unknown_stream_is_resource_not_found(kvs_fake, kwargs):
    make_stream()
    with pytest.raises(ClientError) as caught:
        archived().list_fragments(**kwargs)
    assert _error(caught) == (
        "ResourceNotFoundException",
        "The requested stream is not found or not active.",
        404,
    )


def test_stream_by_arn_and_exactly_one_identifier(kvs_fake):
    arn = make_stream()
    numbers = kvs_fake.put_media("cam", duration=2)
    client = archived()
    assert [f["FragmentNumber"] for f in client.list_fragments(StreamARN=arn)["Fragments"]] == (
        numbers
    )
    with pytest.raises(ClientError) as caught:
        client.list_fragments()
    assert _error(caught) == (
        "InvalidArgumentException",
        "Specify either StreamName or StreamARN.",
        400,
    )


def test_model_validation_uses_invalid_argument(kvs_fake):
    make_stream()
    with pytest.raises(ClientError) as caught:
        archived().list_fragments(StreamName="cam", MaxResults=1001)
    assert _error(caught) == (
        "InvalidArgumentException",
        "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy "
        "constraint: Member must have value less than or equal to 1000",
        400,
    )


def test_get_media_for_fragment_list_in_the_order_listed(kvs_fake):
    make_stream()
    numbers = kvs_fake.put_media("cam", duration=6, producer_start=1000.0)
    out = archived(api="GET_MEDIA_FOR_FRAGMENT_LIST").get_media_for_fragment_list(
        StreamName="cam", Fragments=[numbers[2], numbers[0]]
    )
    assert out["ContentType"] == "video/webm"
    assert isinstance(out["Payload"], StreamingBody)
    assert out["ResponseMetadata"]["HTTPHeaders"]["content-type"] == "video/webm"
    parsed = chunks(out["Payload"].read())
    assert [c["tags"] for c in parsed] == [
        {
            "AWS_KINESISVIDEO_FRAGMENT_NUMBER": numbers[2],
            "AWS_KINESISVIDEO_SERVER_TIMESTAMP": f"{int(T0) - 2}.000",
            "AWS_KINESISVIDEO_PRODUCER_TIMESTAMP": "1004.000",
        },
        {
            "AWS_KINESISVIDEO_FRAGMENT_NUMBER": numbers[0],
            "AWS_KINESISVIDEO_SERVER_TIMESTAMP": f"{int(T0) - 6}.000",
            "AWS_KINESISVIDEO_PRODUCER_TIMESTAMP": "1000.000",
        },
    ]
    record = kvs_fake.calls.last
    assert record.operation == "GetMediaForFragmentList"
    assert isinstance(record.response["Payload"], bytes)


def test_get_media_for_an_unknown_fragment(kvs_fake):
    make_stream()
    kvs_fake.put_media("cam", duration=2)
    missing = "9" * 47
    with pytest.raises(ClientError) as caught:
        archived().get_media_for_fragment_list(StreamName="cam", Fragments=[missing])
    assert _error(caught) == (
        "ResourceNotFoundException",
        f"Stream cam has no fragment {missing} (ListFragments lists the fragments it keeps).",
        404,
    )


def test_clients_without_endpoint_url_are_served(kvs_fake, make_client):
    make_stream()
    numbers = kvs_fake.put_media("cam", duration=2)
    client = make_client("kinesis-video-archived-media", region="us-west-2")
    assert [f["FragmentNumber"] for f in client.list_fragments(StreamName="cam")["Fragments"]] == (
        numbers
    )


@pytest.mark.parametrize(
    ("call", "api", "operation"),
    [
        (lambda c: c.list_fragments(StreamName="cam"), "LIST_FRAGMENTS", "ListFragments"),
        (
            lambda c: c.get_media_for_fragment_list(StreamName="cam", Fragments=["1"]),
            "GET_MEDIA_FOR_FRAGMENT_LIST",
            "GetMediaForFragmentList",
        ),
    ],
)
def test_the_put_media_endpoint_is_refused(kvs_fake, call, api, operation):
    make_stream()
    client = archived(api="PUT_MEDIA")
    with pytest.raises(ClientError) as caught:
        call(client)
    assert _error(caught) == (
        "InvalidArgumentException",
        f"{client.meta.endpoint_url} is not the {api} endpoint of stream cam. Call "
        f"GetDataEndpoint with APIName {api} and send {operation} to the endpoint it returns.",
        400,
    )
