"""Property tests over every served KVS data-plane operation (kinesis-video-archived-media,
-media, -signaling, -webrtc-storage), generated from the botocore input shapes with the
strategies of ``schema_strategies`` (the control plane's: ``test_requests.py``).

Requests go to the endpoints real code uses: the seeded stream's data endpoint
(GetDataEndpoint) and the seeded channel's HTTPS and WEBRTC endpoints
(GetSignalingChannelEndpoint), from clients without botocore's own validation.

- Requests broken in exactly one constraint get the service's validation error naming that
  member, and change nothing: the control plane, the fragment store, the streaming and
  storage sessions and the signaling sessions answer the same before and after.
- Valid requests naming a stream or channel that is unknown or still CREATING get
  ResourceNotFoundException, in the control plane's words; stream requests naming no
  stream, or a name and an ARN of different streams, get InvalidArgumentException; neither
  changes anything.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cache
from typing import Any
from unittest import mock

import botocore.session
import pytest
from botocore import xform_name
from botocore.config import Config
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from pytest_kvsivs import KvsFake
from pytest_kvsivs.model import operation_model
from pytest_kvsivs.services import backends, specs
from pytest_kvsivs.validation.compiler import member_segment
from pytest_kvsivs.validation.schema import operation_schema

from .schema_strategies import (
    Schema,
    Site,
    _resolve,
    _string_breakers,
    break_at,
    error_of,
    sites,
    valid,
)

ARCHIVED = "kinesis-video-archived-media"
MEDIA = "kinesis-video-media"
SIGNALING = "kinesis-video-signaling"
STORAGE = "kinesis-video-webrtc-storage"
SERVICES = (ARCHIVED, MEDIA, SIGNALING, STORAGE)
SERVED = sorted(
    (service, operation)
    for service in SERVICES
    if service in specs()
    for operation in backends()[service].operations.handlers
)
"""Every data-plane operation the fake serves (one served later is covered by itself)."""
REGION = "us-west-2"
T0 = 1_714_564_800.0
"""2024-05-01T12:00:00Z: where the wall clock stands during each example."""
ACCOUNT = "123456789012"
SLOW = {
    "kinesisvideo.signaling_channel.CREATING": 3600.0,
    "kinesisvideo.stream.CREATING": 3600.0,
}
HEALTH = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much]
SESSION = botocore.session.Session()
CONFIG = Config(parameter_validation=False, retries={"max_attempts": 1})
RNF = "ResourceNotFoundException"
INVALID = "InvalidArgumentException"
NOT_FOUND = "The requested {} is not found or not active."
STREAM_MEMBERS = ("StreamName", "StreamARN")
CHANNEL_MEMBERS = ("ChannelARN", "channelArn")
TIMESTAMPS = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(timezone.utc)
)


@cache
def client(service: str, endpoint_url: str | None = None) -> Any:
    """One client per service and endpoint (the seeded endpoints are the same every example)."""
    return SESSION.create_client(
        service, region_name=REGION, endpoint_url=endpoint_url, config=CONFIG
    )


def kvs() -> Any:
    """The control plane (made in a test, with its environment: no credentials anywhere)."""
    return client("kinesisvideo")


def names_kind(service: str, operation: str) -> str | None:
    """What the operation's request names: "stream", "channel" (or None: neither)."""
    members = set(operation_model(service, operation).input_shape.members)
    if members & set(STREAM_MEMBERS):
        return "stream"
    if members & set(CHANNEL_MEMBERS):
        return "channel"
    return None


# -- the seeded world ------------------------------------------------------------------------


@dataclass(frozen=True)
class Known:
    """The identifiers of the seeded resources (the same every example: the clock stands)."""

    streams: tuple[tuple[str, str], ...]
    """(name, ARN): kept (ACTIVE, 24 h retention, fragments), fresh (CREATING)."""
    channels: tuple[tuple[str, str], ...]
    """(name, ARN): cam (ACTIVE, its media stored in kept), creating (CREATING)."""
    fragments: tuple[str, ...]
    """kept's fragment numbers."""

    def stream(self, name: str) -> str:
        return dict(self.streams)[name]

    def channel(self, name: str) -> str:
        return dict(self.channels)[name]

    @property
    def arns(self) -> set[str]:
        return {arn for _, arn in self.streams + self.channels}


@dataclass(frozen=True)
class Seeded:
    fake: KvsFake
    known: Known
    endpoints: dict[str, str]
    """Per data-plane service, the endpoint issued for kept (GetDataEndpoint) or for cam
    (GetSignalingChannelEndpoint: HTTPS for signaling, WEBRTC for webrtc-storage)."""


@contextmanager
def seeded_fake() -> Iterator[Seeded]:
    """A fresh fake with the seeded resources, the wall clock standing still at T0 (what
    freezegun does, without its scan of every module per example) and its random choices
    seeded: every example seeds the same ARNs, versions, endpoints and fragment numbers, so
    clients and strategies are made once. Responses are not checked (a third of the time):
    no request under test here succeeds, and the seeding and snapshot calls are the control
    plane's and ListFragments, whose answers their own tests check."""
    with (
        mock.patch.object(time, "time", return_value=T0),
        KvsFake(delays=SLOW, check_responses=False, seed=0) as fake,
    ):
        yield seed(fake)


def seed(fake: KvsFake) -> Seeded:
    kept = kvs().create_stream(StreamName="kept", DataRetentionInHours=24)["StreamARN"]
    cam = kvs().create_signaling_channel(ChannelName="cam")["ChannelARN"]
    fake.settle()
    kvs().update_media_storage_configuration(
        ChannelARN=cam, MediaStorageConfiguration={"Status": "ENABLED", "StreamARN": kept}
    )
    fake.settle()
    fresh = kvs().create_stream(StreamName="fresh")["StreamARN"]
    creating = kvs().create_signaling_channel(ChannelName="creating")["ChannelARN"]
    fragments = fake.put_media("kept", duration=6.0)
    data = kvs().get_data_endpoint(StreamName="kept", APIName="GET_MEDIA")["DataEndpoint"]
    config = {"Protocols": ["HTTPS", "WEBRTC"], "Role": "MASTER"}
    listed = kvs().get_signaling_channel_endpoint(
        ChannelARN=cam, SingleMasterChannelEndpointConfiguration=config
    )["ResourceEndpointList"]
    channel_endpoints = {e["Protocol"]: e["ResourceEndpoint"] for e in listed}
    known = Known(
        (("kept", kept), ("fresh", fresh)),
        (("cam", cam), ("creating", creating)),
        tuple(fragments),
    )
    endpoints = {
        ARCHIVED: data,
        MEDIA: data,
        SIGNALING: channel_endpoints["HTTPS"],
        STORAGE: channel_endpoints["WEBRTC"],
    }
    return Seeded(fake, known, endpoints)


def _root(schema: Schema) -> Schema:
    root: Schema = schema["$defs"][schema["$ref"].rsplit("/", 1)[-1]]
    return root


@cache
def member_strategy(service: str, operation: str, name: str) -> st.SearchStrategy[Any]:
    """Any valid value of a top-level member of the operation's request."""
    schema = operation_schema(service, operation, "input")
    return valid(_root(schema)["properties"][name], schema["$defs"])


@cache
def request_strategy(service: str, operation: str, known: Known) -> st.SearchStrategy[Any]:
    """Valid requests; identifiers mostly seeded ones, sometimes any valid one; timestamps
    datetimes."""
    schema = operation_schema(service, operation, "input")
    defs = schema["$defs"]
    found: dict[str, st.SearchStrategy[Any]] = {
        "StartTimestamp": TIMESTAMPS,
        "EndTimestamp": TIMESTAMPS,
    }
    seeded = {
        "StreamName": [name for name, _ in known.streams],
        "StreamARN": [arn for _, arn in known.streams],
        "ChannelARN": [arn for _, arn in known.channels],
        "channelArn": [arn for _, arn in known.channels],
    }
    for name, values in seeded.items():
        if name in _root(schema)["properties"]:
            found[name] = st.one_of(
                st.sampled_from(values), member_strategy(service, operation, name)
            )
    number = defs.get("FragmentNumberList", {}).get("items")
    if number is not None:
        numbers = st.one_of(st.sampled_from(known.fragments), valid(number, defs))
        found["Fragments"] = st.lists(numbers, min_size=1, max_size=5)
    selector = defs.get("StartSelector")
    if selector is not None:
        after = selector["properties"]["AfterFragmentNumber"]
        found["AfterFragmentNumber"] = st.one_of(
            st.sampled_from(known.fragments), valid(after, defs)
        )
    return valid(schema, defs, found)


def draw_request(data: st.DataObject, seeded: Seeded, service: str, operation: str) -> Any:
    return data.draw(request_strategy(service, operation, seeded.known), label="request")


def invoke(seeded: Seeded, service: str, operation: str, params: dict[str, Any]) -> Any:
    method = getattr(client(service, seeded.endpoints[service]), xform_name(operation))
    return method(**params)


def snapshot(seeded: Seeded) -> list[Any]:
    """What a request could change: the control plane's streams and channels (and cam's media
    storage), kept's fragments, the HLS/DASH sessions issued for it, cam's storage session,
    and the signaling masters and client sessions (which only the state shows)."""
    fake, cam = seeded.fake, seeded.known.channel("cam")
    signaling = fake._runtime.state(SIGNALING, ACCOUNT, REGION)
    return [
        kvs().list_streams()["StreamInfoList"],
        kvs().list_signaling_channels()["ChannelInfoList"],
        kvs().describe_media_storage_configuration(ChannelARN=cam)["MediaStorageConfiguration"],
        client(ARCHIVED).list_fragments(StreamName="kept")["Fragments"],  # default endpoint
        fake.streaming_sessions("kept"),
        fake.storage_session(cam),
        dict(signaling.masters),
        dict(signaling.sessions),
    ]


def status_of(service: str, operation: str, code: str) -> int:
    shape = operation_model(service, operation).service_model.shape_for(code)
    status: int = shape.metadata["error"]["httpStatusCode"]
    return status


def test_every_served_operation_names_a_stream_or_a_channel():
    # An operation served later that names neither needs its own not-found rule below.
    assert {service for service, _ in SERVED} == set(SERVICES) & set(specs())
    for service, operation in SERVED:
        expected = "stream" if service in (ARCHIVED, MEDIA) else "channel"
        assert names_kind(service, operation) == expected, (service, operation)


def test_the_seeded_world_is_the_same_every_example():
    with seeded_fake() as first:
        seen = snapshot(first)
    with seeded_fake() as second:
        assert snapshot(second) == seen
    assert (second.known, second.endpoints) == (first.known, first.endpoints)
    assert len(first.known.fragments) == 3


# -- requests broken in one constraint ------------------------------------------------------


@dataclass(frozen=True)
class Broken:
    """A constraint to break, and the member path the service's message names for it."""

    site: Site
    named: str

    @property
    def id(self) -> str:
        return f"{self.named}-{self.site.constraint}"


def more_sites(schema: Schema, defs: Schema, path: tuple[str, ...] = ()) -> Iterator[Broken]:
    """The constraints ``sites`` leaves out, which these requests have: a minimum length of 1,
    a minimum list size, the constraints of a list's items (broken in its first: the message
    names ``member.1``) and of a map (its size, its keys' enum, its values)."""
    schema = _resolve(schema, defs)
    for name, sub in schema.get("properties", {}).items():
        member = (*path, name)
        named = ".".join(member_segment(p) for p in member)
        sub = _resolve(sub, defs)
        kind = sub.get("type")
        if kind == "string" and sub.get("minLength") == 1:
            yield Broken(Site(member, "minLength", lambda v: ""), named)
        elif kind == "array":
            if sub.get("minItems", 0) >= 1:
                yield Broken(Site(member, "minItems", lambda v: []), named)
            item = _resolve(sub["items"], defs)
            if item.get("type") == "string":
                breakers = list(_string_breakers(item))
                if item.get("minLength") == 1:
                    breakers.append(("minLength", lambda v: ""))
                for constraint, breaker in breakers:
                    first = _first_item_breaker(breaker)
                    yield Broken(Site(member, f"items.{constraint}", first), f"{named}.1")
        elif kind == "object" and "properties" in sub:
            yield from more_sites(sub, defs, member)
        elif kind == "object":
            yield from _map_sites(sub, member, named)


def _first_item_breaker(breaker: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda v: [breaker(v[0] if v else None), *(v or [])[1:]]


def _map_sites(schema: Schema, member: tuple[str, ...], named: str) -> Iterator[Broken]:
    keys = schema.get("propertyNames", {}).get("enum")
    values = schema.get("additionalProperties", {})
    key = keys[0] if keys else "k"
    if schema.get("minProperties", 0) >= 1:
        yield Broken(Site(member, "minProperties", lambda v: {}), named)
    if "maxProperties" in schema:
        count = schema["maxProperties"] + 1
        yield Broken(
            Site(member, "maxProperties", lambda v: {f"{key}{i}": "1" for i in range(count)}),
            named,
        )
    if keys:
        wrong = "NOT_" + "_".join(keys)
        yield Broken(Site(member, "keys.enum", lambda v: {wrong: "1"}), named)
    for constraint, breaker in _string_breakers(values):
        yield Broken(
            Site(member, f"values.{constraint}", lambda v, b=breaker: {key: b(None)}), named
        )


def _sites() -> list[tuple[str, str, Broken]]:
    found = []
    for service, operation in SERVED:
        schema = operation_schema(service, operation, "input")
        defs = schema["$defs"]
        found += [
            (service, operation, Broken(site, site.service_path)) for site in sites(schema, defs)
        ]
        found += [(service, operation, broken) for broken in more_sites(schema, defs)]
    return found


SITES = _sites()


@pytest.mark.parametrize(
    ("service", "operation", "broken"),
    SITES,
    ids=[f"{op}-{broken.id}" for _, op, broken in SITES],
)
@settings(suppress_health_check=HEALTH, max_examples=max(5, settings().max_examples // 2))
@given(data=st.data())
def test_requests_broken_in_one_constraint_are_refused_and_change_nothing(
    service, operation, broken, data
):
    with seeded_fake() as seeded:
        params = draw_request(data, seeded, service, operation)
        break_at(params, broken.site)
        before = snapshot(seeded)
        error = error_of(lambda: invoke(seeded, service, operation, params))
        assert snapshot(seeded) == before
    assert error is not None, f"{operation} accepted {params}"
    code = specs()[service].validation_error
    assert error["Error"]["Code"] == code, error["Error"]
    assert error["ResponseMetadata"]["HTTPStatusCode"] == status_of(service, operation, code)
    message = error["Error"]["Message"]
    paths = re.findall(r" at '([^']*)' failed to satisfy constraint", message)
    # One member is broken; an absent member given a breaking value can break two of its
    # constraints (a value made too long need not fit the pattern): both name that member.
    assert paths, message
    assert set(paths) == {broken.named}, message
    noun = "error" if len(paths) == 1 else "errors"
    assert message.startswith(f"{len(paths)} validation {noun} detected: Value "), message


# -- valid requests whose answer the seeded state determines --------------------------------

NAMING = {
    "stream": (
        "an unknown StreamName",
        "an unknown StreamARN",
        "the CREATING stream's StreamName",
        "the CREATING stream's StreamARN",
        "the CREATING stream's StreamName and StreamARN",
    ),
    "channel": ("an unknown ARN", "the CREATING channel's ARN"),
}
"""How a request names a stream or channel the data plane does not serve: one it does not
know, or one still CREATING (the seeded fresh and creating). Not found either way, in the
control plane's words (docs/behaviour.md, KVS data plane)."""


def name_unserved(
    data: st.DataObject, service: str, operation: str, known: Known, how: str
) -> dict[str, str]:
    """The identifying members of a request naming what ``how`` says."""
    kind = names_kind(service, operation)
    members = set(operation_model(service, operation).input_shape.members)
    arn_member = "StreamARN" if kind == "stream" else next(iter(members & set(CHANNEL_MEMBERS)))
    unserved = known.stream("fresh") if kind == "stream" else known.channel("creating")
    if how.startswith("an unknown"):
        member = "StreamName" if how.endswith("StreamName") else arn_member
        value = data.draw(member_strategy(service, operation, member), label=member)
        assume(value not in {"kept", "fresh"} | known.arns)
        return {member: value}
    named = {}
    if "StreamName" in how:
        named["StreamName"] = "fresh"
    if "ARN" in how:
        named[arn_member] = unserved
    return named


NAMING_SERVED = [(s, o, names_kind(s, o)) for s, o in SERVED if names_kind(s, o) is not None]


@pytest.mark.parametrize(("service", "operation", "kind"), NAMING_SERVED)
@settings(suppress_health_check=HEALTH)
@given(data=st.data())
def test_requests_naming_what_is_not_served_are_not_found_and_change_nothing(
    service, operation, kind, data
):
    # Whatever else the request says: every data-plane handler looks its stream or channel
    # up first (a FRAGMENT_NUMBER selector without its number, a range ending before it
    # starts, a channel without media storage are all answered for a served resource only).
    with seeded_fake() as seeded:
        params = draw_request(data, seeded, service, operation)
        how = data.draw(st.sampled_from(NAMING[kind]), label="naming")
        event(f"naming {how}")
        for member in (*STREAM_MEMBERS, *CHANNEL_MEMBERS):
            params.pop(member, None)
        params.update(name_unserved(data, service, operation, seeded.known, how))
        before = snapshot(seeded)
        error = error_of(lambda: invoke(seeded, service, operation, params))
        assert snapshot(seeded) == before
    assert error is not None, f"{operation} naming {how} succeeded"
    assert error["Error"] == {"Code": RNF, "Message": NOT_FOUND.format(kind)}, error["Error"]
    assert error["ResponseMetadata"]["HTTPStatusCode"] == status_of(service, operation, RNF)


STREAM_SERVED = [(s, o) for s, o in SERVED if names_kind(s, o) == "stream"]
IDENTIFICATIONS: dict[str, Callable[[Known], dict[str, str]]] = {
    "neither": lambda known: {},
    "kept's name, fresh's ARN": lambda known: {
        "StreamName": "kept",
        "StreamARN": known.stream("fresh"),
    },
    "fresh's name, kept's ARN": lambda known: {
        "StreamName": "fresh",
        "StreamARN": known.stream("kept"),
    },
}
"""Stream identifications refused as InvalidArgumentException before the stream's state is
looked at: exactly one of StreamName and StreamARN, or both naming the same stream."""


@pytest.mark.parametrize(("service", "operation"), STREAM_SERVED)
@settings(suppress_health_check=HEALTH, max_examples=max(5, settings().max_examples // 2))
@given(data=st.data())
def test_stream_requests_naming_no_stream_or_two_are_invalid(service, operation, data):
    with seeded_fake() as seeded:
        params = draw_request(data, seeded, service, operation)
        how = data.draw(st.sampled_from(sorted(IDENTIFICATIONS)), label="identification")
        event(how)
        for member in STREAM_MEMBERS:
            params.pop(member, None)
        params.update(IDENTIFICATIONS[how](seeded.known))
        before = snapshot(seeded)
        error = error_of(lambda: invoke(seeded, service, operation, params))
        assert snapshot(seeded) == before
    assert error is not None, f"{operation} with {how} succeeded"
    if how == "neither":
        message = "Specify either StreamName or StreamARN."
    else:
        message = (
            f"StreamName {params['StreamName']} and StreamARN {params['StreamARN']} name "
            "different streams."
        )
    assert error["Error"] == {"Code": INVALID, "Message": message}, error["Error"]
    assert error["ResponseMetadata"]["HTTPStatusCode"] == status_of(service, operation, INVALID)
