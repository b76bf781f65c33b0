"""Edge configurations (KVS at the Edge, 2022-12-12): sync to a hub device, on the fake clock.

There is no Edge Agent in the fake. A hub device (its IoT thing ARN) is reachable unless the
test says otherwise (``KvsFake.set_hub_reachable``). Reachable: SYNCING -> ACKNOWLEDGED ->
IN_SYNC. Unreachable: SYNCING for the documented 15-minute retry window, then SYNC_FAILED.
Deletion: DELETING -> DELETING_ACKNOWLEDGED -> gone, or DELETE_FAILED when unreachable.
"""

from __future__ import annotations

import copy
from typing import Any

from ...lifecycle import GONE, Timeline
from ..base import Body, Call, Params
from ..pagination import mint
from . import errors
from .defaults import (
    DELETING_UNREACHABLE,
    EDGE,
    EDGE_DELETION_DEFAULTS,
    EDGE_SYNC_FAILED_DETAILS,
    SYNCING_UNREACHABLE,
)
from .lookup import after_token, require_active
from .registry import SyncStatus, operation
from .resources import EdgeState, Stream
from .state import KinesisVideoState
from .streams import find

LIST_EDGE_MAX_RESULTS = 5
"""ListEdgeAgentConfigurations page size without MaxResults (model doc)."""

TERMINAL = frozenset({SyncStatus.IN_SYNC, SyncStatus.SYNC_FAILED})
FAILED = frozenset({SyncStatus.SYNC_FAILED, SyncStatus.DELETE_FAILED})


def _reachable(call: Call[KinesisVideoState], hub: str) -> bool:
    return hub not in call.state.controls.unreachable_hubs


def _edge(call: Call[KinesisVideoState], stream: Stream) -> EdgeState:
    edge: EdgeState | None = stream.edge
    if edge is None or edge.status(call.now) == GONE:
        stream.edge = None
        raise errors.no_edge_configuration(stream.name)
    return edge


def _describe(stream: Stream, edge: EdgeState, now: float) -> Body:
    status = edge.status(now)
    body: Body = {
        "StreamName": stream.name,
        "StreamARN": stream.arn,
        "CreationTime": edge.created_at,
        "LastUpdatedTime": edge.updated_at,
        "SyncStatus": status,
        "EdgeConfig": copy.deepcopy(edge.config),
    }
    if status in FAILED:
        body["FailedStatusDetails"] = EDGE_SYNC_FAILED_DETAILS
    return body


def with_defaults(config: dict[str, Any]) -> dict[str, Any]:
    stored = copy.deepcopy(config)
    stored["DeletionConfig"] = {**EDGE_DELETION_DEFAULTS, **stored.get("DeletionConfig", {})}
    return stored


@operation("StartEdgeConfigurationUpdate")
def start_edge_configuration_update(call: Call[KinesisVideoState], params: Params) -> Body:
    stream = find(call, params)
    require_active(call, stream, "stream")
    if stream.data_retention_hours == 0:
        raise errors.no_data_retention(stream.name)
    previous: EdgeState | None = stream.edge
    if previous is not None and previous.status(call.now) not in TERMINAL | {GONE}:
        raise errors.in_use(
            f"The edge configuration of {stream.name} is {previous.status(call.now)}; "
            "a new update can start once it is IN_SYNC or SYNC_FAILED."
        )
    config = with_defaults(params["EdgeConfig"])
    delays = call.env.delays
    if _reachable(call, config["HubDeviceArn"]):
        path = [
            (SyncStatus.SYNCING, delays.of(EDGE, SyncStatus.SYNCING)),
            (SyncStatus.ACKNOWLEDGED, delays.of(EDGE, SyncStatus.ACKNOWLEDGED)),
            (SyncStatus.IN_SYNC, 0.0),
        ]
    else:
        path = [
            (SyncStatus.SYNCING, delays.of(EDGE, SYNCING_UNREACHABLE)),
            (SyncStatus.SYNC_FAILED, 0.0),
        ]
    now = round(call.now, 3)  # answered in milliseconds, as the service's timestamps are
    created = previous.created_at if previous and previous.status(call.now) != GONE else now
    timeline = Timeline.starting(call.now, SyncStatus.SYNCING)
    timeline.then(call.now, path)
    stream.edge = EdgeState(config, created, now, timeline)
    return _describe(stream, stream.edge, call.now)


@operation("DescribeEdgeConfiguration")
def describe_edge_configuration(call: Call[KinesisVideoState], params: Params) -> Body:
    stream = find(call, params)
    return _describe(stream, _edge(call, stream), call.now)


@operation("DeleteEdgeConfiguration")
def delete_edge_configuration(call: Call[KinesisVideoState], params: Params) -> Body:
    stream = find(call, params)
    edge = _edge(call, stream)
    delays = call.env.delays
    if _reachable(call, edge.config["HubDeviceArn"]):
        path = [
            (SyncStatus.DELETING, delays.of(EDGE, SyncStatus.DELETING)),
            (SyncStatus.DELETING_ACKNOWLEDGED, delays.of(EDGE, SyncStatus.DELETING_ACKNOWLEDGED)),
            (GONE, 0.0),
        ]
    else:
        path = [
            (SyncStatus.DELETING, delays.of(EDGE, DELETING_UNREACHABLE)),
            (SyncStatus.DELETE_FAILED, 0.0),
        ]
    edge.timeline.then(call.now, path)
    edge.updated_at = call.now
    return {}


@operation("ListEdgeAgentConfigurations")
def list_edge_agent_configurations(call: Call[KinesisVideoState], params: Params) -> Body:
    hub: str = params["HubDeviceArn"]
    after = after_token(params, "ListEdgeAgentConfigurations", hub)
    limit = params.get("MaxResults") or LIST_EDGE_MAX_RESULTS

    def on_hub(name: str) -> Body | None:
        stream = call.state.streams.get(name, call.now)
        edge: EdgeState | None = stream.edge if stream else None
        if stream is None or edge is None or edge.config["HubDeviceArn"] != hub:
            return None
        if edge.status(call.now) == GONE:
            return None
        return _describe(stream, edge, call.now)

    configs, last = call.state.streams.page_with(on_hub, limit, after)
    body: Body = {"EdgeConfigs": configs}
    if last is not None:
        body["NextToken"] = mint("ListEdgeAgentConfigurations", hub, last)
    return body
