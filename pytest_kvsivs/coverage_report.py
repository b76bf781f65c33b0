"""``pytest --kvs-fake-coverage``: which operations of the installed models a run called
through ``kvs_fake``, and the error codes it saw (aggregated over pytest-xdist workers).

Imported and registered by the plugin only when the option is given (docs/coverage-report.md).
Each test's fake hands its calls to :meth:`CoverageReporter.add` at teardown; they are counted
per (service, operation, error code). An xdist worker sends its counts to the controller in
``workeroutput``; only the controller (or a run without xdist) builds the report, writes the
JSON and prints it.
"""

from __future__ import annotations

import json
import textwrap
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

import pytest

if TYPE_CHECKING:
    from .calls import CallRecord
    from .coverage import ServiceCoverage

FORMAT_VERSION = 1
"""``format_version`` of the JSON report: raised on any incompatible change."""

WORKER_KEY = "kvsivs_coverage"
"""The key of a worker's counts in xdist's ``workeroutput``."""

Key: TypeAlias = tuple[str, str, str | None]
"""(service, operation, error code or None for a success)."""


class CoverageReporter:
    """Registered as a pytest plugin only when ``--kvs-fake-coverage`` is given."""

    def __init__(self, config: pytest.Config, path: str | None) -> None:
        self.config = config
        self.path = path
        """The JSON file as the user wrote it (relative to the invocation directory)."""
        self.tests = 0
        """How many ``kvs_fake`` fixtures were torn down (on this process, or merged)."""
        self.counts: Counter[Key] = Counter()
        self.lost_workers = 0
        """xdist workers that went down without sending their counts (crashed)."""
        self.report: dict[str, Any] | None = None
        """The report, once built at the end of the session (never on a worker)."""

    def add(self, records: Sequence[CallRecord]) -> None:
        """The calls of one test's fake (called at the fixture's teardown)."""
        self.tests += 1
        self.counts.update((r.service, r.operation, r.error_code) for r in records)

    def merge(self, data: Mapping[str, Any]) -> None:
        """Add what a worker sent (:func:`to_wire`)."""
        self.tests += data["tests"]
        for service, operation, code, number in data["calls"]:
            self.counts[(service, operation, code)] += number

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node: Any, error: object) -> None:
        """xdist, on the controller: a worker is done (or crashed) and sent its counts."""
        data = getattr(node, "workeroutput", {}).get(WORKER_KEY)
        if data is None:
            self.lost_workers += 1
        else:
            self.merge(data)

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        workeroutput = getattr(self.config, "workeroutput", None)
        if workeroutput is not None:  # an xdist worker: the controller reports
            workeroutput[WORKER_KEY] = to_wire(self.tests, self.counts)
            return
        self.report = build_report(self.tests, self.counts, self.lost_workers)
        if self.path is not None:
            write_json(self.config.invocation_params.dir / self.path, self.report)

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if self.report is None:
            return
        title = f"kvs_fake coverage: botocore {self.report['botocore_version']}"
        terminalreporter.write_sep("-", title)
        width = self.config.get_terminal_writer().fullwidth
        for line in format_report(self.report, width):
            terminalreporter.write_line(line)
        if self.path is not None:
            terminalreporter.write_line(f"kvs_fake coverage JSON written to {self.path}")


# -- between processes -------------------------------------------------------------------------


def to_wire(tests: int, counts: Mapping[Key, int]) -> dict[str, Any]:
    """A worker's counts as plain JSON-able data (what execnet can send), sorted."""
    rows = sorted(counts.items(), key=lambda item: _sort_key(item[0]))
    return {"tests": tests, "calls": [[s, o, c, n] for (s, o, c), n in rows]}


def _sort_key(key: Key) -> tuple[str, str, str]:
    service, operation, code = key
    return service, operation, code or ""


# -- the report --------------------------------------------------------------------------------


def build_report(tests: int, counts: Mapping[Key, int], lost_workers: int = 0) -> dict[str, Any]:
    """The report (the JSON document, docs/coverage-report.md) for the installed botocore."""
    from .coverage import served_operations
    from .model import botocore_version

    calls = _by_operation(counts)
    services = {
        name: _service_report(item, calls.get(name, {}))
        for name, item in served_operations().items()
    }
    return {
        "format_version": FORMAT_VERSION,
        "botocore_version": botocore_version(),
        "tests": tests,
        "calls": sum(counts.values()),
        "operations": sum(s["operations"] for s in services.values()),
        "operations_called": sum(s["operations_called"] for s in services.values()),
        "lost_workers": lost_workers,
        "services": services,
    }


def _by_operation(counts: Mapping[Key, int]) -> dict[str, dict[str, Counter[str | None]]]:
    """service -> operation -> error code (None: success) -> calls."""
    result: dict[str, dict[str, Counter[str | None]]] = {}
    for (service, operation, code), number in counts.items():
        result.setdefault(service, {}).setdefault(operation, Counter())[code] += number
    return result


def _service_report(
    item: ServiceCoverage, called: Mapping[str, Counter[str | None]]
) -> dict[str, Any]:
    model = set(item.served) | set(item.not_served)
    return {
        "model_installed": item.model_installed,
        "operations": len(model),
        "operations_called": len(model & set(called)),
        "calls": sum(sum(outcomes.values()) for outcomes in called.values()),
        "called": {op: _operation_report(called[op]) for op in sorted(called)},
        "never_called": sorted(model - set(called)),
        "not_served": sorted(item.not_served),
        "not_in_model": sorted(set(called) - model),
    }


def _operation_report(outcomes: Counter[str | None]) -> dict[str, Any]:
    errors = {code: outcomes[code] for code in sorted(c for c in outcomes if c is not None)}
    return {"calls": sum(outcomes.values()), "ok": outcomes[None], "errors": errors}


def write_json(path: Path, report: Mapping[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")


# -- the terminal ------------------------------------------------------------------------------


def format_report(report: Mapping[str, Any], width: int) -> list[str]:
    """The terminal lines of a report (the section header aside); lists wrap at ``width``."""
    lines: list[str] = []
    for name, service in report["services"].items():
        lines.extend(_service_lines(name, service, report["botocore_version"], width))
    lines.append(
        f"total: {report['operations_called']} of {report['operations']} operations called, "
        f"{_plural(report['calls'], 'call')} in {_plural(report['tests'], 'test')} "
        "using kvs_fake"
    )
    if report["lost_workers"]:
        lines.append(
            f"warning: {_plural(report['lost_workers'], 'pytest-xdist worker')} went down "
            "without sending their counts (crashed?): the calls of their tests are missing"
        )
    return lines


def _service_lines(name: str, service: Mapping[str, Any], version: str, width: int) -> list[str]:
    if not service["model_installed"]:
        return [f"{name}: no model in botocore {version}; not hooked"]
    head = f"{name}: {service['operations_called']} of {service['operations']} operations called"
    if service["calls"]:
        head += f" ({_plural(service['calls'], 'call')})"
    lines = [head, *_operation_lines(service)]
    not_served = set(service["not_served"])
    never = service["never_called"]
    lines += _wrapped("never called: ", [op for op in never if op not in not_served], width)
    lines += _wrapped(
        "never called, not served by kvs_fake: ", [op for op in never if op in not_served], width
    )
    return lines


def _operation_lines(service: Mapping[str, Any]) -> list[str]:
    called: Mapping[str, Mapping[str, Any]] = service["called"]
    if not called:
        return []
    labels = {op: op + _marker(op, service) for op in called}
    label_width = max(len(label) for label in labels.values())
    count_width = max(len(str(entry["calls"])) for entry in called.values())
    return [
        f"  {labels[op]:<{label_width}}  {entry['calls']:>{count_width}}  {_outcomes(entry)}"
        for op, entry in called.items()
    ]


def _marker(operation: str, service: Mapping[str, Any]) -> str:
    if operation in service["not_in_model"]:
        return " [not in model]"
    if operation in service["not_served"]:
        return " [not served]"
    return ""


def _outcomes(entry: Mapping[str, Any]) -> str:
    parts = [f"ok {entry['ok']}"] if entry["ok"] else []
    parts += [f"{code} {number}" for code, number in entry["errors"].items()]
    return ", ".join(parts)


def _wrapped(label: str, operations: Iterable[str], width: int) -> list[str]:
    text = ", ".join(operations)
    if not text:
        return []
    return textwrap.wrap(
        text,
        width=width,
        initial_indent=f"  {label}",
        subsequent_indent="    ",
        break_long_words=False,
        break_on_hyphens=False,
    )


def _plural(number: int, word: str) -> str:
    return f"{number} {word}" if number == 1 else f"{number} {word}s"
