"""``@pytest.mark.kvs_fake(world=...)``: a world file, relative to the test's file, loaded
before the test; a bad one fails the test naming the file and the JSON path."""

from __future__ import annotations

import json

WORLD = {
    "accounts": {
        "123456789012": {
            "us-west-2": {"kinesisvideo": {"streams": [{"StreamName": "cam", "Tags": {"a": "b"}}]}}
        }
    }
}


def test_the_marker_loads_a_world_file_relative_to_the_test_file(pytester):
    (pytester.path / "tests" / "data").mkdir(parents=True)
    (pytester.path / "tests" / "data" / "world.json").write_text(json.dumps(WORLD))
    (pytester.path / "tests" / "test_seeded.py").write_text(
        """
import boto3
import pytest


@pytest.mark.kvs_fake(world="data/world.json")
def test_seeded(kvs_fake):
    client = boto3.client("kinesisvideo", region_name="us-west-2")
    assert [s["StreamName"] for s in client.list_streams()["StreamInfoList"]] == ["cam"]
    assert client.list_tags_for_stream(StreamName="cam")["Tags"] == {"a": "b"}
    assert len(kvs_fake.calls) == 2  # the load recorded nothing
    kvs_fake.reset()
    assert [s["StreamName"] for s in client.list_streams()["StreamInfoList"]] == ["cam"]


def test_unmarked_starts_empty(kvs_fake):
    client = boto3.client("kinesisvideo", region_name="us-west-2")
    assert client.list_streams()["StreamInfoList"] == []
"""
    )
    pytester.runpytest("-p", "no:randomly", "tests").assert_outcomes(passed=2)


def test_a_bad_world_file_fails_the_test_naming_the_file_and_the_json_path(pytester):
    bad = json.loads(json.dumps(WORLD))
    bad["accounts"]["123456789012"]["us-west-2"]["kinesisvideo"]["streams"][0]["Tags"] = {"a": 1}
    (pytester.path / "bad.json").write_text(json.dumps(bad))
    pytester.makepyfile(
        test_bad="""
import pytest


@pytest.mark.kvs_fake(world="bad.json")
def test_seeded(kvs_fake):
    pass
"""
    )
    result = pytester.runpytest("-p", "no:randomly")
    result.assert_outcomes(errors=1)
    lines = [line.removeprefix("E").strip() for line in result.stdout.lines]
    message = [
        f"pytest_kvsivs.world.WorldError: cannot load the world {pytester.path / 'bad.json'}: "
        "1 problem",
        "$.accounts['123456789012']['us-west-2'].kinesisvideo.streams[0].Tags.a: "
        "1 is not of type 'string'",
        "The format: the pytest-kvsivs README, section 'Worlds'.",
    ]
    start = lines.index(message[0])
    assert lines[start : start + 3] == message
