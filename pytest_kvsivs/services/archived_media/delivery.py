"""What KVS does by itself with ingested media: images delivered to S3 (an ENABLED image
generation configuration) and SNS notifications (an ENABLED notification configuration).

Derived when read, from the fragments the stream keeps and its configurations as they are
then: nothing runs in the background, and the fake's clock (with ingestion) drives them.
AWS uses only fragments carrying the producer's event tags (AWS_KINESISVIDEO_IMAGE_GENERATION,
AWS_KINESISVIDEO_NOTIFICATION: ``putKinesisVideoEventMetadata``); the fake's own synthesized
fragments (``put_media`` without ``fragments``, WebRTC ingestion) count as tagged for both.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from ..common import stable_hex
from ..kinesisvideo.resources import Stream
from ..media.fragments import Fragment, FragmentLog
from . import frames

IMAGE_TAG = b"AWS_KINESISVIDEO_IMAGE_GENERATION"
NOTIFICATION_TAG = b"AWS_KINESISVIDEO_NOTIFICATION"
_OURS = b"pytest-kvsivs"
"""The MuxingApp of the fragments the fake synthesizes."""
SUBJECT = "Kinesis Video Streams Notification"
"""The SNS Subject of KVS notifications (developer guide, 'Amazon SNS messages')."""
_EXTENSIONS = {"JPEG": "jpg", "PNG": "png"}
_ENABLED = "ENABLED"


@dataclass(frozen=True, slots=True)
class DeliveredImage:
    """One image image generation would have written to S3."""

    time: datetime
    """The moment of the stream the image shows (server or producer time, per the
    configuration's ImageSelectorType)."""
    uri: str
    """``{Uri}/{AccountID}_{StreamName}_{ImageTimecode}_{RandomID}.{jpg|png}``."""
    format: str
    width: int
    height: int
    fragment_number: str


@dataclass(frozen=True, slots=True)
class Notification:
    """One message published to the configuration's SNS topic."""

    topic_arn: str
    subject: str
    message: str
    """The JSON string SNS delivers as ``Message``."""


def _tagged(fragment: Fragment, tag: bytes) -> bool:
    return tag in fragment.media or _OURS in fragment.media


def _enabled(config: dict[str, Any] | None) -> bool:
    return config is not None and config.get("Status") == _ENABLED


def _start_ms(fragment: Fragment, config: dict[str, Any]) -> int:
    by_producer = config["ImageSelectorType"] == "PRODUCER_TIMESTAMP"
    return fragment.producer_ms if by_producer else fragment.server_ms


def _key(stream: Stream, account: str, at_ms: int, config: dict[str, Any]) -> str:
    base = config["DestinationConfig"]["Uri"].rstrip("/")
    random_id = stable_hex("image", stream.arn, str(at_ms), length=8)
    extension = _EXTENSIONS[config["Format"]]
    return f"{base}/{account}_{stream.name}_{at_ms}_{random_id}.{extension}"


def delivered_images(
    stream: Stream, account: str, log: FragmentLog, horizon: float
) -> list[DeliveredImage]:
    config = stream.image_generation
    if config is None or not _enabled(config):
        return []
    step = int(config["SamplingInterval"])
    images = []
    for fragment in log.kept(0, horizon):
        size = frames.video_size(fragment)
        if size is None or not _tagged(fragment, IMAGE_TAG):
            continue
        width, height = frames.scaled_size(
            size, config.get("WidthPixels"), config.get("HeightPixels")
        )
        start = _start_ms(fragment, config)
        for at_ms in range(start, start + fragment.length_ms, step):
            images.append(
                DeliveredImage(
                    datetime.fromtimestamp(at_ms / 1000, timezone.utc),
                    _key(stream, account, at_ms, config),
                    config["Format"],
                    width,
                    height,
                    fragment.number,
                )
            )
    return images


def notifications(stream: Stream, log: FragmentLog, horizon: float) -> list[Notification]:
    config = stream.notification
    if config is None or not _enabled(config):
        return []
    topic = config["DestinationConfig"]["Uri"]
    sent = []
    for fragment in log.kept(0, horizon):
        if not _tagged(fragment, NOTIFICATION_TAG):
            continue
        message = {
            "StreamArn": stream.arn,
            "FragmentNumber": fragment.number,
            "FragmentStartProducerTimestamp": fragment.producer_ms,
            "FragmentStartServerTimestamp": fragment.server_ms,
            "NotificationType": "PERSISTED",
            "NotificationPayload": {},
        }
        sent.append(Notification(topic, SUBJECT, json.dumps(message, separators=(",", ":"))))
    return sent
