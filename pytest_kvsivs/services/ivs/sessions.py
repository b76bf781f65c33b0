"""IVS sessions (being written)."""

from __future__ import annotations
