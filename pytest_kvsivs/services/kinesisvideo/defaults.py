"""Kinesis Video Streams defaults that the model states only in prose, in one place.

Limits that the model encodes as constraints are read from the model instead
(see :func:`pytest_kvsivs.services.common.model_limit`). Sources: the model's
member documentation and ``shared/reference/aws-behavior.md`` section 2.3.
"""

from __future__ import annotations

from collections.abc import Mapping

DEFAULT_CHANNEL_TYPE = "SINGLE_MASTER"
"""CreateSignalingChannel without ChannelType (model doc: SINGLE_MASTER is the default type)."""

DEFAULT_MESSAGE_TTL_SECONDS = 60
"""SingleMasterConfiguration.MessageTtlSeconds when omitted (model doc: "The default is 60")."""

LIST_SIGNALING_CHANNELS_MAX_RESULTS = 500
"""ListSignalingChannels page size without MaxResults (model doc)."""

DEFAULT_ENDPOINT_PROTOCOLS = ("WSS", "HTTPS")
DEFAULT_ENDPOINT_ROLE = "MASTER"
"""GetSignalingChannelEndpoint without SingleMasterChannelEndpointConfiguration members
(undocumented; inferred, reference 2.4)."""

RESERVED_TAG_PREFIX = "aws:"

DELAYS: Mapping[str, float] = {
    # How long a resource stays in each transitional status. AWS documents the
    # operations as asynchronous without timings; real channels become ACTIVE
    # within seconds. Override per name, or pass instant=True.
    "signaling_channel.CREATING": 2.0,
    "signaling_channel.UPDATING": 2.0,
    "signaling_channel.DELETING": 3.0,
}
