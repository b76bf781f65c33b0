"""Finding a KVS resource the way the service does, and the checks every family shares."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from ...lifecycle import Family, Timeline
from ..base import Body, Call, Params
from ..pagination import after, mint
from ..store import Named, NamedStore
from . import errors
from .identifiers import new_version, parse_arn
from .registry import Status
from .state import KinesisVideoState


class Versioned(Named, Protocol):
    version: str


R = TypeVar("R", bound=Versioned)


def by_arn(store: NamedStore[R], kind: str, arn: str, now: float) -> R:
    """The live resource of ``kind`` ("stream", "channel") this exact ARN names."""
    parsed = parse_arn(arn)
    found = None
    if parsed is not None and parsed.kind == kind:
        found = store.by_arn(arn, parsed.name, now)
    if found is None:
        raise errors.not_found(kind)
    return found


def identify(
    call: Call[KinesisVideoState],
    store: NamedStore[R],
    kind: str,
    params: Params,
    name_key: str,
    arn_key: str,
) -> R:
    """Exactly one of ``name_key`` / ``arn_key`` (both accepted when they name the same one)."""
    name, arn = params.get(name_key), params.get(arn_key)
    if name is None and arn is None:
        raise errors.one_of(name_key, arn_key)
    if arn is not None:
        found = by_arn(store, kind, arn, call.now)
        if name is not None and name != found.name:
            raise errors.invalid_argument(
                f"{name_key} {name} and {arn_key} {arn} name different resources."
            )
        return found
    assert name is not None
    by_name = store.get(name, call.now)
    if by_name is None:
        raise errors.not_found(kind)
    return by_name


def require_active(call: Call[KinesisVideoState], resource: Versioned, label: str) -> None:
    status = resource.timeline.status_at(call.now)
    if status != Status.ACTIVE:
        raise errors.not_active(label, resource.name, status)


def check_version(resource: Versioned, given: str | None, label: str) -> None:
    if given is not None and given != resource.version:
        raise errors.version_mismatch(label, given, resource.version)


def creating(call: Call[KinesisVideoState], family: Family) -> Timeline:
    """A new resource's timeline: CREATING now, for the family's delay, then ACTIVE."""
    now = call.now
    delay = call.env.delays.of(family, Status.CREATING)
    return Timeline([(now, Status.CREATING), (now + delay, Status.ACTIVE)])


def transition(
    call: Call[KinesisVideoState], resource: Versioned, family: Family, status: str, then: str
) -> None:
    """Enter ``status`` now, for the family's delay, then ``then``."""
    delay = call.env.delays.of(family, status)
    resource.timeline.then(call.now, [(status, delay), (then, 0.0)])


def after_token(params: Params, operation: str, scope: str) -> str | None:
    """The key a request's NextToken continues from (None without one); a token this
    operation did not mint under this scope is ``InvalidArgumentException``."""
    return after(params.get("NextToken"), operation, scope, errors.invalid_token)


def list_by_name(
    call: Call[KinesisVideoState],
    store: NamedStore[R],
    operation: str,
    params: Params,
    condition_key: str,
    list_key: str,
    default_limit: int,
    render: Callable[[R], Body],
) -> Body:
    """A ListStreams / ListSignalingChannels page: BEGINS_WITH filter, MaxResults, NextToken."""
    prefix: str = (params.get(condition_key) or {}).get("ComparisonValue") or ""
    after = after_token(params, operation, prefix)
    limit = params.get("MaxResults") or default_limit
    items, last = store.page(call.now, limit, after, prefix)
    body: Body = {list_key: [render(item) for item in items]}
    if last is not None:
        body["NextToken"] = mint(operation, prefix, last)
    return body


def claim_name(
    call: Call[KinesisVideoState],
    store: NamedStore[R],
    name: str,
    label: str,
    quota: tuple[int | None, str],
) -> int:
    """Check a new resource's name and the account quota; its creation time in epoch ms.

    ``quota`` is (the limit, None for none; the modeled error code). A name in use, in any
    status, is ``ResourceInUseException``.
    """
    if store.get(name, call.now) is not None:
        raise errors.in_use(f"The {label} {name} already exists.")
    limit, code = quota
    if limit is not None and store.count(call.now) >= limit:
        raise errors.limit_exceeded(
            code, f"This account already has the maximum of {limit} {label}s in {call.region}."
        )
    return store.creation_ms(name, call.now)


def guard(call: Call[KinesisVideoState], resource: R, label: str, version: str | None) -> None:
    """A change needs the resource ACTIVE and, when the caller names a version, that version."""
    require_active(call, resource, label)
    check_version(resource, version, label)


def new_revision(call: Call[KinesisVideoState], resource: R, family: Family | None) -> None:
    """A change took: a new Version and, for an asynchronous one (``family`` given), UPDATING
    for the family's delay."""
    resource.version = new_version(call.env.rng)
    if family is not None:
        transition(call, resource, family, Status.UPDATING, Status.ACTIVE)
