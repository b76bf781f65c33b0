"""IVS revocation (being written)."""

from __future__ import annotations
