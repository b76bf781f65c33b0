"""IVS defaults that the model states only in prose, shared by several families.

A family's own prose-only defaults stay at the top of its module. Limits the model encodes
as constraints are read from the model (:func:`pytest_kvsivs.services.common.model_limit`).
Sources: the model's member documentation and ``shared/reference/aws-behavior.md`` 3.3.
"""

from __future__ import annotations

from ...lifecycle import Family
from ...model import IVS

RECORDING_CONFIGURATION = Family(IVS, "recording_configuration", {"CREATING": 5.0})
"""A recording configuration is CREATING, then ACTIVE (or CREATE_FAILED): AWS gives no
timing; the CLI example shows CREATING in the create answer (reference 3.2)."""
FAMILIES = (RECORDING_CONFIGURATION,)

ID_LENGTH = 12
"""Resource ids in ARNs: 12 letters and digits (every real ARN seen, reference 1.5)."""

NONE_ARN = ""
"""The "no such configuration" value of a channel's ARN members (model doc: empty string)."""

DEFAULT_NAME = ""
"""Every IVS resource's name when a Create gives none (reference 3.1: optional labels, "")."""

# Default pages of the List operations (a request's maxResults overrides them)
LIST_LIMIT = 100
"""Reference 1.4: "default 100" (or "min(quota, 100)": the fake configures no lower quota)."""
STREAM_KEY_LIST_LIMIT = 1
"""Reference 1.4: ListStreamKeys "default 1" (model doc: "Default: 1")."""
POLICY_LIST_LIMIT = 1
"""Reference 1.4: ListPlaybackRestrictionPolicies "default 1" (model doc: "Default: 1.")."""
