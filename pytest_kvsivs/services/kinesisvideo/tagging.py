"""Tags of KVS resources: TagResource, UntagResource, ListTagsForResource (list form on
requests, map form on the listing), and the per-resource limit."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ...model import KINESISVIDEO
from ..base import Body, Call, Params
from ..common import model_limit
from . import errors
from .defaults import RESERVED_TAG_PREFIX
from .lookup import after_token
from .registry import operation

if TYPE_CHECKING:
    from .state import KinesisVideoState, Tagged

MAX_TAGS = model_limit(KINESISVIDEO, "ResourceTags")
"""Tags per resource: the model's ResourceTags map maximum (the documented 50)."""


def check_tag_keys(keys: Iterable[str]) -> None:
    reserved = sorted(k for k in keys if k.lower().startswith(RESERVED_TAG_PREFIX))
    if reserved:
        raise errors.invalid_argument(
            f"Tag keys starting with '{RESERVED_TAG_PREFIX}' are reserved for AWS use: {reserved}."
        )


def tags_from_list(tags: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """A request's [{Key, Value}] list as a map (a repeated key keeps its last value)."""
    if not tags:
        return {}
    merged = {tag["Key"]: tag["Value"] for tag in tags}
    check_tag_keys(merged)
    return merged


def add_tags(resource: Tagged, new: Mapping[str, str]) -> None:
    check_tag_keys(new)
    total = len(resource.tags.keys() | new.keys())
    if total > MAX_TAGS:
        raise errors.limit_exceeded(
            "TagsPerResourceExceededLimitException",
            f"The resource would have {total} tags; a resource can have at most {MAX_TAGS}.",
        )
    resource.tags.update(new)


def _resource(call: Call[KinesisVideoState], arn: str) -> Tagged:
    resource = call.state.tagged(arn, call.now)
    if resource is None:
        raise errors.not_found("resource")
    return resource


@operation("TagResource")
def tag_resource(call: Call[KinesisVideoState], params: Params) -> Body:
    resource = _resource(call, params["ResourceARN"])
    add_tags(resource, {tag["Key"]: tag["Value"] for tag in params["Tags"]})
    return {}


@operation("UntagResource")
def untag_resource(call: Call[KinesisVideoState], params: Params) -> Body:
    resource = _resource(call, params["ResourceARN"])
    for key in params["TagKeyList"]:
        resource.tags.pop(key, None)
    return {}


@operation("ListTagsForResource")
def list_tags_for_resource(call: Call[KinesisVideoState], params: Params) -> Body:
    resource = _resource(call, params["ResourceARN"])
    # Every resource's tags fit in one page: the fake never mints a token here.
    after_token(params, "ListTagsForResource", params["ResourceARN"])
    return {"Tags": dict(resource.tags)}
