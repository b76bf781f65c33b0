"""kvs_fake.put_media: the simulated producer, and the fragments as KVS keeps them."""

from __future__ import annotations

from datetime import datetime, timezone

import boto3
import pytest
from freezegun import freeze_time
from media_support import ACCOUNT, REGION, T0, archived, chunks, make_stream, media

from pytest_kvsivs.services.media import mkv

pytestmark = [pytest.mark.kvs_fake(instant=True), pytest.mark.usefixtures("frozen")]


@pytest.fixture
def frozen():
    with freeze_time("2024-05-01T00:00:00Z"):
        yield


def _listed(stream: str = "cam") -> list[dict]:
    return archived(stream).list_fragments(StreamName=stream)["Fragments"]


def test_fragments_cover_the_duration_ending_now(kvs_fake):
    make_stream()
    numbers = kvs_fake.put_media("cam", duration=10, fragment_duration=2)
    assert len(numbers) == 5
    assert all(len(n) == 47 and n.isdigit() for n in numbers)
    assert numbers == sorted(numbers)
    assert len(set(numbers)) == 5
    fragments = _listed()
    assert [f["FragmentNumber"] for f in fragments] == numbers
    starts = [f["ServerTimestamp"].timestamp() for f in fragments]
    assert starts == [T0 - 10, T0 - 8, T0 - 6, T0 - 4, T0 - 2]
    assert [f["ProducerTimestamp"].timestamp() for f in fragments] == starts
    assert {f["FragmentLengthInMilliseconds"] for f in fragments} == {2000}
    sizes = [f["FragmentSizeInBytes"] for f in fragments]
    assert sizes == [len(mkv.fragment(int(s * 1000), 1280, 720)) for s in starts]


def test_fragment_numbers_have_the_real_prefix_and_digit_count(kvs_fake):
    make_stream()
    numbers = kvs_fake.put_media("cam", duration=4)
    # a real one (reference 1.5): 91343852333181481915235394203149336554319348843
    assert [(len(n), n[:14]) for n in numbers] == [(47, "91343852333181")] * 2


def test_a_last_shorter_fragment_when_the_duration_does_not_divide(kvs_fake):
    make_stream()
    kvs_fake.put_media("cam", duration=5, fragment_duration=2)
    assert [f["FragmentLengthInMilliseconds"] for f in _listed()] == [2000, 2000, 1000]


def test_start_and_producer_start(kvs_fake):
    make_stream()
    producer = datetime(2020, 1, 1, tzinfo=timezone.utc)
    kvs_fake.put_media("cam", duration=4, start=T0 - 100, producer_start=producer)
    fragments = _listed()
    assert [f["ServerTimestamp"].timestamp() for f in fragments] == [T0 - 100, T0 - 98]
    assert [f["ProducerTimestamp"] for f in fragments] == [
        producer,
        datetime(2020, 1, 1, 0, 0, 2, tzinfo=timezone.utc),
    ]


def test_width_and_height_are_the_video_track(kvs_fake):
    make_stream()
    numbers = kvs_fake.put_media("cam", duration=2, width=640, height=360)
    out = archived(api="GET_MEDIA_FOR_FRAGMENT_LIST").get_media_for_fragment_list(
        StreamName="cam", Fragments=numbers
    )
    (chunk,) = chunks(out["Payload"].read())
    assert (chunk["size"], chunk["codec"], chunk["blocks"]) == ((640, 360), "V_MPEG4/ISO/AVC", 1)
    assert chunk["timecode"] == int((T0 - 2) * 1000)


def test_the_callers_own_fragments(kvs_fake):
    make_stream()
    own = [mkv.fragment(1000, 320, 240), mkv.fragment(3000, 320, 240)]
    numbers = kvs_fake.put_media("cam", fragments=own, fragment_duration=1.5)
    fragments = _listed()
    assert [f["FragmentSizeInBytes"] for f in fragments] == [len(b) for b in own]
    assert [f["FragmentLengthInMilliseconds"] for f in fragments] == [1500, 1500]
    assert fragments[-1]["ServerTimestamp"].timestamp() == T0 - 1.5
    payload = media().get_media(StreamName="cam", StartSelector={"StartSelectorType": "EARLIEST"})
    parsed = chunks(payload["Payload"].read())
    assert [c["size"] for c in parsed] == [(320, 240), (320, 240)]
    assert [c["tags"]["AWS_KINESISVIDEO_FRAGMENT_NUMBER"] for c in parsed] == numbers


def test_fragments_numbers_keep_increasing_across_sessions(kvs_fake):
    make_stream()
    first = kvs_fake.put_media("cam", duration=2, start=T0 - 60)
    second = kvs_fake.put_media("cam", duration=2)
    assert first[-1] < second[0]


def test_retention_keeps_them_for_the_streams_hours_on_the_fake_clock(kvs_fake):
    make_stream(retention=1)
    kvs_fake.put_media("cam", duration=4)
    kvs_fake.advance(3600 - 3)  # the first (T0 - 4) is past its hour, the second (T0 - 2) not
    assert [f["ServerTimestamp"].timestamp() for f in _listed()] == [T0 - 2]
    kvs_fake.advance(1)
    assert _listed() == []


def test_retention_zero_keeps_nothing_but_numbers_are_minted(kvs_fake):
    make_stream(retention=0)
    assert len(kvs_fake.put_media("cam", duration=4)) == 2
    assert _listed() == []


def test_a_recreated_stream_starts_empty(kvs_fake):
    arn = make_stream()
    kvs_fake.put_media("cam", duration=2)
    kvs = boto3.client("kinesisvideo", region_name=REGION)
    kvs.delete_stream(StreamARN=arn)
    kvs_fake.settle()
    make_stream()
    assert _listed() == []


def test_by_arn(kvs_fake):
    arn = make_stream()
    assert kvs_fake.put_media(arn, duration=2) == [f["FragmentNumber"] for f in _listed()]


@pytest.mark.parametrize(
    ("stream", "kwargs", "message"),
    [
        ("nope", {}, f"put_media: account {ACCOUNT} has no stream named nope in any region"),
        (
            "cam",
            {"region": "eu-west-1"},
            "put_media: there is no stream cam in eu-west-1 (streams there: none)",
        ),
        (
            "cam",
            {"duration": 0},
            "put_media: duration and fragment_duration must be above 0 seconds; got 0 and 2.0",
        ),
        (
            "cam",
            {"start": T0 - 1},
            f"put_media: the fragments would end at {int(T0 * 1000) + 9000} ms, after the "
            f"fake's now ({int(T0 * 1000)} ms): server timestamps are when fragments arrived",
        ),
        (
            "cam",
            {"fragments": ["text"]},
            "put_media: fragments[0] is str, not bytes of Matroska",
        ),
        (
            "cam",
            {"fragments": [b"not matroska"]},
            "put_media: fragments[0] is not a Matroska fragment: it does not start with an EBML "
            "header (bytes 1A 45 DF A3)",
        ),
    ],
)
def test_refused_with_what_was_received_and_what_is_possible(kvs_fake, stream, kwargs, message):
    make_stream()
    with pytest.raises(ValueError, match=r"^put_media: ") as caught:
        kvs_fake.put_media(stream, **kwargs)
    assert (
        str(caught.value) == f"{message} (see the pytest-kvsivs README, 'The fixture and KvsFake')"
    )


@pytest.mark.kvs_fake(instant=False)
def test_refused_while_creating(kvs_fake):
    make_stream()
    with pytest.raises(ValueError, match="is CREATING") as caught:
        kvs_fake.put_media("cam")
    assert str(caught.value) == (
        "put_media: stream cam is CREATING; a producer can only send media to an ACTIVE stream "
        "(settle() or advance() the fake first) (see the pytest-kvsivs README, 'The fixture and "
        "KvsFake')"
    )


def test_a_name_in_two_regions_needs_a_region(kvs_fake):
    make_stream()
    boto3.client("kinesisvideo", region_name="eu-west-1").create_stream(StreamName="cam")
    with pytest.raises(ValueError, match="has streams named cam in eu-west-1, us-west-2; pass"):
        kvs_fake.put_media("cam")
    assert len(kvs_fake.put_media("cam", region=REGION, duration=2)) == 1


def test_an_arn_of_another_account_is_refused(kvs_fake):
    make_stream()
    other = f"arn:aws:kinesisvideo:{REGION}:111122223333:stream/cam/1714521600000"
    with pytest.raises(ValueError, match="is not a stream of account 123456789012"):
        kvs_fake.put_media(other)


def test_start_before_the_newest_fragment_ends_is_refused(kvs_fake):
    make_stream()
    kvs_fake.put_media("cam", duration=4)
    with pytest.raises(ValueError, match="server timestamps only move forward"):
        kvs_fake.put_media("cam", duration=2, start=T0 - 3)
