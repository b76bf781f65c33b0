"""IVS channels, their stream keys and broadcasts in random orders and time jumps, against a
model of what AWS shows: one key per channel, rotation mints a new key, a live channel can be
neither updated nor deleted, every broadcast is a stream session listed newest first."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

import botocore.session
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from freezegun import freeze_time
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, consumes, invariant, rule

from pytest_kvsivs import KvsFake

START = datetime(2024, 6, 1, tzinfo=timezone.utc)
KEY_VALUE = re.compile(r"sk_us-west-2_[a-zA-Z0-9]{12}_[a-zA-Z0-9]{30}")
STREAM_ID = re.compile(r"st-[a-zA-Z0-9]{23}")


@dataclass
class Expected:
    """What AWS shows of one channel."""

    arn: str
    name: str
    key: tuple[str, str] | None  # (ARN, value) of its stream key
    live: str | None = None  # the streamId of its live broadcast
    sessions: list[str] = field(default_factory=list)  # streamIds, oldest first
    keys_seen: set[str] = field(default_factory=set)  # every key ARN and value it ever had


def _code(call: Any) -> str | None:
    try:
        call()
    except ClientError as err:
        return str(err.response["Error"]["Code"])
    return None


class IvsLifecycle(RuleBasedStateMachine):
    channels = Bundle("channels")

    def __init__(self) -> None:
        super().__init__()
        self.freezer = freeze_time(START)
        self.freezer.start()
        self.fake = KvsFake(check_responses=True).start()
        self.ivs = botocore.session.Session().create_client(
            "ivs", region_name="us-west-2", config=Config(retries={"max_attempts": 1})
        )
        self.model: dict[str, Expected] = {}

    def teardown(self) -> None:
        self.fake.stop()
        self.freezer.stop()

    def _key_of(self, created: dict[str, Any]) -> tuple[str, str]:
        key = created["streamKey"]
        assert KEY_VALUE.fullmatch(key["value"])
        return key["arn"], key["value"]

    @rule(target=channels, name=st.sampled_from(["cam", "cam", "studio", ""]))
    def create_channel(self, name: str) -> str:
        created = self.ivs.create_channel(name=name)
        arn = created["channel"]["arn"]
        key = self._key_of(created)
        assert created["streamKey"]["channelArn"] == arn
        self.model[arn] = Expected(arn, name, key, keys_seen=set(key))
        return arn

    @rule(arn=channels)
    def rotate_or_refuse_a_key(self, arn: str) -> None:
        expected = self.model.get(arn)
        if expected is None:
            assert _code(lambda: self.ivs.create_stream_key(channelArn=arn)) == (
                "ResourceNotFoundException"
            )
            return
        if expected.key is not None:
            code = _code(lambda: self.ivs.create_stream_key(channelArn=arn))
            assert code == "ServiceQuotaExceededException"
            self.ivs.delete_stream_key(arn=expected.key[0])
            assert _code(lambda: self.ivs.get_stream_key(arn=expected.key[0])) == (
                "ResourceNotFoundException"
            )
            expected.key = None
        created = self.ivs.create_stream_key(channelArn=arn)
        key = self._key_of(created)
        assert not set(key) & expected.keys_seen, "a rotated key repeats an old ARN or value"
        expected.key = key
        expected.keys_seen |= set(key)

    @rule(arn=channels)
    def delete_the_key(self, arn: str) -> None:
        expected = self.model.get(arn)
        if expected is None or expected.key is None:
            return
        self.ivs.delete_stream_key(arn=expected.key[0])
        expected.key = None

    @rule(arn=channels, health=st.sampled_from(["HEALTHY", "STARVING", "UNKNOWN"]))
    def go_live(self, arn: str, health: str) -> None:
        expected = self.model.get(arn)
        if expected is None or expected.key is None or expected.live is not None:
            with pytest.raises(ValueError, match=re.escape(arn)):
                self.fake.start_broadcast(arn, health=health)
            return
        stream_id = self.fake.start_broadcast(arn, health=health)
        assert STREAM_ID.fullmatch(stream_id)
        assert stream_id not in expected.sessions
        expected.live = stream_id
        expected.sessions.append(stream_id)
        stream = self.ivs.get_stream(channelArn=arn)["stream"]
        assert (stream["streamId"], stream["state"], stream["health"]) == (
            stream_id,
            "LIVE",
            health,
        )

    @rule(arn=channels, through_the_api=st.booleans())
    def go_offline(self, arn: str, through_the_api: bool) -> None:
        expected = self.model.get(arn)
        if expected is None or expected.live is None:
            if through_the_api:
                code = _code(lambda: self.ivs.stop_stream(channelArn=arn))
                wanted = (
                    "ResourceNotFoundException" if expected is None else "ChannelNotBroadcasting"
                )
                assert code == wanted
            else:
                with pytest.raises(ValueError, match=re.escape(arn)):
                    self.fake.stop_broadcast(arn)
            return
        if through_the_api:
            self.ivs.stop_stream(channelArn=arn)
        else:
            self.fake.stop_broadcast(arn)
        expected.live = None

    @rule(arn=channels, name=st.sampled_from(["renamed", "cam"]))
    def update(self, arn: str, name: str) -> None:
        expected = self.model.get(arn)
        code = _code(lambda: self.ivs.update_channel(arn=arn, name=name))
        if expected is None:
            assert code == "ResourceNotFoundException"
        elif expected.live is not None:
            assert code == "ConflictException"
        else:
            assert code is None
            expected.name = name

    @rule(arn=consumes(channels))
    def delete_channel(self, arn: str) -> None:
        expected = self.model.get(arn)
        code = _code(lambda: self.ivs.delete_channel(arn=arn))
        if expected is None:
            assert code == "ResourceNotFoundException"
            return
        if expected.live is not None:
            assert code == "ConflictException"
            self.fake.stop_broadcast(arn)
            expected.live = None
            code = _code(lambda: self.ivs.delete_channel(arn=arn))
        assert code is None
        if expected.key is not None:
            assert _code(lambda: self.ivs.get_stream_key(arn=expected.key[0])) == (
                "ResourceNotFoundException"
            )
        del self.model[arn]

    @rule(seconds=st.sampled_from([0.5, 1, 60, 3600]))
    def time_passes(self, seconds: float) -> None:
        self.fake.advance(seconds)

    @invariant()
    def channels_and_keys_are_as_expected(self) -> None:
        listed = self.ivs.list_channels()["channels"]
        assert {c["arn"]: c["name"] for c in listed} == {
            arn: e.name for arn, e in self.model.items()
        }
        for arn, expected in self.model.items():
            keys = self.ivs.list_stream_keys(channelArn=arn, maxResults=50)["streamKeys"]
            assert [k["arn"] for k in keys] == ([expected.key[0]] if expected.key else [])
            if expected.key is not None:
                key = self.ivs.get_stream_key(arn=expected.key[0])["streamKey"]
                assert (key["value"], key["channelArn"]) == (expected.key[1], arn)

    @invariant()
    def streams_and_sessions_are_as_expected(self) -> None:
        streams = self.ivs.list_streams()["streams"]
        assert {s["channelArn"]: s["streamId"] for s in streams} == {
            arn: e.live for arn, e in self.model.items() if e.live is not None
        }
        for arn, expected in self.model.items():
            code = _code(lambda arn=arn: self.ivs.get_stream(channelArn=arn))
            assert code == (None if expected.live else "ChannelNotBroadcasting")
            sessions = self.ivs.list_stream_sessions(channelArn=arn, maxResults=100)
            assert [s["streamId"] for s in sessions["streamSessions"]] == expected.sessions[::-1]
            for summary in sessions["streamSessions"]:
                live = summary["streamId"] == expected.live
                assert ("endTime" in summary) is not live


IvsLifecycle.TestCase.settings = settings(
    max_examples=settings().max_examples, stateful_step_count=25, deadline=None
)
test_ivs_channel_key_and_broadcast_lifecycle = IvsLifecycle.TestCase
