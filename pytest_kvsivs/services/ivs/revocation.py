"""IVS viewer session revocation: StartViewerSessionRevocation and its batch form.

The fake has no viewers, so a revocation changes nothing it shows: the call log
(``kvs_fake.calls``, ``assert_called``) is where a test sees it. The channel must exist; a batch
never raises for one pair: an unknown channel comes back in ``errors``.
"""

from __future__ import annotations

from ...errors import ServiceError
from ..base import Body, Call, Params
from .lookup import find
from .registry import operation
from .state import IvsState


def _revoke(call: Call[IvsState], session: Params) -> None:
    """ResourceNotFoundException for a channel not in the caller's account and region."""
    find(call.state.channels, session["channelArn"])


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
