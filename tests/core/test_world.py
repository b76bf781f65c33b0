"""Worlds: ``KvsFake.load`` seeds every resource kind, ``snapshot`` writes them back, and a
refused world changes nothing (docs/world.md)."""

from __future__ import annotations

import copy
import json
import re
from datetime import datetime, timezone
from pathlib import Path

import boto3
import pytest
from botocore import xform_name
from botocore.config import Config
from botocore.exceptions import ClientError
from freezegun import freeze_time

from pytest_kvsivs import KvsFake
from pytest_kvsivs.model import service_model
from pytest_kvsivs.services import backends
from pytest_kvsivs.world import WorldError

ROOT = Path(__file__).resolve().parents[2]
ACCOUNT, OTHER = "123456789012", "111122223333"
WEST, EU = "us-west-2", "eu-west-1"
NOW = "2024-05-01T12:00:00Z"
NOW_DT = datetime(2024, 5, 1, 12, tzinfo=timezone.utc)
HUB = f"arn:aws:iot:{WEST}:{ACCOUNT}:thing/hub-1"
EDGE = {
    "HubDeviceArn": HUB,
    "RecorderConfig": {
        "MediaSourceConfig": {
            "MediaUriSecretArn": f"arn:aws:secretsmanager:{WEST}:{ACCOUNT}:secret:cam-AbCdEf",
            "MediaUriType": "RTSP_URI",
        }
    },
}
IMAGES = {
    "Status": "ENABLED",
    "ImageSelectorType": "SERVER_TIMESTAMP",
    "DestinationConfig": {"Uri": "s3://bucket/prefix", "DestinationRegion": WEST},
    "SamplingInterval": 200,
    "Format": "JPEG",
    "FormatConfig": {"JPEGQuality": "80"},
}
NOTE = {"Status": "ENABLED", "DestinationConfig": {"Uri": f"arn:aws:sns:{WEST}:{ACCOUNT}:t"}}
PUBLIC_KEY = """-----BEGIN PUBLIC KEY-----
MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAEY4MYLH9zfUAkkBhZ4gUDs/aXaMz6K3Ly
eo9FZn3UGZRaISm3TRhyqDqce3Un5xZj0ooBr68yb51T074DZv8c5kpP485BTllA
T2RwHcvRGOymS3Ea3XOY2qDENXUNo/Rr
-----END PUBLIC KEY-----
"""
MEDIATAILOR = f"arn:aws:mediatailor:{WEST}:{ACCOUNT}:playbackConfiguration/main"
VIDEO = {"codec": "avc1.4D4029", "targetBitrate": 6000000, "videoHeight": 1080, "videoWidth": 1920}
INGEST = {"video": VIDEO, "audio": {"codec": "mp4a.40.2", "channels": 2, "sampleRate": 48000}}
SLOW = {
    "kinesisvideo.stream.CREATING": 600,
    "kinesisvideo.signaling_channel.CREATING": 600,
    "kinesisvideo.edge.SYNCING": 600,
    "ivs.recording_configuration.CREATING": 600,
}
"""Transitional statuses outlast the test: both fakes of a round trip answer alike."""
PREFIX = "cannot load the world (a dict): "
DOCS = "\nThe format: the pytest-kvsivs README, section 'Worlds'."
# What botocore 1.34.0's models lack (docs/coverage.md): the tests leave those kinds and
# members out there, and check them where the installed model has them.
HAS_SLATES = "FailoverSlateConfiguration" in service_model("ivs").shape_names
HAS_POLICIES = "PlaybackRestrictionPolicy" in service_model("ivs").shape_names
HAS_ADS = "AdConfiguration" in service_model("ivs").shape_names
HAS_TIERS = "StreamStorageConfiguration" in service_model("kinesisvideo").shape_names
HAS_INGEST_CONFIGURATIONS = (
    "ingestConfigurations" in service_model("ivs").shape_for("StreamSession").members
)


def kvs(region: str = WEST):
    return boto3.client("kinesisvideo", region_name=region)


def ivs(region: str = WEST):
    return boto3.client("ivs", region_name=region, config=Config(retries={"max_attempts": 1}))


def world(account: str = ACCOUNT, region: str = WEST, **services) -> dict:
    return {"accounts": {account: {region: services}}}


def refused(fake: KvsFake, data: object) -> str:
    with pytest.raises(WorldError) as caught:
        fake.load(data)  # type: ignore[arg-type]
    return str(caught.value)


def body(response: dict) -> dict:
    return {k: v for k, v in response.items() if k != "ResponseMetadata"}


# -- loading each kind -----------------------------------------------------------------------


def test_kvs_resources_load_in_any_account_and_region_with_given_arns_times_and_tags():
    arn = f"arn:aws:kinesisvideo:{EU}:{OTHER}:stream/cam/1714564800123"
    data = {
        "accounts": {
            OTHER: {
                EU: {
                    "kinesisvideo": {
                        "streams": [
                            {
                                "StreamName": "cam",
                                "StreamARN": arn,
                                "DataRetentionInHours": 48,
                                "DeviceName": "door",
                                "MediaType": "video/h264",
                                "Version": "abc123",
                                "Tags": {"team": "video"},
                            }
                        ],
                        "signalingChannels": [
                            {
                                "ChannelName": "door",
                                "ChannelType": "FULL_MESH",
                                "CreationTime": "2024-05-01T14:00:00.456+02:00",
                                "SingleMasterConfiguration": {"MessageTtlSeconds": 120},
                                "Tags": {"k": "v"},
                                "MediaStorageConfiguration": {
                                    "Status": "ENABLED",
                                    "StreamARN": arn,
                                },
                            }
                        ],
                    }
                }
            }
        }
    }
    if HAS_TIERS:
        stream = data["accounts"][OTHER][EU]["kinesisvideo"]["streams"][0]
        stream["StreamStorageConfiguration"] = {"DefaultStorageTier": "WARM"}
    with KvsFake(check_responses=True, seed=1) as fake:
        fake.load(data)
        client = kvs(EU)
        with fake.as_account(OTHER):
            info = client.describe_stream(StreamName="cam")["StreamInfo"]
            channel = client.describe_signaling_channel(ChannelName="door")["ChannelInfo"]
            tags = client.list_tags_for_resource(ResourceARN=channel["ChannelARN"])["Tags"]
            storage = client.describe_media_storage_configuration(ChannelName="door")
            mapped = client.describe_mapped_resource_configuration(StreamARN=arn)
            tier = (
                client.describe_stream_storage_configuration(StreamName="cam")
                if HAS_TIERS
                else None
            )
            stream_tags = client.list_tags_for_stream(StreamName="cam")["Tags"]
        assert client.list_streams()["StreamInfoList"] == []  # the default account has none
        assert fake.calls.filter("CreateStream") == []
    assert info == {
        "StreamName": "cam",
        "StreamARN": arn,
        "DeviceName": "door",
        "MediaType": "video/h264",
        "KmsKeyId": f"arn:aws:kms:{EU}:{OTHER}:alias/aws/kinesisvideo",
        "Version": "abc123",
        "Status": "ACTIVE",
        "CreationTime": datetime(2024, 5, 1, 12, 0, 0, 123000, tzinfo=timezone.utc),
        "DataRetentionInHours": 48,
    }
    assert channel == {
        "ChannelName": "door",
        "ChannelARN": f"arn:aws:kinesisvideo:{EU}:{OTHER}:channel/door/1714564800456",
        "ChannelType": "FULL_MESH",
        "ChannelStatus": "ACTIVE",
        "CreationTime": datetime(2024, 5, 1, 12, 0, 0, 456000, tzinfo=timezone.utc),
        "SingleMasterConfiguration": {"MessageTtlSeconds": 120},
        "Version": channel["Version"],
    }
    assert re.fullmatch(r"[a-zA-Z0-9]{20}", channel["Version"])
    assert tags == {"k": "v"}
    assert stream_tags == {"team": "video"}
    assert storage["MediaStorageConfiguration"] == {"Status": "ENABLED", "StreamARN": arn}
    assert mapped["MappedResourceConfigurationList"] == [
        {"Type": "SIGNALING_CHANNEL", "ARN": channel["ChannelARN"]}
    ]
    if HAS_TIERS:
        assert tier is not None
        assert tier["StreamStorageConfiguration"] == {"DefaultStorageTier": "WARM"}


def _described() -> tuple[dict, ...]:
    """What the Describe operations of the stream cam and the channel ch answer."""
    client = kvs()
    described = (
        client.describe_stream(StreamName="cam")["StreamInfo"],
        client.describe_signaling_channel(ChannelName="ch")["ChannelInfo"],
    )
    if not HAS_TIERS:
        return described
    return (*described, body(client.describe_stream_storage_configuration(StreamName="cam")))


def test_omitted_members_are_what_create_makes():
    with freeze_time(NOW), KvsFake(check_responses=True, seed=7) as made:
        kvs().create_stream(StreamName="cam")
        kvs().create_signaling_channel(ChannelName="ch")
        made.settle()
        expected = _described()
    seeded = world(
        kinesisvideo={
            "streams": [{"StreamName": "cam"}],
            "signalingChannels": [{"ChannelName": "ch"}],
        }
    )
    with freeze_time(NOW), KvsFake(check_responses=True, seed=7, world=seeded):
        loaded = _described()
    assert loaded == expected
    assert loaded[0]["CreationTime"] == NOW_DT
    assert loaded[0]["Status"] == "ACTIVE"  # resting by default: ready to use


def test_a_transitional_status_goes_on_from_the_load_on_the_fakes_delays():
    data = world(
        kinesisvideo={
            "streams": [
                {"StreamName": "new", "Status": "CREATING", "DataRetentionInHours": 1},
                {"StreamName": "old", "Status": "DELETING"},
                {
                    "StreamName": "edge",
                    "DataRetentionInHours": 1,
                    "EdgeConfiguration": {"EdgeConfig": EDGE, "SyncStatus": "SYNCING"},
                },
            ],
        },
        ivs={
            "recordingConfigurations": [
                {"destinationConfiguration": {"s3": {"bucketName": "bkt"}}, "state": "CREATING"}
            ]
        },
    )
    with freeze_time(NOW), KvsFake(check_responses=True) as fake:
        fake.load(data)
        client = kvs()
        assert fake.now() == NOW_DT  # loading does not move the clock
        status = lambda name: client.describe_stream(StreamName=name)["StreamInfo"]["Status"]  # noqa: E731
        sync = lambda: client.describe_edge_configuration(StreamName="edge")["SyncStatus"]  # noqa: E731
        recording = lambda: ivs().list_recording_configurations()["recordingConfigurations"]  # noqa: E731
        assert (status("new"), status("old"), sync()) == ("CREATING", "DELETING", "SYNCING")
        assert recording()[0]["state"] == "CREATING"
        fake.advance(5)  # the stream CREATING and DELETING delays, and the recording's
        assert status("new") == "ACTIVE"
        assert [s["StreamName"] for s in client.list_streams()["StreamInfoList"]] == ["edge", "new"]
        assert recording()[0]["state"] == "ACTIVE"
        assert sync() == "SYNCING"  # 10 s from the load
        fake.advance(5)
        assert sync() == "ACKNOWLEDGED"
        fake.advance(10)
        assert sync() == "IN_SYNC"
        edge = client.describe_edge_configuration(StreamName="edge")
    assert edge["CreationTime"] == edge["LastUpdatedTime"] == NOW_DT
    assert edge["EdgeConfig"]["DeletionConfig"] == {
        "EdgeRetentionInHours": 720,
        "DeleteAfterUpload": True,
    }


def test_stream_configurations_load_as_describe_answers_them():
    edge_created, edge_updated = "2024-04-01T00:00:00.123456Z", "2024-04-02T00:00:00Z"
    data = world(
        kinesisvideo={
            "streams": [
                {
                    "StreamName": "cam",
                    "DataRetentionInHours": 24,
                    "ImageGenerationConfiguration": IMAGES,
                    "NotificationConfiguration": NOTE,
                    "EdgeConfiguration": {
                        "EdgeConfig": EDGE,
                        "SyncStatus": "SYNC_FAILED",
                        "CreationTime": edge_created,
                        "LastUpdatedTime": edge_updated,
                    },
                }
            ]
        }
    )
    with KvsFake(check_responses=True, world=data) as fake:
        client = kvs()
        images = client.describe_image_generation_configuration(StreamName="cam")
        notes = client.describe_notification_configuration(StreamName="cam")
        edge = body(client.describe_edge_configuration(StreamName="cam"))
        listed = client.list_edge_agent_configurations(HubDeviceArn=HUB)["EdgeConfigs"]
        snapshot_edge = fake.snapshot()["accounts"][ACCOUNT][WEST]["kinesisvideo"]["streams"][0]
    assert images["ImageGenerationConfiguration"] == IMAGES
    assert notes["NotificationConfiguration"] == NOTE
    assert edge == {
        "StreamName": "cam",
        "StreamARN": edge["StreamARN"],
        "CreationTime": datetime(2024, 4, 1, 0, 0, 0, 123456, tzinfo=timezone.utc),
        "LastUpdatedTime": datetime(2024, 4, 2, tzinfo=timezone.utc),
        "SyncStatus": "SYNC_FAILED",
        "FailedStatusDetails": (
            "The Edge Agent did not acknowledge the configuration within 15 minutes."
        ),
        "EdgeConfig": {
            **EDGE,
            "DeletionConfig": {"EdgeRetentionInHours": 720, "DeleteAfterUpload": True},
        },
    }
    assert listed == [edge]
    assert snapshot_edge["EdgeConfiguration"]["CreationTime"] == edge_created  # microseconds kept
    assert snapshot_edge["EdgeConfiguration"]["LastUpdatedTime"] == "2024-04-02T00:00:00.000Z"


def _ivs_world() -> dict:
    channel = f"arn:aws:ivs:{WEST}:{ACCOUNT}:channel/abcdABCD1234"
    recording = f"arn:aws:ivs:{WEST}:{ACCOUNT}:recording-configuration/recRECrec123"
    section: dict = {
        "recordingConfigurations": [
            {
                "arn": recording,
                "name": "rec",
                "destinationConfiguration": {"s3": {"bucketName": "recordings"}},
                "recordingReconnectWindowSeconds": 30,
                "tags": {"a": "1"},
            }
        ],
        "playbackKeyPairs": [
            {"name": "by-material", "publicKeyMaterial": PUBLIC_KEY},
            {"name": "by-fingerprint", "fingerprint": "00:11:22:33:44:55:66:77:88:99:aa:bb:cc"},
        ],
        "channels": [
            {
                "arn": channel,
                "name": "live",
                "latencyMode": "NORMAL",
                "type": "ADVANCED_HD",
                "recordingConfigurationArn": recording,
                "tags": {"team": "tv"},
            }
        ],
        "streamKeys": [{"channelArn": channel, "value": "sk_us-west-2_given", "tags": {"k": "v"}}],
    }
    if HAS_POLICIES:
        section["playbackRestrictionPolicies"] = [{"allowedCountries": ["FR"], "name": "fr"}]
    if HAS_ADS:
        section["adConfigurations"] = [
            {"mediaTailorPlaybackConfigurations": [{"playbackConfigurationArn": MEDIATAILOR}]}
        ]
    if HAS_SLATES:
        section["failoverSlateConfigurations"] = [{"name": "slate", "state": "CREATED"}]
    return world(ivs=section)


def test_ivs_resources_load_as_get_answers_them():
    data = _ivs_world()
    channel_arn = data["accounts"][ACCOUNT][WEST]["ivs"]["channels"][0]["arn"]
    with KvsFake(check_responses=True, world=data) as fake:
        client = ivs()
        channel = client.get_channel(arn=channel_arn)["channel"]
        keys = client.list_stream_keys(channelArn=channel_arn)["streamKeys"]
        key = client.get_stream_key(arn=keys[0]["arn"])["streamKey"]
        recording = client.get_recording_configuration(arn=channel["recordingConfigurationArn"])
        policies = (
            client.list_playback_restriction_policies()["playbackRestrictionPolicies"]
            if HAS_POLICIES
            else None
        )
        pairs = client.list_playback_key_pairs()["keyPairs"]
        ads = client.list_ad_configurations()["adConfigurations"] if HAS_ADS else None
        stream_id = fake.start_broadcast(channel_arn)  # the loaded key lets an encoder connect
        assert client.get_stream(channelArn=channel_arn)["stream"]["streamId"] == stream_id
    assert channel["name"] == "live"
    assert channel["latencyMode"] == "NORMAL"
    assert channel["type"] == "ADVANCED_HD"
    assert channel["preset"] == "HIGHER_BANDWIDTH_DELIVERY"  # CreateChannel's ADVANCED default
    assert channel["authorized"] is False
    assert channel["playbackUrl"].endswith(f"/{WEST}.{ACCOUNT}.channel.abcdABCD1234.m3u8")
    assert channel["tags"] == {"team": "tv"}
    assert key == {
        "arn": keys[0]["arn"],
        "value": "sk_us-west-2_given",
        "channelArn": channel_arn,
        "tags": {"k": "v"},
    }
    assert recording["recordingConfiguration"]["state"] == "ACTIVE"
    assert recording["recordingConfiguration"]["recordingReconnectWindowSeconds"] == 30
    assert recording["recordingConfiguration"]["thumbnailConfiguration"] == {
        "recordingMode": "INTERVAL",
        "targetIntervalSeconds": 60,
        "storage": ["SEQUENTIAL"],
    }
    assert sorted(p["name"] for p in pairs) == ["by-fingerprint", "by-material"]
    if HAS_POLICIES:
        assert policies is not None
        assert [(p["name"], p["allowedCountries"]) for p in policies] == [("fr", ["FR"])]
    if HAS_ADS:
        assert ads is not None
        assert len(ads) == 1


@pytest.mark.skipif(not HAS_SLATES, reason="this botocore's ivs model has no failover slates")
def test_failover_slates_load_with_the_create_defaults():
    with KvsFake(check_responses=True, world=_ivs_world()):
        slates = ivs().list_failover_slate_configurations()["failoverSlateConfigurations"]
        slate = ivs().get_failover_slate_configuration(arn=slates[0]["arn"])
    assert body(slate)["failoverSlateConfiguration"] == {
        "arn": slates[0]["arn"],
        "name": "slate",
        "activationThresholdSeconds": 3,
        "minSlateDisplaySeconds": 3,
        "maxSlateDisplaySeconds": 60,
        "state": "CREATED",
        "tags": {},
    }


def test_a_world_file_loads_and_a_loaded_resource_behaves_like_a_created_one(tmp_path):
    path = tmp_path / "world.json"
    path.write_text(json.dumps(world(kinesisvideo={"streams": [{"StreamName": "cam"}]})))
    with KvsFake(check_responses=True) as fake:
        fake.load(path)
        client = kvs()
        arn = client.describe_stream(StreamName="cam")["StreamInfo"]["StreamARN"]
        with pytest.raises(client.exceptions.ResourceInUseException):
            client.create_stream(StreamName="cam")
        client.delete_stream(StreamARN=arn)
        fake.settle()
        again = client.create_stream(StreamName="cam")["StreamARN"]
    assert again != arn  # a new incarnation, a later ARN


# -- snapshot and the round trip --------------------------------------------------------------


def _build_rich_world(fake: KvsFake) -> None:
    west = kvs()
    west.create_stream(StreamName="cam-1", DataRetentionInHours=24, Tags={"a": "b"})
    channel = west.create_signaling_channel(ChannelName="ch-1", Tags=[{"Key": "k", "Value": "v"}])[
        "ChannelARN"
    ]
    video = ivs()
    recording = video.create_recording_configuration(
        name="rec",
        destinationConfiguration={"s3": {"bucketName": "bkt"}},
        recordingReconnectWindowSeconds=300,
    )["recordingConfiguration"]["arn"]
    fake.settle()
    stream = west.describe_stream(StreamName="cam-1")["StreamInfo"]["StreamARN"]
    west.update_media_storage_configuration(
        ChannelARN=channel, MediaStorageConfiguration={"Status": "ENABLED", "StreamARN": stream}
    )
    west.update_image_generation_configuration(
        StreamName="cam-1", ImageGenerationConfiguration=IMAGES
    )
    west.update_notification_configuration(StreamName="cam-1", NotificationConfiguration=NOTE)
    west.start_edge_configuration_update(StreamName="cam-1", EdgeConfig=EDGE)
    west.create_stream(StreamName="cam-2")  # CREATING at the snapshot
    west.create_signaling_channel(ChannelName="mesh", ChannelType="FULL_MESH")
    extra = {}
    if HAS_POLICIES:
        policy = video.create_playback_restriction_policy(allowedCountries=["FR"], tags={"p": "1"})
        extra["playbackRestrictionPolicyArn"] = policy["playbackRestrictionPolicy"]["arn"]
    if HAS_ADS:
        ad = video.create_ad_configuration(
            mediaTailorPlaybackConfigurations=[{"playbackConfigurationArn": MEDIATAILOR}]
        )
        extra["adConfigurationArn"] = ad["adConfiguration"]["arn"]
    if HAS_SLATES:
        slate = video.create_failover_slate_configuration(name="slate")
        extra["failoverSlateConfigurationArn"] = slate["failoverSlateConfiguration"]["arn"]
    live = video.create_channel(
        name="live",
        recordingConfigurationArn=recording,
        **extra,
    )
    video.delete_stream_key(arn=live["streamKey"]["arn"])  # rotated: a new key
    video.create_stream_key(channelArn=live["channel"]["arn"], tags={"r": "2"})
    keyless = video.create_channel(name="keyless", type="BASIC")
    video.delete_stream_key(arn=keyless["streamKey"]["arn"])
    video.import_playback_key_pair(publicKeyMaterial=PUBLIC_KEY, name="kp")
    video.create_recording_configuration(destinationConfiguration={"s3": {"bucketName": "bkt-2"}})
    with fake.as_account(OTHER):
        kvs(EU).create_stream(StreamName="cam-1", DataRetentionInHours=1)
        ivs(EU).create_channel(name="eu")
    _broadcast(fake, live["channel"]["arn"])
    plain = video.create_channel(name="plain", type="BASIC")["channel"]["arn"]
    fake.start_broadcast(plain, viewer_count=-1)  # ended, not recorded
    fake.stop_broadcast(plain)


def _broadcast(fake: KvsFake, channel: str) -> None:
    """A recorded broadcast, a reconnect continuing its recording, live with health changes."""
    fake.start_broadcast(channel, ingest=INGEST)
    fake.stop_broadcast(channel)
    fake.start_broadcast(channel, health="STARVING", viewer_count=3, ingest={"video": VIDEO})
    fake.set_stream_health(channel, "HEALTHY", viewer_count=7)
    fake.set_stream_health(channel, "STARVING")


def _known(snapshot: dict, account: str, region: str) -> dict:
    """The names and ARNs the world holds in one account and region."""
    section = snapshot["accounts"].get(account, {}).get(region, {})
    kvs_part = section.get("kinesisvideo", {})
    ivs_part = section.get("ivs", {})
    streams, channels = kvs_part.get("streams", []), kvs_part.get("signalingChannels", [])
    every_ivs = [entry["arn"] for items in ivs_part.values() for entry in items if "arn" in entry]
    ivs_channels = [entry["arn"] for entry in ivs_part.get("channels", [])]
    return {
        "kinesisvideo": {
            "StreamName": [s["StreamName"] for s in streams],
            "StreamARN": [s["StreamARN"] for s in streams],
            "ChannelName": [c["ChannelName"] for c in channels],
            "ChannelARN": [c["ChannelARN"] for c in channels],
        },
        "ivs": {"arn": every_ivs, "channelArn": ivs_channels},
    }


def _requests(service: str, values: dict) -> list[tuple[str, dict]]:
    """Every read operation the fake serves, once per resource it can name (and once bare)."""
    model = service_model(service)
    served = backends()[service].operations.handlers
    requests = []
    for operation in sorted(served):
        if not operation.startswith(("List", "Describe", "Get", "BatchGet")):
            continue
        shape = model.operation_model(operation).input_shape
        members = shape.members if shape is not None else {}
        fixed = {
            m: members[m].enum[0]
            for m in (shape.required_members if shape else [])
            if getattr(members[m], "enum", None)
        }
        naming = [m for m in members if m in values]
        unfilled = set(shape.required_members if shape else []) - set(fixed) - set(naming)
        assert not unfilled, f"{service}.{operation}: no value for {sorted(unfilled)}"
        if not naming:
            requests.append((operation, fixed))
        for member in naming:
            requests += [(operation, {**fixed, member: value}) for value in values[member]]
    return requests


def _answers(fake: KvsFake, requests: dict) -> dict:
    answers = {}
    for (account, region, service), calls in requests.items():
        client = kvs(region) if service == "kinesisvideo" else ivs(region)
        with fake.as_account(account):
            for operation, params in calls:
                key = (account, region, service, operation, json.dumps(params, sort_keys=True))
                try:
                    answers[key] = body(getattr(client, xform_name(operation))(**params))
                except ClientError as err:
                    answers[key] = err.response["Error"]
    return answers


def test_load_of_a_snapshot_answers_every_read_operation_alike():
    with KvsFake(check_responses=True, delays=SLOW) as original:
        _build_rich_world(original)
        snapshot = json.loads(json.dumps(original.snapshot()))
        requests = {}
        for account, region in ((ACCOUNT, WEST), (OTHER, EU), (ACCOUNT, EU)):
            known = _known(snapshot, account, region)
            for service in ("kinesisvideo", "ivs"):
                requests[account, region, service] = _requests(service, _flatten(known, service))
        requests[ACCOUNT, WEST, "ivs"] += _session_requests(snapshot)
        before = _answers(original, requests)
    with KvsFake(check_responses=True, delays=SLOW) as loaded:
        loaded.load(snapshot)
        after = _answers(loaded, requests)
        assert loaded.snapshot() == snapshot
        assert len(loaded.calls) == len(after)  # only the reads: load records nothing
    assert after == before
    operations = {key[2:4] for key in before}
    served = {
        (s, op)
        for s in ("kinesisvideo", "ivs")
        for op in backends()[s].operations.handlers
        if op.startswith(("List", "Describe", "Get", "BatchGet"))
    }
    assert operations == served
    statuses = {a.get("StreamInfo", {}).get("Status") for a in before.values()}
    assert "CREATING" in statuses  # a transitional status made the trip
    sessions = snapshot["accounts"][ACCOUNT][WEST]["ivs"]["streamSessions"]
    assert [(s.get("recording"), s.get("state"), "endTime" in s) for s in sessions] == [
        ("STARTED", None, True),
        ("CONTINUED", "LIVE", False),
        (None, None, True),
    ] or [(s.get("recording"), s.get("state"), "endTime" in s) for s in sessions] == [
        (None, None, True),
        ("STARTED", None, True),
        ("CONTINUED", "LIVE", False),
    ]
    listed = before[ACCOUNT, WEST, "ivs", "ListStreams", "{}"]["streams"]
    assert [(s["health"], s["viewerCount"]) for s in listed] == [("STARVING", 7)]


def _session_requests(snapshot: dict) -> list[tuple[str, dict]]:
    """GetStreamSession of every session by its streamId (the generic requests name the
    latest only)."""
    sessions = snapshot["accounts"][ACCOUNT][WEST]["ivs"]["streamSessions"]
    return [
        ("GetStreamSession", {"channelArn": s["channelArn"], "streamId": s["streamId"]})
        for s in sessions
    ]


def _flatten(known: dict, service: str) -> dict:
    """The values each request member that names a resource takes (ResourceARN: every KVS
    ARN, ...): the members the generic requests fill."""
    values = known[service]
    if service == "kinesisvideo":
        values = {
            **values,
            "ResourceARN": values["StreamARN"] + values["ChannelARN"],
            "HubDeviceArn": [HUB],
        }
    else:
        values = {
            **values,
            "arns": [values["channelArn"]] if values["channelArn"] else [],
            "resourceArn": values["arn"],
        }
    return values


def test_snapshot_writes_plain_json_with_iso_times():
    with freeze_time("2024-05-01T12:00:00.25Z"), KvsFake(check_responses=True, seed=3) as fake:
        kvs().create_signaling_channel(ChannelName="ch", ChannelType="FULL_MESH")
        snapshot = fake.snapshot()
    assert json.loads(json.dumps(snapshot)) == snapshot
    assert snapshot == {
        "formatVersion": 1,
        "accounts": {
            ACCOUNT: {
                WEST: {
                    "kinesisvideo": {
                        "signalingChannels": [
                            {
                                "ChannelName": "ch",
                                "ChannelARN": (
                                    f"arn:aws:kinesisvideo:{WEST}:{ACCOUNT}:channel/ch/1714564800250"
                                ),
                                "ChannelType": "FULL_MESH",
                                "ChannelStatus": "CREATING",
                                "CreationTime": "2024-05-01T12:00:00.250Z",
                                "SingleMasterConfiguration": {"MessageTtlSeconds": 60},
                                "Version": snapshot["accounts"][ACCOUNT][WEST]["kinesisvideo"][
                                    "signalingChannels"
                                ][0]["Version"],
                                "Tags": {},
                            }
                        ]
                    }
                }
            }
        },
    }


def test_an_empty_fake_snapshots_to_an_empty_world_that_loads():
    with KvsFake() as fake:
        assert fake.snapshot() == {"formatVersion": 1, "accounts": {}}
        fake.load(fake.snapshot())
        assert fake.snapshot() == {"formatVersion": 1, "accounts": {}}


# -- refused worlds ----------------------------------------------------------------------------

UNKNOWN_RECORDING = f"arn:aws:ivs:{WEST}:{ACCOUNT}:recording-configuration/abcdABCD1234"
STREAMS = "$.accounts['123456789012']['us-west-2'].kinesisvideo.streams"
CHANNELS = "$.accounts['123456789012']['us-west-2'].kinesisvideo.signalingChannels"
IVS = "$.accounts['123456789012']['us-west-2'].ivs"


@pytest.mark.parametrize(
    ("data", "problems"),
    [
        ({"acounts": {}}, ["$: Additional properties are not allowed ('acounts' was unexpected)"]),
        ({"accounts": {"12345": {}}}, ["$.accounts: '12345' does not match '^[0-9]{12}$'"]),
        (
            world(kinesisvideo={"streams": [{"DataRetentionInHours": "1"}]}),
            [
                f"{STREAMS}[0]: 'StreamName' is a required property",
                f"{STREAMS}[0].DataRetentionInHours: '1' is not of type 'integer'",
            ],
        ),
        (
            world(
                kinesisvideo={
                    "streams": [
                        {
                            "StreamName": "bad name",
                            "Status": "READY",
                            "DataRetentionInHours": -1,
                        }
                    ]
                }
            ),
            [
                f"{STREAMS}[0].StreamName: 'bad name' does not match the model's pattern "
                "[a-zA-Z0-9_.-]+",
                f"{STREAMS}[0].Status: 'READY' is not one of CREATING, ACTIVE, UPDATING, DELETING",
                f"{STREAMS}[0].DataRetentionInHours: -1 is less than the minimum of 0",
            ],
        ),
        (  # the checks of CreateStream itself (once the model's pass)
            world(kinesisvideo={"streams": [{"StreamName": "s", "DataRetentionInHours": 87601}]}),
            [
                f"{STREAMS}[0]: Data retention of 87601 hours is outside the allowed range "
                "0 to 87600 hours."
            ],
        ),
        (
            world(kinesisvideo={"streams": [{"StreamName": "s", "CreationTime": "2024-05-01"}]}),
            [
                f"{STREAMS}[0].CreationTime: '2024-05-01' does not match "
                "'^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\\\.[0-9]{1,6})?"
                "(Z|[+-][0-9]{2}:[0-9]{2})$'"
            ],
        ),
        (
            world(
                kinesisvideo={
                    "streams": [
                        {
                            "StreamName": "s",
                            "DataRetentionInHours": 1,
                            "ImageGenerationConfiguration": {**IMAGES, "SamplingInterval": 199},
                        }
                    ]
                }
            ),
            [
                f"{STREAMS}[0].ImageGenerationConfiguration: SamplingInterval 199 is below the "
                "minimum of 200 ms."
            ],
        ),
        (  # the model's checks of the EdgeConfiguration (the schema leaves it to them)
            world(
                kinesisvideo={
                    "streams": [
                        {
                            "StreamName": "s",
                            "EdgeConfiguration": {"EdgeConfig": {**EDGE, "HubDeviceArn": "x"}},
                        }
                    ]
                }
            ),
            [
                f"{STREAMS}[0].EdgeConfiguration.EdgeConfig.HubDeviceArn: 'x' does not match "
                "the model's pattern arn:[a-z\\d-]+:iot:[a-z0-9-]+:[0-9]+:thing/[a-zA-Z0-9_.-]+"
            ],
        ),
        (  # the checks of ImportPlaybackKeyPair itself
            world(ivs={"playbackKeyPairs": [{"name": "k", "publicKeyMaterial": "not a key"}]}),
            [
                f"{IVS}.playbackKeyPairs[0]: publicKeyMaterial is not an ECDSA P-384 public key "
                "in PEM format: it holds no -----BEGIN PUBLIC KEY----- block."
            ],
        ),
        (
            world(ivs={"channels": [{"latencyMode": "FAST", "tags": {"aws:x": "1"}}]}),
            [f"{IVS}.channels[0].latencyMode: 'FAST' is not one of NORMAL, LOW"],
        ),
        (
            world(ivs={"channels": [{"tags": {"aws:x": "1"}}]}),
            [
                f"{IVS}.channels[0]: Tag keys starting with 'aws:' are reserved for AWS use: "
                "['aws:x']."
            ],
        ),
    ],
)
def test_schema_and_model_errors_name_the_json_path(data, problems):
    with KvsFake() as fake:
        message = refused(fake, data)
    count = f"{len(problems)} problem{'s' if len(problems) > 1 else ''}"
    assert message == PREFIX + count + "\n" + "\n".join(f"  {p}" for p in problems) + DOCS


def test_a_time_with_a_negative_utc_offset_loads_as_utc():
    with KvsFake() as fake:
        created = "2024-05-01T08:00:00-04:00"
        fake.load(world(kinesisvideo={"streams": [{"StreamName": "s", "CreationTime": created}]}))
        info = kvs().describe_stream(StreamName="s")["StreamInfo"]
    assert info["CreationTime"] == NOW_DT


@pytest.mark.parametrize(
    ("section", "problem"),
    [
        (
            {
                "kinesisvideo": {
                    "signalingChannels": [
                        {
                            "ChannelName": "c",
                            "MediaStorageConfiguration": {
                                "Status": "ENABLED",
                                "StreamARN": f"arn:aws:kinesisvideo:{WEST}:{ACCOUNT}:stream/nope/1",
                            },
                        }
                    ]
                }
            },
            f"{CHANNELS}[0].MediaStorageConfiguration.StreamARN: names no stream of account "
            f"{ACCOUNT} in {WEST} (in the world or the fake)",
        ),
        (
            {"ivs": {"channels": [{"recordingConfigurationArn": UNKNOWN_RECORDING}]}},
            f"{IVS}.channels[0].recordingConfigurationArn: names no recording configuration of "
            f"account {ACCOUNT} in {WEST} (in the world or the fake)",
        ),
        (
            {
                "ivs": {
                    "streamKeys": [
                        {"channelArn": f"arn:aws:ivs:{WEST}:{ACCOUNT}:channel/abcdABCD1234"}
                    ]
                }
            },
            f"{IVS}.streamKeys[0].channelArn: names no channel of account {ACCOUNT} in {WEST} "
            "(in the world or the fake)",
        ),
        (
            {"ivs": {"channels": [{"arn": f"arn:aws:ivs:{EU}:{ACCOUNT}:channel/abcdABCD1234"}]}},
            f"{IVS}.channels[0].arn: 'arn:aws:ivs:{EU}:{ACCOUNT}:channel/abcdABCD1234' is not the "
            f"ARN of an IVS channel of account {ACCOUNT} in {WEST}: "
            f"arn:aws:ivs:{WEST}:{ACCOUNT}:channel/<id>",
        ),
        (
            {"kinesisvideo": {"streams": [{"StreamName": "a"}, {"StreamName": "a"}]}},
            f"{STREAMS}[1]: The stream a already exists.",
        ),
        (
            {
                "kinesisvideo": {
                    "streams": [
                        {
                            "StreamName": "a",
                            "CreationTime": "2024-05-01T12:00:00Z",
                            "StreamARN": f"arn:aws:kinesisvideo:{WEST}:{ACCOUNT}:stream/a/1",
                        }
                    ]
                }
            },
            f"{STREAMS}[0].CreationTime: 2024-05-01T12:00:00Z is not the time in the StreamARN "
            "(1970-01-01T00:00:00.001Z)",
        ),
    ],
)
def test_cross_reference_errors_name_the_json_path(section, problem):
    with KvsFake() as fake:
        message = refused(fake, {"accounts": {ACCOUNT: {WEST: section}}})
    assert message == f"{PREFIX}1 problem\n  {problem}{DOCS}"


def test_a_refused_world_changes_nothing_and_loading_records_no_call():
    good = world(kinesisvideo={"streams": [{"StreamName": "kept"}]})
    bad = copy.deepcopy(_ivs_world())
    bad["accounts"][ACCOUNT][WEST]["kinesisvideo"] = {"streams": [{"StreamName": "new"}]}
    bad["accounts"][ACCOUNT][WEST]["ivs"]["streamKeys"][0]["channelArn"] += "x"
    with KvsFake(check_responses=True) as fake:
        fake.load(good)
        before = fake.snapshot()
        message = refused(fake, bad)
        assert fake.snapshot() == before
        assert [s["StreamName"] for s in kvs().list_streams()["StreamInfoList"]] == ["kept"]
        assert ivs().list_channels()["channels"] == []
        assert [call.operation for call in fake.calls] == ["ListStreams", "ListChannels"]
    assert message.startswith(PREFIX + "1 problem\n  " + IVS + ".streamKeys[0].channelArn: ")
    assert "names no channel" in message


def test_a_bad_file_is_named(tmp_path):
    path = tmp_path / "w.json"
    path.write_text('{"accounts": ')
    with KvsFake() as fake:
        assert refused(fake, path) == (
            f"cannot load the world {path}: not JSON: Expecting value at line 1, column 14.{DOCS}"
        )
        assert refused(fake, tmp_path / "none.json") == (
            f"cannot load the world {tmp_path / 'none.json'}: No such file or directory"
        )


def test_reset_goes_back_to_the_world():
    data = world(kinesisvideo={"streams": [{"StreamName": "cam"}]})
    with KvsFake(world=data) as fake:
        kvs().create_stream(StreamName="other")
        fake.reset()
        assert [s["StreamName"] for s in kvs().list_streams()["StreamInfoList"]] == ["cam"]


# -- the docs ------------------------------------------------------------------------------------


def test_the_example_of_the_docs_loads():
    text = (ROOT / "docs" / "world.md").read_text()
    example = json.loads(re.search(r"```json\n(.*?)\n```", text, flags=re.S)[1])
    with KvsFake(check_responses=True, world=example) as fake:
        streams = kvs().list_streams()["StreamInfoList"]
        channels = ivs().list_channels()["channels"]
        assert fake.snapshot()["accounts"].keys() == example["accounts"].keys()
    assert [s["StreamName"] for s in streams] == ["front-door"]
    assert [c["name"] for c in channels] == ["lobby"]


# -- stream sessions ---------------------------------------------------------------------------

LIVE_CHANNEL = f"arn:aws:ivs:{WEST}:{ACCOUNT}:channel/abcdABCD1234"
REC = f"arn:aws:ivs:{WEST}:{ACCOUNT}:recording-configuration/recRECrec123"
ENDED_ID, LIVE_ID = "st-1234567890abcdefghijABC", "st-ZYXWVUTSRQponmlkjihg987"
SESSIONS = f"{IVS}.streamSessions"
STATE, RECORDING, HEALTH = (
    "IVS Stream State Change",
    "IVS Recording State Change",
    "IVS Stream Health Change",
)


def _at(clock: str) -> datetime:
    """A time of 2024-05-01 (``"11:59:50"``) as botocore parses it."""
    return datetime.fromisoformat(f"2024-05-01T{clock}+00:00")


def _events(*events: tuple[str, str, str]) -> list[dict]:
    return [{"name": name, "type": kind, "eventTime": _at(clock)} for name, kind, clock in events]


def _session_world(*sessions: dict, key: bool = True) -> dict:
    section: dict = {
        "recordingConfigurations": [
            {
                "arn": REC,
                "destinationConfiguration": {"s3": {"bucketName": "recordings"}},
                "recordingReconnectWindowSeconds": 30,
            }
        ],
        "channels": [{"arn": LIVE_CHANNEL, "name": "live", "recordingConfigurationArn": REC}],
        "streamSessions": list(sessions),
    }
    if key:
        section["streamKeys"] = [{"channelArn": LIVE_CHANNEL}]
    return world(ivs=section)


ENDED = {
    "channelArn": LIVE_CHANNEL,
    "streamId": ENDED_ID,
    "startTime": "2024-05-01T11:00:00Z",
    "endTime": "2024-05-01T11:59:50Z",
}
LIVE = {
    "channelArn": LIVE_CHANNEL,
    "streamId": LIVE_ID,
    "startTime": "2024-05-01T11:59:55Z",
    "health": "STARVING",
    "viewerCount": 12,
    "ingestConfiguration": {"video": VIDEO},
}


def test_sessions_load_with_the_events_and_recording_a_broadcast_makes():
    with freeze_time(NOW), KvsFake(check_responses=True, world=_session_world(ENDED, LIVE)) as fake:
        client = ivs()
        channel = client.get_channel(arn=LIVE_CHANNEL)["channel"]
        configuration = client.get_recording_configuration(arn=REC)["recordingConfiguration"]
        stream = client.get_stream(channelArn=LIVE_CHANNEL)["stream"]
        listed = client.list_streams()["streams"]
        latest = client.get_stream_session(channelArn=LIVE_CHANNEL)["streamSession"]
        ended = client.get_stream_session(channelArn=LIVE_CHANNEL, streamId=ENDED_ID)
        sessions = client.list_stream_sessions(channelArn=LIVE_CHANNEL)["streamSessions"]
        dumped = fake.snapshot()["accounts"][ACCOUNT][WEST]["ivs"]["streamSessions"]
    summary = {
        "channelArn": LIVE_CHANNEL,
        "streamId": LIVE_ID,
        "state": "LIVE",
        "health": "STARVING",
        "viewerCount": 12,
        "startTime": _at("11:59:55"),
    }
    assert stream == {**summary, "playbackUrl": channel["playbackUrl"]}
    assert listed == [summary]
    assert latest == {
        "streamId": LIVE_ID,
        "startTime": _at("11:59:55"),
        "channel": channel,
        "ingestConfiguration": {"video": VIDEO},
        **(
            {"ingestConfigurations": {"videoConfigurations": [VIDEO], "audioConfigurations": []}}
            if HAS_INGEST_CONFIGURATIONS
            else {}
        ),
        "recordingConfiguration": configuration,
        "truncatedEvents": _events(  # no Recording Start: a reconnect within the window
            ("Starvation Start", HEALTH, "11:59:55"),
            ("Stream Start", STATE, "11:59:55"),
            ("Session Created", STATE, "11:59:55"),
        ),
    }
    assert body(ended)["streamSession"] == {
        "streamId": ENDED_ID,
        "startTime": _at("11:00:00"),
        "endTime": _at("11:59:50"),
        "channel": channel,
        "recordingConfiguration": configuration,
        "truncatedEvents": _events(  # no Recording End: the reconnect continued the recording
            ("Session Ended", STATE, "11:59:50"),
            ("Stream End", STATE, "11:59:50"),
            ("Recording Start", RECORDING, "11:00:00"),
            ("Stream Start", STATE, "11:00:00"),
            ("Session Created", STATE, "11:00:00"),
        ),
    }
    assert sessions == [
        {"streamId": LIVE_ID, "startTime": _at("11:59:55"), "hasErrorEvent": False},
        {
            "streamId": ENDED_ID,
            "startTime": _at("11:00:00"),
            "endTime": _at("11:59:50"),
            "hasErrorEvent": False,
        },
    ]
    assert [s["recording"] for s in dumped] == ["STARTED", "CONTINUED"]


def test_a_loaded_live_session_stops_and_reconnects_like_a_started_one():
    """seed 004: a reconnect within the window continues the loaded session's recording."""
    with freeze_time(NOW), KvsFake(check_responses=True, world=_session_world(LIVE)) as fake:
        client = ivs()
        fake.advance(10)
        fake.stop_broadcast(LIVE_CHANNEL)
        assert client.list_streams()["streams"] == []
        fake.advance(5)
        again = fake.start_broadcast(LIVE_CHANNEL)  # 5 s < 30 s: the same recording
        fake.advance(5)
        fake.stop_broadcast(LIVE_CHANNEL)
        fake.advance(30)
        stopped = client.get_stream_session(channelArn=LIVE_CHANNEL, streamId=LIVE_ID)
        latest = client.get_stream_session(channelArn=LIVE_CHANNEL)["streamSession"]
        sessions = client.list_stream_sessions(channelArn=LIVE_CHANNEL)["streamSessions"]
    assert body(stopped)["streamSession"]["endTime"] == _at("12:00:10")
    assert body(stopped)["streamSession"]["truncatedEvents"] == _events(
        ("Session Ended", STATE, "12:00:10"),
        ("Stream End", STATE, "12:00:10"),
        ("Recording Start", RECORDING, "11:59:55"),  # the first session of the channel
        ("Starvation Start", HEALTH, "11:59:55"),
        ("Stream Start", STATE, "11:59:55"),
        ("Session Created", STATE, "11:59:55"),
    )
    assert latest["streamId"] == again
    assert latest["truncatedEvents"] == _events(
        ("Recording End", RECORDING, "12:00:50"),  # the window after the last disconnect
        ("Session Ended", STATE, "12:00:20"),
        ("Stream End", STATE, "12:00:20"),
        ("Stream Start", STATE, "12:00:15"),
        ("Session Created", STATE, "12:00:15"),
    )
    assert [s["streamId"] for s in sessions] == [again, LIVE_ID]


def test_a_failed_recording_and_given_events_load_as_given():
    events = [
        {"name": "Session Ended", "type": STATE, "eventTime": "2024-05-01T11:00:10Z"},
        {"name": "Recording End", "type": RECORDING, "eventTime": "2024-05-01T11:00:40Z"},
        {"name": "Recording Start Failure", "type": RECORDING, "eventTime": "2024-05-01T11:00:00Z"},
        {"name": "Session Created", "type": STATE, "eventTime": "2024-05-01T11:00:00Z"},
    ]
    failed = {
        "channelArn": LIVE_CHANNEL,
        "startTime": "2024-05-01T11:00:00Z",
        "endTime": "2024-05-01T11:00:10Z",
        "recording": "START_FAILED",
        "truncatedEvents": events,
    }
    with freeze_time(NOW), KvsFake(check_responses=True, world=_session_world(failed)):
        client = ivs()
        session = client.get_stream_session(channelArn=LIVE_CHANNEL)["streamSession"]
        listed = client.list_stream_sessions(channelArn=LIVE_CHANNEL)["streamSessions"]
    assert session["truncatedEvents"] == _events(  # a failed recording has no Recording End
        ("Session Ended", STATE, "11:00:10"),
        ("Recording Start Failure", RECORDING, "11:00:00"),
        ("Session Created", STATE, "11:00:00"),
    )
    assert re.fullmatch(r"st-[a-zA-Z0-9]{23}", session["streamId"])  # minted
    assert listed[0]["hasErrorEvent"] is True


@pytest.mark.parametrize(
    ("sessions", "key", "problem"),
    [
        (
            [{**ENDED, "channelArn": LIVE_CHANNEL.replace("1234", "9999")}],
            True,
            f"{SESSIONS}[0].channelArn: names no channel of account {ACCOUNT} in {WEST} "
            "(in the world or the fake)",
        ),
        (
            [{"channelArn": LIVE_CHANNEL, "streamId": ENDED_ID}, LIVE],
            True,
            f"{SESSIONS}[1]: the channel is live already (stream {ENDED_ID}): a channel has at "
            "most one live session, its latest",
        ),
        (
            [LIVE],
            False,
            f"{SESSIONS}[0].channelArn: the channel has no stream key: a live session needs one "
            "to connect with",
        ),
        (
            [{**LIVE, "startTime": "2024-05-01T11:59:00Z"}, ENDED],
            True,
            f"{SESSIONS}[1]: the channel is live already (stream {LIVE_ID}): a channel has at "
            "most one live session, its latest",
        ),
        (
            [ENDED, {**LIVE, "startTime": "2024-05-01T11:30:00Z"}],
            True,
            f"{SESSIONS}[1].startTime: is before the end of the channel's previous session "
            f"{ENDED_ID} (2024-05-01T11:59:50.000Z)",
        ),
        (
            [{**ENDED, "health": "HEALTHY"}],
            True,
            f"{SESSIONS}[0].health: is a live stream's: a session with an endTime has ended",
        ),
        (
            [{**ENDED, "endTime": "2024-05-01T10:00:00Z"}],
            True,
            f"{SESSIONS}[0].endTime: is before the startTime (2024-05-01T11:00:00Z)",
        ),
        (
            [{**ENDED, "streamId": LIVE_ID}, LIVE],
            True,
            f"{SESSIONS}[1].streamId: another session of the channel has the streamId {LIVE_ID}",
        ),
        (
            [{**LIVE, "recording": "CONTINUED"}],
            True,
            f"{SESSIONS}[0].recording: CONTINUED needs the channel's previous session to have "
            "recorded with the same configuration (not START_FAILED) and ended less than its "
            "recordingReconnectWindowSeconds before the startTime",
        ),
        (
            [
                {
                    **ENDED,
                    "recordingConfiguration": {
                        "arn": UNKNOWN_RECORDING,
                        "state": "ACTIVE",
                        "destinationConfiguration": {},
                    },
                }
            ],
            True,
            f"{SESSIONS}[0].recordingConfiguration.arn: is not the recordingConfigurationArn of "
            f"the session's channel ({REC})",
        ),
        (
            [{**ENDED, "channel": {"arn": LIVE_CHANNEL.replace("1234", "9999")}}],
            True,
            f"{SESSIONS}[0].channel.arn: is not the session's channelArn ({LIVE_CHANNEL})",
        ),
    ],
)
def test_session_cross_reference_errors_name_the_json_path(sessions, key, problem):
    with freeze_time(NOW), KvsFake() as fake:
        message = refused(fake, _session_world(*sessions, key=key))
        assert ivs().list_channels()["channels"] == []  # all or nothing
    assert message == f"{PREFIX}1 problem\n  {problem}{DOCS}"


def test_an_ended_session_needs_no_stream_key_and_the_schema_checks_sessions():
    with freeze_time(NOW), KvsFake() as fake:
        fake.load(_session_world(ENDED, key=False))
        message = refused(fake, world(ivs={"streamSessions": [{"streamId": "x", "state": "OFF"}]}))
    assert message == (
        f"{PREFIX}2 problems\n  {SESSIONS}[0]: 'channelArn' is a required property\n"
        f"  {SESSIONS}[0].state: 'LIVE' was expected{DOCS}"
    )
