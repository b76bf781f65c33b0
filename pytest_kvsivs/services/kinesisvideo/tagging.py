"""Tags of KVS resources: TagResource, UntagResource, ListTagsForResource (list form on
requests, map form on the listing), and the per-resource limit."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ...errors import ServiceError
from ...model import KINESISVIDEO
from .. import tags
from ..base import Body, Call, Params
from ..common import model_limit
from . import errors
from .lookup import after_token
from .registry import operation
from .state import KinesisVideoState, Tagged

MAX_TAGS = model_limit(KINESISVIDEO, "ResourceTags")
"""Tags per resource: the model's ResourceTags map maximum (the documented 50)."""


def _reserved(keys: list[str]) -> ServiceError:
    return errors.invalid_argument(
        f"Tag keys starting with '{tags.RESERVED_PREFIX}' are reserved for AWS use: {keys}."
    )


def _too_many(total: int) -> ServiceError:
    return errors.limit_exceeded(
        "TagsPerResourceExceededLimitException",
        f"The resource would have {total} tags; a resource can have at most {MAX_TAGS}.",
    )


def check_tag_keys(keys: Iterable[str]) -> None:
    tags.check_reserved(keys, _reserved)


def tags_from_list(tags: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """A request's [{Key, Value}] list as a map (a repeated key keeps its last value)."""
    if not tags:
        return {}
    merged = {tag["Key"]: tag["Value"] for tag in tags}
    check_tag_keys(merged)
    return merged


def add_tags(resource: Tagged, new: Mapping[str, str]) -> None:
    tags.merge(resource.tags, new, MAX_TAGS, _too_many, _reserved)


def remove_tags(resource: Tagged, keys: Iterable[str]) -> None:
    tags.untag(resource.tags, keys)


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
    remove_tags(_resource(call, params["ResourceARN"]), params["TagKeyList"])
    return {}


@operation("ListTagsForResource")
def list_tags_for_resource(call: Call[KinesisVideoState], params: Params) -> Body:
    resource = _resource(call, params["ResourceARN"])
    # Every resource's tags fit in one page: the fake never mints a token here.
    after_token(params, "ListTagsForResource", params["ResourceARN"])
    return {"Tags": dict(resource.tags)}
