"""IVS channels through boto3: CreateChannel (with its stream key), GetChannel,
BatchGetChannel, ListChannels, UpdateChannel and DeleteChannel; the documented defaults,
the formats of ARNs, endpoints and keys, references to other resources, live channels and
isolation between accounts and regions."""

from __future__ import annotations

import re

import pytest
from freezegun import freeze_time
from ivs_support import (
    ACCOUNT,
    CONFLICT,
    MODEL,
    NOT_FOUND,
    OTHER_ACCOUNT,
    REGION,
    TOO_MANY_RESULTS,
    body_of,
    create_channel,
    error,
    invalid,
    not_found,
    pattern_of,
)

pytestmark = pytest.mark.kvs_fake(instant=True)

START = "2024-05-01T00:00:00Z"
CHANNEL_MEMBERS = list(MODEL.shape_for("Channel").members)
SUMMARY_MEMBERS = list(MODEL.shape_for("ChannelSummary").members)
LIST_FILTERS = [
    m for m in MODEL.operation_model("ListChannels").input_shape.members if m.startswith("filterBy")
]

CHANNEL_ARN = rf"arn:aws:ivs:{REGION}:{ACCOUNT}:channel/[a-zA-Z0-9]{{12}}"
KEY_ARN = rf"arn:aws:ivs:{REGION}:{ACCOUNT}:stream-key/[a-zA-Z0-9]{{12}}"
KEY_VALUE = rf"sk_{REGION}_[a-zA-Z0-9]{{12}}_[a-zA-Z0-9]{{30}}"
PASSPHRASE = r"[a-zA-Z0-9]{79}"
MISSING_CHANNEL = f"arn:aws:ivs:{REGION}:{ACCOUNT}:channel/abcdABCDefgh"
MISSING_RECORDING = f"arn:aws:ivs:{REGION}:{ACCOUNT}:recording-configuration/ABcdef34ghIJ"
MISSING_POLICY = f"arn:aws:ivs:{REGION}:{ACCOUNT}:playback-restriction-policy/wzFLQxpUBA15"
MISSING_AD = f"arn:aws:ivs:{REGION}:{ACCOUNT}:ad-configuration/adADadADad12"
MISSING_SLATE = f"arn:aws:ivs:{REGION}:{ACCOUNT}:failover-slate-configuration/slSLslSLsl12"
MULTITRACK_OFF = {"enabled": False, "maximumResolution": "FULL_HD", "policy": "ALLOW"}
MULTITRACK_ON = {"enabled": True, "policy": "REQUIRE", "maximumResolution": "HD"}
S3 = {"s3": {"bucketName": "my-bucket"}}


def requires_members(shape: str, *members: str):
    """Skip on a botocore whose model lacks these members of ``shape``."""
    missing = sorted(set(members) - set(MODEL.shape_for(shape).members))
    return pytest.mark.skipif(bool(missing), reason=f"ivs {shape} has no {', '.join(missing)}")


def lists_validation(operation: str):
    """Skip where the model lists no ValidationException for ``operation`` (older models)."""
    listed = {e.name for e in MODEL.operation_model(operation).error_shapes}
    return pytest.mark.skipif(
        "ValidationException" not in listed, reason=f"ivs {operation} lists no ValidationException"
    )


def _input_members(operation: str) -> list[str]:
    return list(MODEL.operation_model(operation).input_shape.members)


def live(arn: str) -> tuple[str, str, int]:
    return (
        "ConflictException",
        CONFLICT.format(f"the channel {arn} is live; stop its stream first."),
        409,
    )


def _in_model(values: dict, members: list[str]) -> dict:
    return {k: v for k, v in values.items() if k in members}


def _expected(channel: dict, **settings) -> dict:
    """The full channel the service shows for ``channel``'s ARN, endpoints and passphrase
    with the documented defaults, ``settings`` applied."""
    channel_id = channel["arn"].rsplit("/", 1)[1]
    prefix = channel["ingestEndpoint"].split(".", 1)[0]
    values = {
        "arn": channel["arn"],
        "name": "",
        "latencyMode": "LOW",
        "type": "STANDARD",
        "recordingConfigurationArn": "",
        "ingestEndpoint": f"{prefix}.global-contribute.live-video.net",
        "playbackUrl": (
            f"https://{prefix}.{REGION}.playback.live-video.net/api/video/v1/"
            f"{REGION}.{ACCOUNT}.channel.{channel_id}.m3u8"
        ),
        "authorized": False,
        "tags": {},
        "insecureIngest": False,
        "preset": "",
        "srt": {
            "endpoint": f"{prefix}.srt.live-video.net",
            "passphrase": channel.get("srt", {}).get("passphrase"),
        },
        "playbackRestrictionPolicyArn": "",
        "multitrackInputConfiguration": MULTITRACK_OFF,
        "containerFormat": "TS",
        "adConfigurationArn": "",
        "failoverSlateConfigurationArn": "",
        **settings,
    }
    return _in_model(values, CHANNEL_MEMBERS)


def _summary(channel: dict) -> dict:
    return _in_model(channel, SUMMARY_MEMBERS)


def _recording(ivs) -> str:
    return ivs.create_recording_configuration(destinationConfiguration=S3)[
        "recordingConfiguration"
    ]["arn"]


# -- CreateChannel ---------------------------------------------------------------------------


def test_create_returns_the_channel_with_the_documented_defaults_and_its_one_stream_key(ivs):
    created = ivs.create_channel()
    channel, key = created["channel"], created["streamKey"]
    assert re.fullmatch(CHANNEL_ARN, channel["arn"])
    assert re.fullmatch(
        r"[0-9a-f]{12}\.global-contribute\.live-video\.net", channel["ingestEndpoint"]
    )
    if "srt" in CHANNEL_MEMBERS:
        assert re.fullmatch(PASSPHRASE, channel["srt"]["passphrase"])
    assert channel == _expected(channel)
    assert re.fullmatch(KEY_ARN, key["arn"])
    assert re.fullmatch(KEY_VALUE, key["value"])
    assert key == {
        "arn": key["arn"],
        "value": key["value"],
        "channelArn": channel["arn"],
        "tags": {},
    }
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_every_setting_given_at_creation_is_shown(ivs):
    settings = {
        "name": "my-channel_1",
        "latencyMode": "NORMAL",
        "type": "BASIC",
        "authorized": True,
        "insecureIngest": True,
        "tags": {"team": "video", "empty": ""},
    }
    channel = create_channel(ivs, **settings)
    assert channel == _expected(channel, **settings)


@requires_members("Channel", "containerFormat")
def test_container_format_can_be_fragmented_mp4_without_multitrack(ivs):
    channel = create_channel(ivs, containerFormat="FRAGMENTED_MP4")
    assert channel == _expected(channel, containerFormat="FRAGMENTED_MP4")


def test_advanced_types_default_to_the_higher_bandwidth_preset(ivs):
    sd = create_channel(ivs, type="ADVANCED_SD")
    hd = create_channel(ivs, type="ADVANCED_HD", preset="CONSTRAINED_BANDWIDTH_DELIVERY")
    assert sd == _expected(sd, type="ADVANCED_SD", preset="HIGHER_BANDWIDTH_DELIVERY")
    assert hd == _expected(hd, type="ADVANCED_HD", preset="CONSTRAINED_BANDWIDTH_DELIVERY")


@pytest.mark.parametrize("channel_type", ["BASIC", "STANDARD"])
def test_a_preset_is_refused_for_basic_and_standard_channels(ivs, channel_type):
    call = lambda: ivs.create_channel(type=channel_type, preset="HIGHER_BANDWIDTH_DELIVERY")  # noqa: E731
    assert error(call) == invalid(
        "A preset can be selected only for ADVANCED_SD and ADVANCED_HD channels, "
        f"not {channel_type}."
    )
    assert ivs.list_channels()["channels"] == []


def test_ids_endpoints_and_keys_differ_per_channel_but_the_hosts_are_shared(ivs):
    first = ivs.create_channel()
    second = ivs.create_channel()
    assert first["channel"]["arn"] != second["channel"]["arn"]
    assert first["streamKey"]["arn"] != second["streamKey"]["arn"]
    assert first["streamKey"]["value"] != second["streamKey"]["value"]
    assert first["channel"]["playbackUrl"] != second["channel"]["playbackUrl"]
    assert first["channel"]["ingestEndpoint"] == second["channel"]["ingestEndpoint"]


@requires_members("Channel", "srt")
def test_the_srt_host_is_shared_and_each_channel_has_its_own_passphrase(ivs):
    first, second = create_channel(ivs), create_channel(ivs)
    assert first["srt"]["passphrase"] != second["srt"]["passphrase"]
    assert first["srt"]["endpoint"] == second["srt"]["endpoint"]
    assert first["srt"]["endpoint"] == first["ingestEndpoint"].replace(
        ".global-contribute.", ".srt."
    )


def test_the_ingest_host_is_one_per_account_and_region(kvs_fake, ivs, make_client):
    here = create_channel(ivs)
    there = create_channel(make_client("ivs", region="eu-west-1"))
    with kvs_fake.as_account(OTHER_ACCOUNT):
        theirs = create_channel(ivs)
    assert re.fullmatch(rf"arn:aws:ivs:eu-west-1:{ACCOUNT}:channel/[a-zA-Z0-9]{{12}}", there["arn"])
    assert re.fullmatch(
        rf"arn:aws:ivs:{REGION}:{OTHER_ACCOUNT}:channel/[a-zA-Z0-9]{{12}}", theirs["arn"]
    )
    hosts = {c["ingestEndpoint"] for c in (here, there, theirs)}
    assert len(hosts) == 3
    prefix = there["ingestEndpoint"].split(".", 1)[0]
    assert there["playbackUrl"] == (
        f"https://{prefix}.eu-west-1.playback.live-video.net/api/video/v1/"
        f"eu-west-1.{ACCOUNT}.channel.{there['arn'].rsplit('/', 1)[1]}.m3u8"
    )
    assert theirs["playbackUrl"].endswith(
        f"/{REGION}.{OTHER_ACCOUNT}.channel.{theirs['arn'][-12:]}.m3u8"
    )


def test_names_repeat_and_each_channel_is_its_own(ivs):
    first = create_channel(ivs, name="show")
    second = create_channel(ivs, name="show")
    assert first["arn"] != second["arn"]
    listed = ivs.list_channels(filterByName="show")["channels"]
    assert sorted(c["arn"] for c in listed) == sorted([first["arn"], second["arn"]])


def test_model_constraints_are_checked_by_the_service(ivs_unvalidated):
    call = lambda: ivs_unvalidated.create_channel(name="bad name", latencyMode="FAST")  # noqa: E731
    violations = {
        "name": "Value 'bad name' at 'name' failed to satisfy constraint: Member must satisfy "
        f"regular expression pattern: {pattern_of('ChannelName')}",
        "latencyMode": "Value 'FAST' at 'latencyMode' failed to satisfy constraint: "
        "Member must satisfy enum value set: [NORMAL, LOW]",
    }
    in_model_order = [violations[m] for m in _input_members("CreateChannel") if m in violations]
    assert error(call) == invalid("2 validation errors detected: " + "; ".join(in_model_order))
    too_many = {f"k{i}": "" for i in range(51)}
    assert error(lambda: ivs_unvalidated.create_channel(tags=too_many))[0] == "ValidationException"
    assert ivs_unvalidated.list_channels()["channels"] == []


@pytest.mark.kvs_fake(seed=7)
def test_seeded_fakes_repeat_their_ids(kvs_fake, ivs):
    def mint() -> tuple[str, str | None, str, str]:
        created = ivs.create_channel()
        return (
            created["channel"]["arn"],
            created["channel"].get("srt", {}).get("passphrase"),
            created["streamKey"]["arn"],
            created["streamKey"]["value"],
        )

    first = mint()
    kvs_fake.reset()
    assert mint() == first


@pytest.mark.kvs_fake(seed=3, instant=True)
def test_a_refused_create_does_not_shift_a_seeded_fakes_ids(kvs_fake, ivs):
    """The request is checked before the new channel's id is drawn: a fresh seeded fake (the
    fixture's, then the same after reset()) mints the same next ARN with or without it."""

    def next_arn(refuse_first: bool) -> str:
        kvs_fake.reset()
        if refuse_first:
            call = lambda: ivs.create_channel(type="STANDARD", preset="HIGHER_BANDWIDTH_DELIVERY")  # noqa: E731
            assert error(call)[0] == "ValidationException"
        arn: str = ivs.create_channel()["channel"]["arn"]
        return arn

    assert next_arn(refuse_first=True) == next_arn(refuse_first=False)


# -- multitrack input ------------------------------------------------------------------------


@requires_members("Channel", "multitrackInputConfiguration", "containerFormat")
def test_multitrack_input_on_a_standard_channel_in_fragmented_mp4(ivs):
    channel = create_channel(
        ivs, multitrackInputConfiguration=MULTITRACK_ON, containerFormat="FRAGMENTED_MP4"
    )
    assert channel == _expected(
        channel, multitrackInputConfiguration=MULTITRACK_ON, containerFormat="FRAGMENTED_MP4"
    )


@requires_members("Channel", "multitrackInputConfiguration", "containerFormat")
@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (
            {"type": "BASIC", "containerFormat": "FRAGMENTED_MP4"},
            "Multitrack input can be enabled only for STANDARD channels, not BASIC.",
        ),
        (
            {"containerFormat": "TS"},
            "containerFormat must be FRAGMENTED_MP4 when multitrack input is enabled.",
        ),
        ({}, "containerFormat must be FRAGMENTED_MP4 when multitrack input is enabled."),
    ],
)
def test_multitrack_input_needs_a_standard_channel_in_fragmented_mp4(ivs, settings, message):
    call = lambda: ivs.create_channel(multitrackInputConfiguration=MULTITRACK_ON, **settings)  # noqa: E731
    assert error(call) == invalid(message)


@requires_members("Channel", "multitrackInputConfiguration", "containerFormat")
@pytest.mark.parametrize("member", ["policy", "maximumResolution"])
def test_enabled_multitrack_input_needs_a_policy_and_a_maximum_resolution(ivs, member):
    config = {k: v for k, v in MULTITRACK_ON.items() if k != member}
    call = lambda: ivs.create_channel(  # noqa: E731
        multitrackInputConfiguration=config, containerFormat="FRAGMENTED_MP4"
    )
    assert error(call) == invalid(
        f"multitrackInputConfiguration.{member} is required when multitrack input is enabled."
    )


@requires_members("Channel", "multitrackInputConfiguration")
def test_disabled_multitrack_input_keeps_the_defaults_it_was_not_given(ivs):
    channel = create_channel(
        ivs, multitrackInputConfiguration={"enabled": False, "policy": "REQUIRE"}
    )
    assert channel["multitrackInputConfiguration"] == {**MULTITRACK_OFF, "policy": "REQUIRE"}


# -- references to other resources -----------------------------------------------------------


def test_an_unknown_recording_configuration_is_not_found_and_nothing_is_created(ivs):
    call = lambda: ivs.create_channel(recordingConfigurationArn=MISSING_RECORDING)  # noqa: E731
    assert error(call) == not_found(MISSING_RECORDING)
    assert ivs.list_channels()["channels"] == []


@requires_members("Channel", "playbackRestrictionPolicyArn")
def test_an_unknown_playback_restriction_policy_is_not_found(ivs):
    call = lambda: ivs.create_channel(playbackRestrictionPolicyArn=MISSING_POLICY)  # noqa: E731
    assert error(call) == not_found(MISSING_POLICY)


@requires_members("Channel", "adConfigurationArn")
def test_an_unknown_ad_configuration_is_not_found(ivs):
    call = lambda: ivs.create_channel(adConfigurationArn=MISSING_AD)  # noqa: E731
    assert error(call) == not_found(MISSING_AD)


@requires_members("Channel", "failoverSlateConfigurationArn")
def test_an_unknown_failover_slate_configuration_is_not_found(ivs):
    call = lambda: ivs.create_channel(failoverSlateConfigurationArn=MISSING_SLATE)  # noqa: E731
    assert error(call) == not_found(MISSING_SLATE)


def test_a_recording_configuration_of_another_region_is_not_found(ivs, make_client):
    elsewhere = make_client("ivs", region="eu-west-1")
    foreign = elsewhere.create_recording_configuration(destinationConfiguration=S3)
    arn = foreign["recordingConfiguration"]["arn"]
    assert error(lambda: ivs.create_channel(recordingConfigurationArn=arn)) == not_found(arn)


def test_a_known_recording_configuration_is_attached(ivs):
    recording = _recording(ivs)
    channel = create_channel(ivs, recordingConfigurationArn=recording)
    assert channel == _expected(channel, recordingConfigurationArn=recording)
    assert ivs.get_channel(arn=channel["arn"])["channel"]["recordingConfigurationArn"] == recording


@pytest.mark.requires_operations("ivs", "CreatePlaybackRestrictionPolicy")
def test_a_known_playback_restriction_policy_is_attached(ivs):
    policy = ivs.create_playback_restriction_policy()["playbackRestrictionPolicy"]["arn"]
    channel = create_channel(ivs, playbackRestrictionPolicyArn=policy)
    assert channel == _expected(channel, playbackRestrictionPolicyArn=policy)


@pytest.mark.kvs_fake(instant=False, delays={"ivs.recording_configuration.CREATING": 30})
def test_a_recording_configuration_is_usable_once_active(kvs_fake, ivs):
    with freeze_time(START) as frozen:
        recording = _recording(ivs)
        call = lambda: ivs.create_channel(recordingConfigurationArn=recording)  # noqa: E731
        assert error(call) == invalid(
            f"The recording configuration {recording} is CREATING; a channel can use only an "
            "ACTIVE one."
        )
        frozen.tick(30)
        assert call()["channel"]["recordingConfigurationArn"] == recording


# -- GetChannel and BatchGetChannel ----------------------------------------------------------


def test_get_shows_what_create_returned(ivs):
    created = create_channel(ivs, name="cam", tags={"a": "1"})
    answer = ivs.get_channel(arn=created["arn"])
    assert body_of(answer) == {"channel": created}


def test_unknown_and_foreign_channels_are_not_found(kvs_fake, ivs, make_client):
    arn = create_channel(ivs)["arn"]
    assert error(lambda: ivs.get_channel(arn=MISSING_CHANNEL)) == not_found(MISSING_CHANNEL)
    other_account = arn.replace(ACCOUNT, OTHER_ACCOUNT)
    assert error(lambda: ivs.get_channel(arn=other_account)) == not_found(other_account)
    elsewhere = make_client("ivs", region="eu-west-1")
    assert error(lambda: elsewhere.get_channel(arn=arn)) == not_found(arn)
    with kvs_fake.as_account(OTHER_ACCOUNT):
        assert error(lambda: ivs.get_channel(arn=arn)) == not_found(arn)


def test_a_stream_key_arn_is_not_a_channel_arn(ivs):
    key = ivs.create_channel()["streamKey"]["arn"]
    assert error(lambda: ivs.get_channel(arn=key)) == invalid(
        f"1 validation error detected: Value '{key}' at 'arn' failed to satisfy constraint: "
        f"Member must satisfy regular expression pattern: {pattern_of('ChannelArn')}"
    )


def test_batch_get_returns_the_found_channels_in_order_and_reports_the_others(ivs):
    first = create_channel(ivs, name="a")
    second = create_channel(ivs, name="b")
    answer = ivs.batch_get_channel(arns=[second["arn"], MISSING_CHANNEL, first["arn"]])
    assert answer["channels"] == [second, first]
    assert answer["errors"] == [
        {
            "arn": MISSING_CHANNEL,
            "code": "ResourceNotFoundException",
            "message": NOT_FOUND.format(MISSING_CHANNEL),
        }
    ]
    assert answer["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_batch_get_with_every_channel_found_reports_no_errors_and_repeats_none(ivs):
    channel = create_channel(ivs)
    answer = ivs.batch_get_channel(arns=[channel["arn"], channel["arn"]])
    assert (answer["channels"], answer["errors"]) == ([channel], [])


def test_batch_get_of_unknown_channels_only_reports_them(ivs, make_client):
    arn = create_channel(ivs)["arn"]
    answer = make_client("ivs", region="eu-west-1").batch_get_channel(arns=[arn])
    assert answer["channels"] == []
    assert [(e["arn"], e["code"]) for e in answer["errors"]] == [(arn, "ResourceNotFoundException")]


@lists_validation("BatchGetChannel")
def test_batch_get_takes_at_most_fifty_arns(ivs_unvalidated):
    arns = [f"arn:aws:ivs:{REGION}:{ACCOUNT}:channel/c{i:011d}" for i in range(51)]
    assert error(lambda: ivs_unvalidated.batch_get_channel(arns=arns)) == invalid(
        f"1 validation error detected: Value '[{', '.join(arns)}]' at 'arns' failed to satisfy "
        "constraint: Member must have length less than or equal to 50"
    )
    assert ivs_unvalidated.batch_get_channel(arns=arns[:50])["errors"][49]["arn"] == arns[49]


# -- ListChannels ----------------------------------------------------------------------------


def test_list_shows_summaries_with_exactly_the_summary_members(ivs):
    channel = create_channel(ivs, name="cam", type="ADVANCED_HD", authorized=True, tags={"k": "v"})
    answer = ivs.list_channels()
    assert body_of(answer) == {"channels": [_summary(channel)]}
    assert set(answer["channels"][0]) == set(SUMMARY_MEMBERS)


def test_an_empty_list_still_has_its_channels_member(ivs):
    assert body_of(ivs.list_channels()) == {"channels": []}


def test_list_is_in_arn_order_and_pages_round_trip(ivs):
    arns = sorted(create_channel(ivs, name=f"c{i}")["arn"] for i in range(5))
    first = ivs.list_channels(maxResults=2)
    assert [c["arn"] for c in first["channels"]] == arns[:2]
    second = ivs.list_channels(maxResults=2, nextToken=first["nextToken"])
    assert [c["arn"] for c in second["channels"]] == arns[2:4]
    last = ivs.list_channels(maxResults=2, nextToken=second["nextToken"])
    assert [c["arn"] for c in last["channels"]] == arns[4:]
    assert "nextToken" not in last
    assert [c["arn"] for c in ivs.list_channels()["channels"]] == arns


@pytest.mark.parametrize("page_size", [1, 3, 100])
def test_the_paginator_returns_every_channel_once(ivs, page_size):
    arns = sorted(create_channel(ivs)["arn"] for _ in range(7))
    pages = ivs.get_paginator("list_channels").paginate(PaginationConfig={"PageSize": page_size})
    assert [c["arn"] for page in pages for c in page["channels"]] == arns


def test_a_page_holds_at_most_one_hundred_channels(ivs_unvalidated):
    assert error(lambda: ivs_unvalidated.list_channels(maxResults=101)) == invalid(TOO_MANY_RESULTS)


def test_tokens_it_did_not_mint_for_this_listing_are_refused(ivs):
    for i in range(3):
        create_channel(ivs, name="cam" if i else "door")
    minted = ivs.list_channels(maxResults=1, filterByName="cam")["nextToken"]
    for token in ("garbage", minted[:-4]):
        call = lambda token=token: ivs.list_channels(filterByName="cam", nextToken=token)  # noqa: E731
        assert error(call) == invalid(f"The nextToken {token!r} is not valid for this request.")
    unfiltered = lambda: ivs.list_channels(nextToken=minted)  # noqa: E731
    assert error(unfiltered) == invalid(f"The nextToken {minted!r} is not valid for this request.")


def test_a_filtered_listing_pages_through_with_its_own_tokens(ivs):
    cams = sorted(create_channel(ivs, name="cam")["arn"] for _ in range(3))
    create_channel(ivs, name="door")
    pages = ivs.get_paginator("list_channels").paginate(
        filterByName="cam", PaginationConfig={"PageSize": 1}
    )
    assert [[c["arn"] for c in page["channels"]] for page in pages] == [[arn] for arn in cams]


def test_filter_by_name_matches_the_whole_name(ivs):
    cam = create_channel(ivs, name="cam")
    create_channel(ivs, name="cam-2")
    create_channel(ivs)
    assert ivs.list_channels(filterByName="cam")["channels"] == [_summary(cam)]
    assert ivs.list_channels(filterByName="nothing")["channels"] == []


def test_filter_by_recording_configuration(ivs):
    recording = _recording(ivs)
    recorded = create_channel(ivs, recordingConfigurationArn=recording)
    create_channel(ivs)
    listed = ivs.list_channels(filterByRecordingConfigurationArn=recording)["channels"]
    assert listed == [_summary(recorded)]
    unknown = ivs.list_channels(filterByRecordingConfigurationArn=MISSING_RECORDING)
    assert unknown["channels"] == []


@pytest.mark.requires_operations("ivs", "CreatePlaybackRestrictionPolicy")
def test_filter_by_playback_restriction_policy(ivs):
    policy = ivs.create_playback_restriction_policy()["playbackRestrictionPolicy"]["arn"]
    restricted = create_channel(ivs, playbackRestrictionPolicyArn=policy)
    create_channel(ivs)
    listed = ivs.list_channels(filterByPlaybackRestrictionPolicyArn=policy)["channels"]
    assert listed == [_summary(restricted)]


@pytest.mark.parametrize(
    ("first", "second"),
    [(a, b) for i, a in enumerate(LIST_FILTERS) for b in LIST_FILTERS[i + 1 :]],
)
def test_two_filters_at_once_are_a_conflict(ivs, first, second):
    values = {
        "filterByName": "cam",
        "filterByRecordingConfigurationArn": MISSING_RECORDING,
        "filterByPlaybackRestrictionPolicyArn": MISSING_POLICY,
        "filterByAdConfigurationArn": MISSING_AD,
        "filterByFailoverSlateConfigurationArn": MISSING_SLATE,
    }
    call = lambda: ivs.list_channels(**{first: values[first], second: values[second]})  # noqa: E731
    assert error(call) == (
        "ConflictException",
        "Updating or deleting a resource can cause an inconsistent state: "
        f"the ListChannels filters are mutually exclusive; the request sets {first} and {second}.",
        409,
    )


def test_listings_are_per_account_and_region(kvs_fake, ivs, make_client):
    create_channel(ivs)
    assert make_client("ivs", region="eu-west-1").list_channels()["channels"] == []
    with kvs_fake.as_account(OTHER_ACCOUNT):
        assert ivs.list_channels()["channels"] == []
    assert len(ivs.list_channels()["channels"]) == 1


# -- UpdateChannel ---------------------------------------------------------------------------


def test_update_changes_only_what_it_names_and_returns_the_whole_channel(ivs):
    channel = create_channel(ivs, name="before", tags={"k": "v"}, authorized=True)
    updated = ivs.update_channel(arn=channel["arn"], name="after", latencyMode="NORMAL")
    expected = _expected(
        channel, name="after", latencyMode="NORMAL", authorized=True, tags={"k": "v"}
    )
    assert body_of(updated) == {"channel": expected}
    assert ivs.get_channel(arn=channel["arn"])["channel"] == expected


def test_update_without_changes_keeps_the_channel(ivs):
    channel = create_channel(ivs, name="same")
    assert ivs.update_channel(arn=channel["arn"])["channel"] == channel


def test_update_sets_and_clears_a_recording_configuration(ivs):
    recording = _recording(ivs)
    channel = create_channel(ivs)
    on = ivs.update_channel(arn=channel["arn"], recordingConfigurationArn=recording)["channel"]
    assert on["recordingConfigurationArn"] == recording
    off = ivs.update_channel(arn=channel["arn"], recordingConfigurationArn="")["channel"]
    assert off == _expected(channel)


def test_update_to_an_unknown_reference_is_not_found_and_changes_nothing(ivs):
    channel = create_channel(ivs, name="kept")
    call = lambda: ivs.update_channel(  # noqa: E731
        arn=channel["arn"], name="changed", recordingConfigurationArn=MISSING_RECORDING
    )
    assert error(call) == not_found(MISSING_RECORDING)
    assert ivs.get_channel(arn=channel["arn"])["channel"] == channel


@requires_members("Channel", "adConfigurationArn")
def test_update_to_an_unknown_ad_configuration_is_not_found(ivs):
    channel = create_channel(ivs)
    call = lambda: ivs.update_channel(arn=channel["arn"], adConfigurationArn=MISSING_AD)  # noqa: E731
    assert error(call) == not_found(MISSING_AD)


@requires_members("Channel", "playbackRestrictionPolicyArn")
def test_update_to_an_unknown_playback_restriction_policy_is_not_found(ivs):
    channel = create_channel(ivs)
    call = lambda: ivs.update_channel(  # noqa: E731
        arn=channel["arn"], playbackRestrictionPolicyArn=MISSING_POLICY
    )
    assert error(call) == not_found(MISSING_POLICY)


def test_update_of_an_unknown_channel_is_not_found(ivs, make_client):
    arn = create_channel(ivs)["arn"]
    assert error(lambda: ivs.update_channel(arn=MISSING_CHANNEL, name="x")) == not_found(
        MISSING_CHANNEL
    )
    elsewhere = make_client("ivs", region="eu-west-1")
    assert error(lambda: elsewhere.update_channel(arn=arn, name="x")) == not_found(arn)


def test_changing_the_type_moves_the_preset_with_it(ivs):
    channel = create_channel(ivs)
    advanced = ivs.update_channel(arn=channel["arn"], type="ADVANCED_SD")["channel"]
    assert advanced == _expected(channel, type="ADVANCED_SD", preset="HIGHER_BANDWIDTH_DELIVERY")
    constrained = ivs.update_channel(arn=channel["arn"], preset="CONSTRAINED_BANDWIDTH_DELIVERY")
    assert constrained["channel"]["preset"] == "CONSTRAINED_BANDWIDTH_DELIVERY"
    kept = ivs.update_channel(arn=channel["arn"], type="ADVANCED_HD")["channel"]
    assert (kept["type"], kept["preset"]) == ("ADVANCED_HD", "CONSTRAINED_BANDWIDTH_DELIVERY")
    back = ivs.update_channel(arn=channel["arn"], type="STANDARD")["channel"]
    assert back == _expected(channel)
    refused = lambda: ivs.update_channel(  # noqa: E731
        arn=channel["arn"], preset="HIGHER_BANDWIDTH_DELIVERY"
    )
    assert error(refused) == invalid(
        "A preset can be selected only for ADVANCED_SD and ADVANCED_HD channels, not STANDARD."
    )


@requires_members("Channel", "multitrackInputConfiguration", "containerFormat")
def test_update_checks_multitrack_input_against_the_resulting_channel(ivs):
    channel = create_channel(
        ivs, multitrackInputConfiguration=MULTITRACK_ON, containerFormat="FRAGMENTED_MP4"
    )
    call = lambda: ivs.update_channel(arn=channel["arn"], type="BASIC")  # noqa: E731
    assert error(call) == invalid(
        "Multitrack input can be enabled only for STANDARD channels, not BASIC."
    )
    to_ts = lambda: ivs.update_channel(arn=channel["arn"], containerFormat="TS")  # noqa: E731
    assert error(to_ts) == invalid(
        "containerFormat must be FRAGMENTED_MP4 when multitrack input is enabled."
    )
    off = ivs.update_channel(
        arn=channel["arn"], multitrackInputConfiguration={"enabled": False}, type="BASIC"
    )["channel"]
    assert off["multitrackInputConfiguration"] == MULTITRACK_OFF
    assert (off["type"], off["containerFormat"]) == ("BASIC", "FRAGMENTED_MP4")


def test_a_live_channel_cannot_be_updated_until_its_stream_ends(kvs_fake, ivs):
    channel = create_channel(ivs, name="before")
    kvs_fake.start_broadcast(channel["arn"])
    assert error(lambda: ivs.update_channel(arn=channel["arn"], name="after")) == live(
        channel["arn"]
    )
    assert ivs.get_channel(arn=channel["arn"])["channel"]["name"] == "before"
    kvs_fake.stop_broadcast(channel["arn"])
    assert ivs.update_channel(arn=channel["arn"], name="after")["channel"]["name"] == "after"


# -- DeleteChannel ---------------------------------------------------------------------------


def test_delete_answers_204_and_removes_the_channel_and_its_stream_key(ivs):
    created = ivs.create_channel()
    arn, key = created["channel"]["arn"], created["streamKey"]["arn"]
    answer = ivs.delete_channel(arn=arn)
    assert answer["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert body_of(answer) == {}
    assert error(lambda: ivs.get_channel(arn=arn)) == not_found(arn)
    assert error(lambda: ivs.get_stream_key(arn=key)) == not_found(key)
    assert ivs.list_channels()["channels"] == []
    assert error(lambda: ivs.delete_channel(arn=arn)) == not_found(arn)


def test_deleting_one_channel_leaves_its_namesake(ivs):
    first = create_channel(ivs, name="show")
    second = create_channel(ivs, name="show")
    ivs.delete_channel(arn=first["arn"])
    assert ivs.list_channels(filterByName="show")["channels"] == [_summary(second)]


def test_delete_of_a_foreign_channel_is_not_found_and_keeps_it(ivs, make_client):
    arn = create_channel(ivs)["arn"]
    elsewhere = make_client("ivs", region="eu-west-1")
    assert error(lambda: elsewhere.delete_channel(arn=arn)) == not_found(arn)
    assert ivs.get_channel(arn=arn)["channel"]["arn"] == arn


def test_a_live_channel_cannot_be_deleted_until_its_stream_ends(kvs_fake, ivs):
    arn = create_channel(ivs)["arn"]
    kvs_fake.start_broadcast(arn)
    assert error(lambda: ivs.delete_channel(arn=arn)) == live(arn)
    assert ivs.get_channel(arn=arn)["channel"]["arn"] == arn
    kvs_fake.stop_broadcast(arn)
    assert ivs.delete_channel(arn=arn)["ResponseMetadata"]["HTTPStatusCode"] == 204
