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
``before-call`` only sees the serialized request. A third handler, on
``creating-client-class``, mixes :class:`_ParserProbe` into KVS and IVS client classes so
that the fake knows which response parser factory each client would parse with (the
AWS CLI sets its own timestamp parser there).

Registration: the handlers are appended to ``botocore.handlers.BUILTIN_HANDLERS``,
which every botocore session registers when it is created, and every client
copies from its session. pytest imports the plugin before it collects, but the
plugin does not import botocore (most pytest runs never use it): if botocore is
not imported yet, a finder on ``sys.meta_path`` waits for ``botocore.handlers`` to be
imported and appends the handlers the moment that module has run, before any
session can exist. So clients that application modules create at import time carry
the hook, as do clients of custom ``botocore.session.Session`` objects and clients
with an ``endpoint_url``. Only the six KVS and IVS services are hooked; calls to any
other service never meet this code. A failure here is kept, logged, and raised by
the next ``KvsFake()``; it never breaks an import of botocore.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
import weakref
from collections.abc import Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any, cast

from .errors import FakeAlreadyActiveError
from .names import EVENT_NAMES

if TYPE_CHECKING:
    from importlib.abc import Loader
    from importlib.machinery import ModuleSpec

    from botocore.awsrequest import AWSResponse
    from botocore.model import OperationModel

    from .fake import KvsFake

log = logging.getLogger("pytest_kvsivs")

PARAMS_KEY = "pytest_kvsivs.params"
URL_KEY = "pytest_kvsivs.url"
HANDLERS_MODULE = "botocore.handlers"

_active: KvsFake | None = None
_lock = threading.Lock()
_registered = False
_failure: BaseException | None = None
_watcher: _BotocoreWatcher | None = None

_parser_factories: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()
"""Each hooked client's request signer -> the response parser factory of its endpoint."""


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


# -- the handlers ---------------------------------------------------------------------------


def _capture_params(params: dict[str, Any], context: dict[str, Any], **kwargs: Any) -> None:
    if _active is not None:
        context[PARAMS_KEY] = params


def _serve(
    model: OperationModel, context: dict[str, Any], request_signer: Any = None, **kwargs: Any
) -> tuple[AWSResponse, dict[str, Any]] | None:
    fake = _active
    if fake is None:
        return None
    factory = _parser_factories.get(request_signer) if request_signer is not None else None
    context[URL_KEY] = (kwargs.get("params") or {}).get("url", "")  # where it would be sent
    return fake._serve(model, context, factory)


class _ParserProbe:
    """Mixed into KVS and IVS client classes: remembers the response parser factory
    of each client, so the fake parses the way that client would."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # BaseClient's
        signer = getattr(self, "_request_signer", None)
        factory = getattr(getattr(self, "_endpoint", None), "_response_parser_factory", None)
        if signer is not None and factory is not None:
            _parser_factories[signer] = factory


def _add_parser_probe(base_classes: list[type], **kwargs: Any) -> None:
    if _ParserProbe not in base_classes:
        base_classes.insert(0, _ParserProbe)


def handler_specs() -> list[tuple[str, Any]]:
    """The (event, handler) pairs this plugin registers with botocore."""
    specs: list[tuple[str, Any]] = []
    for event_name in EVENT_NAMES.values():
        specs.append((f"creating-client-class.{event_name}", _add_parser_probe))
        specs.append((f"before-parameter-build.{event_name}", _capture_params))
        specs.append((f"before-call.{event_name}", _serve))
    return specs


# -- registration ---------------------------------------------------------------------------


def install() -> None:
    """Register the hook once per process: now if botocore is imported, else as soon as
    it is. Cheap, imports nothing, never raises."""
    global _watcher
    handlers = sys.modules.get(HANDLERS_MODULE)
    if handlers is not None:
        _register(handlers)
        return
    with _lock:
        if _registered or _watcher is not None:
            return
        _watcher = _BotocoreWatcher()
        sys.meta_path.insert(0, _watcher)


def ensure_installed() -> None:
    """Register now (importing botocore if needed); raise what kept the hook out."""
    import botocore.handlers

    _register(botocore.handlers)
    if _failure is not None:
        raise RuntimeError(
            f"pytest-kvsivs could not hook botocore: {_failure!r}; "
            "please report it with your botocore version"
        ) from _failure


def _register(handlers: ModuleType) -> None:
    global _registered, _failure
    with _lock:
        if _registered:
            return
        _registered = True
        _stop_watching()
        try:
            specs = handler_specs()
            handlers.BUILTIN_HANDLERS.extend(specs)
            _register_on_boto3_default_session(specs)
        except Exception as err:  # never break the import of botocore
            _failure = err
            log.warning("pytest-kvsivs could not hook botocore: %r", err)


def _stop_watching() -> None:
    global _watcher
    if _watcher is not None:
        with contextlib.suppress(ValueError):
            sys.meta_path.remove(_watcher)
        _watcher = None


def _register_on_boto3_default_session(specs: list[tuple[str, Any]]) -> None:
    """boto3's default session may predate the registration; give it the hook too."""
    boto3 = sys.modules.get("boto3")
    session = getattr(boto3, "DEFAULT_SESSION", None) if boto3 else None
    if session is not None:
        for event, handler in specs:
            session._session.register(event, handler, unique_id=f"pytest_kvsivs:{event}")


class _BotocoreWatcher:
    """A ``sys.meta_path`` finder that only waits for ``botocore.handlers``: it lets the
    other finders find it, and registers the hook right after the module has run."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname != HANDLERS_MODULE:
            return None
        for finder in sys.meta_path:
            find_spec = getattr(finder, "find_spec", None)
            if finder is self or find_spec is None:
                continue
            spec: ModuleSpec | None = find_spec(fullname, path, target)
            if spec is not None:
                break
        else:
            return None
        if spec.loader is not None and hasattr(spec.loader, "exec_module"):
            spec.loader = cast("Loader", _RegisteringLoader(spec.loader))
        return spec


class _RegisteringLoader:
    """Runs ``botocore.handlers`` with its own loader, then registers the hook."""

    def __init__(self, loader: Any) -> None:
        self._loader = loader

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        module: ModuleType | None = self._loader.create_module(spec)
        return module

    def exec_module(self, module: ModuleType) -> None:
        # The module keeps its real loader (tracebacks, inspect, resources).
        module.__loader__ = self._loader
        if module.__spec__ is not None:
            module.__spec__.loader = self._loader
        self._loader.exec_module(module)
        _register(module)
