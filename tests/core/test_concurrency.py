"""Many threads at once, through their own clients and a shared one."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

THREADS = 8
PER_THREAD = 15


def _run(workers: list[Callable[[], None]]) -> list[BaseException]:
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(workers))

    def wrap(work: Callable[[], None]) -> None:
        barrier.wait()
        try:
            work()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=wrap, args=(w,)) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


@pytest.mark.kvs_fake(instant=True)
def test_creates_updates_deletes_and_lists_from_many_threads(kvs_fake):
    shared = boto3.client("kinesisvideo", region_name="us-west-2")
    made: Counter[str] = Counter()
    lock = threading.Lock()

    def worker(index: int) -> Callable[[], None]:
        own = boto3.client("kinesisvideo", region_name="us-west-2")

        def work() -> None:
            calls: Counter[str] = Counter()
            for i in range(PER_THREAD):
                client = own if i % 2 else shared
                name = f"t{index}-{i:02d}"
                arn = client.create_signaling_channel(ChannelName=name)["ChannelARN"]
                info = client.describe_signaling_channel(ChannelARN=arn)["ChannelInfo"]
                client.update_signaling_channel(
                    ChannelARN=arn,
                    CurrentVersion=info["Version"],
                    SingleMasterConfiguration={"MessageTtlSeconds": 5 + i},
                )
                client.list_signaling_channels(MaxResults=7)
                calls.update(["create", "describe", "update", "list"])
                if i % 3 == 0:
                    client.delete_signaling_channel(ChannelARN=arn)
                    calls["delete"] += 1
            with lock:
                made.update(calls)

        return work

    assert _run([worker(n) for n in range(THREADS)]) == []
    listed = [
        c
        for page in shared.get_paginator("list_signaling_channels").paginate()
        for c in page["ChannelInfoList"]
    ]
    expected = sorted(
        f"t{n}-{i:02d}" for n in range(THREADS) for i in range(PER_THREAD) if i % 3 != 0
    )
    assert [c["ChannelName"] for c in listed] == expected
    assert {
        c["ChannelName"]: c["SingleMasterConfiguration"]["MessageTtlSeconds"] for c in listed
    } == {name: 5 + int(name.split("-")[1]) for name in expected}
    log = Counter(r.operation for r in kvs_fake.calls)
    assert log["CreateSignalingChannel"] == made["create"] == THREADS * PER_THREAD
    assert log["UpdateSignalingChannel"] == made["update"]
    assert log["DeleteSignalingChannel"] == made["delete"]
    assert all(r.error_code is None for r in kvs_fake.calls)


@pytest.mark.kvs_fake(instant=True)
def test_concurrent_updates_of_one_version_exactly_one_wins(kvs_fake):
    clients = [boto3.client("kinesisvideo", region_name="us-west-2") for _ in range(THREADS)]
    arn = clients[0].create_signaling_channel(ChannelName="contended")["ChannelARN"]
    for round_ in range(5):
        version = clients[0].describe_signaling_channel(ChannelARN=arn)["ChannelInfo"]["Version"]
        outcomes: list[str] = []

        def update(
            client: Any, ttl: int, version: str = version, outcomes: list[str] = outcomes
        ) -> Callable[[], None]:
            def work() -> None:
                try:
                    client.update_signaling_channel(
                        ChannelARN=arn,
                        CurrentVersion=version,
                        SingleMasterConfiguration={"MessageTtlSeconds": ttl},
                    )
                    outcomes.append("ok")
                except ClientError as err:
                    outcomes.append(err.response["Error"]["Code"])

            return work

        assert _run([update(c, 10 + n) for n, c in enumerate(clients)]) == []
        assert sorted(outcomes) == ["VersionMismatchException"] * (THREADS - 1) + ["ok"], round_
    updates = kvs_fake.calls.filter("UpdateSignalingChannel")
    assert [r.error_code for r in updates].count(None) == 5


@pytest.mark.kvs_fake(instant=True)
def test_same_name_created_by_many_threads_exists_once(kvs_fake):
    outcomes: list[str] = []

    def create() -> None:
        client = boto3.client("kinesisvideo", region_name="us-west-2")
        try:
            client.create_signaling_channel(ChannelName="once")
            outcomes.append("ok")
        except ClientError as err:
            outcomes.append(err.response["Error"]["Code"])

    assert _run([create] * THREADS) == []
    assert sorted(outcomes) == ["ResourceInUseException"] * (THREADS - 1) + ["ok"]


def test_a_state_another_thread_created_meanwhile_is_the_one_used():
    """The race ``Backend.state`` guards against, made deterministic: between the unlocked
    look and the lock, another thread creates the state of the same account and region."""
    from pytest_kvsivs.services import backends

    backend = backends()["kinesisvideo"]
    theirs = backend._new_state()

    class Racing(dict):
        looks = 0

        def get(self, key, default=None):
            Racing.looks += 1
            if Racing.looks == 1:
                self[key] = theirs  # the other thread, just after our unlocked look
                return None
            return super().get(key, default)

    backend._states = Racing()
    assert backend.state("123456789012", "us-west-2") is theirs
    assert backend.state("123456789012", "us-west-2") is theirs
    assert backend.state("123456789012", "eu-west-1") is not theirs
