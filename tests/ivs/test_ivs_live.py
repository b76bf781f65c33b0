"""IVS live streams through boto3: the simulated broadcaster (``kvs_fake.start_broadcast`` /
``stop_broadcast``), GetStream, ListStreams, StopStream, PutMetadata and InsertAdBreak."""

from __future__ import annotations

import re
import time
from datetime import datetime, timedelta, timezone

import pytest
from freezegun import freeze_time
from ivs_support import (
    NOWHERE,
    STREAM_ID,
    TOO_MANY_RESULTS,
    client_error,
    create_channel,
    create_channel_arn,
    not_found,
)

pytestmark = pytest.mark.kvs_fake(instant=True)

START = "2024-05-01T12:00:00Z"
T0 = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
PLAYBACK_CONFIGURATION = "arn:aws:mediatailor:us-west-2:123456789012:playbackConfiguration/ads"
AD_OPERATIONS = ("ivs", "InsertAdBreak", "CreateAdConfiguration")


def _live(kvs_fake, ivs, **kwargs) -> str:
    arn = create_channel_arn(ivs)
    kvs_fake.start_broadcast(arn, **kwargs)
    return arn


def _refused(call) -> str:
    """What a control of the fake says when it refuses (a ValueError)."""
    with pytest.raises(ValueError, match=r"^(start|stop)_broadcast: ") as caught:
        call()
    return str(caught.value)


def _offline(arn: str) -> tuple[str, str, int]:
    return (
        "ChannelNotBroadcasting",
        f"The stream is offline for the given channel ARN: {arn}.",
        404,
    )


def _per_channel_throttle(arn: str) -> tuple[str, str, int]:
    return (
        "ThrottlingException",
        "Request was denied due to request throttling: "
        f"more than 5 PutMetadata requests per second on channel {arn}.",
        429,
    )


# -- the simulated broadcaster ----------------------------------------------------------------


def test_a_channel_is_offline_until_an_encoder_connects(ivs):
    arn = create_channel_arn(ivs)
    assert client_error(lambda: ivs.get_stream(channelArn=arn)) == _offline(arn)
    assert ivs.list_streams()["streams"] == []


def test_start_broadcast_makes_the_channel_live_with_the_channels_playback_url(kvs_fake, ivs):
    with freeze_time(START):
        channel = create_channel(ivs)
        stream_id = kvs_fake.start_broadcast(channel["arn"])
        stream = ivs.get_stream(channelArn=channel["arn"])["stream"]
    assert re.fullmatch(STREAM_ID, stream_id)
    assert stream == {
        "channelArn": channel["arn"],
        "streamId": stream_id,
        "playbackUrl": channel["playbackUrl"],
        "startTime": T0,
        "state": "LIVE",
        "health": "HEALTHY",
        "viewerCount": 0,
    }


def test_broadcast_health_and_viewer_count_are_what_the_broadcaster_says(kvs_fake, ivs):
    arn = _live(kvs_fake, ivs, health="STARVING", viewer_count=42)
    stream = ivs.get_stream(channelArn=arn)["stream"]
    assert (stream["health"], stream["viewerCount"]) == ("STARVING", 42)
    other = _live(kvs_fake, ivs, health="UNKNOWN", viewer_count=-1)  # -1: the count timed out
    stream = ivs.get_stream(channelArn=other)["stream"]
    assert (stream["health"], stream["viewerCount"]) == ("UNKNOWN", -1)


def test_every_broadcast_gets_a_new_stream_id(kvs_fake, ivs):
    arn = create_channel_arn(ivs)
    first = kvs_fake.start_broadcast(arn)
    kvs_fake.stop_broadcast(arn)
    second = kvs_fake.start_broadcast(arn)
    assert re.fullmatch(STREAM_ID, second)
    assert second != first
    assert ivs.get_stream(channelArn=arn)["stream"]["streamId"] == second


def test_start_broadcast_refuses_an_unknown_channel(kvs_fake, ivs):
    key = ivs.create_channel()["streamKey"]["arn"]
    for arn in (NOWHERE, "not-an-arn", key):
        assert _refused(lambda a=arn: kvs_fake.start_broadcast(a)) == (
            f"start_broadcast: there is no IVS channel {arn}."
        )


def test_start_broadcast_refuses_a_channel_without_stream_key(kvs_fake, ivs):
    created = ivs.create_channel()
    arn = created["channel"]["arn"]
    ivs.delete_stream_key(arn=created["streamKey"]["arn"])
    assert _refused(lambda: kvs_fake.start_broadcast(arn)) == (
        f"start_broadcast: channel {arn} has no stream key to connect with "
        "(CreateStreamKey makes one)."
    )
    ivs.create_stream_key(channelArn=arn)
    assert re.fullmatch(STREAM_ID, kvs_fake.start_broadcast(arn))


def test_start_broadcast_refuses_a_channel_that_is_already_live(kvs_fake, ivs):
    arn = create_channel_arn(ivs)
    stream_id = kvs_fake.start_broadcast(arn)
    assert _refused(lambda: kvs_fake.start_broadcast(arn)) == (
        f"start_broadcast: channel {arn} is already live (stream {stream_id}); "
        "stop_broadcast() it first."
    )


def test_start_broadcast_refuses_an_unknown_health_or_a_negative_viewer_count(kvs_fake, ivs):
    arn = create_channel_arn(ivs)
    assert _refused(lambda: kvs_fake.start_broadcast(arn, health="GOOD")) == (
        "start_broadcast: health must be one of HEALTHY, STARVING, UNKNOWN; got 'GOOD'."
    )
    for count in (-2, True, "5"):
        assert _refused(lambda c=count: kvs_fake.start_broadcast(arn, viewer_count=c)) == (
            f"start_broadcast: viewer_count must be an integer, -1 (timed out) or more; "
            f"got {count!r}."
        )
    assert client_error(lambda: ivs.get_stream(channelArn=arn)) == _offline(arn)


def test_start_broadcast_refuses_an_ingest_the_model_does_not_describe(kvs_fake, ivs):
    arn = create_channel_arn(ivs)
    for ingest, refusal in (
        (
            {"video": {"codec": "avc1"}, "subtitles": {}},
            "ingest has no member 'subtitles' (IngestConfiguration has audio, video).",
        ),
        (
            {"audio": {"codec": "mp4a", "bitrate": 1}},
            "ingest['audio'] has no member 'bitrate' (AudioConfiguration has channels, codec, ",
        ),
        ({"video": "h264"}, "ingest['video'] must be a dict shaped like VideoConfiguration."),
        ("h264", "ingest must be a dict shaped like IngestConfiguration."),
    ):
        refused = _refused(lambda i=ingest: kvs_fake.start_broadcast(arn, ingest=i))
        assert refused.startswith(f"start_broadcast: {refusal}")
    assert client_error(lambda: ivs.get_stream(channelArn=arn)) == _offline(arn)


def test_stop_broadcast_takes_the_channel_offline(kvs_fake, ivs):
    arn = _live(kvs_fake, ivs)
    kvs_fake.stop_broadcast(arn)
    assert client_error(lambda: ivs.get_stream(channelArn=arn)) == _offline(arn)
    assert ivs.list_streams()["streams"] == []
    assert (
        _refused(lambda: kvs_fake.stop_broadcast(arn))
        == f"stop_broadcast: channel {arn} is not live."
    )


def test_stop_broadcast_refuses_an_unknown_channel(kvs_fake):
    assert (
        _refused(lambda: kvs_fake.stop_broadcast(NOWHERE))
        == f"stop_broadcast: there is no IVS channel {NOWHERE}."
    )


@pytest.mark.kvs_fake(seed=7)
def test_seeded_fakes_repeat_their_stream_ids(kvs_fake, ivs):
    minted = []
    for _ in range(2):
        kvs_fake.reset()  # the same seed again
        arn = create_channel_arn(ivs)
        minted.append((arn, kvs_fake.start_broadcast(arn)))
    assert minted[0] == minted[1]


# -- GetStream, StopStream: identification and isolation --------------------------------------


def test_unknown_channels_are_not_found_by_every_stream_operation(ivs):
    for call in (
        lambda: ivs.get_stream(channelArn=NOWHERE),
        lambda: ivs.stop_stream(channelArn=NOWHERE),
        lambda: ivs.put_metadata(channelArn=NOWHERE, metadata="x"),
    ):
        assert client_error(call) == not_found(NOWHERE)


def test_a_deleted_channel_is_not_found(kvs_fake, ivs):
    arn = _live(kvs_fake, ivs)
    kvs_fake.stop_broadcast(arn)
    ivs.delete_channel(arn=arn)
    assert client_error(lambda: ivs.get_stream(channelArn=arn)) == not_found(arn)


def test_another_region_or_account_does_not_see_the_stream(kvs_fake, ivs, make_client):
    arn = _live(kvs_fake, ivs)
    elsewhere = make_client("ivs", region="eu-west-1")
    assert client_error(lambda: elsewhere.get_stream(channelArn=arn)) == not_found(arn)
    assert elsewhere.list_streams()["streams"] == []
    with kvs_fake.as_account("111122223333"):
        assert client_error(lambda: ivs.get_stream(channelArn=arn)) == not_found(arn)
        assert client_error(lambda: ivs.stop_stream(channelArn=arn)) == not_found(arn)
        assert ivs.list_streams()["streams"] == []
    assert ivs.get_stream(channelArn=arn)["stream"]["state"] == "LIVE"


def test_the_broadcaster_finds_a_channel_of_any_account_and_region(kvs_fake, ivs, make_client):
    elsewhere = make_client("ivs", region="eu-west-1")
    arn = elsewhere.create_channel()["channel"]["arn"]
    with kvs_fake.as_account("111122223333"):
        theirs = create_channel_arn(ivs)
    stream_id = kvs_fake.start_broadcast(arn)
    kvs_fake.start_broadcast(theirs)
    assert elsewhere.get_stream(channelArn=arn)["stream"]["streamId"] == stream_id
    assert ivs.list_streams()["streams"] == []
    with kvs_fake.as_account("111122223333"):
        assert [s["channelArn"] for s in ivs.list_streams()["streams"]] == [theirs]
    kvs_fake.stop_broadcast(arn)
    assert elsewhere.list_streams()["streams"] == []


def test_stop_stream_disconnects_the_broadcaster(kvs_fake, ivs):
    arn = _live(kvs_fake, ivs)
    response = ivs.stop_stream(channelArn=arn)
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert {k: v for k, v in response.items() if k != "ResponseMetadata"} == {}
    assert client_error(lambda: ivs.get_stream(channelArn=arn)) == _offline(arn)
    assert client_error(lambda: ivs.stop_stream(channelArn=arn)) == _offline(arn)
    assert _refused(lambda: kvs_fake.stop_broadcast(arn)) == (  # the encoder is gone already
        f"stop_broadcast: channel {arn} is not live."
    )
    assert re.fullmatch(STREAM_ID, kvs_fake.start_broadcast(arn))  # and may come back


def test_stop_stream_on_a_channel_that_never_went_live(ivs):
    arn = create_channel_arn(ivs)
    assert client_error(lambda: ivs.stop_stream(channelArn=arn)) == _offline(arn)


# -- stream health ------------------------------------------------------------------------------


def test_set_stream_health_changes_what_get_stream_and_list_streams_show(kvs_fake, ivs):
    arn = _live(kvs_fake, ivs, viewer_count=7)
    kvs_fake.set_stream_health(arn, "STARVING")
    stream = ivs.get_stream(channelArn=arn)["stream"]
    assert (stream["health"], stream["viewerCount"]) == ("STARVING", 7)  # the count as it was
    kvs_fake.set_stream_health(arn, "UNKNOWN", viewer_count=-1)
    stream = ivs.get_stream(channelArn=arn)["stream"]
    assert (stream["health"], stream["viewerCount"]) == ("UNKNOWN", -1)
    kvs_fake.set_stream_health(arn, "HEALTHY", viewer_count=250)
    [listed] = ivs.list_streams(filterBy={"health": "HEALTHY"})["streams"]
    assert (listed["channelArn"], listed["health"], listed["viewerCount"]) == (arn, "HEALTHY", 250)
    assert ivs.list_streams(filterBy={"health": "UNKNOWN"})["streams"] == []


def test_set_stream_health_refuses_what_is_not_a_live_stream_or_a_model_health(kvs_fake, ivs):
    def refused(call) -> str:
        with pytest.raises(ValueError, match=r"^set_stream_health: ") as caught:
            call()
        return str(caught.value)

    for arn in (NOWHERE, "not-an-arn"):
        assert refused(lambda a=arn: kvs_fake.set_stream_health(a, "HEALTHY")) == (
            f"set_stream_health: there is no IVS channel {arn}."
        )
    offline = create_channel_arn(ivs)
    assert refused(lambda: kvs_fake.set_stream_health(offline, "STARVING")) == (
        f"set_stream_health: channel {offline} is not live."
    )
    live = _live(kvs_fake, ivs, viewer_count=3)
    assert refused(lambda: kvs_fake.set_stream_health(live, "GOOD")) == (
        "set_stream_health: health must be one of HEALTHY, STARVING, UNKNOWN; got 'GOOD'."
    )
    for count in (-2, True, "5"):
        assert refused(
            lambda c=count: kvs_fake.set_stream_health(live, "STARVING", viewer_count=c)
        ) == (
            "set_stream_health: viewer_count must be an integer, -1 (timed out) or more; "
            f"got {count!r}."
        )
    stream = ivs.get_stream(channelArn=live)["stream"]
    assert (stream["health"], stream["viewerCount"]) == ("HEALTHY", 3)  # refusals change nothing
    kvs_fake.stop_broadcast(live)
    assert refused(lambda: kvs_fake.set_stream_health(live, "HEALTHY")) == (
        f"set_stream_health: channel {live} is not live."
    )


# -- ListStreams --------------------------------------------------------------------------------


def test_list_streams_shows_live_streams_in_go_live_order(kvs_fake, ivs):
    with freeze_time(START) as frozen:
        create_channel(ivs)  # never live
        arns, ids = [], []
        for health, viewers in (("HEALTHY", 3), ("STARVING", 0), ("HEALTHY", 10)):
            arn = create_channel_arn(ivs)
            arns.append(arn)
            ids.append(kvs_fake.start_broadcast(arn, health=health, viewer_count=viewers))
            frozen.tick(1)
        ended = _live(kvs_fake, ivs)
        kvs_fake.stop_broadcast(ended)
        streams = ivs.list_streams()["streams"]
    assert streams == [
        {
            "channelArn": arns[0],
            "streamId": ids[0],
            "state": "LIVE",
            "health": "HEALTHY",
            "viewerCount": 3,
            "startTime": T0,
        },
        {
            "channelArn": arns[1],
            "streamId": ids[1],
            "state": "LIVE",
            "health": "STARVING",
            "viewerCount": 0,
            "startTime": T0 + timedelta(seconds=1),
        },
        {
            "channelArn": arns[2],
            "streamId": ids[2],
            "state": "LIVE",
            "health": "HEALTHY",
            "viewerCount": 10,
            "startTime": T0 + timedelta(seconds=2),
        },
    ]


def test_list_streams_filters_by_health(kvs_fake, ivs):
    healthy = _live(kvs_fake, ivs)
    starving = _live(kvs_fake, ivs, health="STARVING")

    def listed(health: str) -> list[str]:
        return [s["channelArn"] for s in ivs.list_streams(filterBy={"health": health})["streams"]]

    assert listed("HEALTHY") == [healthy]
    assert listed("STARVING") == [starving]
    assert listed("UNKNOWN") == []
    assert [s["channelArn"] for s in ivs.list_streams(filterBy={})["streams"]] == [
        healthy,
        starving,
    ]


def test_list_streams_refuses_a_health_the_model_does_not_define(ivs_unvalidated):
    assert client_error(lambda: ivs_unvalidated.list_streams(filterBy={"health": "GOOD"})) == (
        "ValidationException",
        "1 validation error detected: Value 'GOOD' at 'filterBy.health' failed to satisfy "
        "constraint: Member must satisfy enum value set: [HEALTHY, STARVING, UNKNOWN]",
        400,
    )


def test_list_streams_pages_with_max_results_and_next_token(kvs_fake, ivs):
    arns = [_live(kvs_fake, ivs) for _ in range(3)]
    first = ivs.list_streams(maxResults=2)
    assert [s["channelArn"] for s in first["streams"]] == arns[:2]
    assert re.fullmatch(r"[a-zA-Z0-9+/=_-]{1,1024}", first["nextToken"])
    rest = ivs.list_streams(maxResults=2, nextToken=first["nextToken"])
    assert [s["channelArn"] for s in rest["streams"]] == arns[2:]
    assert "nextToken" not in rest
    paginated = ivs.get_paginator("list_streams").paginate(PaginationConfig={"PageSize": 1})
    assert [s["channelArn"] for page in paginated for s in page["streams"]] == arns


def test_list_streams_refuses_foreign_tokens(kvs_fake, ivs):
    for _ in range(2):
        _live(kvs_fake, ivs)
    token = ivs.list_streams(maxResults=1, filterBy={"health": "HEALTHY"})["nextToken"]
    for bad in ("garbage", token[:-4]):
        assert client_error(lambda bad=bad: ivs.list_streams(nextToken=bad)) == (
            "ValidationException",
            f"The nextToken {bad!r} is not valid for this request.",
            400,
        )
    # minted under another filter
    assert client_error(lambda: ivs.list_streams(nextToken=token)) == (
        "ValidationException",
        f"The nextToken {token!r} is not valid for this request.",
        400,
    )


def test_list_streams_max_results_above_the_model_maximum(ivs_unvalidated):
    assert client_error(lambda: ivs_unvalidated.list_streams(maxResults=101)) == (
        "ValidationException",
        TOO_MANY_RESULTS,
        400,
    )


# -- PutMetadata --------------------------------------------------------------------------------


def test_put_metadata_on_a_live_channel_answers_204(kvs_fake, ivs):
    arn = _live(kvs_fake, ivs)
    response = ivs.put_metadata(channelArn=arn, metadata='{"question": "ready?"}')
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 204
    kvs_fake.assert_called("PutMetadata", channelArn=arn, metadata='{"question": "ready?"}')


def test_put_metadata_on_an_offline_channel(kvs_fake, ivs):
    arn = create_channel_arn(ivs)
    assert client_error(lambda: ivs.put_metadata(channelArn=arn, metadata="x")) == _offline(arn)
    kvs_fake.start_broadcast(arn)
    kvs_fake.stop_broadcast(arn)
    assert client_error(lambda: ivs.put_metadata(channelArn=arn, metadata="x")) == _offline(arn)


def test_put_metadata_payload_is_at_most_one_kilobyte_of_utf8(kvs_fake, ivs):
    with freeze_time(START):
        arn = _live(kvs_fake, ivs)
        ivs.put_metadata(channelArn=arn, metadata="x" * 1024)
        ivs.put_metadata(channelArn=arn, metadata="é" * 512)  # 1024 bytes
        too_big = (
            "ValidationException",
            "1 validation error detected: Value at 'metadata' failed to satisfy constraint: "
            "Member must have a size less than or equal to 1024 bytes",
            400,
        )
        assert client_error(lambda: ivs.put_metadata(channelArn=arn, metadata="x" * 1025)) == (
            too_big
        )
        # 342 characters, 1026 bytes: the payload is measured in bytes
        assert client_error(lambda: ivs.put_metadata(channelArn=arn, metadata="€" * 342)) == (
            too_big
        )
        offline = create_channel_arn(ivs)  # the size is checked before the channel
        assert client_error(lambda: ivs.put_metadata(channelArn=offline, metadata="x" * 1025)) == (
            too_big
        )
        for n in range(3):
            ivs.put_metadata(channelArn=arn, metadata=f"fits{n}")  # refused calls not counted


def test_put_metadata_is_throttled_above_five_requests_per_second_per_channel(kvs_fake, ivs):
    with freeze_time(START) as frozen:
        arn = _live(kvs_fake, ivs)
        for n in range(5):
            ivs.put_metadata(channelArn=arn, metadata=f"m{n}")
        assert client_error(lambda: ivs.put_metadata(channelArn=arn, metadata="m5")) == (
            _per_channel_throttle(arn)
        )
        frozen.tick(0.999)
        assert client_error(lambda: ivs.put_metadata(channelArn=arn, metadata="m5")) == (
            _per_channel_throttle(arn)
        )
        frozen.tick(0.001)  # one second after the first five
        for n in range(5):  # the refused requests did not count
            ivs.put_metadata(channelArn=arn, metadata=f"again{n}")
        assert client_error(lambda: ivs.put_metadata(channelArn=arn, metadata="m")) == (
            _per_channel_throttle(arn)
        )


def test_put_metadata_throttle_follows_the_fakes_clock(kvs_fake, ivs):
    with freeze_time(START):
        arn = _live(kvs_fake, ivs)
        for _ in range(5):
            ivs.put_metadata(channelArn=arn, metadata="m")
        assert client_error(lambda: ivs.put_metadata(channelArn=arn, metadata="m"))[0] == (
            "ThrottlingException"
        )
        kvs_fake.advance(1)
        ivs.put_metadata(channelArn=arn, metadata="m")


def test_put_metadata_throttle_is_per_channel(kvs_fake, ivs):
    with freeze_time(START):
        busy, quiet = _live(kvs_fake, ivs), _live(kvs_fake, ivs)
        for _ in range(5):
            ivs.put_metadata(channelArn=busy, metadata="m")
        for _ in range(5):
            ivs.put_metadata(channelArn=quiet, metadata="m")
        assert client_error(lambda: ivs.put_metadata(channelArn=busy, metadata="m")) == (
            _per_channel_throttle(busy)
        )


def test_put_metadata_is_throttled_above_155_requests_per_second_per_account(
    kvs_fake, ivs, make_client
):
    with freeze_time(START) as frozen:
        arns = [_live(kvs_fake, ivs) for _ in range(32)]
        for arn in arns[:31]:
            for _ in range(5):
                ivs.put_metadata(channelArn=arn, metadata="m")
        assert client_error(lambda: ivs.put_metadata(channelArn=arns[31], metadata="m")) == (
            "ThrottlingException",
            "Request was denied due to request throttling: "
            "more than 155 PutMetadata requests per second in account 123456789012.",
            429,
        )
        other_region = make_client("ivs", region="eu-west-1")
        elsewhere = other_region.create_channel()["channel"]["arn"]
        kvs_fake.start_broadcast(elsewhere)
        other_region.put_metadata(channelArn=elsewhere, metadata="m")  # a quota per region
        frozen.tick(1)
        ivs.put_metadata(channelArn=arns[31], metadata="m")


# -- InsertAdBreak ------------------------------------------------------------------------------


def _ad_channel(ivs) -> str:
    ad = ivs.create_ad_configuration(
        mediaTailorPlaybackConfigurations=[{"playbackConfigurationArn": PLAYBACK_CONFIGURATION}]
    )["adConfiguration"]
    return create_channel_arn(ivs, adConfigurationArn=ad["arn"])


@pytest.mark.requires_operations(*AD_OPERATIONS)
def test_insert_ad_break_on_a_live_channel_with_an_ad_configuration(kvs_fake, ivs):
    with freeze_time(START):
        arn = _ad_channel(ivs)
        kvs_fake.start_broadcast(arn)
        response = ivs.insert_ad_break(channelArn=arn, durationSeconds=30)
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert re.fullmatch(r"[a-zA-Z0-9]{12}", response["adBreakId"])
    assert response["targetStartAt"] == T0  # no target: the break starts now


@pytest.mark.requires_operations(*AD_OPERATIONS)
def test_insert_ad_break_echoes_the_callers_id_and_target_time(kvs_fake, ivs):
    arn = _ad_channel(ivs)
    kvs_fake.start_broadcast(arn)
    target = datetime(2030, 1, 1, 0, 0, 30, tzinfo=timezone.utc)
    response = ivs.insert_ad_break(
        channelArn=arn, durationSeconds=300, adBreakId="break0000001", targetStartAt=target
    )
    assert (response["adBreakId"], response["targetStartAt"]) == ("break0000001", target)
    plus_two = datetime(2030, 1, 1, 2, 0, 30, tzinfo=timezone(timedelta(hours=2)))
    for same in ("2030-01-01T00:00:30Z", datetime(2030, 1, 1, 0, 0, 30), plus_two):
        again = ivs.insert_ad_break(channelArn=arn, durationSeconds=1, targetStartAt=same)
        assert again["targetStartAt"] == target
        assert re.fullmatch(r"[a-zA-Z0-9]{12}", again["adBreakId"])
        assert again["adBreakId"] != "break0000001"


@pytest.mark.requires_operations(*AD_OPERATIONS)
def test_a_naive_target_time_is_utc_whatever_the_machines_zone(kvs_fake, ivs, monkeypatch):
    """As botocore serializes it: a datetime without a zone is UTC, not local time."""
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    try:
        arn = _ad_channel(ivs)
        kvs_fake.start_broadcast(arn)
        naive = datetime(2030, 1, 1, 0, 0, 30)
        response = ivs.insert_ad_break(channelArn=arn, durationSeconds=30, targetStartAt=naive)
    finally:
        monkeypatch.undo()
        time.tzset()
    assert response["targetStartAt"] == naive.replace(tzinfo=timezone.utc)


@pytest.mark.requires_operations(*AD_OPERATIONS)
def test_insert_ad_break_truncates_the_target_time_to_milliseconds(kvs_fake, ivs):
    arn = _ad_channel(ivs)
    kvs_fake.start_broadcast(arn)
    target = datetime(2030, 1, 1, 0, 0, 30, 999600, tzinfo=timezone.utc)
    response = ivs.insert_ad_break(channelArn=arn, durationSeconds=30, targetStartAt=target)
    assert response["targetStartAt"] == target.replace(microsecond=999000)  # as AWS prints times


@pytest.mark.requires_operations(*AD_OPERATIONS)
def test_insert_ad_break_needs_an_ad_configuration_on_the_channel(kvs_fake, ivs):
    arn = _live(kvs_fake, ivs)
    assert client_error(lambda: ivs.insert_ad_break(channelArn=arn, durationSeconds=30)) == (
        "ConflictException",
        "Updating or deleting a resource can cause an inconsistent state: "
        f"channel {arn} has no ad configuration.",
        409,
    )


@pytest.mark.requires_operations(*AD_OPERATIONS)
def test_insert_ad_break_needs_a_live_stream(kvs_fake, ivs):
    arn = _ad_channel(ivs)
    call = lambda: ivs.insert_ad_break(channelArn=arn, durationSeconds=30)  # noqa: E731
    assert client_error(call) == _offline(arn)
    bare = create_channel_arn(ivs)  # neither live nor with an ad configuration: offline first
    assert client_error(lambda: ivs.insert_ad_break(channelArn=bare, durationSeconds=30)) == (
        _offline(bare)
    )
    assert client_error(lambda: ivs.insert_ad_break(channelArn=NOWHERE, durationSeconds=30)) == (
        not_found(NOWHERE)
    )


@pytest.mark.requires_operations(*AD_OPERATIONS)
def test_insert_ad_break_duration_is_bounded_by_the_model(ivs_unvalidated):
    call = lambda: ivs_unvalidated.insert_ad_break(  # noqa: E731
        channelArn=NOWHERE, durationSeconds=301
    )
    assert client_error(call) == (
        "ValidationException",
        "1 validation error detected: Value '301' at 'durationSeconds' failed to satisfy "
        "constraint: Member must have value less than or equal to 300",
        400,
    )
