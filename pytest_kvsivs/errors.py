"""Exceptions: what the fake answers with, and what it raises to the test author."""

from __future__ import annotations


class ServiceError(Exception):
    """An error the service would answer with: a modeled error code and an AWS-like message.

    Handlers raise it; the fake turns it into the modeled error response (HTTP
    status and members from the model's error shape), which botocore raises as
    ``client.exceptions.<code>``.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


class NotServedError(NotImplementedError):
    """The operation exists in the service model but this fake does not serve it yet.

    Raised from the client call (never a fake success, never the network).
    """


class FakeAlreadyActiveError(RuntimeError):
    """A second fake was started while another one is active."""


class FakeDefectError(AssertionError):
    """The fake answered something the real service could not (a bug in pytest-kvsivs)."""


class UnsupportedBotocoreError(RuntimeError):
    """The installed botocore lacks something the fake cannot do without.

    Raised by ``KvsFake()`` (so by the ``kvs_fake`` fixture), never at import: tests
    that do not use the fake run normally.
    """
