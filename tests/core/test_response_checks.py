"""The project's own suite checks every response; the checks catch what they must."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from botocore.model import ServiceModel

from pytest_kvsivs import FakeDefectError, KvsFake
from pytest_kvsivs.model import operation_model
from pytest_kvsivs.validation.responses import response_problems
from pytest_kvsivs.wire import _converter, _identity, botocore_parse, success

OP = operation_model("kinesisvideo", "DescribeSignalingChannel")
GOOD = {
    "ChannelInfo": {
        "ChannelName": "cam",
        "ChannelARN": "arn:aws:kinesisvideo:us-west-2:123456789012:channel/cam/1700000000000",
        "ChannelType": "SINGLE_MASTER",
        "ChannelStatus": "ACTIVE",
        "CreationTime": 1700000000.0,
        "SingleMasterConfiguration": {"MessageTtlSeconds": 60},
        "Version": "abc",
    }
}


def _problems(body: dict) -> list[str]:
    _, parsed = success(OP, body, "rid", 0.0)
    return response_problems(OP, body, parsed)


def test_this_suite_runs_with_response_checks_on(kvs_fake):
    """The ini option reaches the fixture's fake through its options, and only it: no
    process-wide default is flipped."""
    assert kvs_fake.check_responses is True
    assert kvs_fake.options.check_responses is True
    assert KvsFake().check_responses is False


def test_a_faithful_response_has_no_problems():
    assert _problems(GOOD) == []
    _, parsed = success(OP, GOOD, "rid", 0.0)
    assert parsed["ChannelInfo"]["CreationTime"] == datetime(
        2023, 11, 14, 22, 13, 20, tzinfo=timezone.utc
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"ChannelStatus": "READY"}, "ChannelInfo/ChannelStatus: 'READY' is not one of"),
        ({"Version": "a-b"}, "ChannelInfo/Version: 'a-b' does not match"),
        ({"Extra": 1}, "Additional properties are not allowed ('Extra' was unexpected)"),
    ],
)
def test_unfaithful_responses_are_caught(change, expected):
    problems = _problems({"ChannelInfo": {**GOOD["ChannelInfo"], **change}})
    assert any(expected in p for p in problems), problems


def test_a_body_botocore_cannot_parse_is_reported():
    _, parsed = success(OP, GOOD, "rid", 0.0)
    bad = {"ChannelInfo": {**GOOD["ChannelInfo"], "CreationTime": "yesterday"}}
    problems = response_problems(OP, bad, parsed)
    assert problems[0] == "ChannelInfo/CreationTime: 'yesterday' is not of type 'number'"
    assert problems[1].startswith("botocore cannot parse the body: ValueError('Invalid timestamp")


def test_fast_path_differences_from_botocore_are_caught():
    _, parsed = success(OP, GOOD, "rid", 0.0)
    parsed["ChannelInfo"] = {**parsed["ChannelInfo"], "CreationTime": 1700000000.0}
    problems = response_problems(OP, GOOD, parsed)
    assert len(problems) == 1
    assert problems[0].startswith("parsed response ")
    assert "differs from botocore's parse" in problems[0]


def test_a_defect_fails_the_call_loudly(kvs_fake, kvs, monkeypatch):
    from pytest_kvsivs.services.kinesisvideo import signaling_channels

    monkeypatch.setattr(signaling_channels.Channel, "info", lambda self, now: {"Bogus": 1})
    kvs.create_signaling_channel(ChannelName="cam")
    with pytest.raises(FakeDefectError, match="Additional properties are not allowed"):
        kvs.describe_signaling_channel(ChannelName="cam")
    assert len(kvs_fake.response_problems) == 1
    kvs_fake.response_problems.clear()  # this test planted the defect itself


def test_a_problem_at_the_top_of_the_body_is_placed_at_the_body():
    assert _problems({"X": 1})[0] == (
        "(body): Additional properties are not allowed ('X' was unexpected)"
    )


def _model() -> ServiceModel:
    """A model with every conversion a JSON body can need: blobs and timestamps, alone, in a
    list and in a map, and a recursive shape with nothing to convert."""
    metadata = {
        "protocol": "rest-json",
        "serviceId": "Probe",
        "endpointPrefix": "probe",
        "apiVersion": "2024-01-01",
        "signatureVersion": "v4",
    }
    op = {"name": "Op", "http": {"method": "POST", "requestUri": "/"}, "output": {"shape": "Out"}}
    shapes = {
        "Out": {
            "type": "structure",
            "members": {
                "Data": {"shape": "Blob"},
                "When": {"shape": "Time"},
                "Times": {"shape": "Times"},
                "Blobs": {"shape": "Blobs"},
                "Node": {"shape": "Node"},
                "Tree": {"shape": "Tree"},
            },
        },
        "Blob": {"type": "blob"},
        "Time": {"type": "timestamp"},
        "Str": {"type": "string"},
        "Times": {"type": "list", "member": {"shape": "Time"}},
        "Blobs": {"type": "map", "key": {"shape": "Str"}, "value": {"shape": "Blob"}},
        "Node": {
            "type": "structure",
            "members": {"Next": {"shape": "Node"}, "Name": {"shape": "Str"}},
        },
        "Tree": {
            "type": "structure",
            "members": {"Children": {"shape": "Trees"}, "ByName": {"shape": "TreeMap"}},
        },
        "Trees": {"type": "list", "member": {"shape": "Tree"}},
        "TreeMap": {"type": "map", "key": {"shape": "Str"}, "value": {"shape": "Tree"}},
        "NoText": {"type": "structure", "members": {"When": {"shape": "Time"}}},
    }
    return ServiceModel({"metadata": metadata, "operations": {"Op": op}, "shapes": shapes}, "probe")


def test_the_fast_path_converts_what_botocores_parser_converts():
    op = _model().operation_model("Op")
    body = {
        "Data": "aGVsbG8=",
        "When": 1700000000.5,
        "Times": [1700000000, 1700000001.25],
        "Blobs": {"a": "d29ybGQ=", "b": ""},
        "Node": {"Name": "x", "Next": {"Name": "y"}},
        "Tree": {"Children": [{"Children": []}], "ByName": {"t": {"ByName": {}}}},
    }
    _, parsed = success(op, body, "rid", 0.0)
    del parsed["ResponseMetadata"]
    assert parsed == botocore_parse(op, body, 200)
    assert (parsed["Data"], parsed["Blobs"]) == (b"hello", {"a": b"world", "b": b""})
    assert parsed["Times"][1] == datetime(2023, 11, 14, 22, 13, 21, 250000, tzinfo=timezone.utc)


def test_a_null_list_item_stays_null_as_newer_botocore_parses_it():
    """Newer botocore parses lists as sparse (1.34.0 raises on a null timestamp)."""
    op = _model().operation_model("Op")
    body = {"Times": [1700000000, None]}
    _, parsed = success(op, body, "rid", 0.0)
    assert parsed["Times"] == [datetime(2023, 11, 14, 22, 13, 20, tzinfo=timezone.utc), None]
    try:
        expected = botocore_parse(op, body, 200)
    except ValueError:  # an older botocore: nothing to compare with
        return
    assert parsed["Times"] == expected["Times"]


def test_a_shape_with_nothing_to_convert_takes_the_identity_even_when_recursive():
    for recursive in ("Node", "Tree"):
        assert _converter(_model().shape_for(recursive)) is _identity
    assert _converter(_model().shape_for("Times")) is not _identity


def test_an_error_shape_without_a_message_member_is_named_in_the_defect():
    from pytest_kvsivs import FakeDefectError
    from pytest_kvsivs.wire import _message_member

    with pytest.raises(FakeDefectError) as caught:
        _message_member(_model().shape_for("NoText"))
    assert str(caught.value) == "error shape NoText has no message member"
