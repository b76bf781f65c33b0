"""``pytest --kvs-fake-coverage``: the terminal report, the JSON file, xdist, and the option off
(docs/coverage-report.md)."""

from __future__ import annotations

import json
import re
from collections import Counter
from types import SimpleNamespace

import botocore
import pytest

from pytest_kvsivs.calls import CallRecord
from pytest_kvsivs.coverage import served_operations
from pytest_kvsivs.coverage_report import (
    WORKER_KEY,
    CoverageReporter,
    _wrapped,
    build_report,
    format_report,
    to_wire,
)

# Two files, so that --dist loadfile gives each xdist worker one.
TEST_KVS = """
import boto3
import pytest

from pytest_kvsivs import NotServedError


def test_signaling_channels(kvs_fake):
    client = boto3.client("kinesisvideo", region_name="us-west-2")
    for number in range(10):
        client.create_signaling_channel(ChannelName=f"cam-{number}")
    client.describe_signaling_channel(ChannelName="cam-0")
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.describe_signaling_channel(ChannelName="missing")


def test_an_injected_error(kvs_fake):
    client = boto3.client("kinesisvideo", region_name="us-west-2")
    kvs_fake.inject_error("CreateStream", "ClientLimitExceededException")
    with pytest.raises(client.exceptions.ClientLimitExceededException):
        client.create_stream(StreamName="cam")
    client.create_stream(StreamName="cam")


def test_not_served(kvs_fake):  # fails at teardown: an unserved call (UNSERVED)
    archived = boto3.client("kinesis-video-archived-media", region_name="us-west-2")
    times = {"StartTimestamp": 0, "EndTimestamp": 1}
    selector = {"FragmentSelectorType": "SERVER_TIMESTAMP", "TimestampRange": times}
    with pytest.raises(NotServedError):
        archived.get_clip(StreamName="cam", ClipFragmentSelector=selector)
"""

TEST_IVS = """
import boto3
import pytest


def test_channels(kvs_fake):
    client = boto3.client("ivs", region_name="us-west-2")
    client.create_channel(name="show")
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.get_channel(arn="arn:aws:ivs:us-west-2:123456789012:channel/abcdABCDefgh")


def test_without_the_fake():
    pass
"""

CALLED = {
    "kinesisvideo": {
        "CreateSignalingChannel": {"calls": 10, "ok": 10, "errors": {}},
        "CreateStream": {"calls": 2, "ok": 1, "errors": {"ClientLimitExceededException": 1}},
        "DescribeSignalingChannel": {
            "calls": 2,
            "ok": 1,
            "errors": {"ResourceNotFoundException": 1},
        },
    },
    "ivs": {
        "CreateChannel": {"calls": 1, "ok": 1, "errors": {}},
        "GetChannel": {"calls": 1, "ok": 0, "errors": {"ResourceNotFoundException": 1}},
    },
    "kinesis-video-archived-media": {
        "GetClip": {"calls": 1, "ok": 0, "errors": {"NotServedByFake": 1}}
    },
}
"""What the two files call, per service and operation."""

OUTCOMES = {"passed": 5, "errors": 1}  # test_not_served passes, then errors at teardown


UNSERVED = ("kinesis-video-archived-media", "GetClip")
"""The operation test_not_served calls: every installed one is served, so the suite makes
this one unserved (tests/conftest.py's unserved_operation), as one a newer botocore adds."""


@pytest.fixture
def unserved_conftest(unserved_operation):
    """GetClip unserved here and in pytester's in-process runs; the conftest that makes it so
    in a subprocess run."""
    return unserved_operation(*UNSERVED)


@pytest.fixture
def suite(pytester, unserved_conftest):
    pytester.makepyfile(test_kvs=TEST_KVS, test_ivs=TEST_IVS)
    return pytester


def _model(service):
    coverage = served_operations()[service]
    return set(coverage.served) | set(coverage.not_served)


def _expected_report():
    services = {}
    for name, item in served_operations().items():
        called = CALLED.get(name, {})
        model = _model(name) if item.model_installed else set()
        services[name] = {
            "model_installed": item.model_installed,
            "operations": len(model),
            "operations_called": len(called),
            "calls": sum(entry["calls"] for entry in called.values()),
            "called": called,
            "never_called": sorted(model - set(called)),
            "not_served": list(item.not_served),
            "not_in_model": [],
        }
    return {
        "format_version": 1,
        "botocore_version": botocore.__version__,
        "tests": 4,
        "calls": 17,
        "operations": sum(s["operations"] for s in services.values()),
        "operations_called": 6,
        "lost_workers": 0,
        "services": services,
    }


def _never_called_lines(service):
    coverage = served_operations()[service]
    never = sorted(_model(service) - set(CALLED.get(service, {})))
    servable = [op for op in never if op not in coverage.not_served]
    unserved = [op for op in never if op in coverage.not_served]
    lines = [f"  never called: {', '.join(servable)}"] if servable else []
    if unserved:
        lines.append(f"  never called, not served by kvs_fake: {', '.join(unserved)}")
    return lines


CALLED_LINES = {
    "kinesisvideo": [
        "  CreateSignalingChannel    10  ok 10",
        "  CreateStream               2  ok 1, ClientLimitExceededException 1",
        "  DescribeSignalingChannel   2  ok 1, ResourceNotFoundException 1",
    ],
    "ivs": [
        "  CreateChannel  1  ok 1",
        "  GetChannel     1  ResourceNotFoundException 1",
    ],
    "kinesis-video-archived-media": ["  GetClip [[]not served]  1  NotServedByFake 1"],
}
"""The rows of the called operations (fnmatch patterns: ``[[]`` is a ``[``)."""


def _service_lines(service):
    if not served_operations()[service].model_installed:
        return [f"{service}: no model in botocore {botocore.__version__}; not hooked"]
    called = CALLED.get(service, {})
    calls = sum(entry["calls"] for entry in called.values())
    head = f"{service}: {len(called)} of {len(_model(service))} operations called"
    if calls:
        head += f" ({calls} call{'s' if calls > 1 else ''})"
    return [head, *CALLED_LINES.get(service, []), *_never_called_lines(service)]


def _expected_lines():
    """The whole section, on a terminal wide enough for no list to wrap."""
    total = _expected_report()["operations"]
    return [
        f"*- kvs_fake coverage: botocore {botocore.__version__} -*",
        *(line for service in served_operations() for line in _service_lines(service)),
        f"total: 6 of {total} operations called, 17 calls in 4 tests using kvs_fake",
    ]


def test_the_terminal_report_counts_each_operations_calls_and_error_codes(suite, monkeypatch):
    monkeypatch.setenv("COLUMNS", "10000")  # no list wraps
    result = suite.runpytest("-p", "no:randomly", "--kvs-fake-coverage")
    result.assert_outcomes(**OUTCOMES)
    result.stdout.fnmatch_lines([*_expected_lines(), "*short test summary info*"], consecutive=True)
    assert "JSON" not in result.stdout.str()


def test_lists_wrap_at_the_terminal_width_and_keep_every_name(suite, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    result = suite.runpytest("-p", "no:randomly", "--kvs-fake-coverage")
    lines = result.stdout.lines
    start = next(i for i, line in enumerate(lines) if "kvs_fake coverage" in line)
    end = next(i for i, line in enumerate(lines) if line.startswith("total: "))
    section = lines[start + 1 : end]
    assert all(len(line) <= 80 for line in section)
    ivs = next(i for i, line in enumerate(section) if line.startswith("ivs: "))
    assert section[1:4] == [line.replace("[[]", "[") for line in CALLED_LINES["kinesisvideo"]]
    wrapped = section[4:ivs]
    assert len(wrapped) > 1
    assert all(line.startswith("    ") for line in wrapped[1:])
    unwrapped = " ".join(line.strip() for line in _never_called_lines("kinesisvideo"))
    assert " ".join(line.strip() for line in wrapped) == unwrapped


def test_the_json_report_says_the_same_exactly(suite):
    result = suite.runpytest("-p", "no:randomly", "--kvs-fake-coverage=reports/kvs.json")
    result.assert_outcomes(**OUTCOMES)
    result.stdout.fnmatch_lines(
        [
            "total: 6 of * operations called, 17 calls in 4 tests using kvs_fake",
            "kvs_fake coverage JSON written to reports/kvs.json",
        ],
        consecutive=True,
    )
    written = (suite.path / "reports" / "kvs.json").read_text()
    report = json.loads(written)
    assert "DeleteStream" in report["services"]["kinesisvideo"]["never_called"]
    assert report["services"]["kinesis-video-archived-media"]["not_served"] == ["GetClip"]
    assert {name: service["not_served"] for name, service in report["services"].items()} == {
        name: ["GetClip"] if name == UNSERVED[0] else [] for name in served_operations()
    }
    assert json.loads(written) == _expected_report()
    assert written == json.dumps(_expected_report(), indent=2, sort_keys=True) + "\n"


def test_under_xdist_the_totals_are_the_sum_of_the_workers(suite, unserved_conftest):
    suite.makeconftest(unserved_conftest)  # for the controller's report and both workers
    result = suite.runpytest_subprocess(
        "-p",
        "xdist",
        "-n",
        "2",
        "--dist",
        "loadfile",
        "-p",
        "no:randomly",
        "-v",
        "--kvs-fake-coverage=kvs.json",
    )
    result.assert_outcomes(**OUTCOMES)
    workers = set(re.findall(r"^\[(gw\d)\] .*(?:PASSED|ERROR) test_", result.stdout.str(), re.M))
    assert workers == {"gw0", "gw1"}, result.stdout.str()  # each worker ran one file
    assert json.loads((suite.path / "kvs.json").read_text()) == _expected_report()
    result.stdout.fnmatch_lines(
        ["total: 6 of * operations called, 17 calls in 4 tests using kvs_fake"]
    )
    assert result.stdout.str().count("kvs_fake coverage:") == 1  # the controller alone


def test_a_crashed_worker_is_reported_as_missing(pytester):
    pytester.makepyfile(
        """
        import os

        def test_crash(kvs_fake):
            os._exit(1)
        """
    )
    result = pytester.runpytest_subprocess(
        "-p",
        "xdist",
        "-n",
        "1",
        "--max-worker-restart=0",
        "-p",
        "no:randomly",
        "--kvs-fake-coverage=kvs.json",
    )
    result.stdout.fnmatch_lines(
        [
            "total: 0 of * operations called, 0 calls in 0 tests using kvs_fake",
            "warning: 1 pytest-xdist worker went down without sending their counts (crashed?): "
            "the calls of their tests are missing",
        ],
        consecutive=True,
    )
    assert json.loads((pytester.path / "kvs.json").read_text())["lost_workers"] == 1


def test_off_nothing_is_imported_registered_or_printed(pytester, unserved_conftest):
    pytester.makeconftest(
        unserved_conftest
        + """
import sys

def pytest_terminal_summary(terminalreporter, config):
    imported = "pytest_kvsivs.coverage_report" in sys.modules
    registered = config.pluginmanager.get_plugin("kvsivs-coverage") is not None
    terminalreporter.write_line(f"imported={imported} registered={registered}")
"""
    )
    pytester.makepyfile(test_kvs=TEST_KVS)
    result = pytester.runpytest_subprocess("-p", "no:randomly")
    result.assert_outcomes(passed=3, errors=1)
    result.stdout.fnmatch_lines(["imported=False registered=False"])
    assert "kvs_fake coverage" not in result.stdout.str()


def test_a_path_that_is_not_json_is_a_usage_error(pytester):
    result = pytester.runpytest("--kvs-fake-coverage=report.txt")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["ERROR: --kvs-fake-coverage writes JSON, to a PATH.json; *"])


# -- the pieces ------------------------------------------------------------------------------


def test_what_a_worker_sends_is_plain_json_and_sorted():
    counts = Counter(
        {("ivs", "GetChannel", "ResourceNotFoundException"): 1, ("ivs", "GetChannel", None): 2}
    )
    wire = to_wire(3, counts)
    assert wire == {
        "tests": 3,
        "calls": [
            ["ivs", "GetChannel", None, 2],
            ["ivs", "GetChannel", "ResourceNotFoundException", 1],
        ],
    }
    assert json.loads(json.dumps(wire)) == wire


def test_an_operation_outside_the_installed_model_is_marked_and_not_counted():
    report = build_report(1, Counter({("kinesisvideo", "CreateTimeMachine", None): 1}))
    service = report["services"]["kinesisvideo"]
    assert service["not_in_model"] == ["CreateTimeMachine"]
    assert service["operations_called"] == 0
    assert service["calls"] == 1
    lines = format_report(report, 10_000)
    assert lines[:2] == [
        f"kinesisvideo: 0 of {len(_model('kinesisvideo'))} operations called (1 call)",
        "  CreateTimeMachine [not in model]  1  ok 1",
    ]


def test_a_service_without_a_model_says_so():
    report = {
        "botocore_version": "1.34.0",
        "operations": 0,
        "operations_called": 0,
        "calls": 0,
        "tests": 0,
        "lost_workers": 0,
        "services": {"kinesis-video-webrtc-storage": {"model_installed": False}},
    }
    assert format_report(report, 80) == [
        "kinesis-video-webrtc-storage: no model in botocore 1.34.0; not hooked",
        "total: 0 of 0 operations called, 0 calls in 0 tests using kvs_fake",
    ]


def _record(operation: str, code: str | None) -> CallRecord:
    return CallRecord("kinesisvideo", operation, {}, None, code, "us-west-2", "123456789012", 0.0)


def test_a_worker_sends_its_counts_and_reports_nothing_itself():
    """In this process, as an xdist worker's session ends (the subprocess tests see the same
    from outside)."""
    config = SimpleNamespace(workeroutput={})
    reporter = CoverageReporter(config, "kvs.json")  # type: ignore[arg-type]
    reporter.add([_record("ListStreams", None), _record("ListStreams", "AccessDeniedException")])
    reporter.add([_record("CreateStream", None)])
    reporter.pytest_sessionfinish(None)  # type: ignore[arg-type]
    assert config.workeroutput == {
        WORKER_KEY: {
            "tests": 2,
            "calls": [
                ["kinesisvideo", "CreateStream", None, 1],
                ["kinesisvideo", "ListStreams", None, 1],
                ["kinesisvideo", "ListStreams", "AccessDeniedException", 1],
            ],
        }
    }
    assert reporter.report is None


def test_a_name_longer_than_the_width_is_never_broken():
    assert _wrapped("never called: ", ["GetHLSStreamingSessionURL", "GetClip"], 20) == [
        "  never called: GetHLSStreamingSessionURL,",
        "    GetClip",
    ]
