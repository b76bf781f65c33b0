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
