"""pytest glue: the ``kvs_fake`` fixture, its marker, options and failure reports.

Registered through the ``pytest11`` entry point as ``kvsivs`` (disable with
``-p no:kvsivs``). Every pytest run of every project that installs the package
imports this module, so it imports neither botocore nor the fake: the botocore hook
is registered as soon as botocore is imported (see :mod:`pytest_kvsivs.hook`), and
the fake is built when a test asks for it.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from .calls import format_calls
from .names import DEFAULT_ACCOUNT_ID
from .options import FakeOptions

if TYPE_CHECKING:
    from .coverage_report import CoverageReporter
    from .fake import KvsFake

_FAKE = pytest.StashKey["KvsFake"]()
_OPTIONS = pytest.StashKey[FakeOptions]()
_REPORTER: pytest.StashKey[CoverageReporter] = pytest.StashKey()

MARKER_NAME = "kvs_fake"
MARKER = (
    f"{MARKER_NAME}(**options): this test gets the kvs_fake fixture, with these options "
    "(module, class and test markers merge; the closest wins per option): "
    + ", ".join(FakeOptions.names())
    + " (see pytest_kvsivs.FakeOptions)."
)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("kvsivs", "pytest-kvsivs (Kinesis Video Streams and IVS fake)")
    group.addoption(
        "--kvs-fake-instant",
        action="store_true",
        default=None,
        help="make every asynchronous transition of kvs_fake complete at once.",
    )
    group.addoption(
        "--kvs-fake-served",
        action="store_true",
        default=False,
        help="show which KVS and IVS operations kvs_fake serves with the installed botocore, "
        "and exit.",
    )
    group.addoption(
        "--kvs-fake-coverage",
        nargs="?",
        const="",
        default=None,
        metavar="PATH.json",
        help="at the end of the run, report which operations of the installed models the "
        "tests called through kvs_fake and the error codes they saw; with =PATH.json, "
        "also write the report there as JSON.",
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
    parser.addini(
        "kvs_fake_assert_all_injected_used",
        "an error injected with inject_error that answered no call fails the test.",
        type="bool",
        default=True,
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", MARKER)
    target = config.getoption("kvs_fake_coverage", None)
    if target is None:
        return
    if target and not target.endswith(".json"):
        raise pytest.UsageError(
            f"--kvs-fake-coverage writes JSON, to a PATH.json; got {target!r}. Write "
            "--kvs-fake-coverage=PATH.json, or give the option after the test paths."
        )
    from .coverage_report import CoverageReporter

    reporter = CoverageReporter(config, target or None)
    config.stash[_REPORTER] = reporter
    config.pluginmanager.register(reporter, "kvsivs-coverage")


def pytest_cmdline_main(config: pytest.Config) -> int | None:
    if not config.option.kvs_fake_served:
        return None
    from .coverage import format_coverage, served_operations

    print(format_coverage(served_operations()))
    return 0


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A marked test gets the fixture even if it does not ask for it (never the network),
    and its merged marker options are checked now: a wrong option stops the run."""
    for item in items:
        if item.get_closest_marker(MARKER_NAME) is None:
            continue
        item.stash[_OPTIONS] = _options(item, config)
        names = getattr(item, "fixturenames", None)
        if isinstance(names, list) and MARKER_NAME not in names:
            names.insert(0, MARKER_NAME)


def _options(node: pytest.Item, config: pytest.Config) -> FakeOptions:
    """ini and command line, then the markers from the farthest (module) to the closest."""
    instant = config.getoption("--kvs-fake-instant")
    base = FakeOptions(
        account_id=config.getini("kvs_fake_account_id"),
        instant=config.getini("kvs_fake_instant") if instant is None else instant,
        check_responses=config.getini("kvs_fake_check_responses"),
        assert_all_injected_used=config.getini("kvs_fake_assert_all_injected_used"),
    )
    merged: dict[str, Any] = {}
    for marker in reversed(list(node.iter_markers(MARKER_NAME))):
        if marker.args:
            raise pytest.UsageError(
                f"{node.nodeid}: @pytest.mark.kvs_fake takes keyword options only, "
                f"got {marker.args!r}; known options: {', '.join(FakeOptions.names())}"
            )
        merged.update(marker.kwargs)
    world = merged.get("world")
    if isinstance(world, (str, Path)):  # a path: relative to the test's file
        merged["world"] = str(Path(node.path).parent / world)
    try:
        return base.updated(merged, source="@pytest.mark.kvs_fake")
    except (TypeError, ValueError) as err:
        raise pytest.UsageError(f"{node.nodeid}: {err}") from None


@pytest.fixture
def kvs_fake(request: pytest.FixtureRequest) -> Iterator[KvsFake]:
    """An active :class:`~pytest_kvsivs.KvsFake` for this test; everything is discarded after it."""
    from .fake import KvsFake

    node = request.node
    options = node.stash.get(_OPTIONS, None) or _options(node, request.config)
    fake = KvsFake(options)
    fake.start()
    node.stash[_FAKE] = fake
    try:
        yield fake
    finally:
        fake.stop()
        reporter = request.config.stash.get(_REPORTER, None)
        if reporter is not None:
            reporter.add(fake.calls.snapshot())
    _fail_on_problems(fake)


def _fail_on_problems(fake: KvsFake) -> None:
    """What the test could not see for itself fails it at teardown."""
    problems: list[str] = []
    if fake.response_problems:
        problems.append(
            "kvs_fake answered what the service could not:\n" + "\n".join(fake.response_problems)
        )
    unserved = fake.unserved_calls
    if unserved:
        problems.append(
            f"kvs_fake was called for {len(unserved)} operation call(s) it does not serve; "
            "each raised NotServedError in the code under test (caught there, the test "
            "could not see it):\n"
            + format_calls(unserved)
            + "\nServed operations: pytest --kvs-fake-served, or the README's 'What is served'."
        )
    unused = fake.unused_injections
    if unused and fake.options.assert_all_injected_used:
        from .injection import unused_injections_message

        problems.append(unused_injections_message(unused, fake.calls.snapshot()))
    if problems:
        pytest.fail("\n\n".join(problems), pytrace=False)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    fake = item.stash.get(_FAKE, None)
    if fake is not None and report.failed and report.when == "call":
        report.sections.append(("kvs_fake calls", format_calls(fake.calls.snapshot())))
    return report
