"""The botocore hook: the one process-wide registration, inert unless a fake is active.

Depth: the fake answers in ``before-call``. botocore emits it after client-side
validation, endpoint resolution and serialization, and before signing, retries
and the HTTP send, so no credentials are needed and nothing can reach the
network. ``before-send`` would also exercise signing, retries and response
parsing, but a canned reply there costs 3.5 times as much per call (measured
256 us against 73 us for describe_signaling_channel, botocore 1.43, this
project's machine), and the behaviour under test is the service's, not the
transport's. The price: botocore's retry handler never runs, so a call the fake
answers with a retryable error is seen by the caller after one attempt
(``RetryAttempts`` 0) where real botocore would try up to its limit first. The caller's own
parameters are taken one event earlier (``before-parameter-build``), because
``before-call`` only sees the serialized request.

Registration: the handlers are appended to ``botocore.handlers.BUILTIN_HANDLERS``,
which every botocore session registers when it is created, and every client
copies from its session. The plugin is imported before pytest collects, so
clients that application modules create at import time carry the hook, as do
clients of custom ``botocore.session.Session`` objects and clients with an
``endpoint_url``. Only the six KVS and IVS services are hooked; calls to any
other service never meet this code.
"""

from __future__ import annotations

import sys
import threading
from typing import TYPE_CHECKING, Any

from botocore import handlers

from .errors import FakeAlreadyActiveError
from .model import SERVICES, service_model

if TYPE_CHECKING:
    from botocore.awsrequest import AWSResponse
    from botocore.model import OperationModel

    from .fake import KvsFake

PARAMS_KEY = "pytest_kvsivs.params"

_active: KvsFake | None = None
_lock = threading.Lock()
_installed = False


def active() -> KvsFake | None:
    """The fake serving calls right now, if any."""
    return _active


def activate(fake: KvsFake) -> None:
    global _active
    with _lock:
        if _active is not None and _active is not fake:
            raise FakeAlreadyActiveError(
                "another KvsFake is already active; only one fake serves calls at a time. "
                "Use the active one (the kvs_fake fixture inside tests) or stop it first."
            )
        _active = fake


def deactivate(fake: KvsFake) -> None:
    global _active
    with _lock:
        if _active is fake:
            _active = None


def _capture_params(params: dict[str, Any], context: dict[str, Any], **kwargs: Any) -> None:
    if _active is not None:
        context[PARAMS_KEY] = params


def _serve(
    model: OperationModel, context: dict[str, Any], **kwargs: Any
) -> tuple[AWSResponse, dict[str, Any]] | None:
    fake = _active
    if fake is None:
        return None
    return fake._serve(model, context)


def _event_names() -> list[tuple[str, Any]]:
    names: list[tuple[str, Any]] = []
    for service in SERVICES:
        service_id = service_model(service).service_id.hyphenize()
        names.append((f"before-parameter-build.{service_id}", _capture_params))
        names.append((f"before-call.{service_id}", _serve))
    return names


def install() -> None:
    """Register the hook once per process (idempotent)."""
    global _installed
    with _lock:
        if _installed:
            return
        specs = _event_names()
        handlers.BUILTIN_HANDLERS.extend(specs)
        _register_on_boto3_default_session(specs)
        _installed = True


def _register_on_boto3_default_session(specs: list[tuple[str, Any]]) -> None:
    """boto3's default session may predate this import; give it the hook too."""
    boto3 = sys.modules.get("boto3")
    session = getattr(boto3, "DEFAULT_SESSION", None) if boto3 else None
    if session is not None:
        for event, handler in specs:
            session._session.register(event, handler, unique_id=f"pytest_kvsivs:{event}")
