"""Hypothesis strategies generated from the operation schemas the validator itself uses.

``valid(schema)`` draws requests that satisfy every constraint; ``sites(schema)`` lists the
constraints of a request (member path, constraint) so a test can break exactly one
(``break_at``); ``error_of`` is the error response a call gets.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from botocore.exceptions import ClientError
from hypothesis import assume
from hypothesis import strategies as st

from pytest_kvsivs.validation.compiler import member_segment
from pytest_kvsivs.validation.patterns import to_python

Schema = dict[str, Any]
Overrides = Mapping[str, st.SearchStrategy[Any]]
"""Member name -> strategy used instead of the schema's (identifiers of existing resources)."""

MAX_TEXT = 300


def _resolve(schema: Schema, defs: Schema) -> Schema:
    while "$ref" in schema:
        schema = defs[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


SAMPLE_CATEGORIES = {"L": "a-zA-Z\u00e9\u00fc\u03a9\u540d", "N": "0-9\u0663\u00bd", "Z": " \u2003"}
"""A few members of each Unicode category (the full classes make generation ~20x slower)."""


def _string(schema: Schema) -> st.SearchStrategy[str]:
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    lo = schema.get("minLength", 0)
    hi = min(schema.get("maxLength", MAX_TEXT), MAX_TEXT)
    if "pattern" in schema:
        rx = re.compile(rf"\A(?:{to_python(schema['x-pattern'], SAMPLE_CATEGORIES)})\Z")
        return (
            st.from_regex(rx, fullmatch=True)
            .map(lambda s: s[:hi])
            .filter(lambda s: lo <= len(s) and rx.search(s) is not None)
        )
    return st.text(min_size=lo, max_size=hi)


def valid(
    schema: Schema, defs: Schema, overrides: Overrides | None = None
) -> st.SearchStrategy[Any]:
    """Values satisfying every constraint of ``schema``."""
    overrides = overrides or {}
    schema = _resolve(schema, defs)
    kind = schema.get("type")
    if kind == "string":
        return _string(schema)
    if kind == "integer":
        return st.integers(schema.get("minimum", -(2**31)), schema.get("maximum", 2**31 - 1))
    if kind == "number":
        return st.floats(schema.get("minimum"), schema.get("maximum"), allow_nan=False)
    if kind == "boolean":
        return st.booleans()
    if kind == "array":
        lo, hi = schema.get("minItems", 0), schema.get("maxItems", 5)
        return st.lists(valid(schema["items"], defs), min_size=lo, max_size=max(lo, min(hi, 5)))
    if kind == "object" and "properties" in schema:
        required = set(schema.get("required", ()))
        members = {
            name: overrides[name] if name in overrides else valid(sub, defs, overrides)
            for name, sub in schema["properties"].items()
        }
        return st.fixed_dictionaries(
            {k: v for k, v in members.items() if k in required},
            optional={k: v for k, v in members.items() if k not in required},
        )
    if kind == "object":
        lo, hi = schema.get("minProperties", 0), schema.get("maxProperties", 5)
        return st.dictionaries(
            valid(schema.get("propertyNames", {"type": "string"}), defs),
            valid(schema.get("additionalProperties", {"type": "string"}), defs),
            min_size=lo,
            max_size=max(lo, min(hi, 5)),
        )
    return st.none()  # timestamps and blobs of inputs: none in the operations served so far


@dataclass(frozen=True)
class Site:
    """One constraint of one member: where it is, and how to break it."""

    path: tuple[str, ...]
    """Member names from the request root."""
    constraint: str
    breaker: Callable[[Any], Any]
    """Given a valid value of the member (or None if absent), a value breaking the constraint."""

    @property
    def service_path(self) -> str:
        return ".".join(member_segment(p) for p in self.path)


MISSING = object()


def _string_breakers(schema: Schema) -> Iterator[tuple[str, Callable[[Any], Any]]]:
    rx = re.compile(schema["pattern"]) if "pattern" in schema else None
    if "enum" in schema:
        yield "enum", lambda v: "NOT_" + "_".join(schema["enum"])[:40]
    if "maxLength" in schema:
        hi = schema["maxLength"]
        yield "maxLength", lambda v: (v or "a") + (v or "a")[-1] * (hi + 1 - len(v or "a"))
    if schema.get("minLength", 0) > 1:
        lo = schema["minLength"]
        yield "minLength", lambda v: (v or "a" * lo)[: lo - 1]
    if rx is not None:
        broken = _pattern_breaker(rx, schema.get("minLength", 0), schema.get("maxLength", MAX_TEXT))
        if broken is not None:
            yield "pattern", broken


def _pattern_breaker(rx: re.Pattern[str], lo: int, hi: int) -> Callable[[Any], Any] | None:
    """A way to make a valid value fail ``rx`` at a valid length, if the pattern has one."""
    edits: list[Callable[[str], str]] = [
        lambda v, c=c: (v[:-1] + c) if len(v) > max(lo, 1) - 1 else v + c
        for c in ("\x07", "\n", "*", "!", " ", "/", "{")
    ]
    edits.append(lambda v: "\n" + v[1:])

    def breaker(value: Any) -> Any:
        v = value or "a" * max(lo, 1)
        for edit in edits:
            candidate = edit(v)
            if lo <= len(candidate) <= hi and rx.search(candidate) is None:
                return candidate
        return "\n"  # every candidate matched: the pattern accepts almost anything

    return breaker


def sites(schema: Schema, defs: Schema, path: tuple[str, ...] = ()) -> Iterator[Site]:
    """Every top-level and nested member constraint of a request schema."""
    schema = _resolve(schema, defs)
    for name, sub in schema.get("properties", {}).items():
        member = (*path, name)
        if name in schema.get("required", ()):
            yield Site(member, "required", lambda v: MISSING)
        sub = _resolve(sub, defs)
        kind = sub.get("type")
        if kind == "string":
            for constraint, breaker in _string_breakers(sub):
                yield Site(member, constraint, breaker)
        elif kind == "integer":
            if "minimum" in sub:
                yield Site(member, "minimum", lambda v, lo=sub["minimum"]: lo - 1)
            if "maximum" in sub:
                yield Site(member, "maximum", lambda v, hi=sub["maximum"]: hi + 1)
        elif kind == "array" and "maxItems" in sub:
            hi = sub["maxItems"]
            yield Site(member, "maxItems", lambda v, hi=hi: (v or [None])[:1] * (hi + 1))
        elif kind == "object" and "properties" in sub:
            yield from sites(sub, defs, member)


def _get(params: dict[str, Any], path: tuple[str, ...]) -> Any:
    node: Any = params
    for name in path:
        if not isinstance(node, dict) or name not in node:
            return MISSING
        node = node[name]
    return node


def _set(params: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    node = params
    for name in path[:-1]:
        node = node[name]
    if value is MISSING:
        node.pop(path[-1], None)
    else:
        node[path[-1]] = value


def break_at(params: dict[str, Any], site: Site) -> None:
    """Break ``site``'s constraint in a valid request, in place (hypothesis ``assume``s away
    requests where the member's parent is absent, or a list to overfill is missing or empty)."""
    assume(len(site.path) == 1 or _get(params, site.path[:-1]) is not MISSING)
    current = _get(params, site.path)
    assume(site.constraint != "maxItems" or current not in (MISSING, []))
    _set(params, site.path, site.breaker(None if current is MISSING else current))


def error_of(call: Callable[[], object]) -> dict[str, Any] | None:
    """The error response of a call, or None if it succeeded."""
    try:
        call()
    except ClientError as err:
        return dict(err.response)
    return None
