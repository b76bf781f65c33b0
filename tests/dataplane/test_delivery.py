"""What KVS does by itself with ingested media (seed 000): images delivered to S3, SNS
notifications, and ingestion from a WebRTC master joined to a storage session."""

from __future__ import annotations

import json
import re

import boto3
import pytest
from freezegun import freeze_time
from media_support import ACCOUNT, REGION, T0, archived, make_stream

pytestmark = [pytest.mark.kvs_fake(instant=True)]

TOPIC = f"arn:aws:sns:{REGION}:{ACCOUNT}:cam-events"


@pytest.fixture
def frozen():
    with freeze_time("2024-05-01T00:00:00Z") as frozen:
        yield frozen


def _generation(status: str = "ENABLED", **extra) -> dict:
    return {
        "Status": status,
        "ImageSelectorType": "SERVER_TIMESTAMP",
        "DestinationConfig": {"Uri": "s3://bucket/images", "DestinationRegion": REGION},
        "SamplingInterval": 500,
        "Format": "PNG",
        **extra,
    }


def _kvs():
    return boto3.client("kinesisvideo", region_name=REGION)


@pytest.mark.usefixtures("frozen")
def test_enabled_image_generation_delivers_images_of_each_fragment(kvs_fake):
    make_stream()
    _kvs().update_image_generation_configuration(
        StreamName="cam", ImageGenerationConfiguration=_generation(HeightPixels=90)
    )
    numbers = kvs_fake.put_media("cam", duration=2)
    images = kvs_fake.delivered_images("cam")
    assert [image.time.timestamp() for image in images] == [T0 - 2, T0 - 1.5, T0 - 1, T0 - 0.5]
    first = images[0]
    assert (first.format, first.width, first.height) == ("PNG", 160, 90)
    assert first.fragment_number == numbers[0]
    prefix = f"s3://bucket/images/{ACCOUNT}_cam_{int((T0 - 2) * 1000)}_"
    assert first.uri.startswith(prefix)
    assert first.uri.endswith(".png")


@pytest.mark.usefixtures("frozen")
def test_a_uri_ending_in_a_slash_gives_keys_without_a_double_slash(kvs_fake):
    make_stream()
    config = _generation(
        DestinationConfig={"Uri": "s3://bucket/prefix/", "DestinationRegion": REGION}
    )
    _kvs().update_image_generation_configuration(
        StreamName="cam", ImageGenerationConfiguration=config
    )
    kvs_fake.put_media("cam", duration=2)
    first = kvs_fake.delivered_images("cam")[0]
    at_ms = int((T0 - 2) * 1000)
    pattern = rf"s3://bucket/prefix/{ACCOUNT}_cam_{at_ms}_[0-9a-f]{{8}}\.png"
    assert re.fullmatch(pattern, first.uri), first.uri


@pytest.mark.usefixtures("frozen")
@pytest.mark.parametrize(
    ("asked", "size"),
    [
        ({"WidthPixels": 100, "HeightPixels": 100}, (100, 100)),  # both: stretched
        ({"WidthPixels": 640}, (640, 360)),  # width only: the height keeps 1280x720's ratio
    ],
)
def test_delivered_images_have_the_configured_size(kvs_fake, asked, size):
    make_stream()
    _kvs().update_image_generation_configuration(
        StreamName="cam", ImageGenerationConfiguration=_generation(**asked)
    )
    kvs_fake.put_media("cam", duration=2, width=1280, height=720)
    images = kvs_fake.delivered_images("cam")
    assert {(image.width, image.height) for image in images} == {size}


@pytest.mark.usefixtures("frozen")
def test_disabled_or_absent_delivers_nothing(kvs_fake):
    make_stream()
    kvs_fake.put_media("cam", duration=2)
    assert kvs_fake.delivered_images("cam") == []
    _kvs().update_image_generation_configuration(
        StreamName="cam", ImageGenerationConfiguration=_generation("DISABLED")
    )
    assert kvs_fake.delivered_images("cam") == []


@pytest.mark.usefixtures("frozen")
def test_notifications_as_sns_delivers_them(kvs_fake):
    arn = make_stream()
    _kvs().update_notification_configuration(
        StreamName="cam",
        NotificationConfiguration={"Status": "ENABLED", "DestinationConfig": {"Uri": TOPIC}},
    )
    (number,) = kvs_fake.put_media("cam", duration=2, producer_start=100.0)
    (sent,) = kvs_fake.notifications("cam")
    assert (sent.topic_arn, sent.subject) == (TOPIC, "Kinesis Video Streams Notification")
    assert json.loads(sent.message) == {
        "StreamArn": arn,
        "FragmentNumber": number,
        "FragmentStartProducerTimestamp": 100_000,
        "FragmentStartServerTimestamp": int((T0 - 2) * 1000),
        "NotificationType": "PERSISTED",
        "NotificationPayload": {},
    }


def _storage_channel(stream_arn: str) -> tuple[str, object]:
    kvs = _kvs()
    channel = kvs.create_signaling_channel(ChannelName="door")["ChannelARN"]
    kvs.update_media_storage_configuration(
        ChannelARN=channel,
        MediaStorageConfiguration={"Status": "ENABLED", "StreamARN": stream_arn},
    )
    endpoint = kvs.get_signaling_channel_endpoint(
        ChannelARN=channel,
        SingleMasterChannelEndpointConfiguration={"Protocols": ["WEBRTC"], "Role": "MASTER"},
    )["ResourceEndpointList"][0]["ResourceEndpoint"]
    storage = boto3.client(
        "kinesis-video-webrtc-storage", region_name=REGION, endpoint_url=endpoint
    )
    return channel, storage


def test_a_joined_master_ingests_fragments_on_the_fake_clock(kvs_fake, frozen):
    arn = make_stream()
    channel, storage = _storage_channel(arn)
    storage.join_storage_session(channelArn=channel)
    kvs_fake.advance(7)
    listed = archived().list_fragments(StreamName="cam")["Fragments"]
    assert [f["FragmentLengthInMilliseconds"] for f in listed] == [2000, 2000, 2000]
    kvs_fake.advance(2)
    assert len(archived().list_fragments(StreamName="cam")["Fragments"]) == 4


def test_ingestion_ends_with_media_storage_disabled(kvs_fake, frozen):
    arn = make_stream()
    channel, storage = _storage_channel(arn)
    storage.join_storage_session(channelArn=channel)
    kvs_fake.advance(4)
    assert len(archived().list_fragments(StreamName="cam")["Fragments"]) == 2
    _kvs().update_media_storage_configuration(
        ChannelARN=channel, MediaStorageConfiguration={"Status": "DISABLED"}
    )
    kvs_fake.advance(10)
    assert len(archived().list_fragments(StreamName="cam")["Fragments"]) == 2


def test_a_master_joining_again_continues_the_running_ingestion(kvs_fake, frozen):
    arn = make_stream()
    channel, storage = _storage_channel(arn)
    storage.join_storage_session(channelArn=channel)
    kvs_fake.advance(3)
    storage.join_storage_session(channelArn=channel)  # again, 3 s in: nothing restarts
    kvs_fake.advance(4)
    listed = archived().list_fragments(StreamName="cam")["Fragments"]
    starts = sorted(f["ServerTimestamp"].timestamp() for f in listed)
    assert starts == [T0, T0 + 2, T0 + 4]
