"""IVS recording configurations through boto3: the defaults the model documents, CREATING ->
ACTIVE on the fake's clock, the S3 bucket's region (refused outside us-east-1; accepted and then
CREATE_FAILED in us-east-1, the known issue of the 2022-08-31 changelog), the 409 of a
configuration a channel uses, pagination, and isolation by region and account."""

from __future__ import annotations

import re

import pytest
from freezegun import freeze_time
from ivs_support import (
    ACCOUNT,
    CONFLICT,
    INVALID_TOKEN,
    NOT_FOUND,
    OTHER_ACCOUNT,
    RESERVED,
    TOO_MANY_RESULTS,
    body_of,
    fails,
    in_model_order,
    pattern_of,
)

START = "2024-05-01T00:00:00Z"
BUCKET = "demo-recording-bucket"
DESTINATION = {"s3": {"bucketName": BUCKET}}
DELAY = "ivs.recording_configuration.CREATING"

RC_ARN = re.compile(rf"arn:aws:ivs:us-west-2:{ACCOUNT}:recording-configuration/[a-zA-Z0-9]{{12}}")
MISSING = f"arn:aws:ivs:us-west-2:{ACCOUNT}:recording-configuration/abcdABCD1234"
DEFAULT_THUMBNAILS = {
    "recordingMode": "INTERVAL",
    "targetIntervalSeconds": 60,
    "storage": ["SEQUENTIAL"],
}
DEFAULT_RENDITIONS = {"renditionSelection": "ALL", "renditions": []}

# the details this family's errors add to the errors.py wording
IN_USE = "the recording configuration {} is used by {}."
ELSEWHERE = (
    "The S3 bucket {bucket} is in {where}: a recording configuration in {region} needs a bucket "
    "in the same region."
)
CUSTOM_NEEDS_RENDITIONS = (
    "renditionConfiguration.renditions must name at least one rendition when "
    "renditionSelection is CUSTOM."
)


def _create(ivs, **params) -> dict:
    params.setdefault("destinationConfiguration", DESTINATION)
    return ivs.create_recording_configuration(**params)["recordingConfiguration"]


def _get(ivs, arn: str) -> dict:
    return ivs.get_recording_configuration(arn=arn)["recordingConfiguration"]


def _state(ivs, arn: str) -> str:
    return _get(ivs, arn)["state"]


def _summary(configuration: dict) -> dict:
    keys = ("arn", "name", "destinationConfiguration", "state", "tags")
    return {k: configuration[k] for k in keys}


# -- create, defaults, get -----------------------------------------------------------------


def test_create_answers_creating_with_every_documented_default(ivs):
    with freeze_time(START):
        response = ivs.create_recording_configuration(destinationConfiguration=DESTINATION)
        assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
        created = response["recordingConfiguration"]
        assert RC_ARN.fullmatch(created["arn"]), created["arn"]
        assert created == {
            "arn": created["arn"],
            "name": "",
            "destinationConfiguration": DESTINATION,
            "state": "CREATING",
            "recordingReconnectWindowSeconds": 0,
            "tags": {},
            "thumbnailConfiguration": DEFAULT_THUMBNAILS,
            "renditionConfiguration": DEFAULT_RENDITIONS,
        }
        assert _get(ivs, created["arn"]) == created


@pytest.mark.kvs_fake(instant=True)
def test_create_keeps_every_setting_it_is_given(ivs):
    thumbnails = {
        "recordingMode": "INTERVAL",
        "targetIntervalSeconds": 30,
        "resolution": "HD",
        "storage": ["SEQUENTIAL", "LATEST"],
    }
    renditions = {"renditionSelection": "CUSTOM", "renditions": ["HD", "SD"]}
    created = _create(
        ivs,
        name="studio-a_rec",
        tags={"team": "video", "env": "test"},
        recordingReconnectWindowSeconds=300,
        thumbnailConfiguration=thumbnails,
        renditionConfiguration=renditions,
    )
    assert created == {
        "arn": created["arn"],
        "name": "studio-a_rec",
        "destinationConfiguration": DESTINATION,
        "state": "ACTIVE",
        "recordingReconnectWindowSeconds": 300,
        "tags": {"team": "video", "env": "test"},
        "thumbnailConfiguration": thumbnails,
        "renditionConfiguration": renditions,
    }
    assert _get(ivs, created["arn"]) == created


@pytest.mark.kvs_fake(instant=True)
def test_partial_thumbnail_and_rendition_settings_are_completed_with_defaults(ivs):
    disabled = _create(ivs, thumbnailConfiguration={"recordingMode": "DISABLED"})
    assert disabled["thumbnailConfiguration"] == {**DEFAULT_THUMBNAILS, "recordingMode": "DISABLED"}
    every_ten = _create(ivs, thumbnailConfiguration={"targetIntervalSeconds": 10})
    assert every_ten["thumbnailConfiguration"] == {
        **DEFAULT_THUMBNAILS,
        "targetIntervalSeconds": 10,
    }
    latest = _create(ivs, thumbnailConfiguration={"storage": ["LATEST"]})
    assert latest["thumbnailConfiguration"] == {**DEFAULT_THUMBNAILS, "storage": ["LATEST"]}
    none = _create(ivs, renditionConfiguration={"renditionSelection": "NONE"})
    assert none["renditionConfiguration"] == {"renditionSelection": "NONE", "renditions": []}
    assert _get(ivs, none["arn"])["renditionConfiguration"] == none["renditionConfiguration"]


@pytest.mark.kvs_fake(instant=True)
def test_reconnect_window_accepts_zero_to_three_hundred_seconds(ivs, ivs_unvalidated):
    assert _create(ivs, recordingReconnectWindowSeconds=0)["recordingReconnectWindowSeconds"] == 0
    assert _create(ivs, recordingReconnectWindowSeconds=300)["recordingReconnectWindowSeconds"] == (
        300
    )
    too_long = lambda: _create(ivs, recordingReconnectWindowSeconds=301)  # noqa: E731
    assert fails(ivs, "ValidationException", too_long) == (
        "1 validation error detected: Value '301' at 'recordingReconnectWindowSeconds' failed to "
        "satisfy constraint: Member must have value less than or equal to 300",
        400,
    )
    negative = lambda: _create(ivs_unvalidated, recordingReconnectWindowSeconds=-1)  # noqa: E731
    assert fails(ivs_unvalidated, "ValidationException", negative) == (
        "1 validation error detected: Value '-1' at 'recordingReconnectWindowSeconds' failed to "
        "satisfy constraint: Member must have value greater than or equal to 0",
        400,
    )
    assert len(ivs.list_recording_configurations()["recordingConfigurations"]) == 2


@pytest.mark.kvs_fake(instant=True)
def test_custom_rendition_selection_needs_renditions(ivs):
    for renditions in (
        {"renditionSelection": "CUSTOM"},
        {"renditionSelection": "CUSTOM", "renditions": []},
    ):
        call = lambda r=renditions: _create(ivs, renditionConfiguration=r)  # noqa: E731
        assert fails(ivs, "ValidationException", call) == (CUSTOM_NEEDS_RENDITIONS, 400)
    assert ivs.list_recording_configurations()["recordingConfigurations"] == []


@pytest.mark.kvs_fake(instant=True)
def test_a_destination_without_s3_is_refused(ivs):
    call = lambda: ivs.create_recording_configuration(destinationConfiguration={})  # noqa: E731
    assert fails(ivs, "ValidationException", call) == (
        "1 validation error detected: Value null at 'destinationConfiguration.s3' failed to "
        "satisfy constraint: Member must not be null",
        400,
    )


@pytest.mark.kvs_fake(instant=True)
def test_model_constraints_are_checked_by_the_fake_all_in_one_message(ivs):
    call = lambda: ivs.create_recording_configuration(  # noqa: E731
        name="bad name",
        destinationConfiguration={"s3": {"bucketName": "Bad_Bucket"}},
        thumbnailConfiguration={"targetIntervalSeconds": 61, "recordingMode": "SOMETIMES"},
    )
    thumbnails = {
        "recordingMode": "Value 'SOMETIMES' at 'thumbnailConfiguration.recordingMode' failed to "
        "satisfy constraint: Member must satisfy enum value set: [DISABLED, INTERVAL]",
        "targetIntervalSeconds": "Value '61' at 'thumbnailConfiguration.targetIntervalSeconds' "
        "failed to satisfy constraint: Member must have value less than or equal to 60",
    }
    violations = {  # reported in the model's member order (older botocores order them otherwise)
        "name": "Value 'bad name' at 'name' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: "
        f"{pattern_of('RecordingConfigurationName')}",
        "destinationConfiguration": "Value 'Bad_Bucket' at "
        "'destinationConfiguration.s3.bucketName' failed to satisfy constraint: "
        f"Member must satisfy regular expression pattern: {pattern_of('S3DestinationBucketName')}",
        "thumbnailConfiguration": "; ".join(in_model_order("ThumbnailConfiguration", thumbnails)),
    }
    assert fails(ivs, "ValidationException", call) == (
        "4 validation errors detected: "
        + "; ".join(in_model_order("CreateRecordingConfigurationRequest", violations)),
        400,
    )


@pytest.mark.kvs_fake(instant=True)
def test_a_reserved_tag_key_creates_nothing(ivs):
    call = lambda: _create(ivs, tags={"aws:cost": "x", "team": "video"})  # noqa: E731
    assert fails(ivs, "ValidationException", call) == (RESERVED.format(["aws:cost"]), 400)
    assert ivs.list_recording_configurations()["recordingConfigurations"] == []


# -- CREATING -> ACTIVE on the fake's clock ------------------------------------------------


def test_creating_lasts_the_default_five_seconds(kvs_fake, ivs):
    with freeze_time(START):
        arn = _create(ivs)["arn"]
        kvs_fake.advance(4.5)
        assert _state(ivs, arn) == "CREATING"
        listed = ivs.list_recording_configurations()["recordingConfigurations"]
        assert [c["state"] for c in listed] == ["CREATING"]
        kvs_fake.advance(0.5)
        assert _state(ivs, arn) == "ACTIVE"
        listed = ivs.list_recording_configurations()["recordingConfigurations"]
        assert [c["state"] for c in listed] == ["ACTIVE"]


def test_the_frozen_clock_moving_walks_creating_to_active(ivs):
    with freeze_time(START) as frozen:
        arn = _create(ivs)["arn"]
        frozen.tick(4)
        assert _state(ivs, arn) == "CREATING"
        frozen.tick(1)
        assert _state(ivs, arn) == "ACTIVE"


def test_settle_completes_creating_at_once(kvs_fake, ivs):
    with freeze_time(START):
        first, second = _create(ivs)["arn"], _create(ivs)["arn"]
        kvs_fake.settle()
        assert (_state(ivs, first), _state(ivs, second)) == ("ACTIVE", "ACTIVE")
        third = _create(ivs)
        assert third["state"] == "CREATING"


@pytest.mark.kvs_fake(delays={DELAY: 30})
def test_a_configured_delay_holds_creating_longer(kvs_fake, ivs):
    with freeze_time(START):
        arn = _create(ivs)["arn"]
        kvs_fake.advance(29)
        assert _state(ivs, arn) == "CREATING"
        kvs_fake.advance(1)
        assert _state(ivs, arn) == "ACTIVE"


@pytest.mark.kvs_fake(instant=True)
def test_an_instant_fake_creates_active_configurations(ivs):
    created = _create(ivs)
    assert created["state"] == "ACTIVE"
    assert _state(ivs, created["arn"]) == "ACTIVE"


# -- the S3 bucket's region ---------------------------------------------------------------


@pytest.mark.kvs_fake(instant=True)
def test_a_bucket_in_another_region_is_refused(kvs_fake, ivs):
    kvs_fake.set_bucket_region(BUCKET, "eu-west-1")
    call = lambda: _create(ivs)  # noqa: E731
    message = ELSEWHERE.format(bucket=BUCKET, where="eu-west-1", region="us-west-2")
    assert fails(ivs, "ValidationException", call) == (message, 400)
    assert ivs.list_recording_configurations()["recordingConfigurations"] == []


@pytest.mark.kvs_fake(instant=True)
def test_a_bucket_is_in_the_configurations_region_unless_told_otherwise(kvs_fake, ivs, make_client):
    # An unknown bucket is wherever the configuration is: every region accepts it.
    assert _create(ivs)["state"] == "ACTIVE"
    europe = make_client("ivs", region="eu-west-1")
    assert _create(europe)["state"] == "ACTIVE"
    # A bucket placed in a region is accepted there.
    kvs_fake.set_bucket_region("eu-recordings", "eu-west-1")
    placed = _create(europe, destinationConfiguration={"s3": {"bucketName": "eu-recordings"}})
    assert placed["state"] == "ACTIVE"
    assert placed["arn"].startswith(f"arn:aws:ivs:eu-west-1:{ACCOUNT}:recording-configuration/")
    # And the same bucket is refused by a configuration of another region.
    call = lambda: _create(ivs, destinationConfiguration={"s3": {"bucketName": "eu-recordings"}})  # noqa: E731
    message = ELSEWHERE.format(bucket="eu-recordings", where="eu-west-1", region="us-west-2")
    assert fails(ivs, "ValidationException", call) == (message, 400)


def test_us_east_1_accepts_a_foreign_bucket_then_fails_the_configuration(kvs_fake, make_client):
    east = make_client("ivs", region="us-east-1")
    kvs_fake.set_bucket_region(BUCKET, "us-west-2")
    with freeze_time(START):
        created = _create(east)
        assert created["state"] == "CREATING"
        kvs_fake.advance(4.5)
        assert _state(east, created["arn"]) == "CREATING"
        kvs_fake.advance(0.5)
        assert _state(east, created["arn"]) == "CREATE_FAILED"
        # Terminal: no time and no settling makes it ACTIVE.
        kvs_fake.advance(3600)
        kvs_fake.settle()
        assert _state(east, created["arn"]) == "CREATE_FAILED"
        listed = east.list_recording_configurations()["recordingConfigurations"]
        assert [(c["arn"], c["state"]) for c in listed] == [(created["arn"], "CREATE_FAILED")]
        # The workaround: delete it and create one with a bucket of the region.
        deleted = east.delete_recording_configuration(arn=created["arn"])
        assert deleted["ResponseMetadata"]["HTTPStatusCode"] == 204
        kvs_fake.set_bucket_region("east-recordings", "us-east-1")
        again = _create(east, destinationConfiguration={"s3": {"bucketName": "east-recordings"}})
        kvs_fake.settle()
        assert _state(east, again["arn"]) == "ACTIVE"


@pytest.mark.kvs_fake(instant=True)
def test_us_east_1_fails_a_foreign_bucket_at_once_when_instant(kvs_fake, make_client):
    east = make_client("ivs", region="us-east-1")
    kvs_fake.set_bucket_region(BUCKET, "eu-central-1")
    created = _create(east)
    assert created["state"] == "CREATE_FAILED"
    assert _state(east, created["arn"]) == "CREATE_FAILED"


def test_set_bucket_region_refuses_what_is_not_a_bucket_or_a_region(kvs_fake):
    with pytest.raises(ValueError, match=r"^set_bucket_region: ") as caught:
        kvs_fake.set_bucket_region("eu-west-1", "my-bucket")  # arguments swapped
    assert str(caught.value) == (
        "set_bucket_region: 'my-bucket' is not an AWS region name (like 'eu-west-1')"
    )
    with pytest.raises(ValueError, match=r"^set_bucket_region: ") as caught:
        kvs_fake.set_bucket_region("My_Bucket", "eu-west-1")
    assert str(caught.value) == (
        "set_bucket_region: 'My_Bucket' is not an S3 bucket name "
        "(3 to 63 characters of a-z, 0-9, '.' and '-')"
    )


# -- get, delete, unknown ARNs ------------------------------------------------------------


@pytest.mark.kvs_fake(instant=True)
def test_delete_answers_204_and_the_configuration_is_gone(ivs):
    arn = _create(ivs)["arn"]
    response = ivs.delete_recording_configuration(arn=arn)
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert body_of(response) == {}
    gone = lambda: ivs.get_recording_configuration(arn=arn)  # noqa: E731
    assert fails(ivs, "ResourceNotFoundException", gone) == (NOT_FOUND.format(arn), 404)
    again = lambda: ivs.delete_recording_configuration(arn=arn)  # noqa: E731
    assert fails(ivs, "ResourceNotFoundException", again) == (NOT_FOUND.format(arn), 404)
    assert ivs.list_recording_configurations()["recordingConfigurations"] == []


def test_a_configuration_can_be_deleted_while_creating(ivs):
    with freeze_time(START):
        arn = _create(ivs)["arn"]
        response = ivs.delete_recording_configuration(arn=arn)
        assert response["ResponseMetadata"]["HTTPStatusCode"] == 204
        gone = lambda: ivs.get_recording_configuration(arn=arn)  # noqa: E731
        assert fails(ivs, "ResourceNotFoundException", gone) == (NOT_FOUND.format(arn), 404)


@pytest.mark.kvs_fake(instant=True)
def test_unknown_configurations_are_not_found(ivs):
    get = lambda: ivs.get_recording_configuration(arn=MISSING)  # noqa: E731
    assert fails(ivs, "ResourceNotFoundException", get) == (NOT_FOUND.format(MISSING), 404)
    delete = lambda: ivs.delete_recording_configuration(arn=MISSING)  # noqa: E731
    assert fails(ivs, "ResourceNotFoundException", delete) == (NOT_FOUND.format(MISSING), 404)


@pytest.mark.kvs_fake(instant=True)
def test_the_arn_of_another_resource_type_is_a_validation_error(ivs):
    channel = f"arn:aws:ivs:us-west-2:{ACCOUNT}:channel/abcdABCD1234"
    call = lambda: ivs.get_recording_configuration(arn=channel)  # noqa: E731
    assert fails(ivs, "ValidationException", call) == (
        f"1 validation error detected: Value '{channel}' at 'arn' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: "
        + pattern_of("RecordingConfigurationArn"),
        400,
    )


# -- in use by channels -------------------------------------------------------------------


@pytest.mark.kvs_fake(instant=True)
def test_a_configuration_a_channel_uses_cannot_be_deleted(ivs):
    arn = _create(ivs)["arn"]
    channel = ivs.create_channel(recordingConfigurationArn=arn)["channel"]["arn"]
    call = lambda: ivs.delete_recording_configuration(arn=arn)  # noqa: E731
    detail = IN_USE.format(arn, f"channel {channel}")
    assert fails(ivs, "ConflictException", call) == (CONFLICT.format(detail), 409)
    assert _get(ivs, arn)["state"] == "ACTIVE"
    # The documented way out: detach it from every channel first.
    ivs.update_channel(arn=channel, recordingConfigurationArn="")
    response = ivs.delete_recording_configuration(arn=arn)
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 204


@pytest.mark.kvs_fake(instant=True)
def test_the_conflict_names_every_channel_that_uses_the_configuration(ivs):
    arn = _create(ivs)["arn"]
    channels = sorted(
        ivs.create_channel(name=name, recordingConfigurationArn=arn)["channel"]["arn"]
        for name in ("one", "two")
    )
    ivs.create_channel(name="unrelated")
    call = lambda: ivs.delete_recording_configuration(arn=arn)  # noqa: E731
    detail = IN_USE.format(arn, f"channels {channels[0]}, {channels[1]}")
    assert fails(ivs, "ConflictException", call) == (CONFLICT.format(detail), 409)
    ivs.delete_channel(arn=channels[0])
    detail = IN_USE.format(arn, f"channel {channels[1]}")
    assert fails(ivs, "ConflictException", call) == (CONFLICT.format(detail), 409)
    ivs.delete_channel(arn=channels[1])
    assert ivs.delete_recording_configuration(arn=arn)["ResponseMetadata"]["HTTPStatusCode"] == 204


# -- listing -------------------------------------------------------------------------------


@pytest.mark.kvs_fake(instant=True)
def test_list_of_none_is_an_empty_list(ivs):
    assert body_of(ivs.list_recording_configurations()) == {"recordingConfigurations": []}


@pytest.mark.kvs_fake(instant=True)
def test_list_shows_summaries_in_pages(ivs):
    created = [_create(ivs, name=f"rec-{i}", tags={"i": str(i)}) for i in range(5)]
    created.sort(key=lambda c: c["arn"])
    summaries = [_summary(c) for c in created]
    first = ivs.list_recording_configurations(maxResults=2)
    assert first["recordingConfigurations"] == summaries[:2]
    second = ivs.list_recording_configurations(maxResults=2, nextToken=first["nextToken"])
    assert second["recordingConfigurations"] == summaries[2:4]
    last = ivs.list_recording_configurations(maxResults=2, nextToken=second["nextToken"])
    assert (last["recordingConfigurations"], "nextToken" in last) == (summaries[4:], False)
    paginator = ivs.get_paginator("list_recording_configurations")
    pages = list(paginator.paginate(PaginationConfig={"PageSize": 3}))
    assert [len(p["recordingConfigurations"]) for p in pages] == [3, 2]
    assert [c for p in pages for c in p["recordingConfigurations"]] == summaries


@pytest.mark.kvs_fake(instant=True)
def test_list_default_page_is_100(ivs):
    arns = sorted(_create(ivs)["arn"] for _ in range(101))
    first = ivs.list_recording_configurations()
    assert len(first["recordingConfigurations"]) == 100
    rest = ivs.list_recording_configurations(nextToken=first["nextToken"])
    assert "nextToken" not in rest
    listed = [c["arn"] for c in first["recordingConfigurations"] + rest["recordingConfigurations"]]
    assert listed == arns


@pytest.mark.kvs_fake(instant=True)
def test_list_skips_configurations_deleted_between_pages(ivs):
    arns = sorted(_create(ivs)["arn"] for _ in range(3))
    first = ivs.list_recording_configurations(maxResults=1)
    ivs.delete_recording_configuration(arn=arns[1])
    rest = ivs.list_recording_configurations(nextToken=first["nextToken"])
    assert [c["arn"] for c in rest["recordingConfigurations"]] == [arns[2]]


@pytest.mark.kvs_fake(instant=True)
def test_list_refuses_bad_tokens_and_page_sizes(ivs):
    for _ in range(2):
        _create(ivs)
    token = ivs.list_recording_configurations(maxResults=1)["nextToken"]
    for bad in ("garbage", "eyJhIjogMX0=", token[:-4]):
        call = lambda bad=bad: ivs.list_recording_configurations(nextToken=bad)  # noqa: E731
        assert fails(ivs, "ValidationException", call) == (INVALID_TOKEN.format(bad), 400)
    too_many = lambda: ivs.list_recording_configurations(maxResults=101)  # noqa: E731
    assert fails(ivs, "ValidationException", too_many) == (TOO_MANY_RESULTS, 400)


# -- isolation ----------------------------------------------------------------------------


@pytest.mark.kvs_fake(instant=True)
def test_configurations_belong_to_one_region_and_account(kvs_fake, ivs, make_client):
    arn = _create(ivs)["arn"]
    europe = make_client("ivs", region="eu-west-1")
    assert europe.list_recording_configurations()["recordingConfigurations"] == []
    call = lambda: europe.get_recording_configuration(arn=arn)  # noqa: E731
    assert fails(europe, "ResourceNotFoundException", call) == (NOT_FOUND.format(arn), 404)
    with kvs_fake.as_account(OTHER_ACCOUNT):
        assert ivs.list_recording_configurations()["recordingConfigurations"] == []
        call = lambda: ivs.delete_recording_configuration(arn=arn)  # noqa: E731
        assert fails(ivs, "ResourceNotFoundException", call) == (NOT_FOUND.format(arn), 404)
        theirs = _create(ivs)["arn"]
        assert theirs.startswith(f"arn:aws:ivs:us-west-2:{OTHER_ACCOUNT}:recording-configuration/")
    assert [c["arn"] for c in ivs.list_recording_configurations()["recordingConfigurations"]] == [
        arn
    ]
