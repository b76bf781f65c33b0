"""Finding IVS resources the way the service does (by ARN only), listing them, and making
their records: what every family shares."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import cache
from types import MappingProxyType
from typing import Any

from ...calls import snapshot
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


def find_any(state: IvsState, arn: str) -> Record:
    """The resource of any kind this ARN names in the caller's account and region, or
    ResourceNotFoundException (the tagging operations)."""
    found = state.tagged(arn)
    if found is None:
        raise errors.not_found(arn)
    return found


def batch_get(store: IdStore[Record], arns: Iterable[str]) -> tuple[list[Body], list[Body]]:
    """A BatchGet: the records the ARNs name (copies, each ARN once, in the order asked) and a
    BatchError for each ARN that names nothing here."""
    found: list[Body] = []
    failed: list[Body] = []
    for arn in dict.fromkeys(arns):
        record = store.get(arn)
        if record is None:
            error = errors.not_found(arn)
            failed.append({"arn": arn, "code": error.code, "message": error.message})
        else:
            found.append(answer(record))
    return found, failed


def users(state: IvsState, member: str, arn: str) -> list[str]:
    """The ARNs of the channels whose ``member`` (``recordingConfigurationArn``, ...) names
    ``arn``, sorted."""
    return sorted(c.arn for c in state.channels.values() if c.body.get(member) == arn)


def refuse_if_used(state: IvsState, member: str, arn: str, what: str) -> None:
    """ConflictException naming every channel whose ``member`` names the ``what`` ``arn``
    (deleting a resource in use)."""
    channels = users(state, member, arn)
    if channels:
        raise errors.in_use(what, arn, channels)


def new_arn(call: Call[IvsState], kind: str) -> tuple[str, str]:
    """A new resource's (id, ARN) of ``kind`` (the ARN's resource-type segment). It draws from
    the fake's random source: call it once the request is checked, so that a refused request
    leaves a seeded fake's later ids as they were."""
    resource_id = new_id(call.env.rng)
    return resource_id, make_arn(kind, call.region, call.account_id, resource_id)


@cache
def members(shape: str) -> Mapping[str, str]:
    """Member name -> member shape name of a structure shape of the installed ivs model
    (older models have fewer members)."""
    structure = service_model(IVS).shape_for(shape)
    return MappingProxyType(
        {name: member.name for name, member in structure.members.items()}  # type: ignore[attr-defined]
    )


def cut(body: Body, shape: str) -> Body:
    """``body`` without the members ``shape`` lacks (a shallow copy)."""
    keep = members(shape)
    return {k: v for k, v in body.items() if k in keep}


def view(record: Record, shape: str) -> Body:
    """A copy of the record cut to ``shape``'s members (``ChannelSummary``, ...): every dict
    and list copied, so the caller can change nothing the fake keeps."""
    return snapshot(cut(record.body, shape))


def answer(record: Record) -> Body:
    """A copy of the whole record, as Get answers it (see :func:`view`)."""
    return snapshot(record.body)


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
