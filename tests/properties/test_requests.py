"""Property tests over every served operation, generated from the botocore input shapes.

- Valid requests (with identifiers of resources that exist, and of ones that do not) get a
  success whose body validates against the output shape (``check_responses`` is on in this
  suite) or an error the operation's model lists; never a 5xx, never another exception.
- Requests broken in exactly one constraint get the service's validation error naming that
  member, and leave the state as it was.
"""

from __future__ import annotations

from typing import Any

import botocore.session
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from botocore.model import OperationModel
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from pytest_kvsivs import KvsFake
from pytest_kvsivs.model import operation_model
from pytest_kvsivs.services import backends
from pytest_kvsivs.validation import VALIDATION_ERROR_CODE
from pytest_kvsivs.validation.schema import operation_schema

from .schema_strategies import MISSING, Site, sites, valid

SERVED = sorted(
    (service, op) for service, backend in backends().items() for op in backend.operations.handlers
)
SLOW = {
    "signaling_channel.CREATING": 3600.0,
    "signaling_channel.UPDATING": 3600.0,
    "stream.CREATING": 3600.0,
    "stream.UPDATING": 3600.0,
}
HUB = "arn:aws:iot:us-west-2:123456789012:thing/hub-1"
HEALTH = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much]
SESSION = botocore.session.Session()
CLIENTS: dict[str, Any] = {}


def client(service: str) -> Any:
    if service not in CLIENTS:
        CLIENTS[service] = SESSION.create_client(
            service, region_name="us-west-2", config=Config(parameter_validation=False)
        )
    return CLIENTS[service]


def seed(fake: KvsFake) -> dict[str, list[str]]:
    """Resources the requests can name: of each kind one ACTIVE and tagged, one CREATING."""
    kvs = client("kinesisvideo")
    channel = kvs.create_signaling_channel(
        ChannelName="active", Tags=[{"Key": "team", "Value": "video"}]
    )["ChannelARN"]
    stream = kvs.create_stream(StreamName="kept", DataRetentionInHours=24, Tags={"a": "b"})
    fake.settle()
    channels = [channel, kvs.create_signaling_channel(ChannelName="creating")["ChannelARN"]]
    streams = [stream["StreamARN"], kvs.create_stream(StreamName="fresh")["StreamARN"]]
    versions = [
        kvs.describe_signaling_channel(ChannelARN=arn)["ChannelInfo"]["Version"] for arn in channels
    ] + [kvs.describe_stream(StreamARN=arn)["StreamInfo"]["Version"] for arn in streams]
    return {
        "channel_names": ["active", "creating"],
        "channel_arns": channels,
        "stream_names": ["kept", "fresh"],
        "stream_arns": streams,
        "arns": channels + streams,
        "versions": versions,
        "hubs": [HUB],
    }


def overrides(existing: dict[str, list[str]], schema: dict[str, Any]) -> dict[str, Any]:
    defs = schema.get("$defs", {})

    def known_or_any(values: list[str], shape: str) -> st.SearchStrategy[Any]:
        return st.one_of(st.sampled_from(values), valid(scalars[shape], defs))

    scalars = {
        shape.name: _scalar_schema(shape)
        for shape in (
            operation_model("kinesisvideo", "DescribeStream").input_shape.members["StreamName"],
            operation_model("kinesisvideo", "DescribeStream").input_shape.members["StreamARN"],
            operation_model("kinesisvideo", "UpdateStream").input_shape.members["CurrentVersion"],
            operation_model("kinesisvideo", "DescribeSignalingChannel").input_shape.members[
                "ChannelName"
            ],
            operation_model("kinesisvideo", "ListEdgeAgentConfigurations").input_shape.members[
                "HubDeviceArn"
            ],
        )
    }

    return {
        name: known_or_any(existing[key], shape)
        for name, key, shape in (
            ("ChannelName", "channel_names", "ChannelName"),
            ("ChannelARN", "channel_arns", "ResourceARN"),
            ("StreamName", "stream_names", "StreamName"),
            ("StreamARN", "stream_arns", "ResourceARN"),
            ("ResourceARN", "arns", "ResourceARN"),
            ("CurrentVersion", "versions", "Version"),
            ("HubDeviceArn", "hubs", "HubDeviceArn"),
        )
        if shape in scalars
    }


def _scalar_schema(shape: Any) -> dict[str, Any]:
    from pytest_kvsivs.validation.schema import _scalar

    return _scalar(shape, "input")


def invoke(model: OperationModel, params: dict[str, Any]) -> dict[str, Any]:
    method = getattr(client(model.service_model.service_name), _python_name(model.name))
    result: dict[str, Any] = method(**params)
    return result


def _python_name(operation: str) -> str:
    from botocore import xform_name

    return str(xform_name(operation))


def snapshot() -> list[Any]:
    kvs = client("kinesisvideo")
    channels = kvs.list_signaling_channels()["ChannelInfoList"]
    return [(c, kvs.list_tags_for_resource(ResourceARN=c["ChannelARN"])["Tags"]) for c in channels]


@pytest.mark.parametrize(("service", "operation"), SERVED)
@settings(suppress_health_check=HEALTH)
@given(data=st.data())
def test_valid_requests_get_a_faithful_answer(service, operation, data):
    model = operation_model(service, operation)
    schema = operation_schema(service, operation, "input")
    listed = {shape.name for shape in model.error_shapes}
    with KvsFake(delays=SLOW, check_responses=True) as fake:
        existing = seed(fake)
        params = data.draw(valid(schema, schema.get("$defs", {}), overrides(existing, schema)))
        error = _error_of(lambda: invoke(model, params))
        assert fake.response_problems == []
    if error is not None:
        code = error["Error"]["Code"]
        assert code in listed, f"{operation} answered {code}, not in {sorted(listed)}"
        assert error["ResponseMetadata"]["HTTPStatusCode"] < 500
        refused = code == VALIDATION_ERROR_CODE[service] and "validation error" in str(error)
        assert not refused, f"a valid request was refused: {error['Error']}"


def _error_of(call: Any) -> dict[str, Any] | None:
    """The error response of a call, or None if it succeeded."""
    try:
        call()
    except ClientError as err:
        return dict(err.response)
    return None


def _sites() -> list[tuple[str, str, Site]]:
    found = []
    for service, operation in SERVED:
        schema = operation_schema(service, operation, "input")
        for site in sites(schema, schema.get("$defs", {})):
            found.append((service, operation, site))
    return found


SITES = _sites()


def _get(params: dict[str, Any], path: tuple[str, ...]) -> Any:
    node: Any = params
    for name in path:
        if not isinstance(node, dict) or name not in node:
            return MISSING
        node = node[name]
    return node


def _set(params: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    node = params
    for name in path[:-1]:
        node = node[name]
    if value is MISSING:
        node.pop(path[-1], None)
    else:
        node[path[-1]] = value


@pytest.mark.parametrize(
    ("service", "operation", "site"),
    SITES,
    ids=[f"{op}-{site.service_path}-{site.constraint}" for _, op, site in SITES],
)
@settings(suppress_health_check=HEALTH, max_examples=max(5, settings().max_examples // 2))
@given(data=st.data())
def test_requests_broken_in_one_constraint_are_refused_and_change_nothing(
    service, operation, site, data
):
    model = operation_model(service, operation)
    schema = operation_schema(service, operation, "input")
    with KvsFake(delays=SLOW, check_responses=True) as fake:
        existing = seed(fake)
        params = data.draw(valid(schema, schema.get("$defs", {}), overrides(existing, schema)))
        assume(len(site.path) == 1 or _get(params, site.path[:-1]) is not MISSING)
        current = _get(params, site.path)
        assume(site.constraint != "maxItems" or current not in (MISSING, []))
        _set(params, site.path, site.breaker(None if current is MISSING else current))
        before = snapshot()
        with pytest.raises(ClientError) as caught:
            invoke(model, params)
        response = caught.value.response
        assert response["Error"]["Code"] == VALIDATION_ERROR_CODE[service]
        message = response["Error"]["Message"]
        import re

        paths = re.findall(r" at '([^']*)' failed to satisfy constraint", message)
        assert paths, message
        assert set(paths) == {site.service_path}, message
        noun = "error" if len(paths) == 1 else "errors"
        assert message.startswith(f"{len(paths)} validation {noun} detected: "), message
        assert snapshot() == before
