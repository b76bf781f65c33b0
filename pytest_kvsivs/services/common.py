"""Identifier helpers shared by the service packages."""

from __future__ import annotations

import hashlib
import random
import re
import string
from functools import lru_cache
from typing import Any

from ..model import endpoint_data, enum_values, service_model

_ALNUM = string.ascii_letters + string.digits
_BYTE_TO_ALNUM = bytes(ord(_ALNUM[b % len(_ALNUM)]) for b in range(256))
"""Random bytes to letters and digits in one ``bytes.translate`` (the first eight symbols
come up 5/4 as often as the others: an opaque identifier, not a key)."""


@lru_cache(maxsize=256)
def _partition_of(region: str) -> tuple[str, str]:
    """(partition, DNS suffix) of a region, from botocore's endpoint data: a region it lists,
    else the first partition whose region pattern matches, else ``aws``."""
    partitions: list[dict[str, Any]] = endpoint_data()["partitions"]
    for data in partitions:
        if region in data.get("regions", {}):
            return data["partition"], data["dnsSuffix"]
    for data in partitions:
        if re.match(data["regionRegex"], region):
            return data["partition"], data["dnsSuffix"]
    return partitions[0]["partition"], partitions[0]["dnsSuffix"]


def partition(region: str) -> str:
    """The ARN partition of a region (``aws``, ``aws-cn``, ``aws-us-gov``, ...)."""
    return _partition_of(region)[0]


def dns_suffix(region: str) -> str:
    """The DNS suffix of a region's partition (``amazonaws.com``, ``amazonaws.com.cn``, ...)."""
    return _partition_of(region)[1]


def alnum(rng: random.Random, length: int) -> str:
    """``length`` random letters and digits from ``rng`` (seeded fakes repeat them)."""
    return rng.randbytes(length).translate(_BYTE_TO_ALNUM).decode()


def stable_hex(*parts: str, length: int = 8) -> str:
    """Hex digits that depend only on ``parts`` (stable endpoints per resource)."""
    return hashlib.blake2s("\x1f".join(parts).encode(), digest_size=16).hexdigest()[:length]


class ModelEnum:
    """The values of one enum shape of a service model, read by attribute.

    ``Status = ModelEnum("kinesisvideo", "Status"); Status.ACTIVE == "ACTIVE"``;
    a name the model does not define fails at import, so the code never holds an
    enum value the model does not.
    """

    def __init__(self, service: str, shape: str) -> None:
        self.values: tuple[str, ...] = enum_values(service, shape)
        self._shape = f"{service}.{shape}"
        for value in self.values:  # plain attributes: read on every call, kept cheap
            # (checked on the class: ``hasattr(self, ...)`` would ask ``__getattr__``, which
            # answers every value, and no attribute would ever be set)
            if value.isidentifier() and not hasattr(type(self), value) and value not in vars(self):
                setattr(self, value, value)

    def __getattr__(self, name: str) -> str:
        if name in self.values:
            return name
        raise AttributeError(f"{self._shape} has no value {name!r}; it has {list(self.values)}")


def model_limit(service: str, shape: str, key: str = "max") -> int:
    """A numeric constraint of a model shape (``min`` or ``max``)."""
    value = service_model(service).shape_for(shape).metadata[key]
    assert isinstance(value, int)
    return value
