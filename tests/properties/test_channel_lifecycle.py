"""Signaling channels in random orders and time jumps, against a model of what AWS shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

import botocore.session
from botocore.exceptions import ClientError
from freezegun import freeze_time
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from pytest_kvsivs import KvsFake
from pytest_kvsivs.services.kinesisvideo.defaults import SIGNALING_CHANNEL

START = datetime(2024, 6, 1, tzinfo=timezone.utc)
NAMES = st.sampled_from(["cam-a", "cam-b", "cam-c", "door"])
WATCH = st.sampled_from([True, True, True, False])
"""Mostly look at a started change's transition (see observe); sometimes leave it to chance."""
CREATING = SIGNALING_CHANNEL.seconds["CREATING"]
UPDATING = SIGNALING_CHANNEL.seconds["UPDATING"]
DELETING = SIGNALING_CHANNEL.seconds["DELETING"]


@dataclass
class Expected:
    arn: str
    channel_type: str
    ttl: int
    version: str
    steps: list[tuple[float, str | None]]
    tags: dict[str, str] = field(default_factory=dict)

    def status(self, t: float) -> str | None:
        return [s for at, s in self.steps if at <= t][-1]


def _code(call: Any) -> str | None:
    try:
        call()
    except ClientError as err:
        return str(err.response["Error"]["Code"])
    return None


class ChannelLifecycle(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.freezer = freeze_time(START)
        self.freezer.start()
        self.fake = KvsFake(check_responses=True).start()
        self.kvs = botocore.session.Session().create_client("kinesisvideo", region_name="us-west-2")
        self.t = self.fake.clock.now()
        self.model: dict[str, Expected] = {}

    def teardown(self) -> None:
        self.fake.stop()
        self.freezer.stop()

    def alive(self, name: str) -> Expected | None:
        expected = self.model.get(name)
        if expected is None or expected.status(self.t) is None:
            return None
        return expected

    @initialize()
    def an_active_channel(self) -> None:
        assert self.kvs.list_signaling_channels()["ChannelInfoList"] == []
        self.create("cam-a", None, None)
        self.settle()

    @rule(
        name=NAMES,
        channel_type=st.sampled_from([None, "SINGLE_MASTER", "FULL_MESH"]),
        ttl=st.none() | st.integers(5, 120),
    )
    def create(self, name: str, channel_type: str | None, ttl: int | None) -> None:
        params: dict[str, Any] = {"ChannelName": name}
        if channel_type:
            params["ChannelType"] = channel_type
        if ttl is not None:
            params["SingleMasterConfiguration"] = {"MessageTtlSeconds": ttl}
        if self.alive(name):
            assert _code(lambda: self.kvs.create_signaling_channel(**params)) == (
                "ResourceInUseException"
            )
            return
        arn = self.kvs.create_signaling_channel(**params)["ChannelARN"]
        version = self.kvs.describe_signaling_channel(ChannelARN=arn)["ChannelInfo"]["Version"]
        self.model[name] = Expected(
            arn,
            channel_type or "SINGLE_MASTER",
            60 if ttl is None else ttl,
            version,
            [(self.t, "CREATING"), (self.t + CREATING, "ACTIVE")],
        )

    def observe(self, expected: Expected) -> None:
        """Look at a resource a millisecond before and at its next expected status change:
        a fake early or late by any amount fails here."""
        pending = [at for at, _ in expected.steps if at > self.t]
        if not pending:
            return
        for target in (min(pending) - 0.001, min(pending)):
            if target > self.t:
                self.advance(target - self.t)
            self.describe_matches_the_model()

    @rule(name=NAMES, ttl=st.integers(5, 120), stale=st.booleans(), watch=WATCH)
    def update(self, name: str, ttl: int, stale: bool, watch: bool) -> None:
        expected = self.alive(name)
        if expected is None:
            return
        version = "stale0version" if stale else expected.version
        code = _code(
            lambda: self.kvs.update_signaling_channel(
                ChannelARN=expected.arn,
                CurrentVersion=version,
                SingleMasterConfiguration={"MessageTtlSeconds": ttl},
            )
        )
        if expected.status(self.t) != "ACTIVE":
            assert code == "ResourceInUseException"
        elif stale:
            assert code == "VersionMismatchException"
        else:
            assert code is None
            expected.ttl = ttl
            expected.steps += [(self.t, "UPDATING"), (self.t + UPDATING, "ACTIVE")]
            info = self.kvs.describe_signaling_channel(ChannelARN=expected.arn)["ChannelInfo"]
            assert info["Version"] != expected.version
            expected.version = info["Version"]
            if watch:
                self.observe(expected)

    @rule(name=NAMES, watch=WATCH)
    def delete(self, name: str, watch: bool) -> None:
        expected = self.model.get(name)
        if expected is None:
            return
        code = _code(lambda: self.kvs.delete_signaling_channel(ChannelARN=expected.arn))
        status = expected.status(self.t)
        if status is None:
            assert code == "ResourceNotFoundException"
        elif status != "ACTIVE":
            assert code == "ResourceInUseException"
        else:
            assert code is None
            expected.steps += [(self.t, "DELETING"), (self.t + DELETING, None)]
            if watch:
                self.observe(expected)

    @rule(name=NAMES, key=st.sampled_from(["a", "b", "c"]), value=st.sampled_from(["", "x"]))
    def tag(self, name: str, key: str, value: str) -> None:
        expected = self.alive(name)
        if expected is None:
            return
        self.kvs.tag_resource(ResourceARN=expected.arn, Tags=[{"Key": key, "Value": value}])
        expected.tags[key] = value

    @rule(name=NAMES, key=st.sampled_from(["a", "b", "z"]))
    def untag(self, name: str, key: str) -> None:
        expected = self.alive(name)
        if expected is None:
            return
        self.kvs.untag_resource(ResourceARN=expected.arn, TagKeyList=[key])
        expected.tags.pop(key, None)

    @rule(seconds=st.sampled_from([0.5, 1.0, 1.999, 2.0, 3.0, 60.0]))
    def advance(self, seconds: float) -> None:
        self.fake.advance(seconds)
        self.t = self.fake.clock.now()  # the fake's own sum: the same floats at boundaries

    @rule(just_before=st.booleans())
    def to_the_next_expected_transition(self, just_before: bool) -> None:
        """Jump to the model's next status change, or a millisecond before it: a fake that is
        early or late by any amount is caught here, not only when a random jump lands."""
        pending = [at for e in self.model.values() for at, _ in e.steps if at > self.t]
        step = min(pending, default=self.t) - self.t - (0.001 if just_before else 0.0)
        if step > 0:
            self.advance(step)

    @rule()
    def settle(self) -> None:
        self.fake.settle()
        for expected in self.model.values():
            expected.steps = [(min(at, self.t), s) for at, s in expected.steps]

    @rule(page_size=st.integers(1, 5))
    def every_channel_listed_once_in_order(self, page_size: int) -> None:
        pages = self.kvs.get_paginator("list_signaling_channels").paginate(
            PaginationConfig={"PageSize": page_size}
        )
        listed = [
            (c["ChannelName"], c["ChannelStatus"]) for p in pages for c in p["ChannelInfoList"]
        ]
        expected = sorted(
            (name, e.status(self.t)) for name, e in self.model.items() if self.alive(name)
        )
        assert listed == expected

    @invariant()
    def describe_matches_the_model(self) -> None:
        for name, expected in self.model.items():
            if self.alive(name) is None:
                code = _code(lambda n=name: self.kvs.describe_signaling_channel(ChannelName=n))
                assert code == "ResourceNotFoundException"
                continue
            info = self.kvs.describe_signaling_channel(ChannelName=name)["ChannelInfo"]
            assert (info["ChannelARN"], info["ChannelStatus"], info["ChannelType"]) == (
                expected.arn,
                expected.status(self.t),
                expected.channel_type,
            )
            assert info["SingleMasterConfiguration"] == {"MessageTtlSeconds": expected.ttl}
            tags = self.kvs.list_tags_for_resource(ResourceARN=expected.arn)["Tags"]
            assert tags == expected.tags


TestChannelLifecycle = ChannelLifecycle.TestCase
TestChannelLifecycle.settings = settings(
    settings(), stateful_step_count=30, max_examples=max(50, settings().max_examples)
)
