"""KvsFake: the per-test fake that serves KVS and IVS calls while it is active."""

from __future__ import annotations

import difflib
import random
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import Any

from botocore.awsrequest import AWSResponse
from botocore.model import OperationModel

from . import hook, wire
from .calls import CallLog, CallRecord, snapshot
from .clock import Clock
from .errors import (
    FakeDefectError,
    NotServedError,
    ServiceError,
    UnsupportedBotocoreError,
)
from .lifecycle import Delays
from .model import SERVICES, botocore_version, service_model
from .names import DEFAULT_ACCOUNT_ID
from .options import FakeOptions, check_account_id
from .services.base import Backend, Call, Environment
from .services.ivs.simulation import IvsSimulation
from .services.kinesisvideo.simulation import KinesisVideoSimulation
from .services.runtime import Runtime
from .validation import validate_request, validation_message

__all__ = ["DEFAULT_ACCOUNT_ID", "KvsFake"]

DOCS = "pytest-kvsivs docs/"
NOT_SERVED = "NotServedByFake"
"""The error code the call log shows for a call the fake does not serve."""


@dataclass
class _Injected:
    code: str
    message: str
    remaining: int | None


class KvsFake(KinesisVideoSimulation, IvsSimulation):
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
        self._injected: dict[tuple[str, str], list[_Injected]] = {}
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
                f"Install a botocore the package supports (see {DOCS}coverage.md)."
            ) from err

    def _new_state(self) -> None:
        """Fresh backends (resources, controls) for every service."""
        from .services import backends

        self._env = Environment(self.delays, random.Random(self.options.seed))
        self._backends: dict[str, Backend[Any]] = backends(self.options)
        self._runtime = Runtime(self._lock, self.clock, self._env, self._backends)

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
            self._injected.clear()
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

    # -- assertions ------------------------------------------------------------------------

    def assert_called(
        self, operation: str, *, service: str | None = None, times: int | None = None, **params: Any
    ) -> list[CallRecord]:
        """Assert ``operation`` was called with ``params`` (partial match on top-level members)."""
        _check_operation(operation, service)
        return self.calls.assert_called(operation, service=service, times=times, **params)

    def assert_not_called(self, operation: str, *, service: str | None = None) -> None:
        """Assert ``operation`` was never called."""
        _check_operation(operation, service)
        self.calls.assert_not_called(operation, service=service)

    # -- simulation controls ---------------------------------------------------------------

    def inject_error(
        self,
        operation: str,
        code: str,
        *,
        message: str | None = None,
        service: str | None = None,
        times: int | None = 1,
    ) -> None:
        """Answer the next ``times`` calls of ``operation`` with the modeled error ``code``.

        ``times=None`` keeps answering with it until ``reset()``. Only codes the
        model lists for the operation are accepted (throttling, access denied, ...).
        """
        service = _check_operation(operation, service)
        if service is None:
            raise ValueError(f"{operation} exists in several services; name one with service=...")
        listed = sorted(
            s.name for s in service_model(service).operation_model(operation).error_shapes
        )
        if code not in listed:
            raise ValueError(f"{service}.{operation} cannot answer {code!r}; it lists {listed}")
        text = message or f"Injected {code} for {operation}."
        with self._lock:
            self._injected.setdefault((service, operation), []).append(_Injected(code, text, times))

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
        try:
            body = self._answer(service, operation, params, account_id, region, now)
            http, parsed = wire.success(model, body, request_id, now, parser_factory)
            if self.check_responses:
                self._check(model, body, parsed, parser_factory)
            response: dict[str, Any] | None = _without_metadata(parsed)
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
    ) -> dict[str, Any]:
        backend = self._backends[service]
        handler = backend.handler(operation)
        if handler is None:
            raise NotServedError(_not_served_message(backend, service, operation))
        if self._injected:
            self._raise_injected(service, operation)
        violations = validate_request(service, operation, params)
        if violations:
            code = self._specs[service].validation_error
            raise ServiceError(code, validation_message(violations))
        call = Call(backend.state(account_id, region), account_id, region, now, self._env)
        with self._lock:
            return handler(call, params)

    def _raise_injected(self, service: str, operation: str) -> None:
        with self._lock:
            queue = self._injected.get((service, operation))
            if not queue:
                return
            injected = queue[0]
            if injected.remaining is not None:
                injected.remaining -= 1
                if injected.remaining <= 0:
                    queue.pop(0)
        raise ServiceError(injected.code, injected.message)

    def _check(
        self,
        model: OperationModel,
        body: dict[str, Any],
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


def _without_metadata(parsed: dict[str, Any]) -> dict[str, Any]:
    response = dict(parsed)
    del response["ResponseMetadata"]
    return response


def _not_served_message(backend: Backend[Any], service: str, operation: str) -> str:
    served = sorted(backend.operations.handlers)
    return (
        f"pytest-kvsivs does not serve {service}.{operation} (botocore {botocore_version()}); "
        f"nothing was sent to AWS. Served {service} operations: {served or 'none yet'}. "
        f"See {DOCS}coverage.md."
    )


def _check_operation(operation: str, service: str | None) -> str | None:
    """The one service that has ``operation`` (None if several do); a clear error for a
    name no model has."""
    services = [service] if service is not None else list(SERVICES)
    unknown = [name for name in services if name not in SERVICES]
    if unknown:
        raise ValueError(f"unknown service {unknown[0]!r}; the fake serves {list(SERVICES)}")
    having = [name for name in services if operation in service_model(name).operation_names]
    if having:
        return having[0] if len(having) == 1 else None
    known = list(
        dict.fromkeys(op for name in services for op in service_model(name).operation_names)
    )
    close = difflib.get_close_matches(_camel(operation), known)  # at most three
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    where = service or "kinesisvideo, ivs or the KVS data-plane services"
    raise ValueError(f"{where} has no operation {operation!r} (use the model's name){hint}")


def _camel(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))
