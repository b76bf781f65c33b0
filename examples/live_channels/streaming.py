"""A live-streaming backend's IVS channels: shows, their recordings and stream keys.

Like most application code, it creates its boto3 client at import time; the ``kvs_fake``
fixture serves it all the same, and ``kvs_fake.start_broadcast`` plays the encoder.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

import boto3

IVS: Any = boto3.client("ivs", region_name=os.environ.get("AWS_REGION", "us-west-2"))


class RecordingFailed(RuntimeError):
    """The recording configuration ended CREATE_FAILED (a bucket in another region)."""


def wait_until_recording_ready(
    arn: str, *, timeout: float = 60.0, sleep: Callable[[float], object] = time.sleep
) -> None:
    """Poll until the recording configuration is ACTIVE."""
    waited = 0.0
    while True:
        state = IVS.get_recording_configuration(arn=arn)["recordingConfiguration"]["state"]
        if state == "ACTIVE":
            return
        if state == "CREATE_FAILED":
            raise RecordingFailed(arn)
        if waited >= timeout:
            raise TimeoutError(f"{arn} is still {state} after {timeout} s")
        sleep(1.0)
        waited += 1.0


def create_show(
    name: str, *, bucket: str | None = None, sleep: Callable[[float], object] = time.sleep
) -> dict[str, str]:
    """A channel for a show, recorded to ``bucket`` when given: where the encoder sends to."""
    extra: dict[str, str] = {}
    if bucket is not None:
        recording = IVS.create_recording_configuration(
            name=f"{name}-recording",
            destinationConfiguration={"s3": {"bucketName": bucket}},
            recordingReconnectWindowSeconds=60,
        )["recordingConfiguration"]
        wait_until_recording_ready(recording["arn"], sleep=sleep)
        extra["recordingConfigurationArn"] = recording["arn"]
    created = IVS.create_channel(name=name, latencyMode="LOW", tags={"show": name}, **extra)
    channel = created["channel"]
    return {
        "arn": channel["arn"],
        "server": f"rtmps://{channel['ingestEndpoint']}:443/app/",
        "stream_key": created["streamKey"]["value"],
        "playback_url": channel["playbackUrl"],
    }


def is_live(channel_arn: str) -> bool:
    try:
        IVS.get_stream(channelArn=channel_arn)
    except IVS.exceptions.ChannelNotBroadcasting:
        return False
    return True


def rotate_stream_key(channel_arn: str) -> str:
    """Replace the channel's stream key (a leaked key); the new key's value."""
    for key in IVS.list_stream_keys(channelArn=channel_arn)["streamKeys"]:
        IVS.delete_stream_key(arn=key["arn"])
    return str(IVS.create_stream_key(channelArn=channel_arn)["streamKey"]["value"])


def end_show(channel_arn: str) -> None:
    """Cut the broadcast if it is on, then delete the channel."""
    if is_live(channel_arn):
        IVS.stop_stream(channelArn=channel_arn)
    IVS.delete_channel(arn=channel_arn)


def broadcasts(channel_arn: str) -> list[dict[str, Any]]:
    """The show's broadcasts, newest first: stream id, start and (once over) end."""
    sessions = IVS.list_stream_sessions(channelArn=channel_arn)["streamSessions"]
    return [
        {"stream_id": s["streamId"], "start": s["startTime"], "end": s.get("endTime")}
        for s in sessions
    ]
