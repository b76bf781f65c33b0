"""A camera fleet's WebRTC signaling channels: the kind of module pytest-kvsivs is for.

It creates its boto3 client at import time, as application code usually does;
the ``kvs_fake`` fixture serves it all the same.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from typing import Any

import boto3

KVS: Any = boto3.client("kinesisvideo", region_name=os.environ.get("AWS_REGION", "us-east-1"))

CHANNEL_PREFIX = "cam-"
THROTTLE_RETRIES = 3


def channel_name(camera_id: str) -> str:
    return f"{CHANNEL_PREFIX}{camera_id}"


def provision_camera(camera_id: str, *, fleet: str = "default", message_ttl: int = 60) -> str:
    """Create the camera's signaling channel (idempotent) and return its ARN."""
    for attempt in range(THROTTLE_RETRIES):
        try:
            response = KVS.create_signaling_channel(
                ChannelName=channel_name(camera_id),
                ChannelType="SINGLE_MASTER",
                SingleMasterConfiguration={"MessageTtlSeconds": message_ttl},
                Tags=[{"Key": "fleet", "Value": fleet}, {"Key": "camera", "Value": camera_id}],
            )
            return str(response["ChannelARN"])
        except KVS.exceptions.ResourceInUseException:
            return describe_camera(camera_id)["ChannelARN"]  # type: ignore[no-any-return]
        except KVS.exceptions.ClientLimitExceededException:
            if attempt == THROTTLE_RETRIES - 1:
                raise
    raise AssertionError("unreachable")


def describe_camera(camera_id: str) -> dict[str, Any]:
    return KVS.describe_signaling_channel(ChannelName=channel_name(camera_id))["ChannelInfo"]  # type: ignore[no-any-return]


def wait_until_active(
    camera_id: str,
    *,
    timeout: float = 60,
    poll: float = 1,
    sleep: Callable[[float], None] = time.sleep,
) -> dict[str, Any]:
    """Poll until the channel is ACTIVE (KVS has no waiters)."""
    waited = 0.0
    while True:
        info = describe_camera(camera_id)
        if info["ChannelStatus"] == "ACTIVE":
            return info
        if waited >= timeout:
            raise TimeoutError(f"{channel_name(camera_id)} is still {info['ChannelStatus']}")
        sleep(poll)
        waited += poll


def viewer_endpoints(camera_id: str) -> dict[str, str]:
    """The endpoints a viewer app connects to, by protocol."""
    arn = describe_camera(camera_id)["ChannelARN"]
    response = KVS.get_signaling_channel_endpoint(
        ChannelARN=arn,
        SingleMasterChannelEndpointConfiguration={"Protocols": ["WSS", "HTTPS"], "Role": "VIEWER"},
    )
    return {e["Protocol"]: e["ResourceEndpoint"] for e in response["ResourceEndpointList"]}


def set_message_ttl(camera_id: str, seconds: int) -> None:
    info = describe_camera(camera_id)
    KVS.update_signaling_channel(
        ChannelARN=info["ChannelARN"],
        CurrentVersion=info["Version"],
        SingleMasterConfiguration={"MessageTtlSeconds": seconds},
    )


def decommission_camera(camera_id: str) -> None:
    info = describe_camera(camera_id)
    KVS.delete_signaling_channel(ChannelARN=info["ChannelARN"], CurrentVersion=info["Version"])


def fleet_cameras(page_size: int = 100) -> Iterator[str]:
    """Every provisioned camera id, across all pages."""
    paginator = KVS.get_paginator("list_signaling_channels")
    condition = {"ComparisonOperator": "BEGINS_WITH", "ComparisonValue": CHANNEL_PREFIX}
    for page in paginator.paginate(
        ChannelNameCondition=condition, PaginationConfig={"PageSize": page_size}
    ):
        for channel in page["ChannelInfoList"]:
            yield channel["ChannelName"][len(CHANNEL_PREFIX) :]
