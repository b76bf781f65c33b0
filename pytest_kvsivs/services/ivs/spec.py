"""The ivs package as the core sees it."""

from __future__ import annotations

from ...model import IVS
from ..spec import ServiceSpec
from . import (  # noqa: F401  (each module registers its operations)
    ad_configurations,
    channels,
    failover_slates,
    playback,
    recording_configurations,
    revocation,
    sessions,
    stream_keys,
    streams,
    tagging,
)
from .defaults import FAMILIES
from .registry import operation
from .state import IvsControls, IvsState

SPEC = ServiceSpec(
    service=IVS,
    operations=operation,
    new_controls=IvsControls.of,
    new_state=IvsState,
    families=FAMILIES,
    validation_error="ValidationException",
    # Recommended in reference 1.2 (inferred): botocore keeps only the code before the colon.
    error_namespace="http://internal.amazon.com/coral/com.amazonaws.ivs/",
)
