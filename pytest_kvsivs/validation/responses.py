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

from ..wire import Body, botocore_parse
from .schema import operation_schema


@cache
def output_validator(service: str, operation: str) -> jsonschema.Draft202012Validator:
    schema = operation_schema(service, operation, "output")
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def response_problems(
    op: OperationModel, body: Body, parsed: dict[str, Any], parser_factory: Any = None
) -> list[str]:
    """Why this response could not have come from the real service (empty when fine).

    ``parser_factory``: the client's, when it has parsers of its own (the AWS CLI's); the
    comparison then uses that factory's parser, as the client would."""
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
