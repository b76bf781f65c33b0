"""docs/dataplane.md: each ```python block is a test file that must end with the outcome in
the comment above it (the convention of tests/core/test_migration_docs.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PAGE = Path(__file__).resolve().parents[2] / "docs" / "dataplane.md"
BLOCK = re.compile(r"<!-- outcome: (\d+) passed -->\n```python\n(.*?)^```$", re.M | re.S)


def _blocks() -> list[tuple[int, str]]:
    return [(int(passed), code) for passed, code in BLOCK.findall(PAGE.read_text())]


def test_every_python_block_of_the_page_is_run():
    text = PAGE.read_text()
    assert text.count("```python\n") == len(_blocks()) == 2


@pytest.mark.parametrize(("passed", "code"), _blocks())
def test_the_example_runs(pytester, passed, code):
    pytester.makepyfile(test_example=code)
    result = pytester.runpytest("-p", "no:randomly", "-o", "kvs_fake_check_responses=true")
    result.assert_outcomes(passed=passed)
