"""IVS failover slate configurations (what viewers see while ingest is interrupted): create,
get, list, update, delete. A channel names one by ``failoverSlateConfigurationArn``; one in
use is not deleted. Newer than botocore 1.34's model: served only where the model has them."""

from __future__ import annotations

from functools import cache
from typing import Any

from ...model import IVS
from ..base import Body, Call, Params
from ..common import ModelEnum
from .defaults import DEFAULT_NAME, LIST_LIMIT
from .lookup import answer, find, list_page, new_arn, refuse_if_used, view
from .registry import operation
from .resources import Record
from .state import IvsState
from .tagging import new_tags

# Defaults
DEFAULT_ACTIVATION_THRESHOLD_SECONDS = 3
"""Model doc of activationThresholdSeconds: 'Default: 3'."""
DEFAULT_MIN_SLATE_DISPLAY_SECONDS = 3
"""Model doc of minSlateDisplaySeconds: 'Default: 3'."""
DEFAULT_MAX_SLATE_DISPLAY_SECONDS = 60
"""Model doc of maxSlateDisplaySeconds: 'Default: 60'."""

KIND = "failover-slate-configuration"
"""The ARN's resource-type segment (the model's FailoverSlateConfigurationArn pattern)."""
CHANNEL_MEMBER = "failoverSlateConfigurationArn"
"""The channel member that names a failover slate configuration."""

SETTINGS: dict[str, Any] = {
    "name": DEFAULT_NAME,
    "activationThresholdSeconds": DEFAULT_ACTIVATION_THRESHOLD_SECONDS,
    "minSlateDisplaySeconds": DEFAULT_MIN_SLATE_DISPLAY_SECONDS,
    "maxSlateDisplaySeconds": DEFAULT_MAX_SLATE_DISPLAY_SECONDS,
}
"""The members Create takes and Update may change, with their defaults."""


@cache
def _state() -> ModelEnum:
    """The model's FailoverSlateConfigurationState (read on first use: older models lack it)."""
    return ModelEnum(IVS, "FailoverSlateConfigurationState")


def new_record(call: Call[IvsState], params: Params) -> Record:
    tags = new_tags(params)  # checked before the id is drawn
    _, arn = new_arn(call, KIND)
    body: dict[str, Any] = {"arn": arn}
    body.update({member: params.get(member, default) for member, default in SETTINGS.items()})
    # Created at once: the fake has no delay family for CREATING (the model gives no timing).
    body["state"] = _state().CREATED
    body["tags"] = tags
    return Record(arn, body)


@operation("CreateFailoverSlateConfiguration")
def create_failover_slate_configuration(call: Call[IvsState], params: Params) -> Body:
    record = new_record(call, params)
    call.state.failover_slates.add(record)
    return {"failoverSlateConfiguration": answer(record)}


@operation("GetFailoverSlateConfiguration")
def get_failover_slate_configuration(call: Call[IvsState], params: Params) -> Body:
    return {"failoverSlateConfiguration": answer(find(call.state.failover_slates, params["arn"]))}


@operation("ListFailoverSlateConfigurations")
def list_failover_slate_configurations(call: Call[IvsState], params: Params) -> Body:
    return list_page(
        call,
        call.state.failover_slates,
        params,
        "ListFailoverSlateConfigurations",
        "failoverSlateConfigurations",
        LIST_LIMIT,
        lambda record: view(record, "FailoverSlateConfigurationSummary"),
    )


@operation("UpdateFailoverSlateConfiguration")
def update_failover_slate_configuration(call: Call[IvsState], params: Params) -> Body:
    record = find(call.state.failover_slates, params["arn"])
    record.body.update({member: params[member] for member in SETTINGS if member in params})
    return {"failoverSlateConfiguration": answer(record)}


@operation("DeleteFailoverSlateConfiguration")
def delete_failover_slate_configuration(call: Call[IvsState], params: Params) -> Body:
    arn = find(call.state.failover_slates, params["arn"]).arn
    refuse_if_used(call.state, CHANNEL_MEMBER, arn, "failover slate configuration")
    call.state.failover_slates.remove(arn)
    return {}
