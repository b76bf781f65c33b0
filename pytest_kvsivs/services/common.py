"""Identifier helpers shared by the service packages."""

from __future__ import annotations

import hashlib
import random
import string

from ..model import enum_values, service_model

_ALNUM = string.ascii_letters + string.digits
_BYTE_TO_ALNUM = bytes(ord(_ALNUM[b % len(_ALNUM)]) for b in range(256))
"""Random bytes to letters and digits in one ``bytes.translate`` (the first eight symbols
come up 5/4 as often as the others: an opaque identifier, not a key)."""


def partition(region: str) -> str:
    if region.startswith("cn-"):
        return "aws-cn"
    if region.startswith("us-gov-"):
        return "aws-us-gov"
    return "aws"


def dns_suffix(region: str) -> str:
    return "amazonaws.com.cn" if region.startswith("cn-") else "amazonaws.com"


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
