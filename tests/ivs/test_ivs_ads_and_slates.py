"""IVS ad configurations and failover slate configurations: the defaults the model documents,
get/update/delete by ARN, pagination, the errors of unknown and in-use configurations, and
isolation by region and account. Every test pins one AWS-visible result."""

from __future__ import annotations

import re

import pytest
from ivs_support import (
    ACCOUNT,
    CONFLICT,
    INVALID_TOKEN,
    NOT_FOUND,
    TOO_MANY_RESULTS,
    body_of,
    fails,
    pattern_of,
)

pytestmark = pytest.mark.kvs_fake(instant=True)

AD_OPERATIONS = (
    "CreateAdConfiguration",
    "GetAdConfiguration",
    "ListAdConfigurations",
    "UpdateAdConfiguration",
    "DeleteAdConfiguration",
)
SLATE_OPERATIONS = (
    "CreateFailoverSlateConfiguration",
    "GetFailoverSlateConfiguration",
    "ListFailoverSlateConfigurations",
    "UpdateFailoverSlateConfiguration",
    "DeleteFailoverSlateConfiguration",
)
ads = pytest.mark.requires_operations("ivs", *AD_OPERATIONS)
slates = pytest.mark.requires_operations("ivs", *SLATE_OPERATIONS)

AD_ARN = re.compile(rf"arn:aws:ivs:us-west-2:{ACCOUNT}:ad-configuration/[a-zA-Z0-9]{{12}}")
SLATE_ARN = re.compile(
    rf"arn:aws:ivs:us-west-2:{ACCOUNT}:failover-slate-configuration/[a-zA-Z0-9]{{12}}"
)
MISSING_AD = f"arn:aws:ivs:us-west-2:{ACCOUNT}:ad-configuration/abcdABCD1234"
MISSING_SLATE = f"arn:aws:ivs:us-west-2:{ACCOUNT}:failover-slate-configuration/abcdABCD1234"
MEDIATAILOR = f"arn:aws:mediatailor:us-west-2:{ACCOUNT}:playbackConfiguration/"
MAIN = [{"playbackConfigurationArn": MEDIATAILOR + "main"}]


def _ad(ivs, **params) -> dict:
    params.setdefault("mediaTailorPlaybackConfigurations", MAIN)
    return ivs.create_ad_configuration(**params)["adConfiguration"]


def _slate(ivs, **params) -> dict:
    return ivs.create_failover_slate_configuration(**params)["failoverSlateConfiguration"]


# -- ad configurations --------------------------------------------------------------------


@ads
def test_an_ad_configuration_gets_the_documented_defaults(ivs):
    response = ivs.create_ad_configuration(mediaTailorPlaybackConfigurations=MAIN)
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    created = response["adConfiguration"]
    assert AD_ARN.fullmatch(created["arn"])
    assert created == {
        "arn": created["arn"],
        "name": "",
        "mediaTailorPlaybackConfigurations": MAIN,
        "postRollConfiguration": {"enabled": False, "durationSeconds": 15},
        "tags": {},
    }


@ads
def test_get_ad_configuration_returns_what_create_stored(ivs):
    playback = [{"playbackConfigurationArn": MEDIATAILOR + name} for name in ("a", "b", "c")]
    created = _ad(
        ivs,
        name="sports-ads",
        mediaTailorPlaybackConfigurations=playback,
        postRollConfiguration={"enabled": True, "durationSeconds": 30},
        tags={"team": "ads"},
    )
    got = body_of(ivs.get_ad_configuration(arn=created["arn"]))
    assert got == {
        "adConfiguration": {
            "arn": created["arn"],
            "name": "sports-ads",
            "mediaTailorPlaybackConfigurations": playback,
            "postRollConfiguration": {"enabled": True, "durationSeconds": 30},
            "tags": {"team": "ads"},
        }
    }


@ads
def test_ad_configurations_get_distinct_arns(ivs):
    arns = {_ad(ivs, name="same")["arn"] for _ in range(5)}
    assert len(arns) == 5


@ads
def test_update_ad_configuration_changes_only_the_given_members(ivs):
    created = _ad(ivs, name="before", tags={"team": "ads"})
    renamed = ivs.update_ad_configuration(arn=created["arn"], name="after")["adConfiguration"]
    assert renamed == {**created, "name": "after"}
    playback = [{"playbackConfigurationArn": MEDIATAILOR + "other"}]
    post_roll = {"enabled": True, "durationSeconds": 300}
    updated = ivs.update_ad_configuration(
        arn=created["arn"],
        mediaTailorPlaybackConfigurations=playback,
        postRollConfiguration=post_roll,
    )["adConfiguration"]
    assert updated == {
        **created,
        "name": "after",
        "mediaTailorPlaybackConfigurations": playback,
        "postRollConfiguration": post_roll,
    }
    assert ivs.get_ad_configuration(arn=created["arn"])["adConfiguration"] == updated


@ads
def test_update_ad_configuration_with_only_the_arn_changes_nothing(ivs):
    created = _ad(ivs, name="keep")
    response = ivs.update_ad_configuration(arn=created["arn"])
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert response["adConfiguration"] == created


@ads
def test_delete_ad_configuration_answers_204_and_forgets_it(ivs):
    arn = _ad(ivs)["arn"]
    response = ivs.delete_ad_configuration(arn=arn)
    assert (response["ResponseMetadata"]["HTTPStatusCode"], body_of(response)) == (204, {})
    assert fails(ivs, "ResourceNotFoundException", lambda: ivs.get_ad_configuration(arn=arn)) == (
        NOT_FOUND.format(arn),
        404,
    )
    assert ivs.list_ad_configurations()["adConfigurations"] == []


@ads
def test_unknown_ad_configuration_arns_are_not_found(ivs):
    expected = (NOT_FOUND.format(MISSING_AD), 404)
    for call in (
        lambda: ivs.get_ad_configuration(arn=MISSING_AD),
        lambda: ivs.update_ad_configuration(arn=MISSING_AD, name="x"),
        lambda: ivs.delete_ad_configuration(arn=MISSING_AD),
    ):
        assert fails(ivs, "ResourceNotFoundException", call) == expected


@ads
def test_ad_configuration_requests_are_validated_by_the_service(ivs, ivs_unvalidated):
    bad_name = lambda: _ad(ivs, name="bad name")  # noqa: E731
    assert fails(ivs, "ValidationException", bad_name) == (
        "1 validation error detected: Value 'bad name' at 'name' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: " + pattern_of("AdConfigurationName"),
        400,
    )
    too_long = lambda: _ad(  # noqa: E731
        ivs, postRollConfiguration={"enabled": True, "durationSeconds": 301}
    )
    assert fails(ivs, "ValidationException", too_long) == (
        "1 validation error detected: Value '301' at 'postRollConfiguration.durationSeconds' "
        "failed to satisfy constraint: Member must have value less than or equal to 300",
        400,
    )
    not_mediatailor = lambda: _ad(  # noqa: E731
        ivs, mediaTailorPlaybackConfigurations=[{"playbackConfigurationArn": "bogus"}]
    )
    assert fails(ivs, "ValidationException", not_mediatailor) == (
        "1 validation error detected: Value 'bogus' at "
        "'mediaTailorPlaybackConfigurations.1.member.playbackConfigurationArn' failed to satisfy "
        "constraint: Member must satisfy regular expression pattern: "
        + pattern_of("MediaTailorPlaybackConfigurationArn"),
        400,
    )
    none = lambda: ivs_unvalidated.create_ad_configuration(  # noqa: E731
        mediaTailorPlaybackConfigurations=[]
    )
    assert fails(ivs_unvalidated, "ValidationException", none) == (
        "1 validation error detected: Value '[]' at 'mediaTailorPlaybackConfigurations' failed "
        "to satisfy constraint: Member must have length greater than or equal to 1",
        400,
    )
    assert ivs.list_ad_configurations()["adConfigurations"] == []


@ads
def test_a_refused_update_changes_nothing(ivs):
    created = _ad(ivs, name="keep")
    refused = lambda: ivs.update_ad_configuration(  # noqa: E731
        arn=created["arn"],
        name="bad name",
        postRollConfiguration={"enabled": True, "durationSeconds": 5},
    )
    assert fails(ivs, "ValidationException", refused) == (
        "1 validation error detected: Value 'bad name' at 'name' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: " + pattern_of("AdConfigurationName"),
        400,
    )
    assert ivs.get_ad_configuration(arn=created["arn"])["adConfiguration"] == created


@ads
def test_list_ad_configurations_default_page_is_100(ivs):
    arns = sorted(_ad(ivs)["arn"] for _ in range(101))
    first = ivs.list_ad_configurations()
    assert len(first["adConfigurations"]) == 100
    rest = ivs.list_ad_configurations(nextToken=first["nextToken"])
    assert "nextToken" not in rest
    listed = [c["arn"] for c in first["adConfigurations"] + rest["adConfigurations"]]
    assert listed == arns


@ads
def test_list_ad_configurations_pages_round_trip(ivs):
    created = [_ad(ivs, name=f"ads-{i}", tags={"i": str(i)}) for i in range(5)]
    created.sort(key=lambda c: c["arn"])
    first = ivs.list_ad_configurations(maxResults=2)
    assert first["adConfigurations"] == created[:2]
    second = ivs.list_ad_configurations(maxResults=2, nextToken=first["nextToken"])
    assert second["adConfigurations"] == created[2:4]
    last = ivs.list_ad_configurations(maxResults=2, nextToken=second["nextToken"])
    assert (last["adConfigurations"], "nextToken" in last) == (created[4:], False)
    pages = ivs.get_paginator("list_ad_configurations").paginate(PaginationConfig={"PageSize": 3})
    assert [c["arn"] for p in pages for c in p["adConfigurations"]] == [c["arn"] for c in created]


@ads
def test_list_ad_configurations_of_none_is_an_empty_list(ivs):
    assert body_of(ivs.list_ad_configurations()) == {"adConfigurations": []}


@ads
def test_list_ad_configurations_refuses_bad_tokens_and_page_sizes(ivs):
    for token in ("garbage", "eyJhIjogMX0="):
        call = lambda token=token: ivs.list_ad_configurations(nextToken=token)  # noqa: E731
        assert fails(ivs, "ValidationException", call) == (INVALID_TOKEN.format(token), 400)
    too_many = lambda: ivs.list_ad_configurations(maxResults=101)  # noqa: E731
    assert fails(ivs, "ValidationException", too_many) == (TOO_MANY_RESULTS, 400)


@ads
def test_ad_configurations_are_scoped_to_region_and_account(kvs_fake, ivs, make_client):
    arn = _ad(ivs)["arn"]
    europe = make_client("ivs", region="eu-west-1")
    assert europe.list_ad_configurations()["adConfigurations"] == []
    assert fails(
        europe, "ResourceNotFoundException", lambda: europe.get_ad_configuration(arn=arn)
    ) == (
        NOT_FOUND.format(arn),
        404,
    )
    with kvs_fake.as_account("111122223333"):
        assert ivs.list_ad_configurations()["adConfigurations"] == []
        other = _ad(ivs)["arn"]
    assert other.startswith("arn:aws:ivs:us-west-2:111122223333:ad-configuration/")
    assert [c["arn"] for c in ivs.list_ad_configurations()["adConfigurations"]] == [arn]


@ads
def test_deleting_an_ad_configuration_a_channel_uses_is_a_conflict(ivs):
    arn = _ad(ivs)["arn"]
    channel = ivs.create_channel(name="live", adConfigurationArn=arn)["channel"]
    assert channel["adConfigurationArn"] == arn
    delete = lambda: ivs.delete_ad_configuration(arn=arn)  # noqa: E731
    assert fails(ivs, "ConflictException", delete) == (
        CONFLICT.format(f"the ad configuration {arn} is used by channel {channel['arn']}."),
        409,
    )
    assert ivs.get_ad_configuration(arn=arn)["adConfiguration"]["arn"] == arn
    ivs.update_channel(arn=channel["arn"], adConfigurationArn="")
    assert delete()["ResponseMetadata"]["HTTPStatusCode"] == 204


@ads
def test_the_ad_configuration_conflict_names_every_channel_that_uses_it(ivs):
    arn = _ad(ivs)["arn"]
    channels = sorted(
        ivs.create_channel(name=name, adConfigurationArn=arn)["channel"]["arn"]
        for name in ("one", "two")
    )
    delete = lambda: ivs.delete_ad_configuration(arn=arn)  # noqa: E731
    assert fails(ivs, "ConflictException", delete) == (
        CONFLICT.format(
            f"the ad configuration {arn} is used by channels {channels[0]}, {channels[1]}."
        ),
        409,
    )


@ads
def test_an_ad_configuration_is_free_again_once_its_channel_is_deleted(ivs):
    arn = _ad(ivs)["arn"]
    channel = ivs.create_channel(adConfigurationArn=arn)["channel"]["arn"]
    ivs.delete_channel(arn=channel)
    assert ivs.delete_ad_configuration(arn=arn)["ResponseMetadata"]["HTTPStatusCode"] == 204


@ads
def test_the_response_is_not_the_stored_object(ivs):
    playback = [{"playbackConfigurationArn": MEDIATAILOR + "main"}]
    tags = {"team": "ads"}
    created = _ad(ivs, mediaTailorPlaybackConfigurations=playback, tags=tags)
    playback[0]["playbackConfigurationArn"] = MEDIATAILOR + "changed"
    tags["team"] = "changed"
    created["tags"]["team"] = "changed too"
    got = ivs.get_ad_configuration(arn=created["arn"])["adConfiguration"]
    assert (got["mediaTailorPlaybackConfigurations"], got["tags"]) == (MAIN, {"team": "ads"})


# -- failover slate configurations -------------------------------------------------------


@slates
def test_a_failover_slate_configuration_gets_the_documented_defaults(ivs):
    response = ivs.create_failover_slate_configuration()
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    created = response["failoverSlateConfiguration"]
    assert SLATE_ARN.fullmatch(created["arn"])
    assert created == {
        "arn": created["arn"],
        "name": "",
        "activationThresholdSeconds": 3,
        "minSlateDisplaySeconds": 3,
        "maxSlateDisplaySeconds": 60,
        "state": "CREATED",
        "tags": {},
    }


@slates
def test_get_failover_slate_configuration_returns_what_create_stored(ivs):
    created = _slate(
        ivs,
        name="be-right-back",
        activationThresholdSeconds=5,
        minSlateDisplaySeconds=10,
        maxSlateDisplaySeconds=180,
        tags={"team": "ops"},
    )
    assert body_of(ivs.get_failover_slate_configuration(arn=created["arn"])) == {
        "failoverSlateConfiguration": {
            "arn": created["arn"],
            "name": "be-right-back",
            "activationThresholdSeconds": 5,
            "minSlateDisplaySeconds": 10,
            "maxSlateDisplaySeconds": 180,
            "state": "CREATED",
            "tags": {"team": "ops"},
        }
    }


@slates
def test_update_failover_slate_configuration_changes_only_the_given_members(ivs):
    created = _slate(ivs, name="brb", tags={"team": "ops"})
    response = ivs.update_failover_slate_configuration(
        arn=created["arn"], activationThresholdSeconds=4
    )
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert response["failoverSlateConfiguration"] == {**created, "activationThresholdSeconds": 4}
    ivs.update_failover_slate_configuration(
        arn=created["arn"], name="", minSlateDisplaySeconds=7, maxSlateDisplaySeconds=120
    )
    got = ivs.get_failover_slate_configuration(arn=created["arn"])["failoverSlateConfiguration"]
    assert got == {
        **created,
        "name": "",
        "activationThresholdSeconds": 4,
        "minSlateDisplaySeconds": 7,
        "maxSlateDisplaySeconds": 120,
    }


@slates
def test_failover_slate_ranges_are_checked_by_the_service(ivs, ivs_unvalidated):
    too_slow = lambda: _slate(ivs, activationThresholdSeconds=6)  # noqa: E731
    assert fails(ivs, "ValidationException", too_slow) == (
        "1 validation error detected: Value '6' at 'activationThresholdSeconds' failed to "
        "satisfy constraint: Member must have value less than or equal to 5",
        400,
    )
    both = lambda: _slate(  # noqa: E731
        ivs_unvalidated, minSlateDisplaySeconds=11, maxSlateDisplaySeconds=59
    )
    assert fails(ivs_unvalidated, "ValidationException", both) == (
        "2 validation errors detected: Value '11' at 'minSlateDisplaySeconds' failed to satisfy "
        "constraint: Member must have value less than or equal to 10; Value '59' at "
        "'maxSlateDisplaySeconds' failed to satisfy constraint: Member must have value greater "
        "than or equal to 60",
        400,
    )
    too_fast = lambda: ivs_unvalidated.create_failover_slate_configuration(  # noqa: E731
        activationThresholdSeconds=2
    )
    assert fails(ivs_unvalidated, "ValidationException", too_fast) == (
        "1 validation error detected: Value '2' at 'activationThresholdSeconds' failed to "
        "satisfy constraint: Member must have value greater than or equal to 3",
        400,
    )
    assert ivs.list_failover_slate_configurations()["failoverSlateConfigurations"] == []
    arn = _slate(ivs)["arn"]
    refused = lambda: ivs.update_failover_slate_configuration(  # noqa: E731
        arn=arn, maxSlateDisplaySeconds=181, name="kept-out"
    )
    assert fails(ivs, "ValidationException", refused) == (
        "1 validation error detected: Value '181' at 'maxSlateDisplaySeconds' failed to satisfy "
        "constraint: Member must have value less than or equal to 180",
        400,
    )
    assert ivs.get_failover_slate_configuration(arn=arn)["failoverSlateConfiguration"]["name"] == ""


@slates
def test_delete_failover_slate_configuration_answers_204_and_forgets_it(ivs):
    arn = _slate(ivs)["arn"]
    response = ivs.delete_failover_slate_configuration(arn=arn)
    assert (response["ResponseMetadata"]["HTTPStatusCode"], body_of(response)) == (204, {})
    get = lambda: ivs.get_failover_slate_configuration(arn=arn)  # noqa: E731
    assert fails(ivs, "ResourceNotFoundException", get) == (NOT_FOUND.format(arn), 404)
    assert ivs.list_failover_slate_configurations()["failoverSlateConfigurations"] == []


@slates
def test_unknown_failover_slate_arns_are_not_found(ivs):
    expected = (NOT_FOUND.format(MISSING_SLATE), 404)
    for call in (
        lambda: ivs.get_failover_slate_configuration(arn=MISSING_SLATE),
        lambda: ivs.update_failover_slate_configuration(arn=MISSING_SLATE, name="x"),
        lambda: ivs.delete_failover_slate_configuration(arn=MISSING_SLATE),
    ):
        assert fails(ivs, "ResourceNotFoundException", call) == expected


@slates
def test_an_ad_configuration_arn_is_not_a_failover_slate(ivs_unvalidated):
    ivs = ivs_unvalidated
    call = lambda: ivs.get_failover_slate_configuration(arn=MISSING_AD)  # noqa: E731
    assert fails(ivs, "ValidationException", call) == (
        f"1 validation error detected: Value '{MISSING_AD}' at 'arn' failed to satisfy "
        "constraint: Member must satisfy regular expression pattern: "
        + pattern_of("FailoverSlateConfigurationArn"),
        400,
    )


@slates
def test_list_failover_slate_configurations_default_page_is_100(ivs):
    arns = sorted(_slate(ivs)["arn"] for _ in range(101))
    first = ivs.list_failover_slate_configurations()
    assert len(first["failoverSlateConfigurations"]) == 100
    rest = ivs.list_failover_slate_configurations(nextToken=first["nextToken"])
    assert "nextToken" not in rest
    pages = first["failoverSlateConfigurations"] + rest["failoverSlateConfigurations"]
    assert [c["arn"] for c in pages] == arns


@slates
def test_list_failover_slate_configurations_pages_round_trip(ivs):
    created = sorted((_slate(ivs, name=f"brb-{i}") for i in range(3)), key=lambda c: c["arn"])
    first = ivs.list_failover_slate_configurations(maxResults=2)
    assert first["failoverSlateConfigurations"] == created[:2]
    rest = ivs.list_failover_slate_configurations(maxResults=2, nextToken=first["nextToken"])
    assert (rest["failoverSlateConfigurations"], "nextToken" in rest) == (created[2:], False)
    assert body_of(ivs.list_failover_slate_configurations(maxResults=3)) == {
        "failoverSlateConfigurations": created
    }


@slates
def test_list_failover_slate_configurations_refuses_bad_tokens_and_page_sizes(ivs):
    call = lambda: ivs.list_failover_slate_configurations(nextToken="garbage")  # noqa: E731
    assert fails(ivs, "ValidationException", call) == (INVALID_TOKEN.format("garbage"), 400)
    too_many = lambda: ivs.list_failover_slate_configurations(maxResults=101)  # noqa: E731
    assert fails(ivs, "ValidationException", too_many) == (TOO_MANY_RESULTS, 400)


@ads
@slates
def test_a_token_of_one_listing_is_refused_by_the_other(ivs):
    for _ in range(2):
        _ad(ivs)
        _slate(ivs)
    ad_token = ivs.list_ad_configurations(maxResults=1)["nextToken"]
    slate_token = ivs.list_failover_slate_configurations(maxResults=1)["nextToken"]
    wrong = lambda: ivs.list_failover_slate_configurations(nextToken=ad_token)  # noqa: E731
    assert fails(ivs, "ValidationException", wrong) == (INVALID_TOKEN.format(ad_token), 400)
    wrong = lambda: ivs.list_ad_configurations(nextToken=slate_token)  # noqa: E731
    assert fails(ivs, "ValidationException", wrong) == (INVALID_TOKEN.format(slate_token), 400)


@slates
def test_failover_slates_are_scoped_to_region_and_account(kvs_fake, ivs, make_client):
    arn = _slate(ivs)["arn"]
    europe = make_client("ivs", region="eu-west-1")
    assert europe.list_failover_slate_configurations()["failoverSlateConfigurations"] == []
    get = lambda: europe.get_failover_slate_configuration(arn=arn)  # noqa: E731
    assert fails(europe, "ResourceNotFoundException", get) == (NOT_FOUND.format(arn), 404)
    with kvs_fake.as_account("111122223333"):
        assert ivs.list_failover_slate_configurations()["failoverSlateConfigurations"] == []


@slates
def test_deleting_a_failover_slate_a_channel_uses_is_a_conflict(ivs):
    arn = _slate(ivs)["arn"]
    channel = ivs.create_channel(name="live", failoverSlateConfigurationArn=arn)["channel"]
    assert channel["failoverSlateConfigurationArn"] == arn
    delete = lambda: ivs.delete_failover_slate_configuration(arn=arn)  # noqa: E731
    assert fails(ivs, "ConflictException", delete) == (
        CONFLICT.format(
            f"the failover slate configuration {arn} is used by channel {channel['arn']}."
        ),
        409,
    )
    ivs.update_channel(arn=channel["arn"], failoverSlateConfigurationArn="")
    assert delete()["ResponseMetadata"]["HTTPStatusCode"] == 204


@slates
def test_the_failover_slate_conflict_names_every_channel_that_uses_it(ivs):
    arn = _slate(ivs)["arn"]
    channels = sorted(
        ivs.create_channel(name=name, failoverSlateConfigurationArn=arn)["channel"]["arn"]
        for name in ("one", "two")
    )
    delete = lambda: ivs.delete_failover_slate_configuration(arn=arn)  # noqa: E731
    assert fails(ivs, "ConflictException", delete) == (
        CONFLICT.format(
            f"the failover slate configuration {arn} is used by channels "
            f"{channels[0]}, {channels[1]}."
        ),
        409,
    )


@slates
def test_a_failover_slate_is_free_again_once_its_channel_is_deleted(ivs):
    arn = _slate(ivs)["arn"]
    channel = ivs.create_channel(failoverSlateConfigurationArn=arn)["channel"]["arn"]
    ivs.delete_channel(arn=channel)
    assert (
        ivs.delete_failover_slate_configuration(arn=arn)["ResponseMetadata"]["HTTPStatusCode"]
        == 204
    )
