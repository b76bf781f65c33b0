"""Worlds: the fake's whole state as plain JSON data, written by ``snapshot()`` and read by
``load()`` (format: ``world.schema.json``, documented in docs/world.md)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .services.runtime import Runtime


class WorldMixin:
    """``KvsFake.load`` and ``KvsFake.snapshot`` (a mixin of the fake)."""

    _runtime: Runtime

    def load(self, world: Mapping[str, Any] | str | os.PathLike[str]) -> None:
        """Create the resources a world describes (a dict, or the path of a JSON file)."""
        raise NotImplementedError

    def snapshot(self) -> dict[str, Any]:
        """The whole state as plain JSON data, in the format ``load`` reads."""
        raise NotImplementedError
