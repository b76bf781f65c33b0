"""A JSON Schema (as built by :mod:`.schema`) compiled into fast Python checks.

jsonschema is the reference implementation of these schemas (the test suite
checks that both agree), but it costs about 50 us per small request in pure
Python while a whole botocore call costs about 70 us. The request path needs
every constraint checked and *all* violations reported in the service's own
message format, so the schema is compiled once per operation into closures
that do only what the schema asks and describe what they find.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .schema import JsonSchema

NULL = object()
"""Marks a missing value in a :class:`Violation`."""


@dataclass(frozen=True)
class Violation:
    """One failed constraint: where, what value, which constraint (service wording)."""

    path: str
    value: object
    constraint: str


Check = Callable[[Any, str, list[Violation]], None]

_JSON_TYPES: Mapping[str, Callable[[object], bool]] = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "array": lambda v: isinstance(v, list | tuple),
    "object": lambda v: isinstance(v, dict),
}


def member_segment(name: str) -> str:
    """The path segment the service prints for a member: first letter lower-cased."""
    return name[:1].lower() + name[1:]


def join(path: str, segment: str) -> str:
    return f"{path}.{segment}" if path else segment


def constraint_phrases(schema: JsonSchema) -> list[str]:
    """Every constraint of a scalar schema, in the service's wording."""
    phrases = []
    if "enum" in schema:
        phrases.append(f"Member must satisfy enum value set: [{', '.join(schema['enum'])}]")
    for key, word, rel in (
        ("maxLength", "length", "less than or equal to"),
        ("minLength", "length", "greater than or equal to"),
        ("maxItems", "length", "less than or equal to"),
        ("minItems", "length", "greater than or equal to"),
        ("maxProperties", "length", "less than or equal to"),
        ("minProperties", "length", "greater than or equal to"),
        ("maximum", "value", "less than or equal to"),
        ("minimum", "value", "greater than or equal to"),
    ):
        if key in schema:
            phrases.append(f"Member must have {word} {rel} {schema[key]}")
    if "pattern" in schema:
        phrases.append(f"Member must satisfy regular expression pattern: {schema['x-pattern']}")
    return phrases


class Compiler:
    """Compiles one operation schema (with its ``$defs``) into a :data:`Check`."""

    def __init__(self, root: JsonSchema) -> None:
        self._root = root
        self._defs: dict[str, JsonSchema] = root.get("$defs", {})
        self._compiled: dict[str, Check] = {}

    def compile_root(self) -> Check:
        return self.compile(self._root)

    def compile(self, schema: JsonSchema) -> Check:
        if "$ref" in schema:
            return self._ref(schema["$ref"].rsplit("/", 1)[-1])
        kind = schema.get("type")
        if kind is None:
            return _accept
        if kind == "object" and "properties" in schema:
            return self._structure(schema)
        if kind == "object":
            return self._map(schema)
        if kind == "array":
            return self._list(schema)
        return _scalar(schema)

    def resolve(self, schema: JsonSchema) -> JsonSchema:
        if "$ref" in schema:
            return self._defs[schema["$ref"].rsplit("/", 1)[-1]]
        return schema

    def _ref(self, name: str) -> Check:
        if name not in self._compiled:
            slot: list[Check] = []
            self._compiled[name] = lambda v, path, out: slot[0](v, path, out)
            slot.append(self.compile(self._defs[name]))
            self._compiled[name] = slot[0]
        return self._compiled[name]

    def _structure(self, schema: JsonSchema) -> Check:
        required = frozenset(schema.get("required", ()))
        members = tuple(
            (name, member_segment(name), self.compile(sub))
            for name, sub in schema["properties"].items()
        )
        type_error = _type_phrase("object")

        def check(value: Any, path: str, out: list[Violation]) -> None:
            if not isinstance(value, dict):
                out.append(Violation(path, value, type_error))
                return
            for name, segment, sub in members:
                item = value.get(name)
                if item is None:
                    if name in required:
                        out.append(Violation(join(path, segment), NULL, "Member must not be null"))
                    continue
                sub(item, join(path, segment), out)

        return check

    def _list(self, schema: JsonSchema) -> Check:
        items = self.compile(schema["items"])
        size = _size_check(schema, "minItems", "maxItems")
        item_is_structure = "properties" in self.resolve(schema["items"])
        type_error = _type_phrase("array")

        def check(value: Any, path: str, out: list[Violation]) -> None:
            if not isinstance(value, list | tuple):
                out.append(Violation(path, value, type_error))
                return
            size(value, path, out)
            for index, item in enumerate(value, 1):
                if item is None:
                    continue
                where = f"{path}.{index}.member" if item_is_structure else f"{path}.{index}"
                items(item, where, out)

        return check

    def _map(self, schema: JsonSchema) -> Check:
        size = _size_check(schema, "minProperties", "maxProperties")
        keys = self.compile(self.resolve(schema.get("propertyNames", {})))
        values = self.compile(self.resolve(schema.get("additionalProperties", {})))
        key_rule = _summary("Map keys", self.resolve(schema.get("propertyNames", {})))
        value_rule = _summary("Map value", self.resolve(schema.get("additionalProperties", {})))
        type_error = _type_phrase("object")

        def check(value: Any, path: str, out: list[Violation]) -> None:
            if not isinstance(value, dict):
                out.append(Violation(path, value, type_error))
                return
            size(value, path, out)
            key_faults: list[Violation] = []
            value_faults: list[Violation] = []
            for key, item in value.items():
                keys(key, path, key_faults)
                if item is not None:
                    values(item, path, value_faults)
            if key_faults:
                out.append(Violation(path, value, key_rule))
            if value_faults:
                out.append(Violation(path, value, value_rule))

        return check


def _accept(value: Any, path: str, out: list[Violation]) -> None:
    return None


def _type_phrase(kind: str) -> str:
    return f"Member must be of type {kind}"


def _summary(what: str, schema: JsonSchema) -> str:
    return f"{what} must satisfy constraint: [{', '.join(constraint_phrases(schema))}]"


def _size_check(schema: JsonSchema, low_key: str, high_key: str) -> Check:
    low, high = schema.get(low_key), schema.get(high_key)
    too_long = f"Member must have length less than or equal to {high}"
    too_short = f"Member must have length greater than or equal to {low}"

    def check(value: Any, path: str, out: list[Violation]) -> None:
        n = len(value)
        if high is not None and n > high:
            out.append(Violation(path, value, too_long))
        if low is not None and n < low:
            out.append(Violation(path, value, too_short))

    return check


def _scalar(schema: JsonSchema) -> Check:
    kind = schema["type"]
    is_type = _JSON_TYPES[kind]
    type_error = _type_phrase(kind)
    phrases = dict(zip(_constraint_keys(schema), constraint_phrases(schema), strict=True))
    enum = frozenset(schema.get("enum", ()))
    min_len, max_len = schema.get("minLength"), schema.get("maxLength")
    minimum, maximum = schema.get("minimum"), schema.get("maximum")
    search = re.compile(schema["pattern"]).search if "pattern" in schema else None

    def check(value: Any, path: str, out: list[Violation]) -> None:
        if not is_type(value):
            out.append(Violation(path, value, type_error))
            return
        if enum and value not in enum:
            out.append(Violation(path, value, phrases["enum"]))
        if max_len is not None and len(value) > max_len:
            out.append(Violation(path, value, phrases["maxLength"]))
        if min_len is not None and len(value) < min_len:
            out.append(Violation(path, value, phrases["minLength"]))
        if maximum is not None and value > maximum:
            out.append(Violation(path, value, phrases["maximum"]))
        if minimum is not None and value < minimum:
            out.append(Violation(path, value, phrases["minimum"]))
        if search is not None and not search(value):
            out.append(Violation(path, value, phrases["pattern"]))

    return check


def _constraint_keys(schema: JsonSchema) -> list[str]:
    """The keys of :func:`constraint_phrases`, in the same order."""
    order = (
        "enum", "maxLength", "minLength", "maxItems", "minItems",
        "maxProperties", "minProperties", "maximum", "minimum", "pattern",
    )  # fmt: skip
    return [key for key in order if key in schema]
