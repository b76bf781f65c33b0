"""Property tests over every served kinesisvideo operation, generated from the botocore input
shapes (IVS: ``test_ivs_requests.py``, on the same strategies).

- Valid requests (with identifiers of resources that exist, and of ones that do not) get
  exactly the answer the seeded state determines (``expected_answers``): a success whose body
  validates against the output shape (``check_responses`` makes the fake raise at once
  otherwise) or that one error, which the operation's model lists; never a 5xx, never another
  exception.
- Requests broken in exactly one constraint get the service's validation error naming that
  member, and leave the state as it was.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import botocore.session
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from botocore.model import OperationModel
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from pytest_kvsivs import KvsFake
from pytest_kvsivs.model import operation_model
from pytest_kvsivs.services import backends, specs
from pytest_kvsivs.validation.schema import operation_schema

from .schema_strategies import Site, break_at, error_of, sites, valid

SERVED = sorted(("kinesisvideo", op) for op in backends()["kinesisvideo"].operations.handlers)
"""The kinesisvideo operations (IVS has its own seeds and rules: test_ivs_requests.py)."""
SLOW = {
    "kinesisvideo.signaling_channel.CREATING": 3600.0,
    "kinesisvideo.signaling_channel.UPDATING": 3600.0,
    "kinesisvideo.stream.CREATING": 3600.0,
    "kinesisvideo.stream.UPDATING": 3600.0,
}
HUB = "arn:aws:iot:us-west-2:123456789012:thing/hub-1"
Params = Mapping[str, Any]
HEALTH = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much]
SESSION = botocore.session.Session()
CLIENTS: dict[str, Any] = {}


def client(service: str) -> Any:
    if service not in CLIENTS:
        CLIENTS[service] = SESSION.create_client(
            service, region_name="us-west-2", config=Config(parameter_validation=False)
        )
    return CLIENTS[service]


@dataclass(frozen=True)
class Resource:
    """A seeded resource as the test made it: what decides the answers naming it."""

    kind: str  # the ARN's resource type: "stream" or "channel"
    name: str
    arn: str
    version: str
    status: str
    retention: int = 0  # DataRetentionInHours (streams)
    tags: frozenset[str] = frozenset()  # tag keys


@dataclass(frozen=True)
class Seeded:
    existing: dict[str, list[str]]
    """Identifiers the requests can name, by kind (see ``overrides``)."""
    resources: tuple[Resource, ...]


def seed(fake: KvsFake) -> Seeded:
    """Resources the requests can name: of each kind one ACTIVE and tagged, one CREATING."""
    kvs = client("kinesisvideo")
    channel = kvs.create_signaling_channel(
        ChannelName="active", Tags=[{"Key": "team", "Value": "video"}]
    )["ChannelARN"]
    stream = kvs.create_stream(StreamName="kept", DataRetentionInHours=24, Tags={"a": "b"})
    fake.settle()
    channels = [channel, kvs.create_signaling_channel(ChannelName="creating")["ChannelARN"]]
    streams = [stream["StreamARN"], kvs.create_stream(StreamName="fresh")["StreamARN"]]
    channel_infos = [
        kvs.describe_signaling_channel(ChannelARN=arn)["ChannelInfo"] for arn in channels
    ]
    stream_infos = [kvs.describe_stream(StreamARN=arn)["StreamInfo"] for arn in streams]
    versions = [info["Version"] for info in channel_infos + stream_infos]
    made = (
        ("channel", "active", channels[0], "ACTIVE", 0, {"team"}),
        ("channel", "creating", channels[1], "CREATING", 0, set()),
        ("stream", "kept", streams[0], "ACTIVE", 24, {"a"}),
        ("stream", "fresh", streams[1], "CREATING", 0, set()),
    )
    resources = tuple(
        Resource(kind, name, arn, version, status, retention, frozenset(tags))
        for (kind, name, arn, status, retention, tags), version in zip(made, versions, strict=True)
    )
    # The fake describes them as made (the answers below follow from these facts).
    described = [(i["ChannelName"], i["ChannelStatus"], 0) for i in channel_infos] + [
        (i["StreamName"], i["Status"], i["DataRetentionInHours"]) for i in stream_infos
    ]
    assert described == [(r.name, r.status, r.retention) for r in resources]
    existing = {
        "channel_names": ["active", "creating"],
        "channel_arns": channels,
        "stream_names": ["kept", "fresh"],
        "stream_arns": streams,
        "arns": channels + streams,
        "versions": versions,
        "hubs": [HUB],
    }
    return Seeded(existing, resources)


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


# -- the answer the seeded state determines -------------------------------------------------
#
# Checks run in the order of reference 1.3 (the arguments, the identifier, the resource's
# state, its version; then what depends on the resource's values, such as the retention
# UpdateDataRetention would leave), and the first that fails decides the one right code.
# Generated identifiers name a seeded resource or a random one that names nothing; a NextToken
# is never one the fake minted (these requests list nothing first), so a non-empty one is
# always refused.

RNF = "ResourceNotFoundException"
INVALID = "InvalidArgumentException"
IN_USE = "ResourceInUseException"
MISMATCH = "VersionMismatchException"
NO_RETENTION = "NoDataRetentionException"
MAX_RETENTION_HOURS = 87600
MAX_TAGS = 50
REGION = "us-west-2"
_ARN_KIND = re.compile(r"arn:[a-z\d-]+:kinesisvideo:[a-z0-9-]+:[0-9]+:([a-z]+)/")


class Refused(Exception):
    """The request is refused with one of ``codes`` (more than one only where both are right)."""

    def __init__(self, *codes: str) -> None:
        super().__init__(*codes)
        self.codes = frozenset(codes)


def refuse_if(condition: bool, *codes: str) -> None:
    if condition:
        raise Refused(*codes)


@dataclass(frozen=True)
class World:
    resources: tuple[Resource, ...]

    def by_arn(self, kind: str, arn: str) -> Resource:
        """The seeded resource of ``kind`` with exactly this ARN, or ResourceNotFound."""
        for resource in self.resources:
            if resource.kind == kind and resource.arn == arn:
                return resource
        raise Refused(RNF)

    def identify(self, kind: str, params: Params, name_key: str, arn_key: str) -> Resource:
        """Name or ARN: neither is invalid; the ARN decides, and a name naming another
        resource than the ARN's is invalid (reference 2.1)."""
        name, arn = params.get(name_key), params.get(arn_key)
        refuse_if(name is None and arn is None, INVALID)
        if arn is not None:
            found = self.by_arn(kind, arn)
            refuse_if(name is not None and name != found.name, INVALID)
            return found
        for resource in self.resources:
            if resource.kind == kind and resource.name == name:
                return resource
        raise Refused(RNF)

    def stream(self, params: Params) -> Resource:
        return self.identify("stream", params, "StreamName", "StreamARN")

    def channel(self, params: Params) -> Resource:
        return self.identify("channel", params, "ChannelName", "ChannelARN")

    def tagged(self, arn: str) -> Resource:
        for resource in self.resources:
            if resource.arn == arn:
                return resource
        raise Refused(RNF)

    def tag_stream(self, params: Params) -> Resource:
        """The stream of TagStream/UntagStream/ListTagsForStream: an ARN of another resource
        type is malformed there (InvalidResourceFormatException)."""
        arn = params.get("StreamARN")
        parsed = _ARN_KIND.match(arn) if arn is not None else None
        refuse_if(parsed is not None and parsed[1] != "stream", "InvalidResourceFormatException")
        return self.stream(params)

    def taken(self, kind: str, name: str) -> bool:
        return any(r.kind == kind and r.name == name for r in self.resources)


def active(resource: Resource) -> None:
    refuse_if(resource.status != "ACTIVE", IN_USE)


def change(resource: Resource, version: str | None) -> None:
    """A change needs the resource ACTIVE, then (when given) its current Version."""
    active(resource)
    refuse_if(version is not None and version != resource.version, MISMATCH)


def retained(resource: Resource) -> None:
    refuse_if(resource.retention == 0, NO_RETENTION)


def no_token(params: Params) -> None:
    refuse_if(bool(params.get("NextToken")), INVALID)


def tags_fit(keys: set[str], resource: Resource | None = None) -> None:
    refuse_if(any(key.lower().startswith("aws:") for key in keys), INVALID)
    existing = resource.tags if resource is not None else frozenset()
    refuse_if(len(existing | keys) > MAX_TAGS, "TagsPerResourceExceededLimitException")


def _create_signaling_channel(p: Params, w: World) -> None:
    tags_fit({tag["Key"] for tag in p.get("Tags") or []})
    refuse_if(w.taken("channel", p["ChannelName"]), IN_USE)  # in any status


def _create_stream(p: Params, w: World) -> None:
    tags_fit(set(p.get("Tags") or {}))
    refuse_if(p.get("DataRetentionInHours", 0) > MAX_RETENTION_HOURS, INVALID)
    refuse_if(w.taken("stream", p["StreamName"]), IN_USE)  # in any status


def _update_data_retention(p: Params, w: World) -> None:
    stream = w.stream(p)
    change(stream, p["CurrentVersion"])
    sign = 1 if p["Operation"] == "INCREASE_DATA_RETENTION" else -1
    hours = stream.retention + sign * p["DataRetentionChangeInHours"]
    refuse_if(not 0 <= hours <= MAX_RETENTION_HOURS, INVALID)


def _update_image_generation_configuration(p: Params, w: World) -> None:
    stream = w.stream(p)
    active(stream)
    retained(stream)
    config = p.get("ImageGenerationConfiguration")
    if config is None:  # clears the configuration
        return
    refuse_if(config["DestinationConfig"]["DestinationRegion"] != REGION, INVALID)
    refuse_if(config["SamplingInterval"] < 200, INVALID)  # the model doc's minimum, in ms
    if "FormatConfig" in config:
        refuse_if(config["Format"] != "JPEG", INVALID)
        quality = config["FormatConfig"].get("JPEGQuality", "")
        refuse_if(not (re.fullmatch("[0-9]+", quality) and 1 <= int(quality) <= 100), INVALID)


def _update_notification_configuration(p: Params, w: World) -> None:
    stream = w.stream(p)
    active(stream)
    retained(stream)


def _start_edge_configuration_update(p: Params, w: World) -> None:
    stream = w.stream(p)
    # The reference (2.2) refuses the update while the stream is not ACTIVE; the state is
    # checked before the stream's values, as for the other stream configurations.
    active(stream)
    retained(stream)
    # No seeded stream has an edge configuration: none is in progress.


def _update_media_storage_configuration(p: Params, w: World) -> None:
    active(w.by_arn("channel", p["ChannelARN"]))
    config = p["MediaStorageConfiguration"]
    if config["Status"] == "DISABLED":
        return
    refuse_if("StreamARN" not in config, INVALID)
    stream = w.by_arn("stream", config["StreamARN"])
    active(stream)
    retained(stream)
    # No seeded channel stores media yet: the stream is never taken by another channel.


def _get_signaling_channel_endpoint(p: Params, w: World) -> None:
    active(w.by_arn("channel", p["ChannelARN"]))
    protocols = (p.get("SingleMasterChannelEndpointConfiguration") or {}).get("Protocols") or []
    # WEBRTC needs media storage ENABLED on the channel: no seeded channel has it.
    refuse_if("WEBRTC" in protocols, INVALID)


def _get_data_endpoint(p: Params, w: World) -> None:
    # "The requested stream is not found or not active." (reference 2.3: not found until ACTIVE)
    refuse_if(w.stream(p).status in ("CREATING", "DELETING"), RNF)


def _tag_stream(p: Params, w: World) -> None:
    tags_fit(set(p["Tags"]), w.tag_stream(p))


def _tag_resource(p: Params, w: World) -> None:
    tags_fit({tag["Key"] for tag in p["Tags"]}, w.tagged(p["ResourceARN"]))


def _list_tags_for_stream(p: Params, w: World) -> None:
    w.tag_stream(p)
    no_token(p)


def _list_tags_for_resource(p: Params, w: World) -> None:
    w.tagged(p["ResourceARN"])
    no_token(p)


def _describe_mapped_resource_configuration(p: Params, w: World) -> None:
    w.stream(p)
    no_token(p)


def _no_edge_configuration(p: Params, w: World) -> None:
    w.stream(p)
    raise Refused("StreamEdgeConfigurationNotFoundException")  # none is seeded


RULES: dict[str, Callable[[Params, World], object]] = {
    "CreateSignalingChannel": _create_signaling_channel,
    "CreateStream": _create_stream,
    "DeleteEdgeConfiguration": _no_edge_configuration,
    "DeleteSignalingChannel": lambda p, w: change(
        w.by_arn("channel", p["ChannelARN"]), p.get("CurrentVersion")
    ),
    "DeleteStream": lambda p, w: change(
        w.by_arn("stream", p["StreamARN"]), p.get("CurrentVersion")
    ),
    "DescribeEdgeConfiguration": _no_edge_configuration,
    "DescribeImageGenerationConfiguration": lambda p, w: w.stream(p),
    "DescribeMappedResourceConfiguration": _describe_mapped_resource_configuration,
    "DescribeMediaStorageConfiguration": lambda p, w: w.channel(p),
    "DescribeNotificationConfiguration": lambda p, w: w.stream(p),
    "DescribeSignalingChannel": lambda p, w: w.channel(p),
    "DescribeStream": lambda p, w: w.stream(p),
    "DescribeStreamStorageConfiguration": lambda p, w: w.stream(p),
    "GetDataEndpoint": _get_data_endpoint,
    "GetSignalingChannelEndpoint": _get_signaling_channel_endpoint,
    "ListEdgeAgentConfigurations": lambda p, w: no_token(p),
    "ListSignalingChannels": lambda p, w: no_token(p),
    "ListStreams": lambda p, w: no_token(p),
    "ListTagsForResource": _list_tags_for_resource,
    "ListTagsForStream": _list_tags_for_stream,
    "StartEdgeConfigurationUpdate": _start_edge_configuration_update,
    "TagResource": _tag_resource,
    "TagStream": _tag_stream,
    "UntagResource": lambda p, w: w.tagged(p["ResourceARN"]),
    "UntagStream": lambda p, w: w.tag_stream(p),
    "UpdateDataRetention": _update_data_retention,
    "UpdateImageGenerationConfiguration": _update_image_generation_configuration,
    "UpdateMediaStorageConfiguration": _update_media_storage_configuration,
    "UpdateNotificationConfiguration": _update_notification_configuration,
    "UpdateSignalingChannel": lambda p, w: change(
        w.by_arn("channel", p["ChannelARN"]), p["CurrentVersion"]
    ),
    "UpdateStream": lambda p, w: change(w.stream(p), p["CurrentVersion"]),
    "UpdateStreamStorageConfiguration": lambda p, w: change(w.stream(p), p["CurrentVersion"]),
}
"""Per served operation: raises :class:`Refused` with the code the seeded state determines
for a request, or returns (success)."""


def expected_answers(operation: str, params: Params, seeded: Seeded) -> frozenset[str | None]:
    """The error codes (None: success) that are right for this request on the seeded fake."""
    try:
        RULES[operation](params, World(seeded.resources))
    except Refused as refused:
        return frozenset(refused.codes)
    return frozenset({None})


def test_every_served_operation_has_an_expected_answer():
    # On an older botocore the fake serves fewer operations; every rule still names one
    # the fake implements (served here, or set aside because this model lacks it).
    operations = backends()["kinesisvideo"].operations
    assert set(SERVED) <= {("kinesisvideo", operation) for operation in RULES}
    assert set(RULES) <= set(operations.handlers) | set(operations.not_in_model)


@pytest.mark.parametrize(("service", "operation"), SERVED)
@settings(suppress_health_check=HEALTH)
@given(data=st.data())
def test_valid_requests_get_a_faithful_answer(service, operation, data):
    model = operation_model(service, operation)
    schema = operation_schema(service, operation, "input")
    listed = {shape.name for shape in model.error_shapes}
    # check_responses: a success body the model does not allow raises FakeDefectError from
    # the call itself, failing the test here.
    with KvsFake(delays=SLOW, check_responses=True) as fake:
        seeded = seed(fake)
        params = data.draw(
            valid(schema, schema.get("$defs", {}), overrides(seeded.existing, schema))
        )
        error = error_of(lambda: invoke(model, params))
    code = None if error is None else error["Error"]["Code"]
    expected = expected_answers(operation, params, seeded)
    event(f"answer: {code or 'success'}")  # the mix: pytest --hypothesis-show-statistics
    assert code in expected, f"{operation} answered {code}, expected {sorted(map(str, expected))}"
    if error is not None:
        assert code in listed, f"{operation} answered {code}, not in {sorted(listed)}"
        assert error["ResponseMetadata"]["HTTPStatusCode"] < 500
        status = model.service_model.shape_for(code).metadata["error"]["httpStatusCode"]
        assert error["ResponseMetadata"]["HTTPStatusCode"] == status
        refused = code == specs()[service].validation_error and "validation error" in str(error)
        assert not refused, f"a valid request was refused: {error['Error']}"


def _sites() -> list[tuple[str, str, Site]]:
    found = []
    for service, operation in SERVED:
        schema = operation_schema(service, operation, "input")
        for site in sites(schema, schema.get("$defs", {})):
            found.append((service, operation, site))
    return found


SITES = _sites()


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
        seeded = seed(fake)
        params = data.draw(
            valid(schema, schema.get("$defs", {}), overrides(seeded.existing, schema))
        )
        break_at(params, site)
        before = snapshot()
        with pytest.raises(ClientError) as caught:
            invoke(model, params)
        response = caught.value.response
        assert response["Error"]["Code"] == specs()[service].validation_error
        message = response["Error"]["Message"]
        paths = re.findall(r" at '([^']*)' failed to satisfy constraint", message)
        assert paths, message
        assert set(paths) == {site.service_path}, message
        noun = "error" if len(paths) == 1 else "errors"
        assert message.startswith(f"{len(paths)} validation {noun} detected: "), message
        assert snapshot() == before
