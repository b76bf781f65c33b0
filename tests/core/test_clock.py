"""One time source: wall clock plus advance(); freezegun and time-machine drive it."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
import time_machine
from freezegun import freeze_time

from pytest_kvsivs import KvsFake
from pytest_kvsivs.clock import Clock

START = datetime(2024, 3, 1, 12, 0, 0, tzinfo=timezone.utc)


def _status(kvs, name: str) -> str:
    return kvs.describe_signaling_channel(ChannelName=name)["ChannelInfo"]["ChannelStatus"]


def test_clock_is_wall_time_plus_offset():
    clock = Clock()
    with freeze_time(START):
        assert clock.now() == START.timestamp()
        clock.advance(90)
        clock.advance(0)  # allowed: nothing moves
        assert clock.now_datetime() == START + timedelta(seconds=90)
        assert clock.offset == 90
        assert clock.now_datetime().tzinfo is timezone.utc
    with pytest.raises(ValueError, match="time only moves forward"):
        clock.advance(-1)


def test_freezegun_drives_transitions(kvs_fake, kvs):
    with freeze_time(START) as frozen:
        kvs.create_signaling_channel(ChannelName="cam")
        frozen.tick(1.999)
        assert _status(kvs, "cam") == "CREATING"
        frozen.tick(0.001)
        assert _status(kvs, "cam") == "ACTIVE"
        created = kvs.describe_signaling_channel(ChannelName="cam")["ChannelInfo"]["CreationTime"]
        assert created == START
        assert created.utcoffset() is not None


def test_time_machine_drives_transitions(kvs_fake, kvs):
    with time_machine.travel(START, tick=False) as traveller:
        kvs.create_signaling_channel(ChannelName="cam")
        assert _status(kvs, "cam") == "CREATING"
        traveller.shift(2)
        assert _status(kvs, "cam") == "ACTIVE"


def test_advance_and_settle(kvs_fake, kvs):
    with freeze_time(START):
        kvs.create_signaling_channel(ChannelName="a")
        kvs.create_signaling_channel(ChannelName="b")
        kvs_fake.advance(2)
        assert _status(kvs, "a") == "ACTIVE"
        info = kvs.describe_signaling_channel(ChannelName="a")["ChannelInfo"]
        kvs.update_signaling_channel(ChannelARN=info["ChannelARN"], CurrentVersion=info["Version"])
        assert _status(kvs, "a") == "UPDATING"
        kvs_fake.settle()
        assert _status(kvs, "a") == "ACTIVE"
        assert kvs_fake.now() == START + timedelta(seconds=2)


def test_a_jump_walks_through_every_step(kvs_fake, kvs):
    with freeze_time(START) as frozen:
        arn = kvs.create_signaling_channel(ChannelName="cam")["ChannelARN"]
        frozen.tick(2)
        kvs.delete_signaling_channel(ChannelARN=arn)
        assert _status(kvs, "cam") == "DELETING"
        frozen.tick(3600)
        with pytest.raises(kvs.exceptions.ResourceNotFoundException):
            kvs.describe_signaling_channel(ChannelName="cam")


def test_delays_are_configurable_and_instant_exists(make_client):
    kvs = make_client()
    with (
        freeze_time(START),
        KvsFake(delays={"kinesisvideo.signaling_channel.CREATING": 30}) as fake,
    ):
        kvs.create_signaling_channel(ChannelName="slow")
        fake.advance(29)
        assert _status(kvs, "slow") == "CREATING"
        fake.advance(1)
        assert _status(kvs, "slow") == "ACTIVE"
    with KvsFake(instant=True):
        arn = kvs.create_signaling_channel(ChannelName="fast")["ChannelARN"]
        assert _status(kvs, "fast") == "ACTIVE"
        kvs.delete_signaling_channel(ChannelARN=arn)
        with pytest.raises(kvs.exceptions.ResourceNotFoundException):
            kvs.describe_signaling_channel(ChannelName="fast")


def test_bad_delays_are_rejected_with_the_known_names():
    with pytest.raises(ValueError, match=r"unknown delay name\(s\) \['channel.CREATING'\]"):
        KvsFake(delays={"channel.CREATING": 1})
    with pytest.raises(ValueError, match="delays are seconds >= 0"):
        KvsFake(delays={"kinesisvideo.signaling_channel.CREATING": -1})


def test_delay_names_carry_their_service():
    """IVS has streams too: a name without its service is unknown, and the message lists
    every service's names."""
    with pytest.raises(ValueError, match="unknown delay name") as caught:
        KvsFake(delays={"stream.CREATING": 1})
    message = str(caught.value)
    assert message.startswith("unknown delay name(s) ['stream.CREATING']; the known ones are [")
    assert "'kinesisvideo.stream.CREATING'" in message
    assert "'ivs.recording_configuration.CREATING'" in message
    delays = KvsFake(delays={"ivs.recording_configuration.CREATING": 30}).delays
    assert (
        delays["ivs.recording_configuration.CREATING"],
        delays["kinesisvideo.stream.CREATING"],
    ) == (
        30.0,
        5.0,
    )


def test_call_times_are_the_fake_clock(kvs_fake, kvs):
    with freeze_time(START):
        kvs_fake.advance(10)
        kvs.list_signaling_channels()
    assert kvs_fake.calls[-1].time == START + timedelta(seconds=10)
    assert kvs_fake.calls[-1].time.tzinfo is timezone.utc
