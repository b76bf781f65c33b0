"""kinesis-video-archived-media GetClip, black-box through a boto3 client created on the
endpoint GetDataEndpoint issues for GET_CLIP; every clip is read with a real MP4 box parser
(pymp4), not with the writer that made it."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest
from botocore.exceptions import ClientError
from freezegun import freeze_time
from media_support import T0, archived, make_stream
from pymp4.parser import AVC1SampleEntryBox, Box

pytestmark = [pytest.mark.kvs_fake(instant=True), pytest.mark.usefixtures("frozen")]


@pytest.fixture
def frozen():
    with freeze_time("2024-05-01T00:00:00Z"):
        yield


def _selector(start: float, end: float, kind: str = "SERVER_TIMESTAMP") -> dict[str, Any]:
    at = [datetime.fromtimestamp(t, timezone.utc) for t in (start, end)]
    return {
        "FragmentSelectorType": kind,
        "TimestampRange": {"StartTimestamp": at[0], "EndTimestamp": at[1]},
    }


def _clip(start: float, end: float, kind: str = "SERVER_TIMESTAMP") -> dict[str, Any]:
    return archived(api="GET_CLIP").get_clip(
        StreamName="cam", ClipFragmentSelector=_selector(start, end, kind)
    )


def _boxes(data: bytes) -> list[Any]:
    boxes, at = [], 0
    while at < len(data):
        parsed = Box.parse(data[at:])
        boxes.append(parsed)
        at += parsed.end if "end" in parsed else Box.sizeof_parsed(parsed)
    return boxes


def _find(box: Any, path: list[bytes]) -> Any:
    for child in box.children:
        if child.type == path[0]:
            return child if len(path) == 1 else _find(child, path[1:])
    raise AssertionError(f"no {path[0]!r} in {box.type!r}")


def _error(caught: pytest.ExceptionInfo[ClientError]) -> tuple[str, int]:
    response = caught.value.response
    return response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"]


def test_a_clip_is_an_mp4_of_the_fragments_in_the_range(kvs_fake):
    make_stream()
    kvs_fake.put_media("cam", duration=10, width=640, height=360)  # starts T0-10, ..., T0-2
    out = _clip(T0 - 8, T0 - 4)  # three fragment starts: T0-8, -6, -4
    assert out["ContentType"] == "video/mp4"
    ftyp, moov, mdat = _boxes(out["Payload"].read())
    assert (ftyp.type, moov.type, mdat.type) == (b"ftyp", b"moov", b"mdat")
    assert ftyp.major_brand == b"isom"
    assert _find(moov, [b"mvhd"]).timescale == 1000
    assert _find(moov, [b"mvhd"]).duration == 6000
    tkhd = _find(moov, [b"trak", b"tkhd"])
    assert (tkhd.width >> 16, tkhd.height >> 16) == (640, 360)
    stbl = _find(moov, [b"trak", b"mdia", b"minf", b"stbl"])
    assert _find(moov, [b"trak", b"mdia", b"hdlr"]).handler_type == b"vide"
    (entry,) = _find(stbl, [b"stsd"]).entries
    assert (entry.format, entry.width, entry.height) == (b"avc1", 640, 360)
    assert entry.avc_data.type == b"avcC"
    assert entry.avc_data.profile == 66
    sizes = _find(stbl, [b"stsz"]).entry_sizes
    assert len(sizes) == 3
    assert sum(sizes) == len(mdat.data)
    (chunk,) = _find(stbl, [b"stco"]).entries
    assert chunk.chunk_offset == ftyp.end + moov.end + 8  # the samples are in mdat
    assert [(e.sample_count, e.sample_delta) for e in _find(stbl, [b"stts"]).entries] == [(3, 2000)]


def test_hevc_fragments_make_an_hvc1_track(kvs_fake):
    make_stream()
    kvs_fake.put_media("cam", duration=4, codec="V_MPEGH/ISO/HEVC")
    _, moov, _ = _boxes(_clip(T0 - 4, T0).get("Payload").read())
    stbl = _find(moov, [b"trak", b"mdia", b"minf", b"stbl"])
    (entry,) = _find(stbl, [b"stsd"]).entries
    assert entry.format == b"hvc1"  # pymp4 reads the visual sample entry of avc1 only:
    visual = AVC1SampleEntryBox.parse(entry.data)  # the same layout, with an hvcC box
    assert (visual.width, visual.avc_data.type, visual.avc_data.general_level) == (
        1280,
        b"hvcC",
        90,
    )


def test_producer_timestamp_range(kvs_fake):
    make_stream()
    kvs_fake.put_media("cam", duration=6, producer_start=1000.0)
    _, moov, _ = _boxes(_clip(1002, 1004, "PRODUCER_TIMESTAMP")["Payload"].read())
    stbl = _find(moov, [b"trak", b"mdia", b"minf", b"stbl"])
    assert len(_find(stbl, [b"stsz"]).entry_sizes) == 2


def test_at_most_200_fragments(kvs_fake):
    make_stream()
    kvs_fake.put_media("cam", duration=250, fragment_duration=1)
    _, moov, _ = _boxes(_clip(T0 - 250, T0 - 1)["Payload"].read())
    stbl = _find(moov, [b"trak", b"mdia", b"minf", b"stbl"])
    assert len(_find(stbl, [b"stsz"]).entry_sizes) == 200
    assert _find(moov, [b"mvhd"]).duration == 200_000


def test_no_fragment_in_range_is_resource_not_found(kvs_fake):
    make_stream()
    kvs_fake.put_media("cam", duration=4)
    with pytest.raises(ClientError) as caught:
        _clip(T0 - 100, T0 - 50)
    assert _error(caught) == ("ResourceNotFoundException", 404)
    assert "no fragment in the requested time range" in caught.value.response["Error"]["Message"]


def test_no_data_retention(kvs_fake):
    make_stream(retention=0)
    kvs_fake.put_media("cam", duration=4)
    with pytest.raises(ClientError) as caught:
        _clip(T0 - 4, T0)
    assert _error(caught) == ("NoDataRetentionException", 400)


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (T0 - 4, T0 - 4, "End timestamp 1714521596000 must be later than the start timestamp"),
        (T0 - 90_000, T0 - 1, "is more than 24 hours after the start timestamp"),
        (T0 - 4, T0 + 60, "End timestamp 1714521660000 is in the future."),
    ],
)
def test_ranges_the_model_docs_refuse(kvs_fake, start, end, message):
    make_stream(retention=48)
    kvs_fake.put_media("cam", duration=4)
    with pytest.raises(ClientError) as caught:
        _clip(start, end)
    assert _error(caught) == ("InvalidArgumentException", 400)
    assert message in caught.value.response["Error"]["Message"]


def test_an_end_before_retention_is_outside_it(kvs_fake):
    make_stream(retention=1)
    with pytest.raises(ClientError) as caught:
        _clip(T0 - 7300, T0 - 7200)
    assert caught.value.response["Error"]["Message"] == (
        "End timestamp 1714514400000 is outside of the stream retention period."
    )


@pytest.mark.parametrize(
    ("codec", "fault", "code"),
    [
        ("V_VP8", None, "UnsupportedStreamMediaTypeException"),
        ("A_AAC", None, "UnsupportedStreamMediaTypeException"),
        ("V_MPEG4/ISO/AVC", "missing_codec_private_data", "MissingCodecPrivateDataException"),
        ("V_MPEG4/ISO/AVC", "invalid_codec_private_data", "InvalidCodecPrivateDataException"),
        ("V_MPEG4/ISO/AVC", "invalid_media_frames", "InvalidMediaFrameException"),
    ],
)
def test_media_the_clip_cannot_package(kvs_fake, codec, fault, code):
    make_stream()
    kvs_fake.put_media("cam", duration=4, codec=codec, fault=fault)
    with pytest.raises(ClientError) as caught:
        _clip(T0 - 4, T0)
    assert _error(caught) == (code, 400)


def test_the_fault_is_in_the_media_the_producer_sent(kvs_fake):
    make_stream()
    kvs_fake.put_media("cam", duration=2, codec="V_VP8", fault="missing_codec_private_data")
    got = archived(api="GET_MEDIA_FOR_FRAGMENT_LIST")
    number = archived().list_fragments(StreamName="cam")["Fragments"][0]["FragmentNumber"]
    media = got.get_media_for_fragment_list(StreamName="cam", Fragments=[number])["Payload"].read()
    assert b"V_VP8" in media
    assert b"\x63\xa2" not in media


def test_an_unknown_fault_is_refused_with_the_list(kvs_fake):
    make_stream()
    with pytest.raises(ValueError, match="fault='bad' is not one of missing_codec_private_data"):
        kvs_fake.put_media("cam", fault="bad")


def test_another_apis_endpoint_is_refused(kvs_fake):
    make_stream()
    kvs_fake.put_media("cam", duration=4)
    client = archived(api="PUT_MEDIA")
    with pytest.raises(ClientError) as caught:
        client.get_clip(StreamName="cam", ClipFragmentSelector=_selector(T0 - 4, T0))
    assert _error(caught) == ("InvalidArgumentException", 400)
    assert "Call GetDataEndpoint with APIName GET_CLIP" in caught.value.response["Error"]["Message"]
