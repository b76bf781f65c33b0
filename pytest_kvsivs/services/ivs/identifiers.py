"""IVS identifiers, endpoints and values in the real formats (reference 1.5)."""

from __future__ import annotations

import random
import re
from datetime import datetime, timezone
from functools import lru_cache
from typing import NamedTuple

from ..common import alnum, stable_hex
from .defaults import ID_LENGTH

_ARN = re.compile(
    r"arn:(?P<partition>[a-z\d-]+):ivs:(?P<region>[a-z0-9-]+):(?P<account>[0-9]+):"
    r"(?P<kind>[a-z-]+)/(?P<id>[a-zA-Z0-9-]+)"
)


class Arn(NamedTuple):
    region: str
    account: str
    kind: str
    """The resource-type segment: channel, stream-key, playback-key, recording-configuration,
    playback-restriction-policy, ad-configuration, failover-slate-configuration."""
    id: str


def new_id(rng: random.Random) -> str:
    return alnum(rng, ID_LENGTH)


def make_arn(kind: str, region: str, account: str, resource_id: str) -> str:
    """IVS runs in the ``aws`` partition only, and every ARN pattern of its model says
    ``arn:aws:ivs:``: a client of another partition's region still gets ``aws`` ARNs, which the
    fake's own validation then accepts back."""
    return f"arn:aws:ivs:{region}:{account}:{kind}/{resource_id}"


@lru_cache(maxsize=4096)
def parse_arn(arn: str) -> Arn | None:
    """The parts of an IVS ARN (None if it is not one)."""
    match = _ARN.fullmatch(arn)
    if match is None:
        return None
    return Arn(match["region"], match["account"], match["kind"], match["id"])


def account_host(account: str, region: str) -> str:
    """The 12 hex digits of an account's ingest and playback hosts (the same for every
    channel of an account and region)."""
    return stable_hex("ivs", account, region, length=12)


def ingest_endpoint(account: str, region: str) -> str:
    return f"{account_host(account, region)}.global-contribute.live-video.net"


def playback_url(account: str, region: str, channel_id: str) -> str:
    host = account_host(account, region)
    return (
        f"https://{host}.{region}.playback.live-video.net/api/video/v1/"
        f"{region}.{account}.channel.{channel_id}.m3u8"
    )


def srt_endpoint(account: str, region: str) -> str:
    return f"{account_host(account, region)}.srt.live-video.net"


def stream_key_value(rng: random.Random, region: str) -> str:
    """``sk_<region>_<12 alnum>_<30 alnum>``."""
    return f"sk_{region}_{alnum(rng, 12)}_{alnum(rng, 30)}"


def stream_id(rng: random.Random) -> str:
    """``st-`` and 23 letters and digits (the model: exactly 26 characters)."""
    return "st-" + alnum(rng, 23)


def iso_time(seconds: float) -> str:
    """A time as IVS sends it (``timestampFormat: iso8601``): UTC with milliseconds,
    ``2024-05-01T12:00:00.123Z``, truncated (not rounded) to the millisecond as AWS prints
    times; botocore parses it into an aware datetime. Every family writes times with this."""
    moment = datetime.fromtimestamp(seconds, timezone.utc)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")
