"""Responses as botocore hands them to the caller.

The fake answers in the ``before-call`` event, so botocore's response parser
does not run: success responses are turned into the parsed form here (the only
conversion a JSON body needs is timestamps and blobs), and error responses go
through botocore's own parser, exactly as the endpoint would run it. With
``check=True`` (the project's own tests) every success response is also
validated against the operation's output schema and compared with what
botocore's parser makes of the same JSON body.
"""

from __future__ import annotations

import base64
import io
import itertools
import json
import random
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime
from email.utils import formatdate
from functools import cache, lru_cache
from typing import Any, cast

from botocore import parsers
from botocore.awsrequest import AWSResponse, HeadersDict
from botocore.model import ListShape, MapShape, OperationModel, Shape, StructureShape
from botocore.response import StreamingBody
from botocore.utils import get_tzinfo_options

from .errors import FakeDefectError
from .services.base import Output

Body = dict[str, Any]
Convert = Callable[[Any], Any]


class _LazyBody:
    """The ``raw`` of a fake HTTP response: serialized only if someone reads it."""

    def __init__(self, body: Body | bytes) -> None:
        self._body = body

    def stream(self, **kwargs: Any) -> Iterator[bytes]:
        body = self._body
        yield body if isinstance(body, bytes) else json.dumps(body).encode()


class _Response(AWSResponse):
    """The fake's HTTP response: no URL (nothing was sent), the body serialized only if
    someone reads it, the case-insensitive headers built only if someone asks."""

    def __init__(self, status: int, headers: dict[str, str], body: Body | bytes) -> None:
        self.url = ""
        self.status_code = status
        self._plain_headers = headers
        self._headers: HeadersDict | None = None
        self.raw = _LazyBody(body)
        self._content = None

    @property
    def headers(self) -> HeadersDict:
        if self._headers is None:
            self._headers = HeadersDict(self._plain_headers)
        return self._headers

    @headers.setter
    def headers(self, value: HeadersDict) -> None:
        self._headers = value


def _identity(value: Any) -> Any:
    return value


_LOCAL_TZ = get_tzinfo_options()[0]()


@lru_cache(maxsize=4096)
def _datetime(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, _LOCAL_TZ)


def _parse_timestamp(value: Any) -> datetime:
    """botocore's default timestamp parsing, remembered per value.

    botocore's parser turns epoch numbers into ``datetime.fromtimestamp(value,
    tzlocal())``, building a new ``tzlocal()`` each time; the instances are
    interchangeable and datetimes immutable, so one tzlocal is used and the last
    few thousand values are remembered (a resource's times repeat in every
    Describe). Strings go to botocore.
    """
    if isinstance(value, int | float):
        return _datetime(value)
    parsed: datetime = parsers.DEFAULT_TIMESTAMP_PARSER(value)
    return parsed


class RequestIds:
    """Request ids formatted as AWS's (version-4 UUIDs), unique per fake: a random prefix
    and a counter in the last twelve hex digits (cheaper than a uuid4 per call)."""

    def __init__(self) -> None:
        self._prefix = str(uuid.uuid4())[:-12]
        self._counter = itertools.count(random.getrandbits(40))

    def next(self) -> str:
        return f"{self._prefix}{next(self._counter) & 0xFFFFFFFFFFFF:012x}"


def _has(shape: Shape, kinds: frozenset[str], seen: frozenset[str] = frozenset()) -> bool:
    if shape.type_name in kinds:
        return True
    if shape.name in seen:
        return False
    seen = seen | {shape.name}
    if isinstance(shape, StructureShape):
        return any(_has(m, kinds, seen) for m in shape.members.values())
    if isinstance(shape, ListShape):
        return _has(shape.member, kinds, seen)
    if isinstance(shape, MapShape):
        return _has(shape.value, kinds, seen)
    return False


_CONVERTED = frozenset({"timestamp", "blob"})


def _converter(shape: Shape) -> Convert:
    """How botocore's JSON parser would turn this shape's wire value into Python."""
    if not _has(shape, _CONVERTED):
        return _identity
    if shape.type_name == "timestamp":
        return _parse_timestamp
    if shape.type_name == "blob":
        return base64.b64decode
    if isinstance(shape, ListShape):
        item = _converter(shape.member)
        return lambda value: [None if v is None else item(v) for v in value]
    if isinstance(shape, MapShape):
        val = _converter(shape.value)
        return lambda value: {k: val(v) for k, v in value.items()}
    assert isinstance(shape, StructureShape)
    members = {name: _converter(member) for name, member in shape.members.items()}
    converted = {name: conv for name, conv in members.items() if conv is not _identity}

    def structure(value: dict[str, Any]) -> dict[str, Any]:
        out = dict(value)  # a copy: the wire body itself stays JSON
        for name, conv in converted.items():
            if name in out:
                out[name] = conv(out[name])
        return out

    return structure


@cache
def _output_converter(op: OperationModel) -> Convert:
    return _converter(op.output_shape) if op.output_shape is not None else _identity


@lru_cache(maxsize=4)
def _http_date(second: int) -> str:
    return formatdate(second, usegmt=True)


def _headers(request_id: str, now: float) -> dict[str, str]:
    return {
        "x-amzn-requestid": request_id,
        "content-type": "application/json",
        "date": _http_date(int(now)),
    }


def _customized(parser_factory: Any) -> bool:
    """Whether a client's parser factory was given its own parsers (the AWS CLI's
    timestamp and blob parsers, ``set_parser_defaults``); None: the default one."""
    return parser_factory is not None and bool(getattr(parser_factory, "_defaults", None))


def _parser(parser_factory: Any, op: OperationModel) -> Any:
    """The response parser the client would use (botocore's default one without a factory;
    a factory without parsers of its own makes the default parsers too)."""
    factory = parsers if parser_factory is None else parser_factory
    return factory.create_parser(op.service_model.protocol)


def _parse(parser: Any, response_dict: dict[str, Any], shape: Shape | None) -> dict[str, Any]:
    parsed: dict[str, Any] = parser.parse(response_dict, cast(Shape, shape))
    return parsed


def success(
    op: OperationModel,
    body: Body | Output,
    request_id: str,
    now: float,
    parser_factory: Any = None,
) -> tuple[AWSResponse, dict[str, Any]]:
    """The (http, parsed) pair for a successful call; ``body`` is the JSON the service sends,
    or an :class:`Output` (header members, a streaming payload).

    With the default parsers the parsed form of a JSON body is built directly (timestamps and
    blobs are the only conversions a JSON body needs); a client whose parser factory has its
    own parsers gets botocore's parser of that factory over the serialized body, as from the
    network. An :class:`Output` always goes through the client's parser (:func:`output`).
    """
    if type(body) is not dict:
        assert isinstance(body, Output)
        return output(op, body, request_id, now, parser_factory)
    status = op.http.get("responseCode", 200)
    headers = _headers(request_id, now)
    if _customized(parser_factory):
        raw = {"status_code": status, "headers": headers, "body": json.dumps(body).encode()}
        parsed = _parse(_parser(parser_factory, op), raw, op.output_shape)
    else:
        convert = _output_converter(op)
        parsed = dict(body) if convert is _identity else convert(body)
    parsed["ResponseMetadata"] = {
        "RequestId": request_id,
        "HTTPStatusCode": status,
        "HTTPHeaders": headers,
        "RetryAttempts": 0,
    }
    return _Response(status, headers, body), parsed


def payload_member(op: OperationModel) -> str | None:
    """The output member the model sends as the whole HTTP body, if any (``Payload``)."""
    shape = op.output_shape
    return None if shape is None else shape.serialization.get("payload")


def _header_value(shape: Shape, value: Any) -> str:
    """A header member's value as the service writes it (botocore's rest parser reads it)."""
    kind = shape.type_name
    if kind == "string":
        return str(value)
    if kind in ("integer", "long"):
        return str(int(value))
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "timestamp":
        return formatdate(float(value), usegmt=True)
    raise FakeDefectError(f"header member of type {kind} ({shape.name}) is not supported")


def _http_parts(op: OperationModel, answer: Output) -> tuple[dict[str, str], bytes]:
    """The headers an :class:`Output` adds and the HTTP body it is sent as."""
    shape = op.output_shape
    members = shape.members if isinstance(shape, StructureShape) else {}
    headers: dict[str, str] = {}
    for name, value in answer.headers.items():
        member = members.get(name)
        if member is None or member.serialization.get("location") != "header":
            raise FakeDefectError(f"{op.name}: {name} is not a header member of its output")
        headers[member.serialization.get("name", name).lower()] = _header_value(member, value)
    payload = payload_member(op)
    if answer.payload is None:
        return headers, json.dumps(answer.body).encode()
    if payload is None or not members[payload].serialization.get("streaming"):
        raise FakeDefectError(f"{op.name}: its output has no streaming payload member")
    if answer.body:
        raise FakeDefectError(f"{op.name}: a payload answer has no JSON body members")
    headers["content-length"] = str(len(answer.payload))
    return headers, answer.payload


def raw_response(
    op: OperationModel, answer: Output, status: int, base: dict[str, str] | None = None
) -> dict[str, Any]:
    """The response dict botocore's parser reads, as ``convert_to_response_dict`` builds it
    from the network (``base``: the headers every answer has): a streaming payload is a fresh
    ``StreamingBody`` over the bytes."""
    extra, data = _http_parts(op, answer)
    headers = (base or {}) | extra
    body: bytes | StreamingBody = data
    if answer.payload is not None:
        body = StreamingBody(io.BytesIO(data), len(data))
    return {
        "status_code": status,
        "headers": HeadersDict(headers),
        "body": body,
        "context": {"operation_name": op.name},
    }


def parse_response(
    op: OperationModel, raw: dict[str, Any], parser_factory: Any = None
) -> dict[str, Any]:
    """What the client's parser (botocore's default one without a factory) makes of ``raw``."""
    return _parse(_parser(parser_factory, op), raw, op.output_shape)


def output(
    op: OperationModel, answer: Output, request_id: str, now: float, parser_factory: Any = None
) -> tuple[AWSResponse, dict[str, Any]]:
    """The (http, parsed) pair for an :class:`Output`: header members in their headers (a
    ``Content-Type`` member replaces the JSON one), the payload as the HTTP body, parsed by
    the client's parser exactly as from the network."""
    status = op.http.get("responseCode", 200)
    raw = raw_response(op, answer, status, _headers(request_id, now))
    headers = dict(raw["headers"].items())
    parsed = parse_response(op, raw, parser_factory)
    parsed["ResponseMetadata"] = {
        "RequestId": request_id,
        "HTTPStatusCode": status,
        "HTTPHeaders": headers,
        "RetryAttempts": 0,
    }
    sent = answer.body if answer.payload is None else answer.payload
    return _Response(status, headers, sent), parsed


def error(
    op: OperationModel,
    code: str,
    message: str,
    request_id: str,
    now: float,
    namespace: str,
    parser_factory: Any = None,
    *,
    validation_error: str = "",
) -> tuple[AWSResponse, dict[str, Any]]:
    """The (http, parsed) pair for a modeled error, parsed by botocore's own parser (the
    client's, when its factory has its own parsers); ``namespace`` follows the code in the
    ``x-amzn-ErrorType`` header (the service's, from its spec).

    The code must be one the operation lists, except the service's ``validation_error``: a
    service checks every request, and older models list no error at all for some operations
    (botocore 1.34.0's ivs BatchGetChannel)."""
    service = op.service_model
    if code != validation_error and code not in {shape.name for shape in op.error_shapes}:
        raise FakeDefectError(
            f"the fake answered {service.service_name}.{op.name} with {code}, "
            f"which the model does not list for it: {[s.name for s in op.error_shapes]}"
        )
    shape = cast(Any, service).shape_for_error_code(code)
    assert isinstance(shape, StructureShape)
    status = shape.metadata["error"]["httpStatusCode"]
    message_member = _message_member(shape)
    body = {message_member: message}
    headers = _headers(request_id, now) | {"x-amzn-errortype": f"{code}:{namespace}"}
    http = _Response(status, headers, body)
    response_dict = {
        "status_code": status,
        "headers": http.headers,
        "body": json.dumps(body).encode(),
        "context": {"operation_name": op.name},
    }
    parser = _parser(parser_factory, op)  # one parser for the output and the error shapes
    parsed = _parse(parser, response_dict, op.output_shape)
    parsed.update(_parse(parser, response_dict, shape))
    parsed["ResponseMetadata"]["RetryAttempts"] = 0
    return http, parsed


def _message_member(shape: StructureShape) -> str:
    for name, member in shape.members.items():
        if member.type_name == "string" and "location" not in member.serialization:
            return name
    raise FakeDefectError(f"error shape {shape.name} has no message member")


def botocore_parse(
    op: OperationModel, body: Body, status: int, parser_factory: Any = None
) -> dict[str, Any]:
    """What botocore's own parser (the client's factory's) makes of ``body`` (used to check
    the fast path)."""
    raw = {"status_code": status, "headers": {}, "body": json.dumps(body).encode()}
    parsed = _parse(_parser(parser_factory, op), raw, op.output_shape)
    parsed.pop("ResponseMetadata", None)
    return parsed
