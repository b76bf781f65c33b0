"""pytest glue: the ``kvs_fake`` fixture, its marker, ini options and failure report.

Registered through the ``pytest11`` entry point as ``kvsivs`` (disable with
``-p no:kvsivs``). Importing this module installs the botocore hook before
collection, so clients created by application modules at import time are
served too.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import Any

import pytest

from .calls import format_calls
from .fake import DEFAULT_ACCOUNT_ID, KvsFake

_FAKE = pytest.StashKey[KvsFake]()
_PREVIOUS_CHECK = pytest.StashKey[bool]()

MARKER = (
    "kvs_fake(**options): options for the kvs_fake fixture of this test: account_id, "
    "instant, delays, seed, check_responses, signaling_channel_limit, stream_limit (see KvsFake)."
)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("kvsivs", "pytest-kvsivs (Kinesis Video Streams and IVS fake)")
    group.addoption(
        "--kvs-fake-instant",
        action="store_true",
        default=None,
        help="make every asynchronous transition of kvs_fake complete at once.",
    )
    parser.addini("kvs_fake_account_id", "account id kvs_fake acts as.", default=DEFAULT_ACCOUNT_ID)
    parser.addini(
        "kvs_fake_instant", "asynchronous transitions complete at once.", type="bool", default=False
    )
    parser.addini(
        "kvs_fake_check_responses",
        "check every response against the output shape and botocore's parser (for fake authors).",
        type="bool",
        default=False,
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", MARKER)
    config.stash[_PREVIOUS_CHECK] = KvsFake.check_responses_default
    KvsFake.check_responses_default = bool(config.getini("kvs_fake_check_responses"))


def pytest_unconfigure(config: pytest.Config) -> None:
    # Restore it: pytester runs nested sessions in this process.
    KvsFake.check_responses_default = config.stash.get(_PREVIOUS_CHECK, False)


def _options(request: pytest.FixtureRequest) -> dict[str, Any]:
    config = request.config
    instant = config.getoption("--kvs-fake-instant")
    options: dict[str, Any] = {
        "account_id": config.getini("kvs_fake_account_id"),
        "instant": config.getini("kvs_fake_instant") if instant is None else instant,
    }
    marker = request.node.get_closest_marker("kvs_fake")
    if marker is not None:
        if marker.args:
            raise pytest.UsageError("@pytest.mark.kvs_fake takes keyword options only")
        options.update(marker.kwargs)
    return options


@pytest.fixture
def kvs_fake(request: pytest.FixtureRequest) -> Iterator[KvsFake]:
    """An active :class:`~pytest_kvsivs.KvsFake` for this test; everything is discarded after it."""
    fake = KvsFake(**_options(request))
    fake.start()
    request.node.stash[_FAKE] = fake
    try:
        yield fake
    finally:
        fake.stop()
    if fake.response_problems:
        pytest.fail(
            "kvs_fake answered what the service could not:\n" + "\n".join(fake.response_problems)
        )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    fake = item.stash.get(_FAKE, None)
    if fake is not None and report.failed and report.when == "call":
        report.sections.append(("kvs_fake calls", format_calls(fake.calls.snapshot())))
    return report
