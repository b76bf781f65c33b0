"""IVS live streams and the simulated broadcaster (being written).

The contract of the two controls (``KvsFake.start_broadcast`` / ``stop_broadcast`` call these
under the fake's lock): find the state from the channel ARN
(``runtime.state(IVS, arn.account, arn.region)``), read the time from ``runtime.clock.now()``
and randomness from ``runtime.env.rng``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..runtime import Runtime


def start_broadcast(
    runtime: Runtime,
    channel_arn: str,
    health: str,
    viewer_count: int,
    ingest: Mapping[str, Any] | None,
) -> str:
    """The new stream session's streamId."""
    raise NotImplementedError("start_broadcast is being written")


def stop_broadcast(runtime: Runtime, channel_arn: str) -> None:
    raise NotImplementedError("stop_broadcast is being written")
