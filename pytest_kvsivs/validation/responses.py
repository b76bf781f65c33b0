"""Response checks for the project's own tests (``check_responses``).

Every success body is validated with jsonschema against the operation's output
schema (types, enums, lengths, patterns, closed objects), and the parsed form
the fake hands to the caller is compared with what botocore's parser makes of
the same JSON.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jsonschema
from botocore.model import OperationModel
from botocore.response import StreamingBody

from ..services.base import Output
from ..wire import Body, botocore_parse, parse_response, payload_member, raw_response
from .schema import operation_schema


@cache
def output_validator(service: str, operation: str) -> jsonschema.Draft202012Validator:
    schema = operation_schema(service, operation, "output")
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def response_problems(
    op: OperationModel, body: Body | Output, parsed: dict[str, Any], parser_factory: Any = None
) -> list[str]:
    """Why this response could not have come from the real service (empty when fine).

    ``parser_factory``: the client's, when it has parsers of its own (the AWS CLI's); the
    comparison then uses that factory's parser, as the client would. An :class:`Output`'s JSON
    members are validated like a body (the schema leaves header members out: the model's
    ``ContentType`` pattern, with no ``/``, cannot match the ``video/webm`` the service sends);
    its parse is compared with botocore's, a streaming payload by type and bytes."""
    if isinstance(body, Output):
        return _output_problems(op, body, parsed, parser_factory)
    service = op.service_model.service_name
    problems = [
        f"{'/'.join(map(str, err.absolute_path)) or '(body)'}: {err.message}"
        for err in output_validator(service, op.name).iter_errors(body)
    ]
    status = parsed["ResponseMetadata"]["HTTPStatusCode"]
    try:
        expected = botocore_parse(op, body, status, parser_factory)
    except Exception as exc:  # botocore's own error, whatever it is, is the finding
        return [*problems, f"botocore cannot parse the body: {exc!r}"]
    actual = {k: v for k, v in parsed.items() if k != "ResponseMetadata"}
    if expected != actual:
        problems.append(f"parsed response {actual!r} differs from botocore's parse {expected!r}")
    return problems


def _output_problems(
    op: OperationModel, answer: Output, parsed: dict[str, Any], parser_factory: Any
) -> list[str]:
    service = op.service_model.service_name
    problems = [
        f"{'/'.join(map(str, err.absolute_path)) or '(body)'}: {err.message}"
        for err in output_validator(service, op.name).iter_errors(answer.body)
    ]
    status = parsed["ResponseMetadata"]["HTTPStatusCode"]
    expected = parse_response(op, raw_response(op, answer, status), parser_factory)
    expected.pop("ResponseMetadata", None)
    actual = {k: v for k, v in parsed.items() if k != "ResponseMetadata"}
    payload = payload_member(op)
    if answer.payload is not None and payload is not None:
        streamed = actual.pop(payload, None)
        if not isinstance(streamed, StreamingBody):
            problems.append(f"{payload} is {type(streamed).__name__}, not a StreamingBody")
        reference = expected.pop(payload)
        if reference.read() != answer.payload:
            problems.append(f"botocore reads another {payload} than the answer's bytes")
    if expected != actual:
        problems.append(f"parsed response {actual!r} differs from botocore's parse {expected!r}")
    return problems
