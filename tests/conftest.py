"""Shared fixtures. The ``kvs_fake`` fixture comes from the plugin itself; pyproject's
``kvs_fake_check_responses = true`` makes it check every response it returns."""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import boto3
import botocore
import botocore.session
import pytest
from botocore.config import Config
from hypothesis import settings

import pytest_kvsivs
from pytest_kvsivs import hook
from pytest_kvsivs.model import service_model
from pytest_kvsivs.services import specs

REGION = "us-west-2"

# Every module of the package, imported once here: pytester's in-process runs drop the modules
# first imported during them, and a module imported again later would hold new copies of
# module constants (delay families, classes) that objects made before no longer match.
for _module in pkgutil.walk_packages(pytest_kvsivs.__path__, "pytest_kvsivs."):
    importlib.import_module(_module.name)

# Property tests: a bounded profile for the test command, a deeper one on request
# (pytest --hypothesis-profile=deep), and under mutmut a small one that always draws the same
# examples, so that a mutant's verdict is repeatable (docs/testing.md).
settings.register_profile("default", max_examples=20, deadline=None, print_blob=True)
settings.register_profile("deep", max_examples=500, deadline=None, print_blob=True)
settings.register_profile("mutation", max_examples=5, deadline=None, derandomize=True)
settings.load_profile("mutation" if os.environ.get("MUTANT_UNDER_TEST") else "default")


@pytest.fixture
def make_client() -> Callable[..., Any]:
    """A botocore client factory with no credentials configured anywhere."""
    session = botocore.session.Session()

    def make(service: str = "kinesisvideo", region: str = REGION, **kwargs: Any) -> Any:
        return session.create_client(service, region_name=region, **kwargs)

    return make


@pytest.fixture
def kvs(kvs_fake: Any) -> Any:
    """A boto3 kinesisvideo client served by this test's fake."""
    return boto3.client("kinesisvideo", region_name=REGION)


@pytest.fixture
def kvs_unvalidated(kvs_fake: Any) -> Any:
    """A client with botocore's client-side validation off: the fake must do it all."""
    return boto3.client(
        "kinesisvideo", region_name=REGION, config=Config(parameter_validation=False)
    )


@pytest.fixture
def ivs(kvs_fake: Any) -> Any:
    """A boto3 ivs client served by this test's fake (retries off: one call, one answer)."""
    return boto3.client("ivs", region_name=REGION, config=Config(retries={"max_attempts": 1}))


@pytest.fixture
def ivs_unvalidated(kvs_fake: Any) -> Any:
    """An ivs client with botocore's client-side validation off: the fake must do it all."""
    return boto3.client(
        "ivs",
        region_name=REGION,
        config=Config(parameter_validation=False, retries={"max_attempts": 1}),
    )


UNSERVED_CONFTEST = """\
# {service}.{operation} is not served in this run, as an operation a newer botocore model adds
# would not be (tests/conftest.py's unserved_operation). At import, so that every process of
# the run (an xdist controller and its workers, --kvs-fake-served) sees it; never restored:
# for runpytest_subprocess only.
from pytest_kvsivs.services import specs

del specs()[{service!r}].operations.handlers[{operation!r}]
"""


@pytest.fixture
def unserved_operation(monkeypatch: pytest.MonkeyPatch) -> Callable[[str, str], str]:
    """``unserved_operation(service, operation)``: for this test, the fake does not serve that
    operation, as it would not serve one a newer botocore model adds (every operation of the
    installed models is served): its handler leaves its package's registry
    (``Operations.handlers``), so calls answer ``NotServedError`` and ``served_operations()``
    lists it as not served. In-process pytester runs see it too. Returns a conftest that does
    the same in a project run with ``runpytest_subprocess`` (``pytester.makeconftest``)."""

    def unserve(service: str, operation: str) -> str:
        handlers = specs()[service].operations.handlers
        assert operation in handlers, f"{service}.{operation} is not served: nothing to unserve"
        monkeypatch.delitem(handlers, operation)
        return UNSERVED_CONFTEST.format(service=service, operation=operation)

    return unserve


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """``@pytest.mark.requires_operations(service, *operations)``: skipped on a botocore
    whose model lacks them (the fake does not serve them there: nothing to test)."""
    for item in items:
        for marker in item.iter_markers("requires_operations"):
            service, *operations = marker.args
            missing = sorted(set(operations) - set(service_model(service).operation_names))
            if missing:
                reason = f"botocore {botocore.__version__} has no {service} {', '.join(missing)}"
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    """Whatever the order (pytest-randomly) or worker (xdist), no test inherits a fake."""
    assert hook.active() is None, f"a fake leaked into {item.nodeid}: {hook.active()!r}"
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    result = yield
    # After every fixture of the test is torn down: kvs_fake has stopped by now.
    assert hook.active() is None, f"a fake outlived {item.nodeid}: {hook.active()!r}"
    return result


@pytest.fixture(autouse=True)
def _no_aws_credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    """Tests run as a fresh machine would: no credentials, no config files."""
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


# -- under mutmut (docs/testing.md) -----------------------------------------------------------

KEPT_CACHES = {"pytest_kvsivs.model", "pytest_kvsivs.validation.patterns._runs"}
"""Caches not cleared between tests under mutmut: the botocore models and the Unicode
tables (seconds to rebuild per test; nothing of ours is in them but loading)."""


def _clear_package_caches() -> None:
    for name, module in list(sys.modules.items()):
        if not name.startswith("pytest_kvsivs"):
            continue
        for value in list(vars(module).values()):
            home = getattr(value, "__module__", None)
            if not hasattr(value, "cache_clear") or not str(home).startswith("pytest_kvsivs"):
                continue
            if home not in KEPT_CACHES and f"{home}.{value.__name__}" not in KEPT_CACHES:
                value.cache_clear()


@pytest.fixture(autouse=True)
def _under_mutmut(monkeypatch: pytest.MonkeyPatch) -> None:
    """Under mutmut only: every test compiles its own request checks and converters (mutmut
    forks each mutant's process from one whose caches are full, and its per-test statistics
    would name only the first test a cached function serves); subprocesses (pytester, the
    start-up tests) import the mutated package."""
    mutant = os.environ.get("MUTANT_UNDER_TEST")
    package_root = Path(pytest_kvsivs.__file__).resolve().parents[1]  # .../mutants
    if not mutant and package_root.name != "mutants":
        return  # not under mutmut
    if mutant:
        _clear_package_caches()
    # The statistics and clean runs: subprocesses know nothing of mutmut, so they import the
    # project's own copy of the package (mutants/ is in the project), never the installed one.
    source = package_root if mutant and mutant != "stats" else package_root.parent
    monkeypatch.setenv("PYTHONPATH", str(source))
