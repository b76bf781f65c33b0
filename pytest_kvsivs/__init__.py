"""pytest-kvsivs: Amazon Kinesis Video Streams and Amazon IVS, faked in-process for tests.

Importing the package is cheap (pytest imports it in every run): it registers the
botocore hook, or waits for botocore to be imported to do so, and loads the fake
itself (botocore, the service models) on first use of :class:`KvsFake`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from . import hook
from .calls import CallLog, CallRecord
from .errors import (
    FakeAlreadyActiveError,
    FakeDefectError,
    NotServedError,
    ServiceError,
    UnsupportedBotocoreError,
)
from .names import DEFAULT_ACCOUNT_ID
from .options import FakeOptions

if TYPE_CHECKING:
    from .coverage import served_operations
    from .fake import KvsFake

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_ACCOUNT_ID",
    "CallLog",
    "CallRecord",
    "FakeAlreadyActiveError",
    "FakeDefectError",
    "FakeOptions",
    "KvsFake",
    "NotServedError",
    "ServiceError",
    "UnsupportedBotocoreError",
    "__version__",
    "served_operations",
]

_LAZY = {"KvsFake": ".fake", "served_operations": ".coverage"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


hook.install()
