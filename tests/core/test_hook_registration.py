"""The hook's registration, piece by piece and in this process (the start-up tests run the
same paths end to end in fresh processes). Every test restores what it touches."""

from __future__ import annotations

import importlib.machinery
import logging
import sys
import types
from importlib.machinery import SourceFileLoader

import boto3
import botocore
import botocore.handlers
import pytest

from pytest_kvsivs import hook

EVENTS = [
    "kinesis-video",
    "kinesis-video-archived-media",
    "kinesis-video-media",
    "kinesis-video-signaling",
    "kinesis-video-webrtc-storage",
    "ivs",
]


@pytest.fixture
def fresh_hook(monkeypatch: pytest.MonkeyPatch) -> None:
    """The hook's module state as before any registration; sys.meta_path restored after."""
    monkeypatch.setattr(hook, "_registered", False)
    monkeypatch.setattr(hook, "_failure", None)
    monkeypatch.setattr(hook, "_watcher", None)
    monkeypatch.setattr(sys, "meta_path", list(sys.meta_path))


def test_three_handlers_for_each_of_the_six_services():
    specs = hook.handler_specs()
    expected = []
    for event in EVENTS:
        expected += [
            (f"creating-client-class.{event}", hook._add_parser_probe),
            (f"before-parameter-build.{event}", hook._capture_params),
            (f"before-call.{event}", hook._serve),
        ]
    assert sorted(specs, key=lambda spec: spec[0]) == sorted(expected, key=lambda spec: spec[0])


def test_registration_appends_the_handlers_once(fresh_hook, monkeypatch):
    handlers = types.SimpleNamespace(BUILTIN_HANDLERS=[("existing", print)])
    monkeypatch.setattr(boto3, "DEFAULT_SESSION", None)
    hook._register(handlers)
    hook._register(handlers)
    assert [("existing", print), *hook.handler_specs()] == handlers.BUILTIN_HANDLERS
    assert (hook._registered, hook._failure) == (True, None)


def test_boto3s_existing_default_session_gets_the_handlers_too(fresh_hook, monkeypatch):
    registered = []

    class Session:
        def register(self, event, handler, unique_id):
            registered.append((event, handler, unique_id))

    monkeypatch.setattr(boto3, "DEFAULT_SESSION", types.SimpleNamespace(_session=Session()))
    hook._register(types.SimpleNamespace(BUILTIN_HANDLERS=[]))
    assert registered == [
        (event, handler, f"pytest_kvsivs:{event}") for event, handler in hook.handler_specs()
    ]


def test_a_failure_to_register_is_logged_then_raised_by_the_next_fake(
    fresh_hook, monkeypatch, caplog
):
    monkeypatch.setattr(boto3, "DEFAULT_SESSION", None)
    with caplog.at_level(logging.WARNING, logger="pytest_kvsivs"):
        hook._register(types.SimpleNamespace())  # no BUILTIN_HANDLERS: a botocore we don't know
    assert isinstance(hook._failure, AttributeError)
    assert caplog.messages == [f"pytest-kvsivs could not hook botocore: {hook._failure!r}"]
    with pytest.raises(RuntimeError) as caught:
        hook.ensure_installed()
    assert str(caught.value) == (
        f"pytest-kvsivs could not hook botocore: {hook._failure!r}; "
        "please report it with your botocore version"
    )
    assert caught.value.__cause__ is hook._failure


def test_install_registers_at_once_when_botocore_is_imported(fresh_hook, monkeypatch):
    seen = []
    monkeypatch.setattr(hook, "_register", seen.append)
    hook.install()
    assert seen == [botocore.handlers]
    assert not any(isinstance(finder, hook._BotocoreWatcher) for finder in sys.meta_path)


def test_install_waits_for_botocore_with_one_watcher_first_on_the_path(fresh_hook, monkeypatch):
    monkeypatch.delitem(sys.modules, hook.HANDLERS_MODULE)
    hook.install()
    hook.install()
    watchers = [finder for finder in sys.meta_path if isinstance(finder, hook._BotocoreWatcher)]
    assert (len(watchers), sys.meta_path[0] is hook._watcher) == (1, True)
    watcher = hook._watcher
    sys.meta_path.remove(watcher)  # someone else removed it already: harmless
    hook._stop_watching()
    assert hook._watcher is None
    hook.install()
    watcher = hook._watcher
    hook._stop_watching()
    hook._stop_watching()  # twice is harmless
    assert (hook._watcher, watcher in sys.meta_path) == (None, False)


def test_install_does_nothing_once_registered(fresh_hook, monkeypatch):
    monkeypatch.delitem(sys.modules, hook.HANDLERS_MODULE)
    monkeypatch.setattr(hook, "_registered", True)
    hook.install()
    assert hook._watcher is None


def test_the_watcher_only_wraps_the_loader_of_botocore_handlers():
    watcher = hook._BotocoreWatcher()
    assert watcher.find_spec("json", None) is None
    assert watcher.find_spec("botocore.no_such_module", None) is None
    assert watcher.find_spec(hook.HANDLERS_MODULE, ["/nonexistent"]) is None  # nobody finds it
    spec = watcher.find_spec(hook.HANDLERS_MODULE, botocore.__path__)
    assert spec is not None
    assert (spec.name, type(spec.loader)) == (hook.HANDLERS_MODULE, hook._RegisteringLoader)
    assert isinstance(spec.loader._loader, SourceFileLoader)
    assert spec.origin == botocore.handlers.__file__


def test_the_registering_loader_runs_the_module_with_its_own_loader_then_registers(monkeypatch):
    calls = []

    class Loader:
        def create_module(self, spec):
            calls.append(("create", spec.name))
            return

        def exec_module(self, module):
            calls.append(("exec", module.__name__, module.__loader__ is real))

    real = Loader()
    registered = []
    monkeypatch.setattr(hook, "_register", registered.append)
    loader = hook._RegisteringLoader(real)
    spec = types.SimpleNamespace(name="botocore.handlers", loader=loader)
    module = types.ModuleType("botocore.handlers")
    module.__spec__ = spec
    assert loader.create_module(spec) is None
    loader.exec_module(module)
    assert calls == [("create", "botocore.handlers"), ("exec", "botocore.handlers", True)]
    assert (module.__loader__, spec.loader, registered) == (real, real, [module])


def test_the_parser_probe_is_mixed_in_once_and_remembers_each_clients_factory(make_client):
    bases: list[type] = [object]
    hook._add_parser_probe(bases)
    hook._add_parser_probe(bases)
    assert bases == [hook._ParserProbe, object]
    client = make_client()
    factory = client._endpoint._response_parser_factory
    assert hook._parser_factories[client._request_signer] is factory


def test_the_handlers_are_inert_without_an_active_fake():
    context: dict[str, object] = {}
    hook._capture_params({"StreamName": "cam"}, context)
    assert context == {}
    assert hook._serve(object(), context) is None


class _Finder:
    """A stand-in finder on sys.meta_path that finds botocore.handlers with a given loader."""

    def __init__(self, loader):
        self.loader = loader
        self.targets = []

    def find_spec(self, fullname, path, target=None):
        self.targets.append(target)
        return importlib.machinery.ModuleSpec(fullname, self.loader)


def test_the_watcher_asks_the_other_finders_in_order_skipping_itself(fresh_hook, monkeypatch):
    class Legacy:  # a finder of the old protocol: no find_spec
        def find_module(self, fullname, path=None):
            raise AssertionError("never asked")

    watcher = hook._BotocoreWatcher()
    real = _Finder(SourceFileLoader(hook.HANDLERS_MODULE, botocore.handlers.__file__))
    sys.meta_path[:] = [watcher, Legacy(), real]
    target = types.ModuleType("target")
    spec = watcher.find_spec(hook.HANDLERS_MODULE, None, target)
    assert (type(spec.loader), spec.loader._loader) == (hook._RegisteringLoader, real.loader)
    assert real.targets == [target]


@pytest.mark.parametrize("loader", [None, object()], ids=["no loader", "no exec_module"])
def test_a_spec_the_watcher_cannot_wrap_is_returned_as_found(fresh_hook, loader):
    watcher = hook._BotocoreWatcher()
    sys.meta_path[:] = [watcher, _Finder(loader)]
    assert watcher.find_spec(hook.HANDLERS_MODULE, None).loader is loader


def test_ensure_installed_registers_on_botocore_itself(fresh_hook, monkeypatch):
    monkeypatch.setattr(botocore.handlers, "BUILTIN_HANDLERS", [])
    monkeypatch.setattr(boto3, "DEFAULT_SESSION", None)
    hook.ensure_installed()
    assert hook.handler_specs() == botocore.handlers.BUILTIN_HANDLERS
