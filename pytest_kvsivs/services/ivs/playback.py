"""IVS playback (being written)."""

from __future__ import annotations
