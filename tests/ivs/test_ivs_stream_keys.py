"""IVS stream keys through boto3: the one key of each channel (CreateChannel makes it),
CreateStreamKey, GetStreamKey, BatchGetStreamKey, ListStreamKeys and DeleteStreamKey,
rotation, formats and isolation between accounts and regions."""

from __future__ import annotations

import re

import pytest
from ivs_support import (
    ACCOUNT,
    INVALID_TOKEN,
    MODEL,
    NOT_FOUND,
    OTHER_ACCOUNT,
    REGION,
    body_of,
    error,
    invalid,
    not_found,
    pattern_of,
)

pytestmark = pytest.mark.kvs_fake(instant=True)

SUMMARY_MEMBERS = set(MODEL.shape_for("StreamKeySummary").members)
KEY_ARN = rf"arn:aws:ivs:{REGION}:{ACCOUNT}:stream-key/[a-zA-Z0-9]{{12}}"
KEY_VALUE = rf"sk_{REGION}_[a-zA-Z0-9]{{12}}_[a-zA-Z0-9]{{30}}"
MISSING_CHANNEL = f"arn:aws:ivs:{REGION}:{ACCOUNT}:channel/abcdABCDefgh"
MISSING_KEY = f"arn:aws:ivs:{REGION}:{ACCOUNT}:stream-key/g1H2I3j4k5L6"


def _channel(ivs, **kwargs) -> tuple[str, dict]:
    created = ivs.create_channel(**kwargs)
    return created["channel"]["arn"], created["streamKey"]


def _summary(key: dict) -> dict:
    return {k: v for k, v in key.items() if k in SUMMARY_MEMBERS}


# -- the key CreateChannel makes -------------------------------------------------------------


def test_get_shows_the_key_create_channel_returned(ivs):
    channel, key = _channel(ivs)
    answer = ivs.get_stream_key(arn=key["arn"])
    assert body_of(answer) == {"streamKey": key}
    assert re.fullmatch(KEY_ARN, key["arn"])
    assert re.fullmatch(KEY_VALUE, key["value"])
    assert (key["channelArn"], key["tags"]) == (channel, {})


def test_the_channel_tags_stay_on_the_channel(ivs):
    _, key = _channel(ivs, tags={"team": "video"})
    assert ivs.get_stream_key(arn=key["arn"])["streamKey"]["tags"] == {}


def test_a_second_key_is_over_the_quota_of_one_per_channel(ivs):
    channel, key = _channel(ivs)
    with pytest.raises(ivs.exceptions.ServiceQuotaExceededException) as caught:
        ivs.create_stream_key(channelArn=channel)
    response = caught.value.response
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 402
    assert response["exceptionMessage"] == (
        "Request would cause a service quota to be exceeded: "
        f"the channel {channel} already has a stream key; a channel can have 1."
    )
    assert [k["arn"] for k in ivs.list_stream_keys(channelArn=channel)["streamKeys"]] == [
        key["arn"]
    ]


# -- rotation --------------------------------------------------------------------------------


def test_delete_then_create_rotates_the_key(ivs):
    channel, old = _channel(ivs)
    deleted = ivs.delete_stream_key(arn=old["arn"])
    assert deleted["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert body_of(deleted) == {}
    assert ivs.list_stream_keys(channelArn=channel)["streamKeys"] == []
    assert error(lambda: ivs.get_stream_key(arn=old["arn"])) == not_found(old["arn"])
    created = ivs.create_stream_key(channelArn=channel, tags={"rotated": "yes"})
    new = created["streamKey"]
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert re.fullmatch(KEY_ARN, new["arn"])
    assert re.fullmatch(KEY_VALUE, new["value"])
    assert (new["arn"] == old["arn"], new["value"] == old["value"]) == (False, False)
    assert new == {
        "arn": new["arn"],
        "value": new["value"],
        "channelArn": channel,
        "tags": {"rotated": "yes"},
    }
    assert ivs.get_stream_key(arn=new["arn"])["streamKey"] == new


def test_a_created_key_without_tags_has_empty_tags(ivs):
    channel, old = _channel(ivs)
    ivs.delete_stream_key(arn=old["arn"])
    assert ivs.create_stream_key(channelArn=channel)["streamKey"]["tags"] == {}


def test_deleting_a_key_twice_or_an_unknown_key_is_not_found(ivs):
    _, key = _channel(ivs)
    ivs.delete_stream_key(arn=key["arn"])
    assert error(lambda: ivs.delete_stream_key(arn=key["arn"])) == not_found(key["arn"])
    assert error(lambda: ivs.delete_stream_key(arn=MISSING_KEY)) == not_found(MISSING_KEY)


def test_a_key_can_be_deleted_while_its_channel_is_live(kvs_fake, ivs):
    channel, key = _channel(ivs)
    kvs_fake.start_broadcast(channel)
    assert ivs.delete_stream_key(arn=key["arn"])["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert ivs.list_stream_keys(channelArn=channel)["streamKeys"] == []


# -- CreateStreamKey and GetStreamKey errors -------------------------------------------------


def test_a_key_for_an_unknown_or_foreign_channel_is_not_found(ivs, make_client):
    assert error(lambda: ivs.create_stream_key(channelArn=MISSING_CHANNEL)) == not_found(
        MISSING_CHANNEL
    )
    channel, key = _channel(ivs)
    ivs.delete_stream_key(arn=key["arn"])
    elsewhere = make_client("ivs", region="eu-west-1")
    assert error(lambda: elsewhere.create_stream_key(channelArn=channel)) == not_found(channel)
    assert ivs.list_stream_keys(channelArn=channel)["streamKeys"] == []


def test_unknown_and_foreign_keys_are_not_found(kvs_fake, ivs, make_client):
    _, key = _channel(ivs)
    assert error(lambda: ivs.get_stream_key(arn=MISSING_KEY)) == not_found(MISSING_KEY)
    other_account = key["arn"].replace(ACCOUNT, OTHER_ACCOUNT)
    assert error(lambda: ivs.get_stream_key(arn=other_account)) == not_found(other_account)
    elsewhere = make_client("ivs", region="eu-west-1")
    assert error(lambda: elsewhere.get_stream_key(arn=key["arn"])) == not_found(key["arn"])
    with kvs_fake.as_account(OTHER_ACCOUNT):
        assert error(lambda: ivs.get_stream_key(arn=key["arn"])) == not_found(key["arn"])


def test_a_channel_arn_is_not_a_stream_key_arn(ivs):
    channel, _ = _channel(ivs)
    assert error(lambda: ivs.get_stream_key(arn=channel)) == invalid(
        f"1 validation error detected: Value '{channel}' at 'arn' failed to satisfy constraint: "
        f"Member must satisfy regular expression pattern: {pattern_of('StreamKeyArn')}"
    )


def test_stream_key_tags_are_checked_by_the_service(ivs_unvalidated):
    channel, key = _channel(ivs_unvalidated)
    ivs_unvalidated.delete_stream_key(arn=key["arn"])
    too_many = {f"k{i}": "" for i in range(51)}
    call = lambda: ivs_unvalidated.create_stream_key(channelArn=channel, tags=too_many)  # noqa: E731
    assert error(call) == invalid(
        "1 validation error detected: Value '{"
        + ", ".join(f"k{i}=" for i in range(51))
        + "}' at 'tags' failed to satisfy constraint: "
        "Member must have length less than or equal to 50"
    )
    assert ivs_unvalidated.list_stream_keys(channelArn=channel)["streamKeys"] == []


# -- BatchGetStreamKey -----------------------------------------------------------------------


def test_batch_get_returns_the_found_keys_with_values_and_reports_the_others(ivs):
    _, first = _channel(ivs)
    _, second = _channel(ivs)
    answer = ivs.batch_get_stream_key(arns=[second["arn"], MISSING_KEY, first["arn"]])
    assert answer["streamKeys"] == [second, first]
    assert answer["errors"] == [
        {
            "arn": MISSING_KEY,
            "code": "ResourceNotFoundException",
            "message": NOT_FOUND.format(MISSING_KEY),
        }
    ]
    assert answer["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_batch_get_with_every_key_found_reports_no_errors_and_repeats_none(ivs):
    _, key = _channel(ivs)
    answer = ivs.batch_get_stream_key(arns=[key["arn"], key["arn"]])
    assert (answer["streamKeys"], answer["errors"]) == ([key], [])


def test_batch_get_does_not_see_deleted_or_foreign_keys(ivs, make_client):
    _, deleted = _channel(ivs)
    _, kept = _channel(ivs)
    ivs.delete_stream_key(arn=deleted["arn"])
    answer = ivs.batch_get_stream_key(arns=[deleted["arn"], kept["arn"]])
    assert answer["streamKeys"] == [kept]
    assert [e["arn"] for e in answer["errors"]] == [deleted["arn"]]
    elsewhere = make_client("ivs", region="eu-west-1").batch_get_stream_key(arns=[kept["arn"]])
    assert elsewhere["streamKeys"] == []
    assert [(e["arn"], e["code"]) for e in elsewhere["errors"]] == [
        (kept["arn"], "ResourceNotFoundException")
    ]


@pytest.mark.skipif(
    "ValidationException"
    not in {e.name for e in MODEL.operation_model("BatchGetStreamKey").error_shapes},
    reason="ivs BatchGetStreamKey lists no ValidationException",
)
def test_batch_get_takes_at_most_fifty_arns(ivs_unvalidated):
    arns = [f"arn:aws:ivs:{REGION}:{ACCOUNT}:stream-key/k{i:011d}" for i in range(51)]
    assert error(lambda: ivs_unvalidated.batch_get_stream_key(arns=arns)) == invalid(
        f"1 validation error detected: Value '[{', '.join(arns)}]' at 'arns' failed to satisfy "
        "constraint: Member must have length less than or equal to 50"
    )


# -- ListStreamKeys --------------------------------------------------------------------------


def test_list_shows_the_key_summary_without_its_value(ivs):
    channel, key = _channel(ivs)
    answer = ivs.list_stream_keys(channelArn=channel)
    assert body_of(answer) == {"streamKeys": [_summary(key)]}
    assert set(answer["streamKeys"][0]) == {"arn", "channelArn", "tags"} & SUMMARY_MEMBERS
    assert "value" not in answer["streamKeys"][0]


def test_list_shows_only_the_key_of_the_channel_named(ivs):
    first, first_key = _channel(ivs)
    second, second_key = _channel(ivs)
    assert ivs.list_stream_keys(channelArn=first)["streamKeys"] == [_summary(first_key)]
    assert ivs.list_stream_keys(channelArn=second)["streamKeys"] == [_summary(second_key)]


def test_a_default_page_of_one_holds_the_key_and_no_token(ivs):
    channel, key = _channel(ivs)
    for answer in (
        ivs.list_stream_keys(channelArn=channel),
        ivs.list_stream_keys(channelArn=channel, maxResults=1),
        ivs.list_stream_keys(channelArn=channel, maxResults=50),
    ):
        assert body_of(answer) == {"streamKeys": [_summary(key)]}


def test_the_paginator_returns_the_key_once(ivs):
    channel, key = _channel(ivs)
    pages = ivs.get_paginator("list_stream_keys").paginate(channelArn=channel)
    assert [k for page in pages for k in page["streamKeys"]] == [_summary(key)]


def test_a_page_holds_at_most_fifty_keys(ivs_unvalidated):
    channel, _ = _channel(ivs_unvalidated)
    call = lambda: ivs_unvalidated.list_stream_keys(channelArn=channel, maxResults=51)  # noqa: E731
    assert error(call) == invalid(
        "1 validation error detected: Value '51' at 'maxResults' failed to satisfy constraint: "
        "Member must have value less than or equal to 50"
    )


def test_a_token_it_did_not_mint_is_refused(ivs):
    channel, _ = _channel(ivs)
    call = lambda: ivs.list_stream_keys(channelArn=channel, nextToken="garbage")  # noqa: E731
    assert error(call) == invalid(INVALID_TOKEN.format("garbage"))


def test_listing_the_keys_of_an_unknown_or_foreign_channel_is_not_found(kvs_fake, ivs, make_client):
    channel, _ = _channel(ivs)
    assert error(lambda: ivs.list_stream_keys(channelArn=MISSING_CHANNEL)) == not_found(
        MISSING_CHANNEL
    )
    elsewhere = make_client("ivs", region="eu-west-1")
    assert error(lambda: elsewhere.list_stream_keys(channelArn=channel)) == not_found(channel)
    with kvs_fake.as_account(OTHER_ACCOUNT):
        assert error(lambda: ivs.list_stream_keys(channelArn=channel)) == not_found(channel)


def test_a_deleted_channel_takes_its_key_with_it(ivs):
    channel, key = _channel(ivs)
    ivs.delete_channel(arn=channel)
    assert error(lambda: ivs.get_stream_key(arn=key["arn"])) == not_found(key["arn"])
    assert error(lambda: ivs.delete_stream_key(arn=key["arn"])) == not_found(key["arn"])
    assert error(lambda: ivs.list_stream_keys(channelArn=channel)) == not_found(channel)
    assert error(lambda: ivs.create_stream_key(channelArn=channel)) == not_found(channel)
