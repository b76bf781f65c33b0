"""Tags of every taggable IVS resource, by its ARN: TagResource, UntagResource,
ListTagsForResource; and the tags a Create request gives (the same rules).

The rules (a per-resource limit that counts merged keys, the reserved ``aws:`` prefix,
unknown keys untagged silently) are the core's (``services/tags.py``) with IVS's errors.
The model's ResourceArn pattern matches no real ARN; the validation core enforces the
corrected one (``validation.patterns.CORRECTIONS``), so real ARNs reach these handlers.
"""

from __future__ import annotations

from functools import partial

from ...model import IVS
from .. import tags
from ..base import Body, Call, Params
from ..common import model_limit
from . import errors
from .lookup import find_any
from .registry import operation
from .state import IvsState

MAX_TAGS = model_limit(IVS, "Tags")
"""Tags per resource: the model's Tags map maximum (the documented 50)."""

_too_many = partial(errors.too_many_tags, limit=MAX_TAGS)


def new_tags(params: Params) -> dict[str, str]:
    """The tags of a Create request (a copy), after the reserved-prefix check; ``{}`` if none."""
    created: dict[str, str] = {}
    tags.merge(created, params.get("tags") or {}, MAX_TAGS, _too_many, errors.reserved_tag_keys)
    return created


@operation("TagResource")
def tag_resource(call: Call[IvsState], params: Params) -> Body:
    record = find_any(call.state, params["resourceArn"])
    tags.merge(record.tags, params["tags"], MAX_TAGS, _too_many, errors.reserved_tag_keys)
    return {}


@operation("UntagResource")
def untag_resource(call: Call[IvsState], params: Params) -> Body:
    record = find_any(call.state, params["resourceArn"])
    tags.untag(record.tags, params["tagKeys"])
    return {}


@operation("ListTagsForResource")
def list_tags_for_resource(call: Call[IvsState], params: Params) -> Body:
    return {"tags": dict(find_any(call.state, params["resourceArn"]).tags)}
