"""GetImages, black-box through a boto3 client on the GET_IMAGES endpoint; the images are
opened with Pillow (a real decoder). Also the package's own PNG and JPEG writers."""

from __future__ import annotations

import base64
import io
import struct
from datetime import datetime, timezone

import pytest
from botocore.exceptions import ClientError
from freezegun import freeze_time
from media_support import T0, archived, make_stream
from PIL import Image

from pytest_kvsivs.model import ARCHIVED_MEDIA, service_model
from pytest_kvsivs.services.archived_media import jpeg, png
from pytest_kvsivs.services.media import mkv

pytestmark = [pytest.mark.kvs_fake(instant=True), pytest.mark.usefixtures("frozen")]


@pytest.fixture
def frozen():
    with freeze_time("2024-05-01T00:00:00Z"):
        yield


def _at(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, timezone.utc)


def _images(stream: str = "cam", **kwargs):
    request = {
        "StreamName": stream,
        "ImageSelectorType": "SERVER_TIMESTAMP",
        "Format": "JPEG",
        **kwargs,
    }
    return archived(stream, "GET_IMAGES").get_images(**request)


def _open(image: dict) -> Image.Image:
    opened = Image.open(io.BytesIO(base64.b64decode(image["ImageContent"])))
    opened.load()
    return opened


def _code(caught: pytest.ExceptionInfo[ClientError]) -> str:
    return str(caught.value.response["Error"]["Code"])


def test_an_image_every_interval_and_no_media_where_nothing_was_ingested(kvs_fake):
    make_stream()
    kvs_fake.put_media("cam", duration=4, width=640, height=360)  # T0-4 .. T0
    got = _images(StartTimestamp=_at(T0 - 5), EndTimestamp=_at(T0 - 2), SamplingInterval=1000)[
        "Images"
    ]
    assert [image["TimeStamp"] for image in got] == [_at(T0 - s) for s in (5, 4, 3, 2)]
    assert got[0] == {"TimeStamp": _at(T0 - 5), "Error": "NO_MEDIA"}
    assert all("Error" not in image for image in got[1:])
    assert {_open(image).size for image in got[1:]} == {(640, 360)}
    assert {_open(image).format for image in got[1:]} == {"JPEG"}


def test_one_fragment_one_picture_another_fragment_another(kvs_fake):
    make_stream()
    kvs_fake.put_media("cam", duration=4)
    got = _images(StartTimestamp=_at(T0 - 4), EndTimestamp=_at(T0 - 1), SamplingInterval=1000)
    colours = [_open(image).getpixel((0, 0)) for image in got["Images"]]
    assert colours[0] == colours[1] != colours[2] == colours[3]


def test_png_stretched_to_the_size_asked(kvs_fake):
    make_stream()
    kvs_fake.put_media("cam", duration=2)
    got = _images(
        StartTimestamp=_at(T0 - 1),
        EndTimestamp=_at(T0 - 1),
        Format="PNG",
        WidthPixels=100,
        HeightPixels=100,
    )["Images"]
    (image,) = got
    assert (_open(image).format, _open(image).size) == ("PNG", (100, 100))


def test_height_only_keeps_the_aspect_ratio(kvs_fake):
    make_stream()
    kvs_fake.put_media("cam", duration=2, width=1280, height=720)
    (image,) = _images(StartTimestamp=_at(T0 - 1), EndTimestamp=_at(T0), HeightPixels=90)["Images"]
    assert _open(image).size == (160, 90)


def test_width_only_is_refused(kvs_fake):
    make_stream()
    with pytest.raises(ClientError) as caught:
        _images(StartTimestamp=_at(T0 - 1), EndTimestamp=_at(T0), WidthPixels=90)
    assert _code(caught) == "InvalidArgumentException"


@pytest.mark.parametrize(("given", "step"), [(None, 6), ("1", 255), ("100", 1)])
def test_jpeg_quality_scales_the_quantization_tables(kvs_fake, given, step):
    make_stream()
    kvs_fake.put_media("cam", duration=2)
    config = {} if given is None else {"FormatConfig": {"JPEGQuality": given}}
    (image,) = _images(StartTimestamp=_at(T0 - 1), EndTimestamp=_at(T0), **config)["Images"]
    assert _open(image).quantization[0][0] == step  # 16 scaled: default 80 -> 6


def test_pages_hold_25_images_whatever_max_results_says(kvs_fake):
    make_stream()
    kvs_fake.put_media("cam", duration=60)
    window = {"StartTimestamp": _at(T0 - 60), "EndTimestamp": _at(T0 - 50.2)}
    seen, token, sizes = [], None, []
    while True:
        extra = {"NextToken": token} if token else {}
        page = _images(SamplingInterval=200, MaxResults=100, Format="PNG", **window, **extra)
        sizes.append(len(page["Images"]))
        seen += page["Images"]
        token = page.get("NextToken")
        if token is None:
            break
    assert sizes == [25, 25]
    assert len({image["TimeStamp"] for image in seen}) == 50
    small = _images(SamplingInterval=200, MaxResults=3, **window)
    assert len(small["Images"]) == 3
    assert "NextToken" in small


def test_a_token_of_another_range_is_refused(kvs_fake):
    make_stream()
    kvs_fake.put_media("cam", duration=20)
    first = _images(
        StartTimestamp=_at(T0 - 20), EndTimestamp=_at(T0), SamplingInterval=200, MaxResults=1
    )
    with pytest.raises(ClientError) as caught:
        _images(
            StartTimestamp=_at(T0 - 19),
            EndTimestamp=_at(T0),
            SamplingInterval=200,
            NextToken=first["NextToken"],
        )
    assert _code(caught) == "InvalidArgumentException"


def test_producer_timestamps(kvs_fake):
    make_stream()
    kvs_fake.put_media("cam", duration=4, producer_start=1000.0)
    got = _images(
        ImageSelectorType="PRODUCER_TIMESTAMP",
        StartTimestamp=_at(999),
        EndTimestamp=_at(1001),
        SamplingInterval=1000,
    )["Images"]
    assert ["Error" in image for image in got] == [True, False, False]


@pytest.mark.parametrize(
    "window",
    [
        {"StartTimestamp": _at(T0 - 301), "EndTimestamp": _at(T0 - 0.5)},  # over 300 s
        {"StartTimestamp": _at(T0), "EndTimestamp": _at(T0 - 1)},  # reversed
        {"StartTimestamp": _at(T0 - 2), "EndTimestamp": _at(T0), "SamplingInterval": 199},
        {
            "StartTimestamp": _at(T0 - 2),
            "EndTimestamp": _at(T0),
            "FormatConfig": {"JPEGQuality": "0"},
        },
    ],
)
def test_invalid_requests(kvs_fake, window):
    make_stream()
    with pytest.raises(ClientError) as caught:
        _images(**window)
    assert _code(caught) == "InvalidArgumentException"


def test_without_retention_no_data_retention(kvs_fake):
    """NoDataRetentionException where the installed model lists it for GetImages (1.44.8
    does); an older model's list lacks it (1.34.0), and the same refusal is an
    InvalidArgumentException."""
    listed = service_model(ARCHIVED_MEDIA).operation_model("GetImages").error_shapes
    expected = (
        "NoDataRetentionException"
        if "NoDataRetentionException" in {shape.name for shape in listed}
        else "InvalidArgumentException"
    )
    make_stream(retention=0)
    with pytest.raises(ClientError) as caught:
        _images(StartTimestamp=_at(T0 - 1), EndTimestamp=_at(T0))
    assert _code(caught) == expected
    assert "does not retain data" in caught.value.response["Error"]["Message"]
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_another_apis_endpoint_is_refused(kvs_fake):
    make_stream()
    client = archived("cam", "PUT_MEDIA")
    with pytest.raises(ClientError) as caught:
        client.get_images(
            StreamName="cam",
            ImageSelectorType="SERVER_TIMESTAMP",
            Format="JPEG",
            StartTimestamp=_at(T0 - 1),
            EndTimestamp=_at(T0),
        )
    assert _code(caught) == "InvalidArgumentException"
    assert "APIName GET_IMAGES" in caught.value.response["Error"]["Message"]


@pytest.mark.parametrize(("width", "height"), [(1, 1), (7, 9), (17, 8), (3840, 2160)])
@pytest.mark.parametrize("rgb", [(0, 0, 0), (255, 255, 255), (200, 30, 90)])
def test_the_writers_make_what_pillow_reads(width, height, rgb):
    from_png = Image.open(io.BytesIO(png.flat(width, height, rgb)))
    assert (from_png.size, from_png.getpixel((width - 1, height - 1))) == ((width, height), rgb)
    from_jpeg = Image.open(io.BytesIO(jpeg.flat(width, height, rgb, 95)))
    assert from_jpeg.size == (width, height)
    pixel = from_jpeg.getpixel((width - 1, height - 1))
    assert max(abs(a - b) for a, b in zip(pixel, rgb, strict=True)) <= 4


def test_a_too_long_span_names_the_300_second_limit(kvs_fake):
    make_stream()
    start, end = int((T0 - 301) * 1000), int(T0 * 1000)
    with pytest.raises(ClientError) as caught:
        _images(StartTimestamp=_at(T0 - 301), EndTimestamp=_at(T0))
    assert caught.value.response["Error"]["Message"] == (
        f"EndTimestamp {end} is 301000 ms after StartTimestamp {start}; "
        "GetImages covers at most 300 seconds."
    )


def _unknown_size_segment(document: bytes) -> bytes:
    """``document`` with its Segment's size field rewritten to the EBML unknown size (8 bytes
    0x01FFFFFFFFFFFFFF), as a streaming producer writes it."""
    at = document.index(struct.pack(">I", mkv.SEGMENT)) + 4
    width = 9 - document[at].bit_length()
    return document[:at] + b"\x01" + b"\xff" * 7 + document[at + width :]


def test_an_unknown_size_segment_still_holds_its_picture(kvs_fake):
    make_stream()
    own = _unknown_size_segment(mkv.fragment(int((T0 - 2) * 1000), 320, 240))
    kvs_fake.put_media("cam", fragments=[own], fragment_duration=2)
    (image,) = _images(StartTimestamp=_at(T0 - 1), EndTimestamp=_at(T0 - 1))["Images"]
    assert "Error" not in image
    assert _open(image).size == (320, 240)


@pytest.mark.parametrize(("width", "height"), [(1, 1), (17, 8)])
def test_the_png_header_and_trailer_are_the_specifications(width, height):
    data = png.flat(width, height, (200, 30, 90))
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[8:16] == b"\x00\x00\x00\x0dIHDR"
    # width, height, bit depth 8, colour type 2 (truecolour), compression, filter, interlace 0
    assert data[16:29] == struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    assert data[-12:] == b"\x00\x00\x00\x00IEND\xaeB`\x82"
