"""Finding IVS resources the way the service does (by ARN only), listing them, and making
their records: what every family shares."""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import cache
from typing import Any

from ...model import IVS, service_model
from ..base import Body, Call, Params
from ..pagination import after, mint
from ..store import IdStore
from . import errors
from .identifiers import make_arn, new_id
from .resources import Record
from .state import IvsState


def find(store: IdStore[Record], arn: str) -> Record:
    """The resource this exact ARN names in the caller's account and region, or
    ResourceNotFoundException."""
    found = store.get(arn)
    if found is None:
        raise errors.not_found(arn)
    return found


def new_arn(call: Call[IvsState], kind: str) -> tuple[str, str]:
    """A new resource's (id, ARN) of ``kind`` (the ARN's resource-type segment)."""
    resource_id = new_id(call.env.rng)
    return resource_id, make_arn(kind, call.region, call.account_id, resource_id)


@cache
def members(shape: str) -> frozenset[str]:
    """The member names of a structure shape of the ivs model (summaries are cut to them)."""
    return frozenset(service_model(IVS).shape_for(shape).members)  # type: ignore[attr-defined]


def view(record: Record, shape: str) -> Body:
    """A copy of the record cut to ``shape``'s members (``ChannelSummary``, ...)."""
    keep = members(shape)
    return {k: copy.deepcopy(v) for k, v in record.body.items() if k in keep}


def answer(record: Record) -> Body:
    """A copy of the whole record, as Get answers it."""
    return copy.deepcopy(record.body)


def after_token(params: Params, operation: str, scope: str = "") -> str | None:
    """The ARN a request's nextToken continues from; a token this operation did not mint
    under this scope (filter) is ValidationException."""
    return after(params.get("nextToken"), operation, scope, errors.invalid_token)


def list_page(
    call: Call[IvsState],
    store: IdStore[Record],
    params: Params,
    operation: str,
    result_key: str,
    default_limit: int,
    render: Callable[[Record], Body],
    keep: Callable[[Record], bool] | None = None,
    scope: str = "",
) -> Body:
    """One page of a List operation: ``maxResults`` (default ``default_limit``), ``nextToken``
    minted under ``scope`` (a filter's value, so a token is only good with the same filter),
    the result list always present (IVS outputs mark it required)."""
    start = after_token(params, operation, scope)
    limit: int = params.get("maxResults") or default_limit
    items, last = store.page(limit, start, keep)
    body: dict[str, Any] = {result_key: [render(item) for item in items]}
    if last is not None:
        body["nextToken"] = mint(operation, scope, last)
    return body
