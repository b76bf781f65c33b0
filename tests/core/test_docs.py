"""The documentation says what the code does."""

from __future__ import annotations

import re
from pathlib import Path

from pytest_kvsivs.services import backends

ROOT = Path(__file__).resolve().parents[2]


def test_coverage_page_lists_exactly_the_served_operations():
    text = (ROOT / "docs" / "coverage.md").read_text()
    listed = {}
    for section in re.split(r"^## ", text, flags=re.M)[1:]:
        heading, _, body = section.partition("\n")
        for service in heading.split(", "):
            listed[service.strip()] = set(re.findall(r"^- (\w+)$", body, flags=re.M))
    implemented = {
        name: set(backend.operations.handlers) | set(backend.operations.not_in_model)
        for name, backend in backends().items()
    }
    assert listed == implemented  # what the newest botocore serves; older ones serve less


def test_readme_quickstart_is_what_ci_runs():
    readme = (ROOT / "README.md").read_text()
    commands = re.findall(r"```sh\n(.+)\n```", readme)
    assert len(commands) == 2
    ci = (ROOT / ".ci" / "run").read_text().strip().splitlines()
    assert ci[-1] == commands[1]
    assert 'pip install -e ".[test]"' in commands[0]
