"""Kinesis Video Streams defaults that the model states only in prose, in one place.

Limits that the model encodes as constraints are read from the model instead
(see :func:`pytest_kvsivs.services.common.model_limit`). Sources: the model's
member documentation and ``shared/reference/aws-behavior.md`` section 2.3.
"""

from __future__ import annotations

from collections.abc import Mapping

from ...lifecycle import Family
from ...model import KINESISVIDEO

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

DEFAULT_DATA_RETENTION_HOURS = 0
"""CreateStream without DataRetentionInHours: no persistence (model doc)."""

MAX_DATA_RETENTION_HOURS = 87600
"""Ten years: the range UpdateDataRetention keeps retention in (model doc)."""

DEFAULT_KMS_KEY_ALIAS = "alias/aws/kinesisvideo"
"""The AWS-managed key DescribeStream reports when CreateStream had no KmsKeyId (doc example)."""

DEFAULT_STORAGE_TIER = "HOT"
"""StreamStorageConfiguration.DefaultStorageTier when omitted (model doc)."""

LIST_STREAMS_MAX_RESULTS = 10000
"""ListStreams page size without MaxResults (model doc)."""

PUT_MEDIA_ENDPOINT_PREFIX = "s"
READ_ENDPOINT_PREFIX = "b"
"""GetDataEndpoint hosts: ``s-`` for PUT_MEDIA, ``b-`` for the read APIs (seen in public logs)."""

MIN_SAMPLING_INTERVAL_MS = 200
"""ImageGenerationConfiguration.SamplingInterval minimum (current model doc; the 2022-05-03
changelog said 33 ms)."""

MAPPED_RESOURCE_TYPE = "SIGNALING_CHANNEL"
"""DescribeMappedResourceConfiguration Type of a mapped channel (undocumented; inferred)."""

EDGE_DELETION_DEFAULTS: Mapping[str, object] = {
    "EdgeRetentionInHours": 720,
    "DeleteAfterUpload": True,
}
"""EdgeConfig.DeletionConfig members when omitted (model doc)."""

EDGE_SYNC_FAILED_DETAILS = "The Edge Agent did not acknowledge the configuration within 15 minutes."
"""FailedStatusDetails of an unreachable hub (the model doc's 15-minute retry window)."""

# How long a resource stays in each transitional status (users name them
# "kinesisvideo.<family>.<STATUS>"). AWS documents the operations as asynchronous without
# timings; real channels become ACTIVE within seconds. Override per name, or instant=True.
SIGNALING_CHANNEL = Family(
    KINESISVIDEO, "signaling_channel", {"CREATING": 2.0, "UPDATING": 2.0, "DELETING": 3.0}
)
STREAM = Family(KINESISVIDEO, "stream", {"CREATING": 5.0, "UPDATING": 2.0, "DELETING": 5.0})
"""Streams: a public Terraform log shows creation completing within seconds."""
SYNCING_UNREACHABLE = "SYNCING_UNREACHABLE"
DELETING_UNREACHABLE = "DELETING_UNREACHABLE"
EDGE = Family(
    KINESISVIDEO,
    "edge",
    {
        "SYNCING": 10.0,
        "ACKNOWLEDGED": 10.0,
        SYNCING_UNREACHABLE: 900.0,
        "DELETING": 10.0,
        "DELETING_ACKNOWLEDGED": 5.0,
        DELETING_UNREACHABLE: 900.0,
    },
)
"""Edge configurations (no agent in the fake): a reachable hub acknowledges and syncs; an
unreachable one is retried for 15 minutes (model doc), then SYNC_FAILED."""
FAMILIES = (SIGNALING_CHANNEL, STREAM, EDGE)
