"""KVS identifiers and endpoints in the real formats (reference 1.5)."""

from __future__ import annotations

import random
import re
from functools import lru_cache
from typing import NamedTuple

from ..common import alnum, dns_suffix, partition, stable_hex

VERSION_LENGTH = 20
_ARN = re.compile(
    r"arn:(?P<partition>[a-z\d-]+):kinesisvideo:(?P<region>[a-z0-9-]+):(?P<account>[0-9]+):"
    r"(?P<kind>[a-z]+)/(?P<name>[a-zA-Z0-9_.-]+)/(?P<ms>[0-9]+)"
)


class Arn(NamedTuple):
    partition: str
    region: str
    account: str
    kind: str
    name: str
    ms: int


def make_arn(kind: str, region: str, account: str, name: str, ms: int) -> str:
    return f"arn:{partition(region)}:kinesisvideo:{region}:{account}:{kind}/{name}/{ms}"


@lru_cache(maxsize=4096)
def parse_arn(arn: str) -> Arn | None:
    """The parts of a KVS ARN (None if it is not one); remembered, as ARNs repeat."""
    match = _ARN.fullmatch(arn)
    if match is None:
        return None
    return Arn(
        match["partition"], match["region"], match["account"], match["kind"], match["name"],
        int(match["ms"]),
    )  # fmt: skip


def new_version(rng: random.Random) -> str:
    """An opaque Version like the service's (about 20 mixed-case alphanumerics)."""
    return alnum(rng, VERSION_LENGTH)


def endpoint(scheme: str, prefix: str, region: str, *identity: str) -> str:
    """``scheme://{prefix}-{8 hex}.kinesisvideo.{region}.amazonaws.com``, stable per identity."""
    host = stable_hex(prefix, region, *identity)
    return f"{scheme}://{prefix}-{host}.kinesisvideo.{region}.{dns_suffix(region)}"
