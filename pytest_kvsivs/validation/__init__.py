"""Model-driven request validation, checked the way the services check server-side.

botocore's client-side validation only checks required members, types and
minimums; the services also check maximum lengths and sizes, enums, patterns
(whole-value) and ranges, and report every violation of a request in one error.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from .compiler import NULL, Check, Compiler, Violation
from .schema import operation_schema

__all__ = ["Violation", "request_check", "validation_message"]


@cache
def request_check(service: str, operation: str) -> Check:
    """The compiled request check of one operation (built on first use, then cached)."""
    return Compiler(operation_schema(service, operation, "input")).compile_root()


def validate_request(service: str, operation: str, params: Mapping[str, Any]) -> list[Violation]:
    found: list[Violation] = []
    request_check(service, operation)(params, "", found)
    return found


def render_value(value: object) -> str:
    """A value as the (Java) services print it in validation messages."""
    if value is NULL or value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(render_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}={render_value(v)}" for k, v in value.items()) + "}"
    return str(value)


def validation_message(violations: list[Violation]) -> str:
    """All violations in one message, in the services' (Coral) format."""
    count = len(violations)
    noun = "error" if count == 1 else "errors"
    parts = [
        f"Value {'null' if v.value is NULL else repr_quoted(v.value)} at '{v.path}' "
        f"failed to satisfy constraint: {v.constraint}"
        for v in violations
    ]
    return f"{count} validation {noun} detected: " + "; ".join(parts)


def repr_quoted(value: object) -> str:
    return f"'{render_value(value)}'"
