"""IVS recording_configurations (being written)."""

from __future__ import annotations
