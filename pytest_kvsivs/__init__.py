"""pytest-kvsivs: Amazon Kinesis Video Streams and Amazon IVS, faked in-process for tests."""

from __future__ import annotations

from . import hook
from .calls import CallLog, CallRecord
from .errors import FakeAlreadyActiveError, FakeDefectError, NotServedError, ServiceError
from .fake import DEFAULT_ACCOUNT_ID, KvsFake

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_ACCOUNT_ID",
    "CallLog",
    "CallRecord",
    "FakeAlreadyActiveError",
    "FakeDefectError",
    "KvsFake",
    "NotServedError",
    "ServiceError",
    "__version__",
]

hook.install()
