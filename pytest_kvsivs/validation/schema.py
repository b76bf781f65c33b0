"""botocore shapes as JSON Schema (draft 2020-12), built once per shape and cached.

The schema is the single description of a request or response that every
checker uses: the compiled request validator (:mod:`.compiler`), jsonschema for
response checks in tests, and property-based generators.

``direction="input"`` describes what a caller passes to a botocore client
(unknown members are allowed: botocore's serializer drops them before the wire);
``direction="output"`` describes the JSON body the fake emits (closed objects,
timestamps as the protocol's wire form). Output lists and maps carry no minimum
size: the services answer an empty ``[]`` or ``{}`` (for example the tags of an
untagged channel) where the model's shape, shared with requests, says min 1.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Literal

from botocore.model import ListShape, MapShape, Shape, StringShape, StructureShape

from ..model import service_model
from .patterns import anchored, corrected

Direction = Literal["input", "output"]
JsonSchema = dict[str, Any]

DIALECT = "https://json-schema.org/draft/2020-12/schema"

OUTPUT_ENUM_EXTRAS: dict[str, tuple[str, ...]] = {
    # IVS Channel.preset: the model documents "" for BASIC and STANDARD channels, the CLI
    # examples and real answers show it, but the TranscodePreset enum lacks it.
    "TranscodePreset": ("",),
}
"""Values the services answer that an output member's enum lacks, by shape name."""


def _scalar(shape: Shape, direction: Direction) -> JsonSchema:
    meta = shape.metadata
    kind = shape.type_name
    schema: JsonSchema
    if kind == "string":
        schema = {"type": "string"}
        if isinstance(shape, StringShape) and shape.enum:
            schema["enum"] = list(shape.enum)
            if direction == "output":
                schema["enum"] += OUTPUT_ENUM_EXTRAS.get(shape.name, ())
        if "min" in meta:
            schema["minLength"] = meta["min"]
        if "max" in meta:
            schema["maxLength"] = meta["max"]
        if "pattern" in meta:
            pattern = corrected(meta["pattern"])
            schema["pattern"] = anchored(pattern)
            schema["x-pattern"] = pattern
    elif kind in ("integer", "long"):
        schema = {"type": "integer"}
        if "min" in meta:
            schema["minimum"] = meta["min"]
        if "max" in meta:
            schema["maximum"] = meta["max"]
    elif kind in ("float", "double"):
        schema = {"type": "number"}
        if "min" in meta:
            schema["minimum"] = meta["min"]
        if "max" in meta:
            schema["maximum"] = meta["max"]
    elif kind == "boolean":
        schema = {"type": "boolean"}
    elif kind == "timestamp":
        # Inputs: botocore accepts datetimes, strings and numbers and serializes them.
        # Outputs: epoch seconds unless the member says iso8601 (IVS).
        if direction == "input":
            schema = {}
        elif shape.serialization.get("timestampFormat") == "iso8601":
            schema = {"type": "string", "format": "date-time"}
        else:
            schema = {"type": "number"}
    elif kind == "blob":
        schema = {} if direction == "input" else {"type": "string", "contentEncoding": "base64"}
    else:  # pragma: no cover - every botocore scalar type is listed above
        raise ValueError(f"unsupported shape type {kind!r} ({shape.name})")
    return schema


def _build(shape: Shape, direction: Direction, defs: dict[str, JsonSchema]) -> JsonSchema:
    if shape.type_name not in ("structure", "list", "map"):
        return _scalar(shape, direction)
    ref = {"$ref": f"#/$defs/{shape.name}"}
    if shape.name in defs:
        return ref
    defs[shape.name] = {}  # placeholder: recursive shapes refer to themselves
    meta = shape.metadata
    schema: JsonSchema
    if isinstance(shape, StructureShape):
        members = {
            name: _build(member, direction, defs)
            for name, member in shape.members.items()
            if member.serialization.get("location") not in ("header", "headers", "statusCode")
            or direction == "input"
        }
        schema = {"type": "object", "properties": members}
        if shape.required_members:
            schema["required"] = list(shape.required_members)
        if direction == "output":
            schema["additionalProperties"] = False
    elif isinstance(shape, ListShape):
        schema = {"type": "array", "items": _build(shape.member, direction, defs)}
        if "min" in meta and direction == "input":
            schema["minItems"] = meta["min"]
        if "max" in meta:
            schema["maxItems"] = meta["max"]
    else:
        assert isinstance(shape, MapShape)
        schema = {
            "type": "object",
            "propertyNames": _build(shape.key, direction, defs),
            "additionalProperties": _build(shape.value, direction, defs),
        }
        if "min" in meta and direction == "input":
            schema["minProperties"] = meta["min"]
        if "max" in meta:
            schema["maxProperties"] = meta["max"]
    defs[shape.name] = schema
    return ref


@cache
def operation_schema(service: str, operation: str, direction: Direction) -> JsonSchema:
    """The JSON Schema of one operation's input or output (an empty object if it has none)."""
    op = service_model(service).operation_model(operation)
    shape = op.input_shape if direction == "input" else op.output_shape
    if shape is None:
        return {"$schema": DIALECT, "type": "object"}
    defs: dict[str, JsonSchema] = {}
    root = _build(shape, direction, defs)
    return {"$schema": DIALECT, "$ref": root["$ref"], "$defs": defs}
