"""KvsFake: the per-test fake that serves KVS and IVS calls while it is active."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from types import TracebackType
from typing import Any

from botocore.awsrequest import AWSResponse
from botocore.model import OperationModel

from . import hook, wire
from .calls import CallAssertions, CallLog, CallRecord, snapshot
from .clock import Clock
from .errors import (
    FakeDefectError,
    NotServedError,
    ServiceError,
    UnsupportedBotocoreError,
)
from .injection import Injection, Injections, unused_injections_message
from .lifecycle import Delays
from .model import botocore_version
from .names import DEFAULT_ACCOUNT_ID
from .options import FakeOptions, check_account_id
from .services.base import Backend, Body, Call, Environment, Output
from .services.ivs.simulation import IvsSimulation
from .services.kinesisvideo.simulation import KinesisVideoSimulation
from .services.media.simulation import MediaSimulation
from .services.runtime import Runtime
from .services.signaling.simulation import SignalingSimulation
from .services.webrtc_storage.simulation import WebrtcStorageSimulation
from .validation import validate_request, validation_message
from .world import WorldMixin

__all__ = ["DEFAULT_ACCOUNT_ID", "KvsFake"]

NOT_SERVED = "NotServedByFake"
"""The error code the call log shows for a call the fake does not serve."""


class KvsFake(
    KinesisVideoSimulation,
    MediaSimulation,
    SignalingSimulation,
    WebrtcStorageSimulation,
    IvsSimulation,
    WorldMixin,
    CallAssertions,
):
    """An in-process Kinesis Video Streams and IVS, active between ``start()`` and ``stop()``.

    Use it as the ``kvs_fake`` pytest fixture, or as a context manager::

        with KvsFake(instant=True) as fake:
            ...

    Every botocore client of ``kinesisvideo``, ``ivs`` and the KVS data-plane
    services is served by the active fake, whenever and however it was created.
    Settings: a :class:`~pytest_kvsivs.FakeOptions` (``options``) and/or its fields as
    keywords (``account_id``, ``instant``, ``delays``, ``seed``, ``check_responses``,
    ``signaling_channel_limit``, ``stream_limit``).
    """

    def __init__(self, options: FakeOptions | None = None, **changes: Any) -> None:
        self.options = (options or FakeOptions()).updated(changes)
        self.default_account_id = self.options.account_id
        self.check_responses = self.options.check_responses
        self.clock = Clock()
        self.calls = CallLog()
        self._lock = threading.RLock()
        self._local = threading.local()
        self._injections = Injections(self._lock)
        self.response_problems: list[str] = []
        self._request_ids = wire.RequestIds()
        self._build()

    def _build(self) -> None:
        """Delays, controls and state from the installed models; a clear error if the
        installed botocore lacks something the fake cannot do without."""
        try:
            from .services import delay_families, specs

            families = delay_families()
            self.delays = Delays(families, self.options.delays, instant=self.options.instant)
            self._specs = specs()
            self._new_state()
            hook.ensure_installed()
        except (ValueError, TypeError):
            raise
        except Exception as err:
            raise UnsupportedBotocoreError(
                f"pytest-kvsivs cannot run on botocore {botocore_version()}: {err!r}. "
                "Install a botocore the package supports (the pytest-kvsivs README, "
                "section 'What is served')."
            ) from err

    def _new_state(self) -> None:
        """Fresh backends (resources, controls) for every service."""
        from .services import backends

        self._env = Environment(self.delays, random.Random(self.options.seed))
        self._backends: dict[str, Backend[Any]] = backends(self.options)
        self._runtime = Runtime(self._lock, self.clock, self._env, self._backends)
        if self.options.world is not None:
            self.load(self.options.world)

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> KvsFake:
        """Start serving calls (raises if another fake is already active)."""
        hook.activate(self)
        return self

    def stop(self) -> None:
        """Stop serving calls; clients talk to AWS again."""
        hook.deactivate(self)

    @property
    def active(self) -> bool:
        return hook.active() is self

    def __enter__(self) -> KvsFake:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
        if exc_type is None:
            self.assert_all_injected_used()

    def assert_all_injected_used(self) -> None:
        """Fail if an injected error answered no call (when ``assert_all_injected_used`` is
        on, as it is by default): the fixture checks it at teardown, the context manager on
        exit."""
        __tracebackhide__ = True
        unused = self.unused_injections
        if unused and self.options.assert_all_injected_used:
            raise AssertionError(unused_injections_message(unused, self.calls.snapshot()))

    # -- time ------------------------------------------------------------------------------

    def now(self) -> datetime:
        """The fake's current time (wall clock plus ``advance()``), timezone-aware UTC."""
        return self.clock.now_datetime()

    def advance(self, seconds: float) -> None:
        """Move the fake's clock forward; transitions due by then have happened."""
        self.clock.advance(seconds)

    def settle(self) -> None:
        """Complete every pending asynchronous transition now (CREATING -> ACTIVE, ...)."""
        now = self.clock.now()
        with self._lock:
            for backend in self._backends.values():
                backend.settle(now)

    def reset(self) -> None:
        """Forget everything the test did: resources, calls, injected errors, simulation
        controls (unreachable hubs, bucket regions, broadcasts) and the clock offset. The
        options it was made with stay."""
        with self._lock:
            self._new_state()
            self.calls.clear()
            self._injections.clear()
            self.response_problems.clear()
            self.clock.reset()

    # -- accounts --------------------------------------------------------------------------

    @property
    def account_id(self) -> str:
        """The account that calls made now (in this thread) act as."""
        return getattr(self._local, "account_id", None) or self.default_account_id

    @contextmanager
    def as_account(self, account_id: str) -> Iterator[None]:
        """Make the calls of this thread, inside the block, act as another account."""
        check_account_id(account_id)
        previous = getattr(self._local, "account_id", None)
        self._local.account_id = account_id
        try:
            yield
        finally:
            self._local.account_id = previous

    # -- assertions (CallAssertions, over this fake's calls) -----------------------------

    def _records(self) -> list[CallRecord]:
        return self.calls.snapshot()

    # -- simulation controls ---------------------------------------------------------------

    def inject_error(
        self,
        operation: str,
        code: str,
        *,
        service: str | None = None,
        message: str | None = None,
        times: int | None = 1,
        when: Callable[[Mapping[str, Any]], bool] | None = None,
    ) -> Injection:
        """Answer the next ``times`` matching calls of ``operation`` with the modeled error
        ``code`` (``times=None``: every matching call), changing no state.

        ``when`` is a predicate over a call's params: only calls it accepts are answered
        (and counted). Only codes the model lists for the operation are accepted. Returns
        an :class:`Injection` (``.used``, ``.remove()``); one that answers no call fails the
        test at teardown unless ``assert_all_injected_used`` is off.
        """
        return self._injections.add(operation, code, service, message, times, when)

    @property
    def unused_injections(self) -> list[Injection]:
        """The injected errors that have answered no call and were not removed."""
        return self._injections.unused()

    # -- serving (called by the botocore hook) ---------------------------------------------

    def _serve(
        self, model: OperationModel, context: dict[str, Any], parser_factory: Any = None
    ) -> tuple[AWSResponse, dict[str, Any]]:
        service = model.service_model.service_name
        operation = model.name
        params: Mapping[str, Any] = context.get(hook.PARAMS_KEY) or {}
        recorded = snapshot(params)  # before the handler runs: the call as it was made
        region: str = context.get("client_region") or "us-east-1"
        account_id = self.account_id
        now = self.clock.now()
        request_id = self._request_ids.next()
        url: str = context.get(hook.URL_KEY) or ""
        try:
            body = self._answer(service, operation, params, account_id, region, now, url)
            http, parsed = wire.success(model, body, request_id, now, parser_factory)
            if self.check_responses:
                self._check(model, body, parsed, parser_factory)
            answered = _without_metadata(parsed)
            if type(body) is not dict:
                answered = _with_payload_bytes(model, body, answered)
            response: dict[str, Any] | None = answered
            error_code = None
        except ServiceError as err:
            spec = self._specs[service]
            http, parsed = wire.error(
                model,
                err.code,
                err.message,
                request_id,
                now,
                spec.error_namespace,
                parser_factory,
                validation_error=spec.validation_error,
            )
            response, error_code = None, err.code
        except NotServedError:
            self._record(service, operation, recorded, None, NOT_SERVED, region, account_id, now)
            raise
        self._record(service, operation, recorded, response, error_code, region, account_id, now)
        return http, parsed

    def _answer(
        self,
        service: str,
        operation: str,
        params: Mapping[str, Any],
        account_id: str,
        region: str,
        now: float,
        url: str = "",
    ) -> Body | Output:
        backend = self._backends[service]
        handler = backend.handler(operation)
        if handler is None:
            raise NotServedError(_not_served_message(backend, service, operation))
        if self._injections:
            self._injections.raise_for(service, operation, params)
        violations = validate_request(service, operation, params)
        if violations:
            code = self._specs[service].validation_error
            raise ServiceError(code, validation_message(violations))
        state = backend.state(account_id, region)
        call = Call(state, account_id, region, now, self._env, self._backends, url)
        with self._lock:
            return handler(call, params)

    def _check(
        self,
        model: OperationModel,
        body: Body | Output,
        parsed: dict[str, Any],
        parser_factory: Any = None,
    ) -> None:
        # Imported here: jsonschema is only needed when responses are checked, and the
        # plugin's import cost is paid by every pytest start-up.
        from .validation.responses import response_problems

        problems = response_problems(model, body, parsed, parser_factory)
        if problems:
            text = f"{model.service_model.service_name}.{model.name}: " + "; ".join(problems)
            self.response_problems.append(text)
            raise FakeDefectError(f"the fake answered what the service could not: {text}")

    def _record(
        self,
        service: str,
        operation: str,
        params: Mapping[str, Any],
        response: dict[str, Any] | None,
        error_code: str | None,
        region: str,
        account_id: str,
        now: float,
    ) -> None:
        self.calls.append(
            CallRecord(service, operation, params, response, error_code, region, account_id, now)
        )

    @property
    def unserved_calls(self) -> list[CallRecord]:
        """The calls this fake answered with :class:`NotServedError`."""
        return [record for record in self.calls if record.error_code == NOT_SERVED]

    def __repr__(self) -> str:
        state = "active" if self.active else "inactive"
        return f"<KvsFake {state}, account {self.default_account_id}, {len(self.calls)} call(s)>"


def _with_payload_bytes(
    model: OperationModel, answer: Body | Output, response: dict[str, Any]
) -> dict[str, Any]:
    """The call log keeps a streaming payload as its bytes: the caller's StreamingBody can be
    read once only, and a record must still show what was answered."""
    payload = wire.payload_member(model)
    if isinstance(answer, Output) and answer.payload is not None and payload is not None:
        response[payload] = answer.payload
    return response


def _without_metadata(parsed: dict[str, Any]) -> dict[str, Any]:
    response = dict(parsed)
    del response["ResponseMetadata"]
    return response


def _not_served_message(backend: Backend[Any], service: str, operation: str) -> str:
    served = sorted(backend.operations.handlers)
    return (
        f"pytest-kvsivs does not serve {service}.{operation} (botocore {botocore_version()}); "
        f"nothing was sent to AWS. Served {service} operations: {served or 'none yet'}. "
        "See the pytest-kvsivs README, section 'What is served'."
    )
