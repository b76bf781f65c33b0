"""IVS viewer session revocation: StartViewerSessionRevocation and its batch form.

The fake has no viewers: a revocation is recorded in the state (``IvsState.revocations``,
in order) for whatever reads viewer sessions later. A batch never raises for one pair: an
unknown channel comes back in ``errors``.
"""

from __future__ import annotations

from typing import Any

from ...errors import ServiceError
from ..base import Body, Call, Params
from .lookup import find
from .registry import operation
from .state import IvsState

# Defaults
DEFAULT_VERSION = 0
"""Model doc of viewerSessionVersionsLessThanOrEqualTo: 'Default: 0'."""


def _revoke(call: Call[IvsState], session: Params) -> None:
    """Record one revocation, or ResourceNotFoundException for a channel not in the caller's
    account and region."""
    channel_arn = find(call.state.channels, session["channelArn"]).arn
    revocation: dict[str, Any] = {
        "channelArn": channel_arn,
        "viewerId": session["viewerId"],
        "viewerSessionVersionsLessThanOrEqualTo": session.get(
            "viewerSessionVersionsLessThanOrEqualTo", DEFAULT_VERSION
        ),
        "time": call.now,
    }
    call.state.revocations.append(revocation)


@operation("StartViewerSessionRevocation")
def start_viewer_session_revocation(call: Call[IvsState], params: Params) -> Body:
    _revoke(call, params)
    return {}


def _item_error(session: Params, error: ServiceError) -> Body:
    return {
        "channelArn": session["channelArn"],
        "viewerId": session["viewerId"],
        "code": error.code,
        "message": error.message,
    }


@operation("BatchStartViewerSessionRevocation")
def batch_start_viewer_session_revocation(call: Call[IvsState], params: Params) -> Body:
    failed: list[Body] = []
    for session in params["viewerSessions"]:
        try:
            _revoke(call, session)
        except ServiceError as error:
            failed.append(_item_error(session, error))
    return {"errors": failed}
