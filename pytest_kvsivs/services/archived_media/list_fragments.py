"""ListFragments: the stream's kept fragments in a server or producer timestamp range.

The model says results come "in no specific order, even across pages"; the fake answers them
in ingestion order (server ranges, no selector) or producer-timestamp order (producer ranges),
which is one of the orders the service may use. Without FragmentSelector (the model requires
it only without NextToken) every kept fragment is listed: the fake does not refuse what the
service may accept. A NextToken carries its selector, so it continues the same listing with
or without the selector sent again; a token minted for another stream or selector is
``InvalidArgumentException``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..base import Body, Call, Params
from ..kinesisvideo.errors import invalid_token
from ..kinesisvideo.resources import Stream
from ..media.fragments import Fragment, FragmentLog
from ..media.streams import (
    check_endpoint,
    check_retained,
    epoch_ms,
    find_stream,
    fragments_of,
    horizon_ms,
    invalid_argument,
)
from ..pagination import after, mint
from .registry import LIST_FRAGMENTS_MAX_RESULTS, FragmentSelectorType, operation

OPERATION = "ListFragments"
Selector = tuple[str, float, float]
"""(FragmentSelectorType, or "" for none; start and end in epoch ms)."""
_EVERYTHING: Selector = ("", float("-inf"), float("inf"))


def _selector(params: Params, stream: Stream, now: float) -> Selector | None:
    given = params.get("FragmentSelector")
    if given is None:
        return None
    span = given["TimestampRange"]
    start, end = epoch_ms(span["StartTimestamp"]), epoch_ms(span["EndTimestamp"])
    if start > end:
        raise invalid_argument(
            f"Start timestamp {int(start)} is after the end timestamp {int(end)}."
        )
    kind: str = given["FragmentSelectorType"]
    if kind == FragmentSelectorType.SERVER_TIMESTAMP:
        check_retained("End", end, stream, now)
    return kind, start, end


def _continuation(params: Params, stream: Stream) -> tuple[Selector, str] | None:
    """The selector and last fragment number a NextToken carries (None without one)."""
    token: str | None = params.get("NextToken")
    key = after(token, OPERATION, stream.arn, invalid_token)
    if key is None or token is None:
        return None
    try:
        kind, start, end, last = json.loads(key)
        return (str(kind), float(start), float(end)), str(last)
    except (ValueError, TypeError):
        raise invalid_token(token) from None


def _by_server(
    log: FragmentLog, selector: Selector, last: str | None, horizon: float
) -> Iterator[Fragment]:
    span = log.server_span(selector[1], selector[2], horizon)
    start = span.start if last is None else max(span.start, log.after_number(last))
    for index in range(start, span.stop):
        yield log.at(index)


def _by_producer(
    log: FragmentLog, selector: Selector, last: str | None, horizon: float
) -> Iterator[Fragment]:
    resume = None
    if last is not None:
        previous = log.get(last, float("-inf"))
        resume = None if previous is None else (previous.producer_ms, last)
    for position in log.producer_keys(selector[1], selector[2], resume):
        fragment = log.by_producer(position)
        if log.alive(fragment, horizon):
            yield fragment


def _page(fragments: Iterator[Fragment], limit: int) -> tuple[list[Fragment], bool]:
    page: list[Fragment] = []
    for fragment in fragments:
        if len(page) == limit:
            return page, True
        page.append(fragment)
    return page, False


@operation(OPERATION)
def list_fragments(call: Call[Any], params: Params) -> Body:
    stream = find_stream(call, params)
    check_endpoint(call, stream, "LIST_FRAGMENTS", "InvalidArgumentException")
    selector = _selector(params, stream, call.now)
    continued = _continuation(params, stream)
    last = None
    if continued is not None:
        if selector is not None and selector != continued[0]:
            raise invalid_token(params["NextToken"])
        selector, last = continued
    selector = selector or _EVERYTHING
    log = fragments_of(call, stream)
    horizon = horizon_ms(stream, call.now)
    by_producer = selector[0] == FragmentSelectorType.PRODUCER_TIMESTAMP
    found = (_by_producer if by_producer else _by_server)(log, selector, last, horizon)
    page, more = _page(found, params.get("MaxResults") or LIST_FRAGMENTS_MAX_RESULTS)
    body: Body = {"Fragments": [fragment.info() for fragment in page]}
    if more:
        body["NextToken"] = mint(OPERATION, stream.arn, json.dumps([*selector, page[-1].number]))
    return body
