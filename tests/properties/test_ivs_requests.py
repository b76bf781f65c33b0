"""Property tests over every served ivs operation, generated from the botocore input shapes
(the strategies of ``schema_strategies``, as for kinesisvideo in ``test_requests.py``).

- Valid requests, naming seeded resources or ones that do not exist, get exactly the answer
  the seeded state determines (``RULES``): a success whose body validates against the output
  shape (``check_responses``), or that one listed error with its modeled status.
- Requests broken in exactly one constraint get ValidationException naming that member, and
  leave the state as it was.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import botocore.session
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from pytest_kvsivs import KvsFake
from pytest_kvsivs.model import operation_model, service_model
from pytest_kvsivs.services import backends
from pytest_kvsivs.validation.schema import operation_schema

from .schema_strategies import Schema, Site, break_at, error_of, sites, valid

IVS = "ivs"
SERVED = sorted(backends()[IVS].operations.handlers)
SLOW = {"ivs.recording_configuration.CREATING": 3600.0}
HEALTH = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much]
SESSION = botocore.session.Session()
CLIENTS: dict[str, Any] = {}
Params = Mapping[str, Any]

RNF = "ResourceNotFoundException"
VALIDATION = "ValidationException"
CONFLICT = "ConflictException"
QUOTA = "ServiceQuotaExceededException"
OFFLINE = "ChannelNotBroadcasting"
MAX_TAGS = 50
MEDIATAILOR = "arn:aws:mediatailor:us-west-2:123456789012:playbackConfiguration/ads"


def client() -> Any:
    if IVS not in CLIENTS:
        CLIENTS[IVS] = SESSION.create_client(
            IVS,
            region_name="us-west-2",
            config=Config(parameter_validation=False, retries={"max_attempts": 1}),
        )
    return CLIENTS[IVS]


def has(*operations: str) -> bool:
    return set(operations) <= set(service_model(IVS).operation_names)


def _public_key_pem() -> str:
    key = ec.generate_private_key(ec.SECP384R1()).public_key()
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()


# -- the seeded world ------------------------------------------------------------------------


@dataclass
class World:
    """What the seeded resources are: what decides the answer to a request naming them."""

    arns: dict[str, set[str]] = field(default_factory=dict)
    """Existing ARNs by resource type (the ARN's segment: channel, stream-key, ...)."""
    live: set[str] = field(default_factory=set)
    """Channels broadcasting."""
    keyless: set[str] = field(default_factory=set)
    """Channels without a stream key."""
    used: set[str] = field(default_factory=set)
    """Configurations and policies a channel references."""
    creating: set[str] = field(default_factory=set)
    """Recording configurations still CREATING."""
    tags: dict[str, set[str]] = field(default_factory=dict)
    """Tag keys per ARN."""
    stream_ids: dict[str, list[str]] = field(default_factory=dict)
    """Stream session ids per channel."""
    pem: str = ""
    """The public key imported as the seeded playback key pair."""

    def add(self, arn: str, tags: set[str] | None = None) -> str:
        self.arns.setdefault(arn.split(":", 5)[5].split("/")[0], set()).add(arn)
        self.tags[arn] = tags or set()
        return arn

    def exists(self, kind: str, arn: str) -> bool:
        return arn in self.arns.get(kind, set())

    def find(self, kind: str, arn: str) -> str:
        refuse_if(not self.exists(kind, arn), RNF)
        return arn

    def referenced(self, arn: str | None, kind: str) -> None:
        """A referencing member (``""`` means none) must name an existing resource."""
        refuse_if(bool(arn) and not self.exists(kind, str(arn)), RNF)

    def every(self) -> list[str]:
        return sorted(arn for arns in self.arns.values() for arn in arns)


def seed(fake: KvsFake) -> World:
    ivs = client()
    world = World(pem=_public_key_pem())
    ready = ivs.create_recording_configuration(
        name="ready", destinationConfiguration={"s3": {"bucketName": "recordings"}}
    )["recordingConfiguration"]["arn"]
    fake.settle()
    world.add(ready)
    fresh = ivs.create_recording_configuration(
        destinationConfiguration={"s3": {"bucketName": "fresh"}}
    )["recordingConfiguration"]["arn"]
    world.creating.add(world.add(fresh))
    world.add(ivs.import_playback_key_pair(publicKeyMaterial=world.pem)["keyPair"]["arn"])
    extra: dict[str, Any] = {}
    if has("CreatePlaybackRestrictionPolicy"):
        policy = ivs.create_playback_restriction_policy(name="p")["playbackRestrictionPolicy"]
        extra["playbackRestrictionPolicyArn"] = world.add(policy["arn"])
    if has("CreateAdConfiguration"):
        ad = ivs.create_ad_configuration(
            mediaTailorPlaybackConfigurations=[{"playbackConfigurationArn": MEDIATAILOR}]
        )["adConfiguration"]["arn"]
        extra["adConfigurationArn"] = world.add(ad)
    if has("CreateFailoverSlateConfiguration"):
        slate = ivs.create_failover_slate_configuration()["failoverSlateConfiguration"]["arn"]
        extra["failoverSlateConfigurationArn"] = world.add(slate)
    idle = ivs.create_channel(
        name="idle", recordingConfigurationArn=ready, tags={"team": "video"}, **extra
    )
    world.used |= {ready, *extra.values()}
    world.add(idle["channel"]["arn"], {"team"})
    world.add(idle["streamKey"]["arn"])
    live = ivs.create_channel(name="live")
    world.add(live["channel"]["arn"])
    world.add(live["streamKey"]["arn"])
    world.live.add(live["channel"]["arn"])
    stream_id = fake.start_broadcast(live["channel"]["arn"])
    world.stream_ids[live["channel"]["arn"]] = [stream_id]
    keyless = ivs.create_channel(name="keyless")
    world.add(keyless["channel"]["arn"])
    ivs.delete_stream_key(arn=keyless["streamKey"]["arn"])
    world.keyless.add(keyless["channel"]["arn"])
    return world


def overrides(world: World, schema: Schema) -> dict[str, st.SearchStrategy[Any]]:
    """Identifier members draw seeded identifiers that fit their pattern, or any valid one."""
    defs = schema.get("$defs", {})
    found: dict[str, st.SearchStrategy[Any]] = {}

    def resolve(sub: Schema) -> Schema:
        while "$ref" in sub:
            sub = defs[sub["$ref"].rsplit("/", 1)[-1]]
        return sub

    def fitting(sub: Schema) -> st.SearchStrategy[Any] | None:
        sub = resolve(sub)
        if sub.get("type") != "string" or "pattern" not in sub:
            return None
        ids = world.every() + [i for ids in world.stream_ids.values() for i in ids]
        known = [i for i in ids if re.search(sub["pattern"], i)]
        if not known:
            return None
        # Mostly a seeded identifier (what the answers depend on), sometimes any valid one.
        any_valid = valid(sub, defs)
        choices = st.sampled_from([*known, *known, None])
        return choices.flatmap(lambda v: any_valid if v is None else st.just(v))

    def walk(node: Schema) -> None:
        node = resolve(node)
        for name, sub in node.get("properties", {}).items():
            sub = resolve(sub)
            if sub.get("type") == "array":
                item = fitting(sub["items"])
                if item is not None:
                    lo, hi = sub.get("minItems", 0), min(sub.get("maxItems", 5), 5)
                    found[name] = st.lists(item, min_size=lo, max_size=max(lo, hi))
            elif sub.get("type") == "object":
                walk(sub)
            else:
                strategy = fitting(sub)
                if strategy is not None:
                    found[name] = strategy

    walk(schema)
    return found


def snapshot() -> list[Any]:
    ivs = client()
    return [
        ivs.list_channels()["channels"],
        ivs.list_recording_configurations()["recordingConfigurations"],
        ivs.list_playback_key_pairs()["keyPairs"],
    ]


def invoke(operation: str, params: dict[str, Any]) -> dict[str, Any]:
    from botocore import xform_name

    result: dict[str, Any] = getattr(client(), xform_name(operation))(**params)
    return result


# -- the answer the seeded state determines --------------------------------------------------
#
# Checks in the order of reference 1.3: the identifier, then the references, then the state.
# A nextToken is never one the fake minted here, so a non-empty one is always refused.


class Refused(Exception):
    def __init__(self, *codes: str) -> None:
        super().__init__(*codes)
        self.codes = frozenset(codes)


def refuse_if(condition: bool, *codes: str) -> None:
    if condition:
        raise Refused(*codes)


def no_token(p: Params) -> None:
    refuse_if(bool(p.get("nextToken")), VALIDATION)


def tags_fit(keys: set[str], existing: set[str] | None = None) -> None:
    refuse_if(any(k.lower().startswith("aws:") for k in keys), VALIDATION)
    refuse_if(len((existing or set()) | keys) > MAX_TAGS, VALIDATION)


REFERENCES = {
    "recordingConfigurationArn": "recording-configuration",
    "playbackRestrictionPolicyArn": "playback-restriction-policy",
    "adConfigurationArn": "ad-configuration",
    "failoverSlateConfigurationArn": "failover-slate-configuration",
}
"""A channel's members naming other resources, in the order the service checks them."""


def _channel_references(p: Params, w: World) -> None:
    """Each set reference names an existing resource; a recording configuration must be
    ACTIVE (the seeded "fresh" one is still CREATING)."""
    for member, kind in REFERENCES.items():
        arn = p.get(member) or ""
        if not arn:
            continue
        w.find(kind, arn)
        refuse_if(arn in w.creating, VALIDATION)


def _channel_settings(p: Params, channel_type: str, container: str) -> None:
    """What the model cannot say about a channel's settings (model docs, reference 3.3): a
    preset only for the ADVANCED types; enabled multitrack input names its policy and maximum
    resolution, on a STANDARD channel in FRAGMENTED_MP4."""
    refuse_if("preset" in p and not channel_type.startswith("ADVANCED"), VALIDATION)
    multitrack = p.get("multitrackInputConfiguration") or {}
    if multitrack.get("enabled"):
        refuse_if(not {"policy", "maximumResolution"} <= set(multitrack), VALIDATION)
        refuse_if(channel_type != "STANDARD", VALIDATION)
        refuse_if(container != "FRAGMENTED_MP4", VALIDATION)


def _create_channel(p: Params, w: World) -> None:
    tags_fit(set(p.get("tags") or {}))
    _channel_settings(p, p.get("type", "STANDARD"), p.get("containerFormat", "TS"))
    _channel_references(p, w)


def _update_channel(p: Params, w: World) -> None:
    arn = w.find("channel", p["arn"])
    # Every seeded channel is STANDARD, in TS, without multitrack input.
    _channel_settings(p, p.get("type", "STANDARD"), p.get("containerFormat", "TS"))
    _channel_references(p, w)
    refuse_if(arn in w.live, CONFLICT)


def _delete_channel(p: Params, w: World) -> None:
    refuse_if(w.find("channel", p["arn"]) in w.live, CONFLICT)


def _create_stream_key(p: Params, w: World) -> None:
    arn = w.find("channel", p["channelArn"])
    tags_fit(set(p.get("tags") or {}))
    refuse_if(arn not in w.keyless, QUOTA)


def _live(p: Params, w: World) -> str:
    arn = w.find("channel", p["channelArn"])
    refuse_if(arn not in w.live, OFFLINE)
    return arn


def _stream_session(p: Params, w: World) -> None:
    arn = w.find("channel", p["channelArn"])
    ids = w.stream_ids.get(arn, [])
    stream_id = p.get("streamId")
    refuse_if(not ids if stream_id is None else stream_id not in ids, RNF)


def _list_channels(p: Params, w: World) -> None:
    filters = [k for k in p if k.startswith("filterBy")]  # an empty value filters too
    refuse_if(len(filters) > 1, CONFLICT)
    no_token(p)


def _create_recording_configuration(p: Params, w: World) -> None:
    tags_fit(set(p.get("tags") or {}))
    refuse_if("s3" not in p["destinationConfiguration"], VALIDATION)  # the one destination
    renditions = p.get("renditionConfiguration") or {}
    refuse_if(
        renditions.get("renditionSelection") == "CUSTOM" and not renditions.get("renditions"),
        VALIDATION,
    )
    # Every bucket is in the caller's region unless a test moves it.


def _delete_used(kind: str) -> Callable[[Params, World], None]:
    def rule(p: Params, w: World) -> None:
        refuse_if(w.find(kind, p["arn"]) in w.used, CONFLICT)

    return rule


def _import_playback_key_pair(p: Params, w: World) -> None:
    tags_fit(set(p.get("tags") or {}))
    # Generated key material is never a PEM public key.
    refuse_if(p["publicKeyMaterial"] != w.pem, VALIDATION)
    raise Refused(CONFLICT)  # the seeded key is imported already


def _tag_resource(p: Params, w: World) -> None:
    arn = p["resourceArn"]
    refuse_if(arn not in w.tags, RNF)
    tags_fit(set(p["tags"]), w.tags[arn])


def _found(kind: str, member: str = "arn") -> Callable[[Params, World], object]:
    return lambda p, w: w.find(kind, p[member])


def _start_viewer_session_revocation(p: Params, w: World) -> None:
    w.find("channel", p["channelArn"])


def _put_metadata(p: Params, w: World) -> None:
    _live(p, w)
    refuse_if(len(p["metadata"].encode()) > 1024, VALIDATION)


def _insert_ad_break(p: Params, w: World) -> None:
    _live(p, w)
    raise Refused(VALIDATION, CONFLICT)  # the live channel has no ad configuration


RULES: dict[str, Callable[[Params, World], object]] = {
    "BatchGetChannel": lambda p, w: None,
    "BatchGetStreamKey": lambda p, w: None,
    "BatchStartViewerSessionRevocation": lambda p, w: None,
    "CreateAdConfiguration": lambda p, w: tags_fit(set(p.get("tags") or {})),
    "CreateChannel": _create_channel,
    "CreateFailoverSlateConfiguration": lambda p, w: tags_fit(set(p.get("tags") or {})),
    "CreatePlaybackRestrictionPolicy": lambda p, w: tags_fit(set(p.get("tags") or {})),
    "CreateRecordingConfiguration": _create_recording_configuration,
    "CreateStreamKey": _create_stream_key,
    "DeleteAdConfiguration": _delete_used("ad-configuration"),
    "DeleteChannel": _delete_channel,
    "DeleteFailoverSlateConfiguration": _delete_used("failover-slate-configuration"),
    "DeletePlaybackKeyPair": _found("playback-key"),
    "DeletePlaybackRestrictionPolicy": _delete_used("playback-restriction-policy"),
    "DeleteRecordingConfiguration": _delete_used("recording-configuration"),
    "DeleteStreamKey": _found("stream-key"),
    "GetAdConfiguration": _found("ad-configuration"),
    "GetChannel": _found("channel"),
    "GetFailoverSlateConfiguration": _found("failover-slate-configuration"),
    "GetPlaybackKeyPair": _found("playback-key"),
    "GetPlaybackRestrictionPolicy": _found("playback-restriction-policy"),
    "GetRecordingConfiguration": _found("recording-configuration"),
    "GetStream": _live,
    "GetStreamKey": _found("stream-key"),
    "GetStreamSession": _stream_session,
    "ImportPlaybackKeyPair": _import_playback_key_pair,
    "InsertAdBreak": _insert_ad_break,
    "ListAdConfigurations": lambda p, w: no_token(p),
    "ListChannels": _list_channels,
    "ListFailoverSlateConfigurations": lambda p, w: no_token(p),
    "ListPlaybackKeyPairs": lambda p, w: no_token(p),
    "ListPlaybackRestrictionPolicies": lambda p, w: no_token(p),
    "ListRecordingConfigurations": lambda p, w: no_token(p),
    "ListStreamKeys": lambda p, w: (w.find("channel", p["channelArn"]), no_token(p)),
    "ListStreamSessions": lambda p, w: (w.find("channel", p["channelArn"]), no_token(p)),
    "ListStreams": lambda p, w: no_token(p),
    "ListTagsForResource": lambda p, w: refuse_if(p["resourceArn"] not in w.tags, RNF),
    "PutMetadata": _put_metadata,
    "StartViewerSessionRevocation": _start_viewer_session_revocation,
    "StopStream": _live,
    "TagResource": _tag_resource,
    "UntagResource": lambda p, w: refuse_if(p["resourceArn"] not in w.tags, RNF),
    "UpdateAdConfiguration": _found("ad-configuration"),
    "UpdateChannel": _update_channel,
    "UpdateFailoverSlateConfiguration": _found("failover-slate-configuration"),
    "UpdatePlaybackRestrictionPolicy": _found("playback-restriction-policy"),
}
"""Per served operation: raises :class:`Refused` with the code the seeded state determines,
or returns (success)."""


def expected_answers(operation: str, params: Params, world: World) -> frozenset[str | None]:
    try:
        RULES[operation](params, world)
    except Refused as refused:
        return refused.codes
    return frozenset({None})


def test_every_served_ivs_operation_has_an_expected_answer():
    operations = backends()[IVS].operations
    assert set(SERVED) <= set(RULES)
    assert set(RULES) <= set(operations.handlers) | set(operations.not_in_model)


@pytest.mark.parametrize("operation", SERVED)
@settings(suppress_health_check=HEALTH)
@given(data=st.data())
def test_valid_ivs_requests_get_a_faithful_answer(operation, data):
    model = operation_model(IVS, operation)
    schema = operation_schema(IVS, operation, "input")
    listed = {shape.name for shape in model.error_shapes}
    with KvsFake(delays=SLOW, check_responses=True) as fake:
        world = seed(fake)
        params = data.draw(valid(schema, schema.get("$defs", {}), overrides(world, schema)))
        error = error_of(lambda: invoke(operation, params))
    code = None if error is None else error["Error"]["Code"]
    expected = expected_answers(operation, params, world)
    event(f"answer: {code or 'success'}")
    message = error.get("exceptionMessage") if error else None
    assert code in expected, f"{operation} answered {code} ({message}), expected {expected}"
    if error is not None:
        assert code in listed, f"{operation} answered {code}, not in {sorted(listed)}"
        status = model.service_model.shape_for(code).metadata["error"]["httpStatusCode"]
        assert error["ResponseMetadata"]["HTTPStatusCode"] == status
        if VALIDATION not in expected:  # what the model allows is never refused as invalid
            assert code != VALIDATION, f"a valid request was refused: {message}"


def _in_uri(operation: str, site: Site) -> bool:
    """A member of the URI path: botocore cannot even build a request without it."""
    shape = operation_model(IVS, operation).input_shape
    member = shape.members.get(site.path[0]) if shape is not None else None
    return member is not None and member.serialization.get("location") == "uri"


def _sites() -> list[tuple[str, Site]]:
    found = []
    for operation in SERVED:
        schema = operation_schema(IVS, operation, "input")
        found += [
            (operation, site)
            for site in sites(schema, schema.get("$defs", {}))
            if not (site.constraint == "required" and _in_uri(operation, site))
        ]
    return found


SITES = _sites()


@pytest.mark.parametrize(
    ("operation", "site"),
    SITES,
    ids=[f"{op}-{site.service_path}-{site.constraint}" for op, site in SITES],
)
@settings(suppress_health_check=HEALTH, max_examples=max(5, settings().max_examples // 2))
@given(data=st.data())
def test_ivs_requests_broken_in_one_constraint_are_refused_and_change_nothing(
    operation, site, data
):
    schema = operation_schema(IVS, operation, "input")
    with KvsFake(delays=SLOW, check_responses=True) as fake:
        world = seed(fake)
        params = data.draw(valid(schema, schema.get("$defs", {}), overrides(world, schema)))
        break_at(params, site)
        before = snapshot()
        with pytest.raises(ClientError) as caught:
            invoke(operation, params)
        response = caught.value.response
        assert response["Error"]["Code"] == VALIDATION
        message = response["exceptionMessage"]
        paths = re.findall(r" at '([^']*)' failed to satisfy constraint", message)
        assert set(paths) == {site.service_path}, message
        noun = "error" if len(paths) == 1 else "errors"
        assert message.startswith(f"{len(paths)} validation {noun} detected: "), message
        assert snapshot() == before
