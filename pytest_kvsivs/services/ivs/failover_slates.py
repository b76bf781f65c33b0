"""IVS failover_slates (being written)."""

from __future__ import annotations
