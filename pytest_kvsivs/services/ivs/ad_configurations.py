"""IVS ad configurations (server-side ad insertion with MediaTailor): create, get, list,
update, delete. A channel names one by ``adConfigurationArn``; one in use is not deleted."""

from __future__ import annotations

import copy
from typing import Any

from ..base import Body, Call, Params
from .defaults import DEFAULT_NAME, LIST_LIMIT
from .lookup import answer, find, list_page, new_arn, refuse_if_used, view
from .registry import operation
from .resources import Record
from .state import IvsState
from .tagging import new_tags

# Defaults
DEFAULT_POST_ROLL: Body = {"enabled": False, "durationSeconds": 15}
"""Model doc of CreateAdConfiguration.postRollConfiguration: 'Default: disabled (enabled set to
false, durationSeconds set to 15)'."""

KIND = "ad-configuration"
"""The ARN's resource-type segment (the model's AdConfigurationArn pattern)."""
CHANNEL_MEMBER = "adConfigurationArn"
"""The channel member that names an ad configuration."""


def new_record(call: Call[IvsState], params: Params) -> Record:
    tags = new_tags(params)  # checked before the id is drawn
    _, arn = new_arn(call, KIND)
    body: dict[str, Any] = {
        "arn": arn,
        "name": params.get("name", DEFAULT_NAME),
        "mediaTailorPlaybackConfigurations": copy.deepcopy(
            params["mediaTailorPlaybackConfigurations"]
        ),
        "postRollConfiguration": copy.deepcopy(
            params.get("postRollConfiguration", DEFAULT_POST_ROLL)
        ),
        "tags": tags,
    }
    return Record(arn, body)


@operation("CreateAdConfiguration")
def create_ad_configuration(call: Call[IvsState], params: Params) -> Body:
    record = new_record(call, params)
    call.state.ad_configurations.add(record)
    return {"adConfiguration": answer(record)}


@operation("GetAdConfiguration")
def get_ad_configuration(call: Call[IvsState], params: Params) -> Body:
    return {"adConfiguration": answer(find(call.state.ad_configurations, params["arn"]))}


@operation("ListAdConfigurations")
def list_ad_configurations(call: Call[IvsState], params: Params) -> Body:
    return list_page(
        call,
        call.state.ad_configurations,
        params,
        "ListAdConfigurations",
        "adConfigurations",
        LIST_LIMIT,
        lambda record: view(record, "AdConfigurationSummary"),
    )


UPDATABLE = ("name", "mediaTailorPlaybackConfigurations", "postRollConfiguration")
"""The members UpdateAdConfiguration may change (a member not given keeps its value)."""


@operation("UpdateAdConfiguration")
def update_ad_configuration(call: Call[IvsState], params: Params) -> Body:
    record = find(call.state.ad_configurations, params["arn"])
    for member in UPDATABLE:
        if member in params:
            record.body[member] = copy.deepcopy(params[member])
    return {"adConfiguration": answer(record)}


@operation("DeleteAdConfiguration")
def delete_ad_configuration(call: Call[IvsState], params: Params) -> Body:
    arn = find(call.state.ad_configurations, params["arn"]).arn
    refuse_if_used(call.state, CHANNEL_MEMBER, arn, "ad configuration")
    call.state.ad_configurations.remove(arn)
    return {}
