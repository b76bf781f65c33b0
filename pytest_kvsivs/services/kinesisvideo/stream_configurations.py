"""Image generation and notification configurations of a stream (2022-05-03 release)."""

from __future__ import annotations

import copy
from typing import Any

from ..base import Body, Call, Params
from . import errors
from .defaults import MIN_SAMPLING_INTERVAL_MS
from .lookup import require_active
from .registry import operation
from .resources import Stream
from .state import KinesisVideoState
from .streams import LABEL, find

JPEG_QUALITY = range(1, 101)


def _writable(call: Call[KinesisVideoState], params: Params) -> Stream:
    stream = find(call, params)
    require_active(call, stream, LABEL)
    if stream.data_retention_hours == 0:
        raise errors.no_data_retention(stream.name)
    return stream


def check_image_generation(call: Call[KinesisVideoState], config: dict[str, Any]) -> None:
    region = config["DestinationConfig"]["DestinationRegion"]
    if region != call.region:
        raise errors.invalid_argument(
            f"DestinationRegion {region} must be the stream's region, {call.region}."
        )
    if config["SamplingInterval"] < MIN_SAMPLING_INTERVAL_MS:
        raise errors.invalid_argument(
            f"SamplingInterval {config['SamplingInterval']} is below the minimum of "
            f"{MIN_SAMPLING_INTERVAL_MS} ms."
        )
    format_config = config.get("FormatConfig")
    if format_config is None:
        return
    if config["Format"] != "JPEG":
        raise errors.invalid_argument("FormatConfig (JPEGQuality) applies to the JPEG format only.")
    quality = format_config["JPEGQuality"]  # the model's one key; the map has exactly one
    if not (quality.isdigit() and int(quality) in JPEG_QUALITY):
        raise errors.invalid_argument(f"JPEGQuality {quality!r} must be an integer from 1 to 100.")


@operation("UpdateImageGenerationConfiguration")
def update_image_generation_configuration(call: Call[KinesisVideoState], params: Params) -> Body:
    stream = _writable(call, params)
    config = params.get("ImageGenerationConfiguration")
    if config is not None:
        check_image_generation(call, config)
    stream.image_generation = copy.deepcopy(config)
    return {}


@operation("DescribeImageGenerationConfiguration")
def describe_image_generation_configuration(call: Call[KinesisVideoState], params: Params) -> Body:
    return _stored("ImageGenerationConfiguration", find(call, params).image_generation)


@operation("UpdateNotificationConfiguration")
def update_notification_configuration(call: Call[KinesisVideoState], params: Params) -> Body:
    stream = _writable(call, params)
    stream.notification = copy.deepcopy(params.get("NotificationConfiguration"))
    return {}


@operation("DescribeNotificationConfiguration")
def describe_notification_configuration(call: Call[KinesisVideoState], params: Params) -> Body:
    return _stored("NotificationConfiguration", find(call, params).notification)


def _stored(key: str, config: dict[str, Any] | None) -> Body:
    """Exactly what was stored, or no member at all when nothing is."""
    return {} if config is None else {key: copy.deepcopy(config)}
