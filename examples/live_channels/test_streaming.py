"""Tests of the live-streaming module, written the way a user of pytest-kvsivs would: the
encoder is ``kvs_fake.start_broadcast``, S3 bucket regions are ``kvs_fake.set_bucket_region``."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest
from freezegun import freeze_time
from streaming import (
    IVS,
    RecordingFailed,
    broadcasts,
    create_show,
    end_show,
    is_live,
    rotate_stream_key,
)

from pytest_kvsivs import KvsFake

START = datetime(2024, 5, 1, 20, 0, tzinfo=timezone.utc)


@pytest.mark.kvs_fake(instant=True)
def test_a_show_gets_a_channel_an_ingest_server_and_a_key(kvs_fake: KvsFake) -> None:
    show = create_show("evening-news")
    assert re.fullmatch(r"arn:aws:ivs:us-west-2:123456789012:channel/[a-zA-Z0-9]{12}", show["arn"])
    assert re.fullmatch(
        r"rtmps://[0-9a-f]{12}\.global-contribute\.live-video\.net:443/app/", show["server"]
    )
    assert re.fullmatch(r"sk_us-west-2_[a-zA-Z0-9]{12}_[a-zA-Z0-9]{30}", show["stream_key"])
    assert show["playback_url"].endswith(f".channel.{show['arn'][-12:]}.m3u8")
    kvs_fake.assert_called("CreateChannel", name="evening-news", latencyMode="LOW")


def test_a_recorded_show_waits_for_its_recording_configuration(kvs_fake: KvsFake) -> None:
    with freeze_time(START):
        show = create_show("late-show", bucket="recordings", sleep=kvs_fake.advance)
        channel = IVS.get_channel(arn=show["arn"])["channel"]
        recording = IVS.get_recording_configuration(arn=channel["recordingConfigurationArn"])
        assert recording["recordingConfiguration"]["state"] == "ACTIVE"
        # CREATING for the default 5 s: polled at 0, 1, ... 5 s, then read once more above.
        assert len(kvs_fake.calls.filter("GetRecordingConfiguration")) == 7


@pytest.mark.kvs_fake(instant=True)
def test_a_bucket_in_another_region_is_refused(kvs_fake: KvsFake) -> None:
    kvs_fake.set_bucket_region("eu-archive", "eu-central-1")
    with pytest.raises(IVS.exceptions.ValidationException):
        create_show("late-show", bucket="eu-archive")
    kvs_fake.assert_not_called("CreateChannel")


@pytest.mark.kvs_fake(instant=True)
def test_in_us_east_1_a_foreign_bucket_fails_after_the_create(
    kvs_fake: KvsFake, monkeypatch: pytest.MonkeyPatch
) -> None:
    import boto3
    import streaming

    monkeypatch.setattr(streaming, "IVS", boto3.client("ivs", region_name="us-east-1"))
    kvs_fake.set_bucket_region("eu-archive", "eu-central-1")
    with pytest.raises(RecordingFailed):
        create_show("late-show", bucket="eu-archive")


@pytest.mark.kvs_fake(instant=True)
def test_ending_a_live_show_stops_the_stream_first(kvs_fake: KvsFake) -> None:
    show = create_show("match")
    assert not is_live(show["arn"])
    kvs_fake.start_broadcast(show["arn"], viewer_count=1500)
    assert is_live(show["arn"])
    end_show(show["arn"])
    kvs_fake.assert_called("StopStream", channelArn=show["arn"], times=1)
    kvs_fake.assert_called("DeleteChannel", arn=show["arn"], times=1)
    with pytest.raises(IVS.exceptions.ResourceNotFoundException):
        IVS.get_channel(arn=show["arn"])


@pytest.mark.kvs_fake(instant=True)
def test_a_rotated_key_is_new_and_the_channel_has_only_it(kvs_fake: KvsFake) -> None:
    show = create_show("match")
    new_key = rotate_stream_key(show["arn"])
    assert new_key != show["stream_key"]
    (key,) = IVS.list_stream_keys(channelArn=show["arn"])["streamKeys"]
    assert IVS.get_stream_key(arn=key["arn"])["streamKey"]["value"] == new_key


def test_broadcasts_are_listed_newest_first_with_their_times(kvs_fake: KvsFake) -> None:
    with freeze_time(START):
        kvs_fake.settle()
        show = create_show("match")
        first = kvs_fake.start_broadcast(show["arn"])
        kvs_fake.advance(3600)
        kvs_fake.stop_broadcast(show["arn"])
        kvs_fake.advance(60)
        second = kvs_fake.start_broadcast(show["arn"])
        assert broadcasts(show["arn"]) == [
            {"stream_id": second, "start": START + timedelta(seconds=3660), "end": None},
            {
                "stream_id": first,
                "start": START,
                "end": START + timedelta(seconds=3600),
            },
        ]
