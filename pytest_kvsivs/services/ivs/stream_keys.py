"""IVS stream_keys (being written)."""

from __future__ import annotations
