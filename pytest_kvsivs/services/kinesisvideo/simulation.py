"""The KVS simulation controls of ``KvsFake`` (a mixin: the fake's public methods for KVS)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...names import KINESISVIDEO

if TYPE_CHECKING:
    from ..runtime import Runtime
    from .state import KinesisVideoControls


class KinesisVideoSimulation:
    """What a test can make KVS do that no API call can."""

    _runtime: Runtime

    def set_hub_reachable(self, hub_device_arn: str, reachable: bool = True) -> None:
        """Say whether the Edge Agent on a hub device (IoT thing ARN) answers; it does by default.

        Decided when an edge configuration update or deletion starts: reachable hubs sync
        (SYNCING -> ACKNOWLEDGED -> IN_SYNC); unreachable ones stay SYNCING for the 15-minute
        retry window, then SYNC_FAILED (deletion: DELETE_FAILED).
        """
        with self._runtime.lock:
            controls: KinesisVideoControls = self._runtime.controls(KINESISVIDEO)
            if reachable:
                controls.unreachable_hubs.discard(hub_device_arn)
            else:
                controls.unreachable_hubs.add(hub_device_arn)
