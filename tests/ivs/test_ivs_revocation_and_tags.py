"""IVS viewer-session revocation (one and in batches, per-item errors) and tags on every
taggable IVS resource by its real ARN: the 50-tag limit on the merged keys, the reserved
``aws:`` prefix, unknown ARNs, and tags seen through the resource's own Get."""

from __future__ import annotations

import pytest
from ivs_support import (
    ACCOUNT,
    NOT_FOUND,
    RESERVED,
    body_of,
    create_channel_arn,
    fails,
    pattern_of,
)

pytestmark = pytest.mark.kvs_fake(instant=True)

MISSING_CHANNEL = f"arn:aws:ivs:us-west-2:{ACCOUNT}:channel/abcdABCD1234"
MEDIATAILOR = f"arn:aws:mediatailor:us-west-2:{ACCOUNT}:playbackConfiguration/main"
PUBLIC_KEY = """-----BEGIN PUBLIC KEY-----
MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAEY4MYLH9zfUAkkBhZ4gUDs/aXaMz6K3Ly
eo9FZn3UGZRaISm3TRhyqDqce3Un5xZj0ooBr68yb51T074DZv8c5kpP485BTllA
T2RwHcvRGOymS3Ea3XOY2qDENXUNo/Rr
-----END PUBLIC KEY-----
"""
# the tag rules' wording comes from the core's tag logic
TOO_MANY_TAGS = "The resource would have {} tags; a resource can have at most 50."


# -- viewer session revocation ------------------------------------------------------------


def test_start_viewer_session_revocation_answers_200_with_an_empty_body(ivs):
    arn = create_channel_arn(ivs, authorized=True)
    response = ivs.start_viewer_session_revocation(channelArn=arn, viewerId="viewer-1")
    assert (response["ResponseMetadata"]["HTTPStatusCode"], body_of(response)) == (200, {})
    again = ivs.start_viewer_session_revocation(
        channelArn=arn, viewerId="viewer-1", viewerSessionVersionsLessThanOrEqualTo=7
    )
    assert (again["ResponseMetadata"]["HTTPStatusCode"], body_of(again)) == (200, {})


def test_revoking_on_an_unknown_or_deleted_channel_is_not_found(ivs):
    def call(arn):
        return lambda: ivs.start_viewer_session_revocation(channelArn=arn, viewerId="v")

    assert fails(ivs, "ResourceNotFoundException", call(MISSING_CHANNEL)) == (
        NOT_FOUND.format(MISSING_CHANNEL),
        404,
    )
    arn = create_channel_arn(ivs)
    ivs.delete_channel(arn=arn)
    assert fails(ivs, "ResourceNotFoundException", call(arn)) == (NOT_FOUND.format(arn), 404)


def test_revoking_on_a_channel_of_another_region_or_account_is_not_found(
    kvs_fake, ivs, make_client
):
    arn = create_channel_arn(ivs)
    europe = make_client("ivs", region="eu-west-1")

    def call(client):
        return lambda: client.start_viewer_session_revocation(channelArn=arn, viewerId="v")

    assert fails(europe, "ResourceNotFoundException", call(europe)) == (
        NOT_FOUND.format(arn),
        404,
    )
    with kvs_fake.as_account("111122223333"):
        assert fails(ivs, "ResourceNotFoundException", call(ivs)) == (NOT_FOUND.format(arn), 404)


def test_revocation_requests_are_validated_by_the_service(ivs, ivs_unvalidated):
    arn = create_channel_arn(ivs)
    long_id = lambda: ivs.start_viewer_session_revocation(  # noqa: E731
        channelArn=arn, viewerId="v" * 41
    )
    assert fails(ivs, "ValidationException", long_id) == (
        f"1 validation error detected: Value '{'v' * 41}' at 'viewerId' failed to satisfy "
        "constraint: Member must have length less than or equal to 40",
        400,
    )
    negative = lambda: ivs_unvalidated.start_viewer_session_revocation(  # noqa: E731
        channelArn=arn, viewerId="", viewerSessionVersionsLessThanOrEqualTo=-1
    )
    assert fails(ivs_unvalidated, "ValidationException", negative) == (
        "2 validation errors detected: Value '' at 'viewerId' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1; Value '-1' at "
        "'viewerSessionVersionsLessThanOrEqualTo' failed to satisfy constraint: Member must "
        "have value greater than or equal to 0",
        400,
    )


def test_a_stream_key_arn_is_not_a_channel_to_revoke_on(ivs):
    key = ivs.create_channel()["streamKey"]["arn"]
    call = lambda: ivs.start_viewer_session_revocation(channelArn=key, viewerId="v")  # noqa: E731
    assert fails(ivs, "ValidationException", call) == (
        f"1 validation error detected: Value '{key}' at 'channelArn' failed to satisfy "
        f"constraint: Member must satisfy regular expression pattern: {pattern_of('ChannelArn')}",
        400,
    )


def test_batch_revocation_of_known_channels_has_no_errors(ivs):
    first, second = create_channel_arn(ivs), create_channel_arn(ivs)
    response = ivs.batch_start_viewer_session_revocation(
        viewerSessions=[
            {"channelArn": first, "viewerId": "a"},
            {"channelArn": second, "viewerId": "b", "viewerSessionVersionsLessThanOrEqualTo": 3},
            {"channelArn": first, "viewerId": "c"},
        ]
    )
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert response["errors"] == []


def test_batch_revocation_reports_unknown_channels_per_item(ivs):
    known = create_channel_arn(ivs)
    gone = create_channel_arn(ivs)
    ivs.delete_channel(arn=gone)
    response = ivs.batch_start_viewer_session_revocation(
        viewerSessions=[
            {"channelArn": MISSING_CHANNEL, "viewerId": "a"},
            {"channelArn": known, "viewerId": "b"},
            {"channelArn": gone, "viewerId": "c", "viewerSessionVersionsLessThanOrEqualTo": 2},
        ]
    )
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert response["errors"] == [
        {
            "channelArn": MISSING_CHANNEL,
            "viewerId": "a",
            "code": "ResourceNotFoundException",
            "message": NOT_FOUND.format(MISSING_CHANNEL),
        },
        {
            "channelArn": gone,
            "viewerId": "c",
            "code": "ResourceNotFoundException",
            "message": NOT_FOUND.format(gone),
        },
    ]


def test_batch_revocation_checks_the_whole_request_first(ivs, ivs_unvalidated):
    arn = create_channel_arn(ivs)
    sessions = [{"channelArn": arn, "viewerId": f"v{i}"} for i in range(21)]
    too_many = lambda: ivs.batch_start_viewer_session_revocation(  # noqa: E731
        viewerSessions=sessions
    )
    listed = ", ".join(f"{{channelArn={arn}, viewerId=v{i}}}" for i in range(21))
    assert fails(ivs, "ValidationException", too_many) == (
        f"1 validation error detected: Value '[{listed}]' at 'viewerSessions' failed to "
        "satisfy constraint: Member must have length less than or equal to 20",
        400,
    )
    empty_id = lambda: ivs_unvalidated.batch_start_viewer_session_revocation(  # noqa: E731
        viewerSessions=[
            {"channelArn": MISSING_CHANNEL, "viewerId": "a"},
            {"channelArn": arn, "viewerId": ""},
        ]
    )
    assert fails(ivs_unvalidated, "ValidationException", empty_id) == (
        "1 validation error detected: Value '' at 'viewerSessions.2.member.viewerId' failed to "
        "satisfy constraint: Member must have length greater than or equal to 1",
        400,
    )


# -- tags on every taggable resource ------------------------------------------------------


def _get_channel(ivs, arn):
    return ivs.get_channel(arn=arn)["channel"]["tags"]


def _new_channel(ivs):
    return create_channel_arn(ivs), _get_channel


def _new_stream_key(ivs):
    arn = ivs.create_channel()["streamKey"]["arn"]
    return arn, lambda ivs, arn: ivs.get_stream_key(arn=arn)["streamKey"]["tags"]


def _new_recording_configuration(ivs):
    destination = {"s3": {"bucketName": "recordings"}}
    created = ivs.create_recording_configuration(destinationConfiguration=destination)
    get = lambda ivs, arn: ivs.get_recording_configuration(arn=arn)  # noqa: E731
    return created["recordingConfiguration"]["arn"], lambda ivs, arn: get(ivs, arn)[
        "recordingConfiguration"
    ]["tags"]


def _new_playback_key_pair(ivs):
    arn = ivs.import_playback_key_pair(publicKeyMaterial=PUBLIC_KEY)["keyPair"]["arn"]
    return arn, lambda ivs, arn: ivs.get_playback_key_pair(arn=arn)["keyPair"]["tags"]


def _new_playback_restriction_policy(ivs):
    policy = ivs.create_playback_restriction_policy()["playbackRestrictionPolicy"]
    get = lambda ivs, arn: ivs.get_playback_restriction_policy(arn=arn)  # noqa: E731
    return policy["arn"], lambda ivs, arn: get(ivs, arn)["playbackRestrictionPolicy"]["tags"]


def _new_ad_configuration(ivs):
    created = ivs.create_ad_configuration(
        mediaTailorPlaybackConfigurations=[{"playbackConfigurationArn": MEDIATAILOR}]
    )
    get = lambda ivs, arn: ivs.get_ad_configuration(arn=arn)  # noqa: E731
    return created["adConfiguration"]["arn"], lambda ivs, arn: get(ivs, arn)["adConfiguration"][
        "tags"
    ]


def _new_failover_slate(ivs):
    created = ivs.create_failover_slate_configuration()["failoverSlateConfiguration"]
    get = lambda ivs, arn: ivs.get_failover_slate_configuration(arn=arn)  # noqa: E731
    return created["arn"], lambda ivs, arn: get(ivs, arn)["failoverSlateConfiguration"]["tags"]


def _needs(*operations):
    return pytest.mark.requires_operations("ivs", *operations)


RESOURCES = [
    pytest.param(_new_channel, "channel", id="channel"),
    pytest.param(_new_stream_key, "stream-key", id="stream-key"),
    pytest.param(_new_recording_configuration, "recording-configuration", id="recording"),
    pytest.param(_new_playback_key_pair, "playback-key", id="playback-key-pair"),
    pytest.param(
        _new_playback_restriction_policy,
        "playback-restriction-policy",
        id="playback-restriction-policy",
        marks=_needs("CreatePlaybackRestrictionPolicy", "GetPlaybackRestrictionPolicy"),
    ),
    pytest.param(
        _new_ad_configuration,
        "ad-configuration",
        id="ad-configuration",
        marks=_needs("CreateAdConfiguration", "GetAdConfiguration"),
    ),
    pytest.param(
        _new_failover_slate,
        "failover-slate-configuration",
        id="failover-slate",
        marks=_needs("CreateFailoverSlateConfiguration", "GetFailoverSlateConfiguration"),
    ),
]


@pytest.mark.parametrize(("new", "kind"), RESOURCES)
def test_every_taggable_resource_is_tagged_by_its_real_arn(ivs, new, kind):
    arn, tags_on_get = new(ivs)
    assert arn.startswith(f"arn:aws:ivs:us-west-2:{ACCOUNT}:{kind}/")
    assert body_of(ivs.list_tags_for_resource(resourceArn=arn)) == {"tags": {}}
    response = ivs.tag_resource(resourceArn=arn, tags={"team": "video", "Größe 名前": ""})
    assert (response["ResponseMetadata"]["HTTPStatusCode"], body_of(response)) == (200, {})
    expected = {"team": "video", "Größe 名前": ""}
    assert ivs.list_tags_for_resource(resourceArn=arn)["tags"] == expected
    assert tags_on_get(ivs, arn) == expected
    response = ivs.untag_resource(resourceArn=arn, tagKeys=["team", "never-there"])
    assert (response["ResponseMetadata"]["HTTPStatusCode"], body_of(response)) == (200, {})
    assert ivs.list_tags_for_resource(resourceArn=arn)["tags"] == {"Größe 名前": ""}
    assert tags_on_get(ivs, arn) == {"Größe 名前": ""}


def test_tags_given_at_creation_are_listed_and_overwritten_by_tag_resource(ivs):
    arn = create_channel_arn(ivs, tags={"team": "video", "site": "berlin"})
    ivs.tag_resource(resourceArn=arn, tags={"team": "ops"})
    assert ivs.list_tags_for_resource(resourceArn=arn)["tags"] == {"team": "ops", "site": "berlin"}


def test_an_empty_tag_map_changes_nothing(ivs):
    arn = create_channel_arn(ivs, tags={"team": "video"})
    assert ivs.tag_resource(resourceArn=arn, tags={})["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert ivs.list_tags_for_resource(resourceArn=arn)["tags"] == {"team": "video"}


def test_the_tag_limit_counts_the_merged_keys(ivs):
    arn = create_channel_arn(ivs, tags={f"k{i}": "old" for i in range(49)})
    ivs.tag_resource(resourceArn=arn, tags={"k0": "new", "k49": "new"})
    ivs.tag_resource(resourceArn=arn, tags={f"k{i}": "again" for i in range(50)})
    tags = ivs.list_tags_for_resource(resourceArn=arn)["tags"]
    assert (len(tags), set(tags.values())) == (50, {"again"})
    one_more = lambda: ivs.tag_resource(  # noqa: E731
        resourceArn=arn, tags={"k0": "lost", "k50": "lost"}
    )
    assert fails(ivs, "ValidationException", one_more) == (TOO_MANY_TAGS.format(51), 400)
    assert ivs.list_tags_for_resource(resourceArn=arn)["tags"] == tags
    ivs.untag_resource(resourceArn=arn, tagKeys=["k0"])
    ivs.tag_resource(resourceArn=arn, tags={"k50": "fits"})
    assert len(ivs.list_tags_for_resource(resourceArn=arn)["tags"]) == 50


def test_more_than_50_tags_in_one_request_break_the_model(ivs):
    arn = create_channel_arn(ivs)
    tags = {f"k{i}": "v" for i in range(51)}
    call = lambda: ivs.tag_resource(resourceArn=arn, tags=tags)  # noqa: E731
    rendered = ", ".join(f"k{i}=v" for i in range(51))
    assert fails(ivs, "ValidationException", call) == (
        f"1 validation error detected: Value '{{{rendered}}}' at 'tags' failed to satisfy "
        "constraint: Member must have length less than or equal to 50",
        400,
    )
    assert ivs.list_tags_for_resource(resourceArn=arn)["tags"] == {}


def test_the_aws_prefix_is_reserved(ivs):
    arn = create_channel_arn(ivs)
    call = lambda: ivs.tag_resource(resourceArn=arn, tags={"aws:cost": "x", "ok": "y"})  # noqa: E731
    assert fails(ivs, "ValidationException", call) == (RESERVED.format(["aws:cost"]), 400)
    assert ivs.list_tags_for_resource(resourceArn=arn)["tags"] == {}


@_needs("CreateAdConfiguration", "ListAdConfigurations")
def test_a_reserved_tag_at_creation_creates_nothing(ivs):
    call = lambda: ivs.create_ad_configuration(  # noqa: E731
        mediaTailorPlaybackConfigurations=[{"playbackConfigurationArn": MEDIATAILOR}],
        tags={"aws:cost": "x"},
    )
    assert fails(ivs, "ValidationException", call) == (RESERVED.format(["aws:cost"]), 400)
    assert ivs.list_ad_configurations()["adConfigurations"] == []


@_needs("CreateFailoverSlateConfiguration", "ListFailoverSlateConfigurations")
def test_a_reserved_tag_on_a_failover_slate_creates_nothing(ivs):
    call = lambda: ivs.create_failover_slate_configuration(tags={"aws:cost": "x"})  # noqa: E731
    assert fails(ivs, "ValidationException", call) == (RESERVED.format(["aws:cost"]), 400)
    assert ivs.list_failover_slate_configurations()["failoverSlateConfigurations"] == []


@pytest.mark.parametrize(
    "arn",
    [
        MISSING_CHANNEL,
        f"arn:aws:ivs:us-west-2:{ACCOUNT}:stream-key/abcdABCD1234",
        f"arn:aws:ivs:us-west-2:{ACCOUNT}:recording-configuration/abcdABCD1234",
        f"arn:aws:ivs:us-west-2:{ACCOUNT}:playback-key/abcdABCD1234",
        f"arn:aws:ivs:us-west-2:{ACCOUNT}:ad-configuration/abcdABCD1234",
        f"arn:aws:ivs:us-west-2:{ACCOUNT}:stage/abcdABCD1234",
    ],
)
def test_tag_operations_on_unknown_arns_are_not_found(ivs, arn):
    expected = (NOT_FOUND.format(arn), 404)
    for call in (
        lambda: ivs.tag_resource(resourceArn=arn, tags={"k": "v"}),
        lambda: ivs.untag_resource(resourceArn=arn, tagKeys=["k"]),
        lambda: ivs.list_tags_for_resource(resourceArn=arn),
    ):
        assert fails(ivs, "ResourceNotFoundException", call) == expected


def test_a_deleted_resource_has_no_tags_to_list(ivs):
    arn = create_channel_arn(ivs, tags={"team": "video"})
    ivs.delete_channel(arn=arn)
    call = lambda: ivs.list_tags_for_resource(resourceArn=arn)  # noqa: E731
    assert fails(ivs, "ResourceNotFoundException", call) == (NOT_FOUND.format(arn), 404)


def test_tags_of_another_region_or_account_are_not_found(kvs_fake, ivs, make_client):
    arn = create_channel_arn(ivs, tags={"team": "video"})
    europe = make_client("ivs", region="eu-west-1")

    def call(client):
        return lambda: client.tag_resource(resourceArn=arn, tags={"k": "v"})

    assert fails(europe, "ResourceNotFoundException", call(europe)) == (
        NOT_FOUND.format(arn),
        404,
    )
    with kvs_fake.as_account("111122223333"):
        assert fails(ivs, "ResourceNotFoundException", call(ivs)) == (NOT_FOUND.format(arn), 404)
    assert ivs.list_tags_for_resource(resourceArn=arn)["tags"] == {"team": "video"}


def test_an_arn_that_is_no_ivs_arn_is_refused(ivs):
    arn = "arn:aws:s3:::recordings"
    call = lambda: ivs.list_tags_for_resource(resourceArn=arn)  # noqa: E731
    assert fails(ivs, "ValidationException", call) == (
        f"1 validation error detected: Value '{arn}' at 'resourceArn' failed to satisfy "
        f"constraint: Member must satisfy regular expression pattern: {pattern_of('ResourceArn')}",
        400,
    )


def test_tag_values_are_copied_not_kept(ivs):
    arn = create_channel_arn(ivs)
    added = {"team": "video"}
    ivs.tag_resource(resourceArn=arn, tags=added)
    added["team"] = "changed"
    listed = ivs.list_tags_for_resource(resourceArn=arn)["tags"]
    listed["team"] = "changed too"
    assert ivs.list_tags_for_resource(resourceArn=arn)["tags"] == {"team": "video"}
