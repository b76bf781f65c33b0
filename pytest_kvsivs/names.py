"""The services the fake answers for, by botocore service name and service id.

A light module on purpose: the pytest plugin and the botocore hook import it at
start-up, before anything has imported botocore, so it holds plain strings only.
"""

from __future__ import annotations

from collections.abc import Mapping

KINESISVIDEO = "kinesisvideo"
IVS = "ivs"
ARCHIVED_MEDIA = "kinesis-video-archived-media"
MEDIA = "kinesis-video-media"
SIGNALING = "kinesis-video-signaling"
WEBRTC_STORAGE = "kinesis-video-webrtc-storage"

EVENT_NAMES: Mapping[str, str] = {
    KINESISVIDEO: "kinesis-video",
    IVS: "ivs",
    ARCHIVED_MEDIA: "kinesis-video-archived-media",
    MEDIA: "kinesis-video-media",
    SIGNALING: "kinesis-video-signaling",
    WEBRTC_STORAGE: "kinesis-video-webrtc-storage",
}
"""Each service's ``serviceId`` as botocore hyphenizes it in event names
(``before-call.kinesis-video``). Written out so that registering the hook loads no
model; a test checks each against the installed model's ``service_id.hyphenize()``."""

SERVICES: tuple[str, ...] = tuple(EVENT_NAMES)
"""Every botocore service the fake answers for while it is active."""

DEFAULT_ACCOUNT_ID = "123456789012"
